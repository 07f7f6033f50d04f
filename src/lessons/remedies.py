"""Chapter 4 — Remedies: recourse, fairness, alternative data, notice and a policy lab.

The module measures the advice that the source articles give, with the models
of the earlier chapters (imported, never copied):

* **Recourse** (``borrowers``): :func:`recourse_plan` is an actionable-recourse
  solver for any linear score in the spirit of Ustun, Spangher & Liu (2019):
  given points per unit of each variable, the current values, bounds and the
  months one unit of change takes, it finds the fastest (or the smallest) set
  of changes to *actionable* variables that lifts the score over the cut-off
  and never touches age, city or other fixed characteristics.
  :func:`applicant_recourse` sets the problem up for one applicant of Chapter
  1's platform model (:mod:`lessons.credit`) and :func:`apply_plan` applies
  the plan to the applicant's own variables; :func:`tip_effects` scores
  popular tips.
* **Fairness** (``platforms-data``): :func:`group_fairness` and
  :func:`fairness_gaps` (approval rate and true-positive rate by group, their
  gaps and ratios).
* **Alternative data** (``platforms-data``): :func:`data_study` refits Chapter
  1's model with and without platform-behaviour variables and
  :func:`data_comparison` compares them at the same overall bad rate.
* **Notice** (``platforms-notice``): :func:`notice_tradeoff` runs Chapter 3's
  shop stress test (:mod:`lessons.sme`) under notice and step-down rules, with
  shops that use the notice to find another source of funds, and prices the
  platform's extra exposure.
* **Policy lab** (``policy-lab``): :func:`policy_outcome` combines a capital and
  co-lending rule (Chapter 2, :mod:`lessons.regulation`), a cut-off, a data
  policy and a notice rule.

Every behavioural parameter here (months per unit of change, the share of
shops that can find another lender, default probabilities and loss rates) is
**illustrative, not calibrated to Ant Group**.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import (
    as_binary_array,
    as_int,
    as_number,
    as_probability,
    as_rng,
    require_columns,
    require_one_of,
    require_same_length,
)
from lessons.plotting import html_bars

__all__ = [
    # recourse
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
    "Tip",
    "POPULAR_TIPS",
    "tip_effects",
    # fairness
    "group_fairness",
    "fairness_gaps",
    "fairness_comparison",
    # more data
    "DATA_SOURCE_LABELS",
    "FAIRNESS_SEGMENTS",
    "in_sample_fit",
    "DataStudy",
    "data_study",
    "data_metrics",
    "data_comparison",
    # notice
    "NOTICE_DEFAULTS",
    "notice_tradeoff",
    # policy lab
    "POLICY_RULES",
    "POLICY_RULE_LABELS",
    "AVERAGE_LINE",
    "CONSUMER_LGD",
    "PolicyLab",
    "policy_lab",
    "policy_outcome",
    "POLICY_SCENARIOS",
    "policy_scenarios",
    "plot_policy_space",
    # figures and widget functions
    "plan_table",
    "plot_recourse",
    "recourse_view",
    "plot_tips",
    "plot_group_approval",
    "metrics_table",
    "data_view",
    "plot_data_comparison",
    "plot_notice_tradeoff",
    "notice_view",
    "policy_view",
]

# ---------------------------------------------------------------------------
# Actionable recourse for a linear score
# ---------------------------------------------------------------------------

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
        Variables that may never be actionable (default :data:`IMMUTABLE_FEATURES`).
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
    if not actionable:
        raise ValueError("actionable must name at least one variable the borrower can change")
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
        change = directions[j] * k[j] * steps[j]
        rows.append(
            {
                "feature": names[j],
                "current": currents[j],
                "new": currents[j] + change,
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
        months_per_unit=60.0,
        lead_months=0.0,
        step=1.0,
        note="the State Council's credit-reporting regulation keeps negative records for five years (2013, Art. 16); the course assumes the worst case of a recent overdue",
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
    :func:`lessons.credit.coefficient_table`); its bounds run from the current
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
    for name in actions:
        if not isinstance(actions[name], RecourseAction):
            raise TypeError(f"actions[{name!r}] must be a RecourseAction")
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
    model : lessons.credit.PlatformModel
    applicant : Series, mapping or one-row DataFrame
        The applicant's raw variables (as in :func:`lessons.data.synthetic_applicants`).
    cutoff : float
        Approval cut-off in points (inside :data:`lessons.credit.SCORE_RANGE`).
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
        For an applicant already approved, an unknown variable, or a cut-off
        that no allowed change can reach (the message says so).

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
    and ``thin_file = False`` when that column exists.

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
        frame[feature] = int(round(value)) if isinstance(original, (int, np.integer)) else float(value)
    return frame


def recourse_summary(model: Any, examples: pd.DataFrame, cutoff: float, *, objective: str = "fastest") -> pd.DataFrame:
    """One line per example applicant: score, months of the plan and the actions in it.

    Applicants already approved, or with no reachable plan, get the reason in
    ``actions`` and NaN months.

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
    if not isinstance(examples, pd.DataFrame):
        raise TypeError(f"examples must be a DataFrame of applicants; got {type(examples).__name__}")
    from lessons import credit

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

    Examples
    --------
    >>> float(actions_table().loc["utilisation", "months per unit"])
    10.0
    >>> from lessons.credit import PlatformModel
    >>> list(actions_table(model=PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))).index)
    ['utilisation']
    """
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


# ---------------------------------------------------------------------------
# Group fairness
# ---------------------------------------------------------------------------


def group_fairness(approved: Any, defaults: Any, groups: Any) -> pd.DataFrame:
    """Approval rate, true-positive rate and bad rate, group by group.

    With "positive" meaning *approved* and the relevant outcome *repaid*, the
    true-positive rate (TPR) is the approval rate among applicants who go on to
    repay — the quantity that "equality of opportunity" (Hardt, Price & Srebro
    2016) asks to be equal across groups. The false-positive rate is the
    approval rate among those who default.

    Parameters
    ----------
    approved : array-like
        Approval decisions (booleans or 0/1).
    defaults : array-like
        Outcomes, 0/1 (1 = default).
    groups : array-like
        Group label of each applicant (no missing labels).

    Returns
    -------
    DataFrame indexed by group (sorted) with ``applicants``, ``share``,
    ``default_rate``, ``approval_rate``, ``tpr``, ``fpr`` and ``bad_rate``
    (among the approved; NaN where nobody is approved), plus a final row
    ``"all"``.

    Examples
    --------
    >>> t = group_fairness([1, 1, 0, 1, 0, 0], [0, 1, 0, 0, 0, 1], ["a", "a", "a", "b", "b", "b"])
    >>> t[["approval_rate", "tpr", "fpr"]].round(3)
           approval_rate  tpr  fpr
    group                         
    a              0.667  0.5  1.0
    b              0.333  0.5  0.0
    all            0.500  0.5  0.5
    """
    approved_arr = as_binary_array("approved", np.asarray(approved, dtype=float))
    defaults_arr = as_binary_array("defaults", defaults)
    labels = groups.to_numpy(dtype=object) if isinstance(groups, pd.Series) else np.asarray(groups, dtype=object)
    require_same_length("approved", approved_arr, "defaults", defaults_arr)
    require_same_length("approved", approved_arr, "groups", labels)
    if pd.isna(pd.Series(labels)).any():
        raise ValueError("groups must not contain missing labels")
    codes, uniques = pd.factorize(pd.Series(labels), sort=True)
    k = len(uniques)
    good = 1 - defaults_arr
    count = np.bincount(codes, minlength=k).astype(float)
    sums = {
        "approved": np.bincount(codes, weights=approved_arr, minlength=k),
        "default": np.bincount(codes, weights=defaults_arr, minlength=k),
        "good": np.bincount(codes, weights=good, minlength=k),
        "approved_good": np.bincount(codes, weights=approved_arr * good, minlength=k),
        "approved_bad": np.bincount(codes, weights=approved_arr * defaults_arr, minlength=k),
    }
    count = np.append(count, count.sum())
    sums = {key: np.append(value, value.sum()) for key, value in sums.items()}

    def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)

    index = pd.Index([*list(uniques), "all"], name="group")
    return pd.DataFrame(
        {
            "applicants": count.astype(int),
            "share": count / len(labels),
            "default_rate": ratio(sums["default"], count),
            "approval_rate": ratio(sums["approved"], count),
            "tpr": ratio(sums["approved_good"], sums["good"]),
            "fpr": ratio(sums["approved_bad"], sums["default"]),
            "bad_rate": ratio(sums["approved_bad"], sums["approved"]),
        },
        index=index,
    )


def fairness_gaps(table: pd.DataFrame) -> pd.Series:
    """Gaps (largest − smallest) and ratios (smallest / largest) across groups.

    Parameters
    ----------
    table : DataFrame
        From :func:`group_fairness` (the ``"all"`` row is ignored).

    Returns
    -------
    Series with ``approval_gap``, ``approval_ratio`` (the "four-fifths" style
    ratio), ``tpr_gap``, ``tpr_ratio``, ``lowest_approval_group`` and
    ``lowest_tpr_group``.

    Examples
    --------
    >>> t = group_fairness([1, 1, 0, 1, 0, 0], [0, 1, 0, 0, 0, 1], ["a", "a", "a", "b", "b", "b"])
    >>> fairness_gaps(t)[["approval_gap", "approval_ratio", "tpr_gap"]].astype(float).round(3).tolist()
    [0.333, 0.5, 0.0]
    """
    require_columns("table", table, ["approval_rate", "tpr"])
    groups = table.drop(index="all", errors="ignore")
    if len(groups) < 1:
        raise ValueError("table must contain at least one group besides 'all'")
    approval = groups["approval_rate"].astype(float)
    tpr = groups["tpr"].astype(float).dropna()

    def ratio(values: pd.Series) -> float:
        return float(values.min() / values.max()) if len(values) and values.max() > 0 else float("nan")

    return pd.Series(
        {
            "approval_gap": float(approval.max() - approval.min()),
            "approval_ratio": ratio(approval),
            "tpr_gap": float(tpr.max() - tpr.min()) if len(tpr) else float("nan"),
            "tpr_ratio": ratio(tpr),
            "lowest_approval_group": approval.idxmin(),
            "lowest_tpr_group": tpr.idxmin() if len(tpr) else None,
        },
        dtype=object,
    )


def fairness_comparison(before: Any, after: Any, defaults: Any, segments: pd.DataFrame) -> pd.DataFrame:
    """Approval-rate and TPR gaps across each segment column, before and after a change.

    Parameters
    ----------
    before, after : array-like
        Approval decisions under the two policies (same applicants), booleans or 0/1.
    defaults : array-like
        Outcomes, 0/1 (1 = default).
    segments : DataFrame
        One column per grouping (e.g. ``age_band``, ``city_tier``).

    Returns
    -------
    DataFrame indexed by segment with ``approval_gap_before``,
    ``approval_gap_after``, ``tpr_gap_before``, ``tpr_gap_after``.

    Examples
    --------
    >>> seg = pd.DataFrame({"g": ["a", "a", "b", "b"]})
    >>> fairness_comparison([1, 1, 0, 0], [1, 0, 1, 0], [0, 0, 0, 0], seg).round(2)
       approval_gap_before  approval_gap_after  tpr_gap_before  tpr_gap_after
    g                  1.0                 0.0             1.0            0.0
    """
    if not isinstance(segments, pd.DataFrame) or segments.shape[1] == 0:
        raise ValueError("segments must be a DataFrame with at least one grouping column")
    rows = {}
    for column in segments.columns:  # a handful of groupings
        gb = fairness_gaps(group_fairness(before, defaults, segments[column]))
        ga = fairness_gaps(group_fairness(after, defaults, segments[column]))
        rows[column] = {
            "approval_gap_before": gb["approval_gap"],
            "approval_gap_after": ga["approval_gap"],
            "tpr_gap_before": gb["tpr_gap"],
            "tpr_gap_after": ga["tpr_gap"],
        }
    return pd.DataFrame.from_dict(rows, orient="index").astype(float)


# ---------------------------------------------------------------------------
# More data: refitting Chapter 1's model with platform-behaviour variables
# ---------------------------------------------------------------------------


def _data_sources() -> dict[str, tuple[str, ...]]:
    from lessons import credit

    return {
        "bureau": tuple(credit.PLATFORM_FEATURES),
        "bureau + payments": (*credit.PLATFORM_FEATURES, "monthly_payment_volume"),
        "bureau + tenure": (*credit.PLATFORM_FEATURES, "tenure_months"),
        "bureau + platform": tuple(credit.ALL_MODEL_FEATURES),
    }


DATA_SOURCE_LABELS: Mapping[str, str] = {
    "bureau": "Bureau data only",
    "bureau + payments": "+ payment activity",
    "bureau + tenure": "+ account tenure",
    "bureau + platform": "+ both (platform data)",
}
"""Readable names of the feature sets compared on the platforms-data page."""

FAIRNESS_SEGMENTS: tuple[str, ...] = ("age_band", "city_tier")
"""The groupings across which the chapter reports fairness gaps."""


def in_sample_fit(applicants: pd.DataFrame, feature_sets: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Refit Chapter 1's model with each set of variables and measure it on the rows it was fitted on.

    Logistic regression minimises the log-loss (plus a small L2 penalty), so
    adding a variable cannot make the in-sample log-loss worse by more than
    the change in that penalty: the old fit, with a zero coefficient for the
    new variable, is still available to the solver. Nothing similar holds
    for the AUC, which the fit does not optimise: it can fall when a variable
    is added, even in sample. Out of sample both can get worse — that is
    overfitting — which is why :func:`data_study` reports hold-out AUCs.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants`.
    feature_sets : mapping
        Name → variables of Chapter 1's model (:data:`lessons.credit.ALL_MODEL_FEATURES`); at least one.

    Returns
    -------
    DataFrame
        One row per name: ``log_loss`` (mean, in sample; lower = better fit)
        and ``auc`` (in sample).

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> pop = synthetic_applicants(n=2_000, seed=5)
    >>> fit = in_sample_fit(pop, {"small": ["utilisation"], "larger": ["utilisation", "income"]})
    >>> bool(fit.loc["larger", "log_loss"] <= fit.loc["small", "log_loss"] + 1e-3)
    True
    """
    from sklearn.metrics import log_loss

    from lessons import credit

    if not isinstance(feature_sets, Mapping) or not feature_sets:
        raise ValueError("feature_sets must be a non-empty mapping of name → variables")
    require_columns("applicants", applicants, ("default",))
    defaults = as_binary_array("default", applicants["default"].to_numpy(dtype=float))
    rows = {}
    for name, features in feature_sets.items():  # a handful of models, not rows
        model = credit.fit_platform_model(applicants, list(features))
        rows[name] = {
            "log_loss": float(log_loss(defaults, credit.predict_pd(model, applicants), labels=[0, 1])),
            "auc": credit.auc(credit.score_applicants(model, applicants, clip=False), defaults),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


@dataclass(frozen=True)
class DataStudy:
    """Chapter 1's model refitted with each set of data sources; hold-out scores for each.

    Attributes
    ----------
    test : DataFrame
        The hold-out applicants (the models never saw them).
    models : dict
        Source name → :class:`lessons.credit.PlatformModel` (fitted on the other half).
    scores : dict
        Source name → hold-out scores (points).
    auc : dict
        Source name → hold-out AUC.
    """

    test: pd.DataFrame = field(repr=False)
    models: Mapping[str, Any] = field(repr=False)
    scores: Mapping[str, np.ndarray] = field(repr=False)
    auc: Mapping[str, float]
    labels: pd.DataFrame = field(default=None, repr=False)  # type: ignore[assignment]

    @property
    def defaults(self) -> np.ndarray:
        """Hold-out outcomes (0/1)."""
        return self.test["default"].to_numpy(dtype=int)

    @property
    def thin(self) -> np.ndarray:
        """Hold-out thin-file flags."""
        return self.test["thin_file"].to_numpy(dtype=bool)

    def segments(self) -> pd.DataFrame:
        """Readable age-band and city-tier labels of the hold-out applicants."""
        if self.labels is not None:
            return self.labels
        from lessons import credit

        return pd.DataFrame({s: credit.segment_labels(self.test, s).to_numpy() for s in FAIRNESS_SEGMENTS})


def data_study(applicants: pd.DataFrame, *, sources: Mapping[str, Sequence[str]] | None = None, seed: Any = 1) -> DataStudy:
    """Fit Chapter 1's model on half of ``applicants`` with each set of sources; score the other half.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants`.
    sources : mapping, optional
        Name → variables (default: bureau only, + payment activity, + tenure, + both).
    seed : int or Generator
        Seed of the train/test split (Chapter 1's :func:`lessons.credit.split_sample`).

    Returns
    -------
    DataStudy

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> sorted(study.auc) == sorted(DATA_SOURCE_LABELS)
    True
    """
    from lessons import credit

    require_columns("applicants", applicants, ("default", "thin_file", *FAIRNESS_SEGMENTS, *credit.ALL_MODEL_FEATURES))
    sources = dict(_data_sources() if sources is None else sources)
    if not sources:
        raise ValueError("sources must name at least one set of variables")
    train, test = credit.split_sample(applicants, test_share=0.5, seed=seed)
    test = test.reset_index(drop=True)
    models, scores, aucs = {}, {}, {}
    for name, features in sources.items():  # a handful of feature sets
        model = credit.fit_platform_model(train, list(features))
        models[name] = model
        scores[name] = np.asarray(credit.score_applicants(model, test), dtype=float)
        aucs[name] = credit.auc(scores[name], test["default"].to_numpy())
    labels = pd.DataFrame({s: credit.segment_labels(test, s).to_numpy() for s in FAIRNESS_SEGMENTS})
    return DataStudy(test=test, models=models, scores=scores, auc=aucs, labels=labels)


def _check_source(study: DataStudy, source: str) -> str:
    if not isinstance(study, DataStudy):
        raise TypeError(f"study must be a DataStudy (from data_study); got {type(study).__name__}")
    return require_one_of("source", source, list(study.scores))


def data_metrics(study: DataStudy, source: str, cutoff: float) -> pd.Series:
    """Decisions of one model at one cut-off: approvals, losses, thin-file inclusion, fairness gaps.

    Returns
    -------
    Series with ``source``, ``cutoff``, ``auc``, ``approval_rate``, ``bad_rate``
    (among the approved), ``thin_approval_rate``, ``thin_bad_rate``,
    ``record_approval_rate`` and, for each of :data:`FAIRNESS_SEGMENTS`,
    ``<segment>_approval_gap`` and ``<segment>_tpr_gap``.

    Raises
    ------
    ValueError
        For an unknown source or a cut-off outside Chapter 1's score range.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> m = data_metrics(study, "bureau", 570)
    >>> 0 <= m["approval_rate"] <= 1 and 0 <= m["thin_approval_rate"] <= 1
    True
    """
    from lessons import credit

    source = _check_source(study, source)
    cutoff = as_number("cutoff", cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    scores = study.scores[source]
    approved = scores >= cutoff
    defaults = study.defaults
    thin = study.thin

    def rate(mask: np.ndarray, values: np.ndarray) -> float:
        return float(values[mask].mean()) if mask.any() else float("nan")

    out = {
        "source": source,
        "cutoff": cutoff,
        "auc": study.auc[source],
        "approval_rate": float(approved.mean()),
        "bad_rate": rate(approved, defaults),
        "thin_approval_rate": rate(thin, approved),
        "thin_bad_rate": rate(approved & thin, defaults),
        "record_approval_rate": rate(~thin, approved),
    }
    segments = study.segments()
    for segment in FAIRNESS_SEGMENTS:
        gaps = fairness_gaps(group_fairness(approved, defaults, segments[segment]))
        out[f"{segment}_approval_gap"] = gaps["approval_gap"]
        out[f"{segment}_tpr_gap"] = gaps["tpr_gap"]
    return pd.Series(out, dtype=object)


def data_comparison(
    study: DataStudy,
    *,
    reference: str = "bureau",
    reference_cutoff: float = 570.0,
    sources: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every model at the cut-off that gives the SAME overall bad rate as the reference model.

    The reference model (bureau data only) at ``reference_cutoff`` sets a bad
    rate among the approved; each other model gets the lowest whole-point
    cut-off whose approved pool is no riskier (Chapter 1's
    :func:`lessons.credit.cutoff_for_bad_rate`). The comparison is then fair:
    any extra approvals are paid for by better ranking, not by more risk.

    Returns
    -------
    DataFrame indexed by source with the columns of :func:`data_metrics`.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> t = data_comparison(study)
    >>> bool((t["bad_rate"] <= t.loc["bureau", "bad_rate"] + 1e-12).all())
    True
    """
    from lessons import credit

    reference = _check_source(study, reference)
    base = data_metrics(study, reference, reference_cutoff)
    target = float(base["bad_rate"])
    if math.isnan(target):
        raise ValueError(f"reference_cutoff {reference_cutoff:g} approves nobody; choose a lower cut-off")
    names = list(study.scores) if sources is None else [_check_source(study, s) for s in sources]
    rows = {}
    for name in names:
        if name == reference:
            rows[name] = base
            continue
        cutoff = credit.cutoff_for_bad_rate(study.scores[name], study.defaults, target, step=1.0)
        if math.isnan(cutoff):
            raise ValueError(f"no cut-off of source {name!r} reaches a bad rate of {target:.4f}")
        rows[name] = data_metrics(study, name, cutoff)
    table = pd.DataFrame(rows).T
    numeric = [c for c in table.columns if c != "source"]
    table[numeric] = table[numeric].astype(float)
    return table.drop(columns="source")


# ---------------------------------------------------------------------------
# Notice and transition: Chapter 3's stress test with shops that use the notice
# ---------------------------------------------------------------------------

NOTICE_DEFAULTS: Mapping[str, float] = {
    "limit": 40_000.0,
    "cut_day": 240,
    "replace_share": 0.5,
    "replace_days_low": 7,
    "replace_days_high": 90,
    "drawdown_share": 0.25,
    "pd": 0.15,
    "lgd": 0.45,
}
"""Illustrative settings of :func:`notice_tradeoff`, not calibrated to Ant Group.

Half the shops could arrange another source of funds (a merchant loan, a bank
loan, supplier credit), taking 7 to 90 days; a quarter of the shops that are
told a line will close draw what is left of it as a precaution; a shop whose
line is cut defaults on the platform's balance with probability 15 % and the
platform loses 45 % of what is owed (the Basel foundation-IRB loss given
default of senior unsecured claims).
"""


def notice_tradeoff(
    notices: Sequence[int] = (0, 30, 60, 90),
    step_downs: Sequence[int] = (0,),
    *,
    shop: Any = None,
    limit: float = NOTICE_DEFAULTS["limit"],
    cut_day: int = int(NOTICE_DEFAULTS["cut_day"]),
    n_shops: int = 1_000,
    seed: Any = 3,
    replace_share: float = NOTICE_DEFAULTS["replace_share"],
    replace_days: tuple[int, int] = (int(NOTICE_DEFAULTS["replace_days_low"]), int(NOTICE_DEFAULTS["replace_days_high"])),
    drawdown_share: float = NOTICE_DEFAULTS["drawdown_share"],
    pd_: float = NOTICE_DEFAULTS["pd"],
    lgd: float = NOTICE_DEFAULTS["lgd"],
    horizon: int = 730,
) -> pd.DataFrame:
    """Both sides of a notice rule: shops' shortfall probability and the platform's extra expected loss.

    Chapter 3's stress test (:func:`lessons.sme.simulate`, imported) follows
    ``n_shops`` shops whose owners' lines are cut on ``cut_day``. A notice rule
    keeps the line open for ``notice_days`` and then lowers it to zero over
    ``step_down_days``. What a notice buys depends on what shops do with it, so
    two behaviours are added (illustrative):

    * **Other channels.** A share ``replace_share`` of shops can arrange another
      source of funds, each taking a number of days drawn uniformly from
      ``replace_days``. A shop whose replacement arrives before its line starts
      to fall (within the notice) is refinanced and is not cut; the others are
      cut as in Chapter 3.
    * **Precautionary drawdown.** Told that a line will close, a share
      ``drawdown_share`` of the shops that are cut draw what is left of it.

    Shortfalls are counted from the decision to the end of the ``horizon``
    (two years by default, so the window includes the next festival season
    after the line has gone), not only 90 days: a notice cannot look good
    merely by pushing the problem past the window. The platform's extra expected loss, relative to a
    sudden cut, is ``PD × LGD × extra exposure`` per shop, where the extra
    exposure is ``limit − balance`` for drawers, the rise in the balance during
    the notice for other cut shops, and minus the balance refinanced by
    shops that found another lender (they repay the platform).

    Parameters
    ----------
    notices, step_downs : sequence
        Days of notice (0 = a sudden cut) and of step-down to compare (0 to 120 each).
    shop : lessons.sme.ShopParams, optional
        The shop (Chapter 3's default if omitted).
    limit, cut_day, n_shops, seed, horizon
        As in :func:`lessons.sme.simulate`; the same seed gives every rule the
        same shops and the same luck.
    replace_share, replace_days, drawdown_share, pd_, lgd
        The illustrative behaviours and loss parameters (see :data:`NOTICE_DEFAULTS`).

    Returns
    -------
    DataFrame with one row per (notice, step-down): ``notice_days``,
    ``step_down_days``, ``shortfall_probability``, ``escaped_share`` (refinanced
    before the cut), ``extra_exposure`` and ``extra_expected_loss`` (RMB per
    shop), ``platform_cost_per_shop_saved`` (RMB of extra loss per shop spared
    a shortfall, relative to a sudden cut; NaN when none is spared) and
    ``no_cut_probability`` (shortfall probability if the line were never cut).

    Examples
    --------
    >>> t = notice_tradeoff((0, 60), n_shops=200)
    >>> t[["notice_days", "step_down_days"]].values.tolist()
    [[0, 0], [60, 0]]
    >>> bool(t.loc[1, "shortfall_probability"] <= t.loc[0, "shortfall_probability"])
    True
    """
    from lessons import sme

    notices = sorted({as_int("notices", n, low=0, high=120) for n in notices})
    step_downs = sorted({as_int("step_downs", s, low=0, high=120) for s in step_downs})
    if not notices or not step_downs:
        raise ValueError("notices and step_downs must each contain at least one value")
    shop = sme.ShopParams() if shop is None else shop
    horizon = as_int("horizon", horizon, low=60, high=3 * 365)
    cut_day = as_int("cut_day", cut_day, low=0, high=horizon - 1)
    if cut_day + max(notices) + max(step_downs) >= horizon:
        raise ValueError(
            f"cut_day + notice + step-down must end before the horizon ({horizon} days); "
            f"got {cut_day} + {max(notices)} + {max(step_downs)}"
        )
    limit = as_number("limit", limit, low=0, high=1e9)
    n_shops = as_int("n_shops", n_shops, low=10, high=50_000)
    replace_share = as_probability("replace_share", replace_share)
    low, high = (as_int("replace_days", d, low=0, high=horizon) for d in replace_days)
    if low > high:
        raise ValueError(f"replace_days must be (low, high) with low <= high; got {replace_days!r}")
    drawdown_share = as_probability("drawdown_share", drawdown_share)
    pd_ = as_probability("pd_", pd_)
    lgd = as_probability("lgd", lgd)

    rng = as_rng("seed", seed)
    sales_seed = int(rng.integers(0, 2**31 - 1))
    has_other = rng.random(n_shops) < replace_share
    days_needed = rng.integers(low, high + 1, n_shops)
    draws = rng.random(n_shops) < drawdown_share
    window = horizon - cut_day

    def run(notice: int, step: int, cut: np.ndarray | None) -> Any:
        policy = sme.LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice, step_down_days=step)
        return sme.simulate(shop, policy, n_shops=n_shops, seed=sales_seed, paths=False, window=window, cut=cut)

    sudden = run(0, 0, None)
    balance_at_decision = sudden.balance_at_cut / 100.0
    never = sme.simulate(shop, sme.LinePolicy(limit=limit), n_shops=n_shops, seed=sales_seed, paths=False, window=window, window_start=cut_day)
    no_cut = float(never.shortfall_in_window.mean())
    sudden_probability = float(sudden.shortfall_in_window.mean())
    rows = []
    for step in step_downs:  # a handful of rules, each one vectorised simulation
        for notice in notices:
            escaped = has_other & (days_needed <= notice) if notice > 0 else np.zeros(n_shops, dtype=bool)
            cut = ~escaped
            sim = sudden if notice == 0 and step == 0 else run(notice, step, cut)
            at_effective = sim.balance_at_effective / 100.0
            if notice == 0 and step == 0:
                extra = np.zeros(n_shops)
            else:
                drawn = np.where(draws, np.maximum(limit - balance_at_decision, 0.0), np.maximum(at_effective - balance_at_decision, 0.0))
                extra = np.where(cut, drawn, -balance_at_decision)
            probability = float(sim.shortfall_in_window.mean())
            loss = pd_ * lgd * float(extra.mean())
            saved = sudden_probability - probability
            rows.append(
                {
                    "notice_days": notice,
                    "step_down_days": step,
                    "shortfall_probability": probability,
                    "escaped_share": float(escaped.mean()),
                    "extra_exposure": float(extra.mean()),
                    "extra_expected_loss": loss,
                    "platform_cost_per_shop_saved": loss / saved if saved > 1e-12 else float("nan"),
                    "no_cut_probability": no_cut,
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# Policy lab: four levers from three chapters
# ---------------------------------------------------------------------------

POLICY_RULES: Mapping[str, tuple[str, float]] = {
    "before 2020": ("pre", 1.0),
    "after 2020-21": ("post", 1.0),
    "after 2020-21 + capital": ("post", 18.5 / 8.0),
}
"""Capital and co-lending rule sets of the policy lab: Chapter 2's rule set and an equity multiple.

"+ capital" multiplies the platform's equity by 18.5/8, the ratio of Ant
Consumer Finance's registered capital after the increase approved at the turn
of 2023 (RMB 18.5 bn) to its capital at opening in 2021 (RMB 8 bn)
(ap2023antcapital); everything else about the supply model is Chapter 2's
(:func:`lessons.regulation.supply_outcome`).
"""

POLICY_RULE_LABELS: Mapping[str, str] = {
    "before 2020": "Before 2020: 2 % own share, no caps",
    "after 2020-21": "After 2020–21: 30 % own share, leverage and partner caps",
    "after 2020-21 + capital": "After 2020–21, with equity raised 8 → 18.5 (×2.3)",
}

AVERAGE_LINE = 5_000.0
"""Average consumer line per approved applicant in RMB (illustrative, not calibrated to Ant Group)."""

CONSUMER_LGD = 0.45
"""Loss given default of unsecured consumer lines (the Basel foundation-IRB value for senior unsecured claims)."""


@dataclass(frozen=True)
class PolicyLab:
    """Everything the policy lab needs, computed once: scores of two models and a notice table.

    Attributes
    ----------
    study : DataStudy
        Hold-out scores of the bureau-only and the bureau + platform models.
    notice : DataFrame
        :func:`notice_tradeoff` rows for the lab's notice options (no step-down).
    reference_cutoff : float
        Cut-off of the reference world (before 2020, bureau data): who had a line.
    """

    study: DataStudy = field(repr=False)
    notice: pd.DataFrame = field(repr=False)
    reference_cutoff: float = 570.0


def policy_lab(
    applicants: pd.DataFrame,
    *,
    notices: Sequence[int] = (0, 60),
    reference_cutoff: float = 570.0,
    n_shops: int = 1_000,
    seed: Any = 1,
) -> PolicyLab:
    """Precompute the policy lab: two refitted models and the notice trade-off for each notice option.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> sorted(lab.study.scores), lab.notice["notice_days"].tolist()
    (['bureau', 'bureau + platform'], [0, 60])
    """
    from lessons import credit

    sources = {k: v for k, v in _data_sources().items() if k in ("bureau", "bureau + platform")}
    study = data_study(applicants, sources=sources, seed=seed)
    reference_cutoff = as_number("reference_cutoff", reference_cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    notice = notice_tradeoff(notices, (0,), n_shops=n_shops)
    return PolicyLab(study=study, notice=notice, reference_cutoff=reference_cutoff)


def policy_outcome(lab: PolicyLab, rules: str, cutoff: float, alt_data: bool, notice: int) -> pd.Series:
    """One combination of the four levers → credit supplied, losses, inclusion and SME shortfalls.

    1. **Capital and co-lending rules** (Chapter 2): :func:`lessons.regulation.supply_outcome`
       gives the largest loan book. Chapter 2 sizes demand at its base
       approval rate (:data:`lessons.regulation.BASE_APPROVAL_RATE`), so the
       book can fund an approval rate of ``BASE_APPROVAL_RATE × max_book /
       demand``; if the risk cut-off would approve more, the platform rations
       by raising the cut-off (as :func:`lessons.regulation.implied_cutoff`,
       via :func:`lessons.credit.cutoff_for_approval_rate`).
    2. **Risk cut-off** (Chapter 1): approve when score >= ``cutoff``.
    3. **Alternative data** (this chapter): scores from the bureau-only or the
       bureau + platform model.
    4. **Notice rule** (this chapter): business owners who had a line in the
       reference world (before 2020, bureau data, ``lab.reference_cutoff``) and
       lose it are cut with ``notice`` days of notice; Chapter 3's shop model
       gives their shortfall probability and the platform's extra expected loss
       (scaled from Chapter 3's RMB 40,000 line to the lab's average line).

    Amounts are per 10,000 applicants; each approved applicant borrows
    :data:`AVERAGE_LINE` (illustrative). Expected consumer losses use the
    synthetic data's true default probabilities and :data:`CONSUMER_LGD`.

    Returns
    -------
    Series with ``effective_cutoff``, ``binding`` ("risk cut-off" or "credit
    supply"), ``served_share``, ``approval_rate``, ``credit_supplied`` (RMB m),
    ``expected_loss`` (RMB m, consumer lines plus the notice cost),
    ``loss_rate`` (expected loss / credit supplied), ``thin_approval_rate``,
    ``business_lines_cut``, ``sme_shortfalls`` (expected shops with a cash
    shortfall) and ``notice_cost`` (RMB m).

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> out = policy_outcome(lab, "after 2020-21", 570, True, 60)
    >>> out["binding"], bool(out["effective_cutoff"] >= 570)
    ('credit supply', True)
    """
    from lessons import credit, regulation

    if not isinstance(lab, PolicyLab):
        raise TypeError(f"lab must be a PolicyLab (from policy_lab); got {type(lab).__name__}")
    require_one_of("rules", rules, list(POLICY_RULES))
    cutoff = as_number("cutoff", cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    if not isinstance(alt_data, (bool, np.bool_)):
        raise TypeError(f"alt_data must be True or False; got {alt_data!r}")
    notice = as_int("notice", notice, low=0, high=120)
    table = lab.notice.set_index("notice_days")
    if notice not in table.index:
        raise ValueError(f"notice must be one of the precomputed notice periods {sorted(table.index.tolist())}; got {notice}")
    key, multiple = POLICY_RULES[rules]
    supply = regulation.supply_outcome(regulation.RULE_SETS[key].own_share, key, multiple)
    served = float(supply["served"])
    source = "bureau + platform" if alt_data else "bureau"
    study = lab.study
    scores = study.scores[source]
    # Chapter 2 calibrates demand at its base approval rate; a bigger book can fund a higher approval rate.
    capacity = regulation.BASE_APPROVAL_RATE * supply["book"].max_book / supply["demand"]
    supply_cutoff = credit.cutoff_for_approval_rate(scores, capacity) if capacity < 1 else -math.inf
    effective = max(cutoff, supply_cutoff)
    approved = scores >= effective
    reference = study.scores["bureau"] >= lab.reference_cutoff
    owners = study.test["business_owner"].to_numpy(dtype=bool)
    cut = reference & ~approved & owners
    scale = 10_000 / len(scores)
    pd_true = study.test["pd_true"].to_numpy(dtype=float)
    consumer_loss = float(pd_true[approved].sum()) * CONSUMER_LGD * AVERAGE_LINE * scale
    notice_row = table.loc[notice]
    # Chapter 3's shop has a line of NOTICE_DEFAULTS["limit"]; its money amounts are scaled to the lab's average line.
    line_scale = AVERAGE_LINE / NOTICE_DEFAULTS["limit"]
    notice_cost = float(cut.sum()) * float(notice_row["extra_expected_loss"]) * line_scale * scale
    credit_supplied = float(approved.sum()) * AVERAGE_LINE * scale
    thin = study.thin
    return pd.Series(
        {
            "effective_cutoff": float(effective),
            "binding": "credit supply" if supply_cutoff > cutoff else "risk cut-off",
            "served_share": served,
            "approval_rate": float(approved.mean()),
            "credit_supplied": credit_supplied / 1e6,
            "expected_loss": (consumer_loss + notice_cost) / 1e6,
            "loss_rate": (consumer_loss + notice_cost) / credit_supplied if credit_supplied > 0 else float("nan"),
            "thin_approval_rate": float(approved[thin].mean()) if thin.any() else float("nan"),
            "business_lines_cut": float(cut.sum()) * scale,
            "sme_shortfalls": float(cut.sum()) * float(notice_row["shortfall_probability"]) * scale,
            "notice_cost": notice_cost / 1e6,
        },
        dtype=object,
    )


POLICY_SCENARIOS: Mapping[str, tuple[str, float, bool, int]] = {
    "2019: before the rules": ("before 2020", 570.0, False, 0),
    "2021 rules, sudden cuts": ("after 2020-21", 570.0, False, 0),
    "2021 rules + platform data + 60 days' notice": ("after 2020-21", 570.0, True, 60),
    "2021 rules + capital raised": ("after 2020-21 + capital", 570.0, False, 0),
    "Capital + platform data + 60 days' notice": ("after 2020-21 + capital", 570.0, True, 60),
}
"""Named combinations of the policy lab's levers: (rules, cut-off, platform data, notice days)."""


def policy_scenarios(lab: PolicyLab, scenarios: Mapping[str, tuple[str, float, bool, int]] = POLICY_SCENARIOS) -> pd.DataFrame:
    """:func:`policy_outcome` for several named combinations, one column each.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> policy_scenarios(lab).shape[1]
    5
    """
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise ValueError("scenarios must map names to (rules, cutoff, alt_data, notice)")
    return pd.DataFrame({name: policy_outcome(lab, *levers) for name, levers in scenarios.items()})


def plot_policy_space(lab: PolicyLab, cutoffs: Sequence[float] = (550.0, 570.0, 590.0)) -> Any:
    """Every combination of the lab's levers as a point: credit supplied against expected SME shortfalls.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> plot_policy_space(lab).alt[:32]
    'Every combination of the levers '
    """
    from lessons.plotting import PALETTE, chart, subplots

    if not isinstance(lab, PolicyLab):
        raise TypeError(f"lab must be a PolicyLab (from policy_lab); got {type(lab).__name__}")
    notices = sorted(int(n) for n in lab.notice["notice_days"])
    colours = {"before 2020": PALETTE["grey"], "after 2020-21": PALETTE["vermillion"], "after 2020-21 + capital": PALETTE["blue"]}
    styles = {"before 2020": ":", "after 2020-21": "-", "after 2020-21 + capital": "--"}
    widths = {"before 2020": 2.2, "after 2020-21": 1.0, "after 2020-21 + capital": 1.0}
    markers = {(False, notices[0]): "o", (True, notices[0]): "s", (False, notices[-1]): "^", (True, notices[-1]): "D"}
    fig, ax = subplots(width=7.0, height=3.6)
    points = []
    for rules in POLICY_RULES:
        for alt_data in (False, True):
            for notice in (notices[0], notices[-1]):
                xs, ys = [], []
                for cutoff in cutoffs:
                    out = policy_outcome(lab, rules, cutoff, alt_data, notice)
                    xs.append(out["credit_supplied"])
                    ys.append(out["sme_shortfalls"])
                    points.append((rules, alt_data, notice, cutoff, out["credit_supplied"], out["sme_shortfalls"]))
                ax.plot(xs, ys, color=colours[rules], marker=markers[(alt_data, notice)], linestyle=styles[rules], linewidth=widths[rules],
                        markersize=5, alpha=0.9)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=c, linewidth=2, linestyle=styles[r], label=POLICY_RULE_LABELS[r].split(":")[0]) for r, c in colours.items()]
    handles += [
        Line2D([], [], color=PALETTE["black"], marker=m, linestyle="none", label=f"{'platform data' if a else 'bureau data'}, {'sudden' if n == 0 else f'{n} days'}")
        for (a, n), m in markers.items()
    ]
    ax.legend(handles=handles, fontsize=7, loc="upper right", ncol=2)
    ax.set_xlabel("credit supplied (RMB m per 10,000 applicants)")
    ax.set_ylabel("shops with a cash shortfall")
    ax.set_title("Credit supplied against SME shortfalls, every lever setting")
    best = min(points, key=lambda p: (p[5], -p[4]))
    worst = max(points, key=lambda p: p[5])
    alt = (
        f"Every combination of the levers as a point ({len(points)} in all). Credit supplied ranges from "
        f"{min(p[4] for p in points):.1f} to {max(p[4] for p in points):.1f} RMB m per 10,000 applicants and expected SME "
        f"shortfalls from {min(p[5] for p in points):.0f} to {max(p[5] for p in points):.0f} shops. The most shortfalls come with "
        f"{POLICY_RULE_LABELS[worst[0]]}, cut-off {worst[3]:.0f}, {'platform' if worst[1] else 'bureau'} data and "
        f"{'sudden cuts' if worst[2] == 0 else f'{worst[2]} days of notice'}; the fewest with "
        f"{POLICY_RULE_LABELS[best[0]]}, cut-off {best[3]:.0f}, {'platform' if best[1] else 'bureau'} data and "
        f"{'sudden cuts' if best[2] == 0 else f'{best[2]} days of notice'}."
    )
    return chart(fig, alt=alt, caption="Each line joins three cut-offs (550, 570, 590) for one setting of the other levers; colour and line style = capital rules, marker = data and notice. Where supply does not bind, the pre-2020 and the capital-raised settings coincide.")


# ---------------------------------------------------------------------------
# Figures and widget functions (each figure returns a lessons.plotting.Chart)
# ---------------------------------------------------------------------------

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


def plan_table(plan: RecoursePlan) -> pd.DataFrame:
    """A reader's version of a plan: action, from, to, points, months.

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> plan_table(applicant_recourse(m, {"utilisation": 0.9}, cutoff=540)).to_dict("records")[0]
    {'action': 'Pay down balances on existing lines', 'from': '90 %', 'to': '55 %', 'points': 20.2, 'months': 4.5}
    """
    if not isinstance(plan, RecoursePlan):
        raise TypeError(f"plan must be a RecoursePlan; got {type(plan).__name__}")
    changes = plan.changes
    labels = changes["action"] if "action" in changes.columns else changes["feature"]
    return pd.DataFrame(
        {
            "action": list(labels),
            "from": [_fmt_value(f, v) for f, v in zip(changes["feature"], changes["current"])],
            "to": [_fmt_value(f, v) for f, v in zip(changes["feature"], changes["new"])],
            "points": [round(float(p), 1) for p in changes["points"]],
            "months": [round(float(m), 1) for m in changes["months"]],
        }
    )


def plot_recourse(plan: RecoursePlan, *, title: str | None = None) -> Any:
    """Horizontal bars: the points each change of a plan adds, against the points needed.

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> plot_recourse(applicant_recourse(m, {"utilisation": 0.9}, cutoff=540)).alt[:40]
    'Recourse plan: from 521.7 to 541.9 point'
    """
    from lessons.plotting import PALETTE, chart, subplots

    if not isinstance(plan, RecoursePlan):
        raise TypeError(f"plan must be a RecoursePlan; got {type(plan).__name__}")
    changes = plan.changes
    names = [_FEATURE_NAMES.get(f, f) for f in changes["feature"]]
    fig, ax = subplots(width=6.5, height=1.2 + 0.45 * max(len(changes), 1))
    y = np.arange(len(changes))
    ax.barh(y, changes["points"], color=PALETTE["blue"], height=0.6)
    needed = plan.cutoff - plan.score_before
    ax.axvline(needed, color=PALETTE["vermillion"], linestyle="--", linewidth=1.2, label=f"points needed: {needed:.1f}")
    left = 0.0
    for yi, (points, months) in enumerate(zip(changes["points"], changes["months"])):
        ax.annotate(f"+{points:.1f} pts, {months:.1f} months", (points, yi), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        left += points
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, max(needed, float(changes["points"].max()) if len(changes) else needed) * 1.6)
    ax.set_xlabel("points gained")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title or f"Plan: {plan.months:.1f} months to reach the cut-off of {plan.cutoff:.0f}")
    parts = "; ".join(
        f"{n} from {_fmt_value(f, c)} to {_fmt_value(f, v)}: +{p:.1f} points in {m:.1f} months"
        for n, f, c, v, p, m in zip(names, changes["feature"], changes["current"], changes["new"], changes["points"], changes["months"])
    )
    alt = (
        f"Recourse plan: from {plan.score_before:.1f} to {plan.score_after:.1f} points against a cut-off of {plan.cutoff:.0f} "
        f"({needed:.1f} points needed), done in {plan.months:.1f} months. {parts}."
    )
    return chart(fig, alt=alt, caption="Points each change adds (bars) and the points needed (dashed line); changes run in parallel.")


def recourse_view(model: Any, examples: pd.DataFrame, profile: str, cutoff: float) -> list[Any]:
    """Widget function: an example applicant and a cut-off → the fastest recourse plan (HTML bars and a table).

    A ``ValueError`` (approved already, nothing reachable) is shown by the
    widget as a message.

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> ex = pd.DataFrame({"utilisation": [0.9]}, index=["Line almost fully used"])
    >>> bars, table = recourse_view(m, ex, "Line almost fully used", 540)
    >>> table["months"].tolist(), "4.5 months" in bars
    ([4.5], True)
    """
    from lessons.plotting import PALETTE

    if not isinstance(examples, pd.DataFrame):
        raise TypeError(f"examples must be a DataFrame of applicants indexed by profile; got {type(examples).__name__}")
    require_one_of("profile", profile, list(examples.index))
    plan = applicant_recourse(model, examples.loc[profile], cutoff)
    needed = plan.cutoff - plan.score_before
    rows = [("Points needed", needed, f"{needed:.1f} points", PALETTE["vermillion"])]
    for feature, points, months in zip(plan.changes["feature"], plan.changes["points"], plan.changes["months"]):
        rows.append((_FEATURE_NAMES.get(feature, feature), float(points), f"+{points:.1f} points in {months:.1f} months", PALETTE["blue"]))
    scale = max(value for _, value, _, _ in rows) * 1.05
    caption = (
        f"{profile}: score {plan.score_before:.1f}, cut-off {cutoff:.0f}. The fastest plan takes {plan.months:.1f} months "
        f"and ends at {plan.score_after:.1f} points (changes run in parallel)."
    )
    return [html_bars(rows, scale=scale, caption=caption), plan_table(plan)]


def plot_tips(table: pd.DataFrame) -> Any:
    """Bars of the points each popular tip moves the score (0 for tips the model does not see).

    Examples
    --------
    >>> t = pd.DataFrame({"tip": ["a", "b"], "points": [-5.0, 0.0], "in_model": [True, False]})
    >>> plot_tips(t).alt.startswith("Points each tip")
    True
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("tip", "points", "in_model"))
    fig, ax = subplots(width=7.0, height=0.8 + 0.38 * len(table))
    y = np.arange(len(table))
    colours = [PALETTE["grey"] if not m else (PALETTE["blue"] if p > 0 else PALETTE["vermillion"]) for p, m in zip(table["points"], table["in_model"])]
    ax.barh(y, table["points"], color=colours, height=0.6)
    ax.axvline(0, color=PALETTE["black"], linewidth=0.8)
    for yi, (p, m) in enumerate(zip(table["points"], table["in_model"])):
        ax.annotate(f"{p:+.1f}" if m else "not in the model", (p, yi), xytext=(4 if p >= 0 else -4, 0), textcoords="offset points",
                    va="center", ha="left" if p >= 0 else "right", fontsize=8)
    labels = [t if len(t) <= 48 else t[:46] + "…" for t in table["tip"]]
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    span = max(5.0, float(np.abs(table["points"]).max()))
    ax.set_xlim(-1.6 * span, 1.6 * span)
    ax.set_xlabel("points (higher = safer)")
    parts = "; ".join(f"{t}: {'%+.1f points' % p if m else 'not in the model'}" for t, p, m in zip(table["tip"], table["points"], table["in_model"]))
    return chart(fig, alt=f"Points each tip moves the score: {parts}.", caption="Popular tips scored by the course's model (grey: the model does not use the variable).")


def _pct(x: float, digits: int = 1) -> str:
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.{digits}f} %"


def plot_group_approval(
    study: DataStudy, source: str, cutoff: float, *, reference: str = "bureau", reference_cutoff: float | None = None
) -> Any:
    """Approval rate by age band and by city tier: the chosen data sources against bureau data only.

    ``reference_cutoff`` (default: ``cutoff``) lets the two models be compared
    at different cut-offs, e.g. at the same overall bad rate.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> plot_group_approval(study, "bureau + platform", 570).alt[:24]
    'Approval rate by age ban'
    """
    from lessons.plotting import PALETTE, chart, subplots

    source = _check_source(study, source)
    reference = _check_source(study, reference)
    reference_cutoff = cutoff if reference_cutoff is None else as_number("reference_cutoff", reference_cutoff)
    segments = study.segments()
    fig, axes = subplots(1, 2, width=7.2, height=3.0, sharey=True, gridspec_kw={"width_ratios": [5, 4]})
    alt_parts = []
    for ax, segment, title in zip(axes, FAIRNESS_SEGMENTS, ("Age band", "City tier")):
        before = group_fairness(study.scores[reference] >= reference_cutoff, study.defaults, segments[segment]).drop(index="all")
        after = group_fairness(study.scores[source] >= cutoff, study.defaults, segments[segment]).drop(index="all")
        x = np.arange(len(before))
        ax.bar(x - 0.2, before["approval_rate"], width=0.4, color=PALETTE["grey"], label=DATA_SOURCE_LABELS.get(reference, reference))
        ax.bar(x + 0.2, after["approval_rate"], width=0.4, color=PALETTE["blue"], hatch="//", edgecolor="white",
               label=DATA_SOURCE_LABELS.get(source, source))
        ax.set_xticks(x, [str(i) for i in before.index], fontsize=8)
        ax.set_title(title)
        ax.set_ylim(0, 1)
        alt_parts.append(
            f"{title.lower()}: " + ", ".join(f"{g} {_pct(b, 0)} → {_pct(a, 0)}" for g, b, a in zip(before.index, before["approval_rate"], after["approval_rate"]))
        )
    axes[0].set_ylabel("approval rate")
    axes[0].legend(fontsize=7, loc="upper left")
    where = f"a cut-off of {cutoff:.0f}" if reference_cutoff == cutoff else f"cut-offs of {reference_cutoff:.0f} and {cutoff:.0f}"
    alt = f"Approval rate by age band and city tier at {where}, bureau data only → {DATA_SOURCE_LABELS.get(source, source)}. " + "; ".join(alt_parts) + "."
    return chart(fig, alt=alt, caption=f"Approval rate by group at {where} (grey: bureau data only; blue, hatched: {DATA_SOURCE_LABELS.get(source, source)}).")


def metrics_table(rows: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Readable side-by-side table of :func:`data_metrics` results (percentages as text).

    Examples
    --------
    >>> s = pd.Series({"cutoff": 570.0, "auc": 0.8, "approval_rate": 0.6, "bad_rate": 0.03, "thin_approval_rate": 0.2,
    ...     "thin_bad_rate": 0.05, "record_approval_rate": 0.8, "age_band_approval_gap": 0.5, "age_band_tpr_gap": 0.4,
    ...     "city_tier_approval_gap": 0.1, "city_tier_tpr_gap": 0.05})
    >>> metrics_table({"A": s}).loc["AUC (hold-out)", "A"]
    '0.800'
    """
    labels = {
        "cutoff": ("Cut-off (points)", lambda v: f"{v:.0f}"),
        "auc": ("AUC (hold-out)", lambda v: f"{v:.3f}"),
        "approval_rate": ("Approval rate", _pct),
        "bad_rate": ("Bad rate among the approved", lambda v: _pct(v, 2)),
        "thin_approval_rate": ("Approval rate, thin files", _pct),
        "thin_bad_rate": ("Bad rate, approved thin files", lambda v: _pct(v, 2)),
        "record_approval_rate": ("Approval rate, with a record", _pct),
        "age_band_approval_gap": ("Approval-rate gap across age bands", _pct),
        "age_band_tpr_gap": ("True-positive-rate gap across age bands", _pct),
        "city_tier_approval_gap": ("Approval-rate gap across city tiers", _pct),
        "city_tier_tpr_gap": ("True-positive-rate gap across city tiers", _pct),
    }
    out = {}
    for name, series in rows.items():
        out[name] = {label: fmt(float(series[key])) for key, (label, fmt) in labels.items() if key in series.index}
    return pd.DataFrame(out)


def data_view(study: DataStudy, source: str, cutoff: float) -> list[Any]:
    """Widget function: data sources and a cut-off → approval by group (HTML bars) and the metrics table.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> bars, table = data_view(study, "bureau + tenure", 580)
    >>> list(table.columns), "thin file" in bars
    (['Bureau data only', '+ account tenure'], True)
    """
    from lessons.plotting import PALETTE

    source = _check_source(study, source)
    base = data_metrics(study, "bureau", cutoff)
    chosen = data_metrics(study, source, cutoff)
    names = {DATA_SOURCE_LABELS.get("bureau", "bureau"): base}
    if source != "bureau":
        names[DATA_SOURCE_LABELS.get(source, source)] = chosen
    segments = study.segments()
    groups = [("thin file", study.thin), ("has a record", ~study.thin)]
    for segment in FAIRNESS_SEGMENTS:
        for label in sorted(segments[segment].unique()):
            shown = label if segment == "city_tier" or str(label).startswith("age") else f"age {label}"
            groups.append((shown, (segments[segment] == label).to_numpy()))
    rows = []
    for label, mask in groups:
        for name, key, colour in (("bureau only", "bureau", PALETTE["grey"]), ("chosen", source, PALETTE["blue"])):
            if name == "chosen" and source == "bureau":
                continue
            rate = float((study.scores[key][mask] >= cutoff).mean()) if mask.any() else float("nan")
            rows.append((f"{label} — {name}", rate, _pct(rate), colour))
    caption = (
        f"Approval rate by group at a cut-off of {cutoff:.0f}: grey bureau data only, blue "
        f"{DATA_SOURCE_LABELS.get(source, source)}. Hold-out applicants, synthetic."
    )
    return [html_bars(rows, scale=1.0, caption=caption), metrics_table(names)]


def plot_data_comparison(table: pd.DataFrame) -> Any:
    """Overall and thin-file approval rates of each model at the same overall bad rate.

    Examples
    --------
    >>> t = pd.DataFrame({"approval_rate": [0.6, 0.65], "thin_approval_rate": [0.3, 0.45], "bad_rate": [0.03, 0.03],
    ...     "auc": [0.78, 0.8]}, index=["bureau", "bureau + platform"])
    >>> plot_data_comparison(t).alt[:29]
    'At the same bad rate among th'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("approval_rate", "thin_approval_rate", "bad_rate", "auc"))
    labels = [DATA_SOURCE_LABELS.get(i, str(i)) for i in table.index]
    fig, ax = subplots(width=6.8, height=3.0)
    x = np.arange(len(table))
    ax.bar(x - 0.2, table["approval_rate"], width=0.4, color=PALETTE["blue"], label="all applicants")
    ax.bar(x + 0.2, table["thin_approval_rate"], width=0.4, color=PALETTE["orange"], hatch="//", edgecolor="white", label="thin files")
    for xi, (a, t) in enumerate(zip(table["approval_rate"], table["thin_approval_rate"])):
        ax.annotate(_pct(a, 0), (xi - 0.2, a), ha="center", va="bottom", fontsize=8)
        ax.annotate(_pct(t, 0), (xi + 0.2, t), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, labels, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel("approval rate")
    ax.legend(fontsize=8, loc="upper left")
    bad = float(table["bad_rate"].iloc[0])
    ax.set_title(f"Same bad rate among the approved (about {_pct(bad, 1)})")
    parts = "; ".join(f"{l}: all {_pct(a, 1)}, thin files {_pct(t, 1)}, AUC {u:.3f}" for l, a, t, u in zip(labels, table["approval_rate"], table["thin_approval_rate"], table["auc"]))
    return chart(fig, alt=f"At the same bad rate among the approved ({_pct(bad, 2)}), approval rates: {parts}.",
                 caption="Approval rates of all applicants and of thin-file applicants when every model is held to the same bad rate.")


def plot_notice_tradeoff(table: pd.DataFrame, *, notice: int | None = None, step_down: int | None = None, title: str | None = None) -> Any:
    """The trade-off: platform's extra expected loss (x) against shops' shortfall probability (y), one point per rule.

    Examples
    --------
    >>> t = pd.DataFrame({"notice_days": [0, 60], "step_down_days": [0, 0], "shortfall_probability": [0.5, 0.3],
    ...     "extra_expected_loss": [0.0, 200.0], "no_cut_probability": [0.15, 0.15]})
    >>> plot_notice_tradeoff(t, notice=60, step_down=0).alt[:34]
    'Each notice rule as a point: shops'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("notice_days", "step_down_days", "shortfall_probability", "extra_expected_loss", "no_cut_probability"))
    fig, ax = subplots(width=6.8, height=3.4)
    markers = {0: "o", 30: "s", 60: "^", 90: "D", 120: "v"}
    colours = [PALETTE["blue"], PALETTE["orange"], PALETTE["green"], PALETTE["purple"], PALETTE["vermillion"]]
    for i, (step, group) in enumerate(table.groupby("step_down_days", sort=True)):
        group = group.sort_values("notice_days")
        ax.plot(group["extra_expected_loss"], group["shortfall_probability"], color=colours[i % len(colours)], linewidth=1,
                marker=markers.get(int(step), "o"), label=f"step-down {int(step)} days")
        for _, r in group.iterrows():
            ax.annotate(f"{int(r['notice_days'])}d", (r["extra_expected_loss"], r["shortfall_probability"]), xytext=(4, 4 - 9 * i), textcoords="offset points",
                        fontsize=7, color=colours[i % len(colours)])
    no_cut = float(table["no_cut_probability"].iloc[0])
    ax.axhline(no_cut, color=PALETTE["grey"], linestyle=":", linewidth=1, label=f"line never cut: {_pct(no_cut, 0)}")
    chosen = None
    if notice is not None and step_down is not None:
        hit = table[(table["notice_days"] == notice) & (table["step_down_days"] == step_down)]
        if len(hit) == 0:
            raise ValueError(f"notice {notice} with step-down {step_down} is not in the table")
        chosen = hit.iloc[0]
        ax.scatter([chosen["extra_expected_loss"]], [chosen["shortfall_probability"]], s=160, facecolors="none", edgecolors=PALETTE["black"], linewidths=1.8, zorder=5)
    ax.set_xlabel("platform's extra expected loss, RMB per shop")
    ax.set_ylabel("shops with a cash shortfall")
    ax.set_ylim(0, max(0.7, float(table["shortfall_probability"].max()) + 0.05))
    ax.yaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f} %")
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title(title or "Notice rules: shops' shortfalls against the platform's extra loss")
    sudden = table[(table["notice_days"] == 0) & (table["step_down_days"] == 0)]
    parts = "; ".join(
        f"{int(r.notice_days)} days' notice, {int(r.step_down_days)}-day step-down: {_pct(r.shortfall_probability, 0)} of shops, RMB {r.extra_expected_loss:.0f} per shop"
        for r in table.sort_values(["step_down_days", "notice_days"]).itertuples()
    )
    lead = f"a sudden cut leaves {_pct(float(sudden['shortfall_probability'].iloc[0]), 0)} of shops short; " if len(sudden) else ""
    focus = ""
    if chosen is not None:
        focus = f" Highlighted: {int(chosen['notice_days'])} days' notice with a {int(chosen['step_down_days'])}-day step-down."
    alt = f"Each notice rule as a point: shops' shortfall probability against the platform's extra expected loss; {lead}{parts}.{focus}"
    return chart(fig, alt=alt, caption="Lower is better for shops, further left is better for the platform (illustrative shops, not calibrated to Ant Group).")


