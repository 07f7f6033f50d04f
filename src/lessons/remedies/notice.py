"""Models for the page *For platforms: notice and transition* (book/remedies/platforms-notice.ipynb).

:func:`notice_tradeoff` runs Chapter 3's shop stress test
(:mod:`lessons.sme.shop` and :mod:`lessons.sme.stress`) under notice and
step-down rules, with shops that find another source of funds, and prices the
platform's extra exposure. Both sides are symmetric: new money helps a shop
whenever it arrives (:func:`shortfall_with_refinancing`), and a balance that
falls during a notice lowers the platform's exposure exactly as much as one
that rises raises it (:func:`extra_exposure`). Every number is a Monte Carlo
estimate over simulated shops and comes with its standard error
(:func:`notice_estimate`). The behavioural settings (:data:`NOTICE_DEFAULTS`)
are **illustrative, not calibrated to Ant Group**. The page's figures and
widget frames are in :mod:`lessons.remedies.figures`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_float_array, as_int, as_number, as_probability, as_rng, require_columns, require_one_of
from lessons.montecarlo import Estimate, proportion_estimate

__all__ = ["NOTICE_DEFAULTS", "extra_exposure", "shortfall_with_refinancing", "notice_tradeoff", "notice_estimate"]

NOTICE_DEFAULTS: Mapping[str, float] = {
    "limit": 40_000.0,
    "cut_day": 240,
    "replace_share": 0.5,
    "replace_days_low": 7,
    "replace_days_high": 90,
    "drawdown_share": 0.25,
    "pd": 0.15,
}
"""Illustrative settings of :func:`notice_tradeoff`, not calibrated to Ant Group.

Half the shops could arrange another source of funds (a merchant loan, a bank
loan, supplier credit), taking 7 to 90 days; a quarter of the shops that are
told a line will close draw what is left of it as a precaution; a shop whose
line is cut defaults on the platform's balance with probability 15 %. The loss
given default is not set here: it is the course's one consumer LGD,
:data:`lessons.credit.cutoffs.CONSUMER_LGD` (illustrative; see Chapter 1's
cut-offs page).
"""

_COLUMNS = (
    "notice_days",
    "step_down_days",
    "shortfall_probability",
    "shortfall_se",
    "shortfall_reduction",
    "shortfall_reduction_se",
    "escaped_share",
    "extra_exposure",
    "extra_expected_loss",
    "extra_expected_loss_se",
    "platform_cost_per_shop_saved",
    "platform_cost_per_shop_saved_se",
    "no_cut_probability",
    "no_cut_se",
    "n_shops",
)


def _days(name: str, values: Any) -> list[int]:
    """Distinct whole days from 0 to 120, sorted; a clear error for anything that is not a sequence of them."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise ValueError(f"{name} must be a sequence of days from 0 to 120, e.g. (0, 30, 60); got {type(values).__name__} {values!r}")
    days = sorted({as_int(name, day, low=0, high=120) for day in values})
    if not days:
        raise ValueError(f"{name} must contain at least one number of days (0 to 120)")
    return days


def _flags(name: str, values: Any, n: int) -> np.ndarray:
    """One True/False per shop (a single value is repeated)."""
    array = np.asarray(values)
    if array.dtype.kind not in "biu" or array.ndim > 1:
        raise ValueError(f"{name} must be True/False or an array of them, one per shop")
    if array.ndim == 0:
        array = np.full(n, bool(array))
    if array.shape != (n,):
        raise ValueError(f"{name} must have one value per shop ({n}); got shape {array.shape}")
    if not np.isin(array, (0, 1)).all():
        raise ValueError(f"{name} must contain only True/False (or 1/0)")
    return array.astype(bool)


