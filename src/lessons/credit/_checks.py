"""Input checks that several Chapter 1 modules need beyond :mod:`lessons._validation`.

Like those helpers, each check names the parameter and says what is allowed, so a
wrong kind of input (a number where a list of names belongs, a string where a
column name list belongs, the wrong object) never ends in a bare Python error
such as "'int' object is not iterable".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def as_names(name: str, value: Any, *, allow_empty: bool = False, what: str = "column names") -> tuple[str, ...]:
    """Return ``value`` as a tuple of strings, or say that a list of names was expected.

    A single string is refused (iterating over it would give its letters), and
    so are mappings and anything that is not iterable.

    Examples
    --------
    >>> as_names("features", ["age", "duration_months"])
    ('age', 'duration_months')
    >>> as_names("features", 5)
    Traceback (most recent call last):
    ...
    ValueError: features must be a non-empty list of column names, e.g. ['name', ...]; got int 5
    """
    allowed = f"a {'' if allow_empty else 'non-empty '}list of {what}"
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ValueError(f"{name} must be {allowed}, e.g. ['name', ...]; got {type(value).__name__} {value!r}")
    names = tuple(value)
    for item in names:
        if not isinstance(item, str):
            raise ValueError(f"{name} must be {allowed}; {item!r} ({type(item).__name__}) is not a name")
    if not names and not allow_empty:
        raise ValueError(f"{name} must be {allowed}; got an empty {type(value).__name__}")
    return names


def as_name(name: str, value: Any, *, what: str = "a column name") -> str:
    """Return ``value`` if it is a string; otherwise say what kind of name was expected.

    Examples
    --------
    >>> as_name("target", ["default"])
    Traceback (most recent call last):
    ...
    TypeError: target must be a column name (a string); got list ['default']
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be {what} (a string); got {type(value).__name__} {value!r}")
    return value


def require_instance(name: str, value: Any, kind: type, source: str) -> Any:
    """Return ``value`` if it is a ``kind``; otherwise say where such an object comes from.

    Examples
    --------
    >>> require_instance("setup", None, dict, "from make_setup")
    Traceback (most recent call last):
    ...
    TypeError: setup must be a dict (from make_setup); got NoneType
    """
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {kind.__name__} ({source}); got {type(value).__name__}")
    return value
