"""Input checks shared by every module of :mod:`lessons`.

Each helper raises a :class:`ValueError` (or :class:`TypeError` for the wrong
kind of object) whose message starts with the parameter's name and says what
is allowed, so that a student who passes a bad value learns what to change.
They return the cleaned value (a float, an int or a NumPy array), so a public
function can validate and convert in one line::

    scores = as_float_array("scores", scores)
    cutoff = as_number("cutoff", cutoff, low=300, high=900)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence, Sized
from numbers import Integral, Real
from typing import Any

import numpy as np

__all__ = [
    "as_number",
    "as_int",
    "as_probability",
    "as_float_array",
    "as_binary_array",
    "require_same_length",
    "require_one_of",
    "require_columns",
    "as_rng",
]


def _describe_range(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    if low is None and high is None:
        return "any finite number"
    if high is None:
        return f"a number {'>' if low_open else '>='} {low:g}"
    if low is None:
        return f"a number {'<' if high_open else '<='} {high:g}"
    left = "(" if low_open else "["
    right = ")" if high_open else "]"
    return f"a number in {left}{low:g}, {high:g}{right}"


def as_number(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a finite float inside the given range.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    value : Any
        The value to check. Booleans are rejected: ``True`` is not a rate.
    low, high : float, optional
        Bounds of the allowed range (``None`` for unbounded).
    low_open, high_open : bool
        Whether the bound itself is excluded.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a real number.
    ValueError
        If ``value`` is NaN, infinite or out of range.

    Examples
    --------
    >>> as_number("rate", 0.05, low=0, high=1)
    0.05
    >>> as_number("rate", 2, low=0, high=1)
    Traceback (most recent call last):
    ...
    ValueError: rate must be a number in [0, 1]; got 2
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.number)):
        raise TypeError(f"{name} must be {_describe_range(low, high, low_open, high_open)}; got {type(value).__name__} {value!r}")
    number = float(value)
    allowed = _describe_range(low, high, low_open, high_open)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    return number


def as_int(name: str, value: Any, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int inside ``[low, high]``.

    Examples
    --------
    >>> as_int("bins", 5, low=2)
    5
    >>> as_int("bins", 1, low=2)
    Traceback (most recent call last):
    ...
    ValueError: bins must be an integer >= 2; got 1
    """
    if low is not None and high is not None:
        allowed = f"an integer in [{low}, {high}]"
    elif low is not None:
        allowed = f"an integer >= {low}"
    elif high is not None:
        allowed = f"an integer <= {high}"
    else:
        allowed = "an integer"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Integral, np.integer)):
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        else:
            raise TypeError(f"{name} must be {allowed}; got {type(value).__name__} {value!r}")
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    return number


def as_probability(name: str, value: Any, *, allow_zero: bool = True, allow_one: bool = True) -> float:
    """Return ``value`` as a probability in ``[0, 1]`` (ends optionally excluded).

    Examples
    --------
    >>> as_probability("lgd", 0.45)
    0.45
    """
    return as_number(name, value, low=0.0, high=1.0, low_open=not allow_zero, high_open=not allow_one)


