"""Chapter 1 — Credit assessment: scores, cut-offs, limits, reviews and reasons.

The module has five parts, one per page of ``book/credit-assessment/``:

* **Scaling and ranking** (``scorecard``): points-to-double-odds scaling
  (:func:`points_from_pd`, :func:`pd_from_points`), weight of evidence and
  information value written out by hand (:func:`woe_table`,
  :func:`information_value`), ranking quality (:func:`auc`, :func:`gini`,
  :func:`ks_statistic`) and a classic WOE scorecard on the real German credit
  data (:func:`fit_woe_scorecard`).
* **The platform model** (used by every later chapter): the feature sets
  :data:`PLATFORM_FEATURES` and :data:`ALTERNATIVE_DATA_FEATURES`, the
  documented transforms of :func:`design_matrix`, a logistic regression
  wrapped in the frozen :class:`PlatformModel` (:func:`fit_platform_model`,
  :func:`predict_pd`, :func:`score_applicants`).
* **Cut-offs** (``cutoffs``): :func:`approval_curve`,
  :func:`approval_by_segment`, :func:`cutoff_for_approval_rate` and the
  expected profit of a cut-off with ``EL = PD × LGD × EAD``
  (:func:`expected_profit`, :func:`tradeoff_table`).
* **Invited, but no limit** (``invited-no-limit``): a stale pre-screen and a
  fresh underwriting model (:func:`stale_snapshot`,
  :func:`two_stage_decisions`), limit assignment under caps
  (:func:`assign_limits`) and two products with separate models, funders and
  cut-offs (:func:`product_decisions`).
* **Reviews and reasons** (``reviews-and-reasons``): a month of behaviour
  (:func:`behaviour_snapshot`), a periodic limit review with a policy
  tightening (:func:`review_decisions`) and adverse-action-style reason codes
  (:func:`reason_codes`).

Every parameter that is not a cited fact (limits, multiples, margins, loss
rates, the effect of a month of behaviour) is **illustrative, not calibrated
to Ant Group**; nothing here is Ant's model. The synthetic applicants come from
:func:`lessons.data.synthetic_applicants`; the real data from
:func:`lessons.data.load_german_credit`.
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
from lessons.plotting import svg_escape, svg_figure, svg_fill, svg_hbars, svg_lines

__all__ = [
    # scaling
    "BASE_POINTS",
    "BASE_ODDS",
    "PDO",
    "SCORE_RANGE",
    "scaling_constants",
    "points_from_odds",
    "points_from_pd",
    "pd_from_points",
    # features and the platform model
    "PLATFORM_FEATURES",
    "ALTERNATIVE_DATA_FEATURES",
    "ALL_MODEL_FEATURES",
    "SEGMENT_COLUMNS",
    "PROTECTED_FEATURES",
    "FEATURE_TRANSFORMS",
    "REASON_TEXT",
    "design_columns",
    "design_matrix",
    "PlatformModel",
    "fit_platform_model",
    "log_odds",
    "predict_pd",
    "score_applicants",
    "coefficient_table",
    # ranking quality
    "auc",
    "gini",
    "ks_statistic",
    # WOE / IV
    "IV_BANDS",
    "woe_table",
    "information_value",
    "iv_band",
    "iv_summary",
    "WoeScorecard",
    "fit_woe_scorecard",
    "score_woe",
    "scorecard_points",
    "split_sample",
    "german_candidates",
    "GermanStudy",
    "german_scorecard_study",
    # cut-offs
    "approval_curve",
    "approval_by_segment",
    "cutoff_for_approval_rate",
    "cutoff_for_bad_rate",
    "CutoffStudy",
    "cutoff_study",
    "ProfitAssumptions",
    "expected_loss",
    "expected_profit",
    "tradeoff_table",
    "segment_labels",
    # limits, two stages, products
    "REGULATORY_REGIMES",
    "regulatory_cap",
    "LimitPolicy",
    "LIMIT_CAPS",
    "assign_limits",
    "PRESCREEN_FEATURES",
    "OUTCOMES",
    "stale_snapshot",
    "TwoStageSetup",
    "prepare_two_stage",
    "two_stage_decisions",
    "outcome_by_segment",
    "ProductPolicy",
    "PRODUCT_A",
    "PRODUCT_B",
    "PRODUCT_COMBINATIONS",
    "product_decisions",
    "holdings_by_segment",
    # reviews and reasons
    "REVIEW_ACTIONS",
    "behaviour_snapshot",
    "review_decisions",
    "cuts_by_segment",
    "ReviewSetup",
    "prepare_reviews",
    "reason_codes",
    "EXAMPLE_PROFILES",
    "example_applicants",
    # figures and widget functions
    "plot_woe",
    "woe_view",
    "plot_score_distributions",
    "plot_roc_ks",
    "plot_tradeoff",
    "plot_segment_approval",
    "segment_approval_table",
    "cutoff_view",
    "KEY_SEGMENTS",
    "share_by_key_segments",
    "review_table",
    "plot_outcomes",
    "two_stage_view",
    "products_view",
    "plot_review_cuts",
    "review_view",
    "plot_reason_codes",
    "reasons_view",
]

# ---------------------------------------------------------------------------
# Points-to-double-odds scaling
# ---------------------------------------------------------------------------

BASE_POINTS = 600.0
"""Score at the base odds (the common textbook default; FACTS §6)."""
BASE_ODDS = 50.0
"""Good:bad odds at the base score (50:1, i.e. PD ≈ 1.96 %)."""
PDO = 20.0
"""Points to double the odds."""
SCORE_RANGE = (300.0, 900.0)
"""The bounded scale on which every score of this chapter is reported.

Like published scores, the course's points are clipped to a fixed range. With
the default scaling the ends correspond to PD ≈ 99.85 % (300 points) and
PD ≈ 0.00006 % (900 points), so clipping touches almost nobody. Cut-offs must
lie inside this range.
"""

_PD_FLOOR = 1e-12


def scaling_constants(*, base_points: float = BASE_POINTS, base_odds: float = BASE_ODDS, pdo: float = PDO) -> tuple[float, float]:
    """Factor and offset of points-to-double-odds scaling.

    ``Score = Offset + Factor · ln(odds)``, with odds counted good:bad,
    ``Factor = PDO / ln 2`` and ``Offset = base_points − Factor · ln(base_odds)``
    (the convention of Siddiqi's *Credit Risk Scorecards* and of R's
    ``creditscore::scale_double_odds``).

    Parameters
    ----------
    base_points : float
        Score at ``base_odds`` (default 600).
    base_odds : float
        Good:bad odds at ``base_points`` (default 50, i.e. 50:1); > 0.
    pdo : float
        Points that double the odds (default 20); > 0.

    Returns
    -------
    (factor, offset) : tuple of float

    Examples
    --------
    >>> factor, offset = scaling_constants()
    >>> round(factor, 3), round(offset, 2)
    (28.854, 487.12)
    """
    base_points = as_number("base_points", base_points, low=0, high=10_000)
    base_odds = as_number("base_odds", base_odds, low=0, low_open=True, high=1e9)
    pdo = as_number("pdo", pdo, low=0, low_open=True, high=1_000)
    factor = pdo / math.log(2.0)
    offset = base_points - factor * math.log(base_odds)
    return factor, offset


def points_from_odds(
    odds: Any, *, base_points: float = BASE_POINTS, base_odds: float = BASE_ODDS, pdo: float = PDO
) -> np.ndarray | float:
    """Points for good:bad odds: ``Offset + Factor · ln(odds)``.

    Parameters
    ----------
    odds : float or array-like
        Good:bad odds (> 0); 50 means fifty goods for every bad.
    base_points, base_odds, pdo : float
        The scaling (see :func:`scaling_constants`).

    Returns
    -------
    float or numpy.ndarray (same shape as ``odds``), not clipped.

    Examples
    --------
    >>> round(points_from_odds(50), 6), round(points_from_odds(100), 6)
    (600.0, 620.0)
    """
    factor, offset = scaling_constants(base_points=base_points, base_odds=base_odds, pdo=pdo)
    scalar = np.ndim(odds) == 0
    values = as_float_array("odds", np.atleast_1d(odds), low=0)
    if (values <= 0).any():
        raise ValueError("odds must be > 0 everywhere (good:bad odds)")
    points = offset + factor * np.log(values)
    return float(points[0]) if scalar else points


def points_from_pd(
    pd_: Any, *, base_points: float = BASE_POINTS, base_odds: float = BASE_ODDS, pdo: float = PDO
) -> np.ndarray | float:
    """Points for a probability of default, via the odds ``(1 − PD) / PD``.

    A PD of exactly 0 or 1 would give infinite points; it is moved
    ``1e-12`` inside the interval first (documented, and harmless on the
    clipped :data:`SCORE_RANGE`). The result is not clipped.

    Parameters
    ----------
    pd_ : float or array-like
        Probabilities of default in [0, 1].
    base_points, base_odds, pdo : float
        The scaling (see :func:`scaling_constants`).

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(points_from_pd(1 / 51), 6)   # odds 50:1
    600.0
    >>> round(points_from_pd(1 / 101), 6)  # odds 100:1, twice as good: +PDO
    620.0
    """
    factor, offset = scaling_constants(base_points=base_points, base_odds=base_odds, pdo=pdo)
    scalar = np.ndim(pd_) == 0
    values = as_float_array("pd", np.atleast_1d(pd_), low=0.0, high=1.0)
    values = np.clip(values, _PD_FLOOR, 1.0 - _PD_FLOOR)
    points = offset + factor * (np.log1p(-values) - np.log(values))
    return float(points[0]) if scalar else points


def pd_from_points(
    points: Any, *, base_points: float = BASE_POINTS, base_odds: float = BASE_ODDS, pdo: float = PDO
) -> np.ndarray | float:
    """Probability of default at a score: the inverse of :func:`points_from_pd`.

    ``odds = exp((points − Offset) / Factor)`` and ``PD = 1 / (1 + odds)``.

    Examples
    --------
    >>> round(pd_from_points(600), 6)
    0.019608
    >>> round(pd_from_points(487.12, ), 3)   # the offset: odds 1:1
    0.5
    """
    factor, offset = scaling_constants(base_points=base_points, base_odds=base_odds, pdo=pdo)
    scalar = np.ndim(points) == 0
    values = as_float_array("points", np.atleast_1d(points))
    log_odds_good = (values - offset) / factor
    result = 1.0 / (1.0 + np.exp(np.clip(log_odds_good, -700, 700)))
    return float(result[0]) if scalar else result


# ---------------------------------------------------------------------------
# Features and the design matrix
# ---------------------------------------------------------------------------

PLATFORM_FEATURES: tuple[str, ...] = (
    "on_time_share",
    "past_overdues",
    "reported_lenders",
    "utilisation",
    "income",
)
"""Bureau-style inputs of the platform's baseline scorecard.

These are what a traditional lender sees: the repayment record in the
central-bank report (``on_time_share``, missing for a thin file and then
replaced by 0 plus a ``no_record`` indicator), past overdues, the number of
other lenders *as reported* (``reported_lenders``: before platform lines were
reported, a lender could not see all of an applicant's other lines — that is
the 多头借贷 blind spot; swap in ``other_lenders`` to see what full visibility
changes), utilisation of existing lines and income. Age band, city tier and
business-owner status are left out on purpose (see :data:`SEGMENT_COLUMNS`).
"""

ALTERNATIVE_DATA_FEATURES: tuple[str, ...] = ("monthly_payment_volume", "tenure_months")
"""Platform-behaviour inputs: what a payment platform sees and a bureau does not."""

ALL_MODEL_FEATURES: tuple[str, ...] = PLATFORM_FEATURES + ALTERNATIVE_DATA_FEATURES
"""Bureau-style plus platform-behaviour inputs (the underwriting model of the invited-no-limit page)."""

SEGMENT_COLUMNS: tuple[str, ...] = ("thin_file", "age_band", "city_tier", "business_owner")
"""Columns used to analyse who is approved, never as default model inputs.

