"""Fixtures of the Chapter 2 tests: Chapter 1's synthetic applicants, scored and seen through both reports."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def applicants():
    data = pytest.importorskip("lessons.data")
    return data.synthetic_applicants(n=4000, seed=2020)


@pytest.fixture(scope="module")
def scored(applicants):
    from lessons.regulation.credit_supply import scored_population

    return scored_population(applicants)


@pytest.fixture(scope="module")
def views(applicants):
    from lessons.regulation.credit_reporting import visibility_scores

    return visibility_scores(applicants)
