"""Tests of lessons.credit (Chapter 1): worked numbers, invariants, bad input, widgets and budgets."""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score, roc_curve

from lessons import credit
from lessons.credit import (
    PlatformModel,
    ProfitAssumptions,
    approval_by_segment,
    approval_curve,
    auc,
    cutoff_for_approval_rate,
    design_matrix,
    expected_loss,
    expected_profit,
    gini,
    information_value,
    ks_statistic,
    pd_from_points,
    points_from_odds,
    points_from_pd,
    reason_codes,
    scaling_constants,
    woe_table,
)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------------------
# Points-to-double-odds scaling
# ---------------------------------------------------------------------------


def test_default_scaling_reproduces_the_worked_example():
    factor, offset = scaling_constants()
    assert factor == pytest.approx(28.8539, abs=1e-4)
    assert offset == pytest.approx(487.1229, abs=1e-4)
    assert points_from_odds(50) == pytest.approx(600.0)
    assert points_from_odds(100) == pytest.approx(620.0)
    assert points_from_pd(1 / 51) == pytest.approx(600.0)


@FAST
@given(
    odds=st.floats(0.01, 1e5),
    base_points=st.floats(200, 900),
    base_odds=st.floats(0.5, 500),
    pdo=st.floats(5, 100),
)
def test_doubling_the_odds_adds_exactly_pdo_points(odds, base_points, base_odds, pdo):
    kw = dict(base_points=base_points, base_odds=base_odds, pdo=pdo)
    gain = points_from_odds(2 * odds, **kw) - points_from_odds(odds, **kw)
    assert gain == pytest.approx(pdo, rel=1e-9, abs=1e-9)
    assert points_from_odds(base_odds, **kw) == pytest.approx(base_points, abs=1e-9)


@FAST
@given(pd_=st.floats(1e-6, 1 - 1e-6), pdo=st.floats(5, 100))
def test_pd_from_points_inverts_points_from_pd(pd_, pdo):
    assert pd_from_points(points_from_pd(pd_, pdo=pdo), pdo=pdo) == pytest.approx(pd_, rel=1e-7)


def test_points_fall_as_pd_rises():
    points = points_from_pd(np.linspace(0.001, 0.999, 50))
    assert np.all(np.diff(points) < 0)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: points_from_pd(1.2), "pd"),
        (lambda: points_from_pd(-0.1), "pd"),
        (lambda: points_from_odds(-1.0), "odds"),
        (lambda: scaling_constants(pdo=0), "pdo"),
        (lambda: scaling_constants(base_odds=-5), "base_odds"),
    ],
)
def test_bad_scaling_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ---------------------------------------------------------------------------
# WOE and IV, against an independent computation
# ---------------------------------------------------------------------------


def _independent_woe(values, defaults):
    """WOE/IV per category with a pandas crosstab, written independently of lessons.credit."""
    table = pd.crosstab(pd.Series(values, name="v"), pd.Series(defaults, name="d"))
    table = table.reindex(columns=[0, 1], fill_value=0).astype(float)
    if (table == 0).to_numpy().any():
        table = table + 0.5
    dist_good = table[0] / table[0].sum()
    dist_bad = table[1] / table[1].sum()
    woe = np.log(dist_good / dist_bad)
    return woe, float(((dist_good - dist_bad) * woe).sum())


@FAST
@given(
    data=st.lists(st.tuples(st.sampled_from("ABCD"), st.integers(0, 1)), min_size=8, max_size=200),
)
def test_woe_and_iv_match_an_independent_crosstab_computation(data):
    values = [v for v, _ in data]
    defaults = [d for _, d in data]
    if len(set(defaults)) < 2:
        return
    table = woe_table(values, defaults, bins=4)
    woe, iv = _independent_woe(values, defaults)
    ours = table.set_index("bin")["woe"]
    for category, expected in woe.items():
        assert ours[category] == pytest.approx(expected, rel=1e-12)
    assert table["iv"].sum() == pytest.approx(iv, rel=1e-12)
    assert information_value(values, defaults, bins=4) == pytest.approx(iv, rel=1e-12)


