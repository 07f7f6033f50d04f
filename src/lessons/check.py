"""Check a student's answer to an exercise and say why it is right or what to look at.

In a notebook::

    answer = 0.42
    check("cutoffs-3", answer)

prints ``Correct.`` with the reason, or ``Not yet.`` with a hint. It only
prints plain text, so it behaves the same in JupyterLab, Notebook, VS Code,
Colab, on a JupyterHub and in the built book. An unknown exercise id, an
answer of the wrong shape or a missing answer (``None``) gets a message, not a
traceback.

The check is forgiving about *form* and strict about *value*:

- a number may be a Python or NumPy number, a :class:`~fractions.Fraction`, a
  :class:`~decimal.Decimal`, a one-element array or Series, or a string such
  as ``"0.534"``, ``"1/3"``, ``"28,372.61"`` or ``"RMB 3,168"``; where the
  exercise asks for a share, ``"53.4%"`` and ``"53.4 %"`` are read as 0.534;
- choices ignore case, spacing (also non-breaking and thin spaces),
  typographic quotes and apostrophes (``90 days’ notice``), dash variants and
  ``"25%"`` versus ``"25 %"``;
- the course gives shares as decimals (0.534, not 53.4). An answer 100 times
  too large or too small gets a hint that names the slip: a percentage for a
  share, fen for an amount in yuan;
- where the question states a precision (``decimals``), that precision is
  what is enforced, and an answer right only to fewer decimals is told so.

The exercises themselves live in :mod:`lessons.exercises` (one module per
chapter, each with an ``EXERCISES`` tuple). Expected answers are computed from
the course's models when first needed, so they always match the book.

No finance lives here.

Examples
--------
>>> share = Exercise(id="demo-1", kind="number", unit="share", expected=lambda: 0.534,
...                  atol=0.005, rtol=0.0, hint="Count the shops.", why="About half the shops.")
>>> print(share.grade("53.4 %"))
Correct. About half the shops.
>>> print(share.grade(53.4))
Not yet. It looks like a percentage; give the share as a decimal, e.g. 0.534 rather than 53.4. Hint: Count the shops.
>>> share.call
'check("demo-1", answer)'
"""

from __future__ import annotations

import difflib
import importlib
import math
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np

from lessons._answers import (
    UNITS,
    _clean_text,
    _normalise,
    _read_number,
    _resolve_option,
    _short,
    _single,
    _strip_quotes,
)

__all__ = ["Exercise", "Result", "check", "grade", "exercises", "call_for", "KINDS", "UNITS"]

KINDS = ("number", "integer", "numbers", "choice", "set", "bool")

_NUMERIC_KINDS = ("number", "integer", "numbers")
_NUMERIC_UNITS = ("share", "rmb", "points", "days", "months", "count", "ratio")
_UNIT_OF_KIND = {"choice": "option", "set": "option", "bool": "bool"}
_MAX_DECIMALS = 12


