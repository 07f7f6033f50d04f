"""The layout of :mod:`lessons.credit` (issue 12, "One page, one module").

Models never import the figures; every public name of the old single-file module is
still exported by the package; each public name has exactly one owning module; no
module grows past about 800 lines.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import lessons.credit as credit

PACKAGE = Path(credit.__file__).resolve().parent
FIGURE_MODULES = ("figures", "views")
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
MODEL_MODULES = [m for m in MODULES if m not in FIGURE_MODULES]
DRAWING = ("lessons.credit.figures", "lessons.credit.views", "lessons.plotting", "lessons.widgets")
MAX_LINES = 800

# sorted(n for n in dir(old lessons.credit) if not n.startswith("_")), minus imported modules and typing names,
# recorded before the old src/lessons/credit.py was split into this package
OLD_PUBLIC_NAMES = (
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
)


def _imported_names(path: Path) -> set[str]:
    """Every module (and ``module.name``) a file imports, lazy in-function imports included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(["lessons", "credit"][: max(0, 3 - node.level)])  # level 1: lessons.credit
                module = ".".join(part for part in (base, node.module) if part)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_the_package_has_model_modules_and_a_figures_module():
    assert "figures" in MODULES
    assert {"scaling", "scorecard", "platform_model", "cutoffs", "limits", "reviews"} <= set(MODEL_MODULES)


@pytest.mark.parametrize("module", MODEL_MODULES)
def test_models_never_import_figures_or_drawing_code(module):
    imported = _imported_names(PACKAGE / f"{module}.py")
    drawing = sorted(name for name in imported for banned in DRAWING if name == banned or name.startswith(banned + "."))
    assert not drawing, f"lessons.credit.{module} is a model module but imports {drawing}"


def test_every_public_name_of_the_old_module_is_still_exported():
    missing = [name for name in OLD_PUBLIC_NAMES if not hasattr(credit, name)]
    assert not missing
    assert set(OLD_PUBLIC_NAMES) <= set(credit.__all__)


def test_every_public_name_has_exactly_one_owning_module_and_the_package_re_exports_it():
    owners: dict[str, list[str]] = {}
    for module in MODULES:
        for name in getattr(importlib.import_module(f"lessons.credit.{module}"), "__all__", ()):
            owners.setdefault(name, []).append(module)
    assert {name: mods for name, mods in owners.items() if len(mods) > 1} == {}
    assert set(owners) == set(credit.__all__)
    for name, (module,) in owners.items():
        assert getattr(credit, name) is getattr(importlib.import_module(f"lessons.credit.{module}"), name)


@pytest.mark.parametrize("module", MODULES)
def test_no_module_is_longer_than_about_800_lines(module):
    lines = (PACKAGE / f"{module}.py").read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"lessons.credit.{module} has {lines} lines; split it by page"