def extra_exposure(
    balance_at_decision: Any,
    balance_at_effective: Any,
    *,
    limit: float,
    draws: Any = False,
    refinanced: Any = False,
) -> np.ndarray:
    """Each shop's exposure to the platform under a notice rule, minus its exposure under a sudden cut (RMB).

    Under a sudden cut the platform stops lending on the day of the decision,
    so its exposure is the balance then (``balance_at_decision``). Under a
    notice rule it stops lending when the limit starts to fall, so its
    exposure is the balance on that day (``balance_at_effective``), with two
    behaviours:

    * a shop that **draws down** takes what is left of its line, so its
      exposure is at least the ``limit``;
    * a shop **refinanced** before its line starts to fall repays the
      platform: its exposure is zero.

    The difference is signed and symmetric: a balance that falls during the
    notice (the shop repays out of its sales) lowers the platform's exposure
    by exactly as much as the same rise would raise it.

    Parameters
    ----------
    balance_at_decision, balance_at_effective : array-like
        Drawn balance of each shop, RMB (>= 0), on the day of the decision and on the first day of the falling limit.
    limit : float
        The line's limit, RMB.
    draws, refinanced : bool or array of bool
        Which shops draw down, and which were refinanced before their line started to fall
        (refinancing wins over drawing down).

    Returns
    -------
    numpy.ndarray of RMB, one per shop (negative: the notice lowers the platform's exposure).

    Examples
    --------
    >>> extra_exposure([10_000, 10_000, 10_000, 10_000], [13_000, 7_000, 7_000, 7_000], limit=40_000,
    ...                draws=[False, False, True, False], refinanced=[False, False, False, True]).tolist()
    [3000.0, -3000.0, 30000.0, -10000.0]
    """
    before = as_float_array("balance_at_decision", balance_at_decision, low=0)
    after = as_float_array("balance_at_effective", balance_at_effective, low=0)
    if before.shape != after.shape or before.ndim != 1:
        raise ValueError(f"balance_at_decision and balance_at_effective must be 1-D arrays of the same length; got {before.shape} and {after.shape}")
    limit = as_number("limit", limit, low=0, high=1e9)
    draws = _flags("draws", draws, before.size)
    refinanced = _flags("refinanced", refinanced, before.size)
    exposure = np.where(refinanced, 0.0, np.where(draws, np.maximum(after, limit), after))
    return exposure - before


def shortfall_with_refinancing(cut_short: Any, uncut_short: Any, arrival: Any, *, start: int = 0) -> np.ndarray:
    """Whether each shop has a cash shortfall from day ``start`` on, when new money arrives on day ``arrival``.

    Until its new money arrives a shop lives the path of the cut line
    (``cut_short``); from the day it arrives the shop is as well off as a shop
    whose line was never cut (``uncut_short``): the new lender replaces the
    line, whatever the day. In Chapter 3's model this is exact for a
    replacement of the same size that arrives once the line has closed: a shop
    without a shortfall before that day has lived exactly the never-cut path
    (it never needed to draw), and from that day its limit is the same. A shop
    whose money arrives during the notice, before the limit falls, is never
    cut; one that never finds money (``arrival`` at or beyond the last day)
    lives the cut path throughout.

    Parameters
    ----------
    cut_short, uncut_short : array-like of bool, shape (shops, days)
        Shortfall days under the cut and with the line never cut, for the same shops and the same luck.
    arrival : array-like of int, one per shop
        Day the new money arrives (>= ``start``).
    start : int
        First day counted (the decision).

    Returns
    -------
    numpy.ndarray of bool, one per shop.

    Examples
    --------
    >>> cut = [[0, 0, 1, 1, 0], [0, 0, 0, 1, 1], [0, 1, 1, 1, 1]]
    >>> never = [[0, 0, 0, 0, 0], [0, 0, 0, 0, 1], [0, 0, 0, 0, 0]]
    >>> shortfall_with_refinancing(cut, never, [2, 3, 5]).tolist()   # third shop: no new money
    [False, True, True]
    """
    cut = np.asarray(cut_short)
    uncut = np.asarray(uncut_short)
    if cut.ndim != 2 or cut.shape != uncut.shape:
        raise ValueError(f"cut_short and uncut_short must be 2-D (shops, days) of the same shape; got {cut.shape} and {uncut.shape}")
    if not (np.isin(cut, (0, 1)).all() and np.isin(uncut, (0, 1)).all()):
        raise ValueError("cut_short and uncut_short must contain only True/False (or 1/0)")
    n, days = cut.shape
    start = as_int("start", start, low=0, high=max(days - 1, 0))
    arrival = np.asarray(arrival)
    if arrival.ndim == 0:
        arrival = np.full(n, arrival)
    if arrival.shape != (n,) or not np.issubdtype(arrival.dtype, np.integer):
        raise ValueError(f"arrival must be whole days, one per shop ({n}); got {arrival!r}")
    if (arrival < start).any():
        raise ValueError(f"arrival must be on or after start ({start}); smallest is {int(arrival.min())}")
    day = np.arange(days)[None, :]
    window = day >= start
    before = (cut.astype(bool) & window & (day < arrival[:, None])).any(axis=1)
    after = (uncut.astype(bool) & window & (day >= arrival[:, None])).any(axis=1)
    return before | after


