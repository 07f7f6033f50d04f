"""Tests of lessons.remedies (Chapter 4): worked numbers, invariants, bad input, widgets and budgets."""

from __future__ import annotations

import itertools
import math
import time
from functools import lru_cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lessons import credit, remedies
from lessons.remedies import (
    IMMUTABLE_FEATURES,
    RecoursePlan,
    applicant_recourse,
    apply_plan,
    fairness_comparison,
    fairness_gaps,
    group_fairness,
    recourse_plan,
    recourse_problem,
    tip_effects,
)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@lru_cache(maxsize=1)
def _population() -> pd.DataFrame:
    from lessons.data import synthetic_applicants

    return synthetic_applicants(n=4_000, seed=11)


@lru_cache(maxsize=1)
def _model() -> credit.PlatformModel:
    return credit.fit_platform_model(_population())


# ---------------------------------------------------------------------------
# The recourse solver: worked examples
# ---------------------------------------------------------------------------

TWO_LEVERS = dict(
    points_per_unit={"utilisation": -60.0, "lenders": -15.0, "age": 2.0},
    current={"utilisation": 0.9, "lenders": 3},
    actionable={"utilisation": 10.0, "lenders": 1.0},
    bounds={"utilisation": (0, 0.9), "lenders": (0, 3)},
    step={"utilisation": 0.05, "lenders": 1},
    lead_months={"utilisation": 1},
)


def test_closing_two_lines_is_the_fastest_plan_when_it_is_exactly_enough():
    plan = recourse_plan(**TWO_LEVERS, score=560, cutoff=590)
    assert plan.changes["feature"].tolist() == ["lenders"]
    assert plan.changes["new"].tolist() == [1.0]
    assert plan.months == 2.0
    assert plan.score_after == pytest.approx(590.0)


def test_a_larger_gap_is_met_by_closing_every_line_after_three_months():
    # 40 points are needed. After 2.5 months the best mix gives 39 (2 lines closed + 3 utilisation steps);
    # after 3 months closing all 3 lines gives 45 on its own, so both objectives choose that one change.
    fastest = recourse_plan(**TWO_LEVERS, score=550, cutoff=590)
    assert fastest.months == pytest.approx(3.0)
    assert fastest.changes["feature"].tolist() == ["lenders"]
    fewest = recourse_plan(**TWO_LEVERS, score=550, cutoff=590, objective="fewest")
    assert fewest.n_changes == 1
    assert fewest.changes.loc[0, "feature"] == "lenders"
    assert fewest.changes.loc[0, "new"] == 0.0
    assert fewest.score_after == pytest.approx(595.0)


SLOW_AND_FAST = dict(
    points_per_unit={"slow": 10.0, "fast": 1.0},
    current={"slow": 0.0, "fast": 0.0},
    score=95,
    cutoff=100,
    actionable={"slow": 12.0, "fast": 1.0},
    bounds={"slow": (0, 1), "fast": (0, 10)},
    step={"slow": 1, "fast": 1},
)


def test_a_fast_lever_beats_a_slow_lever_with_more_points_when_time_is_the_goal():
    plan = recourse_plan(**SLOW_AND_FAST)
    assert plan.changes["feature"].tolist() == ["fast"]
    assert plan.months == 5.0
    fewest = recourse_plan(**SLOW_AND_FAST, objective="fewest")
    assert fewest.months == 5.0  # one change either way, so the faster one-change plan is chosen
    assert fewest.changes["feature"].tolist() == ["fast"]


def _brute_force_fastest(problem: dict, gap: float) -> float:
    names = list(problem["actionable"])
    options = []
    for name in names:
        p = problem["points_per_unit"][name]
        low, high = problem["bounds"][name]
        size = problem["step"][name]
        room = (high - problem["current"][name]) if p > 0 else (problem["current"][name] - low)
        k = int(math.floor(room / size + 1e-9))
        opts = [(0.0, 0.0)]
        for s in range(1, k + 1):
            opts.append((abs(p) * size * s, problem["lead_months"].get(name, 0.0) + problem["actionable"][name] * size * s))
        options.append(opts)
    best = math.inf
    for combo in itertools.product(*options):
        if sum(g for g, _ in combo) >= gap - 1e-9:
            best = min(best, max(m for _, m in combo))
    return best


