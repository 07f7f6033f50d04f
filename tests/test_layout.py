"""The layout of the chapter packages (issue 12): one module per page, models apart from figures.

For every chapter package of :mod:`lessons`:

- a model module never imports figures or chart making (its chapter's ``figures``/``views``,
  :mod:`lessons.plotting`, :mod:`lessons.svg`, :mod:`lessons.widgets`, matplotlib), not even inside a function;
- at module level a chapter imports only earlier chapters (credit < regulation < sme < remedies), so there are no
  import cycles; later chapters are imported inside functions;
- every public name is owned by exactly one module and re-exported, as the same object, by the package;
- every public name the single-file module had before the split still works (``from lessons import credit``,
  ``credit.cutoff_study``), except names retired on purpose;
- no module is named like a public name of its package (the re-export would hide the module);
- no source file of :mod:`lessons` is longer than 800 lines;
- the course has one consumer loss given default, :data:`lessons.credit.cutoffs.CONSUMER_LGD`.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import lessons

CHAPTERS = ("credit", "regulation", "sme", "remedies")
SOURCE = Path(lessons.__file__).resolve().parent
FIGURE_MODULES = {"figures", "views"}
DRAWING = ("lessons.plotting", "lessons.svg", "lessons.widgets", "matplotlib")
MAX_LINES = 800

# Every public name of each single-file chapter module before it became a package (its ``__all__``).
OLD_PUBLIC_NAMES: dict[str, tuple[str, ...]] = {
    "credit": (
        "ALL_MODEL_FEATURES", "ALTERNATIVE_DATA_FEATURES", "BASE_ODDS", "BASE_POINTS", "CutoffStudy",
        "EXAMPLE_PROFILES", "FEATURE_TRANSFORMS", "GermanStudy", "IV_BANDS", "KEY_SEGMENTS", "LIMIT_CAPS",
        "LimitPolicy", "OUTCOMES", "PDO", "PLATFORM_FEATURES", "PRESCREEN_FEATURES", "PRODUCT_A", "PRODUCT_B",
        "PRODUCT_COMBINATIONS", "PROTECTED_FEATURES", "PlatformModel", "ProductPolicy", "ProfitAssumptions",
        "REASON_TEXT", "REGULATORY_REGIMES", "REVIEW_ACTIONS", "ReviewSetup", "SCORE_RANGE", "SEGMENT_COLUMNS",
        "TwoStageSetup", "WoeScorecard", "approval_by_segment", "approval_curve", "assign_limits", "auc",
        "behaviour_snapshot", "coefficient_table", "cutoff_for_approval_rate", "cutoff_for_bad_rate",
        "cutoff_study", "cutoff_view", "cuts_by_segment", "design_columns", "design_matrix", "example_applicants",
        "expected_loss", "expected_profit", "fit_platform_model", "fit_woe_scorecard", "german_candidates",
        "german_scorecard_study", "gini", "holdings_by_segment", "information_value", "iv_band", "iv_summary",
        "ks_statistic", "log_odds", "outcome_by_segment", "pd_from_points", "plot_outcomes", "plot_reason_codes",
        "plot_review_cuts", "plot_roc_ks", "plot_score_distributions", "plot_segment_approval", "plot_tradeoff",
        "plot_woe", "points_from_odds", "points_from_pd", "predict_pd", "prepare_reviews", "prepare_two_stage",
        "product_decisions", "products_view", "reason_codes", "reasons_view", "regulatory_cap", "review_decisions",
        "review_table", "review_view", "scaling_constants", "score_applicants", "score_woe", "scorecard_points",
        "segment_approval_table", "segment_labels", "share_by_key_segments", "split_sample", "stale_snapshot",
        "tradeoff_table", "two_stage_decisions", "two_stage_view", "woe_table", "woe_view",
    ),
    "regulation": (
        "BASE_APPROVAL_RATE", "BASE_EQUITY", "COMPOUNDING", "DAYS_PER_YEAR", "DEMAND_PER_EQUITY",
        "INSTALLMENT_FEES", "InstallmentRates", "LoanBook", "LoanCost", "POST_2021", "PRE_2020", "PartnerBanks",
        "RULE_SETS", "SEGMENT_NAMES", "SupplyRules", "TIMELINE_CATEGORIES", "annual_to_daily", "cost_view",
        "daily_rate_table", "daily_to_annual", "implied_cutoff", "installment_cash_flows", "installment_rates",
        "installment_table", "irr", "judicial_cap", "loan_cost", "lpr_history", "max_loan_book",
        "multiplier_curve", "percent_view", "plot_installment_rates", "plot_multiplier_curve", "plot_rationing",
        "plot_timeline", "plot_visibility", "rationing_by_segment", "rationing_summary", "regulation_timeline",
        "reporting_view", "rule_of_thumb_apr", "scored_population", "served_share", "supply_comparison",
        "supply_outcome", "supply_view", "timeline_table", "timeline_view", "visibility_comparison",
        "visibility_scores",
    ),
    "sme": (
        "BASE_APPROVAL_RATE", "BRIDGE_DURATIONS", "BRIDGE_GAPS", "CASH_FLOW_LAGS", "CASH_FLOW_LIMITS",
        "CASH_FLOW_PROFILES", "DAYS_PER_YEAR", "DEFAULT_LPR", "DOUBLE_11", "LinePolicy", "SCENARIOS",
        "SHORTFALL_WINDOW", "STOCKOUT_SHARE", "STRESS_CUT_DAYS", "STRESS_LIMITS", "ShopParams", "ShopPopulation",
        "Simulation", "StressResult", "TIGHTENING_RATES", "WEEKLY_PATTERN", "bridge_cost", "bridge_view",
        "cash_flow_view", "cash_identity_residual", "compare_policies", "describe_shop", "exposure_at_cut",
        "funding_options", "ledger", "limit_schedule", "planned_sales", "plot_bridge", "plot_policy_comparison",
        "plot_population", "plot_stress", "plot_year", "population_outcome", "receivables_in_transit",
        "sales_paths", "shop_population", "simulate", "stress_test", "stress_view", "supplier_spillover",
        "tighten_lines", "tightening_view", "year_summary",
    ),
    "remedies": (
        "AVERAGE_LINE", "DATA_SOURCE_LABELS", "DataStudy", "FAIRNESS_SEGMENTS", "IMMUTABLE_FEATURES",
        "NOTICE_DEFAULTS", "NOT_ACTIONABLE", "POLICY_RULES", "POLICY_RULE_LABELS", "POLICY_SCENARIOS",
        "POPULAR_TIPS", "PolicyLab", "RECOURSE_ACTIONS", "RecourseAction", "RecoursePlan", "Tip", "actions_table",
        "applicant_recourse", "apply_plan", "data_comparison", "data_metrics", "data_study", "data_view",
        "fairness_comparison", "fairness_gaps", "group_fairness", "in_sample_fit", "metrics_table",
        "notice_tradeoff", "notice_view", "plan_table", "plot_data_comparison", "plot_group_approval",
        "plot_notice_tradeoff", "plot_policy_space", "plot_recourse", "plot_tips", "policy_lab", "policy_outcome",
        "policy_scenarios", "policy_view", "recourse_plan", "recourse_problem", "recourse_summary",
        "recourse_view", "tip_effects",
    ),
}
# Names retired on purpose: the course has ONE consumer LGD, lessons.credit.cutoffs.CONSUMER_LGD (issue 13).
RETIRED = {"remedies": ("CONSUMER_LGD",)}


def _modules(chapter: str) -> list[str]:
    return sorted(p.stem for p in (SOURCE / chapter).glob("*.py") if p.stem != "__init__")


def _imports(path: Path, package: str, *, top_level_only: bool) -> set[str]:
    """Absolute names of what a source file imports (relative imports resolved in ``package``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = package + (f".{base}" if base else "")
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _matches(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


MODEL_MODULES = [(c, m) for c in CHAPTERS for m in _modules(c) if m not in FIGURE_MODULES]


@pytest.mark.parametrize("chapter,module", MODEL_MODULES, ids=[f"{c}.{m}" for c, m in MODEL_MODULES])
def test_a_model_module_never_imports_figures_or_chart_making(chapter: str, module: str) -> None:
    imported = _imports(SOURCE / chapter / f"{module}.py", f"lessons.{chapter}", top_level_only=False)
    figures = tuple(f"lessons.{c}.{f}" for c in CHAPTERS for f in FIGURE_MODULES)
    bad = sorted(n for n in imported if _matches(n, figures + DRAWING))
    assert not bad, f"lessons.{chapter}.{module} imports {bad}: drawing belongs in lessons.{chapter}.figures"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapter_imports_only_earlier_chapters_at_module_level(chapter: str) -> None:
    later = tuple(f"lessons.{c}" for c in CHAPTERS[CHAPTERS.index(chapter) + 1 :])
    for path in (SOURCE / chapter).glob("*.py"):
        bad = sorted(n for n in _imports(path, f"lessons.{chapter}", top_level_only=True) if _matches(n, later))
        assert not bad, f"{path.name} imports {bad} at module level: import later chapters inside functions"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_public_name_has_one_owning_module_and_the_package_re_exports_it(chapter: str) -> None:
    package = importlib.import_module(f"lessons.{chapter}")
    owners: dict[str, str] = {}
    for module in _modules(chapter):
        if module.startswith("_"):
            continue
        for name in importlib.import_module(f"lessons.{chapter}.{module}").__all__:
            assert name not in owners, f"{name} is owned by both {owners[name]} and {module}"
            owners[name] = module
    assert set(owners) == set(package.__all__)
    for name, module in owners.items():
        assert getattr(package, name) is getattr(importlib.import_module(f"lessons.{chapter}.{module}"), name)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_name_of_the_old_single_module_still_works(chapter: str) -> None:
    package = importlib.import_module(f"lessons.{chapter}")
    missing = [n for n in OLD_PUBLIC_NAMES[chapter] if not hasattr(package, n) or n not in package.__all__]
    assert not missing, f"lessons.{chapter} lost {missing}"
    for name in RETIRED.get(chapter, ()):
        assert not hasattr(package, name)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_module_is_named_like_a_public_name_of_its_package(chapter: str) -> None:
    package = importlib.import_module(f"lessons.{chapter}")
    assert not set(_modules(chapter)) & set(package.__all__)


def test_no_source_file_is_longer_than_800_lines() -> None:
    long = {
        str(p.relative_to(SOURCE)): n
        for p in SOURCE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_the_course_has_one_consumer_loss_given_default() -> None:
    from lessons.credit.cutoffs import CONSUMER_LGD

    assert 0 < CONSUMER_LGD <= 1
    owners = [
        str(p.relative_to(SOURCE))
        for p in SOURCE.rglob("*.py")
        if any(
            isinstance(node, (ast.Assign, ast.AnnAssign))
            and any(isinstance(t, ast.Name) and "LGD" in t.id for t in getattr(node, "targets", [getattr(node, "target", None)]))
            for node in ast.parse(p.read_text(encoding="utf-8")).body
        )
    ]
    assert owners == ["credit/cutoffs.py"]
    for chapter in CHAPTERS:
        for path in (SOURCE / chapter).glob("*.py"):
            assert "foundation-IRB" not in path.read_text(encoding="utf-8"), path.name
