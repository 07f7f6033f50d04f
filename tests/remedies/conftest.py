"""Set-up of the Chapter 4 tests; the shared data, models and settings are in ``_remedies_fixtures``."""

from __future__ import annotations

import sys
from pathlib import Path

# ``from _remedies_fixtures import …`` must work in every test file of this folder (import mode: importlib).
# Appended, not inserted: tests/conftest.py must stay the module that ``from conftest import …`` finds.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.append(_HERE)
