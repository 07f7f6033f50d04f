"""Tests of lessons.sme.stress: the Monte Carlo stress test of a line cut (page: line-cut-stress)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from _sme_fixtures import FAST, small_shops
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.sme.shop import LinePolicy, ShopParams, simulate
from lessons.sme.stress import _quantile_estimate, compare_policies, exposure_at_cut, policy_table, stress_test, stress_tests


# ---------------------------------------------------------------------------
# Worked examples
# ---------------------------------------------------------------------------


def test_a_sudden_cut_on_day_240_leaves_about_half_the_default_shops_short_within_90_days():
    result = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=2_000)
    kept = stress_test(ShopParams(), LinePolicy(), n_shops=2_000, window_start=240)
    assert 0.4 < result.probability < 0.7
    assert kept.probability < 0.25
    # the first supplier order after the cut (day 252) is where most shops short in the window first fail
    assert result.median_days_to_first == 12


def test_notice_helps_most_when_the_owner_uses_it_to_arrange_other_funding():
    table = compare_policies(
        ShopParams(),
        {
            "sudden": LinePolicy(cut_day=240),
            "sudden, bank loan after 30 days": LinePolicy(cut_day=240, replacement_limit=40_000, replacement_days=30),
            "30 days' notice, bank loan after 30 days": LinePolicy(cut_day=240, notice_days=30, replacement_limit=40_000, replacement_days=30),
            "no cut": LinePolicy(),
        },
        n_shops=1_000,
        window_start=240,
    )
    p = table["probability"]
    assert p["sudden"] > p["sudden, bank loan after 30 days"] > p["30 days' notice, bank loan after 30 days"]
    assert p["30 days' notice, bank loan after 30 days"] == pytest.approx(p["no cut"])


def test_exposure_is_the_drawn_balance_on_the_decision_day_and_when_the_limit_starts_to_fall():
    sim = simulate(ShopParams(), LinePolicy(cut_day=100, notice_days=20), n_shops=50, seed=1)
    balance = sim.path("balance")
    assert np.array_equal(sim.balance_at_cut, balance[:, 99])
    assert np.array_equal(sim.balance_at_effective, balance[:, 119])
    e = exposure_at_cut(ShopParams(), LinePolicy(cut_day=100, notice_days=20), n_shops=50, seed=1)
    assert e["at_decision"] == pytest.approx(sim.balance_at_cut.mean() / 100)
    assert e["extra_from_notice"] == pytest.approx(e["at_effective"] - e["at_decision"])


def test_the_owner_taking_home_cash_above_a_cap_makes_the_shop_more_fragile():
    keeps = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=500)
    takes = stress_test(replace(ShopParams(), cash_cap=20_000), LinePolicy(cut_day=240), n_shops=500)
    assert takes.probability > keeps.probability


# ---------------------------------------------------------------------------
# Invariants (hypothesis)
# ---------------------------------------------------------------------------


@FAST
@given(small_shops, st.integers(0, 60_000), st.integers(0, 150), st.integers(0, 60), st.integers(1, 60), st.integers(0, 40), st.integers(0, 2**16))
def test_more_notice_never_raises_the_shortfall_probability(shop, limit, cut_day, notice, more, step, seed):
    kwargs = dict(n_shops=40, horizon=200, seed=seed)
    short = stress_test(shop, LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice, step_down_days=step), **kwargs)
    longer = stress_test(shop, LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice + more, step_down_days=step), **kwargs)
    assert longer.probability <= short.probability
    a = simulate(shop, LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice, step_down_days=step), paths=False, **kwargs)
    b = simulate(shop, LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice + more, step_down_days=step), paths=False, **kwargs)
    assert (b.shortfall_in_window <= a.shortfall_in_window).all()


# ---------------------------------------------------------------------------
# Rough edges (issue 16): bad input gets an error naming the parameter, never a raw one
# ---------------------------------------------------------------------------


def test_among_short_must_be_true_or_false():
    result = stress_test(ShopParams(), LinePolicy(cut_day=100), n_shops=50, horizon=200)
    assert result.gap_quantile(0.5, among_short=False) <= result.gap_quantile(0.5, among_short=True)
    with pytest.raises(TypeError, match="among_short"):
        result.gap_quantile(0.5, among_short=np.ones(2))  # was: "truth value of an array … is ambiguous"
    with pytest.raises(TypeError, match="among_short"):
        result.gap_quantile(0.5, among_short="no")  # was: silently read as True


def test_a_policy_that_is_not_a_line_policy_is_named_by_its_key():
    with pytest.raises(TypeError, match=r"policies\['sudden'\] must be a LinePolicy"):
        compare_policies(ShopParams(), {"kept": LinePolicy(), "sudden": 240}, n_shops=20)


# ---------------------------------------------------------------------------
# Monte Carlo error (issue 13) and the window of "days to the first shortfall" (issue 14)
# ---------------------------------------------------------------------------


def test_the_median_days_to_the_first_shortfall_counts_only_shortfalls_inside_the_window():
    # 90 days' notice at day 120: the line works through the window, so many shops first fall short after it
    r = stress_test(ShopParams(), LinePolicy(cut_day=120, notice_days=90), n_shops=400)
    assert (r.days_to_first >= r.window_days).any()  # shortfalls after the window are kept in days_to_first …
    inside = r.days_to_first[r.days_to_first < r.window_days]
    assert np.array_equal(r.days_to_first_in_window, inside)
    assert r.median_days_to_first == np.median(inside)  # … but not counted by the median
    assert r.median_days_to_first < r.window_days
    assert r.later_estimate().value == pytest.approx((r.days_to_first >= 90).sum() / 400)
    assert r.short.sum() == inside.size  # a shop short in the window had its first shortfall there


def test_the_probability_comes_with_its_binomial_standard_error_and_interval():
    r = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=1_000)
    est = r.probability_estimate()
    assert est.value == r.probability == r.short.mean()
    assert est.standard_error == pytest.approx(np.sqrt(r.probability * (1 - r.probability) / 1_000))
    assert est.low < r.probability < est.high and est.n == 1_000
    assert r.probability_estimate(level=0.99).high > est.high


def test_a_paired_difference_is_the_difference_of_the_shares_with_a_smaller_error_than_two_runs():
    notice = stress_test(ShopParams(), LinePolicy(cut_day=240, notice_days=30), n_shops=2_000)
    sudden = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=2_000)
    d = sudden.difference_estimate(notice)
    assert d.value == pytest.approx(sudden.probability - notice.probability)
    independent = np.hypot(sudden.probability_estimate().standard_error, notice.probability_estimate().standard_error)
    assert d.standard_error < independent / 3  # the same shops: only the shops that notice helps vary
    assert d.low > 0  # small, but clearly more than the Monte Carlo error


def test_the_averages_come_with_their_errors():
    r = stress_test(ShopParams(), LinePolicy(cut_day=200, notice_days=30), n_shops=500)
    assert r.mean_shortfall_days_estimate().value == pytest.approx(r.mean_shortfall_days)
    assert r.exposure_estimate().value == pytest.approx(r.exposure_at_cut)
    assert r.exposure_estimate(at="effective").value == pytest.approx(r.exposure_at_effective)
    gap = r.gap_quantile_estimate(0.5)
    assert gap.value == r.gap_quantile(0.5) and gap.low <= gap.value <= gap.high and gap.n == int((r.gap > 0).sum())


def test_stress_tests_and_the_policy_table_give_what_stress_test_gives_policy_by_policy():
    policies = {"sudden": LinePolicy(cut_day=240), "notice": LinePolicy(cut_day=240, notice_days=60), "kept": LinePolicy()}
    results = stress_tests(ShopParams(), policies, n_shops=300, seed=7, window_start=240)
    for name, policy in policies.items():
        alone = stress_test(ShopParams(), policy, n_shops=300, seed=7, window_start=240)
        assert np.array_equal(results[name].short, alone.short)
    table = policy_table(results)
    assert list(table.index) == list(policies)
    assert table.equals(compare_policies(ShopParams(), policies, n_shops=300, seed=7, window_start=240))
    assert (table["probability_low"] <= table["probability"]).all() and (table["probability"] <= table["probability_high"]).all()
    assert (table["n_shops"] == 300).all()


@FAST
@given(small_shops, st.integers(0, 60_000), st.integers(0, 150), st.integers(0, 60), st.integers(0, 2**16))
def test_every_simulated_share_lies_inside_its_interval_and_the_days_inside_the_window(shop, limit, cut_day, notice, seed):
    r = stress_test(shop, LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice), n_shops=40, horizon=200, seed=seed)
    for est in (r.probability_estimate(), r.later_estimate()):
        assert 0 <= est.low <= est.value <= est.high <= 1
    assert r.probability_estimate().value + r.later_estimate().value <= 1 + 1e-12
    assert (r.days_to_first_in_window < r.window_days).all()
    if r.short.any():
        assert 0 <= r.median_days_to_first < r.window_days


def test_the_quantile_interval_covers_the_true_quantile_at_about_its_nominal_rate():
    # uniform draws: the true q-quantile is q; 95 % intervals from 200 draws should cover it about 95 % of the time
    rng = np.random.default_rng(2026)
    for q in (0.5, 0.9):
        covered = np.mean([_quantile_estimate(rng.random(200), q, 0.95).covers(q) for _ in range(400)])
        assert 0.91 <= covered <= 0.99, (q, covered)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=300), st.floats(0, 1), st.sampled_from([0.8, 0.95, 0.99]))
def test_the_quantile_interval_always_contains_the_sample_quantile(values, q, level):
    est = _quantile_estimate(np.array(values), q, level)
    assert min(values) <= est.low <= est.value <= est.high <= max(values)
    assert est.standard_error >= 0


def test_the_error_helpers_refuse_bad_input_by_name():
    small = stress_test(ShopParams(), LinePolicy(cut_day=100), n_shops=50, horizon=200)
    other = stress_test(ShopParams(), LinePolicy(cut_day=100), n_shops=60, horizon=200)
    with pytest.raises(ValueError, match="other must come from the same shops"):
        small.difference_estimate(other)
    with pytest.raises(TypeError, match="other"):
        small.difference_estimate(0.5)
    with pytest.raises(ValueError, match="at must be"):
        small.exposure_estimate(at="closing")
    with pytest.raises(ValueError, match="level"):
        small.probability_estimate(level=1.5)
    with pytest.raises(ValueError, match="results"):
        policy_table({})
    with pytest.raises(TypeError, match=r"results\['a'\]"):
        policy_table({"a": 0.5})
