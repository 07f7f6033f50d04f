"""Tests that tie the pages of book/regulation/ (and the pages that quote it) to the package: the one as-of date,
the latest event, checked exercises, and numbers glued from the models rather than typed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import BOOK

from lessons.regulation import timeline

#: An "as of" date typed by hand: "as of November 2026".
TYPED_AS_OF = re.compile(
    r"as of (January|February|March|April|May|June|July|August|September|October|November|December) (20\d\d)", re.I
)
#: The as-of date glued from lessons.regulation (the timeline notebook's "as_of" key, in either form).
GLUED_AS_OF = re.compile(r"as of \{glue:text\}`(?:[^`]*timeline\.ipynb::)?as_of:?`")
GLUE_ROLE = re.compile(r"\{glue:text\}`([^`]+)`")
GLUE_CALL = re.compile(r"""glue\(\s*f?["']([^"'{}]+)["']""")
GLUE_FSTRING = re.compile(r"""glue\(\s*f["']([^"']*\{[^"']*)["']""")


def _chapter_pages() -> list[Path]:
    folder = BOOK / "regulation"
    return sorted(folder.glob("*.md")) + sorted(folder.glob("*.ipynb"))


def _pages_that_quote_the_chapter() -> list[Path]:
    return [
        BOOK / "remedies" / "policy.md",
        BOOK / "appendix" / "source-articles.md",
        BOOK / "appendix" / "teachers-guide" / "regulation.md",
    ]


def _all_source_pages() -> list[Path]:
    return sorted(
        p
        for p in BOOK.rglob("*")
        if p.suffix in (".md", ".ipynb") and "_build" not in p.parts and ".ipynb_checkpoints" not in p.parts
    )


def _cells(path: Path) -> list[tuple[str, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]) for c in nb["cells"]]


def _markdown(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    return "\n".join(src for kind, src in _cells(path) if kind == "markdown")


def test_the_as_of_date_is_never_earlier_than_the_latest_verified_event():
    assert timeline.AS_OF >= timeline.latest_event()["date"]


@pytest.mark.parametrize("page", _chapter_pages() + _pages_that_quote_the_chapter(), ids=lambda p: p.name)
def test_every_regulation_page_shows_the_as_of_date_glued_from_the_package(page):
    text = _markdown(page)
    assert GLUED_AS_OF.search(text), f"{page.name}: the as-of line must glue as_of from lessons.regulation"
    assert not TYPED_AS_OF.search(text), f"{page.name}: types an as-of date by hand"


@pytest.mark.parametrize("page", _all_source_pages(), ids=lambda p: str(p.relative_to(BOOK)))
def test_no_page_types_an_as_of_date_other_than_the_one_in_the_package(page):
    expected = timeline.as_of_label()
    for month, year in TYPED_AS_OF.findall(page.read_text(encoding="utf-8")):
        assert f"{month} {year}".lower() == expected.lower(), (
            f"{page.name} types 'as of {month} {year}', but lessons.regulation.AS_OF is {expected}; glue it instead"
        )


def _glued_keys(notebook: Path) -> set[str]:
    """Keys a notebook glues: literal names, and f-string names expanded over the regimes where they loop."""
    keys: set[str] = set()
    for kind, src in _cells(notebook):
        if kind != "code":
            continue
        keys |= set(GLUE_CALL.findall(src))
        for template in GLUE_FSTRING.findall(src):
            if "{key}" in template:
                from lessons.regulation import REGIMES

                keys |= {template.replace("{key}", k) for k in REGIMES}
            if "{name}" in template:
                keys |= {template.replace("{name}", n) for n in ("quoted", "fee_0.6", "daily_0.03", "daily_0.05")}
    return keys


@pytest.mark.parametrize("page", sorted((BOOK / "regulation").glob("*.ipynb")), ids=lambda p: p.name)
def test_every_number_a_notebook_glues_into_its_prose_is_glued_by_its_own_code(page):
    used = {key for key in GLUE_ROLE.findall(_markdown(page)) if "::" not in key}
    missing = used - _glued_keys(page)
    assert not missing, f"{page.name} uses glue keys it never glues: {sorted(missing)}"


@pytest.mark.parametrize(
    "page", _pages_that_quote_the_chapter() + [BOOK / "regulation" / "index.md"], ids=lambda p: p.name
)
def test_every_number_another_page_quotes_from_the_chapter_is_glued_there(page):
    for ref in GLUE_ROLE.findall(_markdown(page)):
        if "::" not in ref:
            continue
        target, key = ref.split("::", 1)
        assert key.endswith(":"), f"{page.name}: {ref!r} needs the trailing colon"
        notebook = (page.parent / target).resolve()
        assert notebook.exists(), f"{page.name}: {target} does not exist"
        assert key[:-1] in _glued_keys(notebook), f"{page.name}: {notebook.name} never glues {key[:-1]!r}"


def test_every_checked_exercise_of_the_chapter_is_registered():
    from lessons.exercises.regulation import EXERCISES

    registered = {e.id for e in EXERCISES}
    used = set()
    for page in _chapter_pages():
        used |= set(re.findall(r'check\(\\?"([a-z0-9-]+)\\?"', page.read_text(encoding="utf-8")))
    assert used and used <= registered
    assert registered <= used, f"registered but never used: {sorted(registered - used)}"


def test_no_chapter_page_calls_the_draft_a_rule_in_force_or_types_the_old_headline_numbers():
    for page in _chapter_pages():
        text = _markdown(page)
        assert "450 yuan" not in text and "18.5 bn, about 2.3 times" not in text, page.name
        assert "as of November 2026" not in text, page.name