def test_woe_follows_the_good_over_bad_convention():
    table = woe_table(["safe"] * 10 + ["risky"] * 10, [0] * 9 + [1] + [0] * 5 + [1] * 5, bins=2)
    by_bin = table.set_index("bin")
    assert by_bin.loc["safe", "woe"] > 0 > by_bin.loc["risky", "woe"]
    # 9/14 of goods and 1/6 of bads are "safe"
    assert by_bin.loc["safe", "woe"] == pytest.approx(math.log((9 / 14) / (1 / 6)))


def test_numeric_variable_is_cut_at_its_quantiles():
    values = np.arange(100, dtype=float)
    defaults = (values < 30).astype(int)
    table = woe_table(values, defaults, bins=4)
    assert table["count"].tolist() == [25, 25, 25, 25]
    assert table["bin"].tolist()[0].startswith("<")


def test_missing_values_get_their_own_bin():
    values = [1.0, 2.0, np.nan, np.nan, 3.0, 4.0, 5.0, 6.0]
    table = woe_table(values, [0, 0, 1, 1, 0, 1, 0, 0], bins=2)
    assert table["bin"].iloc[-1] == "Missing"
    assert table["count"].iloc[-1] == 2


def test_an_empty_cell_gets_the_documented_half_count_adjustment():
    table = woe_table(["a", "a", "b", "b"], [0, 0, 0, 1], bins=2)
    a = table.set_index("bin").loc["a"]
    # goods (2, 1) and bads (0, 1) become (2.5, 1.5) and (0.5, 1.5)
    assert a["woe"] == pytest.approx(math.log((2.5 / 4) / (0.5 / 2)))
    assert np.isfinite(table["woe"]).all()


def test_many_categories_are_coarse_classed_into_the_requested_number_of_bins():
    rng = np.random.default_rng(3)
    values = rng.choice(list("ABCDEFGHIJ"), size=2000)
    defaults = (rng.uniform(size=2000) < np.vectorize(lambda v: 0.05 + 0.04 * (ord(v) - 65))(values)).astype(int)
    table = woe_table(values, defaults, bins=3)
    assert len(table) == 3
    assert table["woe"].is_monotonic_decreasing  # groups are ordered by bad rate


def test_a_value_that_fills_every_quantile_edge_is_split_from_the_rest():
    # Found by hypothesis: 0 holds two thirds of the numbers, so every quantile edge is 0 and none survives.
    table = woe_table([np.nan, np.nan, 1.0, 2.0, np.nan, np.nan, 0, 0, 0, 0], [0, 1, 0, 1, 0, 1, 0, 1, 0, 0], bins=2)
    assert table["bin"].tolist() == ["< 1", ">= 1", "Missing"]
    assert table["count"].tolist() == [4, 2, 4]


@FAST
@given(
    values=st.lists(st.one_of(st.floats(-1e3, 1e3), st.none()), min_size=10, max_size=120),
    seed=st.integers(0, 2**16),
    bins=st.integers(2, 10),
)
def test_information_value_is_never_negative(values, seed, bins):
    rng = np.random.default_rng(seed)
    defaults = rng.integers(0, 2, size=len(values))
    defaults[0], defaults[1] = 0, 1
    values = [np.nan if v is None else v for v in values]
    if all(np.isnan(values)):
        return
    table = woe_table(values, defaults, bins=bins)
    assert (table["iv"] >= -1e-15).all()
    assert information_value(values, defaults, bins=bins) >= 0


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: woe_table([1, 2, 3], [0, 1, 0], bins=1), "bins"),
        (lambda: woe_table([1, 2, 3], [0, 1, 2], bins=2), "defaults"),
        (lambda: woe_table([1, 2, 3], [0, 1], bins=2), "values"),
        (lambda: woe_table([1, 2, 3], [0, 0, 0], bins=2), "defaults"),
        (lambda: credit.iv_band(-0.1), "iv"),
        (lambda: credit.iv_band(0.1, "folklore"), "convention"),
    ],
)
def test_bad_woe_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_iv_bands_follow_the_published_conventions():
    assert credit.iv_band(0.01, "scorecard") == "useless"
    assert credit.iv_band(0.02, "siddiqi") == "not predictive"
    assert credit.iv_band(0.2, "smile") == "medium"
    assert credit.iv_band(0.35, "scorecard") == "strong"