@FAST
@given(
    points=st.lists(st.floats(-30, 30).filter(lambda x: abs(x) > 0.5), min_size=1, max_size=3),
    months=st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 6.0]), min_size=3, max_size=3),
    leads=st.lists(st.sampled_from([0.0, 1.0, 3.0]), min_size=3, max_size=3),
    rooms=st.lists(st.integers(1, 4), min_size=3, max_size=3),
    gap=st.floats(0.5, 60),
)
def test_the_fastest_plan_is_as_fast_as_a_brute_force_search(points, months, leads, rooms, gap):
    names = [f"x{i}" for i in range(len(points))]
    problem = {
        "points_per_unit": dict(zip(names, points)),
        "current": {n: 5.0 for n in names},
        "actionable": dict(zip(names, months)),
        "bounds": {n: (5.0 - r, 5.0 + r) for n, r in zip(names, rooms)},
        "step": {n: 1.0 for n in names},
        "lead_months": dict(zip(names, leads)),
    }
    best = _brute_force_fastest(problem, gap)
    if math.isinf(best):
        with pytest.raises(ValueError, match="cannot be reached"):
            recourse_plan(**problem, score=500 - gap, cutoff=500)
        return
    plan = recourse_plan(**problem, score=500 - gap, cutoff=500)
    assert plan.months == pytest.approx(best)
    assert plan.score_after >= 500 - 1e-9
    assert set(plan.changes["feature"]) <= set(names)


@FAST
@given(
    points=st.lists(st.floats(-30, 30).filter(lambda x: abs(x) > 0.5), min_size=2, max_size=3),
    rooms=st.lists(st.integers(1, 4), min_size=3, max_size=3),
    gap=st.floats(0.5, 60),
)
def test_the_fewest_changes_plan_uses_no_more_variables_than_any_feasible_plan(points, rooms, gap):
    names = [f"x{i}" for i in range(len(points))]
    problem = {
        "points_per_unit": dict(zip(names, points)),
        "current": {n: 0.0 for n in names},
        "actionable": {n: 1.0 for n in names},
        "bounds": {n: (-r, r) for n, r in zip(names, rooms)},
        "step": {n: 1.0 for n in names},
    }
    max_gain = [abs(p) * r for p, r in zip(points, rooms)]
    assume(sum(max_gain) >= gap)
    fewest_possible = next(c for c in range(1, len(names) + 1) if sum(sorted(max_gain, reverse=True)[:c]) >= gap - 1e-9)
    plan = recourse_plan(**problem, score=-gap, cutoff=0, objective="fewest")
    assert plan.n_changes == fewest_possible
    assert plan.score_after >= -1e-9


def test_every_plan_respects_the_bounds_and_the_steps():
    plan = recourse_plan(**TWO_LEVERS, score=540, cutoff=590)
    for row in plan.changes.itertuples():
        low, high = TWO_LEVERS["bounds"][row.feature]
        assert low - 1e-12 <= row.new <= high + 1e-12
        size = TWO_LEVERS["step"][row.feature]
        assert abs(row.change / size - round(row.change / size)) < 1e-9


# ---------------------------------------------------------------------------
# The recourse solver: bad input
# ---------------------------------------------------------------------------


def test_an_applicant_already_approved_gets_a_clear_message():
    with pytest.raises(ValueError, match="already reaches the cut-off"):
        recourse_plan(**TWO_LEVERS, score=600, cutoff=590)


def test_immutable_features_are_refused_as_actions():
    args = {**TWO_LEVERS, "actionable": {"age": 12.0}, "bounds": {"age": (20, 60)}, "step": {}, "lead_months": {}}
    with pytest.raises(ValueError, match="immutable"):
        recourse_plan(**{**args, "current": {"age": 30}}, score=500, cutoff=590)


