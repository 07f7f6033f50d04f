"""Tests of lessons.credit.scaling: points-to-double-odds scaling, worked numbers, invariants and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons.credit.scaling import pd_from_points, points_from_odds, points_from_pd, scaling_constants

from _credit_fixtures import FAST


def test_default_scaling_reproduces_the_worked_example():
    factor, offset = scaling_constants()
    assert factor == pytest.approx(28.8539, abs=1e-4)
    assert offset == pytest.approx(487.1229, abs=1e-4)
    assert points_from_odds(50) == pytest.approx(600.0)
    assert points_from_odds(100) == pytest.approx(620.0)
    assert points_from_pd(1 / 51) == pytest.approx(600.0)


@FAST
@given(
    odds=st.floats(0.01, 1e5),
    base_points=st.floats(200, 900),
    base_odds=st.floats(0.5, 500),
    pdo=st.floats(5, 100),
)
def test_doubling_the_odds_adds_exactly_pdo_points(odds, base_points, base_odds, pdo):
    kw = dict(base_points=base_points, base_odds=base_odds, pdo=pdo)
    gain = points_from_odds(2 * odds, **kw) - points_from_odds(odds, **kw)
    assert gain == pytest.approx(pdo, rel=1e-9, abs=1e-9)
    assert points_from_odds(base_odds, **kw) == pytest.approx(base_points, abs=1e-9)


@FAST
@given(pd_=st.floats(1e-6, 1 - 1e-6), pdo=st.floats(5, 100))
def test_pd_from_points_inverts_points_from_pd(pd_, pdo):
    assert pd_from_points(points_from_pd(pd_, pdo=pdo), pdo=pdo) == pytest.approx(pd_, rel=1e-7)


def test_points_fall_as_pd_rises():
    points = points_from_pd(np.linspace(0.001, 0.999, 50))
    assert np.all(np.diff(points) < 0)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: points_from_pd(1.2), "pd"),
        (lambda: points_from_pd(-0.1), "pd"),
        (lambda: points_from_odds(-1.0), "odds"),
        (lambda: scaling_constants(pdo=0), "pdo"),
        (lambda: scaling_constants(base_odds=-5), "base_odds"),
    ],
)
def test_bad_scaling_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
