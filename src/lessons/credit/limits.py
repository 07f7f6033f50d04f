"""Models for the page *Invited, but no limit* (book/credit-assessment/invited-no-limit.ipynb).

A stale pre-screen and a fresh underwriting model (:func:`stale_snapshot`,
:func:`prepare_two_stage`, :func:`two_stage_decisions`), limit assignment under an
income multiple, a total-debt cap, a regulatory cap and product bounds
(:func:`assign_limits`, :class:`LimitPolicy`, :func:`regulatory_cap`), and two products
with separate models, funders and cut-offs (:func:`product_decisions`). Every
parameter that is not a cited regulatory cap is illustrative, not calibrated to Ant Group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
from lessons.credit.cutoffs import _check_cutoffs, _segment_frame
from lessons.credit.platform_model import ALL_MODEL_FEATURES, PLATFORM_FEATURES, PlatformModel, fit_platform_model, score_applicants
from lessons.credit.scaling import SCORE_RANGE

__all__ = [
    "REGULATORY_REGIMES",
    "regulatory_cap",
    "LimitPolicy",
    "LIMIT_CAPS",
    "assign_limits",
    "PRESCREEN_FEATURES",
    "OUTCOMES",
    "stale_snapshot",
    "TwoStageSetup",
    "KEY_SEGMENTS",
    "share_by_key_segments",
    "prepare_two_stage",
    "two_stage_decisions",
    "outcome_by_segment",
    "ProductPolicy",
    "PRODUCT_A",
    "PRODUCT_B",
    "PRODUCT_COMBINATIONS",
    "product_decisions",
    "holdings_by_segment",
]


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
        Underwriting cut-off, inside :data:`~lessons.credit.scaling.SCORE_RANGE`.
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
    underwriting_model : PlatformModel — fitted on fresh data with :data:`~lessons.credit.platform_model.ALL_MODEL_FEATURES`.
    bank_model : PlatformModel — a partner bank's model on :data:`~lessons.credit.platform_model.PLATFORM_FEATURES` only (product B).
    prescreen_scores, underwriting_scores, bank_scores : numpy arrays
    monthly_income, reported_lenders : numpy arrays
    segments : DataFrame — the :data:`~lessons.credit.platform_model.SEGMENT_COLUMNS` plus ``default``, as readable labels
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
    if values.ndim != 1:
        raise ValueError(f"values must hold one category label per applicant (a 1-D array); got shape {values.shape}")
    categories = as_names("categories", categories, what="category labels")
    require_columns("segments", segments, [c for _, c, _ in KEY_SEGMENTS if c is not None])
    require_same_length("values", values, "segments", segments)
    if among is None:
        among = np.ones(len(values), dtype=bool)
    else:
        among = as_binary_array("among", among).astype(bool)
        require_same_length("values", values, "among", among)
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
    stale_months = as_int("stale_months", stale_months, low=0, high=24)
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
    require_instance("setup", setup, TwoStageSetup, "from prepare_two_stage")
    prescreen_cutoff = float(_check_cutoffs("prescreen_cutoff", prescreen_cutoff, SCORE_RANGE)[0])
    underwriting_cutoff = float(_check_cutoffs("underwriting_cutoff", underwriting_cutoff, SCORE_RANGE)[0])
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


def _shares_by_segment(decisions: pd.DataFrame, column: str, categories: Sequence[str], segments: pd.DataFrame, segment: str) -> pd.DataFrame:
    """Share of each of ``categories`` of ``decisions[column]`` within each value of ``segments[segment]``."""
    require_columns("decisions", decisions, (column,))
    require_columns("segments", segments, ())
    require_one_of("segment", segment, list(segments.columns))
    require_same_length("decisions", decisions, "segments", segments)
    table = pd.crosstab(segments[segment].to_numpy(), decisions[column].to_numpy(), normalize="index")
    table = table.reindex(columns=list(categories), fill_value=0.0)
    table.index.name = segment
    table.columns.name = None
    return table


def outcome_by_segment(decisions: pd.DataFrame, segments: pd.DataFrame, segment: str = "all") -> pd.DataFrame:
    """Share of each outcome within each segment (rows: segments; columns: :data:`OUTCOMES`).

    Examples
    --------
    >>> d = pd.DataFrame({"outcome": pd.Categorical(["not invited", "limit granted"], categories=OUTCOMES)})
    >>> outcome_by_segment(d, pd.DataFrame({"all": ["everyone", "everyone"]}))["limit granted"].item()
    0.5
    """
    return _shares_by_segment(decisions, "outcome", OUTCOMES, segments, segment)


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
        as_name("name", self.name, what="the product's name")
        as_name("funder", self.funder, what="the funder's name")
        require_one_of("model", self.model, ("underwriting", "bank"))
        _check_cutoffs("cutoff", self.cutoff, SCORE_RANGE)
        require_instance("limits", self.limits, LimitPolicy, "the product's limit rules")


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
    require_instance("setup", setup, TwoStageSetup, "from prepare_two_stage")
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
    return _shares_by_segment(decisions, "holds", PRODUCT_COMBINATIONS, segments, segment)