def test_unknown_features_are_named_in_the_message():
    args = {**TWO_LEVERS, "actionable": {"zhima_score": 1.0}, "bounds": {"zhima_score": (350, 950)}, "step": {}, "lead_months": {}}
    with pytest.raises(ValueError, match="zhima_score"):
        recourse_plan(**{**args, "current": {"zhima_score": 600}}, score=500, cutoff=590)


def test_an_impossible_target_says_how_many_points_are_reachable():
    with pytest.raises(ValueError, match=r"cannot be reached.*adds 99\.0 points"):
        recourse_plan(**TWO_LEVERS, score=400, cutoff=590)


def test_a_plan_longer_than_the_horizon_is_impossible():
    with pytest.raises(ValueError, match="max_months"):
        recourse_plan(**TWO_LEVERS, score=540, cutoff=590, max_months=1.0)


@pytest.mark.parametrize(
    "change, match",
    [
        ({"bounds": {"utilisation": (0.95, 1.0), "lenders": (0, 3)}}, "outside bounds"),
        ({"step": {"utilisation": 0.0, "lenders": 1}}, "step"),
        ({"actionable": {"utilisation": -1.0, "lenders": 1.0}}, "actionable"),
        ({"current": {"utilisation": 0.9}}, "lenders"),
    ],
)
def test_bad_bounds_steps_times_and_missing_values_are_rejected(change, match):
    with pytest.raises(ValueError, match=match):
        recourse_plan(**{**TWO_LEVERS, **change}, score=560, cutoff=590)


def test_an_unknown_objective_is_rejected():
    with pytest.raises(ValueError, match="objective"):
        recourse_plan(**TWO_LEVERS, score=560, cutoff=590, objective="cheapest")


# ---------------------------------------------------------------------------
# Recourse for Chapter 1's platform model
# ---------------------------------------------------------------------------


def _declined(cutoff: float) -> pd.DataFrame:
    pop = _population()
    scores = credit.score_applicants(_model(), pop)
    return pop[scores < cutoff]


@FEW
@given(index=st.integers(0, 10_000), cutoff=st.sampled_from([550.0, 570.0, 590.0]))
def test_a_recourse_plan_applied_is_approved_and_changes_only_actionable_variables(index, cutoff):
    declined = _declined(cutoff)
    applicant = declined.iloc[index % len(declined)]
    try:
        plan = applicant_recourse(_model(), applicant, cutoff)
    except ValueError as error:
        assert "cannot be reached" in str(error) or "no plan" in str(error)
        return
    after = apply_plan(applicant, plan)
    assert credit.score_applicants(_model(), after)[0] >= cutoff
    before = applicant.to_frame().T.reset_index(drop=True)
    changed = [c for c in before.columns if not (before[c].isna().all() and after[c].isna().all()) and before[c].iloc[0] != after[c].iloc[0]]
    allowed = set(remedies.RECOURSE_ACTIONS) | {"on_time_share", "thin_file"}
    assert set(changed) <= allowed
    assert not set(changed) & set(IMMUTABLE_FEATURES)


def test_a_thin_file_applicant_gets_the_build_a_record_action_not_an_on_time_share():
    thin = _declined(590)
    thin = thin[thin["thin_file"]]
    problem = recourse_problem(_model(), thin.iloc[0])
    assert "credit_record" in problem["actionable"]
    assert "on_time_share" not in problem["actionable"]
    assert "income" in problem["not_actionable"]


def test_recourse_never_offers_income_age_or_city_even_when_they_would_help():
    problem = recourse_problem(_model(), _declined(590).iloc[0])
    assert not {"income", "age", "age_band", "city_tier"} & set(problem["actionable"])


def test_applicant_recourse_rejects_an_approved_applicant_and_a_cutoff_outside_the_scale():
    pop = _population()
    scores = credit.score_applicants(_model(), pop)
    best = pop.iloc[int(np.argmax(scores))]
    with pytest.raises(ValueError, match="already reaches"):
        applicant_recourse(_model(), best, 570)
    with pytest.raises(ValueError, match="cutoff"):
        applicant_recourse(_model(), best, 1200)


