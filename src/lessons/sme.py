"""Chapter 3 — what a cut credit line does to a small online shop's cash flow.

The model follows one shop, or thousands of them at once, through a year of
days (day 0 = 1 January; day 314 = 11 November, Double 11, 双十一):

* **Sales** have a weekly pattern, a festival spike and random, persistent
  shocks (a seeded AR(1) process in logs, the same for every scenario run
  with the same seed: common random numbers).
* **Payouts**: the platform pays each day's sales out ``settlement_lag`` days
  later. The shop starts with nothing in the settlement pipeline, so every
  yuan in transit has to be financed (that is what a lag costs).
* **Suppliers** are paid up front: every ``inventory_cycle`` days the shop pays
  ``(1 - margin)`` × the *planned* sales of the coming cycle (the festival
  stock is bought before the festival). Random shocks change revenue, not the
  order already paid for.
* **Fixed costs** (rent, wages, platform fees) are paid every day.
* A **revolving line** (the owner's personal line used as the firm's working
  capital) is drawn when cash would go negative and repaid whenever cash
  allows; interest accrues daily on the drawn balance and is added to it.
* Optionally the **owner** takes home any cash above ``cash_cap`` at the end
  of a day: the household lives off the shop, so profits cannot pile up as a
  buffer (off by default).
* Bills that cannot be paid from cash or the line stay **unpaid** (arrears)
  and are paid first as soon as money comes in. Unpaid bills carry a late
  charge at the line's daily rate, so owing a supplier is no cheaper than
  borrowing (an assumption that keeps comparisons between line sizes fair:
  with it, a larger line or more notice can never cause a shortfall). A *shortfall day* is a day
  that ends with unpaid bills: the shop could not pay a supplier (or its
  rent) in full.
* A **cut**: the platform decides on ``cut_day``. With ``notice_days`` of
  notice the line stays usable until ``cut_day + notice_days``; from then the
  limit falls to zero at once, or in equal daily steps over
  ``step_down_days``. The drawn balance is not called in at once: it is
  repaid from the shop's surplus cash, as before; no new draws are possible
  above the (shrinking) limit.

All money is kept in integer fen (1 yuan = 100 fen) so that the cash account
balances exactly every day: opening cash + payouts + draws − bills paid −
repayments − the owner's draws = closing cash. Every parameter default is **illustrative, not
calibrated to Ant Group or to any real shop**.

The public API:

* parameters: :class:`ShopParams`, :class:`LinePolicy`
* one simulation: :func:`simulate` → :class:`Simulation` (paths and per-shop
  results), :func:`cash_identity_residual`, :func:`year_summary`
* stress test: :func:`stress_test` → :class:`StressResult`,
  :func:`compare_policies` (used by Chapter 4), :func:`exposure_at_cut`
* alternatives: :func:`funding_options`, :func:`bridge_cost`
* many lines: :func:`shop_population`, :func:`tighten_lines`,
  :func:`population_outcome`, :func:`supplier_spillover`
* figures and widget functions: ``plot_*`` and ``*_view``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_int, as_number, as_probability, as_rng
from lessons.plotting import svg_figure, svg_histogram, svg_lines

__all__ = [
    "DAYS_PER_YEAR",
    "DOUBLE_11",
    "WEEKLY_PATTERN",
    "SHORTFALL_WINDOW",
    "ShopParams",
    "LinePolicy",
    "Simulation",
    "StressResult",
    "limit_schedule",
    "planned_sales",
    "sales_paths",
    "simulate",
    "cash_identity_residual",
    "year_summary",
    "describe_shop",
    "ledger",
    "stress_test",
    "compare_policies",
    "exposure_at_cut",
    "funding_options",
    "bridge_cost",
    "shop_population",
    "tighten_lines",
    "population_outcome",
    "supplier_spillover",
    "plot_year",
    "plot_stress",
    "plot_policy_comparison",
    "plot_bridge",
    "plot_population",
    "cash_flow_view",
    "stress_view",
    "bridge_view",
    "tightening_view",
    "receivables_in_transit",
    "ShopPopulation",
    "SCENARIOS",
    "DEFAULT_LPR",
    "STOCKOUT_SHARE",
    "BASE_APPROVAL_RATE",
    "CASH_FLOW_PROFILES",
    "CASH_FLOW_LAGS",
    "CASH_FLOW_LIMITS",
    "STRESS_CUT_DAYS",
    "STRESS_LIMITS",
    "BRIDGE_GAPS",
    "BRIDGE_DURATIONS",
    "TIGHTENING_RATES",
]

#: Days simulated by default: one (non-leap) year.
DAYS_PER_YEAR = 365
#: 11 November (Double 11, 双十一) as a day index when day 0 is 1 January of a non-leap year.
DOUBLE_11 = 314
#: Sales by weekday relative to the average (Monday first); illustrative, mean 1.
WEEKLY_PATTERN: tuple[float, ...] = (0.90, 0.90, 0.95, 0.95, 1.05, 1.15, 1.10)
#: Days after the cut decision in which a shortfall counts for the headline probability.
SHORTFALL_WINDOW = 90
_MAX_LAG = 120
_MAX_HORIZON = 3 * DAYS_PER_YEAR
_FEN = 100


# ---------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShopParams:
    """A small online shop (all values illustrative, not calibrated to Ant Group or any real shop).

    Parameters
    ----------
    daily_sales : float
        Average planned sales per day in RMB (>= 0).
    margin : float
        Gross margin in [-1, 1]: the cost of goods is ``(1 - margin)`` × sales.
    settlement_lag : int
        Days between a sale and the payout to the shop (0 to 120).
    inventory_cycle : int
        Days between supplier orders; each order pays for the next cycle's planned sales (1 to 120).
    fixed_costs : float
        Rent, wages and fees per day in RMB (>= 0).
    opening_cash : float
        Cash on day 0 in RMB (>= 0).
    cash_cap : float or None
        If set, the owner takes home any cash above this at the end of a day (RMB, >= 0):
        the household lives off the shop, so profits do not pile up as a buffer.
        None (the default): the shop keeps its profits.
    festival_day : int
        Day of the sales spike (default 314 = 11 November, Double 11).
    festival_lift : float
        Planned sales on the festival day as a multiple of an ordinary day (>= 1).
    shock_sd : float
        Standard deviation of the log sales shock (0 to 2).
    shock_persistence : float
        Day-to-day autocorrelation of the log shock, in [0, 1).
    daily_rate : float
        Interest per day on the drawn line (0 to 0.01); the default 0.05 % a day is 18.25 % a year, simple.

    Examples
    --------
    >>> ShopParams().daily_sales
    3000.0
    >>> ShopParams(margin=1.5)
    Traceback (most recent call last):
    ...
    ValueError: margin must be a number in [-1, 1]; got 1.5
    """

    daily_sales: float = 3_000.0
    margin: float = 0.25
    settlement_lag: int = 7
    inventory_cycle: int = 14
    fixed_costs: float = 600.0
    opening_cash: float = 20_000.0
    cash_cap: float | None = None
    festival_day: int = DOUBLE_11
    festival_lift: float = 8.0
    shock_sd: float = 0.15
    shock_persistence: float = 0.90
    daily_rate: float = 0.0005

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "daily_sales", as_number("daily_sales", self.daily_sales, low=0, high=1e7))
        set_(self, "margin", as_number("margin", self.margin, low=-1, high=1))
        set_(self, "settlement_lag", as_int("settlement_lag", self.settlement_lag, low=0, high=_MAX_LAG))
        set_(self, "inventory_cycle", as_int("inventory_cycle", self.inventory_cycle, low=1, high=_MAX_LAG))
        set_(self, "fixed_costs", as_number("fixed_costs", self.fixed_costs, low=0, high=1e7))
        set_(self, "opening_cash", as_number("opening_cash", self.opening_cash, low=0, high=1e9))
        if self.cash_cap is not None:
            set_(self, "cash_cap", as_number("cash_cap", self.cash_cap, low=0, high=1e9))
        set_(self, "festival_day", as_int("festival_day", self.festival_day, low=0, high=_MAX_HORIZON))
        set_(self, "festival_lift", as_number("festival_lift", self.festival_lift, low=1, high=50))
        set_(self, "shock_sd", as_number("shock_sd", self.shock_sd, low=0, high=2))
        set_(self, "shock_persistence", as_number("shock_persistence", self.shock_persistence, low=0, high=1, high_open=True))
        set_(self, "daily_rate", as_number("daily_rate", self.daily_rate, low=0, high=0.01))


@dataclass(frozen=True)
class LinePolicy:
    """The owner's revolving line and what the platform does to it (illustrative).

    Parameters
    ----------
    limit : float
        Credit limit in RMB (>= 0).
    cut_day : int or None
        Day the platform decides to close the line (None: never).
    notice_days : int
        Days the line stays usable after the decision (0 = a sudden cut).
    step_down_days : int
        Once notice ends, the limit falls to zero in equal daily steps over this many days
        (0 = at once).
    replacement_limit : float
        Other funding the owner applies for on the day the cut is announced (RMB, >= 0;
        0 = none), e.g. one of the options of :func:`funding_options`.
    replacement_days : int
        Days until that funding arrives. From ``cut_day + replacement_days`` the shop may
        borrow up to the platform's remaining limit plus ``replacement_limit``; the two
        debts are pooled into one balance at the line's rate (a simplification).

    Examples
    --------
    >>> LinePolicy(limit=40_000, cut_day=200, notice_days=30).effective_day
    230
    >>> LinePolicy(limit=-1)
    Traceback (most recent call last):
    ...
    ValueError: limit must be a number in [0, 1e+09]; got -1
    """

    limit: float = 40_000.0
    cut_day: int | None = None
    notice_days: int = 0
    step_down_days: int = 0
    replacement_limit: float = 0.0
    replacement_days: int = 0

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "limit", as_number("limit", self.limit, low=0, high=1e9))
        if self.cut_day is not None:
            set_(self, "cut_day", as_int("cut_day", self.cut_day, low=0, high=_MAX_HORIZON))
        set_(self, "notice_days", as_int("notice_days", self.notice_days, low=0, high=_MAX_HORIZON))
        set_(self, "step_down_days", as_int("step_down_days", self.step_down_days, low=0, high=_MAX_HORIZON))
        set_(self, "replacement_limit", as_number("replacement_limit", self.replacement_limit, low=0, high=1e9))
        set_(self, "replacement_days", as_int("replacement_days", self.replacement_days, low=0, high=_MAX_HORIZON))

    @property
    def effective_day(self) -> int | None:
        """First day the limit starts to fall (``cut_day + notice_days``), or None without a cut."""
        return None if self.cut_day is None else self.cut_day + self.notice_days


def _check_shop(shop: Any) -> ShopParams:
    if not isinstance(shop, ShopParams):
        raise TypeError(f"shop must be a ShopParams; got {type(shop).__name__}")
    return shop


def _check_policy(policy: Any, horizon: int) -> LinePolicy:
    if not isinstance(policy, LinePolicy):
        raise TypeError(f"policy must be a LinePolicy; got {type(policy).__name__}")
    if policy.notice_days > horizon:
        raise ValueError(f"notice_days must be <= the horizon ({horizon} days); got {policy.notice_days}")
    if policy.cut_day is not None and policy.cut_day >= horizon:
        raise ValueError(f"cut_day must be < the horizon ({horizon} days); got {policy.cut_day}")
    return policy


# ---------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------


def limit_schedule(policy: LinePolicy, horizon: int = DAYS_PER_YEAR) -> np.ndarray:
    """Share of the original limit available on each day (1 before the cut, 0 after it).

    Parameters
    ----------
    policy : LinePolicy
    horizon : int
        Number of days (1 to 1095).

    Returns
    -------
    1-D float array of length ``horizon`` with values in [0, 1].

    Examples
    --------
    >>> limit_schedule(LinePolicy(cut_day=2, notice_days=1, step_down_days=2), horizon=7).tolist()
    [1.0, 1.0, 1.0, 0.5, 0.0, 0.0, 0.0]
    """
    horizon = as_int("horizon", horizon, low=1, high=_MAX_HORIZON)
    policy = _check_policy(policy, horizon)
    share = np.ones(horizon)
    if policy.cut_day is None:
        return share
    start = policy.effective_day
    days = np.arange(horizon)
    if policy.step_down_days == 0:
        share[days >= start] = 0.0
    else:
        steps = (days - start + 1) / policy.step_down_days
        share = np.clip(1.0 - np.where(days >= start, steps, 0.0), 0.0, 1.0)
    return share


def planned_sales(shop: ShopParams, horizon: int = DAYS_PER_YEAR) -> np.ndarray:
    """Planned (expected) sales per day in RMB: level × weekday pattern × festival spike.

    Examples
    --------
    >>> planned_sales(ShopParams(daily_sales=1000, festival_day=5, festival_lift=3), horizon=7).tolist()
    [900.0, 900.0, 950.0, 950.0, 1050.0, 3450.0, 1100.0]
    """
    shop = _check_shop(shop)
    horizon = as_int("horizon", horizon, low=1, high=_MAX_HORIZON + _MAX_LAG)
    days = np.arange(horizon)
    pattern = np.asarray(WEEKLY_PATTERN)[days % 7]
    lift = np.where(days == shop.festival_day, shop.festival_lift, 1.0)
    return shop.daily_sales * pattern * lift


_SHOCK_CACHE: dict[tuple[Any, ...], np.ndarray] = {}
_SHOCK_CACHE_SIZE = 6


def _cached_shocks(seed: Any, n_shops: int, horizon: int, sd: float, persistence: float) -> np.ndarray:
    """Shock multipliers for an integer seed, cached (read-only) so that scenario comparisons reuse the draws.

    A Generator passed as ``seed`` is used (and advanced) directly, never cached.
    """
    if isinstance(seed, np.random.Generator):
        return _shock_multipliers(n_shops, horizon, sd, persistence, seed)
    key = (as_int("seed", seed, low=0), n_shops, horizon, sd, persistence)
    found = _SHOCK_CACHE.get(key)
    if found is None:
        found = _shock_multipliers(n_shops, horizon, sd, persistence, as_rng("seed", key[0]))
        found.setflags(write=False)
        if len(_SHOCK_CACHE) >= _SHOCK_CACHE_SIZE:
            _SHOCK_CACHE.pop(next(iter(_SHOCK_CACHE)))
        _SHOCK_CACHE[key] = found
    return found


def _shock_multipliers(n_shops: int, horizon: int, sd: float, persistence: float, rng: np.random.Generator) -> np.ndarray:
    """exp(AR(1) log shock) with mean 1, shape (horizon, n_shops); same draws for any sd/persistence."""
    eps = rng.standard_normal((horizon, n_shops))
    if sd == 0:
        return np.ones((horizon, n_shops))
    b0 = np.sqrt(1.0 - persistence**2)
    z = eps  # z_0 = eps_0 (stationary start); z_t = persistence * z_{t-1} + b0 * eps_t, in place
    if persistence > 0:
        for t in range(1, horizon):
            z[t] *= b0
            z[t] += persistence * z[t - 1]
    z *= sd
    z -= 0.5 * sd**2
    return np.exp(z, out=z)


def sales_paths(shop: ShopParams, n_shops: int = 1, horizon: int = DAYS_PER_YEAR, seed: Any = 0) -> np.ndarray:
    """Realised sales in fen, shape ``(n_shops, horizon)`` (seeded, common random numbers).

    The random draws depend only on ``seed``, ``n_shops`` and ``horizon``, so
    two shops or two policies simulated with the same seed meet the same luck.

    Examples
    --------
    >>> s = sales_paths(ShopParams(shock_sd=0), n_shops=2, horizon=3)
    >>> s.tolist()
    [[270000, 270000, 285000], [270000, 270000, 285000]]
    """
    shop = _check_shop(shop)
    n_shops = as_int("n_shops", n_shops, low=1, high=200_000)
    horizon = as_int("horizon", horizon, low=1, high=_MAX_HORIZON)
    mult = _cached_shocks(seed, n_shops, horizon, shop.shock_sd, shop.shock_persistence)
    plan = planned_sales(shop, horizon)[:, None] * _FEN
    return np.rint(plan * mult).astype(np.int64).T


# ---------------------------------------------------------------------------
# The simulation
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Simulation:
    """What :func:`simulate` returns. Money in **fen** (integers); divide by 100 for RMB.

    Daily paths (shape ``(n_shops, horizon)``; ``None`` when ``paths=False``):
    ``sales``, ``payout``, ``bills_due`` (fixed costs + supplier order + unpaid bills carried in),
    ``bills_paid``, ``draw``, ``repay``, ``owner_draw``, ``interest``, ``late_fee``, ``opening_cash``, ``cash`` (closing),
    ``balance`` (closing drawn balance), ``arrears`` (closing unpaid bills), ``limit``.

    Per-shop results (shape ``(n_shops,)``): ``shortfall_days`` (in the whole horizon),
    ``first_shortfall`` (first shortfall day on or after ``window_start``; -1 if none),
    ``shortfall_in_window`` (bool), ``gap`` (largest unpaid bills in the window),
    ``gap_days`` (shortfall days in the window), ``peak_need`` (largest balance + arrears − cash
    over the horizon), ``balance_at_cut`` and ``balance_at_effective`` (drawn balance at the
    start of the decision day and of the first day of the falling limit; 0 without a cut),
    ``interest_total`` (on the line), ``late_fee_total`` (on unpaid bills), ``lost_sales_base``
    (sales made on shortfall days in the window).
    """

    shop: ShopParams
    policy: LinePolicy
    horizon: int
    window_start: int
    window_end: int
    seed: Any
    shortfall_days: np.ndarray
    first_shortfall: np.ndarray
    shortfall_in_window: np.ndarray
    gap: np.ndarray
    gap_days: np.ndarray
    peak_need: np.ndarray
    balance_at_cut: np.ndarray
    balance_at_effective: np.ndarray
    interest_total: np.ndarray
    late_fee_total: np.ndarray
    lost_sales_base: np.ndarray
    arrears_path: np.ndarray | None = field(default=None, repr=False)
    paths: dict[str, np.ndarray] | None = field(default=None, repr=False)

    @property
    def n_shops(self) -> int:
        """Number of simulated shops."""
        return int(self.shortfall_days.size)

    def path(self, name: str) -> np.ndarray:
        """One daily path (fen), shape (n_shops, horizon); needs ``paths=True``."""
        if self.paths is None:
            raise ValueError("paths were not recorded: call simulate(..., paths=True)")
        if name not in self.paths:
            raise ValueError(f"name must be one of {', '.join(map(repr, self.paths))}; got {name!r}")
        return self.paths[name]


def _broadcast(name: str, value: Any, n: int, *, low: float | None, high: float | None) -> np.ndarray:
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        array = np.full(n, float(array))
    if array.shape != (n,):
        raise ValueError(f"{name} must be a number or an array of length n_shops ({n}); got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must contain only finite numbers")
    if low is not None and array.min() < low:
        raise ValueError(f"{name} must be >= {low:g}; smallest value is {array.min():g}")
    if high is not None and array.max() > high:
        raise ValueError(f"{name} must be <= {high:g}; largest value is {array.max():g}")
    return array


def simulate(
    shop: ShopParams | None = None,
    policy: LinePolicy | None = None,
    *,
    n_shops: int = 1,
    horizon: int = DAYS_PER_YEAR,
    seed: Any = 0,
    paths: bool = True,
    window: int = SHORTFALL_WINDOW,
    window_start: int | None = None,
    scale: Any = 1.0,
    limits: Any = None,
    cut: Any = None,
) -> Simulation:
    """Simulate the daily cash of ``n_shops`` shops (vectorised over shops, one step per day).

    Parameters
    ----------
    shop : ShopParams, optional
        The shop (defaults: :class:`ShopParams`); illustrative, not calibrated to Ant Group.
    policy : LinePolicy, optional
        The line and its cut (defaults: :class:`LinePolicy`, no cut).
    n_shops : int
        Number of shops (1 to 200,000), each with its own random sales shocks.
    horizon : int
        Days to simulate (1 to 1095).
    seed : int or numpy Generator
        Seed of the sales shocks (common random numbers across scenarios).
    paths : bool
        Keep every daily path (memory: about 12 × 8 bytes × shops × days).
    window : int
        Length of the window in which shortfalls are counted (default 90 days).
    window_start : int, optional
        First day of that window (default: the cut day, or 0 without a cut).
    scale : float or array
        Per-shop multiplier of sales, stock orders and fixed costs (shops of different sizes).
    limits : float or array, optional
        Per-shop credit limits in RMB, replacing ``policy.limit``.
    cut : bool array, optional
        Which shops the policy's cut applies to (default: all); the others keep their line.

    Returns
    -------
    Simulation

    Examples
    --------
    >>> sim = simulate(ShopParams(shock_sd=0), LinePolicy(limit=40_000), horizon=365)
    >>> int(sim.shortfall_days[0]), int(cash_identity_residual(sim).max())
    (0, 0)
    >>> cut = simulate(ShopParams(shock_sd=0), LinePolicy(limit=40_000, cut_day=250), horizon=365)
    >>> bool(cut.shortfall_in_window[0])
    True
    """
    shop = _check_shop(shop if shop is not None else ShopParams())
    horizon = as_int("horizon", horizon, low=1, high=_MAX_HORIZON)
    policy = _check_policy(policy if policy is not None else LinePolicy(), horizon)
    n_shops = as_int("n_shops", n_shops, low=1, high=200_000)
    window = as_int("window", window, low=1, high=_MAX_HORIZON)
    if window_start is None:
        window_start = policy.cut_day if policy.cut_day is not None else 0
    window_start = as_int("window_start", window_start, low=0, high=horizon - 1)
    window_end = min(horizon, window_start + window)
    scale_arr = _broadcast("scale", scale, n_shops, low=0, high=1e4)
    limit_arr = _broadcast("limits", policy.limit if limits is None else limits, n_shops, low=0, high=1e9)
    if cut is None:
        cut_mask = np.ones(n_shops, dtype=bool)
    else:
        cut_mask = np.asarray(cut, dtype=bool)
        if cut_mask.shape != (n_shops,):
            raise ValueError(f"cut must be a boolean array of length n_shops ({n_shops}); got shape {cut_mask.shape}")

    lag = shop.settlement_lag
    mult = _cached_shocks(seed, n_shops, horizon, shop.shock_sd, shop.shock_persistence)
    plan = planned_sales(shop, horizon + shop.inventory_cycle)  # RMB, (T + cycle,)
    sales = np.rint((plan[:horizon, None] * _FEN) * (mult * scale_arr[None, :])).astype(np.int64)  # (T, n)
    payout = np.zeros_like(sales)
    if lag < horizon:
        payout[lag:] = sales[: horizon - lag]
    # stock orders: on order days, (1 - margin) x the next cycle's planned sales, paid up front
    cycle = shop.inventory_cycle
    order_days = np.arange(0, horizon, cycle)
    cum = np.concatenate([[0.0], np.cumsum(plan * _FEN)])
    cycle_plan = cum[np.minimum(order_days + cycle, plan.size)] - cum[order_days]
    orders = np.rint((cycle_plan * (1.0 - shop.margin))[:, None] * scale_arr[None, :]).astype(np.int64)
    order_row = {int(day): row for day, row in zip(order_days, orders)}
    fixed = np.rint(shop.fixed_costs * _FEN * scale_arr).astype(np.int64)
    capped = shop.cash_cap is not None
    cap = np.rint((shop.cash_cap or 0.0) * _FEN * scale_arr).astype(np.int64)
    share = limit_schedule(policy, horizon)
    full_limit = np.rint(limit_arr * _FEN).astype(np.int64)
    extra = np.where(cut_mask, int(round(policy.replacement_limit * _FEN)), 0).astype(np.int64)
    extra_from = horizon + 1 if policy.cut_day is None or policy.replacement_limit == 0 else policy.cut_day + policy.replacement_days
    rate = shop.daily_rate

    cash = np.full(n_shops, int(round(shop.opening_cash * _FEN)), dtype=np.int64)
    balance = np.zeros(n_shops, dtype=np.int64)
    arrears = np.zeros(n_shops, dtype=np.int64)
    zeros = np.zeros(n_shops, dtype=np.int64)
    bal_cut = zeros
    bal_eff = zeros
    eff = policy.effective_day
    arrears_path = np.empty((horizon, n_shops), dtype=np.int64)
    balance_path = np.empty((horizon, n_shops), dtype=np.int64)
    cash_path = np.empty((horizon, n_shops), dtype=np.int64)
    interest_path = np.zeros((horizon, n_shops), dtype=np.int64)
    fee_path = np.zeros((horizon, n_shops), dtype=np.int64)
    taken = zeros
    if paths:
        names = ("opening_cash", "bills_due", "bills_paid", "draw", "repay", "owner_draw", "limit")
        rec = {name: np.empty((horizon, n_shops), dtype=np.int64) for name in names}
    any_arrears = False
    any_balance = False

    for t in range(horizon):
        if t == policy.cut_day:
            bal_cut = balance.copy()
        if t == eff:
            bal_eff = balance.copy()
        if share[t] == 1.0:
            limit_t = full_limit
        else:
            limit_t = np.where(cut_mask, np.floor(full_limit * share[t]).astype(np.int64), full_limit)
        if t >= extra_from:
            limit_t = limit_t + extra
        due = fixed + arrears
        if rate > 0 and (any_balance or any_arrears):
            # interest on the line (added to the balance) and a late charge on unpaid bills, both at the
            # line's rate and rounded so that together they equal the charge on the total owed
            interest = np.rint(balance * rate).astype(np.int64)
            interest_path[t] = interest
            balance += interest
            if any_arrears:
                fee = np.rint((balance - interest + arrears) * rate).astype(np.int64) - interest
                fee_path[t] = fee
                due += fee
        if t in order_row:
            due += order_row[t]
        surplus = cash + payout[t] - due
        spare = np.maximum(surplus, 0)
        missing = spare - surplus  # = max(-surplus, 0)
        repay = np.minimum(spare, balance)
        draw = np.minimum(missing, np.maximum(limit_t - balance, 0))
        if paths:
            rec["opening_cash"][t] = cash
        arrears = missing - draw
        cash = spare - repay
        if capped:
            taken = np.maximum(cash - cap, 0)
            cash -= taken
        balance += draw - repay
        arrears_path[t] = arrears
        balance_path[t] = balance
        cash_path[t] = cash
        any_arrears = bool(arrears.any())
        any_balance = bool(balance.any())
        if paths:
            rec["bills_due"][t] = due
            rec["bills_paid"][t] = due - arrears
            rec["draw"][t] = draw
            rec["repay"][t] = repay
            rec["owner_draw"][t] = taken
            rec["limit"][t] = limit_t

    interest_total = interest_path.sum(axis=0)
    fee_total = fee_path.sum(axis=0)
    need_path = balance_path + arrears_path - cash_path
    short = arrears_path > 0
    window_start_, window_end_ = window_start, window_end
    in_window = short[window_start_:window_end_]
    after = short[window_start_:]
    first = np.where(after.any(axis=0), after.argmax(axis=0) + window_start_, -1)
    gap = arrears_path[window_start_:window_end_].max(axis=0)
    gap_days = in_window.sum(axis=0)
    lost = (sales[window_start_:window_end_] * in_window).sum(axis=0)
    recorded = None
    if paths:
        recorded = {name: value.T for name, value in rec.items()}
        recorded["arrears"] = arrears_path.T
        recorded["cash"] = cash_path.T
        recorded["balance"] = balance_path.T
        recorded["sales"] = sales.T
        recorded["payout"] = payout.T
        supplier = np.zeros((horizon, n_shops), dtype=np.int64)
        supplier[order_days] = orders
        recorded["supplier"] = supplier.T
        recorded["interest"] = interest_path.T
        recorded["late_fee"] = fee_path.T
        recorded["fixed"] = np.broadcast_to(fixed[None, :], (horizon, n_shops)).T
    if policy.cut_day is None:
        bal_cut = np.zeros(n_shops, dtype=np.int64)
    if eff is None:
        bal_eff = np.zeros(n_shops, dtype=np.int64)
    elif eff >= horizon:
        bal_eff = balance.copy()
    return Simulation(
        shop=shop,
        policy=policy,
        horizon=horizon,
        window_start=window_start,
        window_end=window_end,
        seed=seed if not isinstance(seed, np.random.Generator) else None,
        shortfall_days=short.sum(axis=0),
        first_shortfall=first,
        shortfall_in_window=gap_days > 0,
        gap=gap,
        gap_days=gap_days,
        peak_need=np.maximum(need_path.max(axis=0), 0),
        balance_at_cut=np.where(cut_mask, bal_cut, 0),
        balance_at_effective=np.where(cut_mask, bal_eff, 0),
        interest_total=interest_total,
        late_fee_total=fee_total,
        lost_sales_base=lost,
        arrears_path=arrears_path.T,
        paths=recorded,
    )


def cash_identity_residual(sim: Simulation) -> np.ndarray:
    """Opening cash + payouts + draws − bills paid − repayments − owner's draws − closing cash (fen).

    Zero everywhere when the books balance; the tests require exactly zero.

    Examples
    --------
    >>> sim = simulate(ShopParams(), LinePolicy(cut_day=100), n_shops=3, horizon=200)
    >>> int(abs(cash_identity_residual(sim)).max())
    0
    """
    p = sim.paths
    if p is None:
        raise ValueError("sim must be simulated with paths=True")
    inflow = p["payout"] + p["draw"]
    outflow = p["bills_paid"] + p["repay"] + p["owner_draw"]
    return p["opening_cash"] + inflow - outflow - p["cash"]


def year_summary(sim: Simulation, shop_index: int = 0) -> pd.DataFrame:
    """One shop's year in a few numbers (RMB): sales, costs, interest, line use, shortfall days.

    Examples
    --------
    >>> row = year_summary(simulate(ShopParams(shock_sd=0), LinePolicy(limit=0)))
    >>> int(row.loc["days with unpaid bills", "value"]) > 0
    True
    """
    shop_index = as_int("shop_index", shop_index, low=0, high=sim.n_shops - 1)
    p = sim.paths
    if p is None:
        raise ValueError("sim must be simulated with paths=True")
    i = shop_index
    rows = [
        ("sales (RMB)", p["sales"][i].sum() / _FEN),
        ("paid out by the platform (RMB)", p["payout"][i].sum() / _FEN),
        ("paid to suppliers, ordered (RMB)", p["supplier"][i].sum() / _FEN),
        ("fixed costs (RMB)", p["fixed"][i].sum() / _FEN),
        ("interest on the line (RMB)", p["interest"][i].sum() / _FEN),
        ("late charges on unpaid bills (RMB)", p["late_fee"][i].sum() / _FEN),
        ("taken home by the owner (RMB)", p["owner_draw"][i].sum() / _FEN),
        ("largest drawn balance (RMB)", p["balance"][i].max() / _FEN),
        ("days the line was in use", int((p["balance"][i] > 0).sum())),
        ("days with unpaid bills", int(sim.shortfall_days[i])),
        ("largest unpaid bills (RMB)", p["arrears"][i].max() / _FEN),
        ("peak funding need (RMB)", sim.peak_need[i] / _FEN),
        ("closing cash (RMB)", p["cash"][i, -1] / _FEN),
    ]
    return pd.DataFrame(rows, columns=["item", "value"]).set_index("item")


def describe_shop(shop: ShopParams | None = None) -> pd.DataFrame:
    """The shop's parameters with their meaning (all illustrative, not calibrated to Ant Group).

    Examples
    --------
    >>> describe_shop().loc["settlement_lag", "value"]
    7
    """
    shop = _check_shop(shop if shop is not None else ShopParams())
    meaning = {
        "daily_sales": "average planned sales per day (RMB)",
        "margin": "gross margin: cost of goods = (1 − margin) × sales",
        "settlement_lag": "days from a sale to the platform's payout",
        "inventory_cycle": "days between stock orders, each paid up front",
        "fixed_costs": "rent, wages and fees per day (RMB)",
        "opening_cash": "cash on 1 January (RMB)",
        "cash_cap": "owner takes home cash above this (RMB); None = keeps profits",
        "festival_day": "day of the sales spike (314 = 11 November, Double 11)",
        "festival_lift": "festival-day sales as a multiple of an ordinary day",
        "shock_sd": "size of random sales shocks (standard deviation of log sales)",
        "shock_persistence": "how long good or bad spells last (day-to-day autocorrelation)",
        "daily_rate": "interest per day on the drawn line (0.0005 = 0.05 %)",
    }
    frame = pd.DataFrame(
        {"value": pd.Series([getattr(shop, name) for name in meaning], dtype=object), "meaning": list(meaning.values())},
    )
    frame.index = pd.Index(list(meaning), name="parameter")
    return frame


def ledger(sim: Simulation, days: Sequence[int] | range = range(14), shop_index: int = 0) -> pd.DataFrame:
    """One shop's cash book for some days, in RMB: opening + inflows − outflows = closing.

    Columns: ``opening``, ``payout``, ``draw`` (inflows); ``bills_paid``, ``repay``, ``owner_draw``
    (outflows); ``closing``; and beside the cash book ``bills_due``, ``unpaid`` and ``line_balance``.

    Examples
    --------
    >>> t = ledger(simulate(ShopParams(shock_sd=0), LinePolicy()), days=range(3))
    >>> bool(((t.opening + t.payout + t.draw - t.bills_paid - t.repay - t.owner_draw - t.closing).abs() < 1e-9).all())
    True
    """
    shop_index = as_int("shop_index", shop_index, low=0, high=sim.n_shops - 1)
    p = sim.paths
    if p is None:
        raise ValueError("sim must be simulated with paths=True")
    days = np.asarray(list(days), dtype=int)
    if days.size == 0 or days.min() < 0 or days.max() >= sim.horizon:
        raise ValueError(f"days must be day numbers in [0, {sim.horizon - 1}]")
    i = shop_index
    columns = {
        "opening": "opening_cash", "payout": "payout", "draw": "draw", "bills_paid": "bills_paid",
        "repay": "repay", "owner_draw": "owner_draw", "closing": "cash", "bills_due": "bills_due",
        "unpaid": "arrears", "line_balance": "balance",
    }
    frame = pd.DataFrame({label: p[key][i, days] / _FEN for label, key in columns.items()}, index=pd.Index(days, name="day"))
    return frame


# ---------------------------------------------------------------------------
# Stress test
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StressResult:
    """Monte Carlo summary of one policy (see :func:`stress_test`); money in RMB.

    ``days_to_first`` holds, for every shop with a shortfall on or after the
    cut decision, the number of days from the decision to its first
    shortfall (shops without one are left out). ``gap`` is each shop's
    largest unpaid bills in the window (0 for shops without a shortfall).
    """

    policy: LinePolicy
    n_shops: int
    window: tuple[int, int]
    probability: float
    days_to_first: np.ndarray
    gap: np.ndarray
    gap_days: np.ndarray
    mean_shortfall_days: float
    exposure_at_cut: float
    exposure_at_effective: float
    lost_sales_base: float

    @property
    def median_days_to_first(self) -> float:
        """Median days from the decision to the first shortfall (NaN if no shop has one)."""
        return float(np.median(self.days_to_first)) if self.days_to_first.size else float("nan")

    def gap_quantile(self, q: float, *, among_short: bool = True) -> float:
        """Quantile of the funding gap in RMB (by default among shops with a shortfall)."""
        q = as_probability("q", q)
        values = self.gap[self.gap > 0] if among_short else self.gap
        return float(np.quantile(values, q)) if values.size else 0.0


def _stress_from_sim(sim: Simulation) -> StressResult:
    start = sim.window_start
    has = sim.first_shortfall >= 0
    return StressResult(
        policy=sim.policy,
        n_shops=sim.n_shops,
        window=(sim.window_start, sim.window_end),
        probability=float(sim.shortfall_in_window.mean()),
        days_to_first=(sim.first_shortfall[has] - start).astype(float),
        gap=sim.gap / _FEN,
        gap_days=sim.gap_days.copy(),
        mean_shortfall_days=float(sim.gap_days.mean()),
        exposure_at_cut=float(sim.balance_at_cut.mean() / _FEN),
        exposure_at_effective=float(sim.balance_at_effective.mean() / _FEN),
        lost_sales_base=float(sim.lost_sales_base.mean() / _FEN),
    )


def stress_test(
    shop: ShopParams | None = None,
    policy: LinePolicy | None = None,
    *,
    n_shops: int = 2_000,
    seed: Any = 3,
    horizon: int = DAYS_PER_YEAR,
    window: int = SHORTFALL_WINDOW,
    window_start: int | None = None,
) -> StressResult:
    """Monte Carlo over ``n_shops`` shops: how often a cut line leads to unpaid bills.

    The probability is the share of shops with at least one shortfall day in
    the ``window`` days from the cut decision (illustrative shop, not
    calibrated to Ant Group).

    Examples
    --------
    >>> base = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=300)
    >>> kept = stress_test(ShopParams(), LinePolicy(), n_shops=300, window_start=240)
    >>> base.probability > kept.probability
    True
    """
    shop = shop if shop is not None else ShopParams()
    policy = policy if policy is not None else LinePolicy()
    sim = simulate(shop, policy, n_shops=n_shops, horizon=horizon, seed=seed, paths=False, window=window, window_start=window_start)
    return _stress_from_sim(sim)


def exposure_at_cut(shop: ShopParams, policy: LinePolicy, *, n_shops: int = 2_000, seed: Any = 3, horizon: int = DAYS_PER_YEAR) -> pd.Series:
    """The platform's side: mean drawn balance (RMB) at the decision and when the limit starts to fall.

    With notice, the balance when the line actually closes can differ from
    the balance on the decision day; Chapter 4 prices that difference as the
    platform's extra expected loss (PD × LGD × extra exposure).

    Examples
    --------
    >>> e = exposure_at_cut(ShopParams(), LinePolicy(cut_day=200, notice_days=30), n_shops=200)
    >>> list(e.index)
    ['at_decision', 'at_effective', 'extra_from_notice']
    """
    r = stress_test(shop, policy, n_shops=n_shops, seed=seed, horizon=horizon)
    return pd.Series(
        {
            "at_decision": r.exposure_at_cut,
            "at_effective": r.exposure_at_effective,
            "extra_from_notice": r.exposure_at_effective - r.exposure_at_cut,
        }
    )


def compare_policies(
    shop: ShopParams,
    policies: Mapping[str, LinePolicy],
    *,
    n_shops: int = 2_000,
    seed: Any = 3,
    horizon: int = DAYS_PER_YEAR,
    window: int = SHORTFALL_WINDOW,
    window_start: int | None = None,
) -> pd.DataFrame:
    """Stress-test several policies on the same shops and the same luck (common random numbers).

    Returns
    -------
    DataFrame indexed by policy name with columns ``probability``, ``median_days_to_first``,
    ``mean_shortfall_days``, ``gap_median`` and ``gap_p90`` (RMB, among shops with a shortfall),
    ``exposure_at_cut``, ``exposure_at_effective`` (mean RMB) and ``lost_sales_base``.

    Examples
    --------
    >>> t = compare_policies(ShopParams(), {"sudden": LinePolicy(cut_day=240),
    ...     "90 days' notice": LinePolicy(cut_day=240, notice_days=90)}, n_shops=300)
    >>> bool(t.loc["90 days' notice", "probability"] <= t.loc["sudden", "probability"])
    True
    """
    if not isinstance(policies, Mapping) or not policies:
        raise ValueError("policies must be a non-empty mapping of name -> LinePolicy")
    rows = {}
    for name, policy in policies.items():
        r = stress_test(shop, policy, n_shops=n_shops, seed=seed, horizon=horizon, window=window, window_start=window_start)
        rows[name] = {
            "probability": r.probability,
            "median_days_to_first": r.median_days_to_first,
            "mean_shortfall_days": r.mean_shortfall_days,
            "gap_median": r.gap_quantile(0.5),
            "gap_p90": r.gap_quantile(0.9),
            "exposure_at_cut": r.exposure_at_cut,
            "exposure_at_effective": r.exposure_at_effective,
            "lost_sales_base": r.lost_sales_base,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


# ---------------------------------------------------------------------------
# What else could fund the gap
# ---------------------------------------------------------------------------

#: One-year LPR used by default for the judicial cap (3.85 %, the level of 20 Jul/20 Aug 2020).
DEFAULT_LPR = 0.0385


def funding_options(lpr: float = DEFAULT_LPR) -> pd.DataFrame:
    """Ways a small shop could fund a cash gap, as data (rates are annual fractions).

    Where a real rule gives a number it is used and its source key is named in
    ``rate_source``: the credit-card band of 0.035 %–0.05 % a day (12.775 %–18.25 %
    a year) that the PBoC set for 2017–2020, and for private lending the
    Supreme People's Court's cap on protected interest, 4 × the one-year LPR
    (computed with :func:`lessons.regulation.judicial_cap`), up to the old 36 %
    line above which interest was void. Everything else (bank and platform-bank
    rates, days until the money arrives, the amounts available) is
    **illustrative, not calibrated to Ant Group, MYbank or any bank**;
    ``rate_basis`` says which is which. MYbank's "310" promise (3 minutes to
    apply, 1 second to approve, 0 people involved) is why its row has funds on
    the next day.

    Parameters
    ----------
    lpr : float
        One-year Loan Prime Rate as a fraction (0 to 0.2).

    Returns
    -------
    DataFrame indexed by ``option`` with columns ``name_zh``, ``rate_low``, ``rate_high``,
    ``rate_basis``, ``rate_source``, ``days_to_funds``, ``max_amount`` (RMB, or NaN when
    limited by receivables, see :func:`bridge_cost`), ``collateral``, ``documents``.

    Examples
    --------
    >>> t = funding_options()
    >>> round(float(t.loc["Informal lender", "rate_low"]), 3)
    0.154
    >>> round(float(t.loc["Credit card", "rate_high"]), 4)
    0.1825
    """
    from lessons.regulation import judicial_cap

    lpr = as_number("lpr", lpr, low=0, high=0.2)
    rows = [
        ("Bank working-capital loan", "银行流动资金贷款", 0.04, 0.07, "illustrative", "",
         30, 500_000.0, "property, a guarantor or a guarantee company", "business licence, tax returns, bank statements, accounts"),
        ("Platform-bank merchant loan", "网商贷等平台银行经营贷", 0.08, 0.18, "illustrative", "",
         1, 100_000.0, "none", "the shop's sales and settlement record on the platform"),
        ("Receivable financing", "应收账款 / 供应链融资", 0.05, 0.10, "illustrative", "",
         5, np.nan, "the receivables themselves", "settlement records confirmed by the platform or a core buyer"),
        ("Credit card", "信用卡", 0.0005 * 0.7 * DAYS_PER_YEAR, 0.0005 * DAYS_PER_YEAR, "cited (2017–2020 rate band)", "xinhua2021cardrates",
         0, 30_000.0, "none", "a personal card already held; business use is outside its purpose"),
        ("Informal lender", "民间借贷", judicial_cap(lpr), 0.36, "cited bounds (4 × LPR, old 36 % line)", "spc2020privatelending",
         1, 50_000.0, "personal guarantee, relationships", "an IOU; little legal protection"),
    ]
    columns = ["option", "name_zh", "rate_low", "rate_high", "rate_basis", "rate_source", "days_to_funds", "max_amount", "collateral", "documents"]
    return pd.DataFrame(rows, columns=columns).set_index("option")


def bridge_cost(
    gap: float,
    duration_days: int,
    *,
    notice_days: int = 0,
    cushion_days: int = 0,
    receivables: float = 0.0,
    has_collateral: bool = False,
    lpr: float = DEFAULT_LPR,
    advance_rate: float = 0.8,
) -> pd.DataFrame:
    """Cost and feasibility of bridging a funding gap with each option of :func:`funding_options`.

    Each option lends ``min(gap, its maximum)`` for ``duration_days`` at the
    middle of its rate range (simple interest). Money applied for on the day
    the cut is announced arrives after ``days_to_funds``. The shop needs it
    when the line has closed (``notice_days`` after the announcement) *and* its
    own cash has run out (``cushion_days`` later, e.g. the days to the first
    shortfall from :func:`stress_test`), so it waits
    ``max(0, days_to_funds − notice_days − cushion_days)`` days with bills unpaid.
    Receivable financing can advance at most ``advance_rate`` × ``receivables``;
    a bank working-capital loan needs collateral (``has_collateral``).

    Parameters
    ----------
    gap : float
        Amount to fund in RMB (>= 0).
    duration_days : int
        Days the money is needed (1 to 1095).
    notice_days : int
        Days of notice before the line closes (0 to 1095).
    cushion_days : int
        Days the shop's own cash lasts after the line closes (0 to 1095).
    receivables : float
        Settled sales not yet paid out, in RMB (>= 0).
    has_collateral : bool
        Whether the owner can pledge property or find a guarantor.
    lpr : float
        One-year LPR for the private-lending cap.
    advance_rate : float
        Share of receivables a financier advances, in [0, 1] (illustrative).

    Returns
    -------
    DataFrame indexed by option with ``annual_rate``, ``rate_basis``, ``available`` (RMB),
    ``share_covered``, ``interest_cost`` (RMB), ``cost_per_100`` (RMB per 100 borrowed),
    ``days_to_funds``, ``days_without_funds``, ``feasible`` (covers the whole gap and arrives in
    time) and ``verdict``.

    Examples
    --------
    >>> t = bridge_cost(20_000, 60, notice_days=0, receivables=21_000)
    >>> float(t.loc["Credit card", "available"]), bool(t.loc["Bank working-capital loan", "feasible"])
    (20000.0, False)
    >>> round(float(t.loc["Informal lender", "interest_cost"]), 2)
    844.93
    """
    gap = as_number("gap", gap, low=0, high=1e9)
    duration_days = as_int("duration_days", duration_days, low=1, high=_MAX_HORIZON)
    notice_days = as_int("notice_days", notice_days, low=0, high=_MAX_HORIZON)
    cushion_days = as_int("cushion_days", cushion_days, low=0, high=_MAX_HORIZON)
    receivables = as_number("receivables", receivables, low=0, high=1e9)
    advance_rate = as_probability("advance_rate", advance_rate)
    if not isinstance(has_collateral, (bool, np.bool_)):
        raise TypeError(f"has_collateral must be True or False; got {has_collateral!r}")
    options = funding_options(lpr)
    rate = (options["rate_low"] + options["rate_high"]) / 2
    maximum = options["max_amount"].copy()
    maximum["Receivable financing"] = advance_rate * receivables
    if not has_collateral:
        maximum["Bank working-capital loan"] = 0.0
    available = np.minimum(maximum, gap)
    share = available / gap if gap > 0 else pd.Series(1.0, index=options.index)
    cost = available * rate * duration_days / DAYS_PER_YEAR
    waiting = np.maximum(options["days_to_funds"] - notice_days - cushion_days, 0)
    feasible = (share >= 1.0 - 1e-12) & (waiting == 0)
    verdicts = []
    for option in options.index:
        if available[option] <= 0:
            verdicts.append("not available to this shop")
        elif share[option] < 1.0 - 1e-12:
            verdicts.append(f"too small: covers {100 * share[option]:.0f} % of the gap")
        elif waiting[option] > 0:
            verdicts.append(f"covers the gap but arrives {int(waiting[option])} day(s) late")
        else:
            verdicts.append("covers the gap in time")
    out = pd.DataFrame(
        {
            "annual_rate": rate,
            "rate_basis": options["rate_basis"],
            "available": available.astype(float),
            "share_covered": share.astype(float),
            "interest_cost": cost.astype(float),
            "cost_per_100": 100 * rate * duration_days / DAYS_PER_YEAR,
            "days_to_funds": options["days_to_funds"],
            "days_without_funds": waiting.astype(int),
            "feasible": feasible.astype(bool),
            "verdict": verdicts,
        }
    )
    out.index.name = "option"
    return out


def receivables_in_transit(shop: ShopParams) -> float:
    """Planned sales waiting to be paid out on an ordinary day: ``settlement_lag`` × daily sales (RMB).

    Examples
    --------
    >>> receivables_in_transit(ShopParams(daily_sales=3000, settlement_lag=7))
    21000.0
    """
    shop = _check_shop(shop)
    return float(shop.settlement_lag * shop.daily_sales)


# ---------------------------------------------------------------------------
# When many lines are cut at once
# ---------------------------------------------------------------------------

#: Share of a day's sales lost when the shop ends the day with unpaid bills (stock-outs); a model assumption.
STOCKOUT_SHARE = 0.5
#: Approval rate of Chapter 2's platform when money is ample (the cut-off set by risk).
BASE_APPROVAL_RATE = 0.70


@dataclass(frozen=True)
class ShopPopulation:
    """Owners who hold a line, with their shops (see :func:`shop_population`).

    ``owners`` has one row per shop: ``score`` (Chapter 1's points), ``scale`` (shop size
    relative to :class:`ShopParams`), ``limit`` (RMB), ``supplier`` (index), the segment
    columns ``thin_file``, ``age_band``, ``city_tier`` and ``segment``. ``all_scores``
    holds every applicant's score, so cut-offs can be set on the whole book.
    """

    owners: pd.DataFrame
    all_scores: np.ndarray
    base_cutoff: float
    n_suppliers: int


def shop_population(
    applicants: pd.DataFrame | None = None,
    *,
    base_approval_rate: float = BASE_APPROVAL_RATE,
    n_suppliers: int = 40,
    seed: Any = 5,
) -> ShopPopulation:
    """Business owners of Chapter 1's synthetic applicants who hold a line, with illustrative shops.

    Owners are scored with Chapter 1's platform model
    (:func:`lessons.credit.fit_platform_model`, :func:`lessons.credit.score_applicants`) and
    hold a line when their score clears the cut-off at ``base_approval_rate``
    (:func:`lessons.credit.cutoff_for_approval_rate`). Shop size follows the owner's
    Alipay payment volume (relative to the median, clipped to [0.3, 3]); the
    personal limit is RMB 40,000 × size, clipped to [10,000, 100,000]; each shop
    buys from one of ``n_suppliers`` suppliers. These links are **illustrative,
    not calibrated to Ant Group**.

    Examples
    --------
    >>> pop = shop_population()
    >>> 1500 < len(pop.owners) < 2500, bool(pop.owners["limit"].between(10_000, 100_000).all())
    (True, True)
    """
    from lessons import credit

    if applicants is None:
        from lessons.data import synthetic_applicants

        applicants = synthetic_applicants()
    base_approval_rate = as_probability("base_approval_rate", base_approval_rate, allow_zero=False)
    n_suppliers = as_int("n_suppliers", n_suppliers, low=1, high=10_000)
    rng = as_rng("seed", seed)
    model = credit.fit_platform_model(applicants)
    scores = np.asarray(credit.score_applicants(model, applicants), dtype=float)
    cutoff = credit.cutoff_for_approval_rate(scores, base_approval_rate)
    owner = applicants["business_owner"].to_numpy(dtype=bool) & (scores >= cutoff)
    frame = applicants.loc[owner, ["applicant_id", "thin_file", "age_band", "city_tier", "monthly_payment_volume"]].reset_index(drop=True)
    frame.insert(1, "score", scores[owner])
    volume = frame["monthly_payment_volume"].to_numpy(dtype=float)
    frame["scale"] = np.clip(volume / np.median(volume), 0.3, 3.0)
    frame["limit"] = np.clip(40_000.0 * frame["scale"], 10_000.0, 100_000.0).round(-2)
    frame["supplier"] = rng.integers(0, n_suppliers, size=len(frame))
    frame["segment"] = np.where(frame["thin_file"], "thin file", "with credit record")
    return ShopPopulation(owners=frame, all_scores=scores, base_cutoff=float(cutoff), n_suppliers=n_suppliers)


def tighten_lines(population: ShopPopulation, approval_rate: float) -> pd.Series:
    """Which owners lose their line when the platform's approval rate falls to ``approval_rate``.

    The cut-off is recomputed on all applicants' scores with
    :func:`lessons.credit.cutoff_for_approval_rate` (Chapter 1's logic, the
    same rationing as Chapter 2's credit-supply page); owners whose score falls
    below it are cut.

    Examples
    --------
    >>> pop = shop_population()
    >>> bool(tighten_lines(pop, 0.70).sum() == 0), bool(tighten_lines(pop, 0.40).mean() > 0.3)
    (True, True)
    """
    from lessons import credit

    if not isinstance(population, ShopPopulation):
        raise TypeError("population must come from shop_population()")
    approval_rate = as_probability("approval_rate", approval_rate, allow_zero=False)
    cutoff = max(credit.cutoff_for_approval_rate(population.all_scores, approval_rate), population.base_cutoff)
    return pd.Series(population.owners["score"].to_numpy() < cutoff, name="cut")


def population_outcome(
    population: ShopPopulation,
    approval_rate: float,
    *,
    shop: ShopParams | None = None,
    cut_day: int = 240,
    notice_days: int = 0,
    window: int = SHORTFALL_WINDOW,
    stockout_share: float = STOCKOUT_SHARE,
    seed: Any = 9,
) -> dict[str, Any]:
    """Simulate every shop of the population through a segment-wide tightening on ``cut_day``.

    Returns a dict with ``summary`` (a one-column DataFrame of aggregate numbers),
    ``by_segment`` (shortfall shares for cut and kept shops by segment), the
    ``simulation`` and the ``cut`` mask. Lost sales = ``stockout_share`` × sales on
    shortfall days in the window (a model assumption: stock-outs follow unpaid suppliers).

    Examples
    --------
    >>> out = population_outcome(shop_population(), 0.5)
    >>> s = out["summary"]["value"]
    >>> s["shops with a shortfall, tightening (share)"] > s["shops with a shortfall, no tightening (share)"]
    True
    """
    shop = _check_shop(shop if shop is not None else ShopParams())
    stockout_share = as_probability("stockout_share", stockout_share)
    cut = tighten_lines(population, approval_rate).to_numpy()
    owners = population.owners
    n = len(owners)
    policy = LinePolicy(limit=0.0, cut_day=cut_day, notice_days=notice_days)
    common = dict(n_shops=n, seed=seed, paths=False, window=window, scale=owners["scale"].to_numpy(), limits=owners["limit"].to_numpy())
    sim = simulate(shop, policy, cut=cut, **common)
    base = simulate(shop, policy, cut=np.zeros(n, dtype=bool), **common)
    lost = stockout_share * sim.lost_sales_base / _FEN
    lost_base = stockout_share * base.lost_sales_base / _FEN
    rows = {
        "shops with a line": n,
        "lines cut": int(cut.sum()),
        "shops with a shortfall, no tightening (share)": float(base.shortfall_in_window.mean()),
        "shops with a shortfall, tightening (share)": float(sim.shortfall_in_window.mean()),
        "extra shops with a shortfall": int(sim.shortfall_in_window.sum() - base.shortfall_in_window.sum()),
        "funding gap, total (RMB)": float(sim.gap.sum() / _FEN),
        "lost sales in the window, extra (RMB)": float(lost.sum() - lost_base.sum()),
        "exposure closed by the platform (RMB)": float(sim.balance_at_cut.sum() / _FEN),
    }
    summary = pd.DataFrame({"value": pd.Series(rows, dtype=object)})
    frame = pd.DataFrame({"segment": owners["segment"], "cut": cut, "short": sim.shortfall_in_window, "short_base": base.shortfall_in_window})
    by_segment = frame.groupby("segment").agg(
        shops=("cut", "size"), share_cut=("cut", "mean"), shortfall_share=("short", "mean"), shortfall_share_no_tightening=("short_base", "mean")
    )
    return {"summary": summary, "by_segment": by_segment, "simulation": sim, "baseline": base, "cut": cut}


def supplier_spillover(
    population: ShopPopulation,
    simulation: Simulation,
    baseline: Simulation | None = None,
    *,
    shop: ShopParams | None = None,
    buffer_days: int = 3,
) -> pd.DataFrame:
    """A simple first-round spillover: unpaid shop bills are receipts the suppliers wait for.

    Each supplier's ordinary receipts per day are the cost of goods of its
    shops. Its *delayed receipts* on a day are its shops' unpaid bills that
    day. A supplier is flagged when its delayed receipts ever exceed
    ``buffer_days`` of its ordinary daily receipts (a stand-in for the cash
    buffer a supplier keeps). Everything here is a model assumption: all
    unpaid bills are treated as owed to the shop's one supplier, suppliers have
    no other customers, and there is no second round (suppliers delaying their
    own suppliers).

    Parameters
    ----------
    population : ShopPopulation
    simulation : Simulation
        The population simulated with the tightening (``population_outcome(...)["simulation"]``).
    baseline : Simulation, optional
        The same shops without the tightening, for comparison.
    shop : ShopParams, optional
    buffer_days : int
        Days of ordinary receipts a supplier can wait for (1 to 1095).

    Returns
    -------
    DataFrame indexed by supplier: ``shops``, ``daily_receipts`` (RMB), ``peak_delayed`` (RMB),
    ``peak_delayed_days`` (in days of receipts), ``flagged``, and with a baseline
    ``peak_delayed_days_baseline`` and ``flagged_baseline``.

    Examples
    --------
    >>> pop = shop_population()
    >>> out = population_outcome(pop, 0.5)
    >>> t = supplier_spillover(pop, out["simulation"], out["baseline"])
    >>> len(t) == pop.n_suppliers, bool(t["flagged"].sum() >= t["flagged_baseline"].sum())
    (True, True)
    """
    shop = _check_shop(shop if shop is not None else ShopParams())
    buffer_days = as_int("buffer_days", buffer_days, low=1, high=_MAX_HORIZON)
    owners = population.owners
    supplier = owners["supplier"].to_numpy()
    k = population.n_suppliers
    daily_cost = shop.daily_sales * (1 - shop.margin) * owners["scale"].to_numpy()
    receipts = np.bincount(supplier, weights=daily_cost, minlength=k)

    def peak_days(sim: Simulation) -> tuple[np.ndarray, np.ndarray]:
        if sim.arrears_path is None or sim.n_shops != len(owners):
            raise ValueError("simulation must be the population's simulation (one row per shop)")
        delayed = np.zeros((k, sim.horizon))
        np.add.at(delayed, supplier, sim.arrears_path / _FEN)
        peak = delayed.max(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return peak, np.where(receipts > 0, peak / np.where(receipts > 0, receipts, 1), 0.0)

    peak, days = peak_days(simulation)
    out = pd.DataFrame(
        {
            "shops": np.bincount(supplier, minlength=k),
            "daily_receipts": receipts,
            "peak_delayed": peak,
            "peak_delayed_days": days,
            "flagged": days > buffer_days,
        },
        index=pd.RangeIndex(k, name="supplier"),
    )
    if baseline is not None:
        _, base_days = peak_days(baseline)
        out["peak_delayed_days_baseline"] = base_days
        out["flagged_baseline"] = base_days > buffer_days
    return out


# ---------------------------------------------------------------------------
# Figures and widget functions
# ---------------------------------------------------------------------------


def _rmb(value: float) -> str:
    return f"RMB {value:,.0f}"


def plot_year(sim: Simulation, shop_index: int = 0, *, title: str | None = None) -> Any:
    """One shop's year: cash, drawn balance and limit (top), unpaid bills (bottom).

    Examples
    --------
    >>> c = plot_year(simulate(ShopParams(shock_sd=0), LinePolicy(limit=40_000, cut_day=240)))
    >>> "unpaid" in c.alt
    True
    """
    from lessons.plotting import PALETTE, chart, subplots

    shop_index = as_int("shop_index", shop_index, low=0, high=sim.n_shops - 1)
    p = sim.paths
    if p is None:
        raise ValueError("sim must be simulated with paths=True")
    i = shop_index
    days = np.arange(sim.horizon)
    cash = p["cash"][i] / _FEN / 1000
    balance = p["balance"][i] / _FEN / 1000
    limit = p["limit"][i] / _FEN / 1000
    arrears = p["arrears"][i] / _FEN / 1000
    fig, (top, bottom) = subplots(2, 1, width=7.0, height=4.2, sharex=True, gridspec_kw={"height_ratios": [2.2, 1]})
    top.plot(days, cash, color=PALETTE["blue"], label="cash")
    top.plot(days, balance, color=PALETTE["orange"], linestyle="--", label="line drawn")
    top.plot(days, limit, color=PALETTE["grey"], linestyle=":", linewidth=1.5, label="credit limit")
    top.set_ylabel("RMB thousand")
    top.legend(loc="upper left", ncols=3)
    bottom.fill_between(days, arrears, color=PALETTE["vermillion"], alpha=0.8, step="mid", label="unpaid bills")
    bottom.set_ylabel("unpaid\n(RMB k)")
    bottom.set_xlabel("day of the year (0 = 1 January)")
    for ax in (top, bottom):
        ax.axvline(sim.shop.festival_day, color=PALETTE["purple"], linewidth=1, linestyle="-.")
        if sim.policy.cut_day is not None:
            ax.axvline(sim.policy.cut_day, color=PALETTE["black"], linewidth=1)
    top.annotate("Double 11", (sim.shop.festival_day, top.get_ylim()[1]), ha="right", va="top", fontsize=8, color=PALETTE["purple"])
    if title:
        top.set_title(title)
    short = int(sim.shortfall_days[i])
    cut_text = f" The line is cut on day {sim.policy.cut_day}." if sim.policy.cut_day is not None else ""
    alt = (
        f"One shop's year.{cut_text} Cash ends at {_rmb(cash[-1] * 1000)}; the drawn balance peaks at "
        f"{_rmb(balance.max() * 1000)} against a limit of {_rmb(sim.policy.limit if sim.policy.limit else limit.max() * 1000)}; "
        f"{short} day(s) end with unpaid bills, at most {_rmb(arrears.max() * 1000)} unpaid."
    )
    caption = "Cash (blue), line drawn (orange, dashed), limit (grey, dotted) and unpaid bills (red) over one year; illustrative shop, not calibrated to Ant Group."
    return chart(fig, alt=alt, caption=caption)


def cash_flow_view(daily_sales: float = 3_000.0, margin: float = 0.25, settlement_lag: int = 7, limit: float = 40_000.0) -> str:
    """Widget function: the planned year (no random shocks) of a shop with these settings, as a light SVG.

    Examples
    --------
    >>> "unpaid" in cash_flow_view(3000, 0.25, 7, 0)
    True
    """
    shop = ShopParams(daily_sales=daily_sales, margin=margin, settlement_lag=settlement_lag, shock_sd=0.0)
    sim = simulate(shop, LinePolicy(limit=limit))
    p = sim.paths
    cash, balance, arrears = (p[k][0] / _FEN / 1000 for k in ("cash", "balance", "arrears"))
    short = int(sim.shortfall_days[0])
    alt = (
        f"Planned year of a shop selling RMB {daily_sales:,.0f} a day at a {100 * margin:.0f} % margin, paid out after "
        f"{settlement_lag} days, with a line of {_rmb(limit)}. The drawn balance peaks at {_rmb(balance.max() * 1000)}; "
        f"{short} day(s) end with unpaid bills (at most {_rmb(arrears.max() * 1000)}); cash at year end {_rmb(cash[-1] * 1000)}."
    )
    body = svg_lines(
        np.arange(cash.size),
        [("cash", cash, "blue", None), ("line drawn", balance, "orange", "6 3")],
        area=("unpaid bills", arrears, "vermillion"),
        markers=[(shop.festival_day, "Double 11", "purple")],
        width=680, height=320, xlabel="day of the year (0 = 1 January)", ylabel="RMB thousand",
    )
    return svg_figure(
        body, width=680, height=320, alt=alt,
        caption=f"Peak line use {_rmb(balance.max() * 1000)} of {_rmb(limit)}; {short} day(s) with unpaid bills. "
        "Planned sales without random shocks; illustrative shop, not calibrated to Ant Group.",
    )


def plot_stress(result: StressResult, *, title: str | None = None) -> Any:
    """Histogram of days from the cut decision to the first shortfall, with the headline numbers.

    Examples
    --------
    >>> r = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=200)
    >>> "first shortfall" in plot_stress(r).alt
    True
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    start, end = result.window
    fig, ax = subplots(width=7.0, height=3.0)
    days = result.days_to_first
    span = max(int(end - start), 1)
    bins = np.arange(0, span + 7, 7)
    within = days[days < span]
    ax.hist(within, bins=bins, color=PALETTE["blue"], edgecolor="white")
    ax.set_xlim(0, span)
    ax.set_xlabel("days from the cut decision to the first day with unpaid bills")
    ax.set_ylabel("shops")
    text = f"P(shortfall within {span} days) = {pct(result.probability)}"
    ax.set_title(title or text, loc="left")
    if within.size:
        ax.axvline(np.median(within), color=PALETTE["vermillion"], linestyle="--", linewidth=1.5)
    gap = result.gap_quantile(0.5)
    alt = (
        f"{pct(result.probability)} of {result.n_shops} simulated shops have at least one day with unpaid bills within {span} days "
        f"of the decision. Among them the first shortfall comes after a median of "
        f"{np.median(within) if within.size else float('nan'):.0f} days, and the median funding gap is {_rmb(gap)}."
    )
    caption = "Days to the first shortfall across simulated shops (illustrative, not calibrated to Ant Group); dashed line: median."
    return chart(fig, alt=alt, caption=caption)


