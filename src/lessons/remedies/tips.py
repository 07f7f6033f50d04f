"""Popular tips, scored, for the page *For borrowers: recourse, not folklore* (book/remedies/borrowers.ipynb).

The source articles and countless web pages recommend ways to "improve your
credit". :func:`tip_effects` turns each tip of :data:`POPULAR_TIPS` into a change
of one variable and scores it with Chapter 1's model; the recourse plans of the
same page are in :mod:`lessons.remedies.recourse`. Tip sizes are
**illustrative, not calibrated to Ant Group**.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lessons._validation import require_columns, require_one_of
from lessons.remedies.recourse import _check_model, _one_applicant

__all__ = ["Tip", "POPULAR_TIPS", "tip_effects"]


@dataclass(frozen=True)
class Tip:
    """A popular piece of advice, as a change to one variable.

    ``kind`` is ``"add"`` (add ``amount``) or ``"multiply"`` (multiply by ``amount``).
    A tip whose variable is not an input of the model scores zero points.
    """

    label: str
    variable: str
    kind: str
    amount: float
    note: str = ""


POPULAR_TIPS: tuple[Tip, ...] = (
    Tip("Use Huabei more (spend more on the line)", "utilisation", "add", 0.20,
        "more spending on a line raises utilisation, which the model counts against you"),
    Tip("Shop more on the platform to raise your Zhima score", "monthly_payment_volume", "multiply", 2.0,
        "payment activity is not a bureau variable; it counts only in a model that uses platform data"),
    Tip("Raise your Zhima score", "zhima_score", "add", 50.0,
        "Zhima Credit is Ant's own product score, not an input of the course's model or of the central-bank report"),
    Tip("Fill in your profile and bind your phone number", "profile_complete", "add", 1.0,
        "profile details are not inputs of the model"),
    Tip("Apply to several more lenders to see who says yes", "reported_lenders", "add", 2.0,
        "each new line adds to the number of other lenders, which the model counts against you"),
    Tip("Close two lines you no longer use", "reported_lenders", "add", -2.0,
        "fewer lenders with an active line counts in your favour"),
    Tip("Pay down half of your balances", "utilisation", "multiply", 0.5,
        "lower utilisation counts in your favour"),
)
"""Common tips (some from the source articles, some folklore), each as one change (illustrative sizes)."""


def tip_effects(model: Any, applicant: Any, tips: Sequence[Tip] = POPULAR_TIPS) -> pd.DataFrame:
    """Points each tip would move this applicant's score under ``model``.

    Returns
    -------
    DataFrame with ``tip``, ``variable``, ``in_model`` (bool), ``before``,
    ``after`` (the variable's values), ``points`` and ``note``. Changes are
    clipped to the variable's range (counts >= 0, shares in [0, 1]).

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> t = tip_effects(m, {"utilisation": 0.5, "monthly_payment_volume": 2000.0})
    >>> t[["variable", "in_model", "points"]].head(3).round(1)
                     variable  in_model  points
    0             utilisation      True   -11.5
    1  monthly_payment_volume     False     0.0
    2             zhima_score     False     0.0
    """
    from lessons import credit

    model = _check_model(model)
    if isinstance(tips, (str, bytes, Tip)) or not isinstance(tips, Iterable):
        raise ValueError(f"tips must be a sequence of Tip objects (default POPULAR_TIPS); got {type(tips).__name__} {tips!r}")
    frame = _one_applicant(applicant)
    require_columns("applicant", frame, model.features)
    base = float(credit.score_applicants(model, frame, clip=False)[0])
    rows = []
    for tip in tips:  # a handful of tips
        if not isinstance(tip, Tip):
            raise TypeError(f"tips must contain Tip objects; got {type(tip).__name__}")
        require_one_of("tip.kind", tip.kind, ("add", "multiply"))
        in_model = tip.variable in model.features
        before = float(pd.to_numeric(frame[tip.variable], errors="coerce").iloc[0]) if tip.variable in frame.columns else float("nan")
        if math.isnan(before):
            after = float("nan")
        else:
            after = before + tip.amount if tip.kind == "add" else before * tip.amount
            after = max(after, 0.0)
            if tip.variable in ("utilisation", "on_time_share"):
                after = min(after, 1.0)
        points = 0.0
        if in_model and not math.isnan(after):
            changed = frame.copy()
            changed[tip.variable] = after
            points = float(credit.score_applicants(model, changed, clip=False)[0]) - base
        rows.append({"tip": tip.label, "variable": tip.variable, "in_model": in_model, "before": before, "after": after, "points": points, "note": tip.note})
    return pd.DataFrame(rows)
