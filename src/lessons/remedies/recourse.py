"""Recourse plans for the page *For borrowers: recourse, not folklore* (book/remedies/borrowers.ipynb).

:func:`recourse_plan` is an actionable-recourse solver for any linear score in
the spirit of Ustun, Spangher & Liu (2019): given points per unit of each
variable, the current values, bounds and the months one unit of change takes,
it finds the fastest (or the smallest) set of changes to *actionable*
variables that lifts the score over the cut-off and never touches age, city or
other fixed characteristics. :func:`applicant_recourse` sets the problem up for
one applicant of Chapter 1's platform model (:mod:`lessons.credit`) and
:func:`apply_plan` applies the plan to the applicant's own variables.

The months each action takes are **illustrative, not calibrated to Ant Group**.
The page's popular tips are scored in :mod:`lessons.remedies.tips`; its figures
and widget frames are in :mod:`lessons.remedies.figures`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_number, require_columns, require_one_of

__all__ = [
    "IMMUTABLE_FEATURES",
    "RecoursePlan",
    "recourse_plan",
    "RecourseAction",
    "RECOURSE_ACTIONS",
    "NOT_ACTIONABLE",
    "recourse_problem",
    "applicant_recourse",
    "apply_plan",
    "recourse_summary",
    "actions_table",
]

IMMUTABLE_FEATURES: tuple[str, ...] = (
    "age",
    "age_band",
    "city_tier",
    "personal_status_sex",
    "foreign_worker",
    "applicant_id",
)
"""Variables a recourse plan never changes: fixed or protected characteristics.

