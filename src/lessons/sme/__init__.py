"""Chapter 3, SME impact: what a cut credit line does to a small online shop's cash flow.

One module per page of ``book/sme-impact/`` that has models, and one for the figures:

* :mod:`lessons.sme.shop`: *A cash-flow model of a small online shop* (``shop-cash-flow.ipynb``):
  the shop and its line, sales paths, the daily simulation, the cash identity, the ledger and the year's summary;
* :mod:`lessons.sme.stress`: *Stress test: the line is cut* (``line-cut-stress.ipynb``):
  the Monte Carlo stress test with its errors, the platform's exposure, cut policies compared;
* :mod:`lessons.sme.alternatives`: *What else could fund the gap* (``alternatives.ipynb``):
  funding options as data, the cost of bridging a gap, receivables in transit;
* :mod:`lessons.sme.population`: *When many lines are cut at once* (``many-lines-cut.ipynb``):
  Chapter 1's business owners with shops, a segment-wide tightening, supplier spillover, and the
  tightening repeated over several seeds for its Monte Carlo error;
* :mod:`lessons.sme.figures`: every page's ``plot_*`` figures, ``*_view`` widget frames and widget grids.

Every public name is re-exported here, so ``from lessons import sme; sme.simulate(...)`` works
as well as ``from lessons.sme.shop import simulate``. All parameters are illustrative, not
calibrated to Ant Group or to any real shop.
"""

from __future__ import annotations

from lessons.sme.alternatives import DEFAULT_LPR, bridge_cost, funding_options, receivables_in_transit
from lessons.sme.figures import (
    BRIDGE_DURATIONS,
    BRIDGE_GAPS,
    CASH_FLOW_LAGS,
    CASH_FLOW_LIMITS,
    CASH_FLOW_PROFILES,
    STRESS_CUT_DAYS,
    STRESS_LIMITS,
    TIGHTENING_RATES,
    bridge_view,
    cash_flow_view,
    plot_bridge,
    plot_policy_comparison,
    plot_population,
    plot_stress,
    plot_year,
    stress_view,
    tightening_view,
    with_error,
)
from lessons.sme.population import (
    BASE_APPROVAL_RATE,
    STOCKOUT_SHARE,
    ShopPopulation,
    TighteningStudy,
    population_outcome,
    shop_population,
    supplier_spillover,
    tighten_lines,
    tightening_study,
)
from lessons.sme.shop import (
    DAYS_PER_YEAR,
    DOUBLE_11,
    SHORTFALL_WINDOW,
    WEEKLY_PATTERN,
    LinePolicy,
    ShopParams,
    Simulation,
    cash_identity_residual,
    describe_shop,
    ledger,
    limit_schedule,
    planned_sales,
    sales_paths,
    simulate,
    year_summary,
)
from lessons.sme.stress import (
    SCENARIOS,
    StressResult,
    compare_policies,
    exposure_at_cut,
    policy_table,
    stress_test,
    stress_tests,
)

__all__ = [
    # shop.py
    "DAYS_PER_YEAR",
    "DOUBLE_11",
    "WEEKLY_PATTERN",
    "SHORTFALL_WINDOW",
    "ShopParams",
    "LinePolicy",
    "Simulation",
    "limit_schedule",
    "planned_sales",
    "sales_paths",
    "simulate",
    "cash_identity_residual",
    "year_summary",
    "describe_shop",
    "ledger",
    # stress.py
    "SCENARIOS",
    "StressResult",
    "stress_test",
    "stress_tests",
    "exposure_at_cut",
    "policy_table",
    "compare_policies",
    # alternatives.py
    "DEFAULT_LPR",
    "funding_options",
    "bridge_cost",
    "receivables_in_transit",
    # population.py
    "STOCKOUT_SHARE",
    "BASE_APPROVAL_RATE",
    "ShopPopulation",
    "shop_population",
    "tighten_lines",
    "population_outcome",
    "supplier_spillover",
    "TighteningStudy",
    "tightening_study",
    # figures.py
    "with_error",
    "plot_year",
    "cash_flow_view",
    "plot_stress",
    "stress_view",
    "plot_policy_comparison",
    "plot_bridge",
    "bridge_view",
    "plot_population",
    "tightening_view",
    "CASH_FLOW_PROFILES",
    "CASH_FLOW_LAGS",
    "CASH_FLOW_LIMITS",
    "STRESS_CUT_DAYS",
    "STRESS_LIMITS",
    "BRIDGE_GAPS",
    "BRIDGE_DURATIONS",
    "TIGHTENING_RATES",
]
