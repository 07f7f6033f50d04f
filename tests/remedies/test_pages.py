"""The pages of Chapter 4 (book/remedies/) that state legal and market facts say as of when."""

from __future__ import annotations

import pytest
from conftest import BOOK


@pytest.mark.parametrize("page", ["index.md", "policy.md"])
def test_pages_with_legal_content_state_the_date_of_their_facts(page):
    text = (BOOK / "remedies" / page).read_text(encoding="utf-8")
    assert "*Legal and market facts as of November 2026.*" in text
