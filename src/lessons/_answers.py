"""Reading a student's answer: text normalised, numbers parsed, whatever form they come in.

Private helpers of :mod:`lessons.check`. A choice is compared after typographic
quotes, dashes, odd spaces and case are normalised; a number may come as a
Python or NumPy number, a fraction, a one-element array or a string such as
``"1/3"``, ``"25 %"`` or ``"RMB 3,168"``. Nothing about finance lives here.
"""

from __future__ import annotations

import math
import re
import reprlib
import unicodedata
from decimal import Decimal
from fractions import Fraction
from numbers import Real
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover - type hints only
    from collections.abc import Mapping

    from lessons.check import Exercise

#: The unit of an exercise's answer (the closed set :class:`Exercise` accepts),
#: with the words the messages use for it.
UNITS: Mapping[str, str] = MappingProxyType(
    {
        "share": "a share or rate as a decimal (0.25 for 25 %)",
        "rmb": "an amount of money in yuan (RMB)",
        "points": "a number of score points",
        "days": "a number of days",
        "months": "a number of months",
        "count": "a count (how many)",
        "ratio": "a multiple (how many times)",
        "option": "one of the listed options",
        "bool": "True or False",
    }
)

# --- reading text ---------------------------------------------------------------

_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", None),
    }
)


def _clean_text(text: str) -> str:
    """Typographic quotes, dashes and spaces made plain, runs of whitespace collapsed.

    Examples
    --------
    >>> _clean_text("90\u00a0days\u2019 notice ")
    "90 days' notice"
    """
    text = unicodedata.normalize("NFKC", str(text).translate(_TYPOGRAPHY)).translate(_TYPOGRAPHY)
    return " ".join(text.split())


def _strip_quotes(text: str) -> str:
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].strip()
    return text


def _normalise(text: Any) -> str:
    """The form in which options are compared.

    Examples
    --------
    >>> _normalise("Margin 25% to\u202f20\u00a0%") == _normalise("margin 25 % to 20 %")
    True
    >>> _normalise("\u201c90 days\u2019 notice\u201d")
    "90 days' notice"
    """
    text = re.sub(r"\s*%", " %", _strip_quotes(_clean_text(text)))
    return " ".join(text.split()).casefold()


def _loose(text: Any) -> str:
    """``_normalise`` without spaces, hyphens, underscores and quotes (symbols such as ``<`` and ``.`` stay)."""
    return re.sub(r"[\s\-_'\"]", "", _normalise(text))


