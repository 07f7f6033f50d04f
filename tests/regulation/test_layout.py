"""The shape of the lessons.regulation package: models never import figures, every old name still works."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import lessons.regulation as regulation

PACKAGE = Path(regulation.__file__).resolve().parent
#: Modules that compute; only ``figures`` draws, words alt text and builds widget frames.
MODEL_MODULES = ("timeline", "cost_of_credit", "credit_supply", "credit_reporting", "_checks")
#: The public names of the single module ``lessons/regulation.py`` before it became this package (its imported
#: helpers from lessons._validation and lessons.plotting left out): they must all still work.
OLD_PUBLIC_NAMES = (
    "BASE_APPROVAL_RATE", "BASE_EQUITY", "COMPOUNDING", "DAYS_PER_YEAR", "DEMAND_PER_EQUITY", "INSTALLMENT_FEES",
    "InstallmentRates", "LoanBook", "LoanCost", "POST_2021", "PRE_2020", "PartnerBanks", "RULE_SETS",
    "SEGMENT_NAMES", "SupplyRules", "TIMELINE_CATEGORIES", "annual_to_daily", "cost_view", "daily_rate_table",
    "daily_to_annual", "implied_cutoff", "installment_cash_flows", "installment_rates", "installment_table", "irr",
    "judicial_cap", "loan_cost", "lpr_history", "max_loan_book", "multiplier_curve", "percent_view",
    "plot_installment_rates", "plot_multiplier_curve", "plot_rationing", "plot_timeline", "plot_visibility",
    "rationing_by_segment", "rationing_summary", "regulation_timeline", "reporting_view", "rule_of_thumb_apr",
    "scored_population", "served_share", "supply_comparison", "supply_outcome", "supply_view", "timeline_table",
    "timeline_view", "visibility_comparison", "visibility_scores",
)


def _imported_modules(path: Path) -> set[str]:
    """Every module a source file imports, at the top or inside a function, as an absolute dotted name."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import: resolve against lessons.regulation
                base = "lessons.regulation" + (f".{base}" if base else "")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("module", MODEL_MODULES)
def test_model_modules_never_import_figures_views_or_chart_drawing(module):
    imported = _imported_modules(PACKAGE / f"{module}.py")
    forbidden = {"lessons.regulation.figures", "lessons.regulation.views", "lessons.plotting", "matplotlib"}
    assert not {name for name in imported if any(name == f or name.startswith(f + ".") for f in forbidden)}


def test_every_source_file_of_the_package_is_a_model_module_figures_or_the_package():
    files = {p.stem for p in PACKAGE.glob("*.py")}
    assert files == {*MODEL_MODULES, "figures", "__init__"}


def test_no_source_file_of_the_package_is_over_800_lines():
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 800, path.name


@pytest.mark.parametrize("name", OLD_PUBLIC_NAMES)
def test_every_public_name_of_the_old_module_is_still_on_the_package(name):
    assert hasattr(regulation, name)


def test_the_package_exports_exactly_what_its_modules_own_and_each_name_has_one_owner():
    owners: dict[str, str] = {}
    for module in [m for m in MODEL_MODULES if not m.startswith("_")] + ["figures"]:
        mod = importlib.import_module(f"lessons.regulation.{module}")
        for name in mod.__all__:
            assert name not in owners, f"{name} is exported by {owners.get(name)} and {module}"
            owners[name] = module
            obj = getattr(mod, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                assert obj.__module__ == mod.__name__, f"{name} is listed by {module} but defined elsewhere"
            assert getattr(regulation, name) is obj
    assert set(regulation.__all__) == set(owners)
