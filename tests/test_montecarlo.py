"""Monte Carlo error: the intervals cover the large-sample value at their nominal rate."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest

from lessons.montecarlo import Estimate, decimals_for, mean_estimate, proportion_estimate, replicate


@pytest.mark.parametrize("successes,trials", [(0, 10), (3, 10), (10, 10), (562, 1000), (1, 20_000)])
def test_wilson_interval_matches_scipy(successes: int, trials: int) -> None:
    ours = proportion_estimate(successes, trials, level=0.95)
    theirs = binomtest(successes, trials).proportion_ci(confidence_level=0.95, method="wilson")
    assert ours.low == pytest.approx(theirs.low, abs=1e-12)
    assert ours.high == pytest.approx(theirs.high, abs=1e-12)
    assert ours.value == successes / trials
    assert ours.standard_error == pytest.approx(math.sqrt(ours.value * (1 - ours.value) / trials))


@settings(max_examples=25, deadline=None)
@given(
    p=st.floats(0.05, 0.95),
    trials=st.integers(200, 5_000),
    level=st.sampled_from([0.9, 0.95]),
    seed=st.integers(0, 2**32 - 1),
)
def test_wilson_interval_covers_the_true_share_at_its_nominal_rate(p: float, trials: int, level: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    repeats = 2_000
    draws = rng.binomial(trials, p, size=repeats)
    covered = np.mean([proportion_estimate(int(k), trials, level=level).covers(p) for k in draws])
    # The coverage estimate has its own sampling error (sd <= 0.0067 at 2,000 repeats): allow 4 sd,
    # plus the Wilson interval's small and known departure from its nominal level.
    assert abs(covered - level) < 0.035, f"coverage {covered:.3f} at nominal {level}"


@settings(max_examples=25, deadline=None)
@given(
    mean=st.floats(-100, 100),
    sd=st.floats(0.01, 50),
    replications=st.integers(3, 60),
    seed=st.integers(0, 2**32 - 1),
)
def test_mean_interval_covers_the_true_mean_at_its_nominal_rate(
    mean: float, sd: float, replications: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    samples = rng.normal(mean, sd, size=(2_000, replications))
    covered = np.mean([mean_estimate(row).covers(mean) for row in samples])
    # Student's t interval is exact for normal replications; 2,000 repeats leave a sampling sd of about 0.005.
    assert abs(covered - 0.95) < 0.025, f"coverage {covered:.3f}"


def test_a_single_seed_far_from_the_mean_is_flagged_by_the_interval() -> None:
    # The line-cut-stress lesson: one seed's 53.4 % is outside the interval of twenty seeds around 55.9 %.
    est = mean_estimate(np.r_[np.full(10, 0.545), np.full(10, 0.573)])
    assert not est.covers(0.534)


def test_decimals_follow_the_standard_error() -> None:
    assert decimals_for(0.004, scale=100) == 1
    assert decimals_for(0.04, scale=100) == 0
    assert decimals_for(0.0004, scale=100) == 2
    assert decimals_for(12.0) == 0
    assert decimals_for(0.12) == 1


def test_format_quotes_only_real_digits() -> None:
    text = proportion_estimate(5_620, 10_000).format(percent=True)
    assert text.startswith("56.2 ± 1.0 %")
    assert mean_estimate([10.0, 12.0, 11.0]).format(unit=" shops").endswith("shops)")


def test_replicate_runs_one_statistic_per_seed() -> None:
    values = replicate(lambda seed: seed * 2.0, [1, 2, 3])
    assert values.tolist() == [2.0, 4.0, 6.0]


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: proportion_estimate(5, 0), "trials"),
        (lambda: proportion_estimate(11, 10), "successes"),
        (lambda: proportion_estimate(-1, 10), "successes"),
        (lambda: proportion_estimate(1, 10, level=1.0), "level"),
        (lambda: mean_estimate([1.0]), "values"),
        (lambda: mean_estimate([1.0, float("nan")]), "values"),
        (lambda: replicate(3, [1, 2]), "statistic"),
        (lambda: replicate(lambda s: s, 5), "seeds"),
        (lambda: replicate(lambda s: s, [1]), "seeds"),
        (lambda: replicate(lambda s: s, [1, 1]), "seeds"),
        (lambda: decimals_for(-1.0), "standard_error"),
    ],
)
def test_bad_inputs_name_the_parameter(call, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_estimate_is_a_plain_value_object() -> None:
    est = Estimate(0.5, 0.1, 0.3, 0.7, 0.95, 10)
    assert est.covers(0.3) and est.covers(0.7) and not est.covers(0.71)