Age and place of residence are characteristics people cannot change and
that anti-discrimination law protects in many jurisdictions (age is a
prohibited basis under the US Equal Credit Opportunity Act, with narrow
exceptions); a model that uses them can reproduce past exclusion, and a
decline "because you are 22" or "because you live in a tier-4 city" offers no
recourse. Keeping them out of the model keeps them available to *measure* the
model: Chapter 4 computes fairness metrics across exactly these segments.
"""

PROTECTED_FEATURES: tuple[str, ...] = ("age", "age_band", "city_tier", "personal_status_sex", "foreign_worker")
"""Variables that need ``allow_protected=True`` before they can enter a model."""

FEATURE_TRANSFORMS: dict[str, str] = {
    "on_time_share": "on_time_share (missing → 0) and no_record (1 when there is no repayment record)",
    "past_overdues": "past_overdues, the count as given",
    "reported_lenders": "reported_lenders, the count as given",
    "other_lenders": "other_lenders, the count as given",
    "utilisation": "utilisation, the share as given (0 to 1)",
    "income": "log_income = ln(1 + monthly income in RMB)",
    "monthly_payment_volume": "log_payment_volume = ln(1 + monthly payment volume in RMB)",
    "tenure_months": "tenure_years = tenure_months / 12",
    "business_owner": "business_owner as 0/1",
    "thin_file": "thin_file as 0/1",
    "age": "age in years",
    "age_band": "one 0/1 column per age band except 18-24",
    "city_tier": "one 0/1 column per city tier except tier 1",
}
"""How :func:`design_matrix` turns each variable into design columns."""

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

_AGE_BANDS = ("18-24", "25-34", "35-44", "45-59", "60+")
_CITY_TIERS = (1, 2, 3, 4)


def design_columns(features: Sequence[str]) -> tuple[str, ...]:
    """Names of the design columns that :func:`design_matrix` makes for ``features``.

    Examples
    --------
    >>> design_columns(["on_time_share", "income"])
    ('on_time_share', 'no_record', 'log_income')
    """
    return tuple(column for feature in _check_features(features, allow_protected=True) for column in _columns_of(feature))


def _columns_of(feature: str) -> tuple[str, ...]:
    if feature == "on_time_share":
        return ("on_time_share", "no_record")
    if feature == "income":
        return ("log_income",)
    if feature == "monthly_payment_volume":
        return ("log_payment_volume",)
    if feature == "tenure_months":
        return ("tenure_years",)
    if feature == "age_band":
        return tuple(f"age_band_{band}" for band in _AGE_BANDS[1:])
    if feature == "city_tier":
        return tuple(f"city_tier_{tier}" for tier in _CITY_TIERS[1:])
    return (feature,)


def _check_features(features: Any, *, allow_protected: bool) -> tuple[str, ...]:
    if isinstance(features, str) or not isinstance(features, Sequence) or len(features) == 0:
        raise ValueError("features must be a non-empty list of variable names, e.g. PLATFORM_FEATURES")
    checked = []
    for feature in features:
        require_one_of("features", feature, FEATURE_TRANSFORMS)
        if feature in checked:
            raise ValueError(f"features must not repeat a variable; {feature!r} appears twice")
        if feature in PROTECTED_FEATURES and not allow_protected:
            raise ValueError(
                f"features contains {feature!r}, a protected characteristic; it is kept out of models "
                "and used to analyse them (pass allow_protected=True only to study what using it would do)"
            )
        checked.append(feature)
    return tuple(checked)


def _feature_block(applicants: pd.DataFrame, feature: str) -> np.ndarray:
    """The design columns of one variable as an (n, k) float array."""
    column = applicants[feature]
    if feature == "on_time_share":
        share = as_float_array("on_time_share", column.to_numpy(dtype=float, na_value=np.nan), low=0, high=1, allow_nan=True)
        missing = np.isnan(share)
        return np.column_stack([np.where(missing, 0.0, share), missing.astype(float)])
    if feature in ("age_band", "city_tier"):
        levels = _AGE_BANDS if feature == "age_band" else _CITY_TIERS
        raw = column.to_numpy()
        if feature == "age_band":
            values = np.asarray(column.astype(str))
            unknown = ~np.isin(values, levels)
        else:
            values = as_float_array("city_tier", raw)
            unknown = ~np.isin(values, levels)
        if unknown.any():
            raise ValueError(f"{feature} must only contain {', '.join(map(str, levels))}")
        return np.column_stack([(values == level).astype(float) for level in levels[1:]])
    if feature in ("business_owner", "thin_file"):
        return as_binary_array(feature, column.to_numpy(dtype=float))[:, None].astype(float)
    values = as_float_array(feature, column.to_numpy(dtype=float), low=0)
    if feature == "utilisation" and values.max() > 1:
        raise ValueError(f"utilisation must be a share in [0, 1]; largest value is {values.max():g}")
    if feature in ("income", "monthly_payment_volume"):
        return np.log1p(values)[:, None]
    if feature == "tenure_months":
        return (values / 12.0)[:, None]
    return values[:, None]


def _design_array(applicants: pd.DataFrame, features: tuple[str, ...]) -> np.ndarray:
    require_columns("applicants", applicants, features)
    return np.hstack([_feature_block(applicants, feature) for feature in features])


def design_matrix(applicants: pd.DataFrame, features: Sequence[str] = PLATFORM_FEATURES, *, allow_protected: bool = False) -> pd.DataFrame:
    """Turn applicant variables into the numeric columns a model uses.

    The transforms (:data:`FEATURE_TRANSFORMS`) are deliberately simple so that
    every coefficient can be read: incomes and payment volumes enter as
    ``ln(1 + RMB)`` (a doubling of income counts the same at every level), a
    missing repayment record becomes ``on_time_share = 0`` plus an indicator
    ``no_record = 1`` (so the model learns a separate effect for "no record"
    instead of pretending the record is bad or average), tenure is in years,
    counts and shares enter as they are.

    Parameters
    ----------
    applicants : pandas.DataFrame
        Rows of applicants with (at least) the columns named in ``features``,
        e.g. from :func:`lessons.data.synthetic_applicants`.
    features : sequence of str
        Variable names, keys of :data:`FEATURE_TRANSFORMS`.
    allow_protected : bool
        Allow :data:`PROTECTED_FEATURES` (default False; see :data:`SEGMENT_COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        One float column per design column, same index as ``applicants``.

    Raises
    ------
    ValueError
        Unknown variable names (``features``), missing columns
        (``applicants``), negative incomes or counts, shares outside [0, 1].

    Examples
    --------
    >>> toy = pd.DataFrame({"on_time_share": [0.9, None], "income": [0.0, 4999.0]})
    >>> design_matrix(toy, ["on_time_share", "income"]).round(3)
       on_time_share  no_record  log_income
    0            0.9        0.0       0.000
    1            0.0        1.0       8.517
    """
    features = _check_features(features, allow_protected=allow_protected)
    array = _design_array(applicants, features)
    return pd.DataFrame(array, columns=list(design_columns(features)), index=applicants.index)


@dataclass(frozen=True)
class PlatformModel:
    """A fitted logistic-regression credit model, frozen so it can be shared safely.

    ``ln(PD / (1 − PD)) = intercept + Σ coefficients[c] · x[c]`` over the
    design columns ``columns`` of the variables ``features``.

    Attributes
    ----------
    features : tuple of str
        Variables the model uses (keys of :data:`FEATURE_TRANSFORMS`).
    columns : tuple of str
        Design columns, in the order of ``coefficients``.
    coefficients : tuple of float
        One log-odds coefficient per design column (positive = riskier).
    intercept : float
        Log-odds intercept.
    reference : tuple of float
        A typical applicant from the safer half of the training population
        (column medians), the default reference of :func:`reason_codes`.
    allow_protected : bool
        Whether protected variables were allowed when fitting.
    """

    features: tuple[str, ...]
    columns: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    reference: tuple[float, ...]
    allow_protected: bool = False

    @property
    def coef(self) -> np.ndarray:
        """The coefficients as an array."""
        return np.asarray(self.coefficients, dtype=float)

    def feature_of_column(self) -> tuple[str, ...]:
        """For each design column, the variable it comes from."""
        return tuple(feature for feature in self.features for _ in _columns_of(feature))


def fit_platform_model(
    applicants: pd.DataFrame,
    features: Sequence[str] = PLATFORM_FEATURES,
    *,
    target: str = "default",
    C: float = 10.0,
    allow_protected: bool = False,
) -> PlatformModel:
    """Fit a logistic regression of default on the design columns of ``features``.

    The design columns are standardised for fitting (which makes the solver
    converge and the mild L2 penalty ``C`` fair across columns), and the
    coefficients are converted back to the raw design scale, so the model
    needs no scaler when scoring.

    Parameters
    ----------
    applicants : pandas.DataFrame
        Training rows with the feature columns and ``target``.
    features : sequence of str
        Variables (default :data:`PLATFORM_FEATURES`).
    target : str
        0/1 outcome column (1 = default).
    C : float
        Inverse L2 penalty of scikit-learn's ``LogisticRegression`` (> 0).
    allow_protected : bool
        See :func:`design_matrix`.

    Returns
    -------
    PlatformModel

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> toy = pd.DataFrame({"utilisation": rng.uniform(0, 1, 2000)})
    >>> toy["default"] = (rng.uniform(size=2000) < 0.02 + 0.2 * toy["utilisation"]).astype(int)
    >>> model = fit_platform_model(toy, ["utilisation"])
    >>> model.columns, model.coefficients[0] > 0
    (('utilisation',), True)
    """
    from sklearn.linear_model import LogisticRegression

    features = _check_features(features, allow_protected=allow_protected)
    require_columns("applicants", applicants, (*features, target))
    C = as_number("C", C, low=0, low_open=True)
    y = as_binary_array(target, applicants[target].to_numpy(dtype=float))
    if y.min() == y.max():
        raise ValueError(f"{target} must contain both 0 and 1 to fit a model")
    x = _design_array(applicants, features)
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    fitted = LogisticRegression(C=C, solver="newton-cholesky", max_iter=200).fit((x - mean) / std, y)
    coef = fitted.coef_[0] / std
    intercept = float(fitted.intercept_[0] - np.sum(coef * mean))
    eta = intercept + x @ coef
    safer = eta <= np.median(eta)
    reference = np.median(x[safer], axis=0)
    return PlatformModel(
        features=features,
        columns=design_columns(features),
        coefficients=tuple(float(c) for c in coef),
        intercept=intercept,
        reference=tuple(float(r) for r in reference),
        allow_protected=allow_protected,
    )


def _check_model(model: Any) -> PlatformModel:
    if not isinstance(model, PlatformModel):
        raise TypeError(f"model must be a PlatformModel (from fit_platform_model); got {type(model).__name__}")
    return model


def log_odds(model: PlatformModel, applicants: pd.DataFrame) -> np.ndarray:
    """Log-odds of default ``intercept + X·β`` for each applicant.

    Examples
    --------
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> log_odds(m, pd.DataFrame({"utilisation": [0.0, 0.5]})).tolist()
    [-3.0, -2.0]
    """
    model = _check_model(model)
    return model.intercept + _design_array(applicants, model.features) @ model.coef


def predict_pd(model: PlatformModel, applicants: pd.DataFrame) -> np.ndarray:
    """Probability of default of each applicant under ``model``.

    Examples
    --------
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> predict_pd(m, pd.DataFrame({"utilisation": [0.0, 1.0]})).round(4)
    array([0.0474, 0.2689])
    """
    from scipy.special import expit

    return expit(log_odds(model, applicants))


def score_applicants(
    model: PlatformModel,
    applicants: pd.DataFrame,
    *,
    base_points: float = BASE_POINTS,
    base_odds: float = BASE_ODDS,
    pdo: float = PDO,
    clip: bool = True,
) -> np.ndarray:
    """Scores in points (higher = safer): ``Offset − Factor · log-odds of default``.

    Because ``ln(odds good:bad) = −ln(PD / (1 − PD))``, the score is a linear
    function of the model's log-odds, and each design column contributes
    ``−Factor · β_c · x_c`` points — the basis of :func:`reason_codes`.

    Parameters
    ----------
    model : PlatformModel
    applicants : pandas.DataFrame
    base_points, base_odds, pdo : float
        Scaling (default 600 points at 50:1, 20 points to double the odds).
    clip : bool
        Clip to :data:`SCORE_RANGE` (default True).

    Returns
    -------
    numpy.ndarray of float

    Examples
    --------
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> score_applicants(m, pd.DataFrame({"utilisation": [0.0, 1.0]})).round(1)
    array([573.7, 516. ])
    """
    factor, offset = scaling_constants(base_points=base_points, base_odds=base_odds, pdo=pdo)
    points = offset - factor * log_odds(model, applicants)
    if clip:
        points = np.clip(points, *SCORE_RANGE)
    return points


def coefficient_table(model: PlatformModel, *, pdo: float = PDO) -> pd.DataFrame:
    """The model's coefficients with their meaning in points.

    Columns: ``variable``, ``column``, ``coefficient`` (log-odds of default per
    unit), ``points_per_unit`` (``−Factor · coefficient``: points gained per
    unit of the design column), ``transform``.

    Examples
    --------
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> coefficient_table(m)[["column", "points_per_unit"]].round(2)
            column  points_per_unit
    0  utilisation           -57.71
    """
    model = _check_model(model)
    factor, _ = scaling_constants(pdo=pdo)
    return pd.DataFrame(
        {
            "variable": model.feature_of_column(),
            "column": model.columns,
            "coefficient": model.coef,
            "points_per_unit": -factor * model.coef,
            "transform": [FEATURE_TRANSFORMS[f] for f in model.feature_of_column()],
        }
    )


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
    "siddiqi": ((0.03, "not predictive"), (0.1, "somewhat predictive"), (0.3, "medium"), (math.inf, "highly predictive")),
    "scorecard": ((0.02, "useless"), (0.1, "weak"), (0.3, "medium"), (math.inf, "strong")),
    "smile": ((0.02, "useless"), (0.1, "weak"), (0.3, "medium"), (0.5, "strong"), (math.inf, "suspicious (check for leakage)")),
}
"""Rule-of-thumb IV bands; several versions are published (FACTS §6).

``siddiqi``: SmartEDA's bands attributed to Siddiqi (2006); ``scorecard``:
R package *scorecard*; ``smile``: the Smile (Java) library. Each entry is
(upper bound, label).
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
        else:
            lookup = dict(zip(self.values, self.groups))
            codes = values.map(lookup).to_numpy(dtype=float, na_value=-1).astype(int)
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
    if isinstance(values, (str, bytes)) or values is None:
        raise TypeError("values must be a list, array or Series of the variable's values")
    series = values.reset_index(drop=True) if isinstance(values, pd.Series) else pd.Series(list(values) if not isinstance(values, np.ndarray) else values)
    defaults = as_binary_array("defaults", defaults, min_size=2)
    require_same_length("values", series, "defaults", defaults)
    if defaults.min() == defaults.max():
        raise ValueError("defaults must contain both goods (0) and bads (1)")
    return series, defaults, bins


def woe_table(values: Any, defaults: Any, bins: int = 5, *, adjustment: float = 0.5) -> pd.DataFrame:
    """Weight of evidence and information value, bin by bin.

    Convention (FACTS §6; some packages invert the sign):
    ``WOE_i = ln(%good_i / %bad_i)`` where ``%good_i`` is the share of all
    goods that fall in bin ``i``; positive WOE = safer than average.
    ``IV_i = (%good_i − %bad_i) · WOE_i`` and ``IV = Σ IV_i``; every ``IV_i``
    is >= 0, so IV >= 0.

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


def iv_band(iv: float, convention: str = "siddiqi") -> str:
    """The rule-of-thumb label of an information value (:data:`IV_BANDS`).

    Examples
    --------
    >>> iv_band(0.05), iv_band(0.05, "scorecard"), iv_band(0.6, "smile")
    ('somewhat predictive', 'weak', 'suspicious (check for leakage)')
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
    if isinstance(features, str) or len(features) == 0:
        raise ValueError("features must be a non-empty list of column names")
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

    require_columns("frame", frame, (target,))
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

    if isinstance(features, str) or len(features) == 0:
        raise ValueError("features must be a non-empty list of column names")
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


def scorecard_points(card: WoeScorecard) -> pd.DataFrame:
    """The scorecard as a table: one row per variable and bin, with its WOE and points.

    Columns ``variable, bin, woe, points``.
    

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> toy = pd.DataFrame({"x": rng.normal(size=400)})
    >>> toy["default"] = (rng.uniform(size=400) < 1 / (1 + np.exp(2 + toy["x"]))).astype(int)
    >>> scorecard_points(fit_woe_scorecard(toy, ["x"], bins=3)).columns.tolist()
    ['variable', 'bin', 'woe', 'points']
    """
    rows = [
        {"variable": feature, "bin": label, "woe": woe, "points": points}
        for feature, binning, woes, pts in zip(card.features, card.binnings, card.woe, card.points)
        for label, woe, points in zip(binning.labels, woes, pts)
    ]
    return pd.DataFrame(rows)


_CANDIDATE_PATTERNS = ("checking", "duration", "history", "purpose", "saving", "amount")


def german_candidates(features: Sequence[str] | None = None) -> tuple[str, ...]:
    """Six German-credit variables offered by the scorecard page's WOE widget.

    The status of the checking account, the duration, the credit history, the
    purpose, savings and the credit amount: a mix of categorical and numeric
    variables, strong and weak. Found by name among ``features`` (default
    :data:`lessons.data.GERMAN_FEATURES`), never a protected attribute.
    

    Examples
    --------
    >>> german_candidates(["checking_status", "duration_months", "credit_history", "purpose",
    ...                    "savings", "credit_amount", "foreign_worker"])
    ('checking_status', 'duration_months', 'credit_history', 'purpose', 'savings', 'credit_amount')
    """
    if features is None:
        from lessons.data import GERMAN_FEATURES as features  # noqa: N811
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
    iv : DataFrame — :func:`iv_summary` of ``features`` on the training sample
    card : WoeScorecard — fitted on the variables with IV >= ``min_iv``
    train_scores, test_scores : numpy arrays
    """

    data: pd.DataFrame = field(repr=False)
    train: pd.DataFrame = field(repr=False)
    test: pd.DataFrame = field(repr=False)
    features: tuple[str, ...]
    iv: pd.DataFrame = field(repr=False)
    card: WoeScorecard = field(repr=False)
    train_scores: np.ndarray = field(repr=False)
    test_scores: np.ndarray = field(repr=False)


def german_scorecard_study(
    *, bins: int = 5, seed: Any = 2020, min_iv: float = 0.02, test_share: float = 0.3, exclude: Sequence[str] = ("age",)
) -> GermanStudy:
    """Build the scorecard of the scorecard page on the real German credit data.

    Loads :func:`lessons.data.load_german_credit`, drops the protected
    attributes and the variables in ``exclude`` (by default the applicant's
    age, kept out for the same reason as in the platform model: see
    :data:`SEGMENT_COLUMNS`), splits 70/30 (stratified, seeded), ranks every variable by IV
    on the training sample, fits :func:`fit_woe_scorecard` on those with IV
    >= ``min_iv`` (the "useless" band of R's *scorecard* ends at 0.02) and
    scores both samples.
    """
    from lessons.data import GERMAN_FEATURES, load_german_credit

    min_iv = as_number("min_iv", min_iv, low=0, high=1)
    data = load_german_credit()
    protected = set(_german_protected())
    features = tuple(f for f in GERMAN_FEATURES if f not in protected and f not in set(exclude))
    train, test = split_sample(data, test_share=test_share, seed=seed)
    train, test = train.reset_index(drop=True), test.reset_index(drop=True)
    iv = iv_summary(train, features, bins=bins)
    selected = tuple(iv.loc[iv["iv"] >= min_iv, "variable"])
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
    )


# ---------------------------------------------------------------------------
# Cut-offs
# ---------------------------------------------------------------------------


def _check_cutoffs(name: str, cutoffs: Any, score_range: tuple[float, float]) -> np.ndarray:
    values = as_float_array(name, np.atleast_1d(cutoffs))
    low, high = score_range
    if values.min() < low or values.max() > high:
        raise ValueError(f"{name} must lie in the score range [{low:g}, {high:g}]; got {values.min():g} to {values.max():g}")
    return values


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
        Allowed cut-offs (default :data:`SCORE_RANGE`).

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
    values = _check_cutoffs("cutoffs", raw_cutoffs, score_range)
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
    labels = pd.Series(np.asarray(segments, dtype=object) if not isinstance(segments, pd.Series) else segments.to_numpy(dtype=object))
    require_same_length("scores", scores, "segments", labels)
    if labels.isna().any():
        raise ValueError("segments must not contain missing labels")
    cutoff = float(_check_cutoffs("cutoff", cutoff, score_range)[0])
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


@dataclass(frozen=True)
class CutoffStudy:
    """The cut-offs page's model and scored hold-out sample, computed once.

    Attributes
    ----------
    model : PlatformModel — fitted on the training half with ``features``
    test : DataFrame — the hold-out half of the applicants
    scores, pds : numpy arrays — the hold-out scores and PDs
    segments : DataFrame — readable :data:`SEGMENT_COLUMNS` labels of the hold-out half
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
        Cost of funds per year (illustrative 0.04).
    lgd : float
        Loss given default, share of the exposure lost (illustrative 0.85 for
        unsecured consumer credit).
    """

    ead: float = 5_000.0
    annual_rate: float = 0.15
    funding_rate: float = 0.04
    lgd: float = 0.85

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
        """PD at which a line's expected profit is zero: ``margin / (margin + LGD)``."""
        return self.margin / (self.margin + self.lgd) if self.margin + self.lgd > 0 else 0.0


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
    """Expected one-year profit of a line: interest margin on a performing balance minus expected loss.

    ``profit = (1 − PD) · EAD · (annual_rate − funding_rate) − PD · LGD · EAD``.
    A simplified, illustrative formula (no fees, operating costs or
    capital charge); the default parameters are **illustrative, not
    calibrated to Ant Group**.

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
    >>> round(expected_profit(0.02), 2)   # 0.98·5000·0.11 − 0.02·0.85·5000
    454.0
    >>> round(expected_profit(ProfitAssumptions().breakeven_pd), 9)
    0.0
    """
    if not isinstance(assumptions, ProfitAssumptions):
        raise TypeError("assumptions must be a ProfitAssumptions")
    scalar = np.ndim(pd_) == 0
    p = as_float_array("pd", np.atleast_1d(pd_), low=0, high=1)
    a = assumptions
    profit = (1 - p) * a.ead * a.margin - p * a.lgd * a.ead
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
    0     550            0.7       0.0            270.7
    1     650            0.3       0.0            167.3
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


# ---------------------------------------------------------------------------
# Reason codes
# ---------------------------------------------------------------------------


def _reference_vector(model: PlatformModel, reference: Any) -> np.ndarray:
    if reference is None:
        return np.asarray(model.reference, dtype=float)
    if isinstance(reference, pd.Series):
        reference = reference.to_frame().T
    if isinstance(reference, Mapping):
        reference = pd.DataFrame([dict(reference)])
    if isinstance(reference, pd.DataFrame):
        if len(reference) != 1:
            raise ValueError(f"reference must be one applicant (one row); got {len(reference)} rows")
        return _design_array(reference.reset_index(drop=True), model.features)[0]
    raise TypeError("reference must be None, a Series, a mapping or a one-row DataFrame of raw variables")


def reason_codes(
    model: PlatformModel,
    applicants: pd.DataFrame | pd.Series,
    *,
    reference: Any = None,
    top: int = 4,
    pdo: float = PDO,
) -> pd.DataFrame:
    """The variables that cost each applicant the most points versus a reference applicant.

    Each design column contributes ``−Factor · β_c · x_c`` points to the score
    (:func:`score_applicants`), so the points an applicant *loses* on variable
    ``j`` compared with a reference applicant are
    ``Factor · Σ_{c in j} β_c · (x_c − ref_c)``. Reasons are the variables with
    the largest positive loss, at most ``top`` (adverse-action notices in the
    US give the principal reasons; more than four is "not likely to be
    helpful" according to the Regulation B commentary, FACTS §6).

    Parameters
    ----------
    model : PlatformModel
    applicants : DataFrame or Series
        One applicant (a Series or a one-row frame) or several.
    reference : None, Series, mapping or one-row DataFrame
        The comparison applicant, in raw variables; default ``model.reference``
        (a typical applicant from the safer half of the training population).
    top : int
        Largest number of reasons per applicant (1 to 4).
    pdo : float
        Points to double the odds (sets the size of a point).

    Returns
    -------
    pandas.DataFrame
        Columns ``applicant`` (the row label), ``rank``, ``variable``,
        ``reason``, ``value`` (the applicant's raw value), ``points_lost``;
        ordered by applicant, then by points lost (largest first). Applicants
        who lose no points on any variable have no rows.

    Examples
    --------
    >>> m = PlatformModel(("utilisation", "past_overdues"), ("utilisation", "past_overdues"), (2.0, 0.5), -3.0, (0.2, 0.0))
    >>> reason_codes(m, pd.Series({"utilisation": 0.9, "past_overdues": 3}))[["rank", "variable", "points_lost"]].round(1)
       rank       variable  points_lost
    0     1  past_overdues         43.3
    1     2    utilisation         40.4
    """
    model = _check_model(model)
    top = as_int("top", top, low=1, high=4)
    factor, _ = scaling_constants(pdo=pdo)
    if isinstance(applicants, pd.Series):
        applicants = applicants.to_frame().T.infer_objects()
        applicants.index = [0]
    x = _design_array(applicants, model.features)
    ref = _reference_vector(model, reference)
    lost_by_column = factor * (x - ref) * model.coef
    owners = np.asarray(model.feature_of_column())
    features = list(model.features)
    lost = np.column_stack([lost_by_column[:, owners == feature].sum(axis=1) for feature in features])
    order = np.argsort(-lost, axis=1, kind="mergesort")[:, :top]
    rows = np.repeat(np.arange(len(applicants)), order.shape[1])
    cols = order.ravel()
    points = lost[rows, cols]
    keep = points > 1e-9
    rows, cols, points = rows[keep], cols[keep], points[keep]
    names = np.asarray(features, dtype=object)[cols]
    values = np.empty(rows.size, dtype=float)
    for j, feature in enumerate(features):  # a loop over a handful of variables, not rows
        hit = cols == j
        if hit.any():
            raw = pd.to_numeric(applicants[feature], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            values[hit] = raw[rows[hit]]
    table = pd.DataFrame(
        {
            "applicant": np.asarray(applicants.index)[rows],
            "rank": 0,
            "variable": names,
            "reason": [REASON_TEXT[n] for n in names],
            "value": values,
            "points_lost": points,
        }
    )
    table["rank"] = table.groupby("applicant", sort=False).cumcount() + 1
    return table.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Limits: income multiple, total-debt cap, regulatory cap, product bounds
# ---------------------------------------------------------------------------

REGULATORY_REGIMES: dict[str, str] = {
    "bank_internet_loan_2020": "min(RMB 200,000) per borrower: CBIRC Order 2020 No. 9 (internet consumer loans of commercial banks)",
    "microlending_draft_2020": "min(RMB 300,000, 1/3 of annual income): draft online-microlending measures, Nov 2020, Art. 13",
    "none": "no regulatory cap (for comparison only)",
}
"""Per-borrower regulatory caps the limit model knows (FACTS §2 items 4 and 7).

The 2020 draft uses the borrower's average annual income over the last three
years; the model has one income figure, so it uses ``12 × monthly income``.
The draft was never finalised in this form.
"""


def regulatory_cap(annual_income: Any, regime: str = "bank_internet_loan_2020") -> np.ndarray:
    """Largest credit line a regulation allows one borrower (see :data:`REGULATORY_REGIMES`).

    Examples
    --------
    >>> regulatory_cap([120_000, 1_200_000]).tolist()
    [200000.0, 200000.0]
    >>> regulatory_cap([120_000, 1_200_000], "microlending_draft_2020").tolist()
    [40000.0, 300000.0]
    """
    income = as_float_array("annual_income", np.atleast_1d(annual_income), low=0)
    require_one_of("regime", regime, REGULATORY_REGIMES)
    if regime == "bank_internet_loan_2020":
        return np.full(income.shape, 200_000.0)
    if regime == "microlending_draft_2020":
        return np.minimum(300_000.0, income / 3.0)
    return np.full(income.shape, np.inf)


@dataclass(frozen=True)
class LimitPolicy:
    """How a lender turns an approved score into a credit limit. **Illustrative, not calibrated to Ant Group.**

    ``limit = min(income multiple × monthly income, total-debt room,
    regulatory cap, product maximum)``, rounded down to ``rounding`` yuan; a
    result below ``product_min`` is no limit at all (0).

    Attributes
    ----------
    multiple_at_cutoff, multiple_at_top : float
        Multiple of monthly income granted at the cut-off and at
        ``points_to_top`` points above it (linear in between, flat beyond).
        Illustrative 0.2 and 3.
    points_to_top : float
        Points above the cut-off at which the top multiple is reached (illustrative 80).
    debt_to_income_cap : float
        Total unsecured debt allowed, as a share of annual income (illustrative 0.3).
    balance_per_lender : float
        Balance assumed for each other active lender, RMB (illustrative 10,000).
    regime : str
        Key of :data:`REGULATORY_REGIMES` (default the RMB 200,000 bank rule).
    product_min, product_max : float
        Smallest and largest line the product offers, RMB (illustrative 1,000 and 50,000).
    rounding : float
        Limits are rounded down to a multiple of this (RMB 100).
    """

    multiple_at_cutoff: float = 0.2
    multiple_at_top: float = 3.0
    points_to_top: float = 80.0
    debt_to_income_cap: float = 0.3
    balance_per_lender: float = 10_000.0
    regime: str = "bank_internet_loan_2020"
    product_min: float = 1_000.0
    product_max: float = 50_000.0
    rounding: float = 100.0

    def __post_init__(self) -> None:
        as_number("multiple_at_cutoff", self.multiple_at_cutoff, low=0, high=100)
        as_number("multiple_at_top", self.multiple_at_top, low=self.multiple_at_cutoff, high=100)
        as_number("points_to_top", self.points_to_top, low=0, low_open=True, high=600)
        as_number("debt_to_income_cap", self.debt_to_income_cap, low=0, high=10)
        as_number("balance_per_lender", self.balance_per_lender, low=0)
        require_one_of("regime", self.regime, REGULATORY_REGIMES)
        as_number("product_min", self.product_min, low=0)
        as_number("product_max", self.product_max, low=self.product_min)
        as_number("rounding", self.rounding, low=1, high=100_000)


LIMIT_CAPS = ("income_multiple", "debt_room", "regulatory", "product_max")


def assign_limits(
    scores: Any,
    monthly_income: Any,
    other_lenders: Any,
    cutoff: float,
    policy: LimitPolicy = LimitPolicy(),
) -> pd.DataFrame:
    """Credit limits of approved applicants, with every cap shown.

    Parameters
    ----------
    scores : array-like
        Underwriting scores; approved when ``score >= cutoff``.
    monthly_income : array-like
        Monthly income, RMB, >= 0.
    other_lenders : array-like
        Number of other active lenders the underwriter sees (>= 0); each is
        assumed to carry ``policy.balance_per_lender`` of debt.
    cutoff : float
        Underwriting cut-off, inside :data:`SCORE_RANGE`.
    policy : LimitPolicy

    Returns
    -------
    pandas.DataFrame
        ``approved``, the four caps (``cap_income_multiple``, ``cap_debt_room``,
        ``cap_regulatory``, ``cap_product_max``), ``binding`` (the smallest
        cap), ``limit`` (0 when declined or below the product minimum) and
        ``no_limit`` (approved, but the limit fell below the product minimum).

    Examples
    --------
    >>> assign_limits([650, 560, 520], [8000, 3000, 9000], [0, 2, 0], 540)[["binding", "limit", "no_limit"]]
               binding    limit  no_limit
    0  income_multiple  24000.0     False
    1        debt_room      0.0      True
    2         declined      0.0     False
    """
    if not isinstance(policy, LimitPolicy):
        raise TypeError("policy must be a LimitPolicy")
    scores = as_float_array("scores", scores)
    income = as_float_array("monthly_income", monthly_income, low=0)
    lenders = as_float_array("other_lenders", other_lenders, low=0)
    require_same_length("scores", scores, "monthly_income", income)
    require_same_length("scores", scores, "other_lenders", lenders)
    cutoff = float(_check_cutoffs("cutoff", cutoff, SCORE_RANGE)[0])
    p = policy
    approved = scores >= cutoff
    progress = np.clip((scores - cutoff) / p.points_to_top, 0.0, 1.0)
    multiple = p.multiple_at_cutoff + (p.multiple_at_top - p.multiple_at_cutoff) * progress
    caps = np.column_stack(
        [
            multiple * income,
            np.maximum(0.0, p.debt_to_income_cap * 12 * income - lenders * p.balance_per_lender),
            regulatory_cap(12 * income, p.regime),
            np.full(scores.shape, p.product_max),
        ]
    )
    raw = caps.min(axis=1)
    rounded = np.floor(raw / p.rounding) * p.rounding
    below_min = approved & (rounded < p.product_min)
    limit = np.where(approved & ~below_min, rounded, 0.0)
    binding = np.asarray(LIMIT_CAPS, dtype=object)[caps.argmin(axis=1)]
    binding = np.where(approved, binding, "declined")
    table = pd.DataFrame({"approved": approved})
    for name, column in zip(LIMIT_CAPS, caps.T):
        table[f"cap_{name}"] = column
    table["binding"] = binding
    table["limit"] = limit
    table["no_limit"] = below_min
    return table


# ---------------------------------------------------------------------------
# Invited, but no limit: a stale pre-screen and fresh underwriting
# ---------------------------------------------------------------------------

PRESCREEN_FEATURES: tuple[str, ...] = ("on_time_share", "reported_lenders", "income", "monthly_payment_volume", "tenure_months")
"""The lighter pre-screen model: no utilisation, no overdue count, and run on stale data."""

OUTCOMES = ("not invited", "invited, declined", "invited, limit below minimum", "limit granted")
"""What an applicant experiences in the two-stage process, in order."""


def stale_snapshot(applicants: pd.DataFrame, *, months: int = 6, seed: Any = 7) -> pd.DataFrame:
    """What the applicants' data looked like ``months`` ago (for a pre-screen run on old data).

    Recent events are removed from today's data: some of today's other
    lenders were added recently, utilisation was lower and some overdues had
    not yet happened. Riskier applicants (higher ``pd_true``) are more likely
    to have had such recent events — which is exactly why an old snapshot
    flatters them. The rates are **illustrative, not calibrated to Ant
    Group**: within ``months`` months, each other lender is recent with
    probability ``min(0.9, months/24 + pd_true)``, each overdue with
    probability ``months/24``, and utilisation was lower by a uniform draw on
    ``[0, (months/24)·(1 + 4·pd_true)]``.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants` (needs ``pd_true``).
    months : int
        Age of the snapshot, 0 to 24 months.
    seed : int or Generator

    Returns
    -------
    DataFrame, same rows and columns, older values.
    

    Examples
    --------
    >>> toy = pd.DataFrame({"other_lenders": [3, 3], "reported_lenders": [2, 2], "past_overdues": [1, 1],
    ...                     "utilisation": [0.8, 0.8], "pd_true": [0.01, 0.5]})
    >>> old = stale_snapshot(toy, months=6, seed=1)
    >>> bool((old["other_lenders"] <= toy["other_lenders"]).all() and (old["utilisation"] <= 0.8).all())
    True
    """
    columns = ("other_lenders", "reported_lenders", "past_overdues", "utilisation", "pd_true")
    require_columns("applicants", applicants, columns)
    months = as_int("months", months, low=0, high=24)
    rng = as_rng("seed", seed)
    old = applicants.copy()
    n = len(old)
    pd_true = as_float_array("pd_true", old["pd_true"].to_numpy(dtype=float), low=0, high=1)
    other = old["other_lenders"].to_numpy(dtype=int)
    reported = old["reported_lenders"].to_numpy(dtype=int)
    p_recent = np.minimum(0.9, months / 24 + pd_true) if months else np.zeros(n)
    recent = rng.binomial(other, p_recent)
    old["other_lenders"] = other - recent
    old["reported_lenders"] = np.maximum(0, reported - recent)
    overdues = old["past_overdues"].to_numpy(dtype=int)
    old["past_overdues"] = overdues - rng.binomial(overdues, months / 24)
    drift = rng.uniform(0.0, 1.0, n) * (months / 24) * (1 + 4 * pd_true)
    old["utilisation"] = np.clip(old["utilisation"].to_numpy(dtype=float) - drift, 0.0, 1.0)
    return old


@dataclass(frozen=True)
class TwoStageSetup:
    """Everything the two-stage pages need, computed once (models and scores).

    Attributes
    ----------
    prescreen_model : PlatformModel — fitted on the stale snapshot with :data:`PRESCREEN_FEATURES`.
    underwriting_model : PlatformModel — fitted on fresh data with :data:`ALL_MODEL_FEATURES`.
    bank_model : PlatformModel — a partner bank's model on :data:`PLATFORM_FEATURES` only (product B).
    prescreen_scores, underwriting_scores, bank_scores : numpy arrays
    monthly_income, reported_lenders : numpy arrays
    segments : DataFrame — the :data:`SEGMENT_COLUMNS` plus ``default``, as readable labels
    """

    prescreen_model: PlatformModel
    underwriting_model: PlatformModel
    bank_model: PlatformModel
    prescreen_scores: np.ndarray = field(repr=False)
    underwriting_scores: np.ndarray = field(repr=False)
    bank_scores: np.ndarray = field(repr=False)
    monthly_income: np.ndarray = field(repr=False)
    reported_lenders: np.ndarray = field(repr=False)
    segments: pd.DataFrame = field(repr=False)
    defaults: np.ndarray = field(repr=False)


def _segment_frame(applicants: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(index=applicants.index)
    for segment in SEGMENT_COLUMNS:
        frame[segment] = segment_labels(applicants, segment)
    frame["all"] = "all applicants"
    return frame.reset_index(drop=True)


KEY_SEGMENTS: tuple[tuple[str, str | None, str | None], ...] = (
    ("all applicants", None, None),
    ("thin file", "thin_file", "thin file"),
    ("has a record", "thin_file", "has a record"),
    ("age 18-24", "age_band", "age 18-24"),
    ("age 60+", "age_band", "age 60+"),
    ("business owner", "business_owner", "business owner"),
    ("tier-1 city", "city_tier", "tier 1"),
    ("tier-4+ city", "city_tier", "tier 4+"),
)
"""Rows shown by the outcome and review figures: (label, segment column, value)."""


def share_by_key_segments(values: Any, segments: pd.DataFrame, categories: Sequence[str], *, among: Any = None) -> pd.DataFrame:
    """Share of each category of ``values`` within each of the :data:`KEY_SEGMENTS`.

    ``among`` (a boolean array) restricts the count to some applicants (e.g.
    those who hold a line). Rows are the key segments, columns the categories.

    Examples
    --------
    >>> seg = pd.DataFrame({"thin_file": ["thin file", "has a record"], "age_band": ["age 18-24", "age 35-44"],
    ...     "business_owner": ["business owner", "employee / other"], "city_tier": ["tier 1", "tier 2"]})
    >>> share_by_key_segments(np.array(["yes", "no"]), seg, ["yes", "no"]).loc["thin file"].tolist()  # yes, no, n
    [1.0, 0.0, 1.0]
    """
    values = np.asarray(values, dtype=object)
    require_same_length("values", values, "segments", segments)
    require_columns("segments", segments, [c for _, c, _ in KEY_SEGMENTS if c is not None])
    among = np.ones(len(values), dtype=bool) if among is None else np.asarray(among, dtype=bool)
    rows = {}
    for label, column, value in KEY_SEGMENTS:
        mask = among if column is None else among & (segments[column].to_numpy() == value)
        n = int(mask.sum())
        rows[label] = [float(np.sum(values[mask] == c)) / n if n else np.nan for c in categories] + [n]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=[*categories, "n"])
    table["n"] = table["n"].astype(int)
    return table


def prepare_two_stage(applicants: pd.DataFrame, *, stale_months: int = 6, seed: Any = 7) -> TwoStageSetup:
    """Fit the pre-screen, underwriting and bank models and score everybody once.

    The pre-screen model is fitted and applied on :func:`stale_snapshot` data
    (what the platform had when it decided whom to show the entry point);
    underwriting uses today's data and more variables; the bank model of
    product B sees only bureau-style variables. All three are illustrative
    models of this course, not Ant's.
    """
    old = stale_snapshot(applicants, months=stale_months, seed=seed)
    pre = fit_platform_model(old, PRESCREEN_FEATURES)
    under = fit_platform_model(applicants, ALL_MODEL_FEATURES)
    bank = fit_platform_model(applicants, PLATFORM_FEATURES)
    return TwoStageSetup(
        prescreen_model=pre,
        underwriting_model=under,
        bank_model=bank,
        prescreen_scores=score_applicants(pre, old),
        underwriting_scores=score_applicants(under, applicants),
        bank_scores=score_applicants(bank, applicants),
        monthly_income=applicants["income"].to_numpy(dtype=float),
        reported_lenders=applicants["reported_lenders"].to_numpy(dtype=float),
        segments=_segment_frame(applicants),
        defaults=applicants["default"].to_numpy(dtype=int),
    )


def two_stage_decisions(
    setup: TwoStageSetup,
    prescreen_cutoff: float,
    underwriting_cutoff: float,
    policy: LimitPolicy = LimitPolicy(),
) -> pd.DataFrame:
    """Who is invited, who is approved, and what limit they get.

    Stage 1: the pre-screen score (stale data) ``>= prescreen_cutoff`` shows
    the entry point ("invited"). Stage 2: an invited applicant who applies is
    scored again with fresh data; ``>= underwriting_cutoff`` is approved and
    :func:`assign_limits` sets the limit, where a limit below the product
    minimum means no limit. Everyone invited is assumed to apply.

    Returns
    -------
    DataFrame with ``invited``, ``approved``, ``limit``, ``binding`` and
    ``outcome`` (one of :data:`OUTCOMES`), one row per applicant.

    Examples
    --------
    >>> setup = TwoStageSetup(None, None, None, np.array([600., 600., 500.]), np.array([620., 540., 650.]),
    ...     None, np.array([9000., 9000., 9000.]), np.array([0., 0., 0.]), None, None)
    >>> two_stage_decisions(setup, 550, 560)["outcome"].tolist()
    ['limit granted', 'invited, declined', 'not invited']
    """
    prescreen_cutoff = float(_check_cutoffs("prescreen_cutoff", prescreen_cutoff, SCORE_RANGE)[0])
    invited = setup.prescreen_scores >= prescreen_cutoff
    limits = assign_limits(setup.underwriting_scores, setup.monthly_income, setup.reported_lenders, underwriting_cutoff, policy)
    approved = invited & limits["approved"].to_numpy()
    granted = approved & ~limits["no_limit"].to_numpy()
    outcome = np.select(
        [~invited, invited & ~limits["approved"].to_numpy(), approved & ~granted],
        list(OUTCOMES[:3]),
        default=OUTCOMES[3],
    )
    return pd.DataFrame(
        {
            "invited": invited,
            "approved": approved,
            "limit": np.where(granted, limits["limit"].to_numpy(), 0.0),
            "binding": np.where(invited, limits["binding"].to_numpy(), "not invited"),
            "outcome": pd.Categorical(outcome, categories=OUTCOMES, ordered=True),
        }
    )


def outcome_by_segment(decisions: pd.DataFrame, segments: pd.DataFrame, segment: str = "all") -> pd.DataFrame:
    """Share of each outcome within each segment (rows: segments; columns: :data:`OUTCOMES`).

    Examples
    --------
    >>> d = pd.DataFrame({"outcome": pd.Categorical(["not invited", "limit granted"], categories=OUTCOMES)})
    >>> outcome_by_segment(d, pd.DataFrame({"all": ["everyone", "everyone"]}))["limit granted"].item()
    0.5
    """
    require_columns("decisions", decisions, ("outcome",))
    require_one_of("segment", segment, list(segments.columns))
    require_same_length("decisions", decisions, "segments", segments)
    table = pd.crosstab(segments[segment].to_numpy(), decisions["outcome"].to_numpy(), normalize="index")
    table = table.reindex(columns=list(OUTCOMES), fill_value=0.0)
    table.index.name = segment
    table.columns.name = None
    return table


# ---------------------------------------------------------------------------
# Two products, two models, two funders
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductPolicy:
    """One credit product: who funds it, which model scores it, its cut-off and its limit rules.

    **Illustrative, not calibrated to Ant Group.**
    """

    name: str
    funder: str
    model: str  # "underwriting" (platform data + bureau) or "bank" (bureau-style only)
    cutoff: float
    limits: LimitPolicy = LimitPolicy()

    def __post_init__(self) -> None:
        require_one_of("model", self.model, ("underwriting", "bank"))
        _check_cutoffs("cutoff", self.cutoff, SCORE_RANGE)


PRODUCT_A = ProductPolicy(
    name="A: revolving shopping line",
    funder="the platform's consumer-finance company",
    model="underwriting",
    cutoff=570.0,
    limits=LimitPolicy(product_min=500.0, product_max=30_000.0),
)
"""A Huabei-like line: platform data plus bureau data, small lines. Illustrative."""

PRODUCT_B = ProductPolicy(
    name="B: bank-funded cash loan",
    funder="a partner bank",
    model="bank",
    cutoff=560.0,
    limits=LimitPolicy(product_min=3_000.0, product_max=200_000.0, multiple_at_top=4.0),
)
"""A 信用贷-like loan funded and decided by a bank on bureau-style data only. Illustrative."""

PRODUCT_COMBINATIONS = ("both", "A only", "B only", "neither")


def product_decisions(setup: TwoStageSetup, product_a: ProductPolicy = PRODUCT_A, product_b: ProductPolicy = PRODUCT_B) -> pd.DataFrame:
    """Each applicant's line under two products decided separately.

    Returns
    -------
    DataFrame with ``limit_a``, ``limit_b`` and ``holds`` (one of
    :data:`PRODUCT_COMBINATIONS`: a line of at least the product minimum).

    Examples
    --------
    >>> setup = TwoStageSetup(None, None, None, None, np.array([600., 540.]), np.array([500., 620.]),
    ...     np.array([9000., 9000.]), np.array([0., 0.]), None, None)
    >>> product_decisions(setup)["holds"].tolist()
    ['A only', 'B only']
    """
    limits = {}
    for key, product in (("a", product_a), ("b", product_b)):
        if not isinstance(product, ProductPolicy):
            raise TypeError(f"product_{key} must be a ProductPolicy")
        scores = setup.underwriting_scores if product.model == "underwriting" else setup.bank_scores
        table = assign_limits(scores, setup.monthly_income, setup.reported_lenders, product.cutoff, product.limits)
        limits[key] = table["limit"].to_numpy()
    has_a, has_b = limits["a"] > 0, limits["b"] > 0
    holds = np.select([has_a & has_b, has_a, has_b], list(PRODUCT_COMBINATIONS[:3]), default="neither")
    return pd.DataFrame(
        {
            "limit_a": limits["a"],
            "limit_b": limits["b"],
            "holds": pd.Categorical(holds, categories=PRODUCT_COMBINATIONS, ordered=True),
        }
    )


def holdings_by_segment(decisions: pd.DataFrame, segments: pd.DataFrame, segment: str = "all") -> pd.DataFrame:
    """Share of applicants holding both products, only A, only B or neither, per segment.

    Examples
    --------
    >>> d = pd.DataFrame({"holds": pd.Categorical(["both", "A only"], categories=PRODUCT_COMBINATIONS)})
    >>> holdings_by_segment(d, pd.DataFrame({"all": ["x", "x"]}))["A only"].item()
    0.5
    """
    require_columns("decisions", decisions, ("holds",))
    require_one_of("segment", segment, list(segments.columns))
    table = pd.crosstab(segments[segment].to_numpy(), decisions["holds"].to_numpy(), normalize="index")
    table = table.reindex(columns=list(PRODUCT_COMBINATIONS), fill_value=0.0)
    table.index.name = segment
    table.columns.name = None
    return table


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

    The behaviour model is the underwriting model (:data:`ALL_MODEL_FEATURES`)
    applied to :func:`behaviour_snapshot` data. Illustrative.
    """
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


# ---------------------------------------------------------------------------
# Figures (each returns a lessons.plotting.Chart with computed alt text)
# ---------------------------------------------------------------------------


def _fixed_layout(fig: Any, *, left: float, right: float = 0.25, top: float = 0.45, bottom: float = 0.55, wspace: float | None = None) -> None:
    """Replace the constrained layout by fixed margins in inches (about twice as fast to draw).

    Widget frames are drawn many times, so their figures use fixed margins.
    The axes (one row of them) are placed side by side, ``wspace`` apart (a
    fraction of the average axes width).
    """
    width, height = fig.get_size_inches()
    fig.set_layout_engine("none")
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    k = len(axes)
    gap = (wspace or 0.0) if k > 1 else 0.0
    x0, x1 = left / width, 1 - right / width
    y0, y1 = bottom / height, 1 - top / height
    each = (x1 - x0) / (k + gap * (k - 1))
    for i, ax in enumerate(axes):
        ax.set_position([x0 + i * each * (1 + gap), y0, each, y1 - y0])


def _fmt_pct(x: float, digits: int = 1) -> str:
    from lessons.plotting import pct

    return "n/a" if x is None or not np.isfinite(x) else pct(float(x), digits)


def plot_woe(table: pd.DataFrame, variable: str) -> Any:
    """Bar chart of the WOE of each bin with the bad rate printed on each bar.

    Examples
    --------
    >>> table = woe_table(["a", "a", "b", "b", "b", "a"], [0, 1, 0, 0, 1, 1], bins=2)
    >>> plot_woe(table, "toy").alt.startswith("Weight of evidence of toy in 2 bins")
    True
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("bin", "woe", "bad_rate", "iv", "count"))
    iv = float(table["iv"].sum())
    fig, ax = subplots(width=6.5, height=3.2)
    colors = [PALETTE["blue"] if w >= 0 else PALETTE["vermillion"] for w in table["woe"]]
    labels = [b if len(b) <= 22 else b[:20] + "…" for b in table["bin"]]
    positions = np.arange(len(table))
    ax.set_axisbelow(True)
    ax.bar(positions, table["woe"], color=colors)
    ax.axhline(0, color=PALETTE["black"], linewidth=0.8)
    for x, (w, r, c) in enumerate(zip(table["woe"], table["bad_rate"], table["count"])):
        ax.annotate(f"{_fmt_pct(r)}\nn={c}", (x, w), ha="center", va="bottom" if w >= 0 else "top", fontsize=7, xytext=(0, 2 if w >= 0 else -2), textcoords="offset points")
    ax.set_xticks(positions, labels, rotation=20 if len(table) > 4 else 0, ha="right" if len(table) > 4 else "center", fontsize=8)
    ax.set_ylabel("WOE = ln(%good / %bad)")
    ax.set_title(f"{variable}: IV = {iv:.3f} ({iv_band(iv)})")
    low, high = ax.get_ylim()
    ax.set_ylim(low - 0.15 * (high - low), high + 0.2 * (high - low))
    best = table.loc[table["woe"].idxmax()]
    worst = table.loc[table["woe"].idxmin()]
    alt = (
        f"Weight of evidence of {variable} in {len(table)} bins; information value {iv:.3f}. "
        f"Safest bin {best['bin']} (WOE {best['woe']:.2f}, bad rate {_fmt_pct(best['bad_rate'])}); "
        f"riskiest bin {worst['bin']} (WOE {worst['woe']:.2f}, bad rate {_fmt_pct(worst['bad_rate'])})."
    )
    _fixed_layout(fig, left=0.75, bottom=0.9 if len(table) > 4 else 0.55)
    return chart(fig, alt=alt, caption=f"WOE by bin for {variable} (blue: safer than average, vermillion: riskier).")


def _svg_woe(table: pd.DataFrame, variable: str) -> str:
    """Vertical WOE bars around zero with bad rate and count under each bar, as an SVG figure."""
    width = 680.0
    left, right, top, bottom = 60.0, width - 15, 34.0, 200.0
    woe = table["woe"].to_numpy(dtype=float)
    lim = max(0.5, float(np.nanmax(np.abs(woe))) * 1.15)
    zero = (top + bottom) / 2

    def py(v: float) -> float:
        return zero - v / lim * (bottom - top) / 2

    iv = float(table["iv"].sum())
    parts = [f'<text x="{width / 2:.1f}" y="18" font-size="13" font-weight="bold" text-anchor="middle">{svg_escape(variable)}: IV = {iv:.3f} ({svg_escape(iv_band(iv))})</text>']
    for t in np.linspace(-lim, lim, 5):
        parts.append(f'<line x1="{left:.1f}" y1="{py(t):.1f}" x2="{right:.1f}" y2="{py(t):.1f}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{left - 5:.1f}" y="{py(t) + 3:.1f}" font-size="10" text-anchor="end">{t:.2f}</text>')
    parts.append(f'<line x1="{left:.1f}" y1="{zero:.1f}" x2="{right:.1f}" y2="{zero:.1f}" stroke="black"/>')
    parts.append(f'<text x="14" y="{zero:.1f}" font-size="11" text-anchor="middle" transform="rotate(-90 14 {zero:.1f})">WOE = ln(%good / %bad)</text>')
    n = len(table)
    slot = (right - left) / n
    for k, (label, w, rate, count) in enumerate(zip(table["bin"], woe, table["bad_rate"], table["count"])):
        cx = left + (k + 0.5) * slot
        color = "blue" if w >= 0 else "vermillion"
        y1, y2 = sorted((py(w), zero))
        parts.append(f'<rect x="{cx - slot * 0.35:.1f}" y="{y1:.1f}" width="{slot * 0.7:.1f}" height="{max(y2 - y1, 0.5):.1f}" fill="{svg_fill(color, None if w >= 0 else "stripe")}"><title>{svg_escape(label)}: WOE {w:.2f}</title></rect>')
        short = str(label) if len(str(label)) <= 24 else str(label)[:22] + "…"
        parts.append(f'<text x="{cx:.1f}" y="{bottom + 16:.1f}" font-size="10" text-anchor="middle">{svg_escape(short)}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{bottom + 30:.1f}" font-size="10" text-anchor="middle">bad {_fmt_pct(rate)}, n={count}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{(py(w) - 4) if w >= 0 else (py(w) + 12):.1f}" font-size="10" text-anchor="middle">{w:.2f}</text>')
    best = table.loc[table["woe"].idxmax()]
    worst = table.loc[table["woe"].idxmin()]
    alt = (
        f"Weight of evidence of {variable} in {n} bins; information value {iv:.3f}. "
        f"Safest bin {best['bin']} (WOE {best['woe']:.2f}, bad rate {_fmt_pct(best['bad_rate'])}); "
        f"riskiest bin {worst['bin']} (WOE {worst['woe']:.2f}, bad rate {_fmt_pct(worst['bad_rate'])})."
    )
    return svg_figure("".join(parts), width=width, height=240, alt=alt, caption=f"WOE by bin for {variable} (solid blue: safer than average; striped vermillion: riskier).")


def woe_view(frame: pd.DataFrame, variable: str, bins: int, *, target: str = "default") -> list[Any]:
    """Widget function: a variable and a number of bins → WOE chart (SVG) and the WOE table.

    Examples
    --------
    >>> toy = pd.DataFrame({"x": ["a", "a", "b", "b", "b", "a"], "default": [0, 1, 0, 0, 1, 1]})
    >>> figure, table = woe_view(toy, "x", 2)
    >>> table["bin"].tolist(), "IV = 0.462" in figure
    (['b', 'a'], True)
    """
    require_columns("frame", frame, (target,))
    require_one_of("variable", variable, [c for c in frame.columns if c != target])
    table = woe_table(frame[variable], frame[target].to_numpy(), bins)
    shown = table[["bin", "count", "bads", "bad_rate", "woe", "iv"]].copy()
    return [_svg_woe(table, variable), shown.round(3)]


def plot_score_distributions(scores: Any, defaults: Any, *, cutoff: float | None = None, title: str = "Score distributions") -> Any:
    """Histograms of the scores of goods and of bads (as shares of each group).

    Examples
    --------
    >>> plot_score_distributions([650, 620, 600, 560, 540], [0, 0, 1, 0, 1]).alt[:27]
    'Histograms of scores: goods'
    """
    from lessons.plotting import PALETTE, chart, subplots

    scores, defaults = _scores_and_defaults(scores, defaults)
    fig, ax = subplots(width=6.5, height=3.2)
    edges = np.linspace(np.floor(scores.min() / 10) * 10, np.ceil(scores.max() / 10) * 10 + 10, 30)
    for value, name, color, hatch in ((0, "goods", PALETTE["blue"], None), (1, "bads", PALETTE["vermillion"], "//")):
        group = scores[defaults == value]
        ax.hist(group, bins=edges, weights=np.full(group.size, 1 / group.size), alpha=0.55, color=color, label=f"{name} (n={group.size:,})", hatch=hatch, edgecolor=color)
    if cutoff is not None:
        ax.axvline(cutoff, color=PALETTE["black"], linestyle="--", linewidth=1.2, label=f"cut-off {cutoff:g}")
    ax.set_xlabel("score (points, higher = safer)")
    ax.set_ylabel("share of the group")
    ax.set_title(title)
    ax.legend()
    goods_med, bads_med = np.median(scores[defaults == 0]), np.median(scores[defaults == 1])
    alt = (
        f"Histograms of scores: goods have a median of {goods_med:.0f} points and bads {bads_med:.0f}; "
        f"the distributions overlap, KS = {ks_statistic(scores, defaults):.2f}, AUC = {auc(scores, defaults):.2f}."
    )
    return chart(fig, alt=alt, caption="Scores of goods and bads: the better the separation, the better the ranking.")


def plot_roc_ks(scores: Any, defaults: Any) -> Any:
    """Two panels: the ROC curve (with AUC/Gini) and the cumulative distributions (with KS).

    Examples
    --------
    >>> plot_roc_ks([650, 620, 600, 560, 540], [0, 0, 1, 0, 1]).alt[:22]
    'Left: ROC curve bowing'
    """
    from lessons.plotting import PALETTE, chart, subplots

    scores, defaults = _scores_and_defaults(scores, defaults)
    order = np.argsort(scores, kind="mergesort")
    s, d = scores[order], defaults[order]
    last = np.r_[s[1:] != s[:-1], True]
    cum_bad = np.r_[0, (np.cumsum(d) / d.sum())[last]]
    cum_good = np.r_[0, (np.cumsum(1 - d) / (1 - d).sum())[last]]
    thresholds = np.r_[s.min(), s[last]]
    a, k = auc(scores, defaults), ks_statistic(scores, defaults)
    fig, (left, right) = subplots(1, 2, width=7.2, height=3.2)
    left.plot(cum_good, cum_bad, color=PALETTE["blue"])
    left.plot([0, 1], [0, 1], color=PALETTE["black"], linestyle=":", linewidth=1)
    left.set_xlabel("share of goods flagged (FPR)")
    left.set_ylabel("share of bads flagged (TPR)")
    left.set_title(f"ROC: AUC {a:.2f}, Gini {2 * a - 1:.2f}")
    gap = cum_bad - cum_good
    at = int(np.argmax(gap))
    right.plot(thresholds, cum_bad, color=PALETTE["vermillion"], label="bads")
    right.plot(thresholds, cum_good, color=PALETTE["blue"], linestyle="--", label="goods")
    right.vlines(thresholds[at], cum_good[at], cum_bad[at], color=PALETTE["black"], linewidth=2)
    right.set_xlabel("score")
    right.set_ylabel("cumulative share at or below")
    right.set_title(f"KS {k:.2f} at {thresholds[at]:.0f} points")
    right.legend(loc="lower right")
    alt = (
        f"Left: ROC curve bowing above the diagonal, AUC {a:.2f} and Gini {2 * a - 1:.2f}. "
        f"Right: cumulative score distributions of bads and goods; the largest gap, KS = {k:.2f}, is at {thresholds[at]:.0f} points."
    )
    return chart(fig, alt=alt, caption="Ranking quality on the test sample: ROC curve and KS.")


def plot_tradeoff(curve: pd.DataFrame, *, marker: float | None = None) -> Any:
    """Approval rate and bad rate (left) and expected profit (right) against the cut-off.

    Examples
    --------
    >>> curve = approval_curve([500, 600, 700], [1, 0, 0], [550, 650])
    >>> plot_tradeoff(curve, marker=550).alt
    'Approval rate falls from 66.7 % to 33.3 % and the bad rate among approved from 0.0 % to 0.0 % as the cut-off rises from 550 to 650. At 550: approval 66.7 %, bad rate 0.0 %.'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("curve", curve, ("cutoff", "approval_rate", "bad_rate"))
    has_profit = "expected_profit" in curve.columns
    fig, axes = subplots(1, 2 if has_profit else 1, width=7.2 if has_profit else 5.0, height=3.0)
    left = axes[0] if has_profit else axes
    x = curve["cutoff"].to_numpy(dtype=float)
    left.plot(x, curve["approval_rate"], color=PALETTE["blue"], label="approval rate")
    left.plot(x, curve["bad_rate"], color=PALETTE["vermillion"], linestyle="--", label="bad rate among approved")
    left.set_xlabel("cut-off (points)")
    left.set_ylabel("share")
    left.set_ylim(0, 1.02)
    left.set_title("Approval and bad rate")
    left.legend(loc="center left")
    parts = [
        f"Approval rate falls from {_fmt_pct(curve['approval_rate'].iloc[0])} to {_fmt_pct(curve['approval_rate'].iloc[-1])} "
        f"and the bad rate among approved from {_fmt_pct(curve['bad_rate'].iloc[0])} to {_fmt_pct(curve['bad_rate'].iloc[-1])} "
        f"as the cut-off rises from {x[0]:g} to {x[-1]:g}."
    ]
    if marker is not None:
        i = int(np.argmin(np.abs(x - marker)))
        left.axvline(x[i], color=PALETTE["black"], linewidth=1)
        parts.append(f"At {x[i]:g}: approval {_fmt_pct(curve['approval_rate'].iloc[i])}, bad rate {_fmt_pct(curve['bad_rate'].iloc[i])}.")
    if has_profit:
        right = axes[1]
        profit = curve["expected_profit"].to_numpy(dtype=float)
        right.plot(x, profit, color=PALETTE["green"])
        right.axhline(0, color=PALETTE["black"], linewidth=0.6)
        best = int(np.argmax(profit))
        right.plot([x[best]], [profit[best]], "o", color=PALETTE["green"])
        right.set_xlabel("cut-off (points)")
        right.set_ylabel("RMB per applicant")
        right.set_title("Expected profit (illustrative)")
        if marker is not None:
            right.axvline(x[i], color=PALETTE["black"], linewidth=1)
            parts.append(f"Expected profit there: RMB {profit[i]:.0f} per applicant.")
        parts.append(f"Expected profit peaks at RMB {profit[best]:.0f} per applicant at a cut-off of {x[best]:g}.")
    _fixed_layout(fig, left=0.6, right=0.15, bottom=0.55, top=0.35, wspace=0.32 if has_profit else None)
    return chart(fig, alt=" ".join(parts), caption="The cut-off trade-off (synthetic applicants; profit parameters illustrative, not calibrated to Ant Group).")


def plot_segment_approval(table: pd.DataFrame, *, title: str = "Approval rate by segment", overall: float | None = None) -> Any:
    """Horizontal bars of the approval rate of each segment (from :func:`approval_by_segment`
    or :func:`segment_approval_table`; with a ``variable`` column, each variable gets its own colour).

    Examples
    --------
    >>> table = approval_by_segment([500, 600, 700, 650], ["a", "a", "b", "b"], 620)
    >>> plot_segment_approval(table).alt
    'Approval rate by segment: lowest for a (0.0 %), highest for b (100.0 %).'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("segment", "approval_rate", "applicants"))
    fig, ax = subplots(width=6.2, height=0.3 * len(table) + 1.2)
    y = np.arange(len(table))
    groups = table["variable"].tolist() if "variable" in table.columns else ["segment"] * len(table)
    palette = ("sky", "orange", "green", "purple", "yellow")
    order = list(dict.fromkeys(groups))
    colors = [PALETTE[palette[order.index(g) % len(palette)]] for g in groups]
    ax.barh(y, table["approval_rate"], color=colors, edgecolor=PALETTE["black"], linewidth=0.4)
    for yi, rate in zip(y, table["approval_rate"]):
        ax.text(min(rate + 0.01, 0.88), yi, _fmt_pct(rate), va="center", fontsize=7.5)
    ax.set_yticks(y, [f"{s} (n={n:,})" for s, n in zip(table["segment"], table["applicants"])], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("approval rate")
    ax.set_axisbelow(True)
    if overall is not None:
        ax.axvline(overall, color=PALETTE["black"], linestyle="--", linewidth=1)
        ax.set_xlabel(f"approval rate (dashed line: all applicants, {_fmt_pct(overall)})")
    ax.set_title(title, fontsize=10)
    low = table.loc[table["approval_rate"].idxmin()]
    high = table.loc[table["approval_rate"].idxmax()]
    alt = (
        f"{title}: lowest for {low['segment']} ({_fmt_pct(low['approval_rate'])}), "
        f"highest for {high['segment']} ({_fmt_pct(high['approval_rate'])})"
        + (f"; all applicants {_fmt_pct(overall)}." if overall is not None else ".")
    )
    _fixed_layout(fig, left=2.0, right=0.2, top=0.4, bottom=0.5)
    return chart(fig, alt=alt, caption=title + " (synthetic applicants).")


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
    return pd.concat(tables, ignore_index=True)


def cutoff_view(scores: Any, curve: pd.DataFrame, segments: pd.DataFrame, cutoff: float) -> str:
    """Widget function: a cut-off → the trade-off curves with a marker, and every segment's approval rate.

    Returns an HTML ``<figure>`` with an inline SVG (drawn in about a
    millisecond, so a live widget keeps up with the slider) whose alt text
    gives the numbers.

    Examples
    --------
    >>> curve = approval_curve([500, 600, 700], [1, 0, 0], [550, 650])
    >>> html = cutoff_view([500, 600, 700], curve, pd.DataFrame({"thin_file": ["thin file", "has a record", "has a record"]}), 550)
    >>> 'aria-label="At a cut-off of 550, 66.7 % of applicants are approved' in html
    True
    """
    require_columns("curve", curve, ("cutoff", "approval_rate", "bad_rate"))
    table = segment_approval_table(scores, segments, cutoff)
    scores = np.asarray(scores, dtype=float)
    overall = float(np.mean(scores >= cutoff))
    x = curve["cutoff"].to_numpy(dtype=float)
    i = int(np.argmin(np.abs(x - cutoff)))
    rows = len(table)
    bars, bars_height = svg_hbars(
        [str(v) for v in table["segment"]],
        [("approval rate", table["approval_rate"].to_numpy(dtype=float), "sky", None)],
        x0=330, y0=0, width=430, row=22, label_width=115, reference=overall,
        xlabel=f"approval rate (dashed: all applicants, {_fmt_pct(overall)})", title=f"Approval by segment at {cutoff:g}",
    )
    height = max(bars_height + 6, 300)
    lines = svg_lines(
        x,
        [("approval rate", curve["approval_rate"].to_numpy(dtype=float), "blue", None),
         ("bad rate", curve["bad_rate"].to_numpy(dtype=float), "vermillion", "6 4")],
        width=320, height=height, ylim=(0.0, 1.0), share=True, markers=[(cutoff, "", "black")],
        title="Trade-off", xlabel="cut-off (points)",
    )
    low = table.loc[table["approval_rate"].idxmin()]
    high = table.loc[table["approval_rate"].idxmax()]
    alt = (
        f"At a cut-off of {cutoff:g}, {_fmt_pct(overall)} of applicants are approved and the bad rate among them is "
        f"{_fmt_pct(curve['bad_rate'].iloc[i])}. By segment, approval is lowest for {low['segment']} "
        f"({_fmt_pct(low['approval_rate'])}) and highest for {high['segment']} ({_fmt_pct(high['approval_rate'])})."
    )
    return svg_figure(
        lines + bars, width=760, height=height, alt=alt,
        caption=f"Left: approval and bad rate against the cut-off, marker at {cutoff:g}. Right: approval rate of each segment there ({rows} segments; synthetic applicants).",
    )


_OUTCOME_COLORS = ("black", "vermillion", "orange", "green")


def plot_outcomes(table: pd.DataFrame, *, title: str, categories: Sequence[str] = OUTCOMES, colors: Sequence[str] = _OUTCOME_COLORS) -> Any:
    """Stacked horizontal bars: the share of each outcome within each segment.

    Examples
    --------
    >>> table = pd.DataFrame([[0.1, 0.2, 0.1, 0.6]], index=["all"], columns=OUTCOMES)
    >>> plot_outcomes(table, title="Toy").alt[:40]
    'Toy. all: not invited 10.0 %, invited, d'
    """
    from lessons.plotting import PALETTE, chart, subplots

    fig, ax = subplots(width=7.0, height=0.42 * len(table) + 1.8)
    _fixed_layout(fig, left=1.2, right=0.2, top=0.4, bottom=1.3)
    left = np.zeros(len(table))
    y = np.arange(len(table))
    hatches = (None, "//", "..", None)
    for category, color, hatch in zip(categories, colors, hatches):
        values = table[category].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=PALETTE[color], label=category, hatch=hatch, edgecolor="white")
        for yi, (l, v) in enumerate(zip(left, values)):
            if v >= 0.08:
                ax.text(
                    l + v / 2, yi, f"{100 * v:.0f}%", ha="center", va="center", fontsize=8,
                    color="white" if color in ("black", "blue", "green") else "black", fontweight="bold",
                )
        left += values
    ax.set_yticks(y, [str(i) for i in table.index])
    ax.invert_yaxis()
    ax.set_axisbelow(True)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of applicants in the segment")
    axes_height = ax.get_position().height * fig.get_size_inches()[1]
    ax.legend(ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.5 / axes_height), fontsize=8)
    ax.set_title(title)
    summary = "; ".join(f"{idx}: " + ", ".join(f"{c} {_fmt_pct(table.loc[idx, c])}" for c in categories) for idx in table.index[:4])
    return chart(fig, alt=f"{title}. {summary}.", caption=title + " (synthetic applicants, illustrative policy).")


_OUTCOME_STYLE = (("black", None), ("vermillion", "stripe"), ("orange", "dots"), ("green", None))
_HOLDING_STYLE = (("green", None), ("sky", None), ("orange", "stripe"), ("black", None))


def _stacked_svg(
    table: pd.DataFrame,
    categories: Sequence[str],
    styles: Sequence[tuple[str, str | None]],
    *,
    title: str,
    caption: str,
    xlabel: str = "share of applicants in the segment",
    label_width: float = 130.0,
) -> str:
    """Stacked bars of category shares per key segment, as an SVG figure with computed alt text."""
    series = [(c, table[c].to_numpy(dtype=float), color, pattern) for c, (color, pattern) in zip(categories, styles)]
    body, height = svg_hbars(
        [str(i) for i in table.index], series, x0=0, y0=0, width=700, row=26, label_width=label_width,
        xlabel=xlabel, title=title,
    )
    summary = "; ".join(f"{idx}: " + ", ".join(f"{c} {_fmt_pct(table.loc[idx, c])}" for c in categories) for idx in table.index)
    return svg_figure(body, width=700, height=height + 4, alt=f"{title}. {summary}.", caption=caption)


def two_stage_view(setup: TwoStageSetup, prescreen_cutoff: float, underwriting_cutoff: float) -> list[Any]:
    """Widget function: pre-screen and underwriting cut-offs → outcome shares by key segment.

    Returns a sentence (HTML) and an SVG figure of stacked bars.

    Examples
    --------
    >>> seg = pd.DataFrame({"thin_file": ["thin file", "has a record"], "age_band": ["age 18-24", "age 35-44"],
    ...     "business_owner": ["business owner", "employee / other"], "city_tier": ["tier 1", "tier 2"]})
    >>> setup = TwoStageSetup(None, None, None, np.array([600., 500.]), np.array([620., 650.]), None,
    ...     np.array([9000., 9000.]), np.array([0., 0.]), seg, np.array([0, 0]))
    >>> html, figure = two_stage_view(setup, 550, 560)
    >>> "50.0 %" in html and "<svg" in figure
    True
    """
    decisions = two_stage_decisions(setup, prescreen_cutoff, underwriting_cutoff)
    table = share_by_key_segments(decisions["outcome"].astype(str).to_numpy(), setup.segments, OUTCOMES)
    invited = float(decisions["invited"].mean())
    limitless = float((decisions["outcome"] != "limit granted")[decisions["invited"]].mean()) if invited > 0 else float("nan")
    html = (
        f"<p>Invited (entry point shown): <b>{_fmt_pct(invited)}</b> of applicants. Of those invited, "
        f"<b>{_fmt_pct(limitless)}</b> get no usable limit.</p>"
    )
    figure = _stacked_svg(
        table, OUTCOMES, _OUTCOME_STYLE,
        title=f"Outcomes: pre-screen cut-off {prescreen_cutoff:g}, underwriting cut-off {underwriting_cutoff:g}",
        caption="What applicants experience in the two-stage process (synthetic applicants, illustrative policy).",
    )
    return [html, figure]


def products_view(setup: TwoStageSetup, cutoff_a: float, cutoff_b: float) -> str:
    """Widget function: the two products' cut-offs → who holds both, one or neither, by key segment (SVG figure).

    Examples
    --------
    >>> seg = pd.DataFrame({"thin_file": ["thin file", "has a record"], "age_band": ["age 18-24", "age 35-44"],
    ...     "business_owner": ["business owner", "employee / other"], "city_tier": ["tier 1", "tier 2"]})
    >>> setup = TwoStageSetup(None, None, None, None, np.array([600., 540.]), np.array([500., 620.]),
    ...     np.array([9000., 9000.]), np.array([0., 0.]), seg, np.array([0, 0]))
    >>> "A only 50.0 %" in products_view(setup, 570, 560)
    True
    """
    from dataclasses import replace

    a = replace(PRODUCT_A, cutoff=float(cutoff_a))
    b = replace(PRODUCT_B, cutoff=float(cutoff_b))
    decisions = product_decisions(setup, a, b)
    table = share_by_key_segments(decisions["holds"].astype(str).to_numpy(), setup.segments, PRODUCT_COMBINATIONS)
    return _stacked_svg(
        table, PRODUCT_COMBINATIONS, _HOLDING_STYLE,
        title=f"Product A (cut-off {cutoff_a:g}) and product B (cut-off {cutoff_b:g})",
        caption="Who holds both products, one of them or neither (synthetic applicants, illustrative policies).",
    )


def plot_review_cuts(table: pd.DataFrame, *, title: str) -> Any:
    """Stacked bars: share of lines reduced and closed in each segment.

    Examples
    --------
    >>> table = pd.DataFrame({"reduce": [0.2], "close": [0.1], "lines": [100]}, index=["all"])
    >>> plot_review_cuts(table, title="Toy").alt
    'Toy: all 30.0 % of lines cut.'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("reduce", "close", "lines"))
    fig, ax = subplots(width=6.5, height=0.45 * len(table) + 1.3)
    y = np.arange(len(table))
    ax.barh(y, table["close"], color=PALETTE["vermillion"], label="closed")
    ax.barh(y, table["reduce"], left=table["close"], color=PALETTE["orange"], hatch="//", edgecolor="white", label="reduced")
    for yi, total in zip(y, table["close"] + table["reduce"]):
        ax.text(total + 0.005, yi, _fmt_pct(total), va="center", fontsize=8)
    ax.set_yticks(y, [f"{s} ({n:,} lines)" for s, n in zip(table.index, table["lines"])])
    ax.invert_yaxis()
    top = float((table["close"] + table["reduce"]).max())
    ax.set_xlim(0, max(0.1, min(1.0, top * 1.25 + 0.02)))
    ax.set_axisbelow(True)
    ax.set_xlabel("share of lines in force")
    ax.set_title(title)
    ax.legend(loc="lower right")
    cut = table["close"] + table["reduce"]
    alt = f"{title}: " + "; ".join(f"{s} {_fmt_pct(c)} of lines cut" for s, c in zip(table.index, cut)) + "."
    _fixed_layout(fig, left=2.3, right=0.2, top=0.4, bottom=0.5)
    return chart(fig, alt=alt, caption="Lines reduced or closed at the review (synthetic applicants, illustrative policy).")


