"""Every notebook runs in a real JupyterLab, and every control of every live widget responds there.

A JupyterLab server (127.0.0.1, a free port, no token) serves a temporary copy of ``book/``; Debian's
Chromium opens each notebook with a fresh workspace, runs all cells, and checks that every code cell
ran with no error or stderr output. Then it moves every control of every live widget one step (a
slider: focus its handle, press an arrow key; a drop-down: pick the next option) and checks that the
widget's output changes and no traceback appears (in the kernel's messages, in its log, or on the
page). The kernels and the server are shut down at the end, also when a test fails.

Widgets are live here because the kernels are started by a Jupyter server (``lessons.widgets`` looks
for ``JPY_SESSION_NAME``); the server's environment never carries ``LESSONS_WIDGETS``.

Needs Debian's ``chromium`` and ``jupyterlab`` (``make install-test``). Locally a missing Chromium
skips this file; in CI it fails. The driver is shared with ``benchmarks/run.py``: ``tools/jupyterlab_driver.py``.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from conftest import BOOK, missing_tool, notebooks
from tools.jupyterlab_driver import CHROMIUM, JupyterLab, OpenAhead, chromium, copy_book

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOKS = [str(p.relative_to(BOOK)) for p in notebooks()]
EXPLORE_CALL = re.compile(r"\bexplore\(")

# A notebook written at run time whose widget breaks when moved and whose second cell fails: the checks
# below must catch both, or they could never fail.
CANARY = [
    """from lessons.widgets import Slider, explore

def shown(n):
    if n > 1:
        raise TypeError("the canary widget breaks past 1")
    return f"<p>{n}</p>"

explore(shown, n=Slider(0, 2, step=1, value=1))""",
    "1 / 0",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM:
        missing_tool("Chromium is not installed (apt-get install chromium)")
    if importlib.util.find_spec("jupyterlab") is None:
        missing_tool("JupyterLab is not installed (make install-test)")
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def lab(browser: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterLab]:
    folder = tmp_path_factory.mktemp("live")
    root = copy_book(BOOK, folder / "book")
    canary = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in CANARY])
    canary.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(canary, root / "canary.ipynb")
    server = JupyterLab(root, home=folder / "home")
    server.start()
    try:
        yield server
    finally:
        server.stop()
    assert server.process is not None and server.process.poll() is not None, "the JupyterLab server is still running"


def explore_calls(path: Path) -> int:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return sum(len(EXPLORE_CALL.findall("".join(c["source"]))) for c in cells if c["cell_type"] == "code")


@pytest.fixture(scope="module")
def notebooks_ahead(browser: object, lab: JupyterLab) -> Iterator[OpenAhead]:
    """Each notebook loads (JupyterLab, kernel start) while the one before it runs."""
    queue = OpenAhead(browser, lab, [*NOTEBOOKS, "canary.ipynb"])
    try:
        yield queue
    finally:
        queue.close()


def exercise(queue: OpenAhead, path: str) -> tuple[list[str], int]:
    """Run ``path`` in JupyterLab and move every control once; return the problems and the live widget count."""
    notebook = queue.take(path)
    try:
        report = notebook.run_all()
        problems = list(report.problems)
        if not report.cells:
            problems.append("no code cell found")
        if notebook.static_widgets():
            problems.append("a widget was built static in a live kernel (is LESSONS_WIDGETS set for the server?)")
        widgets = notebook.live_widgets()
        for number, widget in enumerate(widgets, start=1):
            controls = notebook.controls(widget)
            if not controls:
                problems.append(f"live widget {number} has no control")
            for control in controls:
                move = notebook.move(widget, control)
                where = f"live widget {number}, {move.control}"
                if not move.changed:
                    problems.append(f"{where}: the output did not change")
                problems += [f"{where}: {p}" for p in move.problems]
        problems += [f"console error: {e}" for e in notebook.console_errors]
        return problems, len(widgets)
    finally:
        notebook.close()


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_and_every_live_control_responds(notebooks_ahead: OpenAhead, path: str) -> None:
    problems, widgets = exercise(notebooks_ahead, path)
    expected = explore_calls(BOOK / path)
    if widgets != expected:
        problems.append(f"{widgets} live widgets shown, {expected} explore(...) calls in the notebook")
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def test_the_checks_catch_a_failing_cell_and_a_widget_that_breaks(notebooks_ahead: OpenAhead) -> None:
    problems, widgets = exercise(notebooks_ahead, "canary.ipynb")
    assert widgets == 1
    text = "\n".join(problems)
    assert "ZeroDivisionError" in text, text
    assert "the output did not change" in text, text
    assert "the canary widget breaks past 1" in text, text


def test_kernels_are_shut_down_after_each_notebook(notebooks_ahead: OpenAhead, lab: JupyterLab) -> None:
    assert not notebooks_ahead.pending
    assert lab.kernels() == []
