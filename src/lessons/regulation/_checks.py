"""Input checks used by more than one module of :mod:`lessons.regulation`.

They add to :mod:`lessons._validation` the two cases its helpers leave to
Python: a choice given as a DataFrame, array or list (whose truth value is
ambiguous), and a DataFrame column that does not hold numbers. Both raise a
:class:`ValueError` that names the parameter and says what is allowed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np

from lessons._validation import as_float_array, require_one_of


def describe(value: Any) -> str:
    """A short description of ``value`` for an error message: ``"int 3"``, ``"DataFrame"``.

    Examples
    --------
    >>> describe(3), describe((3, 0.02, 1)), describe([1, 2]), describe(None)
    ('int 3', 'tuple (3, 0.02, 1)', 'list', 'None')
    """
    if value is None:
        return "None"
    if isinstance(value, (str, bytes, int, float, bool, np.generic, tuple)):
        return f"{type(value).__name__} {value!r:.40}"
    return type(value).__name__


def require_choice(name: str, value: Any, options: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``options``; otherwise raise a ValueError listing them.

    Unlike :func:`lessons._validation.require_one_of` alone, a DataFrame, Series,
    array or list is refused by name instead of failing inside ``in``.

    Examples
    --------
    >>> require_choice("pricing", "quoted", ["quoted", "fee_0.6"])
    'quoted'
    >>> import pandas as pd
    >>> require_choice("pricing", pd.DataFrame(), ["quoted", "fee_0.6"])
    Traceback (most recent call last):
    ...
    ValueError: pricing must be one of 'quoted', 'fee_0.6'; got DataFrame
    """
    options = list(options)
    if not isinstance(value, Hashable):
        shown = ", ".join(repr(option) for option in options)
        raise ValueError(f"{name} must be one of {shown}; got {describe(value)}")
    return require_one_of(name, value, options)


def column_values(name: str, frame: Any, column: str, *, allow_nan: bool = False) -> np.ndarray:
    """The column ``column`` of the DataFrame ``name`` as a float array, or a ValueError naming both.

    The caller has checked that the column exists (``require_columns``).

    Examples
    --------
    >>> import pandas as pd
    >>> column_values("views", pd.DataFrame({"score": [500, 600]}), "score")
    array([500., 600.])
    >>> column_values("views", pd.DataFrame({"score": ["high"]}), "score")
    Traceback (most recent call last):
    ...
    ValueError: views column 'score' must be an array of numbers; could not convert string to float: 'high'
    """
    label = f"{name} column {column!r}"
    try:
        return as_float_array(label, frame[column], allow_nan=allow_nan)
    except TypeError as error:  # a column of text or objects is a wrong value of the DataFrame
        raise ValueError(str(error)) from None