def as_float_array(
    name: str,
    values: Any,
    *,
    ndim: int = 1,
    min_size: int = 1,
    low: float | None = None,
    high: float | None = None,
    allow_nan: bool = False,
) -> np.ndarray:
    """Return ``values`` as a float NumPy array after checking shape and range.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    values : array-like
        Numbers (a list, tuple, NumPy array or pandas Series).
    ndim : int
        Required number of dimensions.
    min_size : int
        Smallest allowed number of elements.
    low, high : float, optional
        Inclusive bounds every (non-NaN) element must respect.
    allow_nan : bool
        Whether NaN marks a missing value that the caller handles.

    Examples
    --------
    >>> as_float_array("scores", [500, 600])
    array([500., 600.])
    >>> as_float_array("scores", [])
    Traceback (most recent call last):
    ...
    ValueError: scores must have at least 1 element(s); got 0
    """
    if isinstance(values, (str, bytes)) or values is None:
        raise TypeError(f"{name} must be an array of numbers; got {type(values).__name__}")
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be an array of numbers; {error}") from None
    if array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional; got shape {array.shape}")
    if array.size < min_size:
        raise ValueError(f"{name} must have at least {min_size} element(s); got {array.size}")
    finite = np.isfinite(array)
    if not allow_nan and not finite.all():
        raise ValueError(f"{name} must contain only finite numbers (no NaN or infinity)")
    if allow_nan and np.isinf(array).any():
        raise ValueError(f"{name} must not contain infinity")
    checked = array[finite]
    if low is not None and checked.size and checked.min() < low:
        raise ValueError(f"{name} must be >= {low:g} everywhere; smallest value is {checked.min():g}")
    if high is not None and checked.size and checked.max() > high:
        raise ValueError(f"{name} must be <= {high:g} everywhere; largest value is {checked.max():g}")
    return array


def as_binary_array(name: str, values: Any, *, min_size: int = 1) -> np.ndarray:
    """Return 0/1 outcomes (e.g. defaults) as an int array.

    Examples
    --------
    >>> as_binary_array("defaults", [0, 1, True])
    array([0, 1, 1])
    """
    array = as_float_array(name, values, min_size=min_size)
    if not np.isin(array, (0.0, 1.0)).all():
        raise ValueError(f"{name} must contain only 0 and 1")
    return array.astype(int)


def require_same_length(name_a: str, a: Sized, name_b: str, b: Sized) -> None:
    """Raise unless ``a`` and ``b`` have the same length.

    Examples
    --------
    >>> require_same_length("scores", [1, 2], "defaults", [0])
    Traceback (most recent call last):
    ...
    ValueError: scores and defaults must have the same length; got 2 and 1
    """
    if len(a) != len(b):
        raise ValueError(f"{name_a} and {name_b} must have the same length; got {len(a)} and {len(b)}")


def require_one_of(name: str, value: Any, options: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``options``; otherwise list them in the error.

    Examples
    --------
    >>> require_one_of("segment", "city_tier", ["age_band", "city_tier"])
    'city_tier'
    >>> import pandas as pd
    >>> require_one_of("segment", pd.DataFrame({"a": [1]}), ["age_band", "city_tier"])
    Traceback (most recent call last):
    ...
    ValueError: segment must be one of 'age_band', 'city_tier'; got a DataFrame
    """
    options = list(options)
    try:
        found = bool(value in options)
    except (TypeError, ValueError):  # unhashable, or an array/DataFrame whose truth value is ambiguous
        found = False
    if not found:
        shown = ", ".join(repr(option) for option in options)
        got = repr(value) if np.ndim(value) == 0 and len(repr(value)) <= 80 else f"a {type(value).__name__}"
        raise ValueError(f"{name} must be one of {shown}; got {got}")
    return value


def require_columns(name: str, frame: Any, columns: Sequence[str]) -> None:
    """Raise unless ``frame`` is a DataFrame with all of ``columns``.

    Examples
    --------
    >>> import pandas as pd
    >>> require_columns("applicants", pd.DataFrame({"a": [1]}), ["a", "b"])
    Traceback (most recent call last):
    ...
    ValueError: applicants is missing column(s) 'b'
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}")
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) " + ", ".join(repr(c) for c in missing))
    if len(frame) == 0:
        raise ValueError(f"{name} must have at least one row")


def as_rng(name: str, seed: Any) -> np.random.Generator:
    """Turn a seed (non-negative int) or an existing Generator into a Generator.

    Passing the generator in explicitly keeps every random function pure: the
    same seed always gives the same result, and nothing global is touched.

    Examples
    --------
    >>> as_rng("seed", 7).integers(0, 100)
    np.int64(...)
    """
    if isinstance(seed, np.random.Generator):
        return seed
    seed = as_int(name, seed, low=0)
    return np.random.default_rng(seed)

