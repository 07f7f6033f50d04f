"""Every notebook is stored without outputs and runs top to bottom in a fresh kernel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, notebooks

NOTEBOOKS = notebooks()
IDS = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]
# Budget per notebook is 10 s on the reference machine (see benchmarks/); the test
# allows head-room for a loaded CI machine and catches notebooks that blow up.
TEST_LIMIT_SECONDS = 40


def test_the_book_has_notebooks() -> None:
    assert NOTEBOOKS, "no notebooks found under book/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, f"cells {dirty} carry outputs: run `jupyter nbconvert --clear-output --inplace {path}`"
    assert "widgets" not in nb.get("metadata", {}), "stored widget state must be stripped"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_in_a_fresh_kernel_without_errors_or_stderr(path: Path) -> None:
    from tools.run_notebook import executed  # run once per session; tests/test_answer_leaks.py reuses it

    result = executed(path, timeout=120)
    assert not result.stderr, "the notebook wrote to stderr:\n" + "\n".join(result.stderr)
    assert result.seconds < TEST_LIMIT_SECONDS, f"took {result.seconds:.1f} s"
    errors = [
        output
        for cell in result.notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors
