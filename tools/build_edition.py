"""Build the instructor edition (default) or the student edition of the book.

    python tools/build_edition.py instructor   # -> _build/html (solutions in dropdowns, teacher's guide)
    python tools/build_edition.py student      # -> _build/student/_build/html (no solutions, no teacher's guide)

Both are strict: a warning is an error (``--warningiserror --keep-going``),
references are checked (``--nitpick``) and a failing notebook cell fails the
build. The student edition is the same book with ``lessons_hide_solutions: true``
(book/_ext/lessons_student.py drops every solution, gated ones included) and without the teacher's guide; it
shares the instructor edition's execution cache, so notebooks are not run twice.

Notebooks run in parallel: before Sphinx starts, every notebook of the table of contents that the
execution cache does not hold yet is executed into that cache by jupyter-cache's ``local-parallel``
executor (one kernel per core, each in the notebook's own folder, as ``run_in_temp: false`` does,
with the configured timeout and ``allow_errors``). myst-nb's ``cache`` mode then finds every notebook
in the cache (the same hash of the same file) and renders it without running it again. Nothing about
failures changes: a notebook that fails is not cached, so the Sphinx pass runs it again and fails the
build as before, and stderr output stays in the cached notebook, so the strict build still turns it
into an error.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = ("instructor", "student")
TEACHER_ONLY = "book/appendix/teachers-guide"


def _without_teacher_pages(node: object) -> object:
    """Drop every TOC entry under the teacher's guide."""
    if isinstance(node, list):
        kept = [_without_teacher_pages(item) for item in node]
        return [item for item in kept if item is not None]
    if isinstance(node, dict):
        if str(node.get("file", "")).startswith(TEACHER_ONLY):
            return None
        return {key: _without_teacher_pages(value) for key, value in node.items()}
    return node


def student_files(out: Path) -> tuple[Path, Path]:
    """Write the student edition's _config.yml and _toc.yml into ``out``."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["sphinx"]["config"]["lessons_hide_solutions"] = True  # book/_ext/lessons_student.py
    config["execute"]["cache"] = str(ROOT / "_build" / ".jupyter_cache")
    # local_extensions paths are read relative to the config file, which lives elsewhere for this edition
    extensions = config["sphinx"].get("local_extensions", {})
    config["sphinx"]["local_extensions"] = {name: str((ROOT / path).resolve()) for name, path in extensions.items()}
    config["title"] = config["title"] + " (student edition)"
    toc = _without_teacher_pages(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")))
    config.setdefault("exclude_patterns", []).append(f"{TEACHER_ONLY}/**")
    out.mkdir(parents=True, exist_ok=True)
    config_path, toc_path = out / "_config.yml", out / "_toc.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    toc_path.write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path, toc_path


def toc_files(node: object) -> list[str]:
    """Every ``file`` (and the ``root``) named in a table of contents, in order."""
    if isinstance(node, list):
        return [f for item in node for f in toc_files(item)]
    if isinstance(node, dict):
        own = [str(node[key]) for key in ("root", "file") if key in node]
        return own + [f for key, value in node.items() if key not in ("root", "file") for f in toc_files(value)]
    return []


def toc_notebooks(toc_path: Path, root: Path = ROOT) -> list[Path]:
    """The notebooks (``.ipynb``) a build from ``toc_path`` executes."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    found = []
    for name in toc_files(toc):
        path = (root / name).with_suffix(".ipynb") if not name.endswith(".ipynb") else root / name
        if path.is_file() and path not in found:
            found.append(path)
    return found


@dataclass
class PreExecution:
    """What executing notebooks into the cache did."""

    seconds: float = 0.0
    executed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # notebook -> traceback


