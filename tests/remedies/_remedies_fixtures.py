"""Data, models and hypothesis settings shared by the Chapter 4 tests (each computed once per session)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from hypothesis import HealthCheck, settings

from lessons import credit
from lessons.remedies.lab import PolicyLab, policy_lab
from lessons.remedies.platform_data import DataStudy, data_study

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@lru_cache(maxsize=1)
def population() -> pd.DataFrame:
    """4,000 synthetic applicants (seed 11)."""
    from lessons.data import synthetic_applicants

    return synthetic_applicants(n=4_000, seed=11)


@lru_cache(maxsize=1)
def platform_model() -> credit.PlatformModel:
    """Chapter 1's bureau-style model fitted on :func:`population`."""
    return credit.fit_platform_model(population())


def declined(cutoff: float) -> pd.DataFrame:
    """The applicants of :func:`population` that :func:`platform_model` declines at ``cutoff``."""
    pop = population()
    scores = credit.score_applicants(platform_model(), pop)
    return pop[scores < cutoff]


@lru_cache(maxsize=1)
def small_study() -> DataStudy:
    """The data study of :func:`population`."""
    return data_study(population())


@lru_cache(maxsize=1)
def page_study() -> DataStudy:
    """The data study of the platforms-data page (20,000 applicants, seed 2020)."""
    from lessons.data import synthetic_applicants

    return data_study(synthetic_applicants(n=20_000, seed=2020))


@lru_cache(maxsize=1)
def small_lab() -> PolicyLab:
    """The policy lab of :func:`population` with 300 shops."""
    return policy_lab(population(), n_shops=300)