def test_apply_plan_refuses_a_plan_that_touches_an_immutable_variable():
    forged = RecoursePlan(
        changes=pd.DataFrame({"feature": ["age"], "current": [22.0], "new": [40.0], "change": [18.0], "points": [5.0], "months": [0.0]}),
        score_before=560,
        score_after=565,
        cutoff=565,
    )
    with pytest.raises(ValueError, match="immutable"):
        apply_plan({"age": 22, "utilisation": 0.5}, forged)


def test_popular_tips_that_are_not_model_inputs_move_nothing_and_more_spending_costs_points():
    applicant = _declined(570).iloc[0]
    table = tip_effects(_model(), applicant).set_index("variable")
    assert table.loc["zhima_score", "points"] == 0.0
    assert table.loc["profile_complete", "points"] == 0.0
    assert table.loc["monthly_payment_volume", "points"] == 0.0
    spend = table[table["tip"].str.startswith("Use Huabei more")]
    assert (spend["points"] < 0).all()


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
# Budgets
# ---------------------------------------------------------------------------


def test_a_recourse_plan_for_one_applicant_takes_well_under_the_widget_budget():
    applicant = _declined(570).iloc[0]
    applicant_recourse(_model(), applicant, 570)  # warm up
    start = time.perf_counter()
    for _ in range(5):
        applicant_recourse(_model(), applicant, 570)
    assert (time.perf_counter() - start) / 5 < 0.1


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
    fit = remedies.in_sample_fit(pop, {"small": small, "large": large})
    before = fit.loc["small", "log_loss"] + _l2_penalty_per_row(pop, small)
    after = fit.loc["large", "log_loss"] + _l2_penalty_per_row(pop, large)
    assert after <= before + 1e-7


def test_in_sample_auc_can_fall_when_a_variable_is_added():
    # Hypothesis found this sample: the fit improves (log-loss falls) while the in-sample AUC falls by ~0.004.
    # The platforms-data page shows it to learners.
    from lessons.data import synthetic_applicants

    pop = synthetic_applicants(n=10_000, seed=376)
    base = ["on_time_share", "reported_lenders"]
    fit = remedies.in_sample_fit(pop, {"base": base, "plus overdues": [*base, "past_overdues"]})
    assert list(fit.columns) == ["log_loss", "auc"]
    assert fit.loc["plus overdues", "log_loss"] < fit.loc["base", "log_loss"]
    assert fit.loc["plus overdues", "auc"] < fit.loc["base", "auc"] - 0.002


@pytest.mark.parametrize("feature_sets", [{}, [["utilisation"]], None])
def test_in_sample_fit_rejects_anything_but_a_non_empty_mapping(feature_sets):
    from lessons.data import synthetic_applicants

    with pytest.raises(ValueError, match="feature_sets"):
        remedies.in_sample_fit(synthetic_applicants(n=500, seed=1), feature_sets)


@lru_cache(maxsize=1)
def _study() -> remedies.DataStudy:
    return remedies.data_study(_population())


@lru_cache(maxsize=1)
def _page_study() -> remedies.DataStudy:
    from lessons.data import synthetic_applicants

    return remedies.data_study(synthetic_applicants(n=20_000, seed=2020))


def test_platform_data_raise_hold_out_auc_and_thin_file_approvals_at_the_same_bad_rate():
    # On the page's population (20,000 applicants, seed 2020); with a few thousand applicants the
    # thin-file comparison is within sampling noise.
    table = remedies.data_comparison(_page_study())
    assert table.loc["bureau + platform", "auc"] > table.loc["bureau", "auc"]
    assert (table["bad_rate"] <= table.loc["bureau", "bad_rate"] + 1e-12).all()
    assert table.loc["bureau + platform", "thin_approval_rate"] > table.loc["bureau", "thin_approval_rate"]


def test_data_metrics_rejects_unknown_sources_and_cutoffs_off_the_scale():
    with pytest.raises(ValueError, match="source"):
        remedies.data_metrics(_study(), "social network", 570)
    with pytest.raises(ValueError, match="cutoff"):
        remedies.data_metrics(_study(), "bureau", 1000)


def test_a_reference_cutoff_that_approves_nobody_is_explained():
    with pytest.raises(ValueError, match="approves nobody"):
        remedies.data_comparison(_study(), reference_cutoff=900)


