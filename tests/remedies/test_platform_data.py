"""Tests of lessons.remedies.platform_data: group fairness and Chapter 1's model refitted with platform data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _remedies_fixtures import FAST, FEW, page_study, population, small_study
from hypothesis import assume, given
from hypothesis import strategies as st

from lessons import credit
from lessons.remedies import platform_data
from lessons.remedies.platform_data import fairness_comparison, fairness_gaps, group_fairness

# ---------------------------------------------------------------------------
# Group fairness
# ---------------------------------------------------------------------------


def test_group_fairness_reproduces_a_worked_example():
    t = group_fairness([1, 1, 0, 1, 0, 0], [0, 1, 0, 0, 0, 1], ["a", "a", "a", "b", "b", "b"])
    assert t.loc["a", "approval_rate"] == pytest.approx(2 / 3)
    assert t.loc["b", "approval_rate"] == pytest.approx(1 / 3)
    assert t.loc["a", "tpr"] == pytest.approx(0.5)
    assert t.loc["a", "fpr"] == pytest.approx(1.0)
    assert t.loc["b", "bad_rate"] == pytest.approx(0.0)
    assert t.loc["all", "applicants"] == 6
    gaps = fairness_gaps(t)
    assert gaps["approval_gap"] == pytest.approx(1 / 3)
    assert gaps["approval_ratio"] == pytest.approx(0.5)
    assert gaps["tpr_gap"] == pytest.approx(0.0)
    assert gaps["lowest_approval_group"] == "b"


@FAST
@given(
    approved=st.lists(st.booleans(), min_size=4, max_size=60),
    seed=st.integers(0, 2**16),
)
def test_group_rates_are_probabilities_and_the_overall_rate_is_their_weighted_mean(approved, seed):
    rng = np.random.default_rng(seed)
    n = len(approved)
    defaults = rng.integers(0, 2, n)
    groups = rng.choice(["x", "y", "z"], n)
    t = group_fairness(approved, defaults, groups)
    rates = t[["approval_rate", "tpr", "fpr", "bad_rate"]].to_numpy(dtype=float)
    assert np.nanmin(rates) >= 0 and np.nanmax(rates) <= 1
    groups_only = t.drop(index="all")
    assert (groups_only["approval_rate"] * groups_only["share"]).sum() == pytest.approx(t.loc["all", "approval_rate"])
    gaps = fairness_gaps(t)
    assert 0 <= gaps["approval_gap"] <= 1


def test_equal_decisions_give_zero_gaps_before_and_after():
    segments = pd.DataFrame({"age_band": ["18-24", "25-34"] * 4, "city_tier": [1, 1, 4, 4] * 2})
    same = [1, 0] * 4
    table = fairness_comparison(same, same, [0, 0, 0, 1] * 2, segments)
    assert (table["approval_gap_before"] == table["approval_gap_after"]).all()


@pytest.mark.parametrize(
    "approved, defaults, groups, match",
    [
        ([1, 0], [0, 1, 0], ["a", "b"], "same length"),
        ([1, 2], [0, 1], ["a", "b"], "approved"),
        ([1, 0], [0, 3], ["a", "b"], "defaults"),
        ([1, 0], [0, 1], ["a", None], "groups"),
    ],
)
def test_group_fairness_rejects_bad_input(approved, defaults, groups, match):
    with pytest.raises(ValueError, match=match):
        group_fairness(approved, defaults, groups)


def test_fairness_gaps_needs_a_group_table():
    with pytest.raises(ValueError, match="table"):
        fairness_gaps(pd.DataFrame({"x": [1]}))


# ---------------------------------------------------------------------------
# More data
# ---------------------------------------------------------------------------


def _l2_penalty_per_row(pop, features) -> float:
    """The L2 term of the fitted model's objective, per row, as scikit-learn defines it (C = 10)."""
    model = credit.fit_platform_model(pop, features)
    std = credit.design_matrix(pop, features).to_numpy(dtype=float).std(axis=0)
    return float(np.sum((np.asarray(model.coefficients) * std) ** 2) / (2 * 10.0 * len(pop)))