#: Scenarios offered by the stress-test widget: (notice days, step-down days).
SCENARIOS: Mapping[str, tuple[int, int]] = {
    "sudden cut": (0, 0),
    "30 days' notice": (30, 0),
    "60 days' notice": (60, 0),
    "90 days' notice": (90, 0),
    "60-day step-down": (0, 60),
}


def stress_view(scenario: str = "sudden cut", cut_day: int = 240, limit: float = 40_000.0, *, n_shops: int = 1_000, seed: Any = 3) -> str:
    """Widget function: shortfall probability and the distribution of days to the first shortfall (SVG).

    Examples
    --------
    >>> "shops" in stress_view("30 days' notice", 120, 20_000, n_shops=100)
    True
    """
    from lessons._validation import require_one_of
    from lessons.plotting import pct

    scenario = require_one_of("scenario", scenario, SCENARIOS)
    notice, step = SCENARIOS[scenario]
    policy = LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice, step_down_days=step)
    r = stress_test(ShopParams(), policy, n_shops=n_shops, seed=seed)
    rest = DAYS_PER_YEAR - cut_day
    edges = np.arange(0, rest + 7, 7)
    counts, _ = np.histogram(r.days_to_first, bins=edges)
    later = float((r.days_to_first >= SHORTFALL_WINDOW).sum() / r.n_shops)
    title = f"Within 90 days: {pct(r.probability)} of shops; later in the year: {pct(later)} more"
    alt = (
        f"{scenario.capitalize()} on day {cut_day} with a line of {_rmb(limit)}: {pct(r.probability)} of {r.n_shops} shops have "
        f"unpaid bills within 90 days, a further {pct(later)} later in the year; median days to the first shortfall "
        f"{r.median_days_to_first:.0f}; median funding gap {_rmb(r.gap_quantile(0.5))}."
    )
    body = svg_histogram(
        counts, edges, width=680, height=270, title=title, ylabel="shops",
        xlabel="days from the cut decision to the first day with unpaid bills",
    )
    return svg_figure(
        body, width=680, height=270, alt=alt,
        caption=f"{r.n_shops} simulated shops (illustrative, not calibrated to Ant Group). Median funding gap among shops "
        f"short in the window: {_rmb(r.gap_quantile(0.5))}; mean drawn balance at the decision {_rmb(r.exposure_at_cut)}.",
    )


