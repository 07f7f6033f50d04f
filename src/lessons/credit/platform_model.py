"""The platform model: features, the design matrix and a logistic-regression credit model.

Fitted first on the page *Cut-offs and who gets left out* (book/credit-assessment/cutoffs.ipynb),
reused on *Invited, but no limit* and *Reviews, cuts and reasons*, and imported by the
later chapters (Chapter 2 rations credit with it, Chapter 3 scores business owners
with it, Chapter 4 computes recourse and fairness from it). The feature sets :data:`PLATFORM_FEATURES` and
:data:`ALTERNATIVE_DATA_FEATURES`, the documented transforms of :func:`design_matrix`
and the frozen :class:`PlatformModel` (:func:`fit_platform_model`, :func:`predict_pd`,
:func:`score_applicants`). Illustrative, not calibrated to Ant Group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_binary_array, as_float_array, as_number, require_columns, require_one_of
from lessons.credit._checks import as_name
from lessons.credit.scaling import BASE_ODDS, BASE_POINTS, PDO, SCORE_RANGE, scaling_constants

__all__ = [
    "PLATFORM_FEATURES",
    "ALTERNATIVE_DATA_FEATURES",
    "ALL_MODEL_FEATURES",
    "SEGMENT_COLUMNS",
    "PROTECTED_FEATURES",
    "FEATURE_TRANSFORMS",
    "design_columns",
    "design_matrix",
    "PlatformModel",
    "fit_platform_model",
    "log_odds",
    "predict_pd",
    "score_applicants",
    "coefficient_table",
]


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


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------

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
        The average applicant of the training population (the mean of each
        design column). Its points on each variable are the average points of
        all applicants, the reference of Regulation B's second method and the
        default of :func:`~lessons.credit.reviews.reason_codes` when no
        population is given.
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
    target = as_name("target", target)
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
    reference = x.mean(axis=0)  # average points = points of the average design row (the score is linear)
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
    ``−Factor · β_c · x_c`` points — the basis of :func:`~lessons.credit.reviews.reason_codes`.

    Parameters
    ----------
    model : PlatformModel
    applicants : pandas.DataFrame
    base_points, base_odds, pdo : float
        Scaling (default 600 points at 50:1, 20 points to double the odds).
    clip : bool
        Clip to :data:`~lessons.credit.scaling.SCORE_RANGE` (default True).

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