@lru_cache(maxsize=256)
def _option_tables(options: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    strict = {_normalise(o): o for o in options}
    loose: dict[str, str] = {}
    for option in options:
        key = _loose(option)
        if not key or key in loose:  # ambiguous: loose matching is off for this exercise
            return strict, {}
        loose[key] = option
    return strict, loose


def _resolve_option(exercise: Exercise, text: Any) -> str | None:
    """The option ``text`` stands for, or ``None``; ``"income multiple"`` finds ``"income_multiple"``."""
    strict, loose = _option_tables(tuple(exercise.options))
    key = _normalise(text)
    if key in strict:
        return strict[key]
    return loose.get(_loose(text)) if _loose(text) else None


_PERCENT = re.compile(r"(%|per ?cent|pct|pp|percentage points?)$")
_UNIT_WORDS = re.compile(r"^(rmb|cny|yuan|¥|元)|(rmb|cny|yuan|¥|元|points?|pts|days?|months?|times|x)$")
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?")


def _parse_number_text(text: str) -> tuple[float, bool] | None:
    """Read a number typed as text: ``(value, is_percentage)``, or ``None`` if it is not a number.

    Examples
    --------
    >>> _parse_number_text("53.4 %")
    (53.4, True)
    >>> _parse_number_text("1/3")[0]
    0.3333333333333333
    >>> _parse_number_text("RMB 28,372.61"), _parse_number_text("0,534"), _parse_number_text("\u22120.5")
    ((28372.61, False), (0.534, False), (-0.5, False))
    >>> _parse_number_text("about half") is None
    True
    """
    s = _strip_quotes(_clean_text(text).casefold()).lstrip("≈~").strip()
    percent = bool(_PERCENT.search(s))
    s = _PERCENT.sub("", s).strip()
    for _ in range(2):
        s = _UNIT_WORDS.sub("", s).strip()
    s = "".join(s.split())
    if s.count(".") > 1 and s.endswith("."):
        s = s[:-1]
    if "," in s:
        if _GROUPED.fullmatch(s):
            s = s.replace(",", "")
        elif s.count(",") == 1 and "." not in s:
            s = s.replace(",", ".")
        else:
            return None
    try:
        if "/" in s:
            numerator, denominator = s.split("/", 1)
            value = float(Fraction(numerator) / Fraction(denominator))
        else:
            value = float(s)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    return value, percent


# --- reading numbers ------------------------------------------------------------


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60


def _short(value: Any) -> str:
    """A short repr of a student's answer, for messages."""
    try:
        return repr(value[:80]) if isinstance(value, str) else _REPR.repr(value)
    except Exception:
        return f"<{type(value).__name__}>"


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {_short(value)}"


def _single(answer: Any) -> tuple[bool, Any]:
    """Unwrap a one-element list, tuple, array or pandas object: ``(ok, value)``."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        return True, answer.item()
    if isinstance(answer, (list, tuple, np.ndarray)) or hasattr(answer, "to_numpy"):
        try:
            values = np.asarray(answer, dtype=object).ravel()
        except Exception:
            return False, answer
        if values.size == 1:
            return True, values[0]
    return False, answer


def _read_number(exercise: Exercise, answer: Any, *, unwrap: bool = True) -> tuple[float | None, str]:
    """``(value, "")`` for a number in any reasonable form, or ``(None, message)``.

    Examples
    --------
    >>> from lessons.check import Exercise
    >>> share = Exercise(id="demo-5", kind="number", unit="share", expected=lambda: 0.5, hint="h", why="w")
    >>> _read_number(share, "25 %"), _read_number(share, Fraction(1, 4)), _read_number(share, np.float32(0.25))
    ((0.25, ''), (0.25, ''), (0.25, ''))
    """
    wants = f"Exercise {exercise.id!r} wants a single number, {UNITS[exercise.unit]}"
    value: Any = answer
    if unwrap:
        ok, inner = _single(answer)
        if ok:
            value = inner
        elif isinstance(answer, (list, tuple, np.ndarray)) or hasattr(answer, "to_numpy"):
            return None, f"{wants}; got {type(answer).__name__} of {np.size(answer)} values."
    if isinstance(value, (bool, np.bool_)):
        return None, f"{wants}; got {value!r}, which is True/False, not a number."
    if isinstance(value, (complex, np.complexfloating)):
        return None, f"{wants}; got the complex number {value!r}."
    if isinstance(value, (bytes, np.datetime64, np.timedelta64)):
        return None, f"{wants}; got {_describe(value)}."
    number: float
    try:
        if isinstance(value, (Real, np.integer, np.floating, Decimal)):
            number = float(value)
        elif isinstance(value, str):
            parsed = _parse_number_text(value)
            if parsed is None:
                return None, f"{wants}; got {_describe(value)}."
            number, percent = parsed
            if percent:
                if exercise.unit != "share":
                    return None, f"{wants}, not a percentage; got {value!r}."
                number /= 100
        elif hasattr(value, "__float__"):
            number = float(value)
        else:
            return None, f"{wants}; got {_describe(value)}."
    except OverflowError:
        return None, f"Exercise {exercise.id!r} wants a finite number; got {_short(value)}."
    except (TypeError, ValueError, ArithmeticError):
        return None, f"{wants}; got {_describe(value)}."
    if not math.isfinite(number):
        return None, f"Exercise {exercise.id!r} wants a finite number; got {_short(value)}."
    return number, ""