# ---------------------------------------------------------------------------
# AUC, Gini, KS against scikit-learn
# ---------------------------------------------------------------------------


@FAST
@given(
    scores=st.lists(st.integers(300, 900), min_size=4, max_size=200),
    seed=st.integers(0, 2**16),
)
def test_auc_gini_and_ks_agree_with_scikit_learn(scores, seed):
    rng = np.random.default_rng(seed)
    defaults = rng.integers(0, 2, size=len(scores))
    defaults[0], defaults[1] = 0, 1
    scores = np.asarray(scores, dtype=float)
    expected_auc = roc_auc_score(defaults, -scores)
    fpr, tpr, _ = roc_curve(defaults, -scores)
    assert auc(scores, defaults) == pytest.approx(expected_auc, abs=1e-12)
    assert gini(scores, defaults) == pytest.approx(2 * expected_auc - 1, abs=1e-12)
    assert ks_statistic(scores, defaults) == pytest.approx(np.max(tpr - fpr), abs=1e-12)


def test_a_perfect_score_has_auc_one_and_ks_one():
    assert auc([700, 650, 500, 450], [0, 0, 1, 1]) == 1.0
    assert ks_statistic([700, 650, 500, 450], [0, 0, 1, 1]) == 1.0


# ---------------------------------------------------------------------------
# Cut-offs
# ---------------------------------------------------------------------------


def test_approval_curve_reproduces_the_style_guide_example():
    curve = approval_curve(np.array([500, 600, 700]), np.array([1, 0, 0]), np.array([550, 650]))
    assert curve.columns.tolist() == ["cutoff", "approval_rate", "bad_rate"]
    assert curve["approval_rate"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert curve["bad_rate"].tolist() == [0.0, 0.0]


def test_approval_curve_counts_an_applicant_exactly_at_the_cutoff_as_approved():
    curve = approval_curve([500, 600, 600, 700], [1, 1, 0, 0], [600])
    assert curve["approval_rate"].item() == 0.75
    assert curve["bad_rate"].item() == pytest.approx(1 / 3)


def test_approval_curve_gives_nan_bad_rate_when_nobody_is_approved():
    curve = approval_curve([500, 600], [1, 0], [700])
    assert curve["approval_rate"].item() == 0 and np.isnan(curve["bad_rate"].item())


@FAST
@given(
    scores=st.lists(st.floats(300, 900), min_size=5, max_size=300),
    seed=st.integers(0, 2**32 - 1),
)
def test_approval_rate_never_rises_with_the_cutoff(scores, seed):
    rng = np.random.default_rng(seed)
    defaults = rng.integers(0, 2, size=len(scores))
    cutoffs = np.unique(rng.uniform(300, 900, size=25))
    curve = approval_curve(scores, defaults, cutoffs)
    assert np.all(np.diff(curve["approval_rate"].to_numpy()) <= 0)


@FAST
@given(
    scores=st.lists(st.floats(300, 900), min_size=5, max_size=300),
    pdo=st.floats(10, 60),
    seed=st.integers(0, 2**32 - 1),
)
def test_bad_rate_among_approved_never_rises_with_the_cutoff_in_the_population(scores, pdo, seed):
    # the population function: each applicant's true PD is a decreasing function of the score
    scores = np.asarray(scores)
    pds = pd_from_points(scores, pdo=pdo)
    cutoffs = np.unique(np.random.default_rng(seed).uniform(300, 900, size=25))
    bad_rate = approval_curve(scores, pds, cutoffs)["bad_rate"].dropna().to_numpy()
    assert np.all(np.diff(bad_rate) <= 1e-12)


@FAST
@given(scores=st.lists(st.floats(300, 900), min_size=1, max_size=200), rate=st.floats(0, 1))
def test_cutoff_for_approval_rate_approves_at_least_the_share_asked_for(scores, rate):
    scores = np.asarray(scores)
    cutoff = cutoff_for_approval_rate(scores, rate)
    approved = np.mean(scores >= cutoff)
    assert approved >= rate - 1e-9
    if rate == 0:
        assert approved == 0
    elif len(np.unique(scores)) == len(scores):  # no ties: exactly ceil(rate·n)
        assert (scores >= cutoff).sum() == max(1, math.ceil(rate * len(scores) - 1e-9))


def test_approval_by_segment_reports_each_segment_and_its_bad_rate():
    table = approval_by_segment([500, 600, 700, 650], ["a", "a", "b", "b"], 620, defaults=[1, 0, 0, 1])
    assert table["segment"].tolist() == ["a", "b"]
    assert table["approval_rate"].tolist() == [0.0, 1.0]
    assert table["bad_rate"].iloc[1] == 0.5 and np.isnan(table["bad_rate"].iloc[0])
    assert table["share_of_applicants"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: approval_curve([500, 600], [0, 1], [250]), "cutoffs"),
        (lambda: approval_curve([500, 600], [0, 1], [950]), "cutoffs"),
        (lambda: approval_curve([500, 600], [0, 1], [600, 500]), "cutoffs"),
        (lambda: approval_curve([500, 600], [0, 1.5], [550]), "defaults"),
        (lambda: approval_curve([500, 600], [0, -0.1], [550]), "defaults"),
        (lambda: approval_curve([500, 600, 700], [0, 1], [550]), "scores"),
        (lambda: approval_by_segment([500, 600], ["a", "b"], 1000), "cutoff"),
        (lambda: cutoff_for_approval_rate([500, 600], 1.5), "rate"),
        (lambda: expected_profit(1.2), "pd"),
        (lambda: expected_loss(0.1, 1.5, 100), "lgd"),
        (lambda: expected_loss(0.1, 0.5, -100), "ead"),
        (lambda: ProfitAssumptions(ead=-1), "ead"),
    ],
)
def test_bad_cutoff_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_expected_loss_is_pd_times_lgd_times_ead_and_profit_breaks_even_where_documented():
    assert expected_loss(0.02, 0.85, 5000) == pytest.approx(85.0)
    a = ProfitAssumptions()
    assert a.breakeven_pd == pytest.approx(0.11 / (0.11 + 0.85))
    assert expected_profit(a.breakeven_pd) == pytest.approx(0.0, abs=1e-9)
    assert expected_profit(0.0) == pytest.approx(5000 * 0.11)
    assert expected_profit(1.0) == pytest.approx(-0.85 * 5000)