@FEW
@given(
    seed=st.integers(0, 10_000),
    base=st.sampled_from([("utilisation",), ("utilisation", "income"), ("on_time_share", "reported_lenders")]),
    extra=st.sampled_from(["monthly_payment_volume", "tenure_months", "past_overdues", "income"]),
)
def test_adding_a_variable_never_worsens_the_penalised_in_sample_fit(seed, base, extra):
    # The invariant logistic regression really keeps: the old solution with a zero coefficient for the new
    # variable is still feasible, so the penalised objective (mean log-loss + L2 term) cannot rise.
    from lessons.data import synthetic_applicants

    assume(extra not in base)
    pop = synthetic_applicants(n=10_000, seed=seed)
    small, large = list(base), [*base, extra]
    fit = platform_data.in_sample_fit(pop, {"small": small, "large": large})
    before = fit.loc["small", "log_loss"] + _l2_penalty_per_row(pop, small)
    after = fit.loc["large", "log_loss"] + _l2_penalty_per_row(pop, large)
    assert after <= before + 1e-7


def test_in_sample_auc_can_fall_when_a_variable_is_added():
    # Hypothesis found this sample: the fit improves (log-loss falls) while the in-sample AUC falls by ~0.004.
    # The platforms-data page shows it to learners.
    from lessons.data import synthetic_applicants

    pop = synthetic_applicants(n=10_000, seed=376)
    base = ["on_time_share", "reported_lenders"]
    fit = platform_data.in_sample_fit(pop, {"base": base, "plus overdues": [*base, "past_overdues"]})
    assert list(fit.columns) == ["log_loss", "auc"]
    assert fit.loc["plus overdues", "log_loss"] < fit.loc["base", "log_loss"]
    assert fit.loc["plus overdues", "auc"] < fit.loc["base", "auc"] - 0.002


@pytest.mark.parametrize("feature_sets", [{}, [["utilisation"]], None])
def test_in_sample_fit_rejects_anything_but_a_non_empty_mapping(feature_sets):
    from lessons.data import synthetic_applicants

    with pytest.raises(ValueError, match="feature_sets"):
        platform_data.in_sample_fit(synthetic_applicants(n=500, seed=1), feature_sets)


def test_platform_data_raise_hold_out_auc_and_thin_file_approvals_at_the_same_bad_rate():
    # On the page's population (20,000 applicants, seed 2020); with a few thousand applicants the
    # thin-file comparison is within sampling noise.
    table = platform_data.data_comparison(page_study())
    assert table.loc["bureau + platform", "auc"] > table.loc["bureau", "auc"]
    assert (table["bad_rate"] <= table.loc["bureau", "bad_rate"] + 1e-12).all()
    assert table.loc["bureau + platform", "thin_approval_rate"] > table.loc["bureau", "thin_approval_rate"]


def test_data_metrics_rejects_unknown_sources_and_cutoffs_off_the_scale():
    with pytest.raises(ValueError, match="source"):
        platform_data.data_metrics(small_study(), "social network", 570)
    with pytest.raises(ValueError, match="cutoff"):
        platform_data.data_metrics(small_study(), "bureau", 1000)


def test_a_reference_cutoff_that_approves_nobody_is_explained():
    with pytest.raises(ValueError, match="approves nobody"):
        platform_data.data_comparison(small_study(), reference_cutoff=900)


def test_data_metrics_at_the_lowest_cutoff_approves_everyone_and_has_no_gaps():
    m = platform_data.data_metrics(small_study(), "bureau", 300)
    assert m["approval_rate"] == 1.0
    assert m["age_band_approval_gap"] == 0.0 and m["city_tier_tpr_gap"] == 0.0


# ---------------------------------------------------------------------------
# Arguments of the wrong kind (issue 16): a clear error that names the parameter, never an AttributeError
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("groups", [None, 5, "ab", [["a", "b"], ["a", "b"]]])
def test_group_fairness_rejects_groups_that_are_not_one_label_per_applicant(groups):
    with pytest.raises(ValueError, match="groups must be a 1-D array of group labels"):
        group_fairness([1, 0], [0, 1], groups)