@dataclass(frozen=True)
class Exercise:
    """One checked exercise.

    Parameters
    ----------
    id : str
        Unique id, ``<page>-<n>`` (e.g. ``"cutoffs-2"``); no spaces or quotes.
    kind : str
        ``"number"`` (within tolerance), ``"integer"`` (exact), ``"numbers"``
        (a sequence of numbers, each within tolerance), ``"choice"`` (one
        option), ``"set"`` (a collection of options, order ignored) or
        ``"bool"``.
    expected : callable
        Zero-argument function returning the right answer.
    hint : str
        Shown when the answer is wrong: where to look, not the answer.
    why : str
        Shown when the answer is right: the reason.
    rtol, atol : float
        Relative and absolute tolerance for numbers (ignored when ``decimals``
        is given).
    options : tuple of str
        For ``choice`` and ``set``: every allowed option.
    unit : str
        What the answer measures, one of :data:`UNITS`: ``"share"`` (a share,
        rate or coefficient given as a decimal), ``"rmb"``, ``"points"``,
        ``"days"``, ``"months"``, ``"count"`` or ``"ratio"`` for the numeric
        kinds (required); ``"option"`` for ``choice`` and ``set`` and
        ``"bool"`` for ``bool`` (filled in when left empty). The unit decides
        which hint a 100-fold slip gets (a percentage for a share, fen for
        yuan) and whether ``"25 %"`` is read as 0.25.
    decimals : int, optional
        The precision the question states ("give three decimals"). The answer
        must then equal the expected value rounded to ``decimals`` places,
        within half a unit in the last place (``rtol`` and ``atol`` are not
        used), and an answer right only to fewer decimals is told to give
        ``decimals`` decimals.

    Raises
    ------
    ValueError
        If the kind, unit, tolerances, options or precision are not valid.

    Examples
    --------
    >>> gini = Exercise(id="demo-2", kind="number", unit="share", decimals=3, expected=lambda: 0.5734,
    ...                 hint="Gini = 2 AUC - 1.", why="Right.")
    >>> gini.grade(0.573).correct, gini.grade("0.5734").correct, gini.grade(0.58).correct
    (True, True, False)
    >>> print(gini.grade(0.57))
    Not yet. Give 3 decimals: your answer is right only to 2. Hint: Gini = 2 AUC - 1.
    >>> gini.call
    'check("demo-2", answer)'
    >>> Exercise(id="demo-3", kind="number", expected=lambda: 1, hint="h", why="w")
    Traceback (most recent call last):
    ...
    ValueError: unit must be one of share, rmb, points, days, months, count, ratio for a 'number' exercise; got ''
    """

    id: str
    kind: str
    expected: Callable[[], Any]
    hint: str
    why: str
    rtol: float = 0.01
    atol: float = 0.0
    options: tuple[str, ...] = ()
    unit: str = ""
    decimals: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id or re.search(r"[\s'\"\\]", self.id):
            raise ValueError(f"id must be a non-empty string without spaces or quotes; got {self.id!r}")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {self.kind!r}")
        if not callable(self.expected):
            raise TypeError("expected must be a zero-argument callable that computes the answer")
        if not (self.rtol >= 0 and self.atol >= 0 and math.isfinite(self.rtol) and math.isfinite(self.atol)):
            raise ValueError("rtol and atol must be finite and >= 0")
        if self.kind in ("choice", "set"):
            if not self.options:
                raise ValueError(f"options must list the allowed answers for a {self.kind!r} exercise")
            keys = [_normalise(o) for o in self.options]
            if len(set(keys)) != len(keys):
                raise ValueError(f"options must differ after normalisation (case, spaces, quotes); got {self.options!r}")
        if self.kind in _NUMERIC_KINDS:
            if self.unit not in _NUMERIC_UNITS:
                raise ValueError(
                    f"unit must be one of {', '.join(_NUMERIC_UNITS)} for a {self.kind!r} exercise; got {self.unit!r}"
                )
        else:
            wanted = _UNIT_OF_KIND[self.kind]
            if self.unit == "":
                object.__setattr__(self, "unit", wanted)
            elif self.unit != wanted:
                raise ValueError(f"unit must be {wanted!r} for a {self.kind!r} exercise; got {self.unit!r}")
        if self.decimals is not None:
            if self.kind not in ("number", "numbers"):
                raise ValueError(f"decimals applies to 'number' and 'numbers' exercises, not {self.kind!r}")
            if isinstance(self.decimals, bool) or not isinstance(self.decimals, int):
                raise ValueError(f"decimals must be a whole number of decimal places; got {self.decimals!r}")
            if not 0 <= self.decimals <= _MAX_DECIMALS:
                raise ValueError(f"decimals must be between 0 and {_MAX_DECIMALS}; got {self.decimals!r}")

    @property
    def call(self) -> str:
        """The exact call a student runs for this exercise, e.g. ``'check("cutoffs-2", answer)'``."""
        return f'check("{self.id}", answer)'

    def grade(self, answer: Any) -> Result:
        """Judge ``answer`` against this exercise (computing the expected value afresh).

        :func:`lessons.check.grade` does the same for a registered exercise by id,
        with the expected value cached.

        Examples
        --------
        >>> fee = Exercise(id="demo-4", kind="number", unit="rmb", expected=lambda: 593.0,
        ...                hint="Total cost row.", why="Cheapest.")
        >>> fee.grade("RMB 593").correct
        True
        >>> print(fee.grade(59_300))
        Not yet. It looks like an amount in fen; give it in yuan, e.g. 593 rather than 59300. Hint: Total cost row.
        """
        if _unanswered(answer):
            return Result(False, _NO_ANSWER)
        return _judge(self, answer, self.expected())


