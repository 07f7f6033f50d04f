"""Tests of lessons.sme.shop: the small shop's daily cash flow (page: shop-cash-flow)."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from _sme_fixtures import FAST, small_shops
from hypothesis import given
from hypothesis import strategies as st

from lessons.sme.shop import (
    LinePolicy,
    ShopParams,
    cash_identity_residual,
    ledger,
    limit_schedule,
    planned_sales,
    sales_paths,
    simulate,
    year_summary,
)

# A tiny shop whose days can be followed by hand: planned sales 90, 90, 95, 95, 105, 115, 110
# (the weekday pattern × 100), half of it is the cost of goods, paid weekly up front (350),
# payouts arrive two days after the sale, rent is 10 a day, no interest, no shocks.
TINY = ShopParams(
    daily_sales=100, margin=0.5, settlement_lag=2, inventory_cycle=7, fixed_costs=10,
    opening_cash=0, shock_sd=0, festival_day=1000, daily_rate=0,
)


# ---------------------------------------------------------------------------
# Worked examples
# ---------------------------------------------------------------------------


def test_the_tiny_shop_borrows_its_first_stock_order_and_repays_it_from_payouts():
    sim = simulate(TINY, LinePolicy(limit=1_000), horizon=7)
    assert (sim.path("balance")[0] / 100).tolist() == [360, 370, 290, 210, 125, 40, 0]
    assert (sim.path("cash")[0] / 100).tolist() == [0, 0, 0, 0, 0, 0, 55]
    assert sim.path("supplier")[0, 0] == 35_000  # fen: half of the week's planned 700 yuan
    assert int(sim.shortfall_days[0]) == 0


def test_a_line_too_small_for_the_stock_order_leaves_bills_unpaid_until_payouts_arrive():
    sim = simulate(TINY, LinePolicy(limit=300), horizon=7)
    assert (sim.path("arrears")[0] / 100).tolist() == [60, 70, 0, 0, 0, 0, 0]
    assert int(sim.shortfall_days[0]) == 2
    assert int(sim.first_shortfall[0]) == 0
    assert sim.gap[0] == 7_000  # the largest unpaid amount, in fen


def test_interest_is_charged_daily_on_the_drawn_balance_rounded_to_the_fen():
    sim = simulate(replace(TINY, daily_rate=0.0005), LinePolicy(limit=1_000), horizon=3)
    # day 1: 0.05 % of 360 yuan = 18 fen, added to the balance before the day's draw of 10 yuan
    assert sim.path("interest")[0].tolist() == [0, 18, 19]
    assert sim.path("balance")[0, 1] == 36_000 + 18 + 1_000


def test_the_limit_schedule_steps_down_after_the_notice_period():
    assert limit_schedule(LinePolicy(cut_day=2, notice_days=1, step_down_days=2), 7).tolist() == [1, 1, 1, 0.5, 0, 0, 0]
    assert limit_schedule(LinePolicy(cut_day=3), 5).tolist() == [1, 1, 1, 0, 0]
    assert limit_schedule(LinePolicy(), 3).tolist() == [1, 1, 1]


def test_sales_shocks_have_mean_one_and_do_not_depend_on_the_shop():
    a = sales_paths(ShopParams(), n_shops=4_000, horizon=60, seed=4) / planned_sales(ShopParams(), 60) / 100
    assert a.mean() == pytest.approx(1.0, abs=0.01)
    b = sales_paths(replace(ShopParams(), margin=0.1, settlement_lag=20), n_shops=4_000, horizon=60, seed=4)
    assert np.array_equal(sales_paths(ShopParams(), n_shops=4_000, horizon=60, seed=4), b)


# ---------------------------------------------------------------------------
# Invariants (hypothesis)
# ---------------------------------------------------------------------------


@FAST
@given(small_shops, st.integers(0, 60_000), st.one_of(st.none(), st.integers(0, 150)), st.integers(0, 60), st.integers(0, 60), st.integers(0, 2**16))
def test_cash_accounting_balances_every_day_to_the_fen(shop, limit, cut_day, notice, step, seed):
    sim = simulate(shop, LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice, step_down_days=step), n_shops=4, horizon=160, seed=seed)
    assert np.array_equal(cash_identity_residual(sim), np.zeros((4, 160), dtype=np.int64))
    p = sim.paths
    assert np.array_equal(p["opening_cash"][:, 1:], p["cash"][:, :-1])  # today's opening is yesterday's closing
    assert (p["cash"] >= 0).all() and (p["arrears"] >= 0).all() and (p["balance"] >= 0).all()
    assert p["cash"].dtype == np.int64


@FAST
@given(small_shops, st.integers(0, 50_000), st.integers(1, 40_000), st.one_of(st.none(), st.integers(0, 150)), st.integers(0, 2**16))
def test_a_larger_line_never_raises_the_shortfall_probability(shop, limit, extra, cut_day, seed):
    kwargs = dict(n_shops=40, horizon=200, seed=seed, window_start=cut_day if cut_day is not None else 60)
    small = simulate(shop, LinePolicy(limit=limit, cut_day=cut_day), paths=False, **kwargs)
    large = simulate(shop, LinePolicy(limit=limit + extra, cut_day=cut_day), paths=False, **kwargs)
    # path by path (common random numbers): a shop short with the larger line is short with the smaller one
    assert (large.shortfall_in_window <= small.shortfall_in_window).all()
    assert (large.shortfall_days <= small.shortfall_days).all()
    assert large.shortfall_in_window.mean() <= small.shortfall_in_window.mean()


@FAST
@given(small_shops, st.integers(1, 14), st.integers(0, 60_000), st.one_of(st.none(), st.integers(0, 150)), st.integers(0, 2**16))
def test_a_longer_settlement_lag_never_lowers_the_peak_funding_need(shop, more, limit, cut_day, seed):
    policy = LinePolicy(limit=limit, cut_day=cut_day)
    quick = simulate(shop, policy, n_shops=10, horizon=200, seed=seed, paths=False)
    slow = simulate(replace(shop, settlement_lag=shop.settlement_lag + more), policy, n_shops=10, horizon=200, seed=seed, paths=False)
    assert (slow.peak_need >= quick.peak_need).all()  # shop by shop, not only on average


@FAST
@given(small_shops, st.integers(0, 60_000), st.integers(0, 150), st.integers(0, 2**16))
def test_the_monte_carlo_is_reproducible_for_a_fixed_seed(shop, limit, cut_day, seed):
    a = simulate(shop, LinePolicy(limit=limit, cut_day=cut_day), n_shops=20, horizon=160, seed=seed, paths=False)
    b = simulate(shop, LinePolicy(limit=limit, cut_day=cut_day), n_shops=20, horizon=160, seed=seed, paths=False)
    for name in ("shortfall_days", "first_shortfall", "gap", "peak_need", "balance_at_cut", "interest_total"):
        assert np.array_equal(getattr(a, name), getattr(b, name))


@FAST
@given(small_shops, st.integers(0, 60_000), st.one_of(st.none(), st.integers(0, 150)), st.integers(0, 60), st.integers(0, 2**16))
def test_keeping_the_daily_paths_or_not_gives_the_same_results(shop, limit, cut_day, notice, seed):
    # without paths the model keeps running totals of interest and late charges and reads payouts from the
    # sales directly (issue 13: faster Monte Carlo); every per-shop result must be the same to the fen
    policy = LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice, replacement_limit=5_000, replacement_days=3)
    kept = simulate(shop, policy, n_shops=15, horizon=200, seed=seed, paths=True)
    lean = simulate(shop, policy, n_shops=15, horizon=200, seed=seed, paths=False)
    for name in ("shortfall_days", "first_shortfall", "shortfall_in_window", "gap", "gap_days", "peak_need",
                 "balance_at_cut", "balance_at_effective", "interest_total", "late_fee_total", "lost_sales_base", "arrears_path"):
        assert np.array_equal(getattr(kept, name), getattr(lean, name)), name
    assert np.array_equal(kept.interest_total, kept.path("interest").sum(axis=1))
    assert np.array_equal(kept.late_fee_total, kept.path("late_fee").sum(axis=1))
    lag = shop.settlement_lag
    assert np.array_equal(kept.path("payout")[:, lag:], kept.path("sales")[:, : 200 - lag])
    assert not kept.path("payout")[:, :lag].any()


def test_different_seeds_give_different_luck():
    a = simulate(ShopParams(), n_shops=20, horizon=100, seed=1, paths=False)
    b = simulate(ShopParams(), n_shops=20, horizon=100, seed=2, paths=False)
    assert not np.array_equal(a.peak_need, b.peak_need)


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: ShopParams(daily_sales=-1), "daily_sales"),
        (lambda: ShopParams(margin=1.01), "margin"),
        (lambda: ShopParams(margin=-1.5), "margin"),
        (lambda: ShopParams(settlement_lag=-1), "settlement_lag"),
        (lambda: ShopParams(fixed_costs=-5), "fixed_costs"),
        (lambda: ShopParams(shock_persistence=1.0), "shock_persistence"),
        (lambda: LinePolicy(limit=-100), "limit"),
        (lambda: LinePolicy(notice_days=-1), "notice_days"),
        (lambda: LinePolicy(cut_day=-3), "cut_day"),
        (lambda: LinePolicy(step_down_days=-2), "step_down_days"),
        (lambda: simulate(ShopParams(), horizon=0), "horizon"),
        (lambda: simulate(ShopParams(), horizon=-5), "horizon"),
        (lambda: simulate(ShopParams(), LinePolicy(cut_day=10, notice_days=400), horizon=365), "notice_days"),
        (lambda: simulate(ShopParams(), LinePolicy(cut_day=400), horizon=365), "cut_day"),
        (lambda: simulate(ShopParams(), n_shops=0), "n_shops"),
        (lambda: simulate(ShopParams(), limits=[1.0, -2.0], n_shops=2), "limits"),
        (lambda: limit_schedule(LinePolicy(), horizon=-1), "horizon"),
    ],
)
def test_bad_input_raises_a_value_error_naming_the_parameter(make, name):
    with pytest.raises(ValueError, match=name):
        make()


def test_a_shop_or_policy_of_the_wrong_type_is_refused():
    with pytest.raises(TypeError, match="shop"):
        simulate({"daily_sales": 100})
    with pytest.raises(TypeError, match="policy"):
        simulate(ShopParams(), {"limit": 100})


# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------


def test_ten_thousand_shops_for_a_year_run_well_within_the_budget():
    simulate(ShopParams(), LinePolicy(cut_day=200), n_shops=100, paths=False)  # warm-up (imports)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        simulate(ShopParams(), LinePolicy(cut_day=200), n_shops=10_000, horizon=365, paths=False)
        times.append(time.perf_counter() - start)
    # budget 1 s; measured about 0.4-0.6 s on the shared 2-core machine; generous margin for CI
    assert min(times) < 2.5


# ---------------------------------------------------------------------------
# Rough edges (issue 16): bad input gets an error naming the parameter, never a raw one
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_sim():
    return simulate(ShopParams(shock_sd=0), LinePolicy(), n_shops=2, horizon=30)


@pytest.mark.parametrize(
    ("make", "error", "name"),
    [
        # scale/limits: a dict or an object gave "float() argument must be…", True was taken as 1.0
        (lambda sim: simulate(ShopParams(), n_shops=2, scale={"a": 1}), TypeError, "scale"),
        (lambda sim: simulate(ShopParams(), n_shops=2, scale=None), TypeError, "scale"),
        (lambda sim: simulate(ShopParams(), n_shops=2, scale="big"), TypeError, "scale"),
        (lambda sim: simulate(ShopParams(), n_shops=2, scale=True), TypeError, "scale"),
        (lambda sim: simulate(ShopParams(), n_shops=2, scale=[1.0, float("nan")]), ValueError, "scale"),
        (lambda sim: simulate(ShopParams(), n_shops=2, limits=object()), TypeError, "limits"),
        # cut: 0.5 and 2 were silently read as True
        (lambda sim: simulate(ShopParams(), n_shops=2, cut=[0.5, 2]), ValueError, "cut"),
        (lambda sim: simulate(ShopParams(), n_shops=2, cut=["a", "b"]), TypeError, "cut"),
        # paths: an array gave "truth value … is ambiguous", "no" was read as True
        (lambda sim: simulate(ShopParams(), paths=np.ones(2)), TypeError, "paths"),
        (lambda sim: simulate(ShopParams(), paths="no"), TypeError, "paths"),
        # anything but a Simulation gave "'NoneType' object has no attribute 'paths'"
        (lambda sim: cash_identity_residual(None), TypeError, "sim"),
        (lambda sim: year_summary({"paths": {}}), TypeError, "sim"),
        (lambda sim: ledger(pd.DataFrame()), TypeError, "sim"),
        (lambda sim: year_summary(simulate(ShopParams(), horizon=30, paths=False)), ValueError, "sim"),
        # days: "'int' object is not iterable", pandas' "Index data must be 1-dimensional", 1.5 cut to 1
        (lambda sim: ledger(sim, days=5), ValueError, "days"),
        (lambda sim: ledger(sim, days=None), ValueError, "days"),
        (lambda sim: ledger(sim, days=np.ones((2, 2))), ValueError, "days"),
        (lambda sim: ledger(sim, days=[1.5]), ValueError, "days"),
        (lambda sim: ledger(sim, days=[]), ValueError, "days"),
        (lambda sim: ledger(sim, days=[0, 30]), ValueError, "days"),
        # name: a list gave "unhashable type: 'list'"
        (lambda sim: sim.path(["cash"]), ValueError, "name"),
        (lambda sim: sim.path(np.array(["cash"])), ValueError, "name"),
    ],
)
def test_rough_inputs_get_an_error_naming_the_parameter(small_sim, make, error, name):
    with pytest.raises(error, match=name):
        make(small_sim)


def test_the_checks_still_accept_every_ordinary_form_of_input(small_sim):
    assert list(ledger(small_sim, days=np.array([0, 1])).index) == [0, 1]
    assert list(ledger(small_sim, days=(d for d in range(3))).index) == [0, 1, 2]
    assert list(ledger(small_sim, days=pd.Series([4.0, 5.0])).index) == [4, 5]
    assert simulate(ShopParams(), n_shops=2, horizon=30, scale=pd.Series([1, 2]), cut=[True, False]).n_shops == 2
    assert simulate(ShopParams(), n_shops=2, horizon=30, limits=np.array([0, 1e4]), cut=np.array([1, 0])).n_shops == 2
    assert simulate(ShopParams(), horizon=30, paths=np.bool_(False)).paths is None


def test_the_shock_cache_lives_in_one_module_only() -> None:
    from pathlib import Path

    import lessons.sme

    package = Path(lessons.sme.__file__).resolve().parent
    holders = [p.name for p in package.glob("*.py") if "_SHOCK_CACHE:" in p.read_text(encoding="utf-8")]
    assert holders == ["shop.py"]
