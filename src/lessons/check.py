"""Check a student's answer to an exercise and say why it is right or what to look at.

In a notebook::

    answer = 0.42
    check("cutoffs-2", answer)

prints ``Correct.`` with the reason, or ``Not yet.`` with a hint. It only
prints plain text, so it behaves the same in JupyterLab, Notebook, VS Code,
Colab, on a JupyterHub and in the built book. An unknown exercise id, an
answer of the wrong shape or a missing answer (``None``) gets a message, not a
traceback.

The exercises themselves live in :mod:`lessons.exercises` (one module per
chapter, each with an ``EXERCISES`` tuple). Expected answers are computed from
the course's models when first needed, so they always match the book.

No finance lives here.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real
from typing import Any

import numpy as np

__all__ = ["Exercise", "Result", "check", "grade", "exercises"]

KINDS = ("number", "integer", "numbers", "choice", "set", "bool")


@dataclass(frozen=True)
class Exercise:
    """One checked exercise.

    Parameters
    ----------
    id : str
        Unique id, ``<page>-<n>`` (e.g. ``"cutoffs-2"``).
    kind : str
        ``"number"`` (within tolerance), ``"integer"`` (exact), ``"numbers"``
        (a sequence of numbers, each within tolerance), ``"choice"`` (one
        option, case-insensitive), ``"set"`` (a collection of options, order
        ignored) or ``"bool"``.
    expected : callable
        Zero-argument function returning the right answer.
    hint : str
        Shown when the answer is wrong: where to look, not the answer.
    why : str
        Shown when the answer is right: the reason.
    rtol, atol : float
        Relative and absolute tolerance for numbers.
    options : tuple of str
        For ``choice`` and ``set``: every allowed option.
    """

    id: str
    kind: str
    expected: Callable[[], Any]
    hint: str
    why: str
    rtol: float = 0.01
    atol: float = 0.0
    options: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {self.kind!r}")
        if not callable(self.expected):
            raise TypeError("expected must be a zero-argument callable that computes the answer")
        if self.rtol < 0 or self.atol < 0:
            raise ValueError("rtol and atol must be >= 0")
        if self.kind in ("choice", "set") and not self.options:
            raise ValueError(f"options must list the allowed answers for a {self.kind!r} exercise")


@dataclass(frozen=True)
class Result:
    """The verdict on one answer: ``correct`` and a ``message`` for the student."""

    correct: bool
    message: str

    def __str__(self) -> str:
        return self.message


@lru_cache(maxsize=1)
def _registry() -> Mapping[str, Exercise]:
    import lessons.exercises as package

    found: dict[str, Exercise] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for exercise in getattr(module, "EXERCISES", ()):
            if exercise.id in found:
                raise ValueError(f"exercise id {exercise.id!r} is registered twice (in {info.name})")
            found[exercise.id] = exercise
    return found


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


def _is_number(value: Any) -> bool:
    return isinstance(value, (Real, np.number)) and not isinstance(value, (bool, np.bool_))


def _close(a: float, b: float, exercise: Exercise) -> bool:
    return math.isclose(float(a), float(b), rel_tol=exercise.rtol, abs_tol=exercise.atol)


def _wrong(exercise: Exercise, extra: str = "") -> Result:
    return Result(False, f"Not yet. {extra}Hint: {exercise.hint}".strip())


def _grade_number(exercise: Exercise, answer: Any, expected: Any) -> Result:
    if not _is_number(answer):
        return Result(False, f"Exercise {exercise.id!r} wants a single number; got {type(answer).__name__} {answer!r}.")
    if not math.isfinite(float(answer)):
        return Result(False, f"Exercise {exercise.id!r} wants a finite number; got {answer!r}.")
    if _close(answer, expected, exercise):
        return Result(True, f"Correct. {exercise.why}")
    if expected != 0 and _close(float(answer) / 100, expected, exercise):
        return _wrong(exercise, "It looks like a percentage: give shares as decimals (0.25, not 25). ")
    return _wrong(exercise)


def _grade_integer(exercise: Exercise, answer: Any, expected: Any) -> Result:
    if not _is_number(answer) or not float(answer).is_integer():
        return Result(False, f"Exercise {exercise.id!r} wants a whole number; got {answer!r}.")
    if int(answer) == int(expected):
        return Result(True, f"Correct. {exercise.why}")
    return _wrong(exercise)


def _grade_numbers(exercise: Exercise, answer: Any, expected: Any) -> Result:
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        return Result(False, f"Exercise {exercise.id!r} wants a list of {len(expected)} numbers; got {answer!r}.")
    answer = list(answer)
    if len(answer) != len(expected):
        return Result(
            False, f"Exercise {exercise.id!r} wants {len(expected)} numbers; your answer has {len(answer)}."
        )
    if not all(_is_number(a) for a in answer):
        return Result(False, f"Exercise {exercise.id!r} wants numbers only; got {answer!r}.")
    wrong = [i for i, (a, e) in enumerate(zip(answer, expected)) if not _close(a, e, exercise)]
    if not wrong:
        return Result(True, f"Correct. {exercise.why}")
    positions = ", ".join(str(i + 1) for i in wrong)
    return _wrong(exercise, f"Check number(s) {positions}. ")


def _normalise(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _grade_choice(exercise: Exercise, answer: Any, expected: Any) -> Result:
    if not isinstance(answer, str):
        return Result(False, f"Exercise {exercise.id!r} wants one of the options as text; got {answer!r}.")
    allowed = {_normalise(o): o for o in exercise.options}
    if _normalise(answer) not in allowed:
        shown = ", ".join(repr(o) for o in exercise.options)
        return Result(False, f"Exercise {exercise.id!r}: choose one of {shown}; got {answer!r}.")
    if _normalise(answer) == _normalise(expected):
        return Result(True, f"Correct. {exercise.why}")
    return _wrong(exercise)


def _grade_set(exercise: Exercise, answer: Any, expected: Any) -> Result:
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return Result(False, f"Exercise {exercise.id!r} wants a list of options, e.g. ['a', 'b']; got {answer!r}.")
    allowed = {_normalise(o) for o in exercise.options}
    given = {_normalise(a) for a in answer}
    unknown = sorted(given - allowed)
    if unknown:
        shown = ", ".join(repr(o) for o in exercise.options)
        return Result(False, f"Exercise {exercise.id!r}: {unknown[0]!r} is not an option; choose from {shown}.")
    target = {_normalise(e) for e in expected}
    if given == target:
        return Result(True, f"Correct. {exercise.why}")
    missing, extra = len(target - given), len(given - target)
    return _wrong(exercise, f"{missing} missing and {extra} that should not be there. ")


def _grade_bool(exercise: Exercise, answer: Any, expected: Any) -> Result:
    if not isinstance(answer, (bool, np.bool_)):
        return Result(False, f"Exercise {exercise.id!r} wants True or False; got {answer!r}.")
    if bool(answer) == bool(expected):
        return Result(True, f"Correct. {exercise.why}")
    return _wrong(exercise)


_GRADERS = {
    "number": _grade_number,
    "integer": _grade_integer,
    "numbers": _grade_numbers,
    "choice": _grade_choice,
    "set": _grade_set,
    "bool": _grade_bool,
}


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
    >>> grade("no-such-exercise", 1).message.startswith("There is no exercise")
    True
    """
    registry = _registry()
    if not isinstance(exercise_id, str) or exercise_id not in registry:
        prefix = str(exercise_id).rsplit("-", 1)[0]
        near = sorted(k for k in registry if k.startswith(prefix))[:6]
        suggestion = f" Ids on this page include: {', '.join(near)}." if near else ""
        return Result(False, f"There is no exercise {exercise_id!r}; check the id in the exercise box.{suggestion}")
    exercise = registry[exercise_id]
    if answer is None:
        return Result(False, "No answer yet: replace None with your answer and run the cell again.")
    return _GRADERS[exercise.kind](exercise, answer, _expected(exercise_id))


def check(exercise_id: str, answer: Any) -> None:
    """Print whether ``answer`` to exercise ``exercise_id`` is right, and why.

    Examples
    --------
    >>> check("first-look-1", None)
    No answer yet: replace None with your answer and run the cell again.
    """
    print(grade(exercise_id, answer).message)
