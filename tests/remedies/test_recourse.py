"""Tests of lessons.remedies.recourse: the recourse solver (worked numbers, invariants, bad input) and recourse for Chapter 1's applicants."""

from __future__ import annotations

import itertools
import math
import time

import numpy as np
import pandas as pd
import pytest
from _remedies_fixtures import FAST, FEW, declined, platform_model, population
from hypothesis import assume, given
from hypothesis import strategies as st

from lessons import credit
from lessons.remedies import recourse
from lessons.remedies.recourse import (
    IMMUTABLE_FEATURES,
    RecoursePlan,
    applicant_recourse,
    apply_plan,
    recourse_plan,
    recourse_problem,
)

# ---------------------------------------------------------------------------
# The recourse solver: worked examples
# ---------------------------------------------------------------------------

TWO_LEVERS = dict(
    points_per_unit={"utilisation": -60.0, "lenders": -15.0, "age": 2.0},
    current={"utilisation": 0.9, "lenders": 3},
    actionable={"utilisation": 10.0, "lenders": 1.0},
    bounds={"utilisation": (0, 0.9), "lenders": (0, 3)},
    step={"utilisation": 0.05, "lenders": 1},
    lead_months={"utilisation": 1},
)


def test_closing_two_lines_is_the_fastest_plan_when_it_is_exactly_enough():
    plan = recourse_plan(**TWO_LEVERS, score=560, cutoff=590)
    assert plan.changes["feature"].tolist() == ["lenders"]
    assert plan.changes["new"].tolist() == [1.0]
    assert plan.months == 2.0
    assert plan.score_after == pytest.approx(590.0)


def test_a_larger_gap_is_met_by_closing_every_line_after_three_months():
    # 40 points are needed. After 2.5 months the best mix gives 39 (2 lines closed + 3 utilisation steps);
    # after 3 months closing all 3 lines gives 45 on its own, so both objectives choose that one change.
    fastest = recourse_plan(**TWO_LEVERS, score=550, cutoff=590)
    assert fastest.months == pytest.approx(3.0)
    assert fastest.changes["feature"].tolist() == ["lenders"]
    fewest = recourse_plan(**TWO_LEVERS, score=550, cutoff=590, objective="fewest")
    assert fewest.n_changes == 1
    assert fewest.changes.loc[0, "feature"] == "lenders"
    assert fewest.changes.loc[0, "new"] == 0.0
    assert fewest.score_after == pytest.approx(595.0)


SLOW_AND_FAST = dict(
    points_per_unit={"slow": 10.0, "fast": 1.0},
    current={"slow": 0.0, "fast": 0.0},
    score=95,
    cutoff=100,
    actionable={"slow": 12.0, "fast": 1.0},
    bounds={"slow": (0, 1), "fast": (0, 10)},
    step={"slow": 1, "fast": 1},
)


def test_a_fast_lever_beats_a_slow_lever_with_more_points_when_time_is_the_goal():
    plan = recourse_plan(**SLOW_AND_FAST)
    assert plan.changes["feature"].tolist() == ["fast"]
    assert plan.months == 5.0
    fewest = recourse_plan(**SLOW_AND_FAST, objective="fewest")
    assert fewest.months == 5.0  # one change either way, so the faster one-change plan is chosen
    assert fewest.changes["feature"].tolist() == ["fast"]


def _brute_force_fastest(problem: dict, gap: float) -> float:
    names = list(problem["actionable"])
    options = []
    for name in names:
        p = problem["points_per_unit"][name]
        low, high = problem["bounds"][name]
        size = problem["step"][name]
        room = (high - problem["current"][name]) if p > 0 else (problem["current"][name] - low)
        k = int(math.floor(room / size + 1e-9))
        opts = [(0.0, 0.0)]
        for s in range(1, k + 1):
            opts.append((abs(p) * size * s, problem["lead_months"].get(name, 0.0) + problem["actionable"][name] * size * s))
        options.append(opts)
    best = math.inf
    for combo in itertools.product(*options):
        if sum(g for g, _ in combo) >= gap - 1e-9:
            best = min(best, max(m for _, m in combo))
    return best


