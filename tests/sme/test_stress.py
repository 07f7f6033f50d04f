"""Tests of lessons.sme.stress: the Monte Carlo stress test of a line cut (page: line-cut-stress)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from _sme_fixtures import FAST, small_shops
from hypothesis import given
from hypothesis import strategies as st

from lessons.sme.shop import LinePolicy, ShopParams, simulate
from lessons.sme.stress import compare_policies, exposure_at_cut, stress_test


# ---------------------------------------------------------------------------
# Worked examples
# ---------------------------------------------------------------------------


def test_a_sudden_cut_on_day_240_leaves_about_half_the_default_shops_short_within_90_days():
    result = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=2_000)
    kept = stress_test(ShopParams(), LinePolicy(), n_shops=2_000, window_start=240)
    assert 0.4 < result.probability < 0.7
    assert kept.probability < 0.25
    # the first supplier order after the cut (day 252) is where most shops first fail
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