def review_table(setup: ReviewSetup, tightening: float, *, review_cutoff: float | None = None) -> pd.DataFrame:
    """Share of lines kept, reduced and closed by key segment, plus ``cut_but_repaid`` (share of cut lines whose holder did not default).

    ``review_cutoff`` defaults to ``setup.review_cutoff``; the bar is ``review_cutoff + tightening``.
    """
    review_cutoff = setup.review_cutoff if review_cutoff is None else review_cutoff
    reviews = review_decisions(setup.behaviour_scores, setup.limits, review_cutoff=review_cutoff, tightening=tightening)
    has_line = setup.limits > 0
    action = reviews["action"].astype(str).to_numpy()
    table = share_by_key_segments(action, setup.segments, REVIEW_ACTIONS, among=has_line)
    repaid_cut = share_by_key_segments(np.where(setup.defaults == 0, "repaid", "defaulted"), setup.segments, ("repaid",), among=has_line & (action != "keep"))
    table["cut_any"] = table["reduce"] + table["close"]
    table["cut_but_repaid"] = repaid_cut["repaid"]
    return table.rename(columns={"n": "lines"})


def review_view(setup: ReviewSetup, tightening: float, *, review_cutoff: float | None = None) -> list[Any]:
    """Widget function: a policy tightening (points) → share of lines reduced and closed, by key segment.

    Returns a sentence (HTML) and an SVG figure of stacked bars.
    """
    table = review_table(setup, tightening, review_cutoff=review_cutoff)
    overall = table.iloc[0]
    html = (
        f"<p>Raising the review bar by {tightening:g} points cuts <b>{_fmt_pct(overall['cut_any'])}</b> of lines in force; "
        f"<b>{_fmt_pct(overall['cut_but_repaid'])}</b> of the cut lines belong to people who would have repaid.</p>"
    )
    labels = [f"{i} ({n:,})" for i, n in zip(table.index, table["lines"])]
    shown = table.set_axis(labels)
    figure = _stacked_svg(
        shown, ("close", "reduce"), (("vermillion", None), ("orange", "stripe")),
        title=f"Lines cut at the review, bar raised by {tightening:g} points",
        xlabel="share of lines in force", label_width=175,
        caption="Share of lines in force that are closed or halved, by segment (number of lines in brackets; synthetic applicants, illustrative policy).",
    )
    return [html, figure]


