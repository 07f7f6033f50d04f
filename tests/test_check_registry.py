"""Every registered exercise: a right answer in any reasonable form passes, a wrong one never does.

Expected answers come from the course's models; ``lessons.check._expected``
caches them, so each is computed once per test run.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.check import UNITS, Exercise, _expected, _load_problems, _resolve_option, call_for, exercises, grade

REGISTERED = exercises()
IDS = sorted(REGISTERED)
NUMBER_IDS = [i for i in IDS if REGISTERED[i].kind == "number"]
INTEGER_IDS = [i for i in IDS if REGISTERED[i].kind == "integer"]
CHOICE_IDS = [i for i in IDS if REGISTERED[i].kind == "choice"]
BOOL_IDS = [i for i in IDS if REGISTERED[i].kind == "bool"]
SETS_AND_LISTS = [i for i in IDS if REGISTERED[i].kind in ("set", "numbers")]

PROPERTY = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def expected_number(exercise_id: str) -> float:
    return float(_expected(exercise_id))


def inner_tolerance(exercise: Exercise, expected: float) -> float:
    """Any answer this close to the expected value must pass."""
    if exercise.decimals is not None:
        return 0.5 * 10.0**-exercise.decimals
    return max(exercise.rtol * abs(expected), exercise.atol)


def outer_tolerance(exercise: Exercise, expected: float) -> float:
    """No answer farther than ``m`` times this (m >= 2) from the expected value may pass."""
    if exercise.decimals is not None:
        return 10.0**-exercise.decimals
    return max(exercise.rtol * abs(expected), exercise.atol)


def places_for(tolerance: float) -> int:
    """The fewest decimals whose rounding error (half a unit) stays within 90 % of ``tolerance``."""
    return max(0, math.ceil(-math.log10(1.8 * tolerance))) if tolerance > 0 else 12


# --- the registry itself ------------------------------------------------------------


def test_every_chapter_registers_checked_exercises_and_loads() -> None:
    assert _load_problems() == {}
    assert len(REGISTERED) >= 30


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_states_its_unit_and_the_call_that_checks_it(exercise_id: str) -> None:
    exercise = REGISTERED[exercise_id]
    assert exercise.unit in UNITS
    if exercise.kind in ("number", "integer", "numbers"):
        assert exercise.unit not in ("option", "bool")
    assert exercise.call == f'check("{exercise_id}", answer)' == call_for(exercise_id)
    assert exercise.rtol <= 0.05, "a relative tolerance above 5 % would accept answers a student got wrong"


@pytest.mark.parametrize("exercise_id", [i for i in IDS if REGISTERED[i].unit == "share"])
def test_shares_are_decimals_everywhere(exercise_id: str) -> None:
    exercise = REGISTERED[exercise_id]
    assert abs(expected_number(exercise_id)) <= 1, "a share is a decimal (0.534), never a percentage (53.4)"
    text = f"{exercise.hint} {exercise.why}".casefold()
    for phrase in ("multiply by 100", "as a percentage", "in percent", "enter a percentage"):
        assert phrase not in text, f"{exercise_id}: {phrase!r} contradicts 'shares as decimals'"


@pytest.mark.parametrize("exercise_id", CHOICE_IDS)
def test_every_expected_choice_is_one_of_the_options(exercise_id: str) -> None:
    assert _resolve_option(REGISTERED[exercise_id], _expected(exercise_id)) is not None


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_missing_answer_asks_for_one(exercise_id: str) -> None:
    assert grade(exercise_id, None).message.startswith("No answer yet")


def test_sets_and_lists_accept_their_expected_answer_in_another_order() -> None:  # none registered today
    for exercise_id in SETS_AND_LISTS:
        expected = list(_expected(exercise_id))
        assert grade(exercise_id, expected).correct
        if REGISTERED[exercise_id].kind == "set":
            assert grade(exercise_id, expected[::-1]).correct


# --- numbers --------------------------------------------------------------------------


def _number_forms(exercise: Exercise, value: float) -> list[object]:
    """``value`` (already within tolerance) written the ways a student might."""
    forms: list[object] = [value, np.float64(value), np.array(value), [value], str(value), repr(value)]
    if abs(value) < 1e30:
        forms.append(f"\u00a0{value}\u2009")
    if value < 0:
        forms.append("\u2212" + repr(-value))
    if float(value).is_integer():
        forms += [int(value), np.int64(int(value)), str(int(value))]
    if abs(value) >= 1000:
        forms += [f"{value:,}", f"{value:,}".replace(",", "\u2009")]
    if exercise.unit == "share":
        percent = 100 * value
        forms += [f"{percent!r}%", f"{percent!r} %", f"{percent!r}\u00a0%", f"{percent!r} per cent"]
    if exercise.unit == "rmb":
        forms += [f"RMB {value}", f"\u00a5{value:,}", f"{value} yuan"]
    return forms


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
@given(position=st.floats(-0.9, 0.9))
@PROPERTY
def test_a_right_number_passes_in_any_reasonable_form(exercise_id: str, position: float) -> None:
    exercise = REGISTERED[exercise_id]
    expected = expected_number(exercise_id)
    value = expected + position * inner_tolerance(exercise, expected)
    for form in _number_forms(exercise, value):
        result = grade(exercise_id, form)
        assert result.correct, (form, result.message)


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
def test_a_right_number_passes_rounded_to_the_stated_or_a_sufficient_precision(exercise_id: str) -> None:
    exercise = REGISTERED[exercise_id]
    expected = expected_number(exercise_id)
    places = exercise.decimals if exercise.decimals is not None else places_for(inner_tolerance(exercise, expected))
    for more in range(3):
        rounded = round(expected, places + more)
        assert grade(exercise_id, rounded).correct, rounded
        assert grade(exercise_id, f"{expected:.{places + more}f}").correct
        assert grade(exercise_id, np.float32(rounded)).correct
    if exercise.unit == "share" and places >= 2:
        assert grade(exercise_id, f"{100 * expected:.{places - 2}f} %").correct


@pytest.mark.parametrize("exercise_id", [i for i in NUMBER_IDS if REGISTERED[i].unit == "share"])
def test_a_share_passes_as_a_fraction_when_a_simple_one_is_within_tolerance(exercise_id: str) -> None:
    exercise = REGISTERED[exercise_id]
    expected = expected_number(exercise_id)
    tolerance = 0.9 * inner_tolerance(exercise, expected)
    fractions = {Fraction(round(expected * q), q) for q in range(1, 41)}
    near = [f for f in fractions if abs(float(f) - expected) <= tolerance]
    far = [f for f in fractions if abs(float(f) - expected) > 2 * outer_tolerance(exercise, expected)]
    for fraction in near:
        assert grade(exercise_id, fraction).correct, fraction
        assert grade(exercise_id, f"{fraction.numerator}/{fraction.denominator}").correct, fraction
    for fraction in far:
        assert not grade(exercise_id, f"{fraction.numerator}/{fraction.denominator}").correct, fraction


@pytest.mark.parametrize("exercise_id", [i for i in NUMBER_IDS if REGISTERED[i].decimals is not None])
def test_an_answer_to_fewer_decimals_than_stated_is_told_to_give_more(exercise_id: str) -> None:
    exercise = REGISTERED[exercise_id]
    expected = expected_number(exercise_id)
    assert exercise.decimals is not None
    for places in range(1, exercise.decimals):
        coarse = round(expected, places)
        if abs(coarse - round(expected, exercise.decimals)) > 0.5 * 10.0**-exercise.decimals + 1e-12:
            result = grade(exercise_id, coarse)
            assert not result.correct
            assert f"Give {exercise.decimals} decimals" in result.message


@pytest.mark.parametrize("exercise_id", NUMBER_IDS)
@given(times=st.floats(2, 50), sign=st.sampled_from([-1, 1]))
@PROPERTY
def test_a_number_outside_the_tolerance_never_passes(exercise_id: str, times: float, sign: int) -> None:
    exercise = REGISTERED[exercise_id]
    expected = expected_number(exercise_id)
    wrong = expected + sign * times * outer_tolerance(exercise, expected)
    for form in (wrong, repr(wrong), np.float64(wrong)):
        result = grade(exercise_id, form)
        assert not result.correct, (form, result.message)
        assert "Hint:" in result.message


SLIP_WORDS = {
    ("share", "large"): "It looks like a percentage; give the share as a decimal",
    ("share", "small"): "100 times too small; give the share as a decimal",
    ("rmb", "large"): "It looks like an amount in fen; give it in yuan",
    ("rmb", "small"): "100 times too small; give the amount in yuan",
}


@pytest.mark.parametrize("exercise_id", NUMBER_IDS + INTEGER_IDS)
def test_a_hundredfold_slip_never_passes_and_gets_the_hint_for_its_unit(exercise_id: str) -> None:
    exercise = REGISTERED[exercise_id]
    expected = expected_number(exercise_id)
    assert expected != 0
    for size, wrong in (("large", expected * 100), ("small", expected / 100)):
        result = grade(exercise_id, wrong)
        assert not result.correct, (wrong, result.message)
        fragment = SLIP_WORDS.get((exercise.unit, size), f"100 times too {size}")
        assert fragment in result.message, (wrong, result.message)
        other_unit = {"share": "fen", "rmb": "percentage"}.get(exercise.unit)
        if other_unit:
            assert other_unit not in result.message


@pytest.mark.parametrize("exercise_id", [i for i in NUMBER_IDS if REGISTERED[i].unit == "share"])
def test_a_share_given_as_a_percentage_of_a_percentage_never_passes(exercise_id: str) -> None:
    expected = expected_number(exercise_id)
    assert not grade(exercise_id, f"{expected} %").correct
    assert "It looks like a percentage" in grade(exercise_id, str(100 * expected)).message


@pytest.mark.parametrize("exercise_id", [i for i in NUMBER_IDS + INTEGER_IDS if REGISTERED[i].unit != "share"])
def test_a_percentage_is_refused_where_no_share_is_asked(exercise_id: str) -> None:
    result = grade(exercise_id, f"{expected_number(exercise_id)} %")
    assert not result.correct and "not a percentage" in result.message


# --- whole numbers ----------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", INTEGER_IDS)
def test_a_whole_number_passes_in_any_reasonable_form(exercise_id: str) -> None:
    n = int(_expected(exercise_id))
    for form in (n, float(n), np.int64(n), np.float64(n), np.array(n), str(n), f" {n}\u00a0", f"{n:,}", f"{n}.0", Fraction(n)):
        result = grade(exercise_id, form)
        assert result.correct, (form, result.message)


@pytest.mark.parametrize("exercise_id", INTEGER_IDS)
@given(offset=st.integers(1, 1000), sign=st.sampled_from([-1, 1]))
@PROPERTY
def test_any_other_whole_number_never_passes(exercise_id: str, offset: int, sign: int) -> None:
    n = int(_expected(exercise_id))
    result = grade(exercise_id, n + sign * offset)
    assert not result.correct and "Hint:" in result.message
    assert not grade(exercise_id, n + 0.5).correct


# --- choices and true/false ----------------------------------------------------------------

_TYPOGRAPHY = {
    "curly apostrophe": lambda s: s.replace("'", "\u2019"),
    "curly quotes": lambda s: f"\u201c{s}\u201d",
    "straight quotes": lambda s: f'"{s}"',
    "no-break spaces": lambda s: s.replace(" ", "\u00a0"),
    "thin spaces": lambda s: s.replace(" ", "\u2009"),
    "upper case": str.upper,
    "lower case": str.lower,
    "padding": lambda s: f"  {s} ",
    "no space before %": lambda s: s.replace(" %", "%"),
    "non-breaking hyphen": lambda s: s.replace("-", "\u2011"),
    "en dash": lambda s: s.replace("-", "\u2013"),
}


def _variant(text: str, names: list[str]) -> str:
    for name in names:
        text = _TYPOGRAPHY[name](text)
    return text


@pytest.mark.parametrize("exercise_id", CHOICE_IDS)
@given(names=st.lists(st.sampled_from(sorted(_TYPOGRAPHY)), max_size=4), as_list=st.booleans())
@PROPERTY
def test_the_right_choice_passes_in_any_typography_and_no_other_choice_does(
    exercise_id: str, names: list[str], as_list: bool
) -> None:
    exercise = REGISTERED[exercise_id]
    expected = _resolve_option(exercise, _expected(exercise_id))
    for option in exercise.options:
        typed = _variant(option, names)
        result = grade(exercise_id, [typed] if as_list else typed)
        assert result.correct is (option == expected), (typed, result.message)


@pytest.mark.parametrize("exercise_id", CHOICE_IDS)
def test_a_choice_that_is_no_option_is_told_the_options(exercise_id: str) -> None:
    result = grade(exercise_id, "none of these at all")
    assert not result.correct and "choose one of" in result.message


@pytest.mark.parametrize("exercise_id", BOOL_IDS)
def test_true_or_false_passes_in_any_reasonable_form_and_the_opposite_never(exercise_id: str) -> None:
    expected = bool(_expected(exercise_id))
    for form in (expected, np.bool_(expected), str(expected), str(expected).lower(), f" {str(expected).upper()} "):
        assert grade(exercise_id, form).correct, form
    for form in (not expected, np.bool_(not expected), str(not expected)):
        assert not grade(exercise_id, form).correct, form


# --- nothing a student types raises ---------------------------------------------------------


@pytest.mark.parametrize("exercise_id", IDS)
@given(
    answer=st.one_of(
        st.text(max_size=12),
        st.floats(),
        st.integers(),
        st.booleans(),
        st.lists(st.one_of(st.text(max_size=5), st.floats()), max_size=3),
        st.fractions(),
    )
)
@settings(max_examples=8, deadline=None)
def test_no_answer_to_a_registered_exercise_raises(exercise_id: str, answer: object) -> None:
    result = grade(exercise_id, answer)
    assert isinstance(result.message, str) and re.match(r"(Correct|Not yet|No answer|Exercise)", result.message)
