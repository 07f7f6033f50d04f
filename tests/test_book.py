"""The book builds strictly in both editions, loads nothing from other hosts and stays light."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import BOOK, ROOT

pytestmark = pytest.mark.slow

PAGE_BUDGET_BYTES = 1_500_000
EXTERNAL = re.compile(r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["'](?:https?:)?//""", re.I)
EXTERNAL_LINK = re.compile(r"""<link\b[^>]*\bhref=["'](?:https?:)?//""", re.I)
AS_OF = re.compile(
    r"as of (January|February|March|April|May|June|July|August|September|October|November|December) (20\d\d)", re.I
)
# The as-of date glued from lessons.regulation (the key "as_of" of book/regulation/timeline.ipynb, in either form).
AS_OF_GLUED = re.compile(r"as of \{glue:text\}`(?:[^`]*timeline\.ipynb::)?as_of:?`")
# Words that mark a page as carrying legal or regulatory facts (it then needs an "as of" date).
REGULATORY = re.compile(r"CBIRC|NFRA|PBoC|People's Bank of China|Supreme People's Court|银保监|人民银行|征信业务管理办法")


def content_pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if not {"_static", "_sources", "_images"} & set(p.parts))


def test_instructor_edition_builds_strictly(instructor_html: Path) -> None:
    assert (instructor_html / "index.html").exists()
    assert (instructor_html / "intro.html").exists() or (instructor_html / "book" / "intro.html").exists()


def test_no_page_loads_scripts_styles_or_images_from_another_host(instructor_html: Path) -> None:
    offenders = {}
    for page in content_pages(instructor_html):
        text = page.read_text(encoding="utf-8")
        found = EXTERNAL.findall(text) + EXTERNAL_LINK.findall(text)
        if found:
            offenders[str(page.relative_to(instructor_html))] = found[:3]
    assert not offenders, offenders


def test_every_page_with_its_images_and_widget_frames_is_within_budget(instructor_html: Path) -> None:
    sizes = {}
    for page in content_pages(instructor_html):
        text = page.read_text(encoding="utf-8")
        images = re.findall(r"""<img\b[^>]*\bsrc=["'](?!data:)([^"']+)["']""", text)
        total = page.stat().st_size
        for src in images:
            target = (page.parent / src).resolve()
            if target.is_file():
                total += target.stat().st_size
        sizes[str(page.relative_to(instructor_html))] = total
    too_big = {k: v for k, v in sizes.items() if v > PAGE_BUDGET_BYTES}
    assert not too_big, too_big


def _toc_chapters() -> list[tuple[str, list[str]]]:
    """The numbered part of the table of contents: (chapter file, its section files)."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p.get("numbered"))
    return [(c["file"], [s["file"] for s in c.get("sections", [])]) for c in part["chapters"]]


SECTION_NUMBER = re.compile(r'<h1><span class="section-number">([\d.]+) </span>')
OVERVIEW_NUMBER = re.compile(r'<h[2-6]><span class="section-number">')


def test_the_pages_of_chapter_n_are_numbered_n_1_n_2_and_so_on(instructor_html: Path) -> None:
    chapters = _toc_chapters()
    assert len(chapters) == 4
    for number, (chapter, sections) in enumerate(chapters, start=1):
        overview = (instructor_html / f"{chapter}.html").read_text(encoding="utf-8")
        assert SECTION_NUMBER.findall(overview) == [f"{number}."], f"{chapter}: chapter number"
        assert not OVERVIEW_NUMBER.search(overview), f"{chapter}: the overview's own headings take section numbers"
        for index, section in enumerate(sections, start=1):
            page = (instructor_html / f"{section}.html").read_text(encoding="utf-8")
            assert SECTION_NUMBER.findall(page) == [f"{number}.{index}."], f"{section} should be page {number}.{index}"


def test_solutions_are_hidden_in_dropdowns_in_the_instructor_edition(instructor_html: Path) -> None:
    pages = [p for p in content_pages(instructor_html) if "solution" in p.read_text(encoding="utf-8")]
    solutions = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r'<div[^>]*class="solution[^"]*admonition[^"]*"', text):
            solutions += 1
            assert "dropdown" in block, f"{page.name}: a solution is not in a dropdown: {block}"
    assert solutions > 0


def test_student_edition_builds_strictly_without_solutions_or_teachers_guide(instructor_html: Path) -> None:
    from tools.build_edition import build

    html = build("student", strict=True)
    pages = content_pages(html)
    assert pages
    assert not [p for p in pages if "teachers-guide" in str(p)]
    # a solution box, or a code cell of a gated (computed) solution
    leaked = [p.name for p in pages if re.search(r'class="(solution\b[^"]*|[^"]*tag_solution[^"]*)"', p.read_text(encoding="utf-8"))]
    assert not leaked, f"solutions present in the student edition: {leaked}"
    exercises = sum(p.read_text(encoding="utf-8").count('class="exercise admonition') for p in pages)
    assert exercises > 0


def source_pages() -> list[Path]:
    return sorted(
        p
        for p in BOOK.rglob("*")
        if p.suffix in (".md", ".ipynb") and "_build" not in p.parts and ".ipynb_checkpoints" not in p.parts
    )


@pytest.mark.parametrize("page", source_pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_page_with_regulatory_facts_shows_an_as_of_date(page: Path) -> None:
    """A page with legal facts shows the one as-of date of lessons.regulation: glued, or typed exactly as it is."""
    from lessons.regulation import as_of_label

    text = page.read_text(encoding="utf-8")
    expected = as_of_label()
    typed = [f"{month} {year}" for month, year in AS_OF.findall(text)]
    assert all(t.lower() == expected.lower() for t in typed), (
        f"{page.name} types 'as of {typed}', but lessons.regulation.AS_OF is {expected}: glue it from "
        "book/regulation/timeline.ipynb (key as_of) instead"
    )
    if {"teachers-guide", "api"} & set(page.parts) or page.name in ("references.md", "glossary.md"):
        pytest.skip("reference material without its own legal claims")
    if REGULATORY.search(text):
        assert typed or AS_OF_GLUED.search(text), (
            f"{page.name} mentions regulators or rules but shows no 'as of <Month> <year>' line"
        )