A plan that said "be older" or "move to a tier-1 city" would be no plan at all
(Ustun, Spangher & Liu 2019 call such variables immutable); Chapter 1 also keeps
age and city out of the model's inputs.
"""

_GAP_TOLERANCE = 1e-9  # points: a plan that reaches the cut-off exactly counts as reaching it
_MODEL_MARGIN = 1e-6  # points: plans for a fitted model clear the cut-off by this much (guards against rounding)


@dataclass(frozen=True)
class RecoursePlan:
    """The changes that lift a score over a cut-off, and what they take.

    Attributes
    ----------
    changes : pandas.DataFrame
        One row per changed variable: ``feature``, ``current``, ``new``,
        ``change``, ``points`` (gained), ``months`` (until the change counts).
    score_before, score_after, cutoff : float
        Points before and after the plan, and the cut-off.
    objective : str
        ``"fastest"`` or ``"fewest"``.
    """

    changes: pd.DataFrame
    score_before: float
    score_after: float
    cutoff: float
    objective: str = "fastest"

    @property
    def months(self) -> float:
        """Months until the whole plan counts (changes run in parallel): the slowest change."""
        return float(self.changes["months"].max()) if len(self.changes) else 0.0

    @property
    def n_changes(self) -> int:
        """Number of variables the plan changes."""
        return int(len(self.changes))

    def new_values(self) -> dict[str, float]:
        """The target value of every changed variable."""
        return dict(zip(self.changes["feature"], self.changes["new"].astype(float)))


def _as_mapping(name: str, value: Any) -> Mapping[str, Any]:
    if value is None:
        return {}
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping of variable name -> value; got {type(value).__name__}")
    return value


def recourse_plan(
    points_per_unit: Mapping[str, float],
    current: Mapping[str, float],
    *,
    score: float,
    cutoff: float,
    actionable: Mapping[str, float],
    bounds: Mapping[str, tuple[float, float]],
    step: Mapping[str, float] | None = None,
    lead_months: Mapping[str, float] | None = None,
    immutable: Sequence[str] = IMMUTABLE_FEATURES,
    objective: str = "fastest",
    max_months: float | None = None,
) -> RecoursePlan:
    """Smallest and fastest changes to actionable variables that lift a linear score over a cut-off.

    The score is linear: changing variable ``j`` by ``Δ_j`` adds
    ``points_per_unit[j] · Δ_j`` points. Each actionable variable can move in
    steps of ``step[j]`` within ``bounds[j]``; moving it ``|Δ_j|`` units takes
    ``lead_months[j] + actionable[j] · |Δ_j|`` months, and different variables
    change in parallel, so a plan takes as long as its slowest change. The
    solver enumerates these discrete action sets exactly, as in the integer
    program of Ustun, Spangher & Liu (2019), but with time as the cost:

    * ``objective="fastest"`` — the plan with the fewest months; among those,
      the fewest changed variables;
    * ``objective="fewest"`` — the plan with the fewest changed variables;
      among those, the fewest months.

    Within the chosen variables each change is then trimmed to the smallest
    number of steps that still clears the cut-off.

    Parameters
    ----------
    points_per_unit : mapping
        Points per unit of every variable of the score (signed).
    current : mapping
        Current value of every actionable variable.
    score, cutoff : float
        Current score and the cut-off (approved when score >= cut-off).
    actionable : mapping
        Months that one unit of change takes, for each variable the borrower
        can change (>= 0). Variables not listed are never changed.
    bounds : mapping
        ``(low, high)`` for each actionable variable; the current value must lie inside.
    step : mapping, optional
        Granularity of each actionable variable (default: 1/100 of its range).
    lead_months : mapping, optional
        Fixed delay before any change of the variable counts (e.g. a monthly
        report cycle); default 0.
    immutable : sequence of str
        Variables that may never be actionable (default :data:`IMMUTABLE_FEATURES`);
        a single string is refused, since its letters are not variable names.
    objective : str
        ``"fastest"`` (default) or ``"fewest"``.
    max_months : float, optional
        Longest acceptable plan; longer plans count as impossible.

    Returns
    -------
    RecoursePlan

    Raises
    ------
    ValueError
        If the score already clears the cut-off ("already approved"), if an
        actionable variable is unknown or immutable, if bounds exclude the
        current value, or if no combination of allowed changes reaches the
        cut-off (the message says how many points are reachable).

    Examples
    --------
    >>> plan = recourse_plan(
    ...     {"utilisation": -60.0, "lenders": -15.0, "age": 2.0},
    ...     {"utilisation": 0.9, "lenders": 3},
    ...     score=560, cutoff=590,
    ...     actionable={"utilisation": 10.0, "lenders": 1.0},
    ...     bounds={"utilisation": (0, 0.9), "lenders": (0, 3)},
    ...     step={"utilisation": 0.05, "lenders": 1},
    ...     lead_months={"utilisation": 1},
    ... )
    >>> plan.changes[["feature", "new", "points", "months"]]
      feature  new  points  months
    0  lenders  1.0    30.0     2.0
    >>> plan.months, plan.score_after
    (2.0, 590.0)
    """
    points_per_unit = _as_mapping("points_per_unit", points_per_unit)
    current = _as_mapping("current", current)
    actionable = _as_mapping("actionable", actionable)
    bounds = _as_mapping("bounds", bounds)
    step = _as_mapping("step", step)
    lead_months = _as_mapping("lead_months", lead_months)
    score = as_number("score", score)
    cutoff = as_number("cutoff", cutoff)
    require_one_of("objective", objective, ("fastest", "fewest"))
    if max_months is not None:
        max_months = as_number("max_months", max_months, low=0)
    if score >= cutoff:
        raise ValueError(
            f"score {score:.1f} already reaches the cut-off {cutoff:.1f}: the applicant is approved and needs no recourse plan"
        )
    if not points_per_unit:
        raise ValueError("points_per_unit must give the points per unit of every variable of the score; got none")
    if not actionable:
        raise ValueError("actionable must name at least one variable the borrower can change")
    if isinstance(immutable, (str, bytes)) or not isinstance(immutable, Iterable):
        raise ValueError(
            "immutable must be a sequence of variable names (default IMMUTABLE_FEATURES); "
            f"got {type(immutable).__name__} {immutable!r}"
        )
    fixed = set(immutable)
    known = list(points_per_unit)
    for mapping_name, mapping in (("step", step), ("lead_months", lead_months), ("bounds", bounds)):
        for name in mapping:
            if name not in actionable:
                raise ValueError(f"{mapping_name} names {name!r}, which is not in actionable")

    names, gains_per_step, months_per_step, leads, max_steps, directions, steps, currents = [], [], [], [], [], [], [], []
    for name, months in actionable.items():
        if name in fixed:
            raise ValueError(
                f"actionable contains {name!r}, an immutable characteristic: a recourse plan never changes "
                f"{', '.join(sorted(fixed & {'age', 'age_band', 'city_tier'}))} or other fixed traits"
            )
        if name not in points_per_unit:
            raise ValueError(f"actionable contains {name!r}, which is not a variable of the score; known variables: {', '.join(map(repr, known))}")
        if name not in current:
            raise ValueError(f"current must give the value of every actionable variable; {name!r} is missing")
        if name not in bounds:
            raise ValueError(f"bounds must give (low, high) for every actionable variable; {name!r} is missing")
        months = as_number(f"actionable[{name!r}]", months, low=0)
        value = as_number(f"current[{name!r}]", current[name])
        try:
            low, high = (float(b) for b in bounds[name])
        except (TypeError, ValueError):
            raise ValueError(f"bounds[{name!r}] must be a pair (low, high); got {bounds[name]!r}") from None
        if not (math.isfinite(low) and math.isfinite(high)) or low > high:
            raise ValueError(f"bounds[{name!r}] must be finite with low <= high; got {bounds[name]!r}")
        if not (low - 1e-12 <= value <= high + 1e-12):
            raise ValueError(f"current[{name!r}] = {value:g} lies outside bounds[{name!r}] = ({low:g}, {high:g})")
        p = as_number(f"points_per_unit[{name!r}]", points_per_unit[name])
        size = as_number(f"step[{name!r}]", step.get(name, (high - low) / 100 if high > low else 1.0), low=0, low_open=True)
        lead = as_number(f"lead_months[{name!r}]", lead_months.get(name, 0.0), low=0)
        direction = 1.0 if p > 0 else -1.0
        room = (high - value) if p > 0 else (value - low)
        k = int(math.floor(room / size + 1e-9)) if p != 0 else 0
        names.append(name)
        gains_per_step.append(abs(p) * size)
        months_per_step.append(months * size)
        leads.append(lead)
        max_steps.append(k)
        directions.append(direction)
        steps.append(size)
        currents.append(value)

    gap = cutoff - score - _GAP_TOLERANCE
    g = np.asarray(gains_per_step)
    m = np.asarray(months_per_step)
    lead = np.asarray(leads)
    kmax = np.asarray(max_steps)
    reachable = float((g * kmax).sum())
    if reachable < gap:
        raise ValueError(
            f"the cut-off {cutoff:.1f} cannot be reached: changing every actionable variable as far as allowed adds "
            f"{reachable:.1f} points, but {cutoff - score:.1f} are needed. Only a change to the model, the cut-off or "
            "a variable outside the borrower's control would help"
        )

    # Candidate durations: every time at which some variable can complete one more step.
    useful = kmax > 0
    candidates = [lead[j] + m[j] * np.arange(1, kmax[j] + 1) for j in np.flatnonzero(useful)]
    times = np.unique(np.concatenate(candidates))
    if max_months is not None:
        times = times[times <= max_months + 1e-9]
    if times.size == 0:
        raise ValueError(f"no plan finishes within max_months = {max_months:g}: every change takes longer")

    with np.errstate(divide="ignore", invalid="ignore"):
        steps_by_time = np.where(
            m[None, :] > 0,
            np.floor((times[:, None] - lead[None, :]) / np.where(m > 0, m, 1.0)[None, :] + 1e-9),
            np.inf,
        )
    steps_by_time = np.where(times[:, None] + 1e-9 >= lead[None, :], np.minimum(steps_by_time, kmax[None, :]), 0)
    steps_by_time = np.clip(steps_by_time, 0, kmax[None, :]).astype(int)
    best_gain = steps_by_time * g[None, :]
    order = np.argsort(-best_gain, axis=1, kind="stable")
    cumulative = np.cumsum(np.take_along_axis(best_gain, order, axis=1), axis=1)
    enough = cumulative >= gap
    feasible = enough.any(axis=1)
    if not feasible.any():
        raise ValueError(
            f"no plan reaches the cut-off {cutoff:.1f} within max_months = {max_months:g}; "
            f"the fastest full plan needs longer"
        )
    count = np.where(feasible, enough.argmax(axis=1) + 1, np.iinfo(np.int64).max)
    if objective == "fastest":
        row = int(np.flatnonzero(feasible)[0])
    else:
        fewest = count.min()
        row = int(np.flatnonzero(count == fewest)[0])
    chosen = order[row, : count[row]]

    # Trim: the slowest (smallest gain per month) changes first, to the fewest steps still enough.
    k = {int(j): int(steps_by_time[row, j]) for j in chosen}
    for j in sorted(k, key=lambda j: (g[j] / (m[j] if m[j] > 0 else 1e-12), j)):
        others = sum(g[i] * k[i] for i in k if i != j)
        need = gap - others
        k[j] = max(1, min(k[j], int(math.ceil(need / g[j] - 1e-12))))
    rows = []
    for j in sorted(k):
        low, high = (float(b) for b in bounds[names[j]])
        # k steps of a decimal step size leave floating-point residue (0.3 - 6 x 0.05 = -5.6e-17); a plan never
        # leaves the variable's bounds, and a value within 1e-9 of a bound is that bound.
        new = min(max(currents[j] + directions[j] * k[j] * steps[j], low), high)
        new = low if abs(new - low) < 1e-9 else high if abs(new - high) < 1e-9 else new
        change = new - currents[j]
        rows.append(
            {
                "feature": names[j],
                "current": currents[j],
                "new": new,
                "change": change,
                "points": g[j] * k[j],
                "months": lead[j] + m[j] * k[j],
            }
        )
    changes = pd.DataFrame(rows, columns=["feature", "current", "new", "change", "points", "months"])
    return RecoursePlan(
        changes=changes,
        score_before=score,
        score_after=score + float(changes["points"].sum()),
        cutoff=cutoff,
        objective=objective,
    )


@dataclass(frozen=True)
class RecourseAction:
    """What a borrower can do about one variable of Chapter 1's model (illustrative timings).

    Attributes
    ----------
    label : str
        The action in plain words.
    months_per_unit : float
        Months one unit of change takes.
    lead_months : float
        Months before any change counts (e.g. the next monthly report).
    step : float
        Smallest meaningful change.
    note : str
        Why the timing is what it is.
    """

    label: str
    months_per_unit: float
    lead_months: float
    step: float
    note: str


RECOURSE_ACTIONS: Mapping[str, RecourseAction] = {
    "on_time_share": RecourseAction(
        "Repay every bill on time",
        months_per_unit=200.0,
        lead_months=1.0,
        step=0.01,
        note="the share averages the whole record, so it rises slowly: about two months of clean repayment per percentage point (illustrative)",
    ),
    "credit_record": RecourseAction(
        "Build a credit record: use a line that is reported to the credit bureau and repay it on time",
        months_per_unit=0.0,
        lead_months=6.0,
        step=1.0,
        note="a thin file needs a few months of reported, on-time repayment before a record exists (illustrative: six months)",
    ),
    "reported_lenders": RecourseAction(
        "Repay and close lines with other lenders",
        months_per_unit=1.0,
        lead_months=0.0,
        step=1.0,
        note="each closed line shows in the next monthly report (illustrative: one line a month, since each must be repaid first)",
    ),
    "other_lenders": RecourseAction(
        "Repay and close lines with other lenders",
        months_per_unit=1.0,
        lead_months=0.0,
        step=1.0,
        note="as for reported lenders (illustrative)",
    ),
    "utilisation": RecourseAction(
        "Pay down balances on existing lines",
        months_per_unit=10.0,
        lead_months=1.0,
        step=0.05,
        note="balances fall as savings allow, and the new figure shows in the next report (illustrative: ten percentage points a month)",
    ),
    "past_overdues": RecourseAction(
        "Wait: past overdues cannot be repaid away; they are deleted five years after they end",
        months_per_unit=0.0,
        lead_months=60.0,
        step=1.0,
        note="the State Council's credit-reporting regulation keeps negative records for five years (2013, Art. 16); "
        "each record's five years run at the same time as the others', so waiting 60 months clears any number of them "
        "(the course assumes the worst case: all overdues recent)",
    ),
}
"""The actions of a recourse plan for Chapter 1's platform model, keyed by variable.

