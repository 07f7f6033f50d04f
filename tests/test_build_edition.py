"""tools/build_edition.py runs notebooks in parallel into the cache without changing what a build means.

A tiny book made at run time shows that (1) the Sphinx pass finds every pre-executed notebook in the
cache (each notebook runs exactly once, in its own folder), and (2) a failing cell and stderr output
still fail a strict build.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest
import yaml

from tools.build_edition import pre_execute, run_build, toc_files, toc_notebooks

pytestmark = pytest.mark.slow

# Counts its runs in a file beside itself: the cwd must be the notebook's folder, as with run_in_temp: false.
COUNTING = """from pathlib import Path
runs = Path("runs.txt")
runs.write_text(runs.read_text() + "x" if runs.exists() else "x")
print("ran", len(runs.read_text()))"""


def tiny_book(folder: Path, notebooks: dict[str, str]) -> tuple[Path, Path]:
    """A book with an intro page and one notebook per ``{name: code}``, in ``folder/pages``."""
    pages = folder / "pages"
    pages.mkdir(parents=True)
    (pages / "intro.md").write_text("# Tiny book\n\nA page.\n", encoding="utf-8")
    for name, code in notebooks.items():
        notebook = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(code)]
        )
        notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
        nbformat.write(notebook, pages / f"{name}.ipynb")
    config = {
        "title": "Tiny",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "cache", "cache": "_build/.jupyter_cache", "timeout": 60,
                    "allow_errors": False, "stderr_output": "warn", "run_in_temp": False},
    }
    toc = {"format": "jb-book", "root": "pages/intro", "chapters": [{"file": f"pages/{n}"} for n in notebooks]}
    config_path, toc_path = folder / "_config.yml", folder / "_toc.yml"
    config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    toc_path.write_text(yaml.safe_dump(toc), encoding="utf-8")
    return config_path, toc_path


def test_the_toc_lists_the_books_notebooks() -> None:
    from tools.build_edition import ROOT

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert toc_files(toc)[0] == toc["root"]
    found = toc_notebooks(ROOT / "_toc.yml")
    assert found and all(p.suffix == ".ipynb" and p.is_file() for p in found)


def test_pre_executed_notebooks_are_found_in_the_cache_and_run_once_in_their_own_folder(tmp_path: Path) -> None:
    config, toc = tiny_book(tmp_path, {"one": COUNTING, "two": "print('two')"})
    outcome = pre_execute(config, toc, tmp_path)
    assert outcome is not None and len(outcome.executed) == 2 and not outcome.failed
    assert (tmp_path / "pages" / "runs.txt").read_text() == "x"
    run_build(tmp_path, config, toc, strict=True)  # executes nothing more: Sphinx takes both from the cache
    assert (tmp_path / "pages" / "runs.txt").read_text() == "x"
    assert "ran 1" in (tmp_path / "_build" / "html" / "pages" / "one.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "code", ["1 / 0", "import sys; print('something went wrong', file=sys.stderr)"], ids=["error", "stderr"]
)
def test_a_failing_cell_or_stderr_output_still_fails_a_strict_build(
    tmp_path: Path, code: str, capfd: pytest.CaptureFixture[str]
) -> None:
    config, toc = tiny_book(tmp_path, {"fine": "print('fine')", "broken": code})
    with pytest.raises(subprocess.CalledProcessError):
        run_build(tmp_path, config, toc, strict=True)
    output = "".join(capfd.readouterr())
    assert "pages/broken" in output and ("ZeroDivisionError" in output or "stderr" in output), output[-3000:]
