"""Monte Carlo error for the numbers a page quotes from a simulation.

A simulated share or average is an estimate: run the simulation with another
seed and it moves. This module turns simulated outcomes into an
:class:`Estimate` (value, standard error and a confidence interval) and says
how many digits of it are real, so that pages quote "56.2 ± 0.4 %" instead of a
single seed's "53.4 %". Nothing about finance lives here.

- :func:`proportion_estimate` — a share of simulated units (Wilson interval).
- :func:`mean_estimate` — the average of independent replications, for example
  one statistic computed under several seeds (normal interval on the mean).
- :func:`replicate` — run a statistic under several seeds and collect it.

Example::

    >>> from lessons.montecarlo import proportion_estimate
    >>> est = proportion_estimate(5_620, 10_000)
    >>> round(est.value, 3), round(est.standard_error, 4)
    (0.562, 0.005)
    >>> est.format(percent=True)
    '56.2 ± 1.0 % (95 % interval 55.2–57.2 %)'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np

from lessons._validation import as_float_array, as_int, as_number

__all__ = ["Estimate", "proportion_estimate", "mean_estimate", "replicate", "decimals_for"]


def _z_value(level: float) -> float:
    """Two-sided standard-normal quantile for a confidence ``level``."""
    return NormalDist().inv_cdf(0.5 + level / 2)


def decimals_for(standard_error: float, *, scale: float = 1.0) -> int:
    """Number of decimals worth quoting for a value with this standard error.

    The last digit quoted is the first one the standard error can move: the
    decimal place of the leading digit of ``standard_error × scale``, at least 0.

    Parameters
    ----------
    standard_error : float
        Monte Carlo standard error of the value (>= 0).
    scale : float
        Multiplier applied before counting digits, e.g. 100 for percentages.

    Returns
    -------
    int

    Examples
    --------
    >>> decimals_for(0.0042, scale=100)   # 0.42 percentage points -> one decimal
    1
    >>> decimals_for(37.0)                # ± 37 shops -> no decimals
    0
    >>> decimals_for(0.0)
    0
    """
    standard_error = as_number("standard_error", standard_error, low=0)
    scale = as_number("scale", scale, low=0, low_open=True)
    scaled = standard_error * scale
    if scaled == 0:
        return 0
    return max(0, -math.floor(math.log10(scaled)))


@dataclass(frozen=True)
class Estimate:
    """A simulated number with its Monte Carlo error.

    Attributes
    ----------
    value : float
        The point estimate (a share in [0, 1] or an average).
    standard_error : float
        Its Monte Carlo standard error.
    low, high : float
        The confidence interval at ``level``.
    level : float
        Confidence level of the interval, e.g. 0.95.
    n : int
        Number of simulated units (for a share) or replications (for a mean).
    """

    value: float
    standard_error: float
    low: float
    high: float
    level: float
    n: int

    def covers(self, truth: float) -> bool:
        """Whether the interval contains ``truth``.

        Examples
        --------
        >>> proportion_estimate(50, 100).covers(0.5)
        True
        """
        return bool(self.low <= truth <= self.high)

    def rounded(self, *, scale: float = 1.0) -> float:
        """The value rounded to the digits that are real (see :func:`decimals_for`).

        Examples
        --------
        >>> proportion_estimate(5_620, 10_000).rounded(scale=100)
        56.2
        """
        return round(self.value * scale, decimals_for(self.standard_error, scale=scale))

    def format(self, *, percent: bool = False, unit: str = "") -> str:
        """Text such as ``'56.2 ± 1.0 % (95 % interval 55.2–57.2 %)'``.

        The ± term is the half-width of the interval (about two standard errors
        at 95 %); every number is rounded to the digits that are real.

        Parameters
        ----------
        percent : bool
            Show a share as a percentage.
        unit : str
            Unit after the ± term and the interval when ``percent`` is false, e.g. ``" shops"``.

        Examples
        --------
        >>> mean_estimate([196, 164, 202, 185]).format(unit=" shops")
        '187 ± 27 shops (95 % interval 160–213 shops)'
        """
        scale, suffix = (100.0, " %") if percent else (1.0, unit)
        digits = decimals_for(self.standard_error, scale=scale)
        half = (self.high - self.low) / 2 * scale

        def number(x: float) -> str:
            return f"{x * scale:,.{digits}f}"

        return (
            f"{number(self.value)} ± {half:,.{digits}f}{suffix} "
            f"({self.level * 100:g} % interval {number(self.low)}–{number(self.high)}{suffix})"
        )


def proportion_estimate(successes: Any, trials: Any, *, level: float = 0.95) -> Estimate:
    """Share of simulated units with an outcome, with its Wilson interval.

    The standard error is ``sqrt(p (1 - p) / n)``; the interval is Wilson's
    score interval, which stays inside [0, 1] and keeps close to its nominal
    coverage for shares near 0 or 1, where the plain ``p ± z·se`` does not.

    Parameters
    ----------
    successes : int
        Number of units with the outcome (0 <= successes <= trials).
    trials : int
        Number of simulated units (>= 1).
    level : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    Estimate

    Examples
    --------
    >>> est = proportion_estimate(0, 50)
    >>> est.value, est.low, round(est.high, 3)
    (0.0, 0.0, 0.071)
    """
    trials = as_int("trials", trials, low=1)
    successes = as_int("successes", successes, low=0, high=trials)
    level = as_number("level", level, low=0, high=1, low_open=True, high_open=True)
    z = _z_value(level)
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z / (1 + z * z / trials) * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    low, high = max(0.0, centre - half), min(1.0, centre + half)
    if successes == 0:
        low = 0.0
    if successes == trials:
        high = 1.0
    return Estimate(p, math.sqrt(p * (1 - p) / trials), low, high, level, trials)


def mean_estimate(values: Any, *, level: float = 0.95) -> Estimate:
    """Average of independent replications, with its standard error and interval.

    Use it for a statistic computed under several seeds (one value per seed):
    the standard error is the sample standard deviation over ``sqrt(n)`` and
    the interval is ``mean ± t·se`` with Student's t quantile for ``n - 1``
    degrees of freedom (with 20 seeds a normal quantile would make the interval
    about 5 % too narrow).

    Parameters
    ----------
    values : array-like
        One finite number per replication; at least two.
    level : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    Estimate

    Examples
    --------
    >>> est = mean_estimate([0.55, 0.57, 0.56, 0.58])
    >>> round(est.value, 3), round(est.standard_error, 4)
    (0.565, 0.0065)
    """
    values = as_float_array("values", values, min_size=2)
    level = as_number("level", level, low=0, high=1, low_open=True, high_open=True)
    mean = float(values.mean())
    se = float(values.std(ddof=1) / math.sqrt(values.size))
    from scipy.stats import t as student_t

    half = float(student_t.ppf(0.5 + level / 2, df=values.size - 1)) * se
    return Estimate(mean, se, mean - half, mean + half, level, int(values.size))


def replicate(statistic: Callable[[int], float], seeds: Sequence[int]) -> np.ndarray:
    """Run ``statistic(seed)`` for each seed and return the results as an array.

    Parameters
    ----------
    statistic : callable
        A function of one integer seed that returns a number.
    seeds : sequence of int
        The seeds, at least two (distinct seeds give independent replications).

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> import numpy as np
    >>> draws = replicate(lambda seed: np.random.default_rng(seed).random(), range(5))
    >>> draws.shape
    (5,)
    >>> mean_estimate(draws).n
    5
    """
    if not callable(statistic):
        raise ValueError(f"statistic must be a function of one seed; got {type(statistic).__name__}")
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, (Sequence, range, np.ndarray)):
        raise ValueError(f"seeds must be a sequence of at least two integers; got {type(seeds).__name__}")
    checked = [as_int("seeds", seed, low=0) for seed in seeds]
    if len(checked) < 2:
        raise ValueError(f"seeds must hold at least two seeds; got {len(checked)}")
    if len(set(checked)) != len(checked):
        raise ValueError("seeds must be distinct: a repeated seed repeats the same replication")
    return np.array([float(statistic(seed)) for seed in checked])