``credit_record`` is the one action that is not a single model variable: for a
thin file it replaces "no record" by a short clean record (``on_time_share``
1.0). All timings are **illustrative, not calibrated to Ant Group**.
"""

NOT_ACTIONABLE: Mapping[str, str] = {
    "income": "income is not something a borrower can change on request (a real pay rise would count)",
    "monthly_payment_volume": "spending more on the platform is a tip, not a plan: see tip_effects",
    "tenure_months": "account age grows by itself, one month a month; nothing speeds it up",
    "age": "age is an immutable characteristic",
    "age_band": "age is an immutable characteristic",
    "city_tier": "place of residence is treated as immutable",
    "business_owner": "changing occupation is not a recourse action",
    "thin_file": "a thin file changes only by building a record (see credit_record)",
}
"""Variables a recourse plan leaves alone, with the reason shown to the reader."""


def _check_actions(actions: Any) -> Mapping[str, RecourseAction]:
    """``actions`` if it maps variable names to :class:`RecourseAction` objects; a clear error otherwise."""
    if not isinstance(actions, Mapping):
        raise ValueError(
            "actions must be a mapping of variable name -> RecourseAction (for example RECOURSE_ACTIONS); "
            f"got {type(actions).__name__} {actions!r}"
        )
    for name, action in actions.items():
        if not isinstance(action, RecourseAction):
            raise TypeError(f"actions[{name!r}] must be a RecourseAction; got {type(action).__name__}")
    return actions


def _check_model(model: Any) -> Any:
    from lessons import credit

    if not isinstance(model, credit.PlatformModel):
        raise TypeError(f"model must be a lessons.credit.PlatformModel (from fit_platform_model); got {type(model).__name__}")
    return model


def _one_applicant(applicant: Any) -> pd.DataFrame:
    if isinstance(applicant, pd.Series):
        frame = applicant.to_frame().T.infer_objects()
    elif isinstance(applicant, pd.DataFrame):
        if len(applicant) != 1:
            raise ValueError(f"applicant must be one applicant (a Series or a one-row DataFrame); got {len(applicant)} rows")
        frame = applicant.copy()
    elif isinstance(applicant, Mapping):
        frame = pd.DataFrame([dict(applicant)])
    else:
        raise TypeError(f"applicant must be a Series, a mapping or a one-row DataFrame; got {type(applicant).__name__}")
    return frame.reset_index(drop=True)


def _coefficient_points(model: Any) -> dict[str, float]:
    """Points per unit of every design column (``−Factor · β``)."""
    from lessons import credit

    factor, _ = credit.scaling_constants()
    return {column: -factor * beta for column, beta in zip(model.columns, model.coefficients)}


def recourse_problem(
    model: Any,
    applicant: Any,
    *,
    actions: Mapping[str, RecourseAction] = RECOURSE_ACTIONS,
) -> dict[str, Any]:
    """Set up :func:`recourse_plan` for one applicant of Chapter 1's model.

    Each model variable with an entry in ``actions`` becomes an actionable
    variable whose points per unit are the model's (``−Factor · β``, see
    :func:`lessons.credit.coefficient_table <lessons.credit.platform_model.coefficient_table>`); its bounds run from the current
    value to the best end of its range (0 for counts and utilisation, 1 for the
    on-time share). A thin-file applicant (no ``on_time_share``) gets the
    single action ``credit_record`` instead of ``on_time_share``.

    Returns
    -------
    dict with the keyword arguments of :func:`recourse_plan` (``points_per_unit``,
    ``current``, ``score``, ``actionable``, ``bounds``, ``step``,
    ``lead_months``) plus ``not_actionable`` (variable → reason).

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation", "income"), ("utilisation", "log_income"), (2.0, -0.5), -3.0, (0.2, 8.0))
    >>> p = recourse_problem(m, {"utilisation": 0.8, "income": 5000})
    >>> sorted(p["actionable"]), round(p["points_per_unit"]["utilisation"], 2), p["bounds"]["utilisation"]
    (['utilisation'], -57.71, (0.0, 0.8))
    >>> p["not_actionable"]["income"][:6]
    'income'
    """
    from lessons import credit

    model = _check_model(model)
    frame = _one_applicant(applicant)
    require_columns("applicant", frame, model.features)
    actions = _check_actions(actions)
    points_by_column = _coefficient_points(model)
    score = float(credit.score_applicants(model, frame, clip=False)[0])
    points, current, actionable, bounds, step, lead, blocked = {}, {}, {}, {}, {}, {}, {}
    for feature in model.features:
        columns = credit.design_columns([feature])
        if feature == "on_time_share":
            share = pd.to_numeric(frame[feature], errors="coerce").iloc[0]
            if pd.isna(share):
                if "credit_record" in actions:
                    spec = actions["credit_record"]
                    points["credit_record"] = points_by_column["on_time_share"] * 1.0 - points_by_column["no_record"]
                    current["credit_record"] = 0.0
                    bounds["credit_record"] = (0.0, 1.0)
                else:
                    blocked[feature] = "no credit record, and building one is not among the allowed actions"
                    continue
                name = "credit_record"
            else:
                if feature not in actions:
                    blocked[feature] = "not among the allowed actions"
                    continue
                spec = actions[feature]
                points[feature] = points_by_column["on_time_share"]
                current[feature] = float(share)
                bounds[feature] = (float(share), 1.0)
                name = feature
        elif feature in actions and len(columns) == 1 and columns[0] == feature:
            spec = actions[feature]
            value = float(pd.to_numeric(frame[feature], errors="coerce").iloc[0])
            points[feature] = points_by_column[feature]
            current[feature] = value
            good_high = points[feature] > 0
            upper = 1.0 if feature in ("utilisation", "on_time_share") else max(value, 0.0)
            bounds[feature] = (value, max(value, upper)) if good_high else (0.0, value)
            name = feature
        else:
            for column in columns:
                points.setdefault(column, points_by_column[column])
            blocked[feature] = NOT_ACTIONABLE.get(feature, "not among the allowed actions")
            continue
        actionable[name] = spec.months_per_unit
        step[name] = spec.step
        lead[name] = spec.lead_months
    return {
        "points_per_unit": points,
        "current": current,
        "score": score,
        "actionable": actionable,
        "bounds": bounds,
        "step": step,
        "lead_months": lead,
        "not_actionable": blocked,
    }


def applicant_recourse(
    model: Any,
    applicant: Any,
    cutoff: float,
    *,
    objective: str = "fastest",
    actions: Mapping[str, RecourseAction] = RECOURSE_ACTIONS,
    max_months: float | None = None,
) -> RecoursePlan:
    """The recourse plan of one applicant of Chapter 1's platform model.

    Parameters
    ----------
    model : lessons.credit.platform_model.PlatformModel
    applicant : Series, mapping or one-row DataFrame
        The applicant's raw variables (as in :func:`lessons.data.synthetic_applicants`).
    cutoff : float
        Approval cut-off in points (inside :data:`lessons.credit.SCORE_RANGE <lessons.credit.scaling.SCORE_RANGE>`).
    objective, max_months
        As in :func:`recourse_plan`.
    actions : mapping
        Allowed actions (default :data:`RECOURSE_ACTIONS`).

    Returns
    -------
    RecoursePlan
        Its ``changes`` gain two columns: ``action`` (plain words) and ``note``.

    Raises
    ------
    ValueError
        For an applicant already approved, an unknown variable, ``actions``
        that is not a mapping, or a cut-off that no allowed change can reach
        (the message says so).

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> plan = applicant_recourse(m, {"utilisation": 0.9}, cutoff=540)
    >>> plan.changes[["feature", "new", "months"]].round(2)
           feature   new  months
    0  utilisation  0.55     4.5
    """
    from lessons import credit

    cutoff = as_number("cutoff", cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    problem = recourse_problem(model, applicant, actions=actions)
    blocked = problem.pop("not_actionable")
    if not problem["actionable"]:
        raise ValueError("the model has no variable this applicant can act on: " + "; ".join(f"{k}: {v}" for k, v in blocked.items()))
    plan = recourse_plan(**problem, cutoff=cutoff + _MODEL_MARGIN, objective=objective, max_months=max_months)
    changes = plan.changes.copy()
    changes.insert(1, "action", [actions[f].label for f in changes["feature"]])
    changes["note"] = [actions[f].note for f in changes["feature"]]
    return RecoursePlan(changes=changes, score_before=plan.score_before, score_after=plan.score_after, cutoff=plan.cutoff, objective=objective)


def apply_plan(applicant: Any, plan: RecoursePlan) -> pd.DataFrame:
    """The applicant after the plan: raw variables changed as the plan says, nothing else.

    ``credit_record`` becomes ``on_time_share = 1.0`` (a short, clean record)
    and ``thin_file = False`` when that column exists. Shares stay in [0, 1]
    and a value within 1e-9 of zero is zero: a plan that pays utilisation down
    to nothing in steps of 0.05 must not leave -5.6e-17, which Chapter 1's
    scorer refuses.

    Returns
    -------
    A one-row DataFrame.

    Examples
    --------
    >>> from lessons.credit import PlatformModel, score_applicants
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> before = {"utilisation": 0.9, "age": 23}
    >>> after = apply_plan(before, applicant_recourse(m, before, cutoff=540))
    >>> round(float(after.loc[0, "utilisation"]), 2), int(after.loc[0, "age"]), bool(score_applicants(m, after)[0] >= 540)
    (0.55, 23, True)
    """
    if not isinstance(plan, RecoursePlan):
        raise TypeError(f"plan must be a RecoursePlan; got {type(plan).__name__}")
    frame = _one_applicant(applicant)
    for feature, value in plan.new_values().items():
        if feature == "credit_record":
            frame["on_time_share"] = 1.0 if value >= 1 else np.nan
            if "thin_file" in frame.columns:
                frame["thin_file"] = value < 1
            continue
        if feature in IMMUTABLE_FEATURES:
            raise ValueError(f"plan changes {feature!r}, an immutable characteristic")
        if feature not in frame.columns:
            raise ValueError(f"plan changes {feature!r}, which the applicant does not have")
        original = frame[feature].iloc[0]
        value = float(value)
        if abs(value) < 1e-9:  # floating-point residue of a pay-down to zero (-5.6e-17) is zero, not a negative share
            value = 0.0
        if feature in ("utilisation", "on_time_share"):
            value = min(max(value, 0.0), 1.0)
        frame[feature] = int(round(value)) if isinstance(original, (int, np.integer)) else value
    return frame


_FEATURE_NAMES: Mapping[str, str] = {
    "on_time_share": "on-time share",
    "credit_record": "credit record",
    "reported_lenders": "other lenders",
    "other_lenders": "other lenders",
    "utilisation": "utilisation",
    "past_overdues": "past overdues",
}


def _fmt_value(feature: str, value: float) -> str:
    if feature in ("on_time_share", "utilisation"):
        return f"{100 * value:.0f} %"
    if feature == "credit_record":
        return "none" if value < 1 else "6 months, clean"
    return f"{value:g}"



def recourse_summary(model: Any, examples: pd.DataFrame, cutoff: float, *, objective: str = "fastest") -> pd.DataFrame:
    """One line per example applicant: score, months of the plan and the actions in it.

    Applicants already approved, or with no reachable plan, get the reason in
    ``actions`` and NaN months. A cut-off outside Chapter 1's score range, an
    unknown ``objective`` or an empty ``examples`` raise instead.

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> ex = pd.DataFrame({"utilisation": [0.9, 0.1]}, index=["high", "low"])
    >>> recourse_summary(m, ex, 540)[["months", "changes"]]
             months  changes
    profile                 
    high        4.5        1
    low         NaN        0
    """
    from lessons import credit

    if not isinstance(examples, pd.DataFrame):
        raise TypeError(f"examples must be a DataFrame of applicants; got {type(examples).__name__}")
    if len(examples) == 0:
        raise ValueError("examples must contain at least one applicant (one row per profile)")
    # Checked here, not per applicant: a bad cut-off or objective is the caller's error, not a row's "no plan".
    cutoff = as_number("cutoff", cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    require_one_of("objective", objective, ("fastest", "fewest"))
    rows = []
    for label in examples.index:  # a handful of example applicants
        applicant = examples.loc[label]
        score = float(credit.score_applicants(model, applicant.to_frame().T.infer_objects(), clip=False)[0])
        try:
            plan = applicant_recourse(model, applicant, cutoff, objective=objective)
        except ValueError as error:
            text = "already approved" if "already reaches" in str(error) else "no plan: " + str(error).split(":")[0]
            rows.append({"profile": label, "score": score, "months": float("nan"), "changes": 0, "actions": text})
            continue
        actions = "; ".join(f"{_FEATURE_NAMES.get(f, f)} {_fmt_value(f, c)} → {_fmt_value(f, n)}" for f, c, n in zip(plan.changes["feature"], plan.changes["current"], plan.changes["new"]))
        rows.append({"profile": label, "score": score, "months": plan.months, "changes": plan.n_changes, "actions": actions})
    return pd.DataFrame(rows).set_index("profile")


def actions_table(actions: Mapping[str, RecourseAction] = RECOURSE_ACTIONS, *, model: Any = None) -> pd.DataFrame:
    """The recourse actions as a readable table (label, clock, step, why).

    With ``model``, only the actions that apply to its variables are listed
    (``credit_record`` goes with ``on_time_share``).

    Raises
    ------
    ValueError
        If ``actions`` is not a mapping of variable name → :class:`RecourseAction`
        (``None``, a number or a string, say).

    Examples
    --------
    >>> float(actions_table().loc["utilisation", "months per unit"])
    10.0
    >>> from lessons.credit import PlatformModel
    >>> list(actions_table(model=PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))).index)
    ['utilisation']
    """
    actions = _check_actions(actions)
    if model is not None:
        features = set(_check_model(model).features)
        if "on_time_share" in features:
            features.add("credit_record")
        actions = {k: v for k, v in actions.items() if k in features}
    return pd.DataFrame(
        {
            "action": [a.label for a in actions.values()],
            "months before it counts": [a.lead_months for a in actions.values()],
            "months per unit": [a.months_per_unit for a in actions.values()],
            "step": [a.step for a in actions.values()],
            "why (illustrative)": [a.note for a in actions.values()],
        },
        index=pd.Index(list(actions), name="variable"),
    )