def plot_reason_codes(table: pd.DataFrame, *, title: str) -> Any:
    """Horizontal bars of the points lost on each reason (from :func:`reason_codes`).

    Examples
    --------
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> plot_reason_codes(reason_codes(m, pd.DataFrame({"utilisation": [0.9]})), title="Toy").alt
    'Toy: utilisation costs 40 points.'
    """
    from lessons.plotting import PALETTE, chart, subplots

    if not isinstance(table, pd.DataFrame) or not {"variable", "points_lost", "rank"} <= set(table.columns):
        raise ValueError("table must be a reason_codes() table with columns rank, variable and points_lost")
    fig, ax = subplots(width=6.0, height=0.5 * max(len(table), 1) + 1.2)
    if table.empty:
        ax.text(0.5, 0.5, "No variable costs this applicant points\nagainst the reference.", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return chart(fig, alt=f"{title}: no reasons; the applicant loses no points against the reference.", caption=title)
    y = np.arange(len(table))
    ax.set_axisbelow(True)
    ax.barh(y, table["points_lost"], color=PALETTE["vermillion"])
    ax.set_yticks(y, [f"{r}. {v}" for r, v in zip(table["rank"], table["variable"])])
    ax.invert_yaxis()
    ax.set_xlabel("points lost versus the reference applicant")
    ax.set_title(title)
    alt = f"{title}: " + "; ".join(f"{v} costs {p:.0f} points" for v, p in zip(table["variable"], table["points_lost"])) + "."
    _fixed_layout(fig, left=2.3, right=0.2, top=0.4, bottom=0.5)
    return chart(fig, alt=alt, caption=title + " (illustrative model, not Ant's).")


def reasons_view(model: PlatformModel, examples: pd.DataFrame, profile: str, *, cutoff: float = 570.0) -> list[Any]:
    """Widget function: an example applicant → score, decision and a reason-code table.

    The table shows each reason with a text bar proportional to the points it
    cost (cheap to draw, so the widget stays fast), and is followed by the
    applicant's own values.

    Examples
    --------
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> ex = pd.DataFrame({"utilisation": [0.9]}, index=["High use"])
    >>> html, table = reasons_view(m, ex, "High use")
    >>> table["points lost"].tolist()
    [40.4]
    """
    require_one_of("profile", profile, list(examples.index))
    row = examples.loc[[profile], list(model.features)].infer_objects()
    score = float(score_applicants(model, row)[0])
    table = reason_codes(model, row)
    decision = "approved" if score >= cutoff else "declined"
    html = (
        f"<p><b>{profile}</b>: score {score:.0f} points, <b>{decision}</b> at a cut-off of {cutoff:g}. "
        f"Principal reasons, ordered by the points each variable cost against the reference applicant:</p>"
    )
    top = float(table["points_lost"].max()) if len(table) else 1.0
    shown = pd.DataFrame(
        {
            "rank": table["rank"].to_numpy(),
            "reason": table["reason"].to_numpy(),
            "applicant's value": [("no record" if np.isnan(v) else f"{v:,.2f}".rstrip("0").rstrip(".")) for v in table["value"]],
            "points lost": table["points_lost"].round(1).to_numpy(),
            "": ["█" * max(1, int(round(12 * p / top))) for p in table["points_lost"]],
        }
    )
    if shown.empty:
        html += "<p>No variable costs this applicant points against the reference.</p>"
    return [html, shown]