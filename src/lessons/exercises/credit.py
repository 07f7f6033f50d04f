"""Checked exercises of Chapter 1 (Credit assessment).

Every expected answer is computed from :mod:`lessons.credit` on the same data,
seeds and settings as the notebooks, so it always matches what the page shows.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from lessons.check import Exercise

# Settings shared with the notebooks (change them together).
POPULATION = {"n": 20_000, "seed": 2020}
CANDIDATE_CUTOFFS = tuple(range(500, 641))  # whole-number cut-offs of exercise cutoffs-2
GERMAN_SPLIT_SEED = 2020
GERMAN_BINS = 5
PRESCREEN_CUTOFF = 540
UNDERWRITING_CUTOFF = 560
REVIEW_TIGHTENING = 20


@lru_cache(maxsize=1)
def _applicants():
    from lessons.data import synthetic_applicants

    return synthetic_applicants(**POPULATION)


@lru_cache(maxsize=1)
def _cutoff_study():
    from lessons import credit

    return credit.cutoff_study(_applicants(), credit.PLATFORM_FEATURES, seed=1)


@lru_cache(maxsize=1)
def _german_study():
    from lessons import credit

    return credit.german_scorecard_study(bins=GERMAN_BINS, seed=GERMAN_SPLIT_SEED)


@lru_cache(maxsize=1)
def _two_stage():
    from lessons import credit

    return credit.prepare_two_stage(_applicants())


@lru_cache(maxsize=1)
def _reviews():
    from lessons import credit

    return credit.prepare_reviews(_applicants())


# --- scorecard -------------------------------------------------------------


def _strongest_variable() -> str:
    iv = _german_study().iv
    return str(iv.loc[iv["variable"].isin(_german_variables()), "variable"].iloc[0])


def _points_at_200_to_1() -> float:
    from lessons.credit import points_from_odds

    return float(points_from_odds(200))


def _test_gini() -> float:
    from lessons.credit import gini

    study = _german_study()
    return float(gini(study.test_scores, study.test["default"].to_numpy()))


def _german_variables() -> tuple[str, ...]:
    from lessons.credit import german_candidates

    try:
        return german_candidates() or ("(German credit data not available)",)
    except ImportError:  # the registry must load even if the data module is incomplete
        return ("(German credit data not available)",)


# --- cut-offs --------------------------------------------------------------


def _lowest_cutoff_3pct() -> int:
    from lessons.credit import cutoff_for_bad_rate

    study = _cutoff_study()
    return int(cutoff_for_bad_rate(study.scores, study.defaults, 0.03, cutoffs=np.asarray(CANDIDATE_CUTOFFS, dtype=float)))


def _thin_file_approval_at_3pct() -> float:
    from lessons.credit import approval_by_segment

    study = _cutoff_study()
    table = approval_by_segment(study.scores, study.segments["thin_file"], _lowest_cutoff_3pct()).set_index("segment")
    return float(table.loc["thin file", "approval_rate"])


# --- invited, no limit -----------------------------------------------------


def _invited_without_limit() -> float:
    from lessons.credit import two_stage_decisions

    decisions = two_stage_decisions(_two_stage(), PRESCREEN_CUTOFF, UNDERWRITING_CUTOFF)
    invited = decisions["invited"]
    return float((decisions.loc[invited, "outcome"] != "limit granted").mean())


_CAPS = ("income_multiple", "debt_room", "regulatory", "product_max")


def _most_binding_cap() -> str:
    from lessons.credit import two_stage_decisions

    decisions = two_stage_decisions(_two_stage(), PRESCREEN_CUTOFF, UNDERWRITING_CUTOFF)
    return str(decisions.loc[decisions["approved"], "binding"].value_counts().idxmax())


def _exactly_one_product() -> float:
    from lessons.credit import product_decisions

    holds = product_decisions(_two_stage())["holds"].astype(str).to_numpy()
    return float(np.mean((holds == "A only") | (holds == "B only")))


# --- reviews and reasons ---------------------------------------------------


def _cut_but_repaid() -> float:
    from lessons.credit import review_table

    return float(review_table(_reviews(), REVIEW_TIGHTENING).loc["all applicants", "cut_but_repaid"])


def _reason_variables() -> tuple[str, ...]:
    from lessons.credit import ALL_MODEL_FEATURES

    return tuple(ALL_MODEL_FEATURES)


def _top_reason_young_thin() -> str:
    from lessons.credit import example_applicants, reason_codes

    setup = _reviews()
    examples = example_applicants(_applicants(), setup.model)
    row = examples.loc[["Young, no credit record"], list(setup.model.features)].infer_objects()
    return str(reason_codes(setup.model, row)["variable"].iloc[0])


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="scorecard-1",
        kind="choice",
        expected=_strongest_variable,
        options=_german_variables(),
        hint="Look at the IV table (credit.iv_summary) or move the widget's variable control with 5 bins and compare the IVs in the chart titles.",
        why="It has the largest information value among the candidate variables: its bins separate goods from bads the most.",
    ),
    Exercise(
        id="scorecard-2",
        kind="number",
        expected=_points_at_200_to_1,
        rtol=0.001,
        hint="200:1 is 50:1 doubled twice; each doubling adds PDO = 20 points to the 600 points of 50:1.",
        why="Score = Offset + Factor·ln(odds): two doublings of the odds add exactly 2 × PDO points.",
    ),
    Exercise(
        id="scorecard-3",
        kind="number",
        expected=_test_gini,
        rtol=0.01,
        hint="Gini = 2·AUC − 1; compute credit.gini(study.test_scores, study.test['default']) on the TEST sample.",
        why="Gini rescales AUC so that 0 is a random ranking and 1 a perfect one.",
    ),
    Exercise(
        id="cutoffs-2",
        kind="integer",
        expected=_lowest_cutoff_3pct,
        hint="credit.approval_curve(scores, defaults, np.arange(500, 641)): take the first row whose bad_rate is <= 0.03.",
        why="From that cut-off up, the approved pool's bad rate stays at or under 3 % on the hold-out sample.",
    ),
    Exercise(
        id="cutoffs-3",
        kind="number",
        expected=_thin_file_approval_at_3pct,
        atol=0.005,
        rtol=0.0,
        hint="credit.approval_by_segment(scores, study.segments['thin_file'], cutoff) at the cut-off of the previous exercise; read the 'thin file' row.",
        why="A bad-rate rule lands mostly on the applicants the model knows least about.",
    ),
    Exercise(
        id="invited-1",
        kind="number",
        expected=_invited_without_limit,
        atol=0.005,
        rtol=0.0,
        hint="Among rows with decisions['invited'] True, take the share whose outcome is not 'limit granted'.",
        why="These applicants were shown the entry point on stale data but declined, or approved with a limit below the minimum, by underwriting.",
    ),
    Exercise(
        id="invited-2",
        kind="choice",
        expected=_most_binding_cap,
        options=_CAPS,
        hint="decisions.loc[decisions['approved'], 'binding'].value_counts()",
        why="For most approved applicants that cap is the smallest of the four, so it sets the limit.",
    ),
    Exercise(
        id="invited-3",
        kind="number",
        expected=_exactly_one_product,
        atol=0.005,
        rtol=0.0,
        hint="holds = credit.product_decisions(setup)['holds']; the share of rows equal to 'A only' or 'B only'.",
        why="Two models, two cut-offs and two sets of limit rules disagree at the margin, so some applicants hold one product and are refused the other.",
    ),
    Exercise(
        id="reviews-1",
        kind="number",
        expected=_cut_but_repaid,
        atol=0.005,
        rtol=0.0,
        hint="credit.review_table(reviews, 20).loc['all applicants', 'cut_but_repaid']",
        why="A review cuts on predicted risk; most people with a predicted PD of a few per cent still repay.",
    ),
    Exercise(
        id="reviews-2",
        kind="choice",
        expected=_top_reason_young_thin,
        options=_reason_variables(),
        hint="Pick 'Young, no credit record' in the reason-code widget, or run credit.reason_codes on that row; rank 1 is the answer.",
        why="That variable costs this applicant the most points against the reference applicant.",
    ),
)