def plot_policy_comparison(table: pd.DataFrame) -> Any:
    """Bars of the shortfall probability per policy (from :func:`compare_policies`).

    Examples
    --------
    >>> t = compare_policies(ShopParams(), {"a": LinePolicy(cut_day=240), "b": LinePolicy()}, n_shops=100, window_start=240)
    >>> plot_policy_comparison(t).alt.startswith("Probability")
    True
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    fig, ax = subplots(width=7.0, height=max(1.6, 0.6 + 0.45 * len(table)))
    names = list(table.index)[::-1]
    values = table["probability"].to_numpy()[::-1]
    ax.barh(names, values, color=PALETTE["blue"])
    for y, v in enumerate(values):
        ax.text(v + 0.01, y, pct(v), va="center", fontsize=9)
    ax.set_xlim(0, max(1.0, values.max() + 0.1))
    ax.set_xlabel("share of shops with unpaid bills in the window")
    alt = "Probability of at least one shortfall: " + "; ".join(f"{n} {pct(v)}" for n, v in zip(table.index, table["probability"])) + "."
    return chart(fig, alt=alt, caption="Same shops, same luck (common random numbers), different policies; illustrative, not calibrated to Ant Group.")


def plot_bridge(table: pd.DataFrame, *, duration_days: int | None = None) -> Any:
    """Interest cost of bridging a gap with each option; options that fail are greyed and labelled.

    Examples
    --------
    >>> plot_bridge(bridge_cost(20_000, 60, receivables=21_000)).alt.startswith("Cost")
    True
    """
    from lessons.plotting import PALETTE, chart, subplots

    fig, ax = subplots(width=7.0, height=2.8)
    names = list(table.index)[::-1]
    cost = table["interest_cost"].to_numpy()[::-1]
    ok = table["feasible"].to_numpy()[::-1]
    colours = [PALETTE["green"] if good else PALETTE["grey"] for good in ok]
    ax.barh(names, cost, color=colours)
    top = max(float(cost.max()), 1.0)
    for y, (v, good, verdict) in enumerate(zip(cost, ok, table["verdict"].to_numpy()[::-1])):
        ax.text(v + top * 0.01, y, f"RMB {v:,.0f} — {verdict}", va="center", fontsize=8)
    ax.set_xlim(0, top * 2.2)
    ax.set_xlabel("interest cost (RMB) of the amount available")
    alt = "Cost of bridging the gap: " + "; ".join(
        f"{n}: RMB {c:,.0f}, {v}" for n, c, v in zip(table.index, table["interest_cost"], table["verdict"])
    ) + "."
    caption = "Green: covers the whole gap in time; grey: too small, too slow or not available. Rates: see the options table (cited where marked, otherwise illustrative)."
    return chart(fig, alt=alt, caption=caption)


def bridge_view(gap: float = 30_000.0, duration_days: int = 60, notice_days: int = 0, cushion_days: int = 0) -> str:
    """Widget function: cost and feasibility of each option for a gap (default shop's receivables), as HTML.

    Examples
    --------
    >>> "Credit card" in bridge_view(30_000, 60)
    True
    """
    import html as _html

    from lessons.plotting import PALETTE

    table = bridge_cost(gap, duration_days, notice_days=notice_days, cushion_days=cushion_days, receivables=receivables_in_transit(ShopParams()))
    top = max(float(table["interest_cost"].max()), 1.0)
    rows = []
    for option, row in table.iterrows():
        colour = PALETTE["green"] if row["feasible"] else PALETTE["grey"]
        width = 100 * row["interest_cost"] / top
        rows.append(
            f'<tr><th scope="row" style="text-align:left;font-weight:normal;padding:3px 8px 3px 0">{_html.escape(option)}</th>'
            f'<td style="padding:3px 6px;text-align:right">{100 * row["annual_rate"]:.1f} %</td>'
            f'<td style="padding:3px 6px;text-align:right">{row["available"]:,.0f}</td>'
            f'<td style="padding:3px 6px;min-width:9em"><div style="display:flex;align-items:center;gap:4px">'
            f'<div style="background:{colour};height:0.9em;width:{0.6 * width:.0f}%;min-width:1px"></div>'
            f'<span>{row["interest_cost"]:,.0f}</span></div></td>'
            f'<td style="padding:3px 6px;text-align:right">{row["days_without_funds"]}</td>'
            f'<td style="padding:3px 0 3px 6px">{_html.escape(row["verdict"])}</td></tr>'
        )
    head = (
        '<tr><th scope="col" style="text-align:left">Option</th><th scope="col">Rate a year</th><th scope="col">Available (RMB)</th>'
        '<th scope="col">Interest (RMB)</th><th scope="col">Days without funds</th><th scope="col" style="text-align:left">Verdict</th></tr>'
    )
    feasible = [o for o, ok in table["feasible"].items() if ok]
    cheapest = table.loc[feasible, "interest_cost"].idxmin() if feasible else None
    summary = (
        f"A gap of {_rmb(gap)} for {duration_days} days, {notice_days} days' notice and {cushion_days} days of own cash: "
        + (f"the cheapest option that covers it in time is {cheapest} ({_rmb(table.loc[cheapest, 'interest_cost'])})." if cheapest else "no option covers it in full and in time.")
    )
    return (
        '<figure class="lessons-bars" style="margin:0.4em 0">'
        '<table style="border-collapse:collapse;font-size:90%;width:100%">'
        f"{head}{''.join(rows)}</table>"
        f'<figcaption style="font-size:85%">{_html.escape(summary)} Green bars: covers the whole gap in time. '
        "Rates cited where the options table says so, otherwise illustrative.</figcaption></figure>"
    )


def plot_population(outcome: Mapping[str, Any]) -> Any:
    """Share of shops with a shortfall, by segment, with and without the tightening.

    Examples
    --------
    >>> plot_population(population_outcome(shop_population(), 0.5)).alt.startswith("Share")
    True
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    table = outcome["by_segment"]
    fig, ax = subplots(width=7.0, height=2.8)
    y = np.arange(len(table))
    ax.barh(y + 0.2, table["shortfall_share_no_tightening"], height=0.38, color=PALETTE["sky"], label="no tightening")
    ax.barh(y - 0.2, table["shortfall_share"], height=0.38, color=PALETTE["vermillion"], label="tightening")
    ax.set_yticks(y, [f"{s}\n({pct(c, 0)} of lines cut)" for s, c in zip(table.index, table["share_cut"])])
    ax.set_xlabel("share of shops with unpaid bills within 90 days")
    ax.legend(loc="lower right")
    ax.set_xlim(0, max(0.5, float(table[["shortfall_share", "shortfall_share_no_tightening"]].to_numpy().max()) + 0.05))
    alt = "Share of shops with a shortfall: " + "; ".join(
        f"{s}: {pct(a)} without and {pct(b)} with the tightening ({pct(c, 0)} of lines cut)"
        for s, a, b, c in zip(table.index, table["shortfall_share_no_tightening"], table["shortfall_share"], table["share_cut"])
    ) + "."
    return chart(fig, alt=alt, caption="Synthetic owners from Chapter 1 with illustrative shops; not calibrated to Ant Group.")


def tightening_view(population: ShopPopulation, approval_rate: float = 0.5) -> list[Any]:
    """Widget function: the tightening's effect at one approval rate (HTML bars by segment + summary table).

    Plain HTML rather than a matplotlib figure keeps each frame light and quick.

    Examples
    --------
    >>> bars, table = tightening_view(shop_population(), 0.6)
    >>> "thin file" in bars and len(table) > 3
    True
    """
    from lessons.plotting import html_bars, pct

    outcome = population_outcome(population, approval_rate)
    table = outcome["by_segment"]
    rows = [
        (f"{segment}, {label}", value, pct(value), colour)
        for segment, row in table.iterrows()  # a handful of segments
        for label, value, colour in (
            ("no tightening", row["shortfall_share_no_tightening"], "sky"),
            ("tightening", row["shortfall_share"], "vermillion"),
        )
    ]
    cut_text = "; ".join(f"{segment}: {pct(share, 0)} of lines cut" for segment, share in table["share_cut"].items())
    caption = (
        f"Share of shops with unpaid bills within 90 days of a tightening to {pct(approval_rate, 0)} approval "
        f"({cut_text}). Synthetic owners from Chapter 1 with illustrative shops; not calibrated to Ant Group."
    )
    bars = html_bars(rows, scale=0.5, caption=caption)
    summary = outcome["summary"].copy()
    summary["value"] = [pct(v) if "share" in k else f"{v:,.0f}" for k, v in summary["value"].items()]
    return [bars, summary]


# ---------------------------------------------------------------------------
# Widget grids (plain data; the notebooks turn them into controls)
# ---------------------------------------------------------------------------

#: Shop profiles offered by the cash-flow widget: label -> (daily sales in RMB, margin).
CASH_FLOW_PROFILES: Mapping[str, tuple[float, float]] = {
    "RMB 3,000 a day, 25 % margin": (3_000.0, 0.25),
    "RMB 3,000 a day, 20 % margin": (3_000.0, 0.20),
    "RMB 6,000 a day, 25 % margin": (6_000.0, 0.25),
}
#: Settlement lags (days) offered by the cash-flow widget.
CASH_FLOW_LAGS: tuple[int, ...] = (1, 7, 14)
#: Line sizes (RMB) offered by the cash-flow widget.
CASH_FLOW_LIMITS: tuple[float, ...] = (0.0, 20_000.0, 40_000.0)
#: Cut days offered by the stress widget (day 120 = 1 May, day 240 = 29 August).
STRESS_CUT_DAYS: tuple[int, ...] = (120, 240)
#: Line sizes (RMB) offered by the stress widget.
STRESS_LIMITS: tuple[float, ...] = (20_000.0, 40_000.0, 60_000.0)
#: Gap sizes (RMB) offered by the alternatives widget.
BRIDGE_GAPS: tuple[float, ...] = (10_000.0, 25_000.0, 50_000.0, 100_000.0)
#: Durations (days) offered by the alternatives widget.
BRIDGE_DURATIONS: tuple[int, ...] = (30, 60, 90, 180)
#: Approval rates offered by the tightening widget (0.70 = no tightening).
TIGHTENING_RATES: tuple[float, ...] = (0.70, 0.60, 0.50, 0.40, 0.30)