@FAST
@given(
    points=st.lists(st.floats(-30, 30).filter(lambda x: abs(x) > 0.5), min_size=1, max_size=3),
    months=st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 6.0]), min_size=3, max_size=3),
    leads=st.lists(st.sampled_from([0.0, 1.0, 3.0]), min_size=3, max_size=3),
    rooms=st.lists(st.integers(1, 4), min_size=3, max_size=3),
    gap=st.floats(0.5, 60),
)
def test_the_fastest_plan_is_as_fast_as_a_brute_force_search(points, months, leads, rooms, gap):
    names = [f"x{i}" for i in range(len(points))]
    problem = {
        "points_per_unit": dict(zip(names, points)),
        "current": {n: 5.0 for n in names},
        "actionable": dict(zip(names, months)),
        "bounds": {n: (5.0 - r, 5.0 + r) for n, r in zip(names, rooms)},
        "step": {n: 1.0 for n in names},
        "lead_months": dict(zip(names, leads)),
    }
    best = _brute_force_fastest(problem, gap)
    if math.isinf(best):
        with pytest.raises(ValueError, match="cannot be reached"):
            recourse_plan(**problem, score=500 - gap, cutoff=500)
        return
    plan = recourse_plan(**problem, score=500 - gap, cutoff=500)
    assert plan.months == pytest.approx(best)
    assert plan.score_after >= 500 - 1e-9
    assert set(plan.changes["feature"]) <= set(names)


@FAST
@given(
    points=st.lists(st.floats(-30, 30).filter(lambda x: abs(x) > 0.5), min_size=2, max_size=3),
    rooms=st.lists(st.integers(1, 4), min_size=3, max_size=3),
    gap=st.floats(0.5, 60),
)
def test_the_fewest_changes_plan_uses_no_more_variables_than_any_feasible_plan(points, rooms, gap):
    names = [f"x{i}" for i in range(len(points))]
    problem = {
        "points_per_unit": dict(zip(names, points)),
        "current": {n: 0.0 for n in names},
        "actionable": {n: 1.0 for n in names},
        "bounds": {n: (-r, r) for n, r in zip(names, rooms)},
        "step": {n: 1.0 for n in names},
    }
    max_gain = [abs(p) * r for p, r in zip(points, rooms)]
    assume(sum(max_gain) >= gap)
    fewest_possible = next(c for c in range(1, len(names) + 1) if sum(sorted(max_gain, reverse=True)[:c]) >= gap - 1e-9)
    plan = recourse_plan(**problem, score=-gap, cutoff=0, objective="fewest")
    assert plan.n_changes == fewest_possible
    assert plan.score_after >= -1e-9


def test_every_plan_respects_the_bounds_and_the_steps():
    plan = recourse_plan(**TWO_LEVERS, score=540, cutoff=590)
    for row in plan.changes.itertuples():
        low, high = TWO_LEVERS["bounds"][row.feature]
        assert low - 1e-12 <= row.new <= high + 1e-12
        size = TWO_LEVERS["step"][row.feature]
        assert abs(row.change / size - round(row.change / size)) < 1e-9


# ---------------------------------------------------------------------------
# The recourse solver: bad input
# ---------------------------------------------------------------------------


def test_an_applicant_already_approved_gets_a_clear_message():
    with pytest.raises(ValueError, match="already reaches the cut-off"):
        recourse_plan(**TWO_LEVERS, score=600, cutoff=590)


def test_immutable_features_are_refused_as_actions():
    args = {**TWO_LEVERS, "actionable": {"age": 12.0}, "bounds": {"age": (20, 60)}, "step": {}, "lead_months": {}}
    with pytest.raises(ValueError, match="immutable"):
        recourse_plan(**{**args, "current": {"age": 30}}, score=500, cutoff=590)


def test_unknown_features_are_named_in_the_message():
    args = {**TWO_LEVERS, "actionable": {"zhima_score": 1.0}, "bounds": {"zhima_score": (350, 950)}, "step": {}, "lead_months": {}}
    with pytest.raises(ValueError, match="zhima_score"):
        recourse_plan(**{**args, "current": {"zhima_score": 600}}, score=500, cutoff=590)


def test_an_impossible_target_says_how_many_points_are_reachable():
    with pytest.raises(ValueError, match=r"cannot be reached.*adds 99\.0 points"):
        recourse_plan(**TWO_LEVERS, score=400, cutoff=590)


def test_a_plan_longer_than_the_horizon_is_impossible():
    with pytest.raises(ValueError, match="max_months"):
        recourse_plan(**TWO_LEVERS, score=540, cutoff=590, max_months=1.0)


@pytest.mark.parametrize(
    "change, match",
    [
        ({"bounds": {"utilisation": (0.95, 1.0), "lenders": (0, 3)}}, "outside bounds"),
        ({"step": {"utilisation": 0.0, "lenders": 1}}, "step"),
        ({"actionable": {"utilisation": -1.0, "lenders": 1.0}}, "actionable"),
        ({"current": {"utilisation": 0.9}}, "lenders"),
    ],
)
def test_bad_bounds_steps_times_and_missing_values_are_rejected(change, match):
    with pytest.raises(ValueError, match=match):
        recourse_plan(**{**TWO_LEVERS, **change}, score=560, cutoff=590)


