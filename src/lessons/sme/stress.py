"""Models for the page *Stress test: the line is cut* (book/sme-impact/line-cut-stress.ipynb).

A Monte Carlo over many shops of :mod:`lessons.sme.shop`: how often a cut
line leads to unpaid bills, how soon, how large the gap is, and the
platform's exposure; several cut policies compared on the same shops and the
same luck. Every share and average comes with its Monte Carlo error
(:mod:`lessons.montecarlo`): each simulated shop is an independent draw, so a
share of shops is a binomial proportion and an average over shops a sample
mean. Illustrative shops, not calibrated to Ant Group.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_number, as_probability, require_one_of
from lessons.montecarlo import Estimate, mean_estimate, proportion_estimate
from lessons.sme.shop import _FEN, DAYS_PER_YEAR, SHORTFALL_WINDOW, LinePolicy, ShopParams, Simulation, _check_flag, simulate

__all__ = [
    "SCENARIOS",
    "StressResult",
    "stress_test",
    "stress_tests",
    "exposure_at_cut",
    "policy_table",
    "compare_policies",
]

#: Cut scenarios compared on the stress-test page and offered by its widget: (notice days, step-down days).
SCENARIOS: Mapping[str, tuple[int, int]] = {
    "sudden cut": (0, 0),
    "30 days' notice": (30, 0),
    "60 days' notice": (60, 0),
    "90 days' notice": (90, 0),
    "60-day step-down": (0, 60),
}


def _level(level: Any) -> float:
    return as_number("level", level, low=0, high=1, low_open=True, high_open=True)


@dataclass(frozen=True)
class StressResult:
    """Monte Carlo summary of one policy (see :func:`stress_test`); money in RMB.

    Per-shop arrays (one value per simulated shop, in the order of the
    simulation, so two results run with the same seed and ``n_shops`` can be
    compared shop by shop): ``short`` (at least one shortfall day in the
    window), ``gap`` (largest unpaid bills in the window, 0 for shops without a
    shortfall), ``gap_days`` (shortfall days in the window) and
    ``balances_at_cut`` and ``balances_at_effective`` (drawn balance at the start of the
    decision day and of the first day of the falling limit).

    ``days_to_first`` holds, for every shop with a shortfall on or after the
    cut decision (up to the end of the simulated horizon, so also *after* the
    window), the number of days from the decision to its first shortfall;
    shops without one are left out. :attr:`days_to_first_in_window` keeps only
    the shortfalls inside the window, which is what :attr:`median_days_to_first`
    summarises.
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
    short: np.ndarray
    balances_at_cut: np.ndarray
    balances_at_effective: np.ndarray

    @property
    def window_days(self) -> int:
        """Length of the window in days (``window[1] - window[0]``)."""
        return int(self.window[1] - self.window[0])

    @property
    def days_to_first_in_window(self) -> np.ndarray:
        """Days from the decision to the first shortfall, for shops whose first shortfall falls in the window."""
        return self.days_to_first[self.days_to_first < self.window_days]

    @property
    def median_days_to_first(self) -> float:
        """Median days from the decision to the first shortfall, among shops short **within the window**.

        Shortfalls that first come after the window are left out (they are
        :meth:`later_estimate`); NaN if no shop is short in the window.

        Examples
        --------
        >>> r = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=300)
        >>> r.median_days_to_first < r.window_days
        True
        """
        inside = self.days_to_first_in_window
        return float(np.median(inside)) if inside.size else float("nan")

    def gap_quantile(self, q: float, *, among_short: bool = True) -> float:
        """Quantile of the funding gap in RMB (by default among shops with a shortfall)."""
        q = as_probability("q", q)
        among_short = _check_flag("among_short", among_short)
        values = self.gap[self.gap > 0] if among_short else self.gap
        return float(np.quantile(values, q)) if values.size else 0.0

    def probability_estimate(self, level: float = 0.95) -> Estimate:
        """The probability of a shortfall in the window with its Monte Carlo error (Wilson interval).

        Examples
        --------
        >>> r = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=400)
        >>> est = r.probability_estimate()
        >>> est.value == r.probability and est.low < est.value < est.high
        True
        """
        return proportion_estimate(int(self.short.sum()), self.n_shops, level=_level(level))

    def later_estimate(self, level: float = 0.95) -> Estimate:
        """Share of shops whose first shortfall comes after the window (within the horizon), with its error.

        Examples
        --------
        >>> r = stress_test(ShopParams(), LinePolicy(cut_day=120, notice_days=90), n_shops=300)
        >>> 0 < r.later_estimate().value < 1
        True
        """
        later = int((self.days_to_first >= self.window_days).sum())
        return proportion_estimate(later, self.n_shops, level=_level(level))

    def difference_estimate(self, other: StressResult, level: float = 0.95) -> Estimate:
        """Paired difference of shortfall probabilities, this policy minus ``other``, with its error.

        Both results must come from the same shops and the same luck (the same
        ``seed`` and ``n_shops``: common random numbers), so the difference is
        the mean of the per-shop differences, whose error is far smaller than
        that of two independent runs.

        Examples
        --------
        >>> cut = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=400)
        >>> kept = stress_test(ShopParams(), LinePolicy(), n_shops=400, window_start=240)
        >>> d = cut.difference_estimate(kept)
        >>> round(d.value, 10) == round(cut.probability - kept.probability, 10)
        True
        """
        if not isinstance(other, StressResult):
            raise TypeError(f"other must be a StressResult (what stress_test() returns); got {type(other).__name__}")
        if other.n_shops != self.n_shops:
            raise ValueError(
                f"other must come from the same shops (n_shops = {self.n_shops}, same seed); got n_shops = {other.n_shops}"
            )
        if self.n_shops < 2:
            raise ValueError("a paired difference needs at least two shops")
        return mean_estimate(self.short.astype(float) - other.short.astype(float), level=_level(level))

    def mean_shortfall_days_estimate(self, level: float = 0.95) -> Estimate:
        """Average number of shortfall days in the window per shop, with its error."""
        if self.n_shops < 2:
            raise ValueError("an average with an error needs at least two shops")
        return mean_estimate(self.gap_days, level=_level(level))

    def exposure_estimate(self, level: float = 0.95, *, at: str = "decision") -> Estimate:
        """Mean drawn balance (RMB) per shop with its error, on the decision day or when the limit starts to fall.

        Parameters
        ----------
        level : float
            Confidence level of the interval.
        at : str
            ``"decision"`` (start of the decision day, as ``exposure_at_cut``) or ``"effective"``
            (start of the first day of the falling limit, as ``exposure_at_effective``).

        Examples
        --------
        >>> r = stress_test(ShopParams(), LinePolicy(cut_day=240, notice_days=30), n_shops=300)
        >>> round(r.exposure_estimate(at="effective").value, 6) == round(r.exposure_at_effective, 6)
        True
        """
        if not isinstance(at, str):
            raise ValueError(f"at must be 'decision' or 'effective'; got {type(at).__name__}")
        at = require_one_of("at", at, ("decision", "effective"))
        if self.n_shops < 2:
            raise ValueError("an average with an error needs at least two shops")
        values = self.balances_at_cut if at == "decision" else self.balances_at_effective
        return mean_estimate(values, level=_level(level))

    def gap_quantile_estimate(self, q: float, level: float = 0.95) -> Estimate:
        """Quantile of the funding gap among shops short in the window, with a distribution-free interval.

        The interval runs between the order statistics whose ranks bound a
        binomial(m, q) count at ``level`` (normal approximation, m = shops with
        a shortfall); the standard error reported is the interval's half-width
        over the normal quantile.

        Examples
        --------
        >>> r = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=400)
        >>> est = r.gap_quantile_estimate(0.5)
        >>> est.low <= est.value <= est.high and est.value == r.gap_quantile(0.5)
        True
        """
        q = as_probability("q", q)
        return _quantile_estimate(self.gap[self.gap > 0], q, _level(level))