def test_group_fairness_names_approved_when_it_is_text():
    with pytest.raises(TypeError, match="approved must be an array of numbers"):
        group_fairness("yes", [0], ["a"])


@pytest.mark.parametrize("name", ["before", "after", "defaults"])
def test_fairness_comparison_names_the_argument_that_is_wrong(name):
    # before and after used to be reported as "approved", the name inside group_fairness.
    args = {"before": [1, 0, 1, 0], "after": [1, 1, 0, 0], "defaults": [0, 0, 1, 1], "segments": pd.DataFrame({"g": ["a", "a", "b", "b"]})}
    args[name] = [1, 0, 2, 0]
    with pytest.raises(ValueError, match=f"^{name} must contain only 0 and 1"):
        fairness_comparison(**args)


def test_fairness_comparison_needs_one_segment_row_per_applicant():
    with pytest.raises(ValueError, match="before and segments must have the same length"):
        fairness_comparison([1, 0, 1, 0], [1, 1, 0, 0], [0, 0, 1, 1], pd.DataFrame({"g": ["a", "a", "b"]}))


@pytest.mark.parametrize("features", [5, None, "utilisation"])
def test_in_sample_fit_names_a_feature_set_that_is_not_a_list_of_variables(features):
    from lessons.data import synthetic_applicants

    with pytest.raises(ValueError, match=r"feature_sets\['x'\] must be a sequence of variable names"):
        platform_data.in_sample_fit(synthetic_applicants(n=500, seed=1), {"x": features})


@pytest.mark.parametrize("sources", [5, "bureau", ["utilisation"], {}, {"x": 5}])
def test_data_study_rejects_sources_that_are_not_a_mapping_of_variables(sources):
    with pytest.raises(ValueError, match="^sources"):
        platform_data.data_study(population(), sources=sources)


@pytest.mark.parametrize("sources", [5, "bureau", []])
def test_data_comparison_rejects_sources_that_are_not_a_list_of_the_studys_sources(sources):
    # A string used to be split into letters ("got 'b'"), an empty list to end in a KeyError.
    with pytest.raises(ValueError, match="^sources must"):
        platform_data.data_comparison(small_study(), sources=sources)
    assert list(platform_data.data_comparison(small_study(), sources=["bureau"]).index) == ["bureau"]


def test_data_comparison_names_reference_and_reference_cutoff():
    with pytest.raises(ValueError, match="^reference must be one of"):
        platform_data.data_comparison(small_study(), reference="social network")
    with pytest.raises(ValueError, match="^reference_cutoff must be a number in"):
        platform_data.data_comparison(small_study(), reference_cutoff=1000)
    with pytest.raises(TypeError, match="^reference_cutoff must be a number in"):
        platform_data.data_comparison(small_study(), reference_cutoff=None)


# ---------------------------------------------------------------------------
# Issue 13: gains over several splits, and the German scorecard measured by group
# ---------------------------------------------------------------------------


def _gains():
    from lessons.remedies.platform_data import data_gains

    return data_gains(population(), seeds=(1, 2, 3))


def test_data_gains_are_differences_against_the_reference_on_the_same_split():
    from lessons.remedies.platform_data import data_comparison, data_study

    gains = _gains()
    assert (gains.loc["bureau"].drop(columns="cutoff") == 0).all().all()
    table = data_comparison(data_study(population(), seed=2))
    expected = table.loc["bureau + platform", "thin_approval_rate"] - table.loc["bureau", "thin_approval_rate"]
    assert gains.loc[("bureau + platform", 2), "thin_approval_rate"] == pytest.approx(expected)


def test_gain_estimate_averages_the_splits_with_a_standard_error():
    from lessons.remedies.platform_data import gain_estimate

    gains = _gains()
    est = gain_estimate(gains, "thin_approval_rate")
    values = gains.loc["bureau + platform", "thin_approval_rate"].to_numpy()
    assert est.value == pytest.approx(values.mean())
    assert est.standard_error == pytest.approx(values.std(ddof=1) / np.sqrt(3))
    assert est.n == 3


