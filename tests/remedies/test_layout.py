"""The layout of lessons.remedies: models never import figures, and every old public name still works."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import lessons.remedies as remedies

PACKAGE = Path(remedies.__file__).resolve().parent
MODEL_MODULES = ("recourse", "tips", "platform_data", "notice", "lab")
FIGURE_MODULES = ("figures",)
# What a model module must not import: the chapter's figures/widget frames, or chart making.
FORBIDDEN = ("lessons.remedies.figures", "lessons.remedies.views", "lessons.plotting", "lessons.widgets", "matplotlib")

# Every public name of the single-file lessons.remedies (its ``__all__``) before it became a package.
OLD_PUBLIC_NAMES = (
    "AVERAGE_LINE", "CONSUMER_LGD", "DATA_SOURCE_LABELS", "DataStudy", "FAIRNESS_SEGMENTS", "IMMUTABLE_FEATURES",
    "NOTICE_DEFAULTS", "NOT_ACTIONABLE", "POLICY_RULES", "POLICY_RULE_LABELS", "POLICY_SCENARIOS", "POPULAR_TIPS",
    "PolicyLab", "RECOURSE_ACTIONS", "RecourseAction", "RecoursePlan", "Tip", "actions_table", "applicant_recourse",
    "apply_plan", "data_comparison", "data_metrics", "data_study", "data_view", "fairness_comparison", "fairness_gaps",
    "group_fairness", "in_sample_fit", "metrics_table", "notice_tradeoff", "notice_view", "plan_table",
    "plot_data_comparison", "plot_group_approval", "plot_notice_tradeoff", "plot_policy_space", "plot_recourse",
    "plot_tips", "policy_lab", "policy_outcome", "policy_scenarios", "policy_view", "recourse_plan",
    "recourse_problem", "recourse_summary", "recourse_view", "tip_effects",
)
# Names that left the package on purpose: the course has ONE consumer LGD, lessons.credit.cutoffs.CONSUMER_LGD (issue 13).
RETIRED_NAMES = ("CONSUMER_LGD",)
# Names added since the package was split (issue 13: symmetric notice model, Monte Carlo errors, German fairness).
NEW_PUBLIC_NAMES = (
    "DATA_SEEDS", "data_gains", "gain_estimate", "GERMAN_FAIRNESS_GROUPS", "german_fairness", "plot_german_fairness",
    "extra_exposure", "shortfall_with_refinancing", "notice_estimate", "WIDGET_RULES",
)


def _imported_modules(path: Path) -> set[str]:
    """Every module a source file imports (absolute names; relative imports resolved in lessons.remedies)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = "lessons.remedies" + (f".{base}" if base else "")
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
    assert not bad, f"lessons.remedies.{module} imports {bad}: figures and widget frames belong in lessons.remedies.figures"


def test_no_source_file_is_over_800_lines():
    long = {p.name: n for p in PACKAGE.glob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 800}
    assert not long


def test_every_old_public_name_is_still_exported_by_the_package():
    kept = [name for name in OLD_PUBLIC_NAMES if name not in RETIRED_NAMES]
    assert not [name for name in kept if not hasattr(remedies, name)]
    assert set(remedies.__all__) == set(kept) | set(NEW_PUBLIC_NAMES)


def test_the_package_defines_no_loss_given_default_of_its_own():
    # The one consumer LGD lives in Chapter 1 (lessons.credit.cutoffs.CONSUMER_LGD); Chapter 4 imports it.
    assert not hasattr(remedies, "CONSUMER_LGD")
    for module in MODEL_MODULES:
        source = (PACKAGE / f"{module}.py").read_text(encoding="utf-8")
        assert "foundation-IRB" not in source and "0.45" not in source, module


def test_each_public_name_is_defined_once_in_the_module_that_owns_it():
    owners: dict[str, str] = {}
    for module in MODEL_MODULES + FIGURE_MODULES:
        for name in importlib.import_module(f"lessons.remedies.{module}").__all__:
            assert name not in owners, f"{name} is in both {owners[name]} and {module}"
            owners[name] = module
    assert set(owners) == set(remedies.__all__)
    for name, module in owners.items():
        assert getattr(remedies, name) is getattr(importlib.import_module(f"lessons.remedies.{module}"), name)


def test_no_module_shares_its_name_with_a_public_function():
    # ``lessons.remedies.data_study`` or ``.policy_lab`` as a module would be shadowed by the re-exported
    # function of the same name (``import lessons.remedies.policy_lab as m`` would give the function).
    assert not set(MODEL_MODULES + FIGURE_MODULES) & set(remedies.__all__)


def test_the_other_chapters_are_imported_lazily():
    # Chapters 1-3 are packages built at the same time; importing them inside functions keeps
    # ``import lessons.remedies`` light and free of import cycles.
    for module in MODEL_MODULES + FIGURE_MODULES:
        tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
        top = set()
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                top.add(node.module or "")
                top.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                top.update(a.name for a in node.names)
        other = {"lessons.credit", "lessons.regulation", "lessons.sme"}
        assert not {n for n in top if any(n == o or n.startswith(o + ".") for o in other)}, module
