"""lessons.check: how answers are read, compared and explained, on small made-up exercises.

The registered exercises of the course are tested in ``test_check_registry.py``.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lessons.check as check_module
from lessons._answers import _parse_number_text
from lessons.check import UNITS, Exercise, Result, call_for, check, exercises, grade


def _exercise(kind: str, expected: object, **kwargs: object) -> Exercise:
    if kind in ("number", "integer", "numbers"):
        kwargs.setdefault("unit", "share")
    return Exercise(id="t-1", kind=kind, expected=lambda: expected, hint="look again", why="because", **kwargs)


def judge(kind: str, expected: object, answer: object, **kwargs: object) -> Result:
    return _exercise(kind, expected, **kwargs).grade(answer)


# --- each kind ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected", "answer", "correct", "fragment"),
    [
        ("number", 0.25, 0.2501, True, "Correct"),
        ("number", 0.25, 25, False, "percentage"),
        ("number", 0.25, "0.25", True, "Correct"),
        ("number", 0.25, "25%", True, "Correct"),
        ("number", 0.25, "25 %", True, "Correct"),
        ("number", 0.25, "25\u00a0%", True, "Correct"),
        ("number", 0.25, "1/4", True, "Correct"),
        ("number", 0.25, Fraction(1, 4), True, "Correct"),
        ("number", 0.25, Decimal("0.25"), True, "Correct"),
        ("number", 0.25, np.float32(0.25), True, "Correct"),
        ("number", 0.25, np.array(0.25), True, "Correct"),
        ("number", 0.25, pd.Series([0.25]), True, "Correct"),
        ("number", 0.25, "a quarter", False, "single number"),
        ("number", 0.25, True, False, "single number"),
        ("number", 0.25, [0.25, 0.5], False, "2 values"),
        ("number", 0.25, math.nan, False, "finite"),
        ("number", 0.25, "1/0", False, "single number"),
        ("number", 0.25, 1j, False, "complex"),
        ("integer", 3, 3.0, True, "Correct"),
        ("integer", 3, "3", True, "Correct"),
        ("integer", 3, np.int64(3), True, "Correct"),
        ("integer", 3, 3.5, False, "whole number"),
        ("integer", 3, "three", False, "whole number"),
        ("numbers", [1.0, 2.0], [1.0, 2.0], True, "Correct"),
        ("numbers", [1.0, 2.0], ["1", "2"], True, "Correct"),
        ("numbers", [1.0, 2.0], np.array([1.0, 2.0]), True, "Correct"),
        ("numbers", [1.0, 2.0], [1.0], False, "wants 2 numbers"),
        ("numbers", [1.0, 2.0], [1.0, 9.0], False, "Check number(s) 2"),
        ("numbers", [1.0, 2.0], 1.0, False, "list of 2 numbers"),
        ("numbers", [0.1, 0.2], [10, 20], False, "percentage"),
        ("bool", True, True, True, "Correct"),
        ("bool", True, np.True_, True, "Correct"),
        ("bool", True, "True", True, "Correct"),
        ("bool", False, " false ", True, "Correct"),
        ("bool", True, "yes", False, "True or False"),
        ("bool", True, 1, False, "True or False"),
    ],
)
def test_each_kind_of_answer_is_judged_with_a_useful_message(kind, expected, answer, correct, fragment) -> None:
    result = judge(kind, expected, answer)
    assert result.correct is correct, result.message
    assert fragment in result.message


@pytest.mark.parametrize("answer", [None, ..., "", "  ", "\u00a0"])
def test_no_answer_yet(answer: object) -> None:
    assert judge("number", 0.25, answer).message.startswith("No answer yet")


# --- numbers typed as text --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        ("0.534", 0.534, False),
        (" 0.534 ", 0.534, False),
        ("'0.534'", 0.534, False),
        ("53.4%", 53.4, True),
        ("53.4 %", 53.4, True),
        ("53.4\u202f%", 53.4, True),
        ("53.4\uff05", 53.4, True),
        ("53.4 per cent", 53.4, True),
        ("1/3", 1 / 3, False),
        ("2 / 8", 0.25, False),
        ("28,372.61", 28372.61, False),
        ("28\u2009372.61", 28372.61, False),
        ("40_000", 40000.0, False),
        ("RMB 3,168", 3168.0, False),
        ("\u00a53,168", 3168.0, False),
        ("3168 yuan", 3168.0, False),
        ("640 points", 640.0, False),
        ("0,534", 0.534, False),
        ("\u221213.0", -13.0, False),
        ("\u201312", -12.0, False),
        ("1e-3", 0.001, False),
        ("≈0.53", 0.53, False),
    ],
)
def test_numbers_typed_as_text_are_read(text: str, value: float, percent: bool) -> None:
    parsed = _parse_number_text(text)
    assert parsed is not None
    assert parsed[0] == pytest.approx(value)
    assert parsed[1] is percent


@pytest.mark.parametrize("text", ["", "about half", "1,2,3", "1/0", "0.5.3", "%", "RMB"])
def test_text_that_is_not_a_number_is_not_read(text: str) -> None:
    assert _parse_number_text(text) is None


@given(st.floats(allow_nan=False, allow_infinity=False))
@settings(max_examples=200, deadline=None)
def test_any_float_written_out_is_read_back(x: float) -> None:
    assert _parse_number_text(repr(x)) == (x, False)
    assert _parse_number_text(f"{x:,}") == (x, False)
    assert _parse_number_text(f"{x} %") == (x, True)


@given(st.integers(-1000, 1000), st.integers(1, 1000))
@settings(max_examples=100, deadline=None)
def test_a_fraction_typed_as_text_is_read(p: int, q: int) -> None:
    parsed = _parse_number_text(f"{p}/{q}")
    assert parsed is not None and parsed[0] == pytest.approx(p / q)


# --- units and 100-fold slips -------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "expected", "answer", "fragment"),
    [
        ("share", 0.534, 53.4, "It looks like a percentage; give the share as a decimal, e.g. 0.534 rather than 53.4."),
        ("share", 0.534, "53.4", "It looks like a percentage"),
        ("share", 0.534, 0.00534, "100 times too small"),
        ("share", 0.534, "0.534 %", "100 times too small"),
        ("share", 0.534, 60, "Give shares as decimals"),
        ("rmb", 593.0, 59_300, "It looks like an amount in fen; give it in yuan, e.g. 593 rather than 59300."),
        ("rmb", 593.0, 5.93, "100 times too small; give the amount in yuan"),
        ("points", 640.0, 64_000, "100 times too large; the answer is a number of score points"),
        ("count", 214.0, 2.14, "100 times too small; the answer is a count"),
        ("days", 12.0, 1200, "100 times too large"),
    ],
)
def test_a_hundredfold_slip_gets_a_hint_that_names_it(unit: str, expected: float, answer: object, fragment: str) -> None:
    result = judge("number", expected, answer, unit=unit)
    assert not result.correct
    assert fragment in result.message
    assert "Hint: look again" in result.message


def test_fen_is_never_called_a_percentage_and_a_share_is_never_called_fen() -> None:
    assert "percentage" not in judge("number", 593.0, 59_300, unit="rmb").message
    assert "fen" not in judge("number", 0.534, 53.4, unit="share").message


def test_a_whole_number_exercise_names_a_hundredfold_slip_too() -> None:
    assert "100 times too large" in judge("integer", 563, 56_300, unit="points").message
    assert "100 times too small" in judge("integer", 563, 5.63, unit="points").message


@pytest.mark.parametrize("unit", ["rmb", "points", "days", "months", "count", "ratio"])
def test_a_percentage_string_is_refused_where_no_share_is_asked(unit: str) -> None:
    result = judge("number", 25.0, "25 %", unit=unit)
    assert not result.correct
    assert "not a percentage" in result.message


# --- precision --------------------------------------------------------------------


def test_the_stated_precision_is_the_precision_enforced() -> None:
    gini = _exercise("number", 0.5734, decimals=3)
    for answer in (0.573, "0.573", 0.5734, 0.57341, 0.5729, 0.5735):
        assert gini.grade(answer).correct, answer
    for answer in (0.57, 0.575, 0.58, 0.572, 0.5724):
        assert not gini.grade(answer).correct, answer


@pytest.mark.parametrize(("answer", "places"), [(0.57, 2), (0.6, 1), ("0.57", 2)])
def test_an_answer_right_only_to_fewer_decimals_is_told_how_many_to_give(answer: object, places: int) -> None:
    message = judge("number", 0.5734, answer, decimals=3).message
    assert f"Give 3 decimals: your answer is right only to {places}." in message


def test_a_half_way_value_accepts_either_rounding() -> None:
    assert judge("number", 0.5735, 0.573, decimals=3).correct
    assert judge("number", 0.5735, 0.574, decimals=3).correct


@given(st.floats(-10, 10, allow_nan=False), st.integers(0, 4), st.integers(0, 3))
@settings(max_examples=200, deadline=None)
def test_the_expected_value_rounded_to_the_stated_precision_or_finer_is_accepted(
    expected: float, decimals: int, extra: int
) -> None:
    exercise = _exercise("number", expected, decimals=decimals, unit="points")
    assert exercise.grade(round(expected, decimals + extra)).correct
    assert exercise.grade(f"{expected:.{decimals}f}").correct
    unit = 10.0**-decimals
    assert not exercise.grade(round(expected, decimals) + 2 * unit).correct
    assert not exercise.grade(round(expected, decimals) - 2 * unit).correct


@given(st.floats(-1e6, 1e6, allow_nan=False), st.floats(0, 0.5))
@settings(max_examples=100, deadline=None)
def test_a_number_within_the_relative_tolerance_is_always_accepted(expected: float, fraction: float) -> None:
    exercise = _exercise("number", expected, rtol=0.01, atol=1e-9, unit="points")
    assert exercise.grade(expected * (1 + 0.01 * fraction)).correct


# --- choices and sets -------------------------------------------------------------


def test_choices_ignore_case_and_spacing_but_not_unknown_options() -> None:
    exercise = _exercise("choice", "Pre-screen", options=("Pre-screen", "Underwriting"))
    assert exercise.grade("  pre-screen ").correct
    assert "choose one of" in exercise.grade("Scoring").message
    assert not exercise.grade("underwriting").correct


@pytest.mark.parametrize(
    "answer",
    [
        "90 days\u2019 notice",
        "90 days\u02bc notice",
        "\u201c90 days' notice\u201d",
        '"90 days\' notice"',
        "90\u00a0days'\u2009notice",
        "90 DAYS' NOTICE",
        "90 days notice",
        "90-days' notice",
        ["90 days' notice"],
    ],
)
def test_typographic_variants_of_a_choice_are_the_same_choice(answer: object) -> None:
    exercise = _exercise("choice", "90 days' notice", options=("30 days' notice", "90 days' notice", "60-day step-down"))
    assert exercise.grade(answer).correct


@pytest.mark.parametrize("answer", ["margin 25% to 20%", "margin 25 % to 20 %", "Margin 25\u202f% to 20\uff05"])
def test_percent_signs_with_or_without_a_space_are_the_same_choice(answer: str) -> None:
    exercise = _exercise("choice", "margin 25 % to 20 %", options=("settlement lag 7 to 14 days", "margin 25 % to 20 %"))
    assert exercise.grade(answer).correct


def test_dashes_of_any_kind_are_the_same_choice() -> None:
    exercise = _exercise("choice", "60-day step-down", options=("sudden cut", "60-day step-down"))
    assert exercise.grade("60\u2011day step\u2013down").correct
    assert exercise.grade("60 day step down").correct
    assert not exercise.grade("sudden\u00a0cut").correct


def test_loose_matching_is_off_when_it_would_be_ambiguous() -> None:
    exercise = _exercise("choice", "a-b", options=("a-b", "a b"))
    assert exercise.grade("A-B").correct
    assert not exercise.grade("a b").correct
    assert "choose one of" in exercise.grade("ab").message


def test_sets_ignore_order_and_typography_and_say_how_many_are_missing() -> None:
    exercise = _exercise("set", ["a\u2019s", "b"], options=("a's", "b", "c"))
    assert exercise.grade(["b", "A's"]).correct
    assert exercise.grade(("\u201cb\u201d", "a\u2019s", "b")).correct
    message = exercise.grade(["a's", "c"]).message
    assert "1 missing and 1 that should not be there" in message
    assert "not an option" in exercise.grade(["z"]).message
    assert "not an option" in exercise.grade([1]).message
    assert "list of options" in exercise.grade("a's").message


# --- defining exercises -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"kind": "essay"}, "kind"),
        ({"rtol": -1}, "rtol"),
        ({"atol": math.inf}, "atol"),
        ({"kind": "choice", "unit": ""}, "options"),
        ({"unit": ""}, "unit must be one of"),
        ({"unit": "percent"}, "unit must be one of"),
        ({"unit": "option"}, "unit must be one of"),
        ({"kind": "choice", "options": ("a",), "unit": "share"}, "unit must be 'option'"),
        ({"kind": "bool", "unit": "share"}, "unit must be 'bool'"),
        ({"decimals": -1}, "decimals"),
        ({"decimals": 2.0}, "decimals"),
        ({"decimals": True}, "decimals"),
        ({"kind": "integer", "decimals": 2}, "decimals"),
        ({"kind": "choice", "unit": "", "options": ("25%", "25 %")}, "differ after normalisation"),
        ({"id": "cutoffs 2"}, "id"),
        ({"id": 'cut"offs'}, "id"),
        ({"id": ""}, "id"),
    ],
)
def test_badly_defined_exercises_are_refused(kwargs: dict, match: str) -> None:
    base = {"id": "x-1", "kind": "number", "unit": "share", "expected": lambda: 1, "hint": "h", "why": "w"}
    with pytest.raises(ValueError, match=match):
        Exercise(**{**base, **kwargs})


def test_choice_and_bool_exercises_get_their_unit_filled_in() -> None:
    assert _exercise("choice", "a", options=("a", "b")).unit == "option"
    assert _exercise("set", ["a"], options=("a", "b")).unit == "option"
    assert _exercise("bool", True).unit == "bool"
    assert set(UNITS) == {"share", "rmb", "points", "days", "months", "count", "ratio", "option", "bool"}


def test_an_exercise_knows_the_call_that_checks_it() -> None:
    assert _exercise("number", 0.5).call == 'check("t-1", answer)'
    registered = next(iter(exercises()))
    assert call_for(registered) == f'check("{registered}", answer)'
    with pytest.raises(KeyError, match="There is no exercise"):
        call_for("no-such-exercise-1")


# --- ids and the contract of check() ----------------------------------------------

REGISTERED = exercises()
AN_ID = sorted(REGISTERED)[0]
PAGE = AN_ID.rsplit("-", 1)[0]
SAME_PAGE = [i for i in REGISTERED if i.rsplit("-", 1)[0] == PAGE]


def test_an_unknown_id_gets_a_message_with_the_closest_ids(capsys: pytest.CaptureFixture[str]) -> None:
    check(f"{PAGE}-999", 1)
    out = capsys.readouterr().out
    assert f"There is no exercise '{PAGE}-999'" in out
    assert f"Closest ids: {', '.join(SAME_PAGE[:5])}" in out
    typo = AN_ID[:1] + AN_ID[2:]
    assert AN_ID in grade(typo, 1).message
    assert "There is no exercise 42" in grade(42, 1).message  # type: ignore[arg-type]


def test_an_id_typed_with_a_typographic_dash_or_a_space_or_capitals_is_found() -> None:
    for typed in (AN_ID.replace("-", "\u2013"), f" {AN_ID.replace('-', ' ').upper()} ", f"\u201c{AN_ID}\u201d"):
        assert grade(typed, None).message.startswith("No answer yet"), typed


def test_swapped_arguments_are_explained() -> None:
    message = grade("563", AN_ID).message  # type: ignore[arg-type]
    assert message == f'The exercise id comes first, then your answer: check("{AN_ID}", answer)'


def test_check_prints_plain_text_and_returns_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert check(AN_ID, None) is None
    assert capsys.readouterr().out == "No answer yet: replace None with your answer and run the cell again.\n"


class _Hostile:
    def __float__(self) -> float:
        raise RuntimeError("no")

    def __str__(self) -> str:
        raise RuntimeError("no")

    def __repr__(self) -> str:
        raise RuntimeError("no")

    def __iter__(self):
        raise RuntimeError("no")


ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.complex_numbers(),
    st.fractions(),
    st.decimals(),
    st.text(),
    st.binary(),
    st.lists(st.one_of(st.floats(), st.text(), st.integers()), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(_Hostile()),
    st.just(np.array([])),
    st.just(pd.DataFrame({"a": [1, 2]})),
    st.just(np.datetime64("2021-01-01")),
)
MADE_UP = [
    _exercise("number", 0.25),
    _exercise("number", 593.0, unit="rmb", decimals=0),
    _exercise("integer", 3, unit="count"),
    _exercise("numbers", [1.0, 2.0], unit="points"),
    _exercise("choice", "a", options=("a", "b")),
    _exercise("set", ["a"], options=("a", "b")),
    _exercise("bool", True),
]


@given(st.sampled_from(MADE_UP), ANYTHING)
@settings(max_examples=150, deadline=None)
def test_no_answer_of_any_type_raises(exercise: Exercise, answer: object) -> None:
    result = exercise.grade(answer)
    assert isinstance(result, Result) and isinstance(result.message, str) and result.message


def test_a_chapter_that_fails_to_load_does_not_break_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = REGISTERED[AN_ID].expected.__module__
    assert broken.startswith("lessons.exercises.")
    elsewhere = next(i for i, e in REGISTERED.items() if e.expected.__module__ != broken)
    real_import = check_module.importlib.import_module

    def failing(name: str, *args: object):
        if name == broken:
            raise ImportError("mid-move")
        return real_import(name, *args)

    check_module._registry.cache_clear()
    monkeypatch.setattr(check_module.importlib, "import_module", failing)
    try:
        assert broken in check_module._load_problems()
        assert grade(elsewhere, None).message.startswith("No answer yet")
        message = grade(AN_ID, 1).message
        assert "There is no exercise" in message and "mid-move" in message
    finally:
        monkeypatch.undo()
        check_module._registry.cache_clear()
    assert check_module._load_problems() == {}


@pytest.mark.parametrize("exercise_id", ["cutoffs-2", "scorecard-3", "alternatives-2"])
def test_a_huge_number_is_a_wrong_answer_not_a_reading_error(exercise_id: str) -> None:
    # hypothesis found 1.797693134862316e+306 overflowing the digit-by-digit comparison
    result = grade(exercise_id, 1.797693134862316e306)
    assert not result.correct and result.message.startswith("Not yet")
