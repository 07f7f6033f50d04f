"""Fixtures of the Chapter 3 tests; the shared hypothesis strategies are in ``_sme_fixtures``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# ``from _sme_fixtures import …`` must work in every test file of this folder (import mode: importlib).
# Appended, not inserted: tests/conftest.py must stay the module that ``from conftest import …`` finds.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.append(_HERE)


@pytest.fixture(scope="session")
def population():
    """Chapter 1's synthetic owners with their shops (computed once: it fits the platform model)."""
    from lessons.sme.population import shop_population

    return shop_population()