def test_an_unknown_objective_is_rejected():
    with pytest.raises(ValueError, match="objective"):
        recourse_plan(**TWO_LEVERS, score=560, cutoff=590, objective="cheapest")


# ---------------------------------------------------------------------------
# Recourse for Chapter 1's platform model
# ---------------------------------------------------------------------------


@FEW
@given(index=st.integers(0, 10_000), cutoff=st.sampled_from([550.0, 570.0, 590.0]))
def test_a_recourse_plan_applied_is_approved_and_changes_only_actionable_variables(index, cutoff):
    pool = declined(cutoff)
    applicant = pool.iloc[index % len(pool)]
    try:
        plan = applicant_recourse(platform_model(), applicant, cutoff)
    except ValueError as error:
        assert "cannot be reached" in str(error) or "no plan" in str(error)
        return
    after = apply_plan(applicant, plan)
    assert credit.score_applicants(platform_model(), after)[0] >= cutoff
    before = applicant.to_frame().T.reset_index(drop=True)
    changed = [c for c in before.columns if not (before[c].isna().all() and after[c].isna().all()) and before[c].iloc[0] != after[c].iloc[0]]
    allowed = set(recourse.RECOURSE_ACTIONS) | {"on_time_share", "thin_file"}
    assert set(changed) <= allowed
    assert not set(changed) & set(IMMUTABLE_FEATURES)


def test_a_thin_file_applicant_gets_the_build_a_record_action_not_an_on_time_share():
    thin = declined(590)
    thin = thin[thin["thin_file"]]
    problem = recourse_problem(platform_model(), thin.iloc[0])
    assert "credit_record" in problem["actionable"]
    assert "on_time_share" not in problem["actionable"]
    assert "income" in problem["not_actionable"]


def test_recourse_never_offers_income_age_or_city_even_when_they_would_help():
    problem = recourse_problem(platform_model(), declined(590).iloc[0])
    assert not {"income", "age", "age_band", "city_tier"} & set(problem["actionable"])


def test_applicant_recourse_rejects_an_approved_applicant_and_a_cutoff_outside_the_scale():
    pop = population()
    scores = credit.score_applicants(platform_model(), pop)
    best = pop.iloc[int(np.argmax(scores))]
    with pytest.raises(ValueError, match="already reaches"):
        applicant_recourse(platform_model(), best, 570)
    with pytest.raises(ValueError, match="cutoff"):
        applicant_recourse(platform_model(), best, 1200)


def test_apply_plan_refuses_a_plan_that_touches_an_immutable_variable():
    forged = RecoursePlan(
        changes=pd.DataFrame({"feature": ["age"], "current": [22.0], "new": [40.0], "change": [18.0], "points": [5.0], "months": [0.0]}),
        score_before=560,
        score_after=565,
        cutoff=565,
    )
    with pytest.raises(ValueError, match="immutable"):
        apply_plan({"age": 22, "utilisation": 0.5}, forged)


# ---------------------------------------------------------------------------
# Budgets
# ---------------------------------------------------------------------------


def test_a_recourse_plan_for_one_applicant_takes_well_under_the_widget_budget():
    applicant = declined(570).iloc[0]
    applicant_recourse(platform_model(), applicant, 570)  # warm up
    start = time.perf_counter()
    for _ in range(5):
        applicant_recourse(platform_model(), applicant, 570)
    assert (time.perf_counter() - start) / 5 < 0.1


# ---------------------------------------------------------------------------
# Arguments of the wrong kind (issue 16): a clear error that names the parameter, never an AttributeError
# ---------------------------------------------------------------------------


NOT_A_MAPPING = [None, 5, 2.5, "utilisation", ["utilisation"]]


@pytest.mark.parametrize("actions", NOT_A_MAPPING)
def test_actions_table_rejects_actions_that_are_not_a_mapping(actions):
    with pytest.raises(ValueError, match="actions must be a mapping of variable name -> RecourseAction"):
        recourse.actions_table(actions)


def test_actions_table_names_an_entry_that_is_not_a_recourse_action_and_accepts_a_subset():
    with pytest.raises(TypeError, match=r"actions\['utilisation'\] must be a RecourseAction"):
        recourse.actions_table({"utilisation": 10.0})
    subset = {"utilisation": recourse.RECOURSE_ACTIONS["utilisation"]}
    assert list(recourse.actions_table(subset).index) == ["utilisation"]


@pytest.mark.parametrize("actions", NOT_A_MAPPING)
def test_recourse_for_an_applicant_rejects_actions_that_are_not_a_mapping(actions):
    applicant = declined(570).iloc[0]
    with pytest.raises(ValueError, match="actions must be a mapping"):
        recourse_problem(platform_model(), applicant, actions=actions)
    with pytest.raises(ValueError, match="actions must be a mapping"):
        applicant_recourse(platform_model(), applicant, 570, actions=actions)