def _quantile_estimate(values: np.ndarray, q: float, level: float) -> Estimate:
    """The ``q`` quantile of ``values`` (independent draws) with a distribution-free interval at ``level``.

    The bounds are the order statistics whose ranks bound a binomial(m, q) count
    (normal approximation); the standard error is the half-width over the normal quantile.
    """
    values = np.sort(np.asarray(values, dtype=float))
    m = int(values.size)
    if m == 0:
        return Estimate(0.0, 0.0, 0.0, 0.0, level, 0)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    spread = z * math.sqrt(m * q * (1 - q))
    value = float(np.quantile(values, q))
    low = min(float(values[max(int(math.floor(m * q - spread)) - 1, 0)]), value)
    high = max(float(values[min(int(math.ceil(m * q + spread)), m - 1)]), value)
    return Estimate(value, (high - low) / (2 * z), low, high, level, m)


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
        short=sim.shortfall_in_window.copy(),
        balances_at_cut=sim.balance_at_cut / _FEN,
        balances_at_effective=sim.balance_at_effective / _FEN,
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
    calibrated to Ant Group); :meth:`StressResult.probability_estimate` gives
    it with its Monte Carlo error.

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


def stress_tests(
    shop: ShopParams,
    policies: Mapping[str, LinePolicy],
    *,
    n_shops: int = 2_000,
    seed: Any = 3,
    horizon: int = DAYS_PER_YEAR,
    window: int = SHORTFALL_WINDOW,
    window_start: int | None = None,
) -> dict[str, StressResult]:
    """:func:`stress_test` for several policies on the same shops and the same luck (common random numbers).

    Returns
    -------
    dict mapping each policy name to its :class:`StressResult`; turn it into a table with
    :func:`policy_table`.

    Examples
    --------
    >>> r = stress_tests(ShopParams(), {"sudden": LinePolicy(cut_day=240), "kept": LinePolicy()},
    ...                  n_shops=200, window_start=240)
    >>> sorted(r), bool(r["sudden"].probability >= r["kept"].probability)
    (['kept', 'sudden'], True)
    """
    if not isinstance(policies, Mapping) or not policies:
        raise ValueError("policies must be a non-empty mapping of name -> LinePolicy")
    for name, policy in policies.items():
        if not isinstance(policy, LinePolicy):
            raise TypeError(f"policies[{name!r}] must be a LinePolicy; got {type(policy).__name__}")
    return {
        name: stress_test(shop, policy, n_shops=n_shops, seed=seed, horizon=horizon, window=window, window_start=window_start)
        for name, policy in policies.items()
    }


