"""Models for the page *Cut-offs and who gets left out* (book/credit-assessment/cutoffs.ipynb).

Approval and bad rate by cut-off (:func:`approval_curve`), by segment
(:func:`approval_by_segment`, :func:`segment_approval_table`), the cut-off for an
approval rate or a bad rate (:func:`cutoff_for_approval_rate`,
:func:`cutoff_for_bad_rate`) and the expected profit of a cut-off with
``EL = PD × LGD × EAD`` (:func:`expected_profit`, :func:`tradeoff_table`). The page's
model is the platform model of :mod:`lessons.credit.platform_model`, fitted and scored once by
:func:`cutoff_study`. Profit parameters are illustrative, not calibrated to Ant Group; the
course's one loss-given-default figure for consumer lines is :data:`CONSUMER_LGD`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import (
    as_float_array,
    as_number,
    as_probability,
    require_columns,
    require_one_of,
    require_same_length,
)
from lessons.credit.platform_model import (
    PLATFORM_FEATURES,
    SEGMENT_COLUMNS,
    PlatformModel,
    fit_platform_model,
    predict_pd,
    score_applicants,
)
from lessons.credit.scaling import SCORE_RANGE
from lessons.credit.scorecard import split_sample

__all__ = [
    "CONSUMER_LGD",
    "approval_curve",
    "approval_by_segment",
    "segment_approval_table",
    "cutoff_for_approval_rate",
    "cutoff_for_bad_rate",
    "segment_labels",
    "CutoffStudy",
    "cutoff_study",
    "ProfitAssumptions",
    "expected_loss",
    "expected_profit",
    "tradeoff_table",
]


# ---------------------------------------------------------------------------
# Approval by cut-off and by segment
# ---------------------------------------------------------------------------

def _check_cutoffs(name: str, cutoffs: Any, score_range: tuple[float, float]) -> np.ndarray:
    values = as_float_array(name, np.atleast_1d(cutoffs))
    low, high = score_range
    if values.min() < low or values.max() > high:
        raise ValueError(f"{name} must lie in the score range [{low:g}, {high:g}]; got {values.min():g} to {values.max():g}")
    return values


def _check_score_range(score_range: Any) -> tuple[float, float]:
    values = as_float_array("score_range", score_range, min_size=2)
    if values.size != 2 or values[0] >= values[1]:
        raise ValueError(f"score_range must be two numbers (low, high) with low < high; got {values.tolist()}")
    return float(values[0]), float(values[1])


def approval_curve(
    scores: Any, defaults: Any, cutoffs: Any, *, score_range: tuple[float, float] = SCORE_RANGE
) -> pd.DataFrame:
    """Approval rate and bad rate among the approved, for each cut-off.

    Parameters
    ----------
    scores : 1-D array of credit scores (higher = safer).
    defaults : 1-D array of 0/1 outcomes, same length as ``scores`` — or of
        default *probabilities* in [0, 1], in which case ``bad_rate`` is the
        expected bad rate (mean PD) among the approved.
    cutoffs : increasing 1-D array inside ``score_range``; an applicant is
        approved when score >= cutoff.
    score_range : (low, high)
        Allowed cut-offs (default :data:`~lessons.credit.scaling.SCORE_RANGE`).

    Returns
    -------
    DataFrame with columns ``cutoff``, ``approval_rate``, ``bad_rate``
    (NaN where nobody is approved).

    Examples
    --------
    >>> approval_curve(np.array([500, 600, 700]), np.array([1, 0, 0]), np.array([550, 650]))
       cutoff  approval_rate  bad_rate
    0     550       0.666667       0.0
    1     650       0.333333       0.0
    """
    scores = as_float_array("scores", scores)
    defaults = as_float_array("defaults", defaults, low=0.0, high=1.0)
    require_same_length("scores", scores, "defaults", defaults)
    raw_cutoffs = np.atleast_1d(np.asarray(cutoffs))
    values = _check_cutoffs("cutoffs", raw_cutoffs, _check_score_range(score_range))
    if values.size > 1 and np.any(np.diff(values) <= 0):
        raise ValueError("cutoffs must be strictly increasing")
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    bads_below = np.r_[0.0, np.cumsum(defaults[order])]
    first_approved = np.searchsorted(sorted_scores, values, side="left")
    n = scores.size
    approved = n - first_approved
    bads = bads_below[-1] - bads_below[first_approved]
    with np.errstate(divide="ignore", invalid="ignore"):
        bad_rate = np.where(approved > 0, bads / np.maximum(approved, 1), np.nan)
    return pd.DataFrame({"cutoff": raw_cutoffs, "approval_rate": approved / n, "bad_rate": bad_rate})


def approval_by_segment(
    scores: Any,
    segments: Any,
    cutoff: float,
    *,
    defaults: Any = None,
    score_range: tuple[float, float] = SCORE_RANGE,
) -> pd.DataFrame:
    """Approval rate at one cut-off, segment by segment.

    Parameters
    ----------
    scores : array-like
    segments : array-like or Series
        Segment label of each applicant (e.g. ``applicants["city_tier"]``).
    cutoff : float
        Approve when score >= cutoff; inside ``score_range``.
    defaults : array-like, optional
        0/1 outcomes or PDs; adds ``bad_rate`` among the approved per segment.

    Returns
    -------
    DataFrame with ``segment``, ``applicants``, ``share_of_applicants``,
    ``approved``, ``approval_rate``, ``excluded_rate`` (and ``bad_rate``),
    one row per segment in sorted order.

    Examples
    --------
    >>> approval_by_segment([500, 600, 700, 650], ["a", "a", "b", "b"], 620)[["segment", "approved", "approval_rate"]]
      segment  approved  approval_rate
    0       a         0            0.0
    1       b         2            1.0
    """
    scores = as_float_array("scores", scores)
    raw_labels = segments.to_numpy(dtype=object) if isinstance(segments, pd.Series) else np.asarray(segments, dtype=object)
    if raw_labels.ndim != 1:
        raise ValueError(
            "segments must hold one label per applicant (a Series or 1-D array); "
            f"got shape {raw_labels.shape} — pass one column, e.g. segments['thin_file']"
        )
    labels = pd.Series(raw_labels)
    require_same_length("scores", scores, "segments", labels)
    if labels.isna().any():
        raise ValueError("segments must not contain missing labels")
    cutoff = float(_check_cutoffs("cutoff", cutoff, _check_score_range(score_range))[0])
    frame = pd.DataFrame({"segment": labels, "approved": scores >= cutoff})
    aggregations = {"applicants": ("approved", "size"), "approved": ("approved", "sum")}
    if defaults is not None:
        defaults = as_float_array("defaults", defaults, low=0.0, high=1.0)
        require_same_length("scores", scores, "defaults", defaults)
        frame["bad_if_approved"] = np.where(frame["approved"], defaults, 0.0)
        aggregations["bads"] = ("bad_if_approved", "sum")
    table = frame.groupby("segment", sort=True).agg(**aggregations).reset_index()
    table["approved"] = table["approved"].astype(int)
    table.insert(2, "share_of_applicants", table["applicants"] / len(scores))
    table["approval_rate"] = table["approved"] / table["applicants"]
    table["excluded_rate"] = 1.0 - table["approval_rate"]
    if defaults is not None:
        table["bad_rate"] = np.where(table["approved"] > 0, table["bads"] / table["approved"].clip(lower=1), np.nan)
        table = table.drop(columns="bads")
    return table


def segment_approval_table(scores: Any, segments: pd.DataFrame, cutoff: float, *, defaults: Any = None) -> pd.DataFrame:
    """:func:`approval_by_segment` for every column of ``segments``, stacked, with a ``variable`` column.

    Examples
    --------
    >>> seg = pd.DataFrame({"thin_file": ["thin file", "has a record", "thin file"]})
    >>> segment_approval_table([500, 600, 700], seg, 550)[["variable", "segment", "approval_rate"]]
        variable       segment  approval_rate
    0  thin_file  has a record            1.0
    1  thin_file     thin file            0.5
    """
    if not isinstance(segments, pd.DataFrame) or segments.shape[1] == 0:
        raise ValueError("segments must be a DataFrame with at least one segment column")
    tables = []
    for column in segments.columns:
        if column == "all":
            continue
        table = approval_by_segment(scores, segments[column], cutoff, defaults=defaults)
        table.insert(0, "variable", column)
        tables.append(table)
    if not tables:
        raise ValueError("segments must have at least one segment column besides 'all'")
    return pd.concat(tables, ignore_index=True)


def cutoff_for_approval_rate(scores: Any, rate: float) -> float:
    """The score cut-off that approves (at least) the share ``rate`` of applicants.

    Returns the ``k``-th highest score with ``k = max(1, ceil(rate · n))``: approving
    ``score >= cutoff`` approves exactly ``k`` applicants when scores do not
    tie (more when they tie at the cut-off). ``rate = 0`` returns a cut-off one
    point above the best score (nobody approved). Used to ration credit: a
    lender with room for a share ``rate`` of applicants raises its cut-off to
    this value.

    Parameters
    ----------
    scores : array-like
    rate : float
        Share of applicants to approve, in [0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> cutoff_for_approval_rate([500, 600, 700, 650], 0.5)
    650.0
    >>> cutoff_for_approval_rate([500, 600, 700, 650], 1.0)
    500.0
    """
    scores = as_float_array("scores", scores)
    rate = as_probability("rate", rate)
    if rate == 0:
        return float(scores.max() + 1.0)
    k = int(math.ceil(rate * scores.size - 1e-9))
    k = min(max(k, 1), scores.size)
    return float(np.partition(scores, scores.size - k)[scores.size - k])


def cutoff_for_bad_rate(scores: Any, defaults: Any, max_bad_rate: float, *, cutoffs: Any = None, step: float = 1.0) -> float:
    """Lowest cut-off whose approved pool has a bad rate <= ``max_bad_rate``.

    The candidates are ``cutoffs`` if given (e.g. a widget's grid), otherwise
    every ``step`` points across the scores. ``defaults`` may be 0/1 outcomes
    or PDs (see :func:`approval_curve`). Returns NaN when no candidate
    achieves it.

    Examples
    --------
    >>> cutoff_for_bad_rate([500, 600, 700, 650], [1, 0, 0, 1], 0.34)  # approve 600, 650, 700: 1 bad in 3
    501.0
    >>> cutoff_for_bad_rate([500, 600, 700, 650], [1, 0, 0, 1], 0.3, cutoffs=[550, 600, 650, 700])
    700.0
    """
    scores = as_float_array("scores", scores)
    max_bad_rate = as_probability("max_bad_rate", max_bad_rate)
    if cutoffs is None:
        step = as_number("step", step, low=0.01, high=100)
        low = max(SCORE_RANGE[0], math.floor(scores.min()))
        high = min(SCORE_RANGE[1], math.ceil(scores.max()))
        grid = np.arange(low, high + step / 2, step)
    else:
        grid = np.sort(_check_cutoffs("cutoffs", cutoffs, SCORE_RANGE))
    curve = approval_curve(scores, defaults, grid)
    ok = curve["bad_rate"].to_numpy() <= max_bad_rate + 1e-12
    return float(grid[ok.argmax()]) if ok.any() else float("nan")


def segment_labels(applicants: pd.DataFrame, segment: str) -> pd.Series:
    """Readable labels for a segment column (e.g. ``thin_file`` → "thin file" / "has a record").

    Examples
    --------
    >>> segment_labels(pd.DataFrame({"thin_file": [True, False]}), "thin_file").tolist()
    ['thin file', 'has a record']
    """
    require_one_of("segment", segment, SEGMENT_COLUMNS)
    require_columns("applicants", applicants, (segment,))
    column = applicants[segment]
    if segment == "thin_file":
        return column.map({True: "thin file", False: "has a record"}).astype(str)
    if segment == "business_owner":
        return column.map({True: "business owner", False: "employee / other"}).astype(str)
    if segment == "city_tier":
        return column.map(lambda t: f"tier {int(t)}" + ("+" if int(t) == 4 else "")).astype(str)
    return ("age " + column.astype(str)).astype(str)


def _segment_frame(applicants: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(index=applicants.index)
    for segment in SEGMENT_COLUMNS:
        frame[segment] = segment_labels(applicants, segment)
    frame["all"] = "all applicants"
    return frame.reset_index(drop=True)


# ---------------------------------------------------------------------------
# The page's study: a model fitted on one half, scored on the other
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CutoffStudy:
    """The cut-offs page's model and scored hold-out sample, computed once.

    Attributes
    ----------
    model : PlatformModel — fitted on the training half with ``features``
    test : DataFrame — the hold-out half of the applicants
    scores, pds : numpy arrays — the hold-out scores and PDs
    segments : DataFrame — readable :data:`~lessons.credit.platform_model.SEGMENT_COLUMNS` labels of the hold-out half
    """

    model: PlatformModel
    test: pd.DataFrame = field(repr=False)
    scores: np.ndarray = field(repr=False)
    pds: np.ndarray = field(repr=False)
    segments: pd.DataFrame = field(repr=False)

    @property
    def defaults(self) -> np.ndarray:
        """The hold-out outcomes (0/1)."""
        return self.test["default"].to_numpy(dtype=int)


def cutoff_study(applicants: pd.DataFrame, features: Sequence[str] = PLATFORM_FEATURES, *, seed: Any = 1) -> CutoffStudy:
    """Fit the model on half of the applicants and score the other half (so curves are out of sample).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> toy = pd.DataFrame({"utilisation": rng.uniform(0, 1, 400), "thin_file": rng.uniform(size=400) < 0.3,
    ...     "age_band": "25-34", "city_tier": 2, "business_owner": False})
    >>> toy["default"] = (rng.uniform(size=400) < 0.05 + 0.2 * toy["utilisation"]).astype(int)
    >>> study = cutoff_study(toy, ["utilisation"])
    >>> len(study.scores)
    200
    """
    require_columns("applicants", applicants, ("default", *SEGMENT_COLUMNS))
    train, test = split_sample(applicants, test_share=0.5, seed=seed)
    model = fit_platform_model(train, features)
    test = test.reset_index(drop=True)
    return CutoffStudy(
        model=model,
        test=test,
        scores=score_applicants(model, test),
        pds=predict_pd(model, test),
        segments=_segment_frame(test).drop(columns="all"),
    )


# ---------------------------------------------------------------------------
# Expected loss and expected profit
# ---------------------------------------------------------------------------

CONSUMER_LGD = 0.85
"""Loss given default of an unsecured consumer or small-business credit line: the share of the
balance lost when the borrower defaults. **Illustrative, not calibrated to Ant Group**, and the one
LGD every chapter of the course uses.

No public source gives an LGD for Huabei or Jiebei. For context, the Basel framework has no
supervisory LGD for such lines: retail exposures have no foundation approach (banks estimate
their own LGDs, CRE30.42, ``bcbs2022cre30``), and Basel III only sets *floors* under those own
estimates: 50 % for unsecured qualifying revolving retail exposures (credit cards) and 30 % for
other unsecured retail (CRE32.58, ``bcbs2023cre32``). The 45 % of the foundation approach
(CRE32.6) applies to senior unsecured claims on sovereigns, banks and other financial
institutions, not to consumers. An unsecured line has no collateral to sell, so this course
assumes that most of a defaulted balance is lost.
"""

@dataclass(frozen=True)
class ProfitAssumptions:
    """Unit economics of one credit line. **Illustrative, not calibrated to Ant Group.**

    Attributes
    ----------
    ead : float
        Exposure at default, RMB (average drawn balance; illustrative 5,000).
    annual_rate : float
        Interest charged per year on the balance (illustrative 0.15).
    funding_rate : float
        Cost of funds per year (illustrative 0.04), paid on the whole balance,
        whether or not the borrower defaults.
    lgd : float
        Loss given default, share of the exposure lost (default
        :data:`CONSUMER_LGD`, illustrative).
    """

    ead: float = 5_000.0
    annual_rate: float = 0.15
    funding_rate: float = 0.04
    lgd: float = CONSUMER_LGD

    def __post_init__(self) -> None:
        as_number("ead", self.ead, low=0)
        as_number("annual_rate", self.annual_rate, low=0, high=1)
        as_number("funding_rate", self.funding_rate, low=0, high=1)
        as_probability("lgd", self.lgd)

    @property
    def margin(self) -> float:
        """Net interest margin ``annual_rate − funding_rate``."""
        return self.annual_rate - self.funding_rate

    @property
    def breakeven_pd(self) -> float:
        """PD at which a line's expected profit is zero: ``(annual_rate − funding_rate) / (annual_rate + LGD)``.

        From ``(1 − PD)·r − f − PD·LGD = 0`` (see :func:`expected_profit`): a
        default loses the interest ``r``, the share ``LGD`` of the balance, and
        still costs the funding ``f``. Zero when the margin is not positive.

        Examples
        --------
        >>> round(ProfitAssumptions().breakeven_pd, 4)   # 0.11 / (0.15 + 0.85)
        0.11
        """
        if self.margin <= 0:
            return 0.0
        return self.margin / (self.annual_rate + self.lgd)


def expected_loss(pd_: Any, lgd: float, ead: Any) -> np.ndarray | float:
    """Expected loss ``EL = PD × LGD × EAD`` (the Basel formula; FACTS §6).

    Examples
    --------
    >>> expected_loss(0.02, 0.85, 5000)
    85.0
    """
    scalar = np.ndim(pd_) == 0 and np.ndim(ead) == 0
    p = as_float_array("pd", np.atleast_1d(pd_), low=0, high=1)
    lgd = as_probability("lgd", lgd)
    e = as_float_array("ead", np.atleast_1d(ead), low=0)
    loss = p * lgd * e
    return float(loss[0]) if scalar else loss


def expected_profit(pd_: Any, assumptions: ProfitAssumptions = ProfitAssumptions()) -> np.ndarray | float:
    """Expected one-year profit of a line: interest on a performing balance, minus funding, minus expected loss.

    ``profit = (1 − PD) · EAD · annual_rate − EAD · funding_rate − PD · LGD · EAD``.

    The funding cost is charged on the **whole** balance, including the
    balances that default: the lender has paid for the money it lent whether
    or not it comes back. (Equivalently, ``(1 − PD)·EAD·margin − PD·EAD·(funding_rate
    + LGD)``: a default costs the funding as well as the loss.) A default
    earns no interest. A simplified, illustrative formula (one year, no
    fees, operating costs or capital charge); the default parameters are
    **illustrative, not calibrated to Ant Group**.

    Parameters
    ----------
    pd_ : float or array-like
        Probabilities of default in [0, 1].
    assumptions : ProfitAssumptions

    Returns
    -------
    float or numpy.ndarray, RMB per line.

    Examples
    --------
    >>> round(expected_profit(0.02), 2)   # 0.98·5000·0.15 − 5000·0.04 − 0.02·0.85·5000
    450.0
    >>> round(expected_profit(ProfitAssumptions().breakeven_pd), 9)
    0.0
    """
    if not isinstance(assumptions, ProfitAssumptions):
        raise TypeError("assumptions must be a ProfitAssumptions")
    scalar = np.ndim(pd_) == 0
    p = as_float_array("pd", np.atleast_1d(pd_), low=0, high=1)
    a = assumptions
    profit = (1 - p) * a.ead * a.annual_rate - a.ead * a.funding_rate - p * a.lgd * a.ead
    return float(profit[0]) if scalar else profit


def tradeoff_table(
    scores: Any,
    defaults: Any,
    pds: Any,
    cutoffs: Any,
    assumptions: ProfitAssumptions = ProfitAssumptions(),
) -> pd.DataFrame:
    """Approval rate, bad rate and expected profit per applicant, for each cut-off.

    ``expected_profit`` is the sum over approved applicants of
    :func:`expected_profit` at their PD (``pds``), divided by the number of
    *applicants* (so curves for different cut-offs compare like with like).

    Examples
    --------
    >>> tradeoff_table([500, 600, 700], [1, 0, 0], [0.3, 0.05, 0.01], [550, 650]).round(1)
       cutoff  approval_rate  bad_rate  expected_profit
    0     550            0.7       0.0            266.7
    1     650            0.3       0.0            166.7
    """
    curve = approval_curve(scores, defaults, cutoffs)
    scores = np.asarray(scores, dtype=float)
    profit = expected_profit(as_float_array("pds", pds, low=0, high=1), assumptions)
    require_same_length("scores", scores, "pds", profit)
    order = np.argsort(scores, kind="mergesort")
    cum = np.r_[0.0, np.cumsum(profit[order])]
    first = np.searchsorted(scores[order], curve["cutoff"].to_numpy(dtype=float), side="left")
    curve["expected_profit"] = (cum[-1] - cum[first]) / scores.size
    return curve
