"""Chapter 2, regulation: the rules as data, the true cost of credit, credit supply and credit reporting.

One module serves each page of ``book/regulation/``; the figures and widget frames of all four pages are apart.

* :mod:`lessons.regulation.timeline` serves *Timeline* (``timeline.ipynb``): the rules and events of
  2017–2026 as a table, with a source key on every row; it also holds the ONE as-of date of the course's
  legal and market facts (:data:`~lessons.regulation.timeline.AS_OF`) and the latest event it could verify
  (:func:`~lessons.regulation.timeline.latest_event`).
* :mod:`lessons.regulation.cost_of_credit` serves *The true cost of credit* (``cost-of-credit.ipynb``):
  daily and annual rates, the IRR of an installment plan, the rule of thumb ``24·f/(n+1)``, the LPR, and the
  two price lines: 4 × LPR for private lending and the 24 % line licensed lenders work to.
* :mod:`lessons.regulation.regimes` holds the rules of that page as data: four named regimes (microlender
  before 2020, the November 2020 draft, the consumer-finance company from 2022, loan facilitation from
  October 2025), each saying which of its numbers are rules (cited) and which are illustrative.
* :mod:`lessons.regulation.credit_supply` serves *Capital, leverage and co-lending* (``credit-supply.ipynb``):
  the bound that equity, the own share, leverage caps or a capital ratio, and partner limits put on the loan
  book under each regime, and rationing by Chapter 1's score.
* :mod:`lessons.regulation.credit_reporting` serves *Credit reporting reform* (``credit-reporting.ipynb``):
  decisions when a lender can see all of a borrower's other lenders.
* :mod:`lessons.regulation.figures` holds the ``plot_*`` figures and ``*_view`` widget frames of those pages.

Every public name is re-exported here, so ``from lessons import regulation`` then ``regulation.loan_cost(...)``
works. Every parameter that is not a cited fact is illustrative, not calibrated to Ant Group; docstrings say
which is which.
"""

from __future__ import annotations

from lessons.regulation.cost_of_credit import (
    COMPOUNDING,
    DAYS_PER_YEAR,
    INSTALLMENT_FEES,
    InstallmentRates,
    LoanCost,
    annual_to_daily,
    daily_rate_table,
    daily_to_annual,
    installment_cash_flows,
    installment_rates,
    installment_table,
    irr,
    LICENSED_LENDER_LINE,
    fee_for_apr,
    judicial_cap,
    loan_cost,
    lpr_history,
    price_lines,
    rule_of_thumb_apr,
)
from lessons.regulation.figures import (
    cost_view,
    percent_view,
    plot_installment_rates,
    plot_multiplier_curve,
    plot_rationing,
    plot_timeline,
    plot_visibility,
    reporting_view,
    supply_view,
    timeline_view,
)
from lessons.regulation.credit_reporting import visibility_comparison, visibility_scores
from lessons.regulation.credit_supply import (
    BASE_APPROVAL_RATE,
    BASE_EQUITY,
    DEMAND_PER_EQUITY,
    SEGMENT_NAMES,
    LoanBook,
    capital_needed,
    implied_cutoff,
    max_loan_book,
    multiplier_curve,
    rationing_by_segment,
    rationing_summary,
    regime_comparison,
    scored_population,
    served_share,
    supply_comparison,
    supply_outcome,
)
from lessons.regulation.regimes import (
    ANT_CONSUMER_FINANCE_CAPITAL,
    LEVER_STATUSES,
    POST_2021,
    PRE_2020,
    REGIME_ALIASES,
    REGIMES,
    RULE_SETS,
    Lever,
    PartnerBanks,
    Regime,
    SupplyRules,
    regime,
    regime_levers,
)
from lessons.regulation.timeline import (
    AS_OF,
    TIMELINE_CATEGORIES,
    TIMELINE_STATUSES,
    as_of_label,
    latest_event,
    regulation_timeline,
    timeline_table,
)

__all__ = [
    # timeline
    "AS_OF",
    "TIMELINE_CATEGORIES",
    "TIMELINE_STATUSES",
    "regulation_timeline",
    "timeline_table",
    "latest_event",
    "as_of_label",
    # cost_of_credit
    "DAYS_PER_YEAR",
    "COMPOUNDING",
    "daily_to_annual",
    "annual_to_daily",
    "installment_cash_flows",
    "irr",
    "InstallmentRates",
    "installment_rates",
    "rule_of_thumb_apr",
    "INSTALLMENT_FEES",
    "installment_table",
    "daily_rate_table",
    "lpr_history",
    "judicial_cap",
    "LICENSED_LENDER_LINE",
    "price_lines",
    "fee_for_apr",
    "LoanCost",
    "loan_cost",
    # regimes
    "SupplyRules",
    "PartnerBanks",
    "Lever",
    "LEVER_STATUSES",
    "Regime",
    "REGIMES",
    "REGIME_ALIASES",
    "PRE_2020",
    "POST_2021",
    "RULE_SETS",
    "ANT_CONSUMER_FINANCE_CAPITAL",
    "regime",
    "regime_levers",
    # credit_supply
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
    # credit_reporting
    "visibility_scores",
    "visibility_comparison",
    # figures
    "percent_view",
    "plot_installment_rates",
    "cost_view",
    "plot_timeline",
    "timeline_view",
    "plot_multiplier_curve",
    "plot_rationing",
    "supply_view",
    "plot_visibility",
    "reporting_view",
]