@dataclass(frozen=True)
class Result:
    """The verdict on one answer: ``correct`` and a ``message`` for the student."""

    correct: bool
    message: str

    def __str__(self) -> str:
        return self.message


_NO_ANSWER = "No answer yet: replace None with your answer and run the cell again."


def _unanswered(answer: Any) -> bool:
    """``None``, ``...`` or an empty string: the student has not answered yet."""
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not _clean_text(answer))

# --- the registry -------------------------------------------------------------

_LOAD_PROBLEMS: dict[str, str] = {}


@lru_cache(maxsize=1)
def _registry() -> Mapping[str, Exercise]:
    """Every registered exercise; a chapter module that fails to load is recorded, not raised."""
    import lessons.exercises as package

    found: dict[str, Exercise] = {}
    _LOAD_PROBLEMS.clear()
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        name = f"{package.__name__}.{info.name}"
        try:
            module = importlib.import_module(name)
            chapter = tuple(getattr(module, "EXERCISES", ()))
        except Exception as error:  # one broken chapter must not break the checks of the others
            _LOAD_PROBLEMS[name] = f"{type(error).__name__}: {error}"
            continue
        for exercise in chapter:
            if exercise.id in found:
                _LOAD_PROBLEMS[name] = f"exercise id {exercise.id!r} is registered twice"
                continue
            found[exercise.id] = exercise
    return MappingProxyType(found)


def _load_problems() -> dict[str, str]:
    """Chapter modules of :mod:`lessons.exercises` that could not be loaded, with the reason (tests use it)."""
    _registry()
    return dict(_LOAD_PROBLEMS)


def exercises() -> dict[str, Exercise]:
    """All registered exercises by id.

    Examples
    --------
    >>> "first-look-1" in exercises()
    True
    """
    return dict(_registry())


@lru_cache(maxsize=None)
def _expected(exercise_id: str) -> Any:
    return _registry()[exercise_id].expected()


def _find(exercise_id: Any) -> Exercise | None:
    registry = _registry()
    if not isinstance(exercise_id, str):
        return None
    if exercise_id in registry:
        return registry[exercise_id]
    key = re.sub(r"[\s_]+", "-", _strip_quotes(_clean_text(exercise_id)).casefold())
    return registry.get(key)


def _closest_ids(exercise_id: Any, limit: int = 5) -> list[str]:
    registry = _registry()
    text = _clean_text(str(exercise_id)).casefold()
    page = text.rsplit("-", 1)[0]
    same_page = [k for k in registry if page and k.rsplit("-", 1)[0] == page]
    similar = difflib.get_close_matches(text, list(registry), n=limit, cutoff=0.6)
    return list(dict.fromkeys(same_page + similar))[:limit]


def _unknown_id(exercise_id: Any, answer: Any) -> str:
    if _find(answer) is not None:
        return f"The exercise id comes first, then your answer: {_find(answer).call}"  # type: ignore[union-attr]
    near = _closest_ids(exercise_id)
    message = f"There is no exercise {exercise_id!r}; check the id in the exercise box."
    if near:
        message += f" Closest ids: {', '.join(near)}."
    problems = _load_problems()
    if problems:
        message += " (Some exercises could not be loaded: " + "; ".join(f"{k}: {v}" for k, v in problems.items()) + ".)"
    return message