def _se(values: np.ndarray) -> float:
    """Standard error of the mean of independent per-shop values."""
    return float(values.std(ddof=1) / math.sqrt(values.size)) if values.size > 1 else float("nan")


def notice_tradeoff(
    notices: Sequence[int] = (0, 30, 60, 90),
    step_downs: Sequence[int] = (0,),
    *,
    shop: Any = None,
    limit: float = NOTICE_DEFAULTS["limit"],
    cut_day: int = int(NOTICE_DEFAULTS["cut_day"]),
    n_shops: int = 1_000,
    seed: Any = 3,
    replace_share: float = NOTICE_DEFAULTS["replace_share"],
    replace_days: tuple[int, int] = (int(NOTICE_DEFAULTS["replace_days_low"]), int(NOTICE_DEFAULTS["replace_days_high"])),
    drawdown_share: float = NOTICE_DEFAULTS["drawdown_share"],
    pd_: float = NOTICE_DEFAULTS["pd"],
    lgd: float | None = None,
    horizon: int = 730,
) -> pd.DataFrame:
    """Both sides of a notice rule: shops' shortfall probability and the platform's extra expected loss.

    Chapter 3's stress test (:func:`lessons.sme.simulate <lessons.sme.shop.simulate>`)
    follows ``n_shops`` shops whose owners' lines are cut on ``cut_day``. A
    notice rule keeps the line open for ``notice_days`` and then lowers it to
    zero over ``step_down_days``. What a notice buys depends on what shops do
    with it, so two behaviours are added (illustrative):

    * **Other channels.** A share ``replace_share`` of shops can arrange
      another source of funds of the line's size, each taking a number of days
      drawn uniformly from ``replace_days`` after the decision. The money helps
      whenever it arrives (:func:`shortfall_with_refinancing`): a shop whose
      money arrives before its line starts to fall is refinanced and never
      cut; one whose money arrives later is cut until then, under every rule
      including a sudden cut.
    * **Precautionary drawdown.** Told that a line will close, a share
      ``drawdown_share`` of the shops that are cut draw what is left of it.

    Shortfalls are counted from the decision to the end of the ``horizon``
    (two years by default, so to the end of the following year): a notice
    cannot look good merely by pushing the problem past the window. The
    platform's extra expected loss, relative to a sudden cut, is
    ``PD × LGD × extra exposure`` per shop, with the signed extra exposure of
    :func:`extra_exposure` (falling balances count as much as rising ones).

    Every column is a Monte Carlo estimate over the simulated shops. The same
    seed gives every rule the same shops and the same luck, so the reduction
    against a sudden cut is measured shop by shop and its standard error
    (``shortfall_reduction_se``) is smaller than that of either probability.

    Parameters
    ----------
    notices, step_downs : sequence
        Days of notice (0 = a sudden cut) and of step-down to compare (0 to 120 each).
    shop : lessons.sme.shop.ShopParams, optional
        The shop (Chapter 3's default if omitted).
    limit, cut_day, n_shops, seed, horizon
        As in Chapter 3's ``simulate``.
    replace_share, replace_days, drawdown_share, pd_
        The illustrative behaviours and default probability (see :data:`NOTICE_DEFAULTS`).
    lgd : float, optional
        Loss given default; default the course's consumer LGD,
        :data:`lessons.credit.cutoffs.CONSUMER_LGD` (illustrative).

    Returns
    -------
    DataFrame with one row per (notice, step-down): ``notice_days``,
    ``step_down_days``, ``shortfall_probability`` and its ``shortfall_se``;
    ``shortfall_reduction`` (sudden-cut probability minus this rule's, same
    shops) and ``shortfall_reduction_se``; ``escaped_share`` (refinanced before
    the limit falls); ``extra_exposure`` and ``extra_expected_loss`` (RMB per
    shop, negative when the rule saves the platform money) and
    ``extra_expected_loss_se``; ``platform_cost_per_shop_saved`` (RMB of extra
    loss per shop spared a shortfall; NaN when none is spared) and its
    ``platform_cost_per_shop_saved_se`` (delta method: a ratio of two means);
    ``no_cut_probability`` (shortfall probability if the line were never cut)
    with ``no_cut_se``; and ``n_shops``.

    Examples
    --------
    >>> t = notice_tradeoff((0, 60), n_shops=200)
    >>> t[["notice_days", "step_down_days"]].values.tolist()
    [[0, 0], [60, 0]]
    >>> bool(t.loc[1, "shortfall_probability"] <= t.loc[0, "shortfall_probability"])
    True
    """
    from lessons import sme
    from lessons.credit.cutoffs import CONSUMER_LGD

    notices = _days("notices", notices)
    step_downs = _days("step_downs", step_downs)
    shop = sme.ShopParams() if shop is None else shop
    horizon = as_int("horizon", horizon, low=60, high=3 * 365)
    cut_day = as_int("cut_day", cut_day, low=0, high=horizon - 1)
    if cut_day + max(notices) + max(step_downs) >= horizon:
        raise ValueError(
            f"cut_day + notice + step-down must end before the horizon ({horizon} days); "
            f"got {cut_day} + {max(notices)} + {max(step_downs)}"
        )
    limit = as_number("limit", limit, low=0, high=1e9)
    n_shops = as_int("n_shops", n_shops, low=10, high=50_000)
    replace_share = as_probability("replace_share", replace_share)
    pair = None if isinstance(replace_days, (str, bytes)) or not isinstance(replace_days, Iterable) else tuple(replace_days)
    if pair is None or len(pair) != 2:
        raise ValueError(f"replace_days must be a pair (low, high) of days, e.g. (7, 90); got {type(replace_days).__name__} {replace_days!r}")
    low, high = (as_int("replace_days", d, low=0, high=horizon) for d in pair)
    if low > high:
        raise ValueError(f"replace_days must be (low, high) with low <= high; got {replace_days!r}")
    drawdown_share = as_probability("drawdown_share", drawdown_share)
    pd_ = as_probability("pd_", pd_)
    lgd = as_probability("lgd", CONSUMER_LGD if lgd is None else lgd)

    rng = as_rng("seed", seed)
    sales_seed = int(rng.integers(0, 2**31 - 1))
    has_other = rng.random(n_shops) < replace_share
    days_needed = rng.integers(low, high + 1, n_shops)
    draws = rng.random(n_shops) < drawdown_share
    window = horizon - cut_day
    # New money arrives on cut_day + days_needed (never, for shops without another source).
    arrival = np.where(has_other, np.minimum(cut_day + days_needed, horizon), horizon)

    def run(policy: Any, start: int) -> Any:
        return sme.simulate(shop, policy, n_shops=n_shops, seed=sales_seed, paths=False, horizon=horizon, window=window, window_start=start)

    never = run(sme.LinePolicy(limit=limit), cut_day)
    uncut_short = never.arrears_path > 0
    no_cut = int(never.shortfall_in_window.sum())
    sims = {}
    for step in step_downs:  # a handful of rules, each one vectorised simulation
        for notice in notices:
            sims[notice, step] = run(sme.LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice, step_down_days=step), cut_day)
    sudden = sims.get((0, 0)) or run(sme.LinePolicy(limit=limit, cut_day=cut_day), cut_day)
    balance_at_decision = sudden.balance_at_cut / 100.0
    sudden_short = shortfall_with_refinancing(sudden.arrears_path > 0, uncut_short, arrival, start=cut_day)
    rows = []
    for step in step_downs:
        for notice in notices:
            sim = sims[notice, step]
            short = shortfall_with_refinancing(sim.arrears_path > 0, uncut_short, arrival, start=cut_day)
            escaped = has_other & (days_needed <= notice) if notice > 0 else np.zeros(n_shops, dtype=bool)
            told = notice > 0 or step > 0  # a sudden cut leaves nothing to draw
            extra = extra_exposure(balance_at_decision, sim.balance_at_effective / 100.0, limit=limit, draws=draws & told, refinanced=escaped)
            loss = pd_ * lgd * extra
            reduction = sudden_short.astype(float) - short.astype(float)
            saved = float(reduction.mean())
            ratio = float(loss.mean()) / saved if saved > 1e-12 else float("nan")
            # Delta method for a ratio of two means over the same shops: se(L/D) = se(L - R D) / |D|.
            ratio_se = _se(loss - ratio * reduction) / abs(saved) if saved > 1e-12 else float("nan")
            rows.append(
                {
                    "notice_days": notice,
                    "step_down_days": step,
                    "shortfall_probability": float(short.mean()),
                    "shortfall_se": math.sqrt(short.mean() * (1 - short.mean()) / n_shops),
                    "shortfall_reduction": saved,
                    "shortfall_reduction_se": _se(reduction),
                    "escaped_share": float(escaped.mean()),
                    "extra_exposure": float(extra.mean()),
                    "extra_expected_loss": float(loss.mean()),
                    "extra_expected_loss_se": _se(loss),
                    "platform_cost_per_shop_saved": ratio,
                    "platform_cost_per_shop_saved_se": ratio_se,
                    "no_cut_probability": no_cut / n_shops,
                    "no_cut_se": math.sqrt(no_cut / n_shops * (1 - no_cut / n_shops) / n_shops),
                    "n_shops": n_shops,
                }
            )
    return pd.DataFrame(rows, columns=list(_COLUMNS))


