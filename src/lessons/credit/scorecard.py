"""Models for the page *Building a scorecard on real data* (book/credit-assessment/scorecard.ipynb).

Ranking quality (:func:`auc`, :func:`gini`, :func:`ks_statistic`), weight of evidence and
information value written out by hand (:func:`woe_table`, :func:`information_value`,
:func:`iv_summary`), a classic WOE scorecard (:func:`fit_woe_scorecard`,
:func:`score_woe`) and the page's study on the real German credit data
(:func:`german_scorecard_study`). The points scale is in :mod:`lessons.credit.scaling`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import (
    as_binary_array,
    as_float_array,
    as_int,
    as_number,
    as_rng,
    require_columns,
    require_one_of,
    require_same_length,
)
from lessons.credit._checks import as_name, as_names, require_instance
from lessons.credit.scaling import BASE_ODDS, BASE_POINTS, PDO, SCORE_RANGE, scaling_constants

__all__ = [
    "auc",
    "gini",
    "ks_statistic",
    "IV_BANDS",
    "woe_table",
    "information_value",
    "iv_band",
    "iv_summary",
    "WoeScorecard",
    "split_sample",
    "fit_woe_scorecard",
    "score_woe",
    "scorecard_points",
    "german_candidates",
    "GermanStudy",
    "german_scorecard_study",
]


# ---------------------------------------------------------------------------
# Ranking quality: AUC, Gini, KS
# ---------------------------------------------------------------------------

def _scores_and_defaults(scores: Any, defaults: Any) -> tuple[np.ndarray, np.ndarray]:
    scores = as_float_array("scores", scores, min_size=2)
    defaults = as_binary_array("defaults", defaults, min_size=2)
    require_same_length("scores", scores, "defaults", defaults)
    if defaults.min() == defaults.max():
        raise ValueError("defaults must contain both goods (0) and bads (1)")
    return scores, defaults


def auc(scores: Any, defaults: Any) -> float:
    """Probability that a random good scores higher than a random bad (ties count ½).

    Computed from ranks (the Mann–Whitney statistic), with higher scores meaning
    safer. It equals ``sklearn.metrics.roc_auc_score(defaults, -scores)``.

    Examples
    --------
    >>> auc([700, 650, 600, 550], [0, 0, 1, 0])
    0.6666666666666666
    """
    scores, defaults = _scores_and_defaults(scores, defaults)
    ranks = pd.Series(scores).rank(method="average").to_numpy()
    goods = defaults == 0
    n_good, n_bad = goods.sum(), (~goods).sum()
    return float((ranks[goods].sum() - n_good * (n_good + 1) / 2) / (n_good * n_bad))


def gini(scores: Any, defaults: Any) -> float:
    """Gini coefficient (accuracy ratio, Somers' D) ``= 2·AUC − 1``.

    Examples
    --------
    >>> round(gini([700, 650, 600, 550], [0, 0, 1, 0]), 4)
    0.3333
    """
    return 2.0 * auc(scores, defaults) - 1.0


def ks_statistic(scores: Any, defaults: Any) -> float:
    """Kolmogorov–Smirnov statistic: the largest gap between the score distributions.

    ``KS = max over cut-offs of (share of bads below the cut-off − share of
    goods below it)``, i.e. ``max(TPR − FPR)`` when a bad is a "positive" and
    a low score flags it (0 when the score ranks no better than chance at any
    cut-off; a score that ranks bads *above* goods gets 0, not a large value).
    Vectorised: one sort and two cumulative sums, the gap evaluated only
    between distinct scores.

    Examples
    --------
    >>> round(ks_statistic([700, 650, 600, 550], [0, 0, 1, 0]), 4)
    0.6667
    """
    scores, defaults = _scores_and_defaults(scores, defaults)
    order = np.argsort(scores, kind="mergesort")
    s, d = scores[order], defaults[order]
    cum_bad = np.cumsum(d) / d.sum()
    cum_good = np.cumsum(1 - d) / (1 - d).sum()
    last_of_value = np.r_[s[1:] != s[:-1], True]
    return float(max(0.0, np.max((cum_bad - cum_good)[last_of_value])))


# ---------------------------------------------------------------------------
# Weight of evidence and information value
# ---------------------------------------------------------------------------

IV_BANDS: dict[str, tuple[tuple[float, str], ...]] = {
    "scorecard": ((0.02, "useless"), (0.1, "weak"), (0.3, "medium"), (math.inf, "strong")),
    "smile": ((0.02, "not useful"), (0.1, "weak"), (0.3, "medium"), (0.5, "strong"), (math.inf, "suspicious")),
}
"""Rule-of-thumb IV bands as two software packages document them; each entry is (upper bound, label).

``scorecard``: the reference manual of the R package *scorecard* (Xie), function
``iv()``: below 0.02 useless for prediction, 0.02 to 0.1 weak, 0.1 to 0.3 medium,
above 0.3 strong (https://search.r-project.org/CRAN/refmans/scorecard/html/iv.html).
Earlier versions of the same documentation (``R/iv.R`` in the package's
repository) split the top band into 0.3 to 0.5 strong and above 0.5 "suspicious or
too good to be true". ``smile``: the Smile library's ``InformationValue`` class
(Li), which uses those five bands: not useful, weak, medium, strong, suspicious.

The bands are conventions, not tests. A value exactly on a boundary gets the upper
band here (Smile's own code gives it the lower one). Bands that other packages
attribute to Siddiqi's *Credit Risk Scorecards* (2006) differ from source to source
(some start at 0.03); they could not be checked against the book and are not used.
"""

_MISSING = "Missing"


@dataclass(frozen=True)
class _Binning:
    """How one variable is cut into bins (learned on training data, reusable)."""

    kind: str  # "numeric" | "discrete" | "categorical"
    labels: tuple[str, ...]
    edges: tuple[float, ...] = ()
    values: tuple[Any, ...] = ()
    groups: tuple[int, ...] = ()
    has_missing: bool = False

    def codes(self, values: pd.Series) -> np.ndarray:
        """Bin index of each value; the missing bin is last; unseen values get -1."""
        missing = values.isna().to_numpy()
        n_bins = len(self.labels) - (1 if self.has_missing else 0)
        if self.kind == "numeric":
            numbers = values.to_numpy(dtype=float, na_value=np.nan)
            codes = np.searchsorted(np.asarray(self.edges), numbers, side="right")
        else:  # position of each value among the learned ones (-1 if unseen), then its group
            positions = pd.Index(self.values).get_indexer(values.astype(object).to_numpy())
            codes = np.where(positions >= 0, np.asarray(self.groups, dtype=int)[np.clip(positions, 0, None)], -1)
        codes = np.where(missing, n_bins if self.has_missing else -1, codes)
        return codes.astype(int)


def _is_numeric(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _fit_binning(values: pd.Series, defaults: np.ndarray, bins: int) -> _Binning:
    present = values.notna().to_numpy()
    has_missing = bool((~present).any())
    if not present.any():
        raise ValueError("values must contain at least one non-missing value")
    observed = values[present]
    if _is_numeric(values) and observed.nunique() > bins:
        numbers = observed.to_numpy(dtype=float)
        edges = np.unique(np.quantile(numbers, np.linspace(0, 1, bins + 1)[1:-1], method="linear"))
        edges = edges[(edges > numbers.min())]
        if edges.size == 0:  # one value holds most of the data: split it off from the rest
            edges = np.unique(numbers)[1:2]
        labels = []
        bounds = [None, *edges.tolist(), None]
        for low, high in zip(bounds[:-1], bounds[1:]):
            if low is None:
                labels.append(f"< {high:g}")
            elif high is None:
                labels.append(f">= {low:g}")
            else:
                labels.append(f"[{low:g}, {high:g})")
        return _Binning("numeric", tuple(labels) + ((_MISSING,) if has_missing else ()), edges=tuple(edges.tolist()), has_missing=has_missing)
    uniques = pd.unique(observed)
    if _is_numeric(values):
        uniques = np.sort(uniques)
        return _Binning(
            "discrete",
            tuple(f"{u:g}" for u in uniques) + ((_MISSING,) if has_missing else ()),
            values=tuple(uniques.tolist()),
            groups=tuple(range(len(uniques))),
            has_missing=has_missing,
        )
    # categorical: sort categories by bad rate; if there are more than `bins`,
    # merge neighbours in that order into `bins` groups of similar size (coarse classing)
    frame = pd.DataFrame({"v": observed.astype(object).to_numpy(), "d": defaults[present]})
    stats = frame.groupby("v", sort=True)["d"].agg(["mean", "size"]).sort_values(["mean", "size"], kind="mergesort")
    cats = list(stats.index)
    if len(cats) <= bins:
        groups = list(range(len(cats)))
    else:
        # each category goes to the group where the middle of its share falls
        midpoint = (stats["size"].cumsum() - stats["size"] / 2) / stats["size"].sum()
        groups = np.floor(midpoint.to_numpy() * bins).astype(int)
        if groups.max() == groups.min():  # one dominant category: keep the riskiest apart
            groups[-1] = groups[0] + 1
        _, groups = np.unique(groups, return_inverse=True)  # renumber 0..k-1 with no gaps
        groups = groups.tolist()
    n_groups = max(groups) + 1
    labels = [", ".join(str(c) for c, g in zip(cats, groups) if g == k) for k in range(n_groups)]
    return _Binning(
        "categorical",
        tuple(labels) + ((_MISSING,) if has_missing else ()),
        values=tuple(cats),
        groups=tuple(int(g) for g in groups),
        has_missing=has_missing,
    )


def _woe_from_codes(codes: np.ndarray, defaults: np.ndarray, labels: Sequence[str], adjustment: float) -> pd.DataFrame:
    n_bins = len(labels)
    known = codes >= 0
    count = np.bincount(codes[known], minlength=n_bins).astype(float)
    bads = np.bincount(codes[known], weights=defaults[known].astype(float), minlength=n_bins)
    goods = count - bads
    if goods.sum() == 0 or bads.sum() == 0:
        raise ValueError("defaults must contain both goods (0) and bads (1)")
    adj_goods, adj_bads = goods, bads
    if adjustment > 0 and ((goods == 0) | (bads == 0)).any():
        adj_goods, adj_bads = goods + adjustment, bads + adjustment
    pct_good = adj_goods / adj_goods.sum()
    pct_bad = adj_bads / adj_bads.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        woe = np.log(pct_good / pct_bad)
        iv = (pct_good - pct_bad) * woe
        bad_rate = np.where(count > 0, bads / np.where(count > 0, count, 1), np.nan)
    return pd.DataFrame(
        {
            "bin": list(labels),
            "count": count.astype(int),
            "goods": goods.astype(int),
            "bads": bads.astype(int),
            "bad_rate": bad_rate,
            "pct_good": pct_good,
            "pct_bad": pct_bad,
            "woe": woe,
            "iv": iv,
        }
    )


def _check_values_defaults(values: Any, defaults: Any, bins: Any) -> tuple[pd.Series, np.ndarray, int]:
    bins = as_int("bins", bins, low=2, high=50)
    if isinstance(values, (str, bytes, Mapping, pd.DataFrame)) or not isinstance(values, Iterable):
        raise TypeError(f"values must be a list, array or Series of the variable's values; got {type(values).__name__}")
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"values must be 1-dimensional (one value per applicant); got shape {values.shape}")
    series = values.reset_index(drop=True) if isinstance(values, pd.Series) else pd.Series(list(values) if not isinstance(values, np.ndarray) else values)
    defaults = as_binary_array("defaults", defaults, min_size=2)
    require_same_length("values", series, "defaults", defaults)
    if defaults.min() == defaults.max():
        raise ValueError("defaults must contain both goods (0) and bads (1)")
    return series, defaults, bins


def woe_table(values: Any, defaults: Any, bins: int = 5, *, adjustment: float = 0.5) -> pd.DataFrame:
    """Weight of evidence and information value, bin by bin.

    Convention: ``WOE_i = ln(%good_i / %bad_i)`` where ``%good_i`` is the
    share of all goods that fall in bin ``i``; positive WOE = safer than
    average, so that WOE points the same way as a score. Software differs:
    the R package *scorecard* defines WOE as ``ln(%bad_i / %good_i)`` by
    default (its ``positive = "bad|1"``), the opposite sign, while Python's
    *optbinning* uses ``ln(%non-event_i / %event_i)``, the sign used here.
    ``IV_i = (%good_i − %bad_i) · WOE_i`` and ``IV = Σ IV_i``; every ``IV_i``
    is >= 0, so IV >= 0, and IV is the same under either sign.

    Binning: a numeric variable with more than ``bins`` distinct values is cut
    at its quantiles into (at most) ``bins`` bins of similar size — fewer when
    many values tie; a numeric variable with few distinct values gets one bin
    per value; a categorical variable gets one bin per category, and when it
    has more than ``bins`` categories they are sorted by bad rate and
    neighbours merged into at most ``bins`` groups of similar size (coarse
    classing: a category joins the group in which the middle of its share of
    applicants falls, so a dominant category can leave fewer groups).
    Missing values always form their own bin, ``"Missing"``.

    Empty cells: when some bin has no goods or no bads its WOE would be
    infinite, so ``adjustment`` (default 0.5) is added to the goods *and* the
    bads of every bin before the shares are computed (a standard small-count
    correction); the raw ``goods`` and ``bads`` columns are left unadjusted.

    Parameters
    ----------
    values : array-like or Series
        The variable, one value per applicant (numbers or categories; NaN/None = missing).
    defaults : array-like
        0/1 outcomes (1 = bad), same length.
    bins : int
        Target number of bins (2 to 50).
    adjustment : float
        Count added to every cell when a cell is empty (>= 0).

    Returns
    -------
    pandas.DataFrame
        Columns ``bin, count, goods, bads, bad_rate, pct_good, pct_bad, woe, iv``.

    Examples
    --------
    >>> table = woe_table(["a", "a", "b", "b", "b", "a"], [0, 1, 0, 0, 1, 1], bins=2)
    >>> table[["bin", "goods", "bads", "woe"]].round(3)
      bin  goods  bads    woe
    0   b      2     1  0.693
    1   a      1     2 -0.693
    >>> round(float(table["iv"].sum()), 3)   # 2 · (2/3 − 1/3) · ln 2
    0.462
    """
    series, defaults, bins = _check_values_defaults(values, defaults, bins)
    adjustment = as_number("adjustment", adjustment, low=0, high=10)
    binning = _fit_binning(series, defaults, bins)
    return _woe_from_codes(binning.codes(series), defaults, binning.labels, adjustment)


def information_value(values: Any, defaults: Any, bins: int = 5, *, adjustment: float = 0.5) -> float:
    """Information value ``Σ (%good_i − %bad_i) · WOE_i`` of a variable (see :func:`woe_table`).

    Examples
    --------
    >>> round(information_value(["a", "a", "b", "b", "b", "a"], [0, 1, 0, 0, 1, 1], bins=2), 3)
    0.462
    """
    return float(woe_table(values, defaults, bins, adjustment=adjustment)["iv"].sum())


def iv_band(iv: float, convention: str = "scorecard") -> str:
    """The rule-of-thumb label of an information value (:data:`IV_BANDS`).

    Examples
    --------
    >>> iv_band(0.05), iv_band(0.4), iv_band(0.4, "smile"), iv_band(0.6, "smile")
    ('weak', 'strong', 'strong', 'suspicious')
    """
    iv = as_number("iv", iv, low=0)
    require_one_of("convention", convention, IV_BANDS)
    return next(label for upper, label in IV_BANDS[convention] if iv < upper)


def iv_summary(frame: pd.DataFrame, features: Sequence[str], *, target: str = "default", bins: int = 5) -> pd.DataFrame:
    """Information value of several variables, strongest first, with the bands of each convention.

    Examples
    --------
    >>> toy = pd.DataFrame({"x": [1, 2, 3, 4, 5, 6], "default": [1, 1, 0, 1, 0, 0]})
    >>> iv_summary(toy, ["x"], bins=2)[["variable", "bins", "iv"]].round(3)
      variable  bins     iv
    0        x     2  0.462
    """
    features = as_names("features", features)
    target = as_name("target", target)
    require_columns("frame", frame, (*features, target))
    rows = []
    for feature in features:
        table = woe_table(frame[feature], frame[target].to_numpy(), bins)
        iv = float(table["iv"].sum())
        rows.append({"variable": feature, "bins": len(table), "iv": iv, **{f"band_{k}": iv_band(iv, k) for k in IV_BANDS}})
    return pd.DataFrame(rows).sort_values("iv", ascending=False, kind="mergesort").reset_index(drop=True)


# ---------------------------------------------------------------------------
# A classic WOE scorecard (used on the German credit data)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class WoeScorecard:
    """A scorecard: bins per variable, WOE per bin, logistic regression on the WOEs, points per bin.

    Attributes
    ----------
    features : tuple of str
    binnings : tuple of _Binning (one per feature; internal)
    woe : tuple of tuple of float — WOE of each bin, per feature
    coefficients : tuple of float — logistic coefficient of each feature's WOE
    intercept : float
    points : tuple of tuple of float — points of each bin, per feature
    base_points, base_odds, pdo : float — the scaling
    """

    features: tuple[str, ...]
    binnings: tuple[_Binning, ...] = field(repr=False)
    woe: tuple[tuple[float, ...], ...] = field(repr=False)
    coefficients: tuple[float, ...]
    intercept: float
    points: tuple[tuple[float, ...], ...] = field(repr=False)
    base_points: float = BASE_POINTS
    base_odds: float = BASE_ODDS
    pdo: float = PDO


def split_sample(frame: pd.DataFrame, *, test_share: float = 0.3, seed: Any = 2020, target: str = "default") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into a training and a test sample, stratified by ``target``.

    Examples
    --------
    >>> toy = pd.DataFrame({"default": [0, 1] * 50})
    >>> train, test = split_sample(toy, test_share=0.3, seed=1)
    >>> len(train), len(test), int(test["default"].sum())
    (70, 30, 15)
    """
    from sklearn.model_selection import train_test_split

    require_columns("frame", frame, (as_name("target", target),))
    test_share = as_number("test_share", test_share, low=0.05, high=0.95)
    rng = as_rng("seed", seed)
    train, test = train_test_split(
        frame, test_size=test_share, stratify=frame[target], random_state=int(rng.integers(0, 2**31 - 1))
    )
    return train, test


def fit_woe_scorecard(
    frame: pd.DataFrame,
    features: Sequence[str],
    *,
    target: str = "default",
    bins: int = 5,
    C: float = 1.0,
    base_points: float = BASE_POINTS,
    base_odds: float = BASE_ODDS,
    pdo: float = PDO,
    protected: Sequence[str] = ("personal_status_sex", "foreign_worker"),
) -> WoeScorecard:
    """Fit a classic scorecard: bin → WOE → logistic regression → points per bin.

    With the WOE convention ``ln(%good/%bad)`` the regression of default on
    the WOE columns has negative coefficients ``β_j``; the points of bin ``i``
    of variable ``j`` are
    ``Offset/n − Factor · (β_j · WOE_ij + intercept/n)`` (``n`` variables), so
    that the points add up to ``Offset + Factor · ln(odds good:bad)``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Training rows (e.g. from :func:`lessons.data.load_german_credit`).
    features : sequence of str
        Columns to use; none of ``protected`` may be among them.
    target : str
        0/1 outcome column (1 = bad).
    bins : int
        Bins per variable (see :func:`woe_table`).
    C : float
        Inverse L2 penalty of the logistic regression.
    base_points, base_odds, pdo : float
        Scaling.
    protected : sequence of str
        Columns that must never be inputs (the German data's sex/marital status
        and foreign-worker attributes): a ``ValueError`` names them.

    Returns
    -------
    WoeScorecard

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> toy = pd.DataFrame({"x": rng.normal(size=500)})
    >>> toy["default"] = (rng.uniform(size=500) < 1 / (1 + np.exp(2 + toy["x"]))).astype(int)
    >>> card = fit_woe_scorecard(toy, ["x"], bins=4)
    >>> len(card.points[0])
    4
    """
    from sklearn.linear_model import LogisticRegression

    features = as_names("features", features)
    target = as_name("target", target)
    protected = as_names("protected", protected, allow_empty=True)
    require_columns("frame", frame, (target,))
    for feature in features:
        require_one_of("features", feature, [c for c in frame.columns if c != target])
        if feature in protected:
            raise ValueError(
                f"features contains {feature!r}, a protected attribute: it is never a model input "
                "(it is kept to test the model for fairness)"
            )
    require_columns("frame", frame, (*features, target))
    bins = as_int("bins", bins, low=2, high=50)
    C = as_number("C", C, low=0, low_open=True)
    factor, offset = scaling_constants(base_points=base_points, base_odds=base_odds, pdo=pdo)
    y = as_binary_array(target, frame[target].to_numpy(dtype=float))
    binnings, woes, columns = [], [], []
    for feature in features:
        series = frame[feature].reset_index(drop=True)
        binning = _fit_binning(series, y, bins)
        codes = binning.codes(series)
        woe = _woe_from_codes(codes, y, binning.labels, 0.5)["woe"].to_numpy()
        binnings.append(binning)
        woes.append(woe)
        columns.append(woe[codes])
    x = np.column_stack(columns)
    fitted = LogisticRegression(C=C, solver="newton-cholesky", max_iter=200).fit(x, y)
    beta = fitted.coef_[0]
    alpha = float(fitted.intercept_[0])
    n = len(features)
    points = tuple(tuple((offset / n - factor * (b * w + alpha / n)).tolist()) for b, w in zip(beta, woes))
    return WoeScorecard(
        features=tuple(features),
        binnings=tuple(binnings),
        woe=tuple(tuple(w.tolist()) for w in woes),
        coefficients=tuple(float(b) for b in beta),
        intercept=alpha,
        points=points,
        base_points=base_points,
        base_odds=base_odds,
        pdo=pdo,
    )


def score_woe(card: WoeScorecard, frame: pd.DataFrame, *, clip: bool = True) -> np.ndarray:
    """Score rows with a :class:`WoeScorecard`: the sum of their bins' points.

    A category not seen in training (or a missing value when training had
    none) gets the points of a WOE of 0, i.e. of an average applicant.
    

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> toy = pd.DataFrame({"x": rng.normal(size=400)})
    >>> toy["default"] = (rng.uniform(size=400) < 1 / (1 + np.exp(2 + toy["x"]))).astype(int)
    >>> card = fit_woe_scorecard(toy, ["x"], bins=3)
    >>> scores = score_woe(card, toy)
    >>> bool(scores[toy["x"].argmax()] > scores[toy["x"].argmin()])
    True
    """
    if not isinstance(card, WoeScorecard):
        raise TypeError(f"card must be a WoeScorecard; got {type(card).__name__}")
    require_columns("frame", frame, card.features)
    factor, offset = scaling_constants(base_points=card.base_points, base_odds=card.base_odds, pdo=card.pdo)
    n = len(card.features)
    total = np.zeros(len(frame))
    for feature, binning, points in zip(card.features, card.binnings, card.points):
        codes = binning.codes(frame[feature].reset_index(drop=True))
        neutral = offset / n - factor * (card.intercept / n)
        total += np.where(codes >= 0, np.asarray(points)[np.clip(codes, 0, None)], neutral)
    if clip:
        total = np.clip(total, *SCORE_RANGE)
    return total


def scorecard_points(card: WoeScorecard, applicant: pd.DataFrame | None = None) -> pd.DataFrame:
    """The scorecard as a table: one row per variable and bin, with its WOE and points.

    With ``applicant`` (a one-row DataFrame holding the card's variables), the
    table has one row per variable instead: the applicant's value, the bin it
    falls in, that bin's WOE and points. The points add up to the applicant's
    unclipped score (:func:`score_woe` with ``clip=False``); a value the card
    never saw gets the points of a WOE of 0 and the bin ``"(unseen)"``.

    Columns ``variable, bin, woe, points``, and ``value`` first after
    ``variable`` when an applicant is given.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> toy = pd.DataFrame({"x": rng.normal(size=400)})
    >>> toy["default"] = (rng.uniform(size=400) < 1 / (1 + np.exp(2 + toy["x"]))).astype(int)
    >>> card = fit_woe_scorecard(toy, ["x"], bins=3)
    >>> scorecard_points(card).columns.tolist()
    ['variable', 'bin', 'woe', 'points']
    >>> row = scorecard_points(card, toy.iloc[[0]])
    >>> row.columns.tolist(), bool(np.isclose(row["points"].sum(), score_woe(card, toy.iloc[[0]], clip=False)[0]))
    (['variable', 'value', 'bin', 'woe', 'points'], True)
    """
    require_instance("card", card, WoeScorecard, "from fit_woe_scorecard")
    if applicant is None:
        rows = [
            {"variable": feature, "bin": label, "woe": woe, "points": points}
            for feature, binning, woes, pts in zip(card.features, card.binnings, card.woe, card.points)
            for label, woe, points in zip(binning.labels, woes, pts)
        ]
        return pd.DataFrame(rows)
    require_instance("applicant", applicant, pd.DataFrame, "one row of the data, e.g. frame.iloc[[0]]")
    if len(applicant) != 1:
        raise ValueError(f"applicant must be a DataFrame with exactly one row, e.g. frame.iloc[[0]]; got {len(applicant)} rows")
    require_columns("applicant", applicant, card.features)
    factor, offset = scaling_constants(base_points=card.base_points, base_odds=card.base_odds, pdo=card.pdo)
    neutral = offset / len(card.features) - factor * card.intercept / len(card.features)
    rows = []
    for feature, binning, woes, pts in zip(card.features, card.binnings, card.woe, card.points):
        value = applicant[feature].reset_index(drop=True)
        code = int(binning.codes(value)[0])
        seen = code >= 0
        rows.append(
            {
                "variable": feature,
                "value": value.iloc[0],
                "bin": binning.labels[code] if seen else "(unseen)",
                "woe": woes[code] if seen else 0.0,
                "points": pts[code] if seen else neutral,
            }
        )
    return pd.DataFrame(rows)


_CANDIDATE_PATTERNS = ("checking", "duration", "history", "purpose", "saving", "amount")


def german_candidates(features: Sequence[str] | None = None) -> tuple[str, ...]:
    """Six German-credit variables offered by the scorecard page's WOE widget.

    The status of the checking account, the duration, the credit history, the
    purpose, savings and the credit amount: a mix of categorical and numeric
    variables, strong and weak. Found by name among ``features`` (default
    :data:`lessons.data.GERMAN_FEATURES`), never a protected attribute.

    Raises
    ------
    ValueError
        If ``features`` is not a non-empty list of variable names.

    Examples
    --------
    >>> german_candidates(["checking_status", "duration_months", "credit_history", "purpose",
    ...                    "savings", "credit_amount", "foreign_worker"])
    ('checking_status', 'duration_months', 'credit_history', 'purpose', 'savings', 'credit_amount')
    """
    if features is None:
        from lessons.data import GERMAN_FEATURES as features  # noqa: N811
    features = as_names("features", features, what="variable names")
    protected = set(_german_protected())
    found = []
    for pattern in _CANDIDATE_PATTERNS:
        match = next((f for f in features if pattern in f.lower() and f not in protected and f not in found), None)
        if match is not None:
            found.append(match)
    return tuple(found)


def _german_protected() -> tuple[str, ...]:
    try:
        from lessons.data import GERMAN_PROTECTED_ATTRIBUTES

        return tuple(GERMAN_PROTECTED_ATTRIBUTES)
    except ImportError:  # pragma: no cover - lessons.data ships with the package
        return ("personal_status_sex", "foreign_worker")


@dataclass(frozen=True)
class GermanStudy:
    """The scorecard page's data, split, IV table, scorecard and scores, computed once.

    Attributes
    ----------
    data, train, test : DataFrame — the German credit data and a stratified 70/30 split
    features : tuple of str — every non-protected variable considered
    iv : DataFrame — :func:`iv_summary` of ``features`` on the training sample, with a
        column ``selected`` (True for the variables in the card: IV >= ``min_iv``)
    card : WoeScorecard — fitted on the variables with IV >= ``min_iv``
    train_scores, test_scores : numpy arrays
    min_iv : float — the selection rule
    """

    data: pd.DataFrame = field(repr=False)
    train: pd.DataFrame = field(repr=False)
    test: pd.DataFrame = field(repr=False)
    features: tuple[str, ...]
    iv: pd.DataFrame = field(repr=False)
    card: WoeScorecard = field(repr=False)
    train_scores: np.ndarray = field(repr=False)
    test_scores: np.ndarray = field(repr=False)
    min_iv: float = 0.02


@lru_cache(maxsize=1)
def _german_data() -> pd.DataFrame:
    from lessons.data import load_german_credit

    return load_german_credit()


def german_scorecard_study(
    *, bins: int = 5, seed: Any = 2020, min_iv: float = 0.02, test_share: float = 0.3, exclude: Sequence[str] = ("age",)
) -> GermanStudy:
    """Build the scorecard of the scorecard page on the real German credit data.

    Loads :func:`lessons.data.load_german_credit`, drops the protected
    attributes and the variables in ``exclude`` (by default the applicant's
    age, kept out for the same reason as in the platform model: see
    :data:`~lessons.credit.platform_model.SEGMENT_COLUMNS`), splits 70/30 (stratified, seeded), ranks every variable by IV
    on the training sample, fits :func:`fit_woe_scorecard` on those with IV
    >= ``min_iv`` (the "useless" band of :data:`IV_BANDS` ends at 0.02) and
    scores both samples. The data are the corrected edition of
    :func:`lessons.data.load_german_credit` (Grömping's code table).

    Raises
    ------
    ValueError
        If ``exclude`` is not a list of German-credit variable names (``()``
        excludes nothing), if it leaves no variable, or if no variable reaches
        ``min_iv``.
    """
    from lessons.data import GERMAN_FEATURES

    min_iv = as_number("min_iv", min_iv, low=0, high=1)
    protected = set(_german_protected())
    exclude = as_names("exclude", exclude, allow_empty=True, what="German-credit variable names")
    for name in exclude:
        require_one_of("exclude", name, (*GERMAN_FEATURES, *sorted(protected)))
    features = tuple(f for f in GERMAN_FEATURES if f not in protected and f not in set(exclude))
    if not features:
        raise ValueError("exclude must leave at least one variable for the scorecard; it excludes them all")
    data = _german_data().copy()
    train, test = split_sample(data, test_share=test_share, seed=seed)
    train, test = train.reset_index(drop=True), test.reset_index(drop=True)
    iv = iv_summary(train, features, bins=bins)
    iv["selected"] = iv["iv"] >= min_iv
    selected = tuple(iv.loc[iv["selected"], "variable"])
    if not selected:
        raise ValueError(
            f"min_iv must leave at least one variable; the largest information value on the training sample is "
            f"{iv['iv'].max():.3f}, below min_iv = {min_iv:g}"
        )
    card = fit_woe_scorecard(train, selected, bins=bins, protected=tuple(protected))
    return GermanStudy(
        data=data,
        train=train,
        test=test,
        features=features,
        iv=iv,
        card=card,
        train_scores=score_woe(card, train),
        test_scores=score_woe(card, test),
        min_iv=min_iv,
    )