@pytest.mark.parametrize("seeds", [5, "12", [1], [2, 2]])
def test_data_gains_needs_two_different_seeds(seeds):
    from lessons.remedies.platform_data import data_gains

    with pytest.raises(ValueError, match="^seeds must"):
        data_gains(population(), seeds=seeds)


def test_gain_estimate_rejects_what_is_not_a_gains_table():
    from lessons.remedies.platform_data import gain_estimate

    with pytest.raises(TypeError, match="gains"):
        gain_estimate(pd.DataFrame({"auc": [0.1]}), "auc")
    with pytest.raises(ValueError, match="column"):
        gain_estimate(_gains(), "profit")


def test_german_fairness_counts_every_applicant_once_per_grouping_and_approves_the_asked_share():
    from lessons.remedies.platform_data import german_fairness

    table = german_fairness(approval_rate=0.7)
    for variable in ("personal_status_sex", "foreign_worker"):
        part = table.loc[variable]
        assert part["applicants"].sum() == 1_000
        assert (part["approval_rate"] * part["applicants"]).sum() / 1_000 == pytest.approx(0.7, abs=0.005)
    assert int(table.loc[("foreign_worker", "yes"), "applicants"]) == 37


def test_german_fairness_intervals_contain_their_rates_and_are_wide_for_small_groups():
    from lessons.remedies.platform_data import german_fairness

    table = german_fairness()
    for name in ("approval", "good_declined", "bad_approved"):
        value = table["approval_rate" if name == "approval" else name]
        assert ((table[f"{name}_low"] <= value) & (value <= table[f"{name}_high"])).all()
    width = table["approval_high"] - table["approval_low"]
    assert width[("foreign_worker", "yes")] > 2 * width[("foreign_worker", "no")]


def test_german_fairness_keeps_the_mixed_level_of_personal_status_sex_as_it_is():
    # Level 2 of the corrected data is "female: non-single, or male: single": the grouping cannot be split by sex.
    from lessons.remedies.platform_data import german_fairness

    groups = set(german_fairness().loc["personal_status_sex"].index)
    assert "female: non-single, or male: single" in groups
    assert not {"female", "male"} & groups


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"approval_rate": 0}, ValueError, "approval_rate"),
        ({"approval_rate": 1.5}, ValueError, "approval_rate"),
        ({"sample": "train"}, ValueError, "sample"),
        ({"groups": "foreign_worker"}, ValueError, "groups"),
        ({"study": 5}, TypeError, "study"),
    ],
)
def test_german_fairness_rejects_bad_settings(kwargs, error, match):
    from lessons.remedies.platform_data import german_fairness

    with pytest.raises(error, match=match):
        german_fairness(**kwargs)


def test_group_gap_is_the_difference_of_two_groups_with_newcombes_interval():
    from lessons.remedies.platform_data import german_fairness, group_gap

    table = german_fairness()
    gap = group_gap(table, "foreign_worker", "yes", "no")
    yes, no = table.loc[("foreign_worker", "yes")], table.loc[("foreign_worker", "no")]
    assert gap.value == pytest.approx(yes["approval_rate"] - no["approval_rate"])
    assert gap.low == pytest.approx(gap.value - np.hypot(yes["approval_rate"] - yes["approval_low"], no["approval_high"] - no["approval_rate"]))
    # 37 foreign workers: the interval is wide, and it contains zero.
    assert gap.low < 0 < gap.high
    mirror = group_gap(table, "foreign_worker", "no", "yes")
    assert mirror.value == pytest.approx(-gap.value)
    assert (mirror.low, mirror.high) == pytest.approx((-gap.high, -gap.low))


def test_group_gap_names_what_it_cannot_find():
    from lessons.remedies.platform_data import german_fairness, group_gap

    table = german_fairness()
    with pytest.raises(ValueError, match="variable"):
        group_gap(table, "age", "a", "b")
    with pytest.raises(ValueError, match="first"):
        group_gap(table, "foreign_worker", "maybe", "no")
    with pytest.raises(ValueError, match="column"):
        group_gap(table, "foreign_worker", "yes", "no", column="auc")