def execute_into_cache(
    notebooks: list[Path], cache_path: Path, *, timeout: int = 30, allow_errors: bool = False
) -> PreExecution:
    """Run every notebook the cache does not hold yet, in parallel, and cache the results.

    Uses jupyter-cache's ``local-parallel`` executor (a process per core, each notebook run in its own
    folder), the same execution myst-nb's ``cache`` mode would do one notebook at a time. A notebook
    that fails is reported in ``failed`` and left uncached.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    start = time.perf_counter()
    cache = get_cache(str(cache_path))
    uris = [str(cache.add_nb_to_project(str(path)).uri) for path in notebooks]
    if not cache.list_unexecuted(filter_uris=uris):  # all cached (a rebuild): no worker pool to start
        return PreExecution(seconds=time.perf_counter() - start)
    logger = logging.getLogger("build_edition.execute")
    logger.setLevel(logging.INFO)
    executor = load_executor("local-parallel", cache=cache, logger=logger)
    result = executor.run_and_cache(filter_uris=uris, timeout=timeout, allow_errors=allow_errors)
    failed = {}
    for uri in [*result.excepted, *result.errored]:
        record = cache.get_project_record(uri)
        failed[uri] = record.traceback or "failed (see the log above)"
    return PreExecution(seconds=time.perf_counter() - start, executed=list(result.succeeded), failed=failed)


def pre_execute(config_path: Path, toc_path: Path, root: Path = ROOT) -> PreExecution | None:
    """Execute the build's notebooks into its execution cache in parallel (``cache`` mode only)."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    execute = config.get("execute") or {}
    if execute.get("execute_notebooks", "auto") != "cache":
        return None
    if execute.get("run_in_temp", False):
        raise ValueError("pre-execution runs notebooks in their own folders; run_in_temp must be false")
    cache_path = root / execute.get("cache", "_build/.jupyter_cache")  # relative to the build's cwd (root)
    outcome = execute_into_cache(
        toc_notebooks(toc_path, root), cache_path,
        timeout=int(execute.get("timeout", 30)), allow_errors=bool(execute.get("allow_errors", False)),
    )
    for uri, traceback in outcome.failed.items():
        # Not cached, so the Sphinx pass runs it again and reports it as a build error.
        print(f"Notebook failed while executing into the cache: {uri}\n{traceback[-3000:]}", file=sys.stderr)
    print(f"Executed {len(outcome.executed)} notebook(s) into the cache in {outcome.seconds:.1f} s", flush=True)
    return outcome


def run_build(
    root: Path, config_path: Path, toc_path: Path, *, strict: bool = True, options: list[str] | None = None
) -> None:
    """Execute the notebooks into the cache in parallel, then run ``jupyter-book build`` on ``root``."""
    command = ["jupyter-book", "build", str(root), "--builder", "html", *(options or [])]
    if strict:
        command += ["--warningiserror", "--keep-going", "--nitpick"]
    pre_execute(config_path, toc_path, root)
    subprocess.run(command, check=True, cwd=root)


def build(edition: str, *, strict: bool = True, clean: bool = False) -> Path:
    """Build one edition and return the folder holding its ``index.html``."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}; got {edition!r}")
    if edition == "instructor":
        html = ROOT / "_build" / "html"
        config_path, toc_path, options = ROOT / "_config.yml", ROOT / "_toc.yml", []
    else:
        out = ROOT / "_build" / "student"
        config_path, toc_path = student_files(out / "config")
        options = ["--config", str(config_path), "--toc", str(toc_path), "--path-output", str(out)]
        html = out / "_build" / "html"
    if clean and html.exists():
        shutil.rmtree(html)
    run_build(ROOT, config_path, toc_path, strict=strict, options=options)
    return html


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", choices=EDITIONS, nargs="?", default="instructor")
    parser.add_argument("--no-strict", action="store_true", help="let warnings through (drafting only)")
    parser.add_argument("--clean", action="store_true", help="remove the edition's HTML first")
    args = parser.parse_args(argv)
    html = build(args.edition, strict=not args.no_strict, clean=args.clean)
    print(f"\nBuilt the {args.edition} edition: open {html / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
