"""book/_ext: the local Sphinx extension that resolves re-exported names at their owning module."""

from __future__ import annotations

import importlib
import sys

import pytest

from conftest import BOOK

sys.path.insert(0, str(BOOK / "_ext"))
reexports = importlib.import_module("lessons_reexports")


@pytest.mark.parametrize(
    "target,owner",
    [
        ("lessons.credit.fit_platform_model", "lessons.credit.platform_model.fit_platform_model"),
        ("lessons.credit.SEGMENT_COLUMNS", "lessons.credit.platform_model.SEGMENT_COLUMNS"),
        ("lessons.sme.simulate", "lessons.sme.shop.simulate"),
    ],
)
def test_a_re_exported_name_resolves_at_the_module_that_owns_it(target: str, owner: str) -> None:
    assert reexports.owning_target(target) == owner


@pytest.mark.parametrize(
    "target",
    ["lessons.credit.no_such_name", "lessons.credit.platform_model.fit_platform_model", "numpy.mean", "lessons.nowhere.x", ""],
)
def test_anything_else_is_left_to_sphinx(target: str) -> None:
    assert reexports.owning_target(target) is None


def test_every_name_a_chapter_package_exports_has_an_owner() -> None:
    for chapter in ("credit", "regulation", "sme", "remedies"):
        package = importlib.import_module(f"lessons.{chapter}")
        orphans = [name for name in package.__all__ if reexports.owning_target(f"lessons.{chapter}.{name}") is None]
        assert not orphans, f"lessons.{chapter} exports names no module owns: {orphans}"