def test_data_metrics_at_the_lowest_cutoff_approves_everyone_and_has_no_gaps():
    m = remedies.data_metrics(_study(), "bureau", 300)
    assert m["approval_rate"] == 1.0
    assert m["age_band_approval_gap"] == 0.0 and m["city_tier_tpr_gap"] == 0.0


# ---------------------------------------------------------------------------
# Notice and transition
# ---------------------------------------------------------------------------


@FEW
@given(
    seed=st.integers(0, 10_000),
    step=st.sampled_from([0, 30, 60]),
    replace_share=st.sampled_from([0.0, 0.5, 1.0]),
    limit=st.sampled_from([20_000.0, 40_000.0]),
)
def test_longer_notice_never_raises_the_shops_shortfall_probability(seed, step, replace_share, limit):
    table = remedies.notice_tradeoff((0, 30, 60, 90), (step,), n_shops=200, seed=seed, replace_share=replace_share, limit=limit)
    probabilities = table.sort_values("notice_days")["shortfall_probability"].to_numpy()
    assert np.all(np.diff(probabilities) <= 1e-12)


def test_a_sudden_cut_costs_the_platform_nothing_extra_and_refinanced_shops_are_not_cut():
    table = remedies.notice_tradeoff((0, 60), n_shops=300, replace_share=1.0, replace_days=(1, 1))
    sudden, notice = table.iloc[0], table.iloc[1]
    assert sudden["extra_expected_loss"] == 0.0 and sudden["escaped_share"] == 0.0
    assert notice["escaped_share"] == 1.0
    assert notice["shortfall_probability"] == pytest.approx(notice["no_cut_probability"])
    assert notice["extra_expected_loss"] <= 0.0  # everyone refinanced: the platform is repaid


def test_without_other_channels_or_drawdowns_notice_changes_only_the_timing():
    table = remedies.notice_tradeoff((0, 30), n_shops=200, replace_share=0.0, drawdown_share=0.0)
    assert (table["escaped_share"] == 0).all()
    assert table["extra_exposure"].min() >= 0


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"notices": (0, 200)}, "notices"),
        ({"step_downs": (-5,)}, "step_downs"),
        ({"replace_share": 1.5}, "replace_share"),
        ({"replace_days": (60, 10)}, "replace_days"),
        ({"cut_day": 700}, "horizon"),
        ({"pd_": -0.1}, "pd_"),
    ],
)
def test_notice_tradeoff_rejects_bad_settings(kwargs, match):
    with pytest.raises(ValueError, match=match):
        remedies.notice_tradeoff(**{"n_shops": 50, **kwargs})


# ---------------------------------------------------------------------------
# Policy lab
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lab() -> remedies.PolicyLab:
    return remedies.policy_lab(_population(), n_shops=300)


def test_the_2019_reference_world_cuts_no_lines_and_the_2021_rules_ration_by_raising_the_cutoff():
    reference = remedies.policy_outcome(_lab(), "before 2020", 570, False, 0)
    assert reference["business_lines_cut"] == 0 and reference["sme_shortfalls"] == 0
    after = remedies.policy_outcome(_lab(), "after 2020-21", 570, False, 0)
    assert after["binding"] == "credit supply"
    assert after["effective_cutoff"] > 570
    assert after["credit_supplied"] < reference["credit_supplied"]
    assert after["thin_approval_rate"] < reference["thin_approval_rate"]


def test_in_the_policy_lab_notice_lowers_sme_shortfalls_and_costs_the_platform_something():
    sudden = remedies.policy_outcome(_lab(), "after 2020-21", 570, False, 0)
    notice = remedies.policy_outcome(_lab(), "after 2020-21", 570, False, 60)
    assert notice["sme_shortfalls"] <= sudden["sme_shortfalls"]
    assert notice["business_lines_cut"] == sudden["business_lines_cut"]


def test_policy_outcome_rejects_unknown_levers():
    with pytest.raises(ValueError, match="rules"):
        remedies.policy_outcome(_lab(), "no rules", 570, False, 0)
    with pytest.raises(ValueError, match="notice"):
        remedies.policy_outcome(_lab(), "after 2020-21", 570, False, 45)
    with pytest.raises(ValueError, match="cutoff"):
        remedies.policy_outcome(_lab(), "after 2020-21", 100, False, 0)