def call_for(exercise_id: str) -> str:
    """The exact call that checks exercise ``exercise_id``, to print in its exercise box.

    Parameters
    ----------
    exercise_id : str
        A registered exercise id.

    Returns
    -------
    str
        For example ``'check("first-look-1", answer)'``.

    Raises
    ------
    KeyError
        If no exercise has that id (the message lists the closest ids).

    Examples
    --------
    >>> call_for("first-look-1")
    'check("first-look-1", answer)'
    """
    registry = _registry()
    if not isinstance(exercise_id, str) or exercise_id not in registry:
        raise KeyError(_unknown_id(exercise_id, None))
    return registry[exercise_id].call


# --- comparing numbers ----------------------------------------------------------


def _within(a: float, b: float, tolerance: float) -> bool:
    slack = tolerance * 1e-9 + 4 * sys.float_info.epsilon * max(abs(a), abs(b))
    return abs(a - b) <= tolerance + slack


def _matches(exercise: Exercise, value: float, expected: float) -> bool:
    """Whether ``value`` is right: within tolerance, or equal to ``expected`` at the stated precision."""
    if exercise.kind == "integer":
        return _integral(value) and round(value) == round(expected)
    if exercise.decimals is None:
        return _within(value, expected, max(exercise.rtol * max(abs(value), abs(expected)), exercise.atol))
    half = 0.5 * 10.0**-exercise.decimals
    return _within(value, round(expected, exercise.decimals), half) or _within(value, expected, half)


def _right_to(exercise: Exercise, value: float, expected: float) -> int | None:
    """The number of decimals (fewer than required) to which ``value`` is right, if any."""
    if exercise.decimals is None or exercise.kind == "integer":
        return None
    for places in range(exercise.decimals - 1, -1, -1):
        if places == 0 and abs(expected) < 1:
            break
        if not _within(value, round(value, places), 0):
            continue  # the answer has more decimals than this
        half = 0.5 * 10.0**-places
        if _within(value, round(expected, places), half) or _within(value, expected, half):
            return places
    return None


def _near(exercise: Exercise, value: float, expected: float) -> bool:
    return _matches(exercise, value, expected) or _right_to(exercise, value, expected) is not None


def _integral(value: float) -> bool:
    return _within(value, round(value), 1e-9 * max(1.0, abs(value)))


def _fmt(value: float) -> str:
    return f"{value:.10g}"


def _unit_note(exercise: Exercise, value: float, expected: float) -> str:
    """A hint for a 100-fold slip (percentage, fen), a precision slip, or an impossible share."""
    if expected != 0 and value != 0:
        if _near(exercise, value / 100, expected):
            if exercise.unit == "share":
                return (
                    "It looks like a percentage; give the share as a decimal, "
                    f"e.g. {_fmt(value / 100)} rather than {_fmt(value)}. "
                )
            if exercise.unit == "rmb":
                return (
                    "It looks like an amount in fen; give it in yuan, "
                    f"e.g. {_fmt(value / 100)} rather than {_fmt(value)}. "
                )
            return f"Your answer is about 100 times too large; the answer is {UNITS[exercise.unit]}. "
        if _near(exercise, value * 100, expected):
            if exercise.unit == "share":
                return (
                    "It looks 100 times too small; give the share as a decimal "
                    f"(25 % is 0.25), e.g. {_fmt(value * 100)} rather than {_fmt(value)}. "
                )
            if exercise.unit == "rmb":
                return (
                    "It looks 100 times too small; give the amount in yuan, "
                    f"e.g. {_fmt(value * 100)} rather than {_fmt(value)}. "
                )
            return f"Your answer is about 100 times too small; the answer is {UNITS[exercise.unit]}. "
    places = _right_to(exercise, value, expected)
    if places is not None:
        return f"Give {exercise.decimals} decimals: your answer is right only to {places}. "
    if exercise.unit == "share" and abs(value) > 1:
        return "Give shares as decimals: 0.25, not 25. "
    return ""