_ESTIMATED = {
    "shortfall_probability": "shortfall_se",
    "shortfall_reduction": "shortfall_reduction_se",
    "extra_expected_loss": "extra_expected_loss_se",
    "platform_cost_per_shop_saved": "platform_cost_per_shop_saved_se",
    "no_cut_probability": "no_cut_se",
}


def notice_estimate(table: pd.DataFrame, column: str, notice: int, step_down: int = 0, *, level: float = 0.95) -> Estimate:
    """One number of a :func:`notice_tradeoff` table with its Monte Carlo error, as an :class:`~lessons.montecarlo.Estimate`.

    A probability (``shortfall_probability``, ``no_cut_probability``) is a
    share of the simulated shops and gets a Wilson interval; a reduction, an
    extra loss or a cost per shop saved is a mean (or a ratio of means) over
    shops and gets ``value ± z × standard error``.

    Examples
    --------
    >>> t = notice_tradeoff((0, 60), n_shops=200)
    >>> est = notice_estimate(t, "shortfall_probability", 60)
    >>> est.low <= est.value <= est.high, est.n
    (True, 200)
    """
    from statistics import NormalDist

    require_columns("table", table, ("notice_days", "step_down_days", "n_shops", *_ESTIMATED, *_ESTIMATED.values()))
    require_one_of("column", column, list(_ESTIMATED))
    notice = as_int("notice", notice, low=0, high=120)
    step_down = as_int("step_down", step_down, low=0, high=120)
    level = as_number("level", level, low=0, high=1, low_open=True, high_open=True)
    hit = table[(table["notice_days"] == notice) & (table["step_down_days"] == step_down)]
    if len(hit) == 0:
        raise ValueError(f"notice {notice} with step-down {step_down} is not in the table")
    row = hit.iloc[0]
    n = int(row["n_shops"])
    value = float(row[column])
    if column in ("shortfall_probability", "no_cut_probability"):
        return proportion_estimate(int(round(value * n)), n, level=level)
    se = float(row[_ESTIMATED[column]])
    half = NormalDist().inv_cdf(0.5 + level / 2) * se
    return Estimate(value, se, value - half, value + half, level, n)