# ---------------------------------------------------------------------------
# Design matrix, model and reason codes on hand-made data
# ---------------------------------------------------------------------------


def _toy_applicants(n=400, seed=0):
    rng = np.random.default_rng(seed)
    thin = rng.uniform(size=n) < 0.3
    frame = pd.DataFrame(
        {
            "on_time_share": np.where(thin, np.nan, rng.uniform(0.6, 1, n)),
            "past_overdues": np.where(thin, 0, rng.poisson(0.5, n)),
            "reported_lenders": rng.poisson(1.5, n),
            "utilisation": rng.uniform(0, 1, n),
            "income": rng.lognormal(8.5, 0.5, n),
        }
    )
    eta = -3 + 2 * frame["utilisation"] + 0.4 * frame["past_overdues"] + 0.2 * frame["reported_lenders"]
    frame["default"] = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(int)
    return frame


def test_design_matrix_turns_a_missing_record_into_zero_plus_an_indicator():
    x = design_matrix(_toy_applicants())
    assert x.columns.tolist() == ["on_time_share", "no_record", "past_overdues", "reported_lenders", "utilisation", "log_income"]
    assert x.loc[x["no_record"] == 1, "on_time_share"].eq(0).all()
    assert not x.isna().any().any()


@pytest.mark.parametrize(
    ("change", "features", "name"),
    [
        (None, ["on_time_share", "zodiac_sign"], "features"),
        (None, "income", "features"),
        (lambda f: f.assign(income=-f["income"]), ["income"], "income"),
        (lambda f: f.assign(on_time_share=1.5), ["on_time_share"], "on_time_share"),
        (lambda f: f.drop(columns="utilisation"), ["utilisation"], "applicants"),
        (None, ["age_band"], "features"),
    ],
)
def test_bad_design_input_names_the_parameter(change, features, name):
    frame = _toy_applicants()
    if change is not None:
        frame = change(frame)
    with pytest.raises(ValueError, match=name):
        design_matrix(frame, features)