def _wrong(exercise: Exercise, extra: str = "") -> Result:
    return Result(False, f"Not yet. {extra}Hint: {exercise.hint}".strip())


def _right(exercise: Exercise) -> Result:
    return Result(True, f"Correct. {exercise.why}")


# --- the graders ----------------------------------------------------------------


def _grade_number(exercise: Exercise, answer: Any, expected: Any) -> Result:
    value, problem = _read_number(exercise, answer)
    if value is None:
        return Result(False, problem)
    if _matches(exercise, value, float(expected)):
        return _right(exercise)
    return _wrong(exercise, _unit_note(exercise, value, float(expected)))


def _grade_integer(exercise: Exercise, answer: Any, expected: Any) -> Result:
    value, problem = _read_number(exercise, answer)
    if value is None:
        return Result(False, problem.replace("a single number", "a whole number", 1))
    target = float(round(float(expected)))
    if not _integral(value):
        if _matches(exercise, value * 100, target):
            return _wrong(exercise, _unit_note(exercise, value, target))
        return Result(False, f"Exercise {exercise.id!r} wants a whole number; got {_short(answer)}.")
    if _matches(exercise, value, target):
        return _right(exercise)
    return _wrong(exercise, _unit_note(exercise, value, target))


def _grade_numbers(exercise: Exercise, answer: Any, expected: Any) -> Result:
    expected = [float(e) for e in expected]
    wants = f"Exercise {exercise.id!r} wants a list of {len(expected)} numbers"
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        return Result(False, f"{wants}; got {_short(answer)}.")
    given = list(np.asarray(answer, dtype=object).ravel()) if isinstance(answer, np.ndarray) else list(answer)
    if len(given) != len(expected):
        return Result(False, f"Exercise {exercise.id!r} wants {len(expected)} numbers; your answer has {len(given)}.")
    values = []
    for item in given:
        value, problem = _read_number(exercise, item, unwrap=False)
        if value is None:
            return Result(False, f"Exercise {exercise.id!r} wants numbers only; got {_short(answer)}.")
        values.append(value)
    wrong = [i for i, (v, e) in enumerate(zip(values, expected)) if not _matches(exercise, v, e)]
    if not wrong:
        return _right(exercise)
    positions = ", ".join(str(i + 1) for i in wrong)
    note = _unit_note(exercise, values[wrong[0]], expected[wrong[0]])
    return _wrong(exercise, f"Check number(s) {positions}. {note}")


def _single_text(answer: Any) -> str | None:
    ok, inner = _single(answer)
    value = inner if ok else answer
    return str(value) if isinstance(value, str) else None


def _grade_choice(exercise: Exercise, answer: Any, expected: Any) -> Result:
    text = _single_text(answer)
    if text is None:
        return Result(False, f"Exercise {exercise.id!r} wants one of the options as text; got {_short(answer)}.")
    chosen = _resolve_option(exercise, text)
    if chosen is None:
        shown = ", ".join(repr(o) for o in exercise.options)
        return Result(False, f"Exercise {exercise.id!r}: choose one of {shown}; got {_short(answer)}.")
    target = _resolve_option(exercise, expected) or str(expected)
    if _normalise(chosen) == _normalise(target):
        return _right(exercise)
    return _wrong(exercise)


