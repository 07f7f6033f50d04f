"""Execute notebooks in a fresh kernel, as the book build does, and report the time.

Used by ``tests/test_notebooks.py``, ``tests/test_answer_leaks.py`` (both through
:func:`executed`, so a test session runs each notebook once) and ``benchmarks/run.py``,
and by authors:

    python tools/run_notebook.py book/credit-assessment/cutoffs.ipynb [more.ipynb ...]

A notebook fails if a cell raises, if a cell writes to stderr (the strict book
build turns stderr into an error too), or if a cell runs past the timeout.
The notebook file is never modified.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient


@dataclass(frozen=True)
class Execution:
    """What running one notebook produced."""

    path: Path
    seconds: float
    stderr: list[str]
    notebook: nbformat.NotebookNode


def execute_notebook(path: str | Path, *, timeout: int = 120) -> Execution:
    """Run ``path`` top to bottom in a new ``python3`` kernel, in its own folder.

    Raises ``nbclient.exceptions.CellExecutionError`` if a cell fails and
    ``nbclient.exceptions.CellTimeoutError`` if one runs past ``timeout`` seconds.
    """
    path = Path(path).resolve()
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    stderr = [
        "".join(output.get("text", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
    ]
    return Execution(path=path, seconds=seconds, stderr=stderr, notebook=notebook)


@functools.lru_cache(maxsize=None)
def _execute_once(path: Path, mtime_ns: int, timeout: int) -> Execution | Exception:
    try:
        return execute_notebook(path, timeout=timeout)
    except Exception as error:  # a failure is remembered too: the next caller gets it without a second run
        return error


def executed(path: str | Path, *, timeout: int = 120) -> Execution:
    """The execution of ``path`` in this process: run once, then shared.

    Tests that need an executed notebook call this instead of :func:`execute_notebook`, so
    that a test session runs each notebook once however many test files look at its outputs
    (``tests/test_notebooks.py`` checks errors and stderr, ``tests/test_answer_leaks.py``
    what the outputs show). A notebook edited on disk since it was run is run again.
    The returned notebook is shared: read it, do not modify it.

    Raises the same errors as :func:`execute_notebook` (again on every call).
    """
    path = Path(path).resolve()
    outcome = _execute_once(path, path.stat().st_mtime_ns, timeout)
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    args = parser.parse_args(argv)
    failed = 0
    for path in args.notebooks:
        try:
            result = execute_notebook(path, timeout=args.timeout)
        except Exception as error:  # report every notebook, then fail
            failed += 1
            print(f"FAIL  {path}: {type(error).__name__}: {str(error)[-2000:]}")
            continue
        if result.stderr:
            failed += 1
            print(f"FAIL  {path}: wrote to stderr:\n" + "\n".join(result.stderr)[:2000])
        else:
            print(f"ok    {path}  {result.seconds:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