def test_scores_are_the_documented_linear_function_of_the_log_odds():
    frame = _toy_applicants()
    model = credit.fit_platform_model(frame)
    pds = credit.predict_pd(model, frame)
    points = credit.score_applicants(model, frame, clip=False)
    assert points == pytest.approx(points_from_pd(pds), rel=1e-9)
    assert model.coefficients[model.columns.index("utilisation")] > 0


@FAST
@given(
    coefs=st.lists(st.floats(-3, 3), min_size=5, max_size=5),
    seed=st.integers(0, 2**16),
    top=st.integers(1, 4),
)
def test_reason_codes_are_ordered_by_points_lost(coefs, seed, top):
    features = ("on_time_share", "past_overdues", "reported_lenders", "utilisation", "income")
    columns = credit.design_columns(features)
    full = (coefs[0], 0.5, *coefs[1:])
    model = PlatformModel(features, columns, full, -2.0, (0.9, 0.0, 0.0, 1.0, 0.3, 8.5))
    frame = _toy_applicants(n=30, seed=seed)
    table = reason_codes(model, frame, top=top)
    for _, group in table.groupby("applicant"):
        lost = group["points_lost"].to_numpy()
        assert np.all(np.diff(lost) <= 1e-12)
        assert (lost > 0).all()
        assert len(group) <= top
        assert group["rank"].tolist() == list(range(1, len(group) + 1))


def test_reason_codes_add_up_to_the_score_gap_when_every_variable_costs_points():
    model = PlatformModel(("utilisation", "past_overdues"), ("utilisation", "past_overdues"), (2.0, 0.5), -3.0, (0.2, 0.0))
    applicant = pd.DataFrame({"utilisation": [0.9], "past_overdues": [3]})
    reference = pd.DataFrame({"utilisation": [0.2], "past_overdues": [0]})
    gap = credit.score_applicants(model, reference) - credit.score_applicants(model, applicant)
    table = reason_codes(model, applicant)
    assert table["points_lost"].sum() == pytest.approx(gap.item())
    assert table["variable"].tolist() == ["past_overdues", "utilisation"]


def test_reason_codes_reject_more_than_four_reasons():
    model = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    with pytest.raises(ValueError, match="top"):
        reason_codes(model, pd.DataFrame({"utilisation": [0.5]}), top=5)


# ---------------------------------------------------------------------------
# Limits, two stages, products, reviews
# ---------------------------------------------------------------------------


@FAST
@given(
    rows=st.lists(
        st.tuples(st.floats(300, 900), st.floats(0, 200_000), st.integers(0, 12)), min_size=1, max_size=60
    ),
    cutoff=st.floats(400, 700),
    multiple_low=st.floats(0, 2),
    extra=st.floats(0, 10),
    dti=st.floats(0, 2),
    product_min=st.floats(0, 5_000),
    product_max_extra=st.floats(0, 300_000),
    regime=st.sampled_from(list(credit.REGULATORY_REGIMES)),
)
def test_a_limit_never_exceeds_any_of_its_caps(rows, cutoff, multiple_low, extra, dti, product_min, product_max_extra, regime):
    scores, income, lenders = (np.asarray(v, dtype=float) for v in zip(*rows))
    policy = credit.LimitPolicy(
        multiple_at_cutoff=multiple_low,
        multiple_at_top=multiple_low + extra,
        debt_to_income_cap=dti,
        regime=regime,
        product_min=product_min,
        product_max=product_min + product_max_extra,
    )
    table = credit.assign_limits(scores, income, lenders, cutoff, policy)
    limit = table["limit"].to_numpy()
    for cap in credit.LIMIT_CAPS:
        assert np.all(limit <= table[f"cap_{cap}"].to_numpy() + 1e-9)
    assert np.all(limit <= credit.regulatory_cap(12 * income, regime) + 1e-9)
    assert np.all((limit == 0) | (limit >= product_min))
    assert np.all(limit[scores < cutoff] == 0)
    assert np.allclose(limit % policy.rounding, 0)
    assert not (table["no_limit"] & ~table["approved"]).any()