def _grade_set(exercise: Exercise, answer: Any, expected: Any) -> Result:
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        return Result(False, f"Exercise {exercise.id!r} wants a list of options, e.g. ['a', 'b']; got {_short(answer)}.")
    items = list(np.asarray(answer, dtype=object).ravel()) if isinstance(answer, np.ndarray) else list(answer)
    given: set[str] = set()
    for item in items:
        chosen = _resolve_option(exercise, item) if isinstance(item, str) else None
        if chosen is None:
            shown = ", ".join(repr(o) for o in exercise.options)
            return Result(False, f"Exercise {exercise.id!r}: {_short(item)} is not an option; choose from {shown}.")
        given.add(_normalise(chosen))
    target = {_normalise(_resolve_option(exercise, e) or str(e)) for e in expected}
    if given == target:
        return _right(exercise)
    missing, extra = len(target - given), len(given - target)
    return _wrong(exercise, f"{missing} missing and {extra} that should not be there. ")


def _grade_bool(exercise: Exercise, answer: Any, expected: Any) -> Result:
    ok, inner = _single(answer)
    value = inner if ok else answer
    if isinstance(value, str):
        word = _normalise(value).rstrip(".")
        value = {"true": True, "false": False}.get(word, value)
    if not isinstance(value, (bool, np.bool_)):
        return Result(False, f"Exercise {exercise.id!r} wants True or False; got {_short(answer)}.")
    if bool(value) == bool(expected):
        return _right(exercise)
    return _wrong(exercise)


_GRADERS = {
    "number": _grade_number,
    "integer": _grade_integer,
    "numbers": _grade_numbers,
    "choice": _grade_choice,
    "set": _grade_set,
    "bool": _grade_bool,
}


def _judge(exercise: Exercise, answer: Any, expected: Any) -> Result:
    try:
        return _GRADERS[exercise.kind](exercise, answer, expected)
    except OverflowError:  # a finite number too large to compare digit by digit (e.g. 1e306)
        return _wrong(exercise, "That number is far too large. ")
    except Exception as error:  # never a traceback for a student's answer
        return Result(
            False,
            f"Could not read your answer to {exercise.id!r} ({type(answer).__name__}: {type(error).__name__}); "
            f"give {UNITS[exercise.unit]}.",
        )


def grade(exercise_id: str, answer: Any) -> Result:
    """Judge ``answer`` to exercise ``exercise_id`` without printing.

    Parameters
    ----------
    exercise_id : str
        The id given in the exercise (e.g. ``"first-look-1"``).
    answer : Any
        The student's answer; ``None`` means "not answered yet".

    Returns
    -------
    Result
        ``correct`` and a ``message`` that explains.

    Examples
    --------
    >>> grade("first-look-1", None).correct
    False
    >>> grade("first-look-1", "a third").message
    "Exercise 'first-look-1' wants a single number, a share or rate as a decimal (0.25 for 25 %); got str 'a third'."
    >>> grade("no-such-exercise", 1).message.startswith("There is no exercise")
    True
    >>> print(grade("first-look-9", 1))
    There is no exercise 'first-look-9'; check the id in the exercise box. Closest ids: first-look-1, ...
    """
    exercise = _find(exercise_id)
    if exercise is None:
        return Result(False, _unknown_id(exercise_id, answer))
    if _unanswered(answer):
        return Result(False, _NO_ANSWER)
    try:
        expected = _expected(exercise.id)
    except Exception as error:  # the model failed: not the student's doing
        return Result(
            False,
            f"The answer to {exercise.id!r} could not be computed ({type(error).__name__}: {error}); "
            "please tell your teacher.",
        )
    return _judge(exercise, answer, expected)


def check(exercise_id: str, answer: Any) -> None:
    """Print whether ``answer`` to exercise ``exercise_id`` is right, and why.

    Parameters
    ----------
    exercise_id : str
        The id given in the exercise box (e.g. ``"first-look-1"``).
    answer : Any
        The student's answer; ``None`` means "not answered yet".

    Examples
    --------
    >>> check("first-look-1", None)
    No answer yet: replace None with your answer and run the cell again.
    >>> check("first-look-1", "a third")
    Exercise 'first-look-1' wants a single number, a share or rate as a decimal (0.25 for 25 %); got str 'a third'.
    """
    print(grade(exercise_id, answer).message)