@pytest.mark.parametrize("immutable", [None, 5, "age"])
def test_recourse_plan_rejects_immutable_that_is_not_a_list_of_names(immutable):
    # A string used to pass silently as the set of its letters, so "age" protected nothing.
    with pytest.raises(ValueError, match="immutable must be a sequence of variable names"):
        recourse_plan(**TWO_LEVERS, score=560, cutoff=590, immutable=immutable)


def test_recourse_summary_raises_for_a_bad_cutoff_or_objective_instead_of_a_table_of_no_plans():
    # Both used to be caught per applicant and shown as "no plan: cutoff must be …" in every row.
    examples = declined(570).head(2)
    with pytest.raises(ValueError, match="^cutoff must be a number in"):
        recourse.recourse_summary(platform_model(), examples, 1200)
    with pytest.raises(ValueError, match="^objective must be one of"):
        recourse.recourse_summary(platform_model(), examples, 570, objective="cheapest")
    with pytest.raises(ValueError, match="^examples must contain at least one applicant"):
        recourse.recourse_summary(platform_model(), examples.iloc[:0], 570)


@pytest.mark.parametrize("points_per_unit", [None, {}])
def test_recourse_plan_names_missing_points_per_unit(points_per_unit):
    # It used to say that actionable named "a variable that is not a variable of the score".
    with pytest.raises(ValueError, match="^points_per_unit must give the points per unit"):
        recourse_plan(**{**TWO_LEVERS, "points_per_unit": points_per_unit}, score=560, cutoff=590)



# ---------------------------------------------------------------------------
# Issue 13: floating-point residue and the five-year clock of past overdues
# ---------------------------------------------------------------------------


def test_a_plan_that_pays_utilisation_down_to_zero_leaves_exactly_zero():
    # 0.3 - 6 x 0.05 is -5.6e-17 in floating point; a plan never leaves the variable's bounds.
    plan = recourse_plan(
        {"utilisation": -65.0},
        {"utilisation": 0.3},
        score=550.0,
        cutoff=569.0,
        actionable={"utilisation": 10.0},
        bounds={"utilisation": (0.0, 0.3)},
        step={"utilisation": 0.05},
    )
    assert plan.changes.loc[0, "new"] == 0.0
    assert apply_plan({"utilisation": 0.3}, plan).loc[0, "utilisation"] == 0.0


def test_applicant_19860_of_the_page_population_can_be_scored_after_the_plan():
    # Regression (issue 13): the plan pays utilisation 0.30 down to zero in steps of 0.05, which used to leave
    # utilisation = -5.6e-17, and Chapter 1's score_applicants then refused the applicant.
    from lessons.data import synthetic_applicants

    applicants = synthetic_applicants(n=20_000, seed=2020)
    model = credit.fit_platform_model(applicants)
    applicant = applicants.loc[19860]
    plan = applicant_recourse(model, applicant, 570)
    after = apply_plan(applicant, plan)
    assert after.loc[0, "utilisation"] >= 0.0
    assert float(credit.score_applicants(model, after)[0]) >= 570


def test_apply_plan_snaps_residue_of_a_forged_plan_to_zero():
    forged = RecoursePlan(
        changes=pd.DataFrame({"feature": ["utilisation"], "current": [0.3], "new": [-5.551115123125783e-17],
                              "change": [-0.3], "points": [20.0], "months": [4.0]}),
        score_before=550.0, score_after=570.0, cutoff=570.0,
    )
    assert apply_plan({"utilisation": 0.3}, forged).loc[0, "utilisation"] == 0.0


@pytest.mark.parametrize("overdues", [1, 2, 3, 5])
def test_past_overdues_clear_after_one_five_year_wait_whatever_their_number(overdues):
    # Each negative record is kept five years; the retention periods run at the same time, so clearing any
    # number of recent overdues takes 60 months, not 60 per overdue.
    model = credit.PlatformModel(("past_overdues",), ("past_overdues",), (0.5,), -3.0, (0.2,))
    applicant = {"past_overdues": overdues}
    score = float(credit.score_applicants(model, pd.DataFrame([applicant]), clip=False)[0])
    cutoff = score + 0.99 * overdues * 0.5 * credit.scaling_constants()[0]  # needs every overdue gone
    plan = applicant_recourse(model, applicant, cutoff)
    assert plan.changes.loc[0, "new"] == 0
    assert plan.months == 60.0


def test_the_past_overdues_action_is_a_lead_not_a_rate():
    action = recourse.RECOURSE_ACTIONS["past_overdues"]
    assert (action.lead_months, action.months_per_unit) == (60.0, 0.0)