def notice_view(tables: Mapping[str, pd.DataFrame], channels: str, notice: int, step_down: int) -> str:
    """Widget function: other channels, notice and step-down → both sides of the trade-off (HTML).

    ``tables`` maps a channel setting (e.g. "half the shops") to a
    :func:`notice_tradeoff` table computed with that ``replace_share``.

    Examples
    --------
    >>> t = pd.DataFrame({"notice_days": [0, 60], "step_down_days": [0, 0], "shortfall_probability": [0.5, 0.3],
    ...     "extra_expected_loss": [0.0, 200.0], "no_cut_probability": [0.15, 0.15], "escaped_share": [0.0, 0.2]})
    >>> "30 %" in notice_view({"none": t}, "none", 60, 0)
    True
    """
    from lessons.plotting import PALETTE

    if not isinstance(tables, Mapping) or not tables:
        raise ValueError("tables must map each channel setting to a notice_tradeoff table")
    require_one_of("channels", channels, list(tables))
    table = tables[channels]
    require_columns("tables[channels]", table, ("notice_days", "step_down_days", "shortfall_probability", "extra_expected_loss", "no_cut_probability", "escaped_share"))
    hit = table[(table["notice_days"] == notice) & (table["step_down_days"] == step_down)]
    if len(hit) == 0:
        raise ValueError(f"notice {notice} with step-down {step_down} was not precomputed for {channels!r}")
    row = hit.iloc[0]
    sudden = table[(table["notice_days"] == 0) & (table["step_down_days"] == 0)].iloc[0]
    shops = html_bars(
        [
            ("Sudden cut", float(sudden["shortfall_probability"]), _pct(sudden["shortfall_probability"], 0), PALETTE["vermillion"]),
            ("This rule", float(row["shortfall_probability"]), _pct(row["shortfall_probability"], 0), PALETTE["blue"]),
            ("Line never cut", float(row["no_cut_probability"]), _pct(row["no_cut_probability"], 0), PALETTE["grey"]),
        ],
        scale=1.0,
        caption=f"Shops with a cash shortfall after the decision ({int(notice)} days' notice, {int(step_down)}-day step-down; other channels: {channels}).",
    )
    loss = float(row["extra_expected_loss"])
    largest = max(float(table["extra_expected_loss"].abs().max()), 1.0)
    platform = html_bars(
        [("Extra expected loss", abs(loss), f"RMB {loss:,.0f} per shop" + (" (a saving)" if loss < 0 else ""), PALETTE["orange"] if loss >= 0 else PALETTE["green"])],
        scale=largest,
        caption=(
            f"The platform's side: extra expected loss versus a sudden cut; {_pct(row['escaped_share'], 0)} of shops refinanced "
            "elsewhere before their line closed. Illustrative, not calibrated to Ant Group."
        ),
    )
    return shops + platform


