"""Fixtures of the Chapter 1 tests: the synthetic population and the studies built on it, computed once.

This folder is put on ``sys.path`` (the import mode is importlib) so that the test
modules can share the helpers of ``_credit_fixtures.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Appended, not inserted: tests/conftest.py must stay the module that ``from conftest import …`` finds.
HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.append(str(HERE))


@pytest.fixture(scope="session")
def applicants():
    from lessons.data import synthetic_applicants

    return synthetic_applicants(n=20_000, seed=2020)


@pytest.fixture(scope="session")
def study(applicants):
    from lessons.credit.cutoffs import cutoff_study
    from lessons.credit.platform_model import PLATFORM_FEATURES

    return cutoff_study(applicants, PLATFORM_FEATURES, seed=1)


@pytest.fixture(scope="session")
def two_stage(applicants):
    from lessons.credit.limits import prepare_two_stage

    return prepare_two_stage(applicants)


@pytest.fixture(scope="session")
def reviews(applicants):
    from lessons.credit.reviews import prepare_reviews

    return prepare_reviews(applicants)


@pytest.fixture(scope="session")
def german_study():
    from lessons.credit.scorecard import german_scorecard_study

    return german_scorecard_study(bins=5, seed=2020)
