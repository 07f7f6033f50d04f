"""Shared fixtures: the repository paths, the built book, and the notebooks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
# tools/ (tools.run_notebook, tools.build_edition) and this folder's helpers (``from conftest import …``)
# must be importable whatever file pytest is asked to run: the import mode is importlib.
for folder in (ROOT, ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def notebooks() -> list[Path]:
    """Every notebook of the book (checkpoints and build output excluded)."""
    return sorted(
        p for p in BOOK.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts and "_build" not in p.parts
    )


def missing_tool(message: str) -> None:
    """Skip locally when a tool is missing; in CI a missing tool is a failure."""
    if IN_CI:
        pytest.fail(message + " (CI must install it: see .ci/run)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def instructor_html() -> Path:
    """Build the instructor edition strictly (warnings are errors) once per test run."""
    from tools.build_edition import build

    return build("instructor", strict=True)


@pytest.fixture(autouse=True)
def _static_widgets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the same widget mode as the book build, whatever the shell says."""
    monkeypatch.delenv("LESSONS_WIDGETS", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