def policy_table(results: Mapping[str, StressResult], *, level: float = 0.95) -> pd.DataFrame:
    """One row per policy from :func:`stress_tests` results, with each probability's Monte Carlo error.

    Returns
    -------
    DataFrame indexed by policy name with columns ``probability`` and its ``probability_se``,
    ``probability_low``, ``probability_high`` (interval at ``level``); ``later_probability``
    (first shortfall after the window); ``median_days_to_first`` (among shops short within the
    window); ``mean_shortfall_days``; ``gap_median`` and ``gap_p90`` (RMB, among shops short in
    the window); ``exposure_at_cut`` and ``exposure_at_effective`` (mean RMB); ``lost_sales_base``;
    ``n_shops``.

    Examples
    --------
    >>> t = policy_table(stress_tests(ShopParams(), {"sudden": LinePolicy(cut_day=240)}, n_shops=200))
    >>> bool(t.loc["sudden", "probability_low"] < t.loc["sudden", "probability"] < t.loc["sudden", "probability_high"])
    True
    """
    if not isinstance(results, Mapping) or not results:
        raise ValueError("results must be a non-empty mapping of name -> StressResult (what stress_tests() returns)")
    level = _level(level)
    rows = {}
    for name, r in results.items():
        if not isinstance(r, StressResult):
            raise TypeError(f"results[{name!r}] must be a StressResult; got {type(r).__name__}")
        est = r.probability_estimate(level)
        rows[name] = {
            "probability": r.probability,
            "probability_se": est.standard_error,
            "probability_low": est.low,
            "probability_high": est.high,
            "later_probability": r.later_estimate(level).value,
            "median_days_to_first": r.median_days_to_first,
            "mean_shortfall_days": r.mean_shortfall_days,
            "gap_median": r.gap_quantile(0.5),
            "gap_p90": r.gap_quantile(0.9),
            "exposure_at_cut": r.exposure_at_cut,
            "exposure_at_effective": r.exposure_at_effective,
            "lost_sales_base": r.lost_sales_base,
            "n_shops": r.n_shops,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


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

    The same as ``policy_table(stress_tests(...))``: one row per policy with the columns of
    :func:`policy_table` (the probability with its Monte Carlo standard error and 95 % interval,
    the median days to the first shortfall among shops short within the window, gaps, exposure).

    Examples
    --------
    >>> t = compare_policies(ShopParams(), {"sudden": LinePolicy(cut_day=240),
    ...     "90 days' notice": LinePolicy(cut_day=240, notice_days=90)}, n_shops=300)
    >>> bool(t.loc["90 days' notice", "probability"] <= t.loc["sudden", "probability"])
    True
    """
    results = stress_tests(shop, policies, n_shops=n_shops, seed=seed, horizon=horizon, window=window, window_start=window_start)
    return policy_table(results)