def test_the_regulatory_caps_are_the_cited_ones():
    assert credit.regulatory_cap([10_000_000])[0] == 200_000  # CBIRC Order 2020 No. 9
    assert credit.regulatory_cap([90_000], "microlending_draft_2020")[0] == pytest.approx(30_000)
    assert credit.regulatory_cap([3_000_000], "microlending_draft_2020")[0] == 300_000


def test_a_limit_below_the_product_minimum_is_no_limit():
    table = credit.assign_limits([545.0], [2_000.0], [0.0], 540, credit.LimitPolicy(product_min=1_000))
    assert table["approved"].item() and table["no_limit"].item()
    assert table["limit"].item() == 0


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: credit.assign_limits([600], [-100], [0], 550), "monthly_income"),
        (lambda: credit.assign_limits([600], [1000], [-1], 550), "other_lenders"),
        (lambda: credit.assign_limits([600], [1000], [0], 1200), "cutoff"),
        (lambda: credit.LimitPolicy(product_min=-5), "product_min"),
        (lambda: credit.LimitPolicy(product_min=5_000, product_max=1_000), "product_max"),
        (lambda: credit.LimitPolicy(regime="wishful"), "regime"),
        (lambda: credit.regulatory_cap([-1.0]), "annual_income"),
        (lambda: credit.review_decisions([600], [-5], review_cutoff=560), "limits"),
        (lambda: credit.review_decisions([600], [5], review_cutoff=100), "review_cutoff"),
        (lambda: credit.review_decisions([600], [5], review_cutoff=560, reduce_share=1.5), "reduce_share"),
    ],
)
def test_bad_limit_and_review_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def _setup(pre, under, bank=None, income=None):
    n = len(pre)
    return credit.TwoStageSetup(
        None, None, None,
        np.asarray(pre, dtype=float), np.asarray(under, dtype=float),
        np.asarray(bank if bank is not None else under, dtype=float),
        np.asarray(income if income is not None else [9_000.0] * n), np.zeros(n),
        pd.DataFrame({"all": ["all"] * n}), np.zeros(n, dtype=int),
    )


def test_two_stage_outcomes_cover_invitation_decline_small_limit_and_grant():
    setup = _setup([600, 600, 600, 500], [640, 520, 565, 700], income=[9_000, 9_000, 1_000, 9_000])
    outcomes = credit.two_stage_decisions(setup, 550, 560)["outcome"].tolist()
    assert outcomes == ["limit granted", "invited, declined", "invited, limit below minimum", "not invited"]


@FAST
@given(pre_cut=st.integers(400, 700), under_cut=st.integers(400, 700), seed=st.integers(0, 1000))
def test_only_invited_applicants_ever_get_a_limit(pre_cut, under_cut, seed):
    rng = np.random.default_rng(seed)
    setup = _setup(rng.uniform(400, 700, 50), rng.uniform(400, 700, 50), income=rng.uniform(0, 20_000, 50))
    d = credit.two_stage_decisions(setup, pre_cut, under_cut)
    assert (d.loc[~d["invited"], "limit"] == 0).all()
    assert ((d["limit"] > 0) == (d["outcome"] == "limit granted")).all()


def test_two_products_with_separate_models_can_disagree():
    setup = _setup([0, 0], [600, 540], bank=[500, 620])
    assert credit.product_decisions(setup)["holds"].tolist() == ["A only", "B only"]


@FAST
@given(seed=st.integers(0, 1000), t1=st.integers(0, 60), t2=st.integers(0, 60))
def test_a_tighter_review_never_cuts_fewer_lines(seed, t1, t2):
    rng = np.random.default_rng(seed)
    scores, limits = rng.uniform(450, 700, 80), rng.choice([0.0, 3_000.0], 80)
    low, high = sorted((t1, t2))
    cut_low = credit.review_decisions(scores, limits, review_cutoff=560, tightening=low)["cut"]
    cut_high = credit.review_decisions(scores, limits, review_cutoff=560, tightening=high)["cut"]
    assert np.all(cut_high.to_numpy() >= cut_low.to_numpy())


# ---------------------------------------------------------------------------
# The synthetic population: models, widgets at every grid point, budgets
# ---------------------------------------------------------------------------

