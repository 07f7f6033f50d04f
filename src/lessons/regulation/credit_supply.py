"""Models for the page *Capital, leverage and co-lending* (book/regulation/credit-supply.ipynb).

How equity, the lending entity's own funded share of each loan, its leverage
caps or capital ratio, and partner banks' limits bound the loan book under each
regime of :mod:`lessons.regulation.regimes`, and how a platform rations a
smaller book by raising the cut-off of Chapter 1's score (the scoring code is
imported from :mod:`lessons.credit`, never copied). The figures and the
regime widget are in :mod:`lessons.regulation.figures`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from lessons import credit
from lessons._validation import as_float_array, as_number, require_columns
from lessons.regulation._checks import column_values, describe, require_choice
from lessons.regulation.regimes import (
    ANT_CONSUMER_FINANCE_CAPITAL,
    POST_2021,
    PRE_2020,
    REGIMES,
    RULE_SETS,
    PartnerBanks,
    SupplyRules,
    regime,
)

__all__ = [
    "LoanBook",
    "max_loan_book",
    "supply_comparison",
    "regime_comparison",
    "multiplier_curve",
    "BASE_APPROVAL_RATE",
    "DEMAND_PER_EQUITY",
    "BASE_EQUITY",
    "SEGMENT_NAMES",
    "capital_needed",
    "scored_population",
    "served_share",
    "implied_cutoff",
    "supply_outcome",
    "rationing_by_segment",
    "rationing_summary",
]


# ---------------------------------------------------------------------------
# The bound on the loan book: equity, own share, leverage caps, partner limits
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoanBook:
    """The bound on a platform's loan book and what sets it (amounts in RMB bn).

    Examples
    --------
    >>> LoanBook(10, 60, 500, 200, 0.3, "own funding").multiplier
    20.0
    """

    equity: float
    own_capacity: float
    partner_capacity: float
    max_book: float
    own_share_used: float
    binding: str

    @property
    def multiplier(self) -> float:
        """Loans per yuan of equity."""
        return self.max_book / self.equity


def max_loan_book(equity: float, rules: SupplyRules, partners: PartnerBanks | None = None) -> LoanBook:
    """Largest loan book a platform can carry under the rules.

    The lending entity can hold loans up to its own funding capacity
    ``O = equity × rules.own_capacity_multiple()``: ``equity × (1 +
    borrowing_multiple + abs_multiple)`` under leverage caps, ``equity /
    (capital_ratio × risk_weight)`` under a capital ratio. Partner banks fund
    the rest of each loan, up to ``C = n_banks × min(per_partner_cap ×
    tier1_capital, total_colending_cap × total_loans × platform_slice,
    appetite × total_loans)`` over the limits that are set (unlimited when none
    is). If the entity funds a share ``s`` of every loan, the book is at most
    ``min(O / s, C / (1 − s))``. The rule sets the SMALLEST share; when partner
    money runs out first, the entity funds more of each loan itself, up to the
    point where both run out together. So the bound is

        ``max_book = min(O / s, O + C)``,

    which never rises when the own share rises or a cap falls. An own share of
    0 is pure loan facilitation: the banks fund every loan in full and the book
    is ``C`` (infinite if the banks have no limit at all).

    Parameters
    ----------
    equity : float
        Net assets of the lending entity, RMB bn, > 0.
    rules : SupplyRules
        The rule levers (see :data:`~lessons.regulation.regimes.REGIMES`).
    partners : PartnerBanks, optional
        The partner banks (illustrative defaults).

    Returns
    -------
    LoanBook

    Examples
    --------
    >>> book = max_loan_book(10, POST_2021)
    >>> round(book.max_book), round(book.multiplier), book.binding
    (333, 33, 'own funding')
    >>> round(max_loan_book(10, PRE_2020).multiplier), round(max_loan_book(10, RULE_SETS["draft_2020"]).multiplier)
    (75, 20)
    >>> max_loan_book(10, RULE_SETS["facilitation"], PartnerBanks(appetite=0.015)).max_book
    300.0
    """
    equity = as_number("equity", equity, low=0, low_open=True, high=1e6)
    if not isinstance(rules, SupplyRules):
        raise TypeError(f"rules must be a SupplyRules; got {type(rules).__name__}")
    if partners is None:
        partners = PartnerBanks()
    if not isinstance(partners, PartnerBanks):
        raise TypeError(f"partners must be a PartnerBanks; got {type(partners).__name__}")
    own_capacity = equity * rules.own_capacity_multiple()
    per_bank = math.inf
    if rules.per_partner_cap is not None:
        per_bank = min(per_bank, rules.per_partner_cap * partners.tier1_capital)
    if rules.total_colending_cap is not None:
        per_bank = min(per_bank, rules.total_colending_cap * partners.total_loans * partners.platform_slice)
    if partners.appetite is not None:
        per_bank = min(per_bank, partners.appetite * partners.total_loans)
    partner_capacity = partners.n_banks * per_bank
    if rules.own_share == 0:  # pure facilitation: the banks fund whole loans
        return LoanBook(equity, own_capacity, partner_capacity, partner_capacity, 0.0, "partner limits")
    by_own = own_capacity / rules.own_share
    both = own_capacity + partner_capacity
    if by_own <= both:
        return LoanBook(equity, own_capacity, partner_capacity, by_own, rules.own_share, "own funding")
    return LoanBook(equity, own_capacity, partner_capacity, both, own_capacity / both, "partner limits")


def _rules_list(configurations: Any) -> list[SupplyRules]:
    """``configurations`` as a non-empty list of :class:`SupplyRules`, or a ValueError naming it."""
    allowed = "a non-empty sequence of SupplyRules (such as (PRE_2020, POST_2021))"
    if isinstance(configurations, SupplyRules):
        raise ValueError(f"configurations must be {allowed}; got one SupplyRules: wrap it in a tuple")
    if isinstance(configurations, (str, bytes, Mapping, pd.DataFrame, pd.Series)) or not isinstance(
        configurations, Iterable
    ):
        raise ValueError(f"configurations must be {allowed}; got {describe(configurations)}")
    items = list(configurations)
    if not items:
        raise ValueError(f"configurations must be {allowed}; got an empty {type(configurations).__name__}")
    for item in items:
        if not isinstance(item, SupplyRules):
            raise ValueError(f"configurations must be {allowed}; got an item {describe(item)}")
    return items


def supply_comparison(
    equity: float = 10.0,
    configurations: Sequence[SupplyRules] = (PRE_2020, POST_2021),
    partners: PartnerBanks | None = None,
) -> pd.DataFrame:
    """One row per rule configuration: capacities, the maximum book and loans per yuan of equity.

    All configurations share the same ``partners``; :func:`regime_comparison` instead gives each regime its own.

    Examples
    --------
    >>> supply_comparison()["loans_per_yuan_of_equity"].round(1).tolist()
    [75.0, 33.3]
    """
    configurations = _rules_list(configurations)
    rows = []
    for rules in configurations:  # a handful of configurations
        book = max_loan_book(equity, rules, partners)
        rows.append(
            {
                "configuration": rules.label,
                "own_share": rules.own_share,
                "borrowing_multiple": rules.borrowing_multiple,
                "abs_multiple": rules.abs_multiple,
                "capital_ratio": rules.capital_ratio,
                "per_partner_cap": rules.per_partner_cap,
                "total_colending_cap": rules.total_colending_cap,
                "own_capacity": book.own_capacity,
                "partner_capacity": book.partner_capacity,
                "max_book": book.max_book,
                "loans_per_yuan_of_equity": book.multiplier,
                "binding": book.binding,
            }
        )
    return pd.DataFrame(rows)


def regime_comparison(equity_multiple: float = 1.0, *, demand_per_equity: float | None = None) -> pd.DataFrame:
    """One row per regime of :data:`~lessons.regulation.regimes.REGIMES`, each with its own rules and partner banks.

    Equity is ``BASE_EQUITY × equity_multiple`` (RMB bn) and demand
    ``DEMAND_PER_EQUITY × BASE_EQUITY`` (illustrative, not calibrated to Ant Group).

    Returns
    -------
    DataFrame with columns ``regime``, ``key``, ``status``, ``own_share``, ``own_capacity``,
    ``partner_capacity``, ``max_book`` (RMB bn), ``loans_per_yuan_of_equity``, ``binding`` and
    ``share_of_demand_served``.

    Examples
    --------
    >>> table = regime_comparison()
    >>> table["key"].tolist()
    ['microlender', 'draft_2020', 'consumer_finance', 'facilitation']
    >>> table["share_of_demand_served"].round(3).tolist()
    [1.0, 0.5, 0.833, 0.75]
    """
    rows = []
    for key, r in REGIMES.items():  # four regimes
        out = supply_outcome(None, key, equity_multiple, **({} if demand_per_equity is None else
                                                            {"demand_per_equity": demand_per_equity}))
        book = out["book"]
        rows.append(
            {
                "regime": r.name,
                "key": key,
                "status": r.status,
                "own_share": r.rules.own_share,
                "own_capacity": book.own_capacity,
                "partner_capacity": book.partner_capacity,
                "max_book": book.max_book,
                "loans_per_yuan_of_equity": book.multiplier,
                "binding": book.binding,
                "share_of_demand_served": out["served"],
            }
        )
    return pd.DataFrame(rows)


def multiplier_curve(
    own_shares: Sequence[float] | np.ndarray,
    rules: SupplyRules = POST_2021,
    partners: PartnerBanks | None = None,
    *,
    equity: float = 10.0,
) -> pd.DataFrame:
    """Loans per yuan of equity as the own share varies, other levers as in ``rules``.

    ``equity`` (RMB bn) matters because the partner banks' room is an amount, not a multiple.

    Examples
    --------
    >>> multiplier_curve([0.1, 0.3])["loans_per_yuan_of_equity"].round(1).tolist()
    [60.0, 33.3]
    """
    shares = as_float_array("own_shares", own_shares, low=1e-9, high=1.0)
    if not isinstance(rules, SupplyRules):
        raise ValueError(f"rules must be a SupplyRules (such as PRE_2020, POST_2021 or RULE_SETS[key]); got {describe(rules)}")
    books = [max_loan_book(equity, replace(rules, own_share=float(s)), partners) for s in shares]
    return pd.DataFrame(
        {
            "own_share": shares,
            "loans_per_yuan_of_equity": [b.multiplier for b in books],
            "binding": [b.binding for b in books],
        }
    )


# ---------------------------------------------------------------------------
# Rationing a smaller loan book with Chapter 1's scores
# ---------------------------------------------------------------------------

#: Share of applicants the platform approves when supply does not bind (illustrative, not calibrated to Ant Group).
BASE_APPROVAL_RATE = 0.70

#: Loan demand at the base approval rate, in yuan per yuan of the platform's original equity (illustrative, not
#: calibrated to Ant Group). With the pre-2020 rules the platform could lend far more than this, so its cut-off
#: was set by risk alone; with the post-2020 rules it can lend half of it.
DEMAND_PER_EQUITY = 40.0

#: Equity of the platform's lending entity before any capital increase, RMB bn (illustrative).
BASE_EQUITY = 10.0

#: Readable names of Chapter 1's segment columns.
SEGMENT_NAMES: Mapping[str, str] = {
    "thin_file": "Credit record",
    "age_band": "Age band",
    "city_tier": "City tier",
    "business_owner": "Occupation",
}

def scored_population(applicants: pd.DataFrame, model: credit.PlatformModel | None = None) -> pd.DataFrame:
    """Chapter 1's score for every applicant, beside the columns this chapter segments by.

    Uses :func:`lessons.credit.fit_platform_model` and
    :func:`lessons.credit.score_applicants` (imported, not copied), so the
    people rationed here are scored exactly as in Chapter 1.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants`.
    model : lessons.credit.PlatformModel, optional
        Fitted on ``applicants`` with Chapter 1's default features if omitted.

    Returns
    -------
    DataFrame with columns ``score`` (points, higher = safer), ``default``,
    Chapter 1's segment columns (:data:`lessons.credit.SEGMENT_COLUMNS`) and
    their readable labels (``<segment>_label``, from :func:`lessons.credit.segment_labels`).

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> scored = scored_population(synthetic_applicants(n=2000, seed=1))
    >>> list(scored.columns[:3]), bool(scored["score"].between(300, 900).all())
    (['score', 'default', 'thin_file'], True)
    """
    require_columns("applicants", applicants, ["default", *credit.SEGMENT_COLUMNS])
    if model is None:
        model = credit.fit_platform_model(applicants)
    scores = credit.score_applicants(model, applicants)
    out = applicants[["default", *credit.SEGMENT_COLUMNS]].reset_index(drop=True).copy()
    out.insert(0, "score", np.asarray(scores, dtype=float))
    for segment in credit.SEGMENT_COLUMNS:
        out[f"{segment}_label"] = credit.segment_labels(out, segment).to_numpy()
    return out


def served_share(max_book: float, demand: float) -> float:
    """Share of demand that a loan book of ``max_book`` can serve: ``min(1, max_book / demand)``.

    Examples
    --------
    >>> served_share(20, 40), served_share(450, 40)
    (0.5, 1.0)
    """
    max_book = as_number("max_book", max_book, low=0)
    demand = as_number("demand", demand, low=0, low_open=True)
    return min(1.0, max_book / demand)


def implied_cutoff(
    scores: Sequence[float] | np.ndarray, served: float, *, base_approval_rate: float = BASE_APPROVAL_RATE
) -> float:
    """The cut-off that rations supply: approve the best ``base_approval_rate × served`` of applicants.

    Every approved applicant is assumed to borrow the same amount (an
    illustrative simplification), so serving a share ``served`` of demand means
    approving that share of the applicants approved when supply is ample. The
    platform keeps the highest scores, so the cut-off is Chapter 1's
    :func:`lessons.credit.cutoff_for_approval_rate` at the smaller rate. It
    never falls when supply falls.

    Parameters
    ----------
    scores : array-like
        Chapter 1 scores (higher = safer).
    served : float
        Share of demand served, in [0, 1].
    base_approval_rate : float
        Approval rate when supply does not bind, in (0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> implied_cutoff([500, 550, 600, 650, 700, 750, 800, 850, 900, 950], 0.5, base_approval_rate=0.8)
    800.0
    """
    scores = as_float_array("scores", scores)
    served = as_number("served", served, low=0, high=1)
    base_approval_rate = as_number("base_approval_rate", base_approval_rate, low=0, high=1, low_open=True)
    return float(credit.cutoff_for_approval_rate(scores, base_approval_rate * served))


def supply_outcome(
    own_share: float | None,
    rules: str | SupplyRules = "post",
    equity_multiple: float = 1.0,
    *,
    partners: PartnerBanks | None = None,
    demand_per_equity: float = DEMAND_PER_EQUITY,
) -> dict[str, Any]:
    """The supply side of the widget: the book, loans per yuan of equity and the share of demand served.

    ``rules`` is a regime key of :data:`~lessons.regulation.regimes.REGIMES`
    (``"microlender"``, ``"draft_2020"``, ``"consumer_finance"``,
    ``"facilitation"``), one of the older keys ``"pre"`` / ``"post"``, or a
    :class:`~lessons.regulation.regimes.SupplyRules`. ``own_share`` replaces the rules' own share; ``None``
    keeps it. With a regime key, ``partners`` defaults to the regime's partner
    banks. Equity is ``BASE_EQUITY × equity_multiple``; demand is
    ``demand_per_equity × BASE_EQUITY`` (illustrative).

    Examples
    --------
    >>> out = supply_outcome(0.30, "post")
    >>> round(out["multiplier"], 1), round(out["served"], 3)
    (33.3, 0.833)
    >>> round(supply_outcome(None, "draft_2020")["served"], 3), supply_outcome(None, "facilitation", 2.0)["served"]
    (0.5, 0.75)
    """
    if isinstance(rules, str):
        require_choice("rules", rules, list(RULE_SETS))
        chosen = regime(rules)
        rules = chosen.rules
        if partners is None:
            partners = chosen.partners
    if not isinstance(rules, SupplyRules):
        raise TypeError(f"rules must be a regime key or a SupplyRules; got {type(rules).__name__}")
    equity_multiple = as_number("equity_multiple", equity_multiple, low=0, low_open=True, high=100)
    demand_per_equity = as_number("demand_per_equity", demand_per_equity, low=0, low_open=True)
    if own_share is not None:
        rules = replace(rules, own_share=own_share)
    book = max_loan_book(BASE_EQUITY * equity_multiple, rules, partners)
    demand = demand_per_equity * BASE_EQUITY
    return {
        "book": book,
        "multiplier": book.multiplier,
        "demand": demand,
        "served": served_share(book.max_book, demand),
    }


def capital_needed(rules: str | SupplyRules = "consumer_finance", *, demand_per_equity: float = DEMAND_PER_EQUITY) -> float:
    """Smallest equity multiple at which the book serves all demand (``inf`` if no amount of equity does).

    With own capacity ``O₁`` at the base equity and partner capacity ``C``, the
    book at an equity multiple ``m`` is ``min(m·O₁/s, m·O₁ + C)``, so demand
    ``D`` is met from ``m = max(D·s/O₁, (D − C)/O₁)``. Under pure facilitation
    (``s = 0``) equity does not move the book: the answer is 0 if the banks
    cover demand and ``inf`` if they do not.

    Examples
    --------
    >>> round(capital_needed("consumer_finance"), 2), round(capital_needed("draft_2020"), 2)
    (1.2, 2.0)
    >>> round(capital_needed("microlender"), 3), capital_needed("facilitation")
    (0.533, inf)
    """
    if isinstance(rules, str):
        require_choice("rules", rules, list(RULE_SETS))
        chosen = regime(rules)
        rules, partners = chosen.rules, chosen.partners
    else:
        partners = PartnerBanks()
    if not isinstance(rules, SupplyRules):
        raise TypeError(f"rules must be a regime key or a SupplyRules; got {type(rules).__name__}")
    demand = as_number("demand_per_equity", demand_per_equity, low=0, low_open=True) * BASE_EQUITY
    book = max_loan_book(BASE_EQUITY, rules, partners)
    if rules.own_share == 0:
        return 0.0 if book.partner_capacity >= demand else math.inf
    return max(demand * rules.own_share / book.own_capacity, (demand - book.partner_capacity) / book.own_capacity)


def _segment_list(segments: Any) -> list[str]:
    """``segments`` as a list of Chapter 1's segment columns (one name alone is allowed), or a ValueError."""
    if isinstance(segments, str):
        segments = [segments]
    elif isinstance(segments, (bytes, Mapping, pd.DataFrame)) or not isinstance(segments, Iterable):
        allowed = ", ".join(repr(c) for c in credit.SEGMENT_COLUMNS)
        raise ValueError(f"segments must be a sequence of segment columns from {allowed}; got {describe(segments)}")
    segments = list(segments)
    for segment in segments:
        require_choice("segments", segment, credit.SEGMENT_COLUMNS)
    return segments


def rationing_by_segment(
    scored: pd.DataFrame,
    served: float,
    *,
    base_approval_rate: float = BASE_APPROVAL_RATE,
    segments: Sequence[str] = tuple(SEGMENT_NAMES),
) -> pd.DataFrame:
    """Who loses access when only a share ``served`` of demand can be met, segment by segment.

    The cut-offs come from Chapter 1's :func:`lessons.credit.cutoff_for_approval_rate`
    (through :func:`implied_cutoff`) and the counts from Chapter 1's
    :func:`lessons.credit.approval_by_segment`, applied at the rationed cut-off
    to the applicants approved at the base cut-off.

    Parameters
    ----------
    scored : DataFrame
        From :func:`scored_population`.
    served : float
        Share of demand served, in [0, 1].
    base_approval_rate : float
        Approval rate when supply does not bind.
    segments : sequence of str
        Segment columns (from :data:`lessons.credit.SEGMENT_COLUMNS`); one name alone is allowed.

    Returns
    -------
    DataFrame with ``dimension``, ``segment``, ``applicants``, ``approval_base``,
    ``approval_rationed`` and ``lose_access`` (the share of the segment's
    previously approved applicants who are no longer approved), plus a first
    row for everyone. ``table.attrs`` holds ``base_cutoff`` and ``cutoff``.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> table = rationing_by_segment(scored_population(synthetic_applicants(n=2000, seed=1)), 0.5)
    >>> round(float(table.loc[0, "lose_access"]), 2), table.attrs["cutoff"] > table.attrs["base_cutoff"]
    (0.5, True)
    """
    segments = _segment_list(segments)
    require_columns("scored", scored, ["score", *segments])
    served = as_number("served", served, low=0, high=1, low_open=True)
    scores = column_values("scored", scored, "score")
    base_cut = implied_cutoff(scores, 1.0, base_approval_rate=base_approval_rate)
    new_cut = implied_cutoff(scores, served, base_approval_rate=base_approval_rate)
    # Every applicant appears once per dimension in one long integer-coded column, so that Chapter 1's
    # approval_by_segment runs twice in all (not twice per dimension): this keeps a widget update fast.
    names: list[tuple[str, str]] = [("All", "all applicants")]
    parts = [np.zeros(len(scored), dtype=np.int64)]
    for segment in segments:  # four segmentations
        column = f"{segment}_label"
        labels = scored[column] if column in scored.columns else credit.segment_labels(scored, segment)
        codes, uniques = pd.factorize(labels, sort=True)
        parts.append(codes.astype(np.int64) + len(names))
        names.extend((SEGMENT_NAMES.get(segment, segment), str(u)) for u in uniques)
    long_codes = np.concatenate(parts)
    long_scores = np.tile(scores, len(parts))
    applicants = np.bincount(long_codes, minlength=len(names))
    # Chapter 1's approval_by_segment on the applicants approved at the base cut-off: its "applicants" column is
    # then each segment's previously approved count, and its "approved" column those who keep access.
    was_approved = long_scores >= base_cut
    kept = credit.approval_by_segment(long_scores[was_approved], long_codes[was_approved], new_cut)
    approved_before = np.zeros(len(names))
    approved_after = np.zeros(len(names))
    codes = kept["segment"].to_numpy(dtype=np.int64)
    approved_before[codes] = kept["applicants"].to_numpy(dtype=float)
    approved_after[codes] = kept["approved"].to_numpy(dtype=float)
    table = pd.DataFrame(
        {
            "dimension": [d for d, _ in names],
            "segment": [g for _, g in names],
            "applicants": applicants,
            "approval_base": approved_before / np.maximum(applicants, 1),
            "approval_rationed": approved_after / np.maximum(applicants, 1),
        }
    )
    table["lose_access"] = np.where(
        approved_before > 0, 1.0 - approved_after / np.maximum(approved_before, 1.0), np.nan
    )
    table = table[table["applicants"] > 0].reset_index(drop=True)
    table.attrs["base_cutoff"] = base_cut
    table.attrs["cutoff"] = new_cut
    return table


def rationing_summary(
    scored: pd.DataFrame,
    configurations: Mapping[str, tuple[float, str, float]] | None = None,
    *,
    base_approval_rate: float = BASE_APPROVAL_RATE,
) -> pd.DataFrame:
    """One row per configuration: loans per yuan of equity, share of demand served, approval rate and cut-off.

    ``configurations`` maps a label to ``(own_share, rules, equity_multiple)``,
    as for :func:`supply_outcome` (``own_share`` ``None`` keeps the regime's).
    The default has one row per regime of
    :data:`~lessons.regulation.regimes.REGIMES` at the base equity, and the
    consumer-finance company with its equity raised as Ant Consumer Finance's
    registered capital was, from RMB 8 bn to 23 bn.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> summary = rationing_summary(scored_population(synthetic_applicants(n=2000, seed=1)))
    >>> summary["share_of_demand_served"].round(3).tolist()
    [1.0, 0.5, 0.833, 1.0, 0.75]
    """
    require_columns("scored", scored, ["score"])
    base_approval_rate = as_number("base_approval_rate", base_approval_rate, low=0, high=1, low_open=True)
    if configurations is None:
        raised = ANT_CONSUMER_FINANCE_CAPITAL["2023-12"] / ANT_CONSUMER_FINANCE_CAPITAL["2021-06"]
        configurations = {
            **{r.name: (None, key, 1.0) for key, r in REGIMES.items() if key != "facilitation"},
            "Consumer-finance company, equity × 23/8": (None, "consumer_finance", raised),
            REGIMES["facilitation"].name: (None, "facilitation", 1.0),
        }
    allowed = "a non-empty mapping label → (own_share, rules, equity_multiple)"
    if not isinstance(configurations, Mapping) or not configurations:
        raise ValueError(f"configurations must be {allowed}; got {describe(configurations)}")
    for label, value in configurations.items():
        if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)) or len(value) != 3:
            raise ValueError(f"configurations must be {allowed}; got {label!r}: {describe(value)}")
    scores = column_values("scored", scored, "score")
    rows = []
    for label, (share, rules, multiple) in configurations.items():  # a handful of configurations
        out = supply_outcome(share, rules, multiple)
        rows.append(
            {
                "configuration": label,
                "loans_per_yuan_of_equity": out["multiplier"],
                "share_of_demand_served": out["served"],
                "approval_rate": base_approval_rate * out["served"],
                "cutoff": implied_cutoff(scores, out["served"], base_approval_rate=base_approval_rate),
            }
        )
    return pd.DataFrame(rows)