# ---------------------------------------------------------------------------
# Widgets: every grid point of every page's widget runs without a traceback
# ---------------------------------------------------------------------------

from lessons.widgets import Choice, Slider, grid  # noqa: E402

RECOURSE_CONTROLS = dict(
    profile=Choice(list(credit.EXAMPLE_PROFILES)),
    cutoff=Slider(550, 590, step=20, value=570),
)
DATA_CONTROLS = dict(
    source=Choice({v: k for k, v in remedies.DATA_SOURCE_LABELS.items()}),
    cutoff=Slider(540, 620, step=20, value=580),
)
NOTICE_CONTROLS = dict(
    channels=Choice(["none", "half the shops"]),
    notice=Slider(0, 90, step=30, value=30),
    step_down=Slider(0, 60, step=30, value=0),
)
POLICY_CONTROLS = dict(
    rules=Choice({v: k for k, v in remedies.POLICY_RULE_LABELS.items()}),
    cutoff=Slider(550, 590, step=20, value=570),
    alt_data=Choice({"Bureau data only": False, "Bureau + platform data": True}),
    notice=Choice({"Sudden cuts": 0, "60 days' notice": 60}),
)


def _run_grid(func, controls) -> list[float]:
    from lessons.widgets import render_frame

    times = []
    for point in grid(**controls):
        start = time.perf_counter()
        html = render_frame(func, point)
        times.append(time.perf_counter() - start)
        assert "Traceback" not in html
    return times


def test_every_position_of_the_recourse_widget_gives_a_plan_or_a_message_within_the_budget():
    examples = credit.example_applicants(_population(), _model(), cutoff=570)
    times = _run_grid(lambda profile, cutoff: remedies.recourse_view(_model(), examples, profile, cutoff), RECOURSE_CONTROLS)
    assert np.median(times) < 0.1


def test_every_position_of_the_data_widget_renders_within_the_budget():
    times = _run_grid(lambda source, cutoff: remedies.data_view(_page_study(), source, cutoff), DATA_CONTROLS)
    assert np.median(times) < 0.1


def test_every_position_of_the_notice_widget_renders_within_the_budget():
    tables = {
        "none": remedies.notice_tradeoff((0, 30, 60, 90), (0, 30, 60), n_shops=100, replace_share=0.0),
        "half the shops": remedies.notice_tradeoff((0, 30, 60, 90), (0, 30, 60), n_shops=100),
    }
    times = _run_grid(lambda channels, notice, step_down: remedies.notice_view(tables, channels, notice, step_down), NOTICE_CONTROLS)
    assert np.median(times) < 0.1


def test_every_position_of_the_policy_lab_renders_within_the_budget():
    times = _run_grid(lambda rules, cutoff, alt_data, notice: remedies.policy_view(_lab(), rules, cutoff, alt_data, notice), POLICY_CONTROLS)
    assert len(times) <= 36
    assert np.median(times) < 0.1


@pytest.mark.parametrize("cutoff", [550, 570, 590])
@pytest.mark.parametrize("alt_data", [False, True])
def test_more_capital_never_supplies_less_credit_in_the_policy_lab(cutoff, alt_data):
    supplied = [remedies.policy_outcome(_lab(), rules, cutoff, alt_data, 0)["credit_supplied"] for rules in ("after 2020-21", "after 2020-21 + capital")]
    assert supplied[1] >= supplied[0]


def test_policy_scenarios_and_the_policy_space_chart_cover_every_lever():
    table = remedies.policy_scenarios(_lab())
    assert list(table.columns) == list(remedies.POLICY_SCENARIOS)
    chart_ = remedies.plot_policy_space(_lab())
    assert "36 in all" in chart_.alt


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["index.md", "policy.md"])
def test_pages_with_legal_content_state_the_date_of_their_facts(page):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "book" / "remedies" / page).read_text(encoding="utf-8")
    assert "*Legal and market facts as of November 2026.*" in text