def policy_view(lab: PolicyLab, rules: str, cutoff: float, alt_data: bool, notice: int) -> str:
    """Widget function of the policy lab: the four levers → an HTML scoreboard against the 2019 world.

    The reference column is "before 2020, cut-off ``lab.reference_cutoff``,
    bureau data, sudden cuts".

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> "Thin-file approval rate" in policy_view(lab, "after 2020-21", 570, False, 0)
    True
    """
    import html as _html

    chosen = policy_outcome(lab, rules, cutoff, alt_data, notice)
    reference = policy_outcome(lab, "before 2020", lab.reference_cutoff, False, int(lab.notice["notice_days"].min()))
    rows = [
        ("Cut-off actually applied (points)", lambda s: f"{s['effective_cutoff']:.0f} ({s['binding']} binds)"),
        ("Share of demand the rules allow", lambda s: _pct(s["served_share"], 0)),
        ("Approval rate", lambda s: _pct(s["approval_rate"])),
        ("Credit supplied (RMB m per 10,000 applicants)", lambda s: f"{s['credit_supplied']:.1f}"),
        ("Expected losses (RMB m)", lambda s: f"{s['expected_loss']:.2f}"),
        ("Loss rate (losses / credit)", lambda s: _pct(s["loss_rate"], 2)),
        ("Thin-file approval rate", lambda s: _pct(s["thin_approval_rate"])),
        ("Business owners whose line is cut", lambda s: f"{s['business_lines_cut']:.0f}"),
        ("…of them with a cash shortfall (expected)", lambda s: f"{s['sme_shortfalls']:.0f}"),
        ("Cost of notice to the platform (RMB m)", lambda s: f"{s['notice_cost']:.3f}"),
    ]
    head = (
        f"{_html.escape(POLICY_RULE_LABELS[rules])}; risk cut-off {cutoff:.0f}; "
        f"{'bureau + platform data' if alt_data else 'bureau data only'}; "
        f"{'sudden cuts' if notice == 0 else f'{notice} days of notice'}"
    )
    body = "".join(
        f'<tr><th scope="row" style="text-align:left;font-weight:normal;padding:2px 10px 2px 0">{_html.escape(label)}</th>'
        f'<td style="text-align:right;padding:2px 10px">{_html.escape(fmt(chosen))}</td>'
        f'<td style="text-align:right;padding:2px 10px;color:#555">{_html.escape(fmt(reference))}</td></tr>'
        for label, fmt in rows
    )
    return (
        '<table class="lessons-policy-lab" style="border-collapse:collapse;font-size:90%;max-width:44em">'
        f'<caption style="text-align:left;font-size:90%;padding-bottom:4px">{head}. Per 10,000 applicants; illustrative, not calibrated to Ant Group.</caption>'
        '<thead><tr><th scope="col" style="text-align:left">Outcome</th><th scope="col" style="text-align:right;padding:2px 10px">This policy</th>'
        '<th scope="col" style="text-align:right;padding:2px 10px">2019 reference</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
