"""Points-to-double-odds scaling: the points scale every score of Chapter 1 is reported on.

Serves the page *Building a scorecard on real data* (book/credit-assessment/scorecard.ipynb),
where the scale is introduced; the platform model, cut-offs, limits and reviews report
their scores on the same scale (:data:`SCORE_RANGE`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from lessons._validation import as_float_array, as_number

__all__ = [
    "BASE_POINTS",
    "BASE_ODDS",
    "PDO",
    "SCORE_RANGE",
    "scaling_constants",
    "points_from_odds",
    "points_from_pd",
    "pd_from_points",
]


BASE_POINTS = 600.0
"""Score at the base odds (the common textbook default; FACTS §6)."""

BASE_ODDS = 50.0
"""Good:bad odds at the base score (50:1, i.e. PD ≈ 1.96 %)."""

PDO = 20.0
"""Points to double the odds."""

SCORE_RANGE = (300.0, 900.0)
"""The bounded scale on which every score of this chapter is reported.

Like published scores, the course's points are clipped to a fixed range. With
the default scaling the ends correspond to PD ≈ 99.85 % (300 points) and
PD ≈ 0.00006 % (900 points), so clipping touches almost nobody. Cut-offs must
lie inside this range.
"""

_PD_FLOOR = 1e-12


def scaling_constants(*, base_points: float = BASE_POINTS, base_odds: float = BASE_ODDS, pdo: float = PDO) -> tuple[float, float]:
    """Factor and offset of points-to-double-odds scaling.

    ``Score = Offset + Factor · ln(odds)``, with odds counted good:bad,
    ``Factor = PDO / ln 2`` and ``Offset = base_points − Factor · ln(base_odds)``,
    the convention of Siddiqi's *Credit Risk Scorecards*. Software differs: the R
    package *scorecard* counts odds bad:good (``odds0 = 1/19``, "Odds = p/(1-p)"
    with p the probability of a bad) and computes ``a − b · ln(odds)``, so its
    signs flip; its defaults are 600 points at 1:19 and PDO 50.

    Parameters
    ----------
    base_points : float
        Score at ``base_odds`` (default 600).
    base_odds : float
        Good:bad odds at ``base_points`` (default 50, i.e. 50:1); > 0.
    pdo : float
        Points that double the odds (default 20); > 0.

    Returns
    -------
    (factor, offset) : tuple of float

    Examples
    --------
    >>> factor, offset = scaling_constants()
    >>> round(factor, 3), round(offset, 2)
    (28.854, 487.12)
    """
    base_points = as_number("base_points", base_points, low=0, high=10_000)
    base_odds = as_number("base_odds", base_odds, low=0, low_open=True, high=1e9)
    pdo = as_number("pdo", pdo, low=0, low_open=True, high=1_000)
    factor = pdo / math.log(2.0)
    offset = base_points - factor * math.log(base_odds)
    return factor, offset


def points_from_odds(
    odds: Any, *, base_points: float = BASE_POINTS, base_odds: float = BASE_ODDS, pdo: float = PDO
) -> np.ndarray | float:
    """Points for good:bad odds: ``Offset + Factor · ln(odds)``.

    Parameters
    ----------
    odds : float or array-like
        Good:bad odds (> 0); 50 means fifty goods for every bad.
    base_points, base_odds, pdo : float
        The scaling (see :func:`scaling_constants`).

    Returns
    -------
    float or numpy.ndarray (same shape as ``odds``), not clipped.

    Examples
    --------
    >>> round(points_from_odds(50), 6), round(points_from_odds(100), 6)
    (600.0, 620.0)
    """
    factor, offset = scaling_constants(base_points=base_points, base_odds=base_odds, pdo=pdo)
    scalar = np.ndim(odds) == 0
    values = as_float_array("odds", np.atleast_1d(odds), low=0)
    if (values <= 0).any():
        raise ValueError("odds must be > 0 everywhere (good:bad odds)")
    points = offset + factor * np.log(values)
    return float(points[0]) if scalar else points


def points_from_pd(
    pd_: Any, *, base_points: float = BASE_POINTS, base_odds: float = BASE_ODDS, pdo: float = PDO
) -> np.ndarray | float:
    """Points for a probability of default, via the odds ``(1 − PD) / PD``.

    A PD of exactly 0 or 1 would give infinite points; it is moved
    ``1e-12`` inside the interval first (documented, and harmless on the
    clipped :data:`SCORE_RANGE`). The result is not clipped.

    Parameters
    ----------
    pd_ : float or array-like
        Probabilities of default in [0, 1].
    base_points, base_odds, pdo : float
        The scaling (see :func:`scaling_constants`).

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(points_from_pd(1 / 51), 6)   # odds 50:1
    600.0
    >>> round(points_from_pd(1 / 101), 6)  # odds 100:1, twice as good: +PDO
    620.0
    """
    factor, offset = scaling_constants(base_points=base_points, base_odds=base_odds, pdo=pdo)
    scalar = np.ndim(pd_) == 0
    values = as_float_array("pd", np.atleast_1d(pd_), low=0.0, high=1.0)
    values = np.clip(values, _PD_FLOOR, 1.0 - _PD_FLOOR)
    points = offset + factor * (np.log1p(-values) - np.log(values))
    return float(points[0]) if scalar else points


def pd_from_points(
    points: Any, *, base_points: float = BASE_POINTS, base_odds: float = BASE_ODDS, pdo: float = PDO
) -> np.ndarray | float:
    """Probability of default at a score: the inverse of :func:`points_from_pd`.

    ``odds = exp((points − Offset) / Factor)`` and ``PD = 1 / (1 + odds)``.

    Examples
    --------
    >>> round(pd_from_points(600), 6)
    0.019608
    >>> round(pd_from_points(487.12, ), 3)   # the offset: odds 1:1
    0.5
    """
    factor, offset = scaling_constants(base_points=base_points, base_odds=base_odds, pdo=pdo)
    scalar = np.ndim(points) == 0
    values = as_float_array("points", np.atleast_1d(points))
    log_odds_good = (values - offset) / factor
    result = 1.0 / (1.0 + np.exp(np.clip(log_odds_good, -700, 700)))
    return float(result[0]) if scalar else result