from lessons.widgets import Choice, Slider, grid  # noqa: E402


@pytest.fixture(scope="module")
def applicants():
    from lessons.data import synthetic_applicants

    return synthetic_applicants(n=20_000, seed=2020)


@pytest.fixture(scope="module")
def study(applicants):
    return credit.cutoff_study(applicants, credit.PLATFORM_FEATURES, seed=1)


@pytest.fixture(scope="module")
def two_stage(applicants):
    return credit.prepare_two_stage(applicants)


@pytest.fixture(scope="module")
def reviews(applicants):
    return credit.prepare_reviews(applicants)


def test_the_platform_model_ranks_the_synthetic_population_well_and_keeps_segments_out(applicants, study):
    assert 0.7 < credit.auc(study.scores, study.defaults) < 0.9
    assert not set(credit.SEGMENT_COLUMNS) & set(study.model.features)
    assert "no_record" in study.model.columns
    with pytest.raises(ValueError, match="features"):
        credit.fit_platform_model(applicants, (*credit.PLATFORM_FEATURES, "age_band"))


def test_the_bad_rate_on_true_pds_never_rises_with_the_cutoff_in_the_synthetic_population(applicants):
    # population function: score each applicant by the TRUE PD, then the expected bad rate is monotone
    scores = np.clip(points_from_pd(applicants["pd_true"].to_numpy()), *credit.SCORE_RANGE)
    curve = approval_curve(scores, applicants["pd_true"], np.arange(400, 701, 5))
    bad = curve["bad_rate"].dropna().to_numpy()
    assert np.all(np.diff(bad) <= 1e-12)


def test_the_thin_file_gap_opens_as_the_cutoff_rises(study):
    rates = [
        credit.approval_by_segment(study.scores, study.segments["thin_file"], c).set_index("segment")["approval_rate"]
        for c in (540, 600)
    ]
    gap_low = rates[0]["has a record"] - rates[0]["thin file"]
    gap_high = rates[1]["has a record"] - rates[1]["thin file"]
    assert gap_high > gap_low


def test_cutoff_widget_returns_at_every_position(study):
    curve = credit.tradeoff_table(study.scores, study.defaults, study.pds, np.arange(480, 661, 5))
    controls = dict(cutoff=Slider(520, 640, step=20, value=560))
    for point in grid(**controls):
        view = credit.cutoff_view(study.scores, curve, study.segments, **point)
        assert f'aria-label="At a cut-off of {point["cutoff"]}' in view and "<svg" in view


def test_two_stage_and_product_widgets_return_at_every_position(two_stage):
    for point in grid(prescreen=Slider(500, 580, step=40, value=540), underwriting=Slider(560, 580, step=20, value=560)):
        html, figure = credit.two_stage_view(two_stage, point["prescreen"], point["underwriting"])
        assert "Invited" in html and 'role="img"' in figure and "aria-label=" in figure
    policies = {"default": (570, 560), "lenient": (550, 540), "strict": (590, 580), "platform": (590, 540), "bank": (550, 580)}
    for point in grid(policy=Choice(policies)):
        assert 'role="img"' in credit.products_view(two_stage, *point["policy"])


def test_review_and_reason_widgets_return_at_every_position(applicants, reviews):
    for point in grid(tightening=Slider(0, 40, step=10, value=20)):
        html, figure = credit.review_view(reviews, **point)
        assert "cuts" in html and 'role="img"' in figure
    examples = credit.example_applicants(applicants, reviews.model, cutoff=credit.PRODUCT_A.cutoff)
    assert len(examples) == 8
    for point in grid(profile=Choice(list(examples.index))):
        html, table = credit.reasons_view(reviews.model, examples, point["profile"], cutoff=credit.PRODUCT_A.cutoff)
        assert len(table) <= 4 and point["profile"] in html
        assert table["points lost"].is_monotonic_decreasing


def test_a_tightening_cuts_more_lines_in_every_key_segment(reviews):
    before = credit.review_table(reviews, 0)["cut_any"]
    after = credit.review_table(reviews, 20)["cut_any"]
    assert (after >= before).all()


