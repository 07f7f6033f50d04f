"""The layout of lessons.sme: models never import figures, and every old public name still works."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import lessons.sme as sme

PACKAGE = Path(sme.__file__).resolve().parent
MODEL_MODULES = ("shop", "stress", "alternatives", "population")
FIGURE_MODULES = ("figures",)
# What a model module must not import: the chapter's figures/widget frames, or chart making.
FORBIDDEN = ("lessons.sme.figures", "lessons.sme.views", "lessons.plotting", "lessons.widgets", "matplotlib")

# Every public name of the single-file lessons.sme (its ``__all__``) before it became a package.
OLD_PUBLIC_NAMES = (
    "BASE_APPROVAL_RATE", "BRIDGE_DURATIONS", "BRIDGE_GAPS", "CASH_FLOW_LAGS", "CASH_FLOW_LIMITS",
    "CASH_FLOW_PROFILES", "DAYS_PER_YEAR", "DEFAULT_LPR", "DOUBLE_11", "LinePolicy", "SCENARIOS",
    "SHORTFALL_WINDOW", "STOCKOUT_SHARE", "STRESS_CUT_DAYS", "STRESS_LIMITS", "ShopParams", "ShopPopulation",
    "Simulation", "StressResult", "TIGHTENING_RATES", "WEEKLY_PATTERN", "bridge_cost", "bridge_view",
    "cash_flow_view", "cash_identity_residual", "compare_policies", "describe_shop", "exposure_at_cut",
    "funding_options", "ledger", "limit_schedule", "planned_sales", "plot_bridge", "plot_policy_comparison",
    "plot_population", "plot_stress", "plot_year", "population_outcome", "receivables_in_transit",
    "sales_paths", "shop_population", "simulate", "stress_test", "stress_view", "supplier_spillover",
    "tighten_lines", "tightening_view", "year_summary",
)

# Public names added since (issue 13, Monte Carlo error): several policies at once, the tightening over seeds,
# and a short form of a simulated number with its error.
NEW_PUBLIC_NAMES = ("stress_tests", "policy_table", "TighteningStudy", "tightening_study", "with_error")


def _imported_modules(path: Path) -> set[str]:
    """Every module a source file imports (absolute names; relative imports resolved in lessons.sme)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = "lessons.sme" + (f".{base}" if base else "")
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def test_the_package_holds_exactly_the_expected_modules():
    found = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert found == set(MODEL_MODULES + FIGURE_MODULES)


@pytest.mark.parametrize("module", MODEL_MODULES)
def test_models_never_import_figures_or_chart_making(module):
    imported = _imported_modules(PACKAGE / f"{module}.py")
    bad = sorted(name for name in imported for forbidden in FORBIDDEN if name == forbidden or name.startswith(forbidden + "."))
    assert not bad, f"lessons.sme.{module} imports {bad}: figures and widget frames belong in lessons.sme.figures"


def test_no_source_file_is_over_800_lines():
    long = {p.name: n for p in PACKAGE.glob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 800}
    assert not long


def test_every_old_public_name_is_still_exported_by_the_package():
    assert not [name for name in OLD_PUBLIC_NAMES if not hasattr(sme, name)]
    assert set(sme.__all__) == set(OLD_PUBLIC_NAMES) | set(NEW_PUBLIC_NAMES)


def test_each_public_name_is_defined_once_in_the_module_that_owns_it():
    owners: dict[str, str] = {}
    for module in MODEL_MODULES + FIGURE_MODULES:
        for name in importlib.import_module(f"lessons.sme.{module}").__all__:
            assert name not in owners, f"{name} is in both {owners[name]} and {module}"
            owners[name] = module
    assert set(owners) == set(sme.__all__)
    for name, module in owners.items():
        assert getattr(sme, name) is getattr(importlib.import_module(f"lessons.sme.{module}"), name)


def test_the_shock_cache_lives_in_one_module_only():
    holders = [p.name for p in PACKAGE.glob("*.py") if "_SHOCK_CACHE:" in p.read_text(encoding="utf-8")]
    assert holders == ["shop.py"]
