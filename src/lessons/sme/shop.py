"""Models for the page *A cash-flow model of a small online shop* (book/sme-impact/shop-cash-flow.ipynb).

One shop, or thousands of them at once, followed through a year of days
(day 0 = 1 January; day 314 = 11 November, Double 11, 双十一):

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

The other model modules of the chapter (:mod:`lessons.sme.stress`,
:mod:`lessons.sme.alternatives`, :mod:`lessons.sme.population`) build on
:func:`simulate`; the figures are in :mod:`lessons.sme.figures`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_binary_array, as_float_array, as_int, as_number, as_rng, require_one_of

__all__ = [
    "DAYS_PER_YEAR",
    "DOUBLE_11",
    "WEEKLY_PATTERN",
    "SHORTFALL_WINDOW",
    "ShopParams",
    "LinePolicy",
    "Simulation",
    "limit_schedule",
    "planned_sales",
    "sales_paths",
    "simulate",
    "cash_identity_residual",
    "year_summary",
    "describe_shop",
    "ledger",
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
        0 = none), e.g. one of the options of :func:`~lessons.sme.alternatives.funding_options`.
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


def _check_flag(name: str, value: Any) -> bool:
    """Return ``value`` if it is True or False; refuse 1, "yes", arrays and None (their truth is a guess)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {type(value).__name__} {value!r}")
    return bool(value)


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
        if not isinstance(name, str):
            raise ValueError(f"name must be one of {', '.join(map(repr, self.paths))}; got {type(name).__name__}")
        return self.paths[require_one_of("name", name, self.paths)]


def _broadcast(name: str, value: Any, n: int, *, low: float | None, high: float | None) -> np.ndarray:
    """One number for every shop, or an array with one number per shop, as a float array of length ``n``."""
    if np.ndim(value) == 0:
        return np.full(n, as_number(name, value, low=low, high=high))
    array = as_float_array(name, value, low=low, high=high)
    if array.shape != (n,):
        raise ValueError(f"{name} must be a number or an array of length n_shops ({n}); got shape {array.shape}")
    return array


def _check_sim(sim: Any, *, name: str = "sim", paths: bool = False) -> Simulation:
    """Refuse anything but a :class:`Simulation`; with ``paths=True`` it must have recorded its daily paths."""
    if not isinstance(sim, Simulation):
        raise TypeError(f"{name} must be a Simulation (what simulate() returns); got {type(sim).__name__}")
    if paths and sim.paths is None:
        raise ValueError(f"{name} must be simulated with paths=True")
    return sim


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
    paths = _check_flag("paths", paths)
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
        if np.shape(cut) != (n_shops,):
            raise ValueError(f"cut must be a boolean array of length n_shops ({n_shops}); got shape {np.shape(cut)}")
        cut_mask = as_binary_array("cut", cut).astype(bool)

    lag = shop.settlement_lag
    mult = _cached_shocks(seed, n_shops, horizon, shop.shock_sd, shop.shock_persistence)
    plan = planned_sales(shop, horizon + shop.inventory_cycle)  # RMB, (T + cycle,)
    sales = mult * scale_arr[None, :]  # (T, n) in fen below; built in place (the shocks are shared and read-only)
    sales *= plan[:horizon, None] * _FEN
    sales = np.rint(sales, out=sales).astype(np.int64)
    no_payout = np.zeros(n_shops, dtype=np.int64)  # before the first payout arrives (day < lag)
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
    # interest and late charges: every day's amounts when the paths are kept, otherwise running totals
    interest_path = np.zeros((horizon, n_shops), dtype=np.int64) if paths else None
    fee_path = np.zeros((horizon, n_shops), dtype=np.int64) if paths else None
    interest_total = np.zeros(n_shops, dtype=np.int64)
    fee_total = np.zeros(n_shops, dtype=np.int64)
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
            interest_total += interest
            if paths:
                interest_path[t] = interest
            balance += interest
            if any_arrears:
                fee = np.rint((balance - interest + arrears) * rate).astype(np.int64) - interest
                fee_total += fee
                if paths:
                    fee_path[t] = fee
                due += fee
        if t in order_row:
            due += order_row[t]
        surplus = cash + (sales[t - lag] if t >= lag else no_payout) - due
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

    need_path = balance_path + arrears_path
    need_path -= cash_path
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
        payout = np.zeros_like(sales)
        if lag < horizon:
            payout[lag:] = sales[: horizon - lag]
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
    p = _check_sim(sim, paths=True).paths
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
    p = _check_sim(sim, paths=True).paths
    i = as_int("shop_index", shop_index, low=0, high=sim.n_shops - 1)
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
    p = _check_sim(sim, paths=True).paths
    i = as_int("shop_index", shop_index, low=0, high=sim.n_shops - 1)
    allowed = f"whole day numbers in [0, {sim.horizon - 1}]"
    if isinstance(days, (str, bytes)) or not isinstance(days, Iterable):
        raise ValueError(f"days must be a sequence of {allowed}, e.g. range(14); got {type(days).__name__} {days!r}")
    numbers = as_float_array("days", list(days))
    if (numbers != np.round(numbers)).any() or numbers.min() < 0 or numbers.max() >= sim.horizon:
        raise ValueError(f"days must be {allowed}; got values from {numbers.min():g} to {numbers.max():g}")
    days = numbers.astype(int)
    columns = {
        "opening": "opening_cash", "payout": "payout", "draw": "draw", "bills_paid": "bills_paid",
        "repay": "repay", "owner_draw": "owner_draw", "closing": "cash", "bills_due": "bills_due",
        "unpaid": "arrears", "line_balance": "balance",
    }
    frame = pd.DataFrame({label: p[key][i, days] / _FEN for label, key in columns.items()}, index=pd.Index(days, name="day"))
    return frame

