"""Models for the page *Reviews, cuts and reasons* (book/credit-assessment/reviews-and-reasons.ipynb).

A month of behaviour (:func:`behaviour_snapshot`), a periodic limit review with a policy
tightening (:func:`review_decisions`, :func:`prepare_reviews`, :func:`review_table`) and
adverse-action-style reason codes (:func:`reason_codes`) for example applicants
(:func:`example_applicants`). Illustrative, not calibrated to Ant Group.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import (
    as_binary_array,
    as_float_array,
    as_int,
    as_number,
    as_probability,
    as_rng,
    require_columns,
    require_one_of,
    require_same_length,
)
from lessons.credit._checks import require_instance
from lessons.credit.cutoffs import _check_cutoffs, _segment_frame
from lessons.credit.limits import PRODUCT_A, ProductPolicy, assign_limits, share_by_key_segments
from lessons.credit.platform_model import (
    ALL_MODEL_FEATURES,
    PlatformModel,
    _check_model,
    _design_array,
    fit_platform_model,
    score_applicants,
)
from lessons.credit.scaling import PDO, SCORE_RANGE, scaling_constants

__all__ = [
    "REASON_METHODS",
    "DEFAULT_REASON_METHOD",
    "NEAR_CUTOFF_BAND",
    "MIN_REASON_POINTS",
    "ReasonReference",
    "reason_reference",
    "reason_points",
    "compare_reason_methods",
    "REVIEW_ACTIONS",
    "behaviour_snapshot",
    "review_decisions",
    "cuts_by_segment",
    "ReviewSetup",
    "prepare_reviews",
    "review_table",
    "REASON_TEXT",
    "reason_codes",
    "EXAMPLE_PROFILES",
    "example_applicants",
]


# ---------------------------------------------------------------------------
# Reviews: behaviour scores and limit cuts
# ---------------------------------------------------------------------------

REVIEW_ACTIONS = ("keep", "reduce", "close")


def behaviour_snapshot(applicants: pd.DataFrame, *, months: int = 1, stress: float = 0.0, seed: Any = 11) -> pd.DataFrame:
    """The applicants' data ``months`` later, for a behaviour score at the next review.

    Within ``months`` months each applicant, with probability
    ``1 − (1 − pd_true·(1 + stress))^(months/12)``, misses a payment
    (``past_overdues`` + 1, ``on_time_share`` down by 0.05 where there is a
    record); each takes a new lender with probability ``0.05·months·(1 +
    stress)``; and utilisation moves by a normal step with standard deviation
    ``0.05·√months`` plus ``0.03·months·stress``. ``stress`` (0 to 3) stands
    for a downturn. **Illustrative, not calibrated to Ant Group.**

    Returns
    -------
    DataFrame, same rows, updated values.
    

    Examples
    --------
    >>> toy = pd.DataFrame({"past_overdues": [0, 0], "on_time_share": [0.95, None], "other_lenders": [1, 0],
    ...                     "reported_lenders": [1, 0], "utilisation": [0.3, 0.5], "pd_true": [0.02, 0.2]})
    >>> later = behaviour_snapshot(toy, months=3, seed=1)
    >>> bool((later["past_overdues"] >= toy["past_overdues"]).all())
    True
    """
    require_columns("applicants", applicants, ("past_overdues", "on_time_share", "other_lenders", "reported_lenders", "utilisation", "pd_true"))
    months = as_int("months", months, low=0, high=24)
    stress = as_number("stress", stress, low=0, high=3)
    rng = as_rng("seed", seed)
    new = applicants.copy()
    n = len(new)
    pd_true = np.clip(new["pd_true"].to_numpy(dtype=float) * (1 + stress), 0, 1)
    missed = rng.uniform(size=n) < 1 - (1 - pd_true) ** (months / 12)
    new["past_overdues"] = new["past_overdues"].to_numpy(dtype=int) + missed
    share = new["on_time_share"].to_numpy(dtype=float, na_value=np.nan)
    new["on_time_share"] = np.where(missed & ~np.isnan(share), np.clip(share - 0.05, 0, 1), share)
    added = rng.uniform(size=n) < min(1.0, 0.05 * months * (1 + stress))
    new["other_lenders"] = new["other_lenders"].to_numpy(dtype=int) + added
    new["reported_lenders"] = new["reported_lenders"].to_numpy(dtype=int) + added
    step = rng.normal(0.0, 0.05 * math.sqrt(months), n) + 0.03 * months * stress
    new["utilisation"] = np.clip(new["utilisation"].to_numpy(dtype=float) + step, 0, 1)
    return new


def review_decisions(
    scores: Any,
    limits: Any,
    *,
    review_cutoff: float,
    tightening: float = 0.0,
    reduce_band: float = 20.0,
    reduce_share: float = 0.5,
) -> pd.DataFrame:
    """A periodic limit review of existing lines.

    With ``bar = review_cutoff + tightening``: a line whose behaviour score is
    ``>= bar`` is kept; ``>= bar − reduce_band`` is reduced by
    ``reduce_share``; lower is closed. Lines with a zero limit are ignored
    (action ``keep``, limit 0). A tightening is a policy decision — nothing
    about the borrower changes, only the bar.

    Returns
    -------
    DataFrame with ``action`` (one of :data:`REVIEW_ACTIONS`), ``old_limit``,
    ``new_limit``, ``cut`` (the amount removed).

    Examples
    --------
    >>> review_decisions([600, 575, 540], [5000, 5000, 5000], review_cutoff=580)[["action", "new_limit"]]
       action  new_limit
    0    keep     5000.0
    1  reduce     2500.0
    2   close        0.0
    """
    scores = as_float_array("scores", scores)
    limits = as_float_array("limits", limits, low=0)
    require_same_length("scores", scores, "limits", limits)
    bar = float(_check_cutoffs("review_cutoff", review_cutoff, SCORE_RANGE)[0])
    tightening = as_number("tightening", tightening, low=0, high=200)
    reduce_band = as_number("reduce_band", reduce_band, low=0, high=200)
    reduce_share = as_probability("reduce_share", reduce_share)
    bar += tightening
    has_line = limits > 0
    close = has_line & (scores < bar - reduce_band)
    reduce = has_line & ~close & (scores < bar)
    action = np.select([close, reduce], ["close", "reduce"], default="keep")
    new_limit = np.where(close, 0.0, np.where(reduce, limits * (1 - reduce_share), limits))
    return pd.DataFrame(
        {
            "action": pd.Categorical(action, categories=REVIEW_ACTIONS, ordered=True),
            "old_limit": limits,
            "new_limit": new_limit,
            "cut": limits - new_limit,
        }
    )


def cuts_by_segment(reviews: pd.DataFrame, segments: pd.DataFrame, segment: str, defaults: Any | None = None) -> pd.DataFrame:
    """Share of lines reduced or closed in each segment, among applicants who had a line.

    Columns: ``lines``, ``reduce``, ``close``, ``cut_any`` (reduce or close)
    and, with ``defaults``, ``cut_but_repaid`` (share of cut lines whose
    holder did *not* default).
    

    Examples
    --------
    >>> r = review_decisions([600, 530, 500], [5000, 5000, 0], review_cutoff=560)
    >>> cuts_by_segment(r, pd.DataFrame({"all": ["x", "x", "x"]}), "all")[["lines", "close"]].to_dict("index")
    {'x': {'lines': 2, 'close': 0.5}}
    """
    require_columns("reviews", reviews, ("action", "old_limit"))
    require_columns("segments", segments, ())
    require_one_of("segment", segment, list(segments.columns))
    require_same_length("reviews", reviews, "segments", segments)
    has_line = reviews["old_limit"].to_numpy() > 0
    frame = pd.DataFrame(
        {
            "segment": segments[segment].to_numpy()[has_line],
            "reduce": (reviews["action"].to_numpy()[has_line] == "reduce"),
            "close": (reviews["action"].to_numpy()[has_line] == "close"),
        }
    )
    frame["cut_any"] = frame["reduce"] | frame["close"]
    aggregations = {"lines": ("reduce", "size"), "reduce": ("reduce", "mean"), "close": ("close", "mean"), "cut_any": ("cut_any", "mean")}
    if defaults is not None:
        d = as_binary_array("defaults", defaults)
        require_same_length("reviews", reviews, "defaults", d)
        frame["cut_and_repaid"] = frame["cut_any"] & (d[has_line] == 0)
        aggregations["cut_and_repaid"] = ("cut_and_repaid", "sum")
        aggregations["cut_count"] = ("cut_any", "sum")
    table = frame.groupby("segment", sort=True).agg(**aggregations)
    if defaults is not None:
        table["cut_but_repaid"] = np.where(table["cut_count"] > 0, table["cut_and_repaid"] / table["cut_count"].clip(lower=1), np.nan)
        table = table.drop(columns=["cut_and_repaid", "cut_count"])
    return table


@dataclass(frozen=True)
class ReviewSetup:
    """Lines in force and behaviour scores at the next review, computed once.

    Attributes
    ----------
    model : PlatformModel (the behaviour model: the underwriting model applied to new data)
    limits : numpy array — lines in force before the review (product A's rules)
    behaviour_scores : numpy array — scores on the data one review period later
    segments : DataFrame — readable segment labels
    defaults : numpy array — the outcome, to check who was cut but would have repaid
    review_cutoff : float — the review bar before any tightening (the product's approval cut-off)
    """

    model: PlatformModel
    limits: np.ndarray = field(repr=False)
    behaviour_scores: np.ndarray = field(repr=False)
    segments: pd.DataFrame = field(repr=False)
    defaults: np.ndarray = field(repr=False)
    review_cutoff: float = 570.0


def prepare_reviews(
    applicants: pd.DataFrame,
    *,
    product: ProductPolicy = PRODUCT_A,
    months: int = 3,
    stress: float = 0.5,
    seed: Any = 11,
) -> ReviewSetup:
    """Grant product A's lines today, then score the holders again ``months`` later under ``stress``.

    The behaviour model is the underwriting model (:data:`~lessons.credit.platform_model.ALL_MODEL_FEATURES`)
    applied to :func:`behaviour_snapshot` data. Illustrative.
    """
    require_instance("product", product, ProductPolicy, "e.g. PRODUCT_A")
    model = fit_platform_model(applicants, ALL_MODEL_FEATURES)
    scores_now = score_applicants(model, applicants)
    limits = assign_limits(
        scores_now, applicants["income"].to_numpy(dtype=float), applicants["reported_lenders"].to_numpy(dtype=float), product.cutoff, product.limits
    )["limit"].to_numpy()
    later = behaviour_snapshot(applicants, months=months, stress=stress, seed=seed)
    return ReviewSetup(
        model=model,
        limits=limits,
        behaviour_scores=score_applicants(model, later),
        segments=_segment_frame(applicants),
        defaults=applicants["default"].to_numpy(dtype=int),
        review_cutoff=float(product.cutoff),
    )


def review_table(setup: ReviewSetup, tightening: float, *, review_cutoff: float | None = None) -> pd.DataFrame:
    """Share of lines kept, reduced and closed by key segment, plus ``cut_but_repaid`` (share of cut lines whose holder did not default).

    ``review_cutoff`` defaults to ``setup.review_cutoff``; the bar is ``review_cutoff + tightening``.
    """
    require_instance("setup", setup, ReviewSetup, "from prepare_reviews")
    review_cutoff = setup.review_cutoff if review_cutoff is None else review_cutoff
    reviews = review_decisions(setup.behaviour_scores, setup.limits, review_cutoff=review_cutoff, tightening=tightening)
    has_line = setup.limits > 0
    action = reviews["action"].astype(str).to_numpy()
    table = share_by_key_segments(action, setup.segments, REVIEW_ACTIONS, among=has_line)
    repaid_cut = share_by_key_segments(np.where(setup.defaults == 0, "repaid", "defaulted"), setup.segments, ("repaid",), among=has_line & (action != "keep"))
    table["cut_any"] = table["reduce"] + table["close"]
    table["cut_but_repaid"] = repaid_cut["repaid"]
    return table.rename(columns={"n": "lines"})


# ---------------------------------------------------------------------------
# Reason codes
# ---------------------------------------------------------------------------

REASON_TEXT: dict[str, str] = {
    "on_time_share": "Repayment record: too few on-time repayments, or no record in the credit report",
    "past_overdues": "Number of past overdue payments",
    "reported_lenders": "Number of other lenders with an active line",
    "other_lenders": "Number of other lenders with an active line",
    "utilisation": "High use of existing credit lines",
    "income": "Income too low for the credit requested",
    "monthly_payment_volume": "Little payment activity on the platform",
    "tenure_months": "Short account history on the platform",
    "business_owner": "Business-owner status",
    "thin_file": "No credit record in the central-bank report",
    "age": "Age",
    "age_band": "Age band",
    "city_tier": "City tier",
}
"""Adverse-action-style wording for each variable (used by :func:`reason_codes`)."""


REASON_METHODS: dict[str, str] = {
    "all_applicants": "average points of all applicants",
    "near_cutoff": "average points of applicants at or just above the cut-off",
    "max_points": "most points any applicant gets on each variable",
}
"""How :func:`reason_codes` can choose the reference the applicant is compared with.

``near_cutoff`` and ``all_applicants`` are the two methods that the official
interpretation of Regulation B describes (comment 9(b)(2)-5, ``cfr2024regb``):
the factors on which the applicant's score fell furthest below the *average*
score of applicants at or slightly above the passing score, or of all
applicants. ``max_points`` compares with the most points available on each
variable, a common industry practice that the commentary does not name (it
accepts any method "substantially similar" to its two).
"""

DEFAULT_REASON_METHOD = "all_applicants"
"""The method :func:`reason_codes` uses when none is given (it needs no cut-off)."""

MIN_REASON_POINTS = 0.05
"""A variable that costs fewer points than this (0.0 when rounded to one decimal) is not given as a reason."""

NEAR_CUTOFF_BAND = 10.0
"""Width in points of the "at or just above the cut-off" group of the ``near_cutoff`` method (illustrative)."""


@dataclass(frozen=True)
class ReasonReference:
    """The applicant that reason codes compare with, and how it was chosen.

    Attributes
    ----------
    method : str
        A key of :data:`REASON_METHODS`, or ``"given"`` for a reference
        applicant passed in directly.
    vector : tuple of float
        The reference's design columns (the average row for the two Regulation B
        methods; for ``max_points`` each variable's columns from the applicant
        with the most points on it).
    score : float
        The reference's total points (not clipped to the score range). The
        signed points lost on all variables add up to ``score`` minus the
        applicant's (unclipped) score.
    applicants : int
        Number of applicants the reference was computed from.
    cutoff, band : float or None
        For ``near_cutoff``: the group is the applicants scoring from
        ``cutoff`` to ``cutoff + band`` points.
    """

    method: str
    vector: tuple[float, ...] = field(repr=False)
    score: float
    applicants: int
    cutoff: float | None = None
    band: float | None = None

    @property
    def label(self) -> str:
        """The method in words, for tables, figures and alt text.

        Examples
        --------
        >>> ReasonReference("near_cutoff", (0.0,), 575.2, 310, 570.0, 10.0).label
        'near the cut-off: average points of applicants scoring 570–580'
        """
        if self.method == "near_cutoff":
            return f"near the cut-off: average points of applicants scoring {self.cutoff:g}–{self.cutoff + self.band:g}"
        if self.method == "all_applicants":
            return "all applicants: average points of all applicants"
        if self.method == "max_points":
            return "maximum points: most points any applicant gets on each variable"
        return "a given reference applicant"


def _require_method(method: Any) -> str:
    if not isinstance(method, str) or method not in REASON_METHODS:
        raise ValueError(f"method must be one of {', '.join(repr(m) for m in REASON_METHODS)}; got {method!r}")
    return method


def _as_frame(applicants: Any, name: str) -> pd.DataFrame:
    if isinstance(applicants, pd.Series):
        frame = applicants.to_frame().T.infer_objects()
        frame.index = [applicants.name if applicants.name is not None else 0]
        return frame
    if isinstance(applicants, Mapping):
        return pd.DataFrame([dict(applicants)])
    if isinstance(applicants, pd.DataFrame):
        return applicants
    raise TypeError(f"{name} must be a DataFrame of applicants (or one applicant as a Series); got {type(applicants).__name__}")


def _variable_points(model: PlatformModel, x: np.ndarray, factor: float) -> np.ndarray:
    """Points each variable contributes, ``−Factor · Σ_{c in j} β_c x_c``, as an (n, variables) array."""
    by_column = -factor * x * model.coef
    owners = np.asarray(model.feature_of_column())
    return np.column_stack([by_column[:, owners == feature].sum(axis=1) for feature in model.features])


def _total_points(model: PlatformModel, x: np.ndarray, pdo: float) -> np.ndarray:
    factor, offset = scaling_constants(pdo=pdo)
    return offset - factor * (model.intercept + x @ model.coef)


def reason_reference(
    model: PlatformModel,
    population: pd.DataFrame | None = None,
    method: str = DEFAULT_REASON_METHOD,
    *,
    cutoff: float | None = None,
    band: float = NEAR_CUTOFF_BAND,
    pdo: float = PDO,
) -> ReasonReference:
    """The reference of one of the :data:`REASON_METHODS`, computed from a population of applicants.

    Parameters
    ----------
    model : PlatformModel
    population : DataFrame, optional
        The applicants whose points define the reference (e.g. all applicants
        of the development sample). Without it, ``all_applicants`` uses the
        model's training average (``model.reference``); the other methods
        need it.
    method : str
        ``"all_applicants"`` (default), ``"near_cutoff"`` or ``"max_points"``.
    cutoff : float
        The passing score, needed by ``near_cutoff``.
    band : float
        ``near_cutoff`` averages the applicants scoring at least ``cutoff``
        and less than ``cutoff + band`` points (default 10, illustrative).
    pdo : float
        Points to double the odds.

    Returns
    -------
    ReasonReference

    Raises
    ------
    ValueError
        An unknown ``method``; ``near_cutoff`` without a ``cutoff`` or a
        ``population``, or with nobody in the band; ``max_points`` without a
        ``population``.

    Examples
    --------
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> pop = pd.DataFrame({"utilisation": [0.1, 0.3, 0.5, 0.9]})
    >>> ref = reason_reference(m, pop, "max_points")
    >>> ref.vector, round(ref.score, 1)
    ((0.1,), 567.9)
    >>> round(reason_reference(m, pop, "near_cutoff", cutoff=550, band=10).score, 1)   # only utilisation 0.3 scores 550-560
    556.4
    """
    model = _check_model(model)
    method = _require_method(method)
    band = as_number("band", band, low=0, low_open=True, high=200)
    if population is None:
        if method != "all_applicants":
            raise ValueError(f"population is needed for method={method!r}: the reference is computed from applicants' points")
        vector = np.asarray(model.reference, dtype=float)
        return ReasonReference(method, tuple(float(v) for v in vector), float(_total_points(model, vector[None, :], pdo)[0]), 0)
    population = _as_frame(population, "population")
    if len(population) == 0:
        raise ValueError("population must contain at least one applicant")
    x = _design_array(population.reset_index(drop=True), model.features)
    if method == "all_applicants":
        vector, n = x.mean(axis=0), len(x)
    elif method == "near_cutoff":
        if cutoff is None:
            raise ValueError("cutoff is needed for method='near_cutoff' (the passing score)")
        cutoff = float(_check_cutoffs("cutoff", cutoff, SCORE_RANGE)[0])
        scores = _total_points(model, x, pdo)
        near = (scores >= cutoff) & (scores < cutoff + band)
        if not near.any():
            raise ValueError(f"no applicant of population scores from cutoff {cutoff:g} to {cutoff + band:g}; widen band")
        vector, n = x[near].mean(axis=0), int(near.sum())
    else:
        factor, _ = scaling_constants(pdo=pdo)
        best = _variable_points(model, x, factor).argmax(axis=0)
        owners = np.asarray(model.feature_of_column())
        vector = np.empty(x.shape[1])
        for j, feature in enumerate(model.features):
            columns = owners == feature
            vector[columns] = x[best[j], columns]
        n = len(x)
    score = float(_total_points(model, vector[None, :], pdo)[0])
    return ReasonReference(
        method, tuple(float(v) for v in vector), score, n,
        cutoff if method == "near_cutoff" else None, band if method == "near_cutoff" else None,
    )


def _resolve_reference(model: PlatformModel, method: Any, reference: Any, population: Any, cutoff: Any, band: float, pdo: float) -> ReasonReference:
    if method is not None:
        method = _require_method(method)
    if reference is None:
        return reason_reference(model, population, method or DEFAULT_REASON_METHOD, cutoff=cutoff, band=band, pdo=pdo)
    if population is not None:
        raise ValueError("give either reference or population, not both")
    if isinstance(reference, ReasonReference):
        if method is not None and method != reference.method:
            raise ValueError(f"method {method!r} does not match the reference, which was computed by {reference.method!r}")
        if len(reference.vector) != len(model.columns):
            raise ValueError(f"reference has {len(reference.vector)} design columns; the model has {len(model.columns)}")
        return reference
    if method is not None:
        raise ValueError(f"method {method!r} cannot be used with a given reference applicant; pass one or the other")
    if isinstance(reference, (pd.Series, Mapping, pd.DataFrame)):
        frame = _as_frame(reference, "reference")
        require_columns("reference", frame, model.features)
        if len(frame) != 1:
            raise ValueError(f"reference must be one applicant (one row); got {len(frame)} rows")
        vector = _design_array(frame.reset_index(drop=True), model.features)[0]
        return ReasonReference("given", tuple(float(v) for v in vector), float(_total_points(model, vector[None, :], pdo)[0]), 1)
    raise TypeError("reference must be a ReasonReference (from reason_reference), a Series, a mapping or a one-row DataFrame")


def reason_points(
    model: PlatformModel,
    applicants: pd.DataFrame | pd.Series,
    *,
    method: str | None = None,
    population: pd.DataFrame | None = None,
    cutoff: float | None = None,
    band: float = NEAR_CUTOFF_BAND,
    reference: Any = None,
    pdo: float = PDO,
) -> pd.DataFrame:
    """Signed points each applicant loses on every variable against the reference (negative = gains).

    The reference is chosen as in :func:`reason_codes`. Because the score is
    linear in the design columns, each row adds up exactly to
    ``reference.score − unclipped score of the applicant``: under
    ``near_cutoff`` the gap to the *average score of the applicants just above
    the cut-off* (a few points more than the gap to the cut-off itself), under
    ``all_applicants`` the gap to the average score, and under ``max_points``
    the gap to the highest score the population's best values would give (every
    entry is then >= 0 for applicants inside the population's range).

    Returns
    -------
    DataFrame with one column per variable of the model, indexed like
    ``applicants``; ``attrs`` holds ``method``, ``reference`` (its label) and
    ``reference_score``.

    Examples
    --------
    >>> m = PlatformModel(("utilisation", "past_overdues"), ("utilisation", "past_overdues"), (2.0, 0.5), -3.0, (0.2, 0.0))
    >>> reason_points(m, pd.Series({"utilisation": 0.1, "past_overdues": 3})).round(1)
       utilisation  past_overdues
    0         -5.8           43.3
    """
    model = _check_model(model)
    ref = _resolve_reference(model, method, reference, population, cutoff, band, pdo)
    frame = _as_frame(applicants, "applicants")
    factor, _ = scaling_constants(pdo=pdo)
    x = _design_array(frame, model.features)
    vector = np.asarray(ref.vector, dtype=float)[None, :]
    lost = _variable_points(model, vector, factor) - _variable_points(model, x, factor)
    table = pd.DataFrame(lost, columns=list(model.features), index=frame.index)
    table.attrs.update(method=ref.method, reference=ref.label, reference_score=ref.score)
    return table


def reason_codes(
    model: PlatformModel,
    applicants: pd.DataFrame | pd.Series,
    *,
    method: str | None = None,
    population: pd.DataFrame | None = None,
    cutoff: float | None = None,
    band: float = NEAR_CUTOFF_BAND,
    reference: Any = None,
    top: int = 4,
    pdo: float = PDO,
) -> pd.DataFrame:
    """The variables that cost each applicant the most points against a reference, at most ``top``.

    Each design column ``c`` (a numeric column the model computes from a
    variable, see :data:`~lessons.credit.platform_model.FEATURE_TRANSFORMS`)
    contributes ``−Factor · β_c · x_c`` points to the score, so the points an
    applicant *loses* on variable ``j`` against a reference are
    ``Factor · Σ_{c in j} β_c · (x_c − ref_c)``. The reasons are the variables
    with the largest positive loss, at most ``top`` (the Regulation B
    commentary finds more than four "not likely to be helpful",
    comment 9(b)(2)-1).

    The reference depends on ``method`` (:data:`REASON_METHODS`):

    * ``"all_applicants"`` (the default): the average points of all
      applicants on each variable (Regulation B comment 9(b)(2)-5, second
      method); without ``population``, the model's training average;
    * ``"near_cutoff"``: the average points of the applicants scoring at or
      just above the cut-off, from ``cutoff`` to ``cutoff + band`` (the
      commentary's first method); needs ``population`` and ``cutoff``;
    * ``"max_points"``: the most points any applicant of ``population`` gets
      on each variable (an industry practice the commentary does not name).

    The method changes which reasons a person is given and in what order. What
    the losses add up to is in :func:`reason_points`.

    Parameters
    ----------
    model : PlatformModel
    applicants : DataFrame or Series
        One applicant (a Series or a one-row frame) or several.
    method : str, optional
        See above; default ``"all_applicants"``, or the method of ``reference``.
    population : DataFrame, optional
        Applicants the reference is computed from.
    cutoff : float, optional
        Passing score for ``near_cutoff``.
    band : float
        Width of the near-cut-off group in points (default 10).
    reference : ReasonReference, Series, mapping or one-row DataFrame, optional
        A reference computed once with :func:`reason_reference` (faster when
        explaining many applicants), or a reference applicant in raw variables
        (the output's ``method`` is then ``"given"``).
    top : int
        Largest number of reasons per applicant (1 to 4).
    pdo : float
        Points to double the odds (sets the size of a point).

    Returns
    -------
    pandas.DataFrame
        Columns ``applicant`` (the row label), ``rank``, ``variable``,
        ``reason``, ``value`` (the applicant's raw value), ``points_lost`` and
        ``method``; ordered by applicant, then by points lost (largest first).
        Only losses of at least :data:`MIN_REASON_POINTS` are reasons;
        applicants who lose no points on any variable have no rows. ``attrs``
        holds ``method``, ``reference`` (the method in words) and
        ``reference_score``.

    Raises
    ------
    ValueError
        ``method`` not one of :data:`REASON_METHODS`, ``top`` outside 1–4, or
        a reference that cannot be computed (see :func:`reason_reference`).

    Examples
    --------
    >>> m = PlatformModel(("utilisation", "past_overdues"), ("utilisation", "past_overdues"), (2.0, 0.5), -3.0, (0.2, 0.0))
    >>> reason_codes(m, pd.Series({"utilisation": 0.9, "past_overdues": 3}))[["rank", "variable", "points_lost", "method"]].round(1)
       rank       variable  points_lost          method
    0     1  past_overdues         43.3  all_applicants
    1     2    utilisation         40.4  all_applicants
    """
    model = _check_model(model)
    if method is not None:
        _require_method(method)
    top = as_int("top", top, low=1, high=4)
    frame = _as_frame(applicants, "applicants")
    points = reason_points(model, frame, method=method, population=population, cutoff=cutoff, band=band, reference=reference, pdo=pdo)
    lost = points.to_numpy()
    features = list(model.features)
    order = np.argsort(-lost, axis=1, kind="mergesort")[:, :top]
    rows = np.repeat(np.arange(len(frame)), order.shape[1])
    cols = order.ravel()
    values_lost = lost[rows, cols]
    keep = values_lost >= MIN_REASON_POINTS
    rows, cols, values_lost = rows[keep], cols[keep], values_lost[keep]
    names = np.asarray(features, dtype=object)[cols]
    values = np.empty(rows.size, dtype=float)
    for j, feature in enumerate(features):  # a loop over a handful of variables, not rows
        hit = cols == j
        if hit.any():
            raw = pd.to_numeric(frame[feature], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            values[hit] = raw[rows[hit]]
    table = pd.DataFrame(
        {
            "applicant": np.asarray(frame.index)[rows],
            "rank": 0,
            "variable": names,
            "reason": [REASON_TEXT[n] for n in names],
            "value": values,
            "points_lost": values_lost,
            "method": points.attrs["method"],
        }
    )
    table["rank"] = table.groupby("applicant", sort=False).cumcount() + 1
    table = table.reset_index(drop=True)
    table.attrs.update(points.attrs)
    return table


def compare_reason_methods(
    model: PlatformModel,
    applicant: pd.DataFrame | pd.Series,
    references: Sequence[ReasonReference],
    *,
    top: int = 4,
) -> pd.DataFrame:
    """One applicant's reasons under several references side by side.

    Returns
    -------
    DataFrame indexed by ``rank`` (1 to ``top``), one column per reference
    (named by its method), each cell "variable (points lost)"; empty cells
    where a method gives fewer reasons.

    Examples
    --------
    >>> m = PlatformModel(("utilisation", "past_overdues"), ("utilisation", "past_overdues"), (2.0, 0.5), -3.0, (0.2, 0.0))
    >>> pop = pd.DataFrame({"utilisation": [0.6, 0.8, 1.0], "past_overdues": [0, 2, 6]})
    >>> refs = [reason_reference(m, pop, "all_applicants"), reason_reference(m, pop, "max_points")]
    >>> compare_reason_methods(m, pd.Series({"utilisation": 0.9, "past_overdues": 3}), refs)
                      all_applicants                   max_points
    rank
    1       utilisation (5.8 points)  past_overdues (43.3 points)
    2     past_overdues (4.8 points)    utilisation (17.3 points)
    """
    model = _check_model(model)
    frame = _as_frame(applicant, "applicant")
    if len(frame) != 1:
        raise ValueError(f"applicant must be one applicant (one row); got {len(frame)} rows")
    if isinstance(references, ReasonReference) or not isinstance(references, Sequence) or len(references) == 0:
        raise TypeError("references must be a non-empty list of ReasonReference (from reason_reference)")
    top = as_int("top", top, low=1, high=4)
    columns = {}
    for ref in references:
        require_instance("references", ref, ReasonReference, "from reason_reference")
        table = reason_codes(model, frame, reference=ref, top=top)
        cells = [f"{v} ({p:.1f} points)" for v, p in zip(table["variable"], table["points_lost"])]
        columns[ref.method] = cells + [""] * (top - len(cells))
    result = pd.DataFrame(columns, index=pd.RangeIndex(1, top + 1, name="rank"))
    return result.loc[(result != "").any(axis=1)]


# ---------------------------------------------------------------------------
# Example applicants for the reason-code widget
# ---------------------------------------------------------------------------

EXAMPLE_PROFILES: dict[str, str] = {
    "Young, no credit record": "age_band == '18-24' and thin_file",
    "Business owner, no credit record": "business_owner and thin_file",
    "Many other lenders": "reported_lenders >= 4",
    "Line almost fully used": "utilisation >= 0.9",
    "Two or more past overdues": "past_overdues >= 2",
    "Low income": "income < @income_q10",
    "New to the platform, little activity": "tenure_months <= 6 and monthly_payment_volume < @volume_q25",
    "Long record, no problems": "not thin_file and past_overdues == 0 and utilisation < 0.3",
}
"""Eight illustrative profiles for :func:`example_applicants` (pandas query strings)."""


def example_applicants(applicants: pd.DataFrame, model: PlatformModel, *, cutoff: float = 570.0) -> pd.DataFrame:
    """One applicant per :data:`EXAMPLE_PROFILES` entry, preferring those declined at ``cutoff``.

    For each profile the applicant chosen is the one with the median score
    among the matching applicants declined at ``cutoff`` (or, for the "no
    problems" profile, the highest score), so the reason codes have something
    to explain.

    Returns
    -------
    DataFrame indexed by profile label, with the applicants' rows plus ``score``.
    """
    model = _check_model(model)
    require_columns("applicants", applicants, (*model.features, "thin_file", "age_band", "business_owner", "tenure_months", "monthly_payment_volume"))
    cutoff = float(_check_cutoffs("cutoff", cutoff, SCORE_RANGE)[0])
    frame = applicants.reset_index(drop=True).copy()
    frame["score"] = score_applicants(model, frame)
    env = {"income_q10": frame["income"].quantile(0.1), "volume_q25": frame["monthly_payment_volume"].quantile(0.25)}
    rows = []
    for label, query in EXAMPLE_PROFILES.items():
        matches = frame.query(query, local_dict=env)
        if matches.empty:
            continue
        if label.startswith("Long record"):
            pick = matches["score"].idxmax()
        else:
            declined = matches[matches["score"] < cutoff]
            pool = declined if not declined.empty else matches
            pick = (pool["score"] - pool["score"].median()).abs().idxmin()
        rows.append(frame.loc[pick].rename(label))
    return pd.DataFrame(rows)
