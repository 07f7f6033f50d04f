"""Build the instructor edition (default) or the student edition of the book.

    python tools/build_edition.py instructor   # -> _build/html (solutions in dropdowns, teacher's guide)
    python tools/build_edition.py student      # -> _build/student/_build/html (no solutions, no teacher's guide)

Both are strict: a warning is an error (``--warningiserror --keep-going``),
references are checked (``--nitpick``) and a failing notebook cell fails the
build. The student edition is the same book with ``hide_solutions: true``
(sphinx-exercise drops every solution) and without the teacher's guide; it
shares the instructor edition's execution cache, so notebooks are not run twice.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
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
    config["sphinx"]["config"]["hide_solutions"] = True
    config["execute"]["cache"] = str(ROOT / "_build" / ".jupyter_cache")
    config["title"] = config["title"] + " (student edition)"
    toc = _without_teacher_pages(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")))
    config.setdefault("exclude_patterns", []).append(f"{TEACHER_ONLY}/**")
    out.mkdir(parents=True, exist_ok=True)
    config_path, toc_path = out / "_config.yml", out / "_toc.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    toc_path.write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path, toc_path


def build(edition: str, *, strict: bool = True, clean: bool = False) -> Path:
    """Build one edition and return the folder holding its ``index.html``."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}; got {edition!r}")
    command = ["jupyter-book", "build", str(ROOT), "--builder", "html"]
    if strict:
        command += ["--warningiserror", "--keep-going", "--nitpick"]
    if edition == "instructor":
        html = ROOT / "_build" / "html"
    else:
        out = ROOT / "_build" / "student"
        config_path, toc_path = student_files(out / "config")
        command += ["--config", str(config_path), "--toc", str(toc_path), "--path-output", str(out)]
        html = out / "_build" / "html"
    if clean and html.exists():
        shutil.rmtree(html)
    subprocess.run(command, check=True, cwd=ROOT)
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
