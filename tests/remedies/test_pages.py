"""The pages of Chapter 4 (book/remedies/) that state legal and market facts say as of when, from one place."""

from __future__ import annotations

import json
import re

import pytest
from conftest import BOOK

#: The as-of date glued from lessons.regulation (the timeline notebook's "as_of" key), as policy.md does it.
GLUED_AS_OF = re.compile(r"Legal and market facts as of \{glue:text\}`\.\./regulation/timeline\.ipynb::as_of:`")
TYPED_AS_OF = re.compile(r"as of (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d", re.I)
PAGES = ["index.md", "policy.md", "borrowers.ipynb", "platforms-data.ipynb", "platforms-notice.ipynb", "policy-lab.ipynb"]


def _markdown(page: str) -> str:
    path = BOOK / "remedies" / page
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.mark.parametrize("page", PAGES)
def test_pages_with_legal_content_glue_the_date_of_their_facts(page):
    text = _markdown(page)
    assert GLUED_AS_OF.search(text), f"{page}: the as-of line must glue as_of from the regulation timeline"
    assert not TYPED_AS_OF.search(text), f"{page}: types an as-of date by hand"
