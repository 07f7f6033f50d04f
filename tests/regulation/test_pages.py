"""Tests that tie the pages of book/regulation/ to the package: dates, checked exercises, quoted numbers."""

from __future__ import annotations

import pytest
from conftest import BOOK

from lessons.regulation import credit_reporting, credit_supply


def _chapter_pages():
    folder = BOOK / "regulation"
    return sorted(folder.glob("*.md")) + sorted(folder.glob("*.ipynb"))


def test_every_regulation_page_states_the_date_of_its_legal_facts():
    import re

    pages = _chapter_pages()
    assert {p.name for p in pages} >= {
        "index.md",
        "timeline.ipynb",
        "cost-of-credit.ipynb",
        "credit-supply.ipynb",
        "credit-reporting.ipynb",
    }
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert re.search(r"\*Legal and market facts as of [A-Z][a-z]+ \d{4}\.\*", text), page.name


def test_every_checked_exercise_of_the_chapter_is_registered():
    import re

    from lessons.exercises.regulation import EXERCISES

    registered = {e.id for e in EXERCISES}
    used = set()
    for page in _chapter_pages():
        used |= set(re.findall(r'check\(\\?"([a-z0-9-]+)\\?"', page.read_text(encoding="utf-8")))
    assert used and used <= registered


def test_numbers_quoted_in_the_prose_match_the_models_on_the_default_population():
    """The pages quote a few model results in words; they must still be what the models give."""
    data = pytest.importorskip("lessons.data")
    folder = BOOK / "regulation"
    applicants = data.synthetic_applicants()
    table = credit_supply.rationing_by_segment(credit_supply.scored_population(applicants), 0.5)
    thin = table[(table["dimension"] == "Credit record") & table["segment"].str.contains("thin")]["lose_access"].item()
    supply_page = (folder / "credit-supply.ipynb").read_text(encoding="utf-8")
    assert f"Applicants without a credit record lose {100 * thin:.0f} %" in supply_page
    assert f"from {table.attrs['base_cutoff']:.0f} to {table.attrs['cutoff']:.0f} points" in supply_page
    views = credit_reporting.visibility_scores(applicants)
    heavy = credit_reporting.visibility_comparison(views, approval_rate=0.7, heavy=4).iloc[0]
    drop = 100 * (heavy["approval_before"] - heavy["approval_after"])
    assert f"**{drop:.1f} percentage points**" in (folder / "credit-reporting.ipynb").read_text(encoding="utf-8")
