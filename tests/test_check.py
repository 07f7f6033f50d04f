"""lessons.check: every registered exercise accepts its answer, rejects others, and never crashes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.check import Exercise, _GRADERS, check, exercises, grade

REGISTERED = exercises()


def wrong_answer(exercise: Exercise, expected: object) -> object:
    if exercise.kind == "number":
        return float(expected) * 1.7 + 1.0  # type: ignore[arg-type]
    if exercise.kind == "integer":
        return int(expected) + 1  # type: ignore[call-overload]
    if exercise.kind == "numbers":
        return [float(x) * 1.7 + 1.0 for x in expected]  # type: ignore[union-attr]
    if exercise.kind == "choice":
        return next(o for o in exercise.options if o.casefold() != str(expected).casefold())
    if exercise.kind == "set":
        chosen = {str(e).casefold() for e in expected}  # type: ignore[union-attr]
        first = exercise.options[0]
        return sorted(chosen ^ {first.casefold()})
    return not expected


def test_every_chapter_registers_checked_exercises() -> None:
    assert len(REGISTERED) >= 2


@pytest.mark.parametrize("exercise_id", sorted(REGISTERED))
def test_the_expected_answer_is_accepted_and_a_wrong_one_rejected(exercise_id: str) -> None:
    exercise = REGISTERED[exercise_id]
    expected = exercise.expected()
    right = grade(exercise_id, expected)
    assert right.correct, right.message
    assert right.message.startswith("Correct.")
    wrong = grade(exercise_id, wrong_answer(exercise, expected))
    assert not wrong.correct
    assert "Hint:" in wrong.message or "not an option" in wrong.message


@pytest.mark.parametrize("exercise_id", sorted(REGISTERED))
def test_a_missing_answer_asks_for_one(exercise_id: str) -> None:
    assert grade(exercise_id, None).message.startswith("No answer yet")


def test_an_unknown_id_gets_a_message_not_an_exception(capsys: pytest.CaptureFixture[str]) -> None:
    check("cutoffs-999", 1)
    assert "There is no exercise 'cutoffs-999'" in capsys.readouterr().out


def _exercise(kind: str, expected: object, **kwargs: object) -> Exercise:
    return Exercise(id="t-1", kind=kind, expected=lambda: expected, hint="look again", why="because", **kwargs)


@pytest.mark.parametrize(
    ("kind", "expected", "answer", "correct", "fragment"),
    [
        ("number", 0.25, 0.2501, True, "Correct"),
        ("number", 0.25, 25, False, "percentage"),
        ("number", 0.25, "0.25", False, "single number"),
        ("number", 0.25, True, False, "single number"),
        ("number", 0.25, math.nan, False, "finite"),
        ("integer", 3, 3.0, True, "Correct"),
        ("integer", 3, 3.5, False, "whole number"),
        ("numbers", [1.0, 2.0], [1.0, 2.0], True, "Correct"),
        ("numbers", [1.0, 2.0], [1.0], False, "wants 2 numbers"),
        ("numbers", [1.0, 2.0], [1.0, 9.0], False, "Check number(s) 2"),
        ("numbers", [1.0, 2.0], 1.0, False, "list of 2 numbers"),
        ("bool", True, True, True, "Correct"),
        ("bool", True, "yes", False, "True or False"),
    ],
)
def test_each_kind_of_answer_is_judged_with_a_useful_message(kind, expected, answer, correct, fragment) -> None:
    result = _GRADERS[kind](_exercise(kind, expected), answer, expected)
    assert result.correct is correct
    assert fragment in result.message


def test_choices_ignore_case_and_spacing_but_not_unknown_options() -> None:
    exercise = _exercise("choice", "Pre-screen", options=("Pre-screen", "Underwriting"))
    assert _GRADERS["choice"](exercise, "  pre-screen ", "Pre-screen").correct
    assert "choose one of" in _GRADERS["choice"](exercise, "Scoring", "Pre-screen").message
    assert not _GRADERS["choice"](exercise, "underwriting", "Pre-screen").correct


def test_sets_ignore_order_and_say_how_many_are_missing() -> None:
    exercise = _exercise("set", ["a", "b"], options=("a", "b", "c"))
    assert _GRADERS["set"](exercise, ["b", "A"], ["a", "b"]).correct
    message = _GRADERS["set"](exercise, ["a", "c"], ["a", "b"]).message
    assert "1 missing and 1 that should not be there" in message
    assert "not an option" in _GRADERS["set"](exercise, ["z"], ["a", "b"]).message
    assert "list of options" in _GRADERS["set"](exercise, "a", ["a", "b"]).message


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"kind": "essay"}, "kind"), ({"rtol": -1}, "rtol"), ({"kind": "choice"}, "options")],
)
def test_badly_defined_exercises_are_refused(kwargs: dict, match: str) -> None:
    base = {"id": "x-1", "kind": "number", "expected": lambda: 1, "hint": "h", "why": "w"}
    with pytest.raises(ValueError, match=match):
        Exercise(**{**base, **kwargs})


@given(st.floats(-1e6, 1e6, allow_nan=False), st.floats(0, 0.5))
@settings(max_examples=100, deadline=None)
def test_a_number_within_the_relative_tolerance_is_always_accepted(expected: float, fraction: float) -> None:
    exercise = _exercise("number", expected, rtol=0.01, atol=1e-9)
    answer = expected * (1 + 0.01 * fraction)
    assert _GRADERS["number"](exercise, answer, expected).correct