def test_two_stage_invitations_without_limits_exist_and_shrink_as_the_prescreen_tightens(two_stage):
    shares = []
    for pre in (510, 540, 570, 600):
        d = credit.two_stage_decisions(two_stage, pre, 560)
        shares.append((d.loc[d["invited"], "outcome"] != "limit granted").mean())
    assert shares[0] > 0.1
    assert all(a >= b for a, b in zip(shares, shares[1:]))


def test_scoring_a_million_applicants_fits_the_budget(applicants, study):
    big = pd.concat([applicants] * 50, ignore_index=True)
    credit.score_applicants(study.model, big.iloc[:1000])  # warm up
    start = time.perf_counter()
    scores = credit.score_applicants(study.model, big)
    elapsed = time.perf_counter() - start
    assert len(scores) == 1_000_000
    assert elapsed < 1.5, f"scoring 1M applicants took {elapsed:.2f} s (budget 0.5 s; generous margin for shared CI)"


def test_an_approval_curve_over_a_million_scores_is_fast():
    rng = np.random.default_rng(0)
    scores = rng.uniform(300, 900, 1_000_000)
    defaults = (rng.uniform(size=1_000_000) < 0.07).astype(int)
    start = time.perf_counter()
    approval_curve(scores, defaults, np.arange(400, 801, 5))
    assert time.perf_counter() - start < 2.0


# ---------------------------------------------------------------------------
# The real data: the German credit scorecard
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def german_study():
    return credit.german_scorecard_study(bins=5, seed=2020)


def test_the_german_scorecard_never_uses_protected_attributes(german_study):
    from lessons.data import GERMAN_PROTECTED_ATTRIBUTES, load_german_credit

    assert not set(GERMAN_PROTECTED_ATTRIBUTES) & set(german_study.card.features)
    with pytest.raises(ValueError, match="protected"):
        credit.fit_woe_scorecard(load_german_credit(), [GERMAN_PROTECTED_ATTRIBUTES[0]])


def test_the_german_scorecard_points_add_up_to_the_scaled_log_odds(german_study):
    card = german_study.card
    scores = credit.score_woe(card, german_study.train, clip=False)
    # rebuild the log-odds from WOE columns and coefficients, independently of the points table
    eta = np.full(len(german_study.train), card.intercept)
    for feature, binning, woe, beta in zip(card.features, card.binnings, card.woe, card.coefficients):
        eta += beta * np.asarray(woe)[binning.codes(german_study.train[feature].reset_index(drop=True))]
    assert scores == pytest.approx(points_from_pd(1 / (1 + np.exp(-eta))), rel=1e-9)


def test_the_german_scorecard_ranks_better_than_chance_on_the_test_sample(german_study):
    y = german_study.test["default"].to_numpy()
    assert credit.auc(german_study.test_scores, y) == pytest.approx(roc_auc_score(y, -german_study.test_scores))
    assert 0.65 < credit.auc(german_study.test_scores, y) < 0.9
    assert german_study.iv["iv"].ge(0).all()


def test_woe_widget_returns_at_every_position(german_study):
    candidates = credit.german_candidates()
    assert len(candidates) == 6
    for point in grid(variable=Choice(list(candidates)), bins=Slider(2, 8, step=3, value=5)):
        figure, table = credit.woe_view(german_study.train, point["variable"], point["bins"])
        assert f"Weight of evidence of {point['variable']}" in figure and len(table) >= 2
    with pytest.raises(ValueError, match="variable"):
        credit.woe_view(german_study.train, "shoe_size", 5)


def test_every_widget_update_is_fast_enough_for_a_live_slider(study, two_stage, reviews, german_study):
    # budget: median <= 100 ms per update on a free machine; generous margin for shared CI
    import statistics

    curve = credit.tradeoff_table(study.scores, study.defaults, study.pds, np.arange(480, 661, 5))
    calls = [
        lambda: credit.cutoff_view(study.scores, curve, study.segments, 560),
        lambda: credit.two_stage_view(two_stage, 540, 560),
        lambda: credit.products_view(two_stage, 570, 560),
        lambda: credit.review_view(reviews, 20),
        lambda: credit.woe_view(german_study.train, "checking_status", 5),
    ]
    for call in calls:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        assert statistics.median(times) < 0.5
