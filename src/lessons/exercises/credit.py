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
PRESCREEN_CUTOFF = 520  # exercise invited-1: a variant of the page's 540 / 560, which the page shows
UNDERWRITING_CUTOFF = 570
DEFAULT_PRESCREEN_CUTOFF = 540  # the page's default cut-offs (exercise invited-2)
DEFAULT_UNDERWRITING_CUTOFF = 560
MANY_LENDERS = 2  # exercise invited-2: approved applicants with at least this many other lenders reported
VARIANT_CUTOFF_B = 550  # exercise invited-4: the bank lowers product B's cut-off from 560
REVIEW_TIGHTENING = 25  # exercise reviews-1: between the widget's positions 20 and 30
REASON_APPLICANT = 7461  # exercise reviews-3: an applicant scoring just under product A's cut-off
REASON_METHOD = "near_cutoff"  # exercise reviews-3: Regulation B's first method


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


def _test_iv_credit_history() -> float:
    from lessons.credit import information_value

    test = _german_study().test
    return float(information_value(test["credit_history"], test["default"].to_numpy(), bins=GERMAN_BINS))


def _points_at_200_to_1() -> float:
    from lessons.credit import points_from_odds

    return float(points_from_odds(200))


@lru_cache(maxsize=1)
def _german_study_without_checking():
    from lessons import credit

    return credit.german_scorecard_study(bins=GERMAN_BINS, seed=GERMAN_SPLIT_SEED, exclude=("age", "checking_status"))


def _test_gini_without_checking() -> float:
    from lessons.credit import gini

    study = _german_study_without_checking()
    return float(gini(study.test_scores, study.test["default"].to_numpy()))


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


def _most_binding_cap_many_lenders() -> str:
    from lessons.credit import two_stage_decisions

    decisions = two_stage_decisions(_two_stage(), DEFAULT_PRESCREEN_CUTOFF, DEFAULT_UNDERWRITING_CUTOFF)
    chosen = decisions["approved"].to_numpy() & (_two_stage().reported_lenders >= MANY_LENDERS)
    return str(decisions.loc[chosen, "binding"].value_counts().idxmax())


def _exactly_one_product_bank_lower() -> float:
    from dataclasses import replace

    from lessons.credit import PRODUCT_B, product_decisions

    holds = product_decisions(_two_stage(), product_b=replace(PRODUCT_B, cutoff=VARIANT_CUTOFF_B))["holds"].astype(str).to_numpy()
    return float(np.mean((holds == "A only") | (holds == "B only")))


# --- reviews and reasons ---------------------------------------------------


def _cut_but_repaid_count() -> int:
    from lessons.credit import review_decisions

    setup = _reviews()
    reviews = review_decisions(setup.behaviour_scores, setup.limits, review_cutoff=setup.review_cutoff, tightening=REVIEW_TIGHTENING)
    cut = reviews["action"].astype(str).to_numpy() != "keep"
    return int(np.sum(cut & (setup.limits > 0) & (setup.defaults == 0)))


def _reason_variables() -> tuple[str, ...]:
    from lessons.credit import ALL_MODEL_FEATURES

    return tuple(ALL_MODEL_FEATURES)


def _top_reason_near_cutoff() -> str:
    from lessons.credit import PRODUCT_A, reason_codes

    setup = _reviews()
    applicants = _applicants()
    row = applicants.loc[[REASON_APPLICANT], list(setup.model.features)]
    table = reason_codes(setup.model, row, method=REASON_METHOD, population=applicants, cutoff=PRODUCT_A.cutoff)
    return str(table["variable"].iloc[0])


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="scorecard-1",
        kind="number",
        unit="share",
        expected=_test_iv_credit_history,
        decimals=3,
        hint="On study.test, count goods and bads in each credit_history category (pd.crosstab), turn the counts "
        "into shares of all goods and of all bads, then sum (%good − %bad) · ln(%good / %bad). "
        "credit.information_value(study.test['credit_history'], study.test['default']) gives the same number.",
        why="Information value is a sample statistic: on 300 test applicants it differs a lot from the training sample's.",
    ),
    Exercise(
        id="scorecard-2",
        kind="number",
        unit="points",
        expected=_points_at_200_to_1,
        rtol=0.001,
        hint="200:1 is 50:1 doubled twice; each doubling adds PDO = 20 points to the 600 points of 50:1.",
        why="Score = Offset + Factor·ln(odds): two doublings of the odds add exactly 2 × PDO points.",
    ),
    Exercise(
        id="scorecard-3",
        kind="number",
        unit="share",
        expected=_test_gini_without_checking,
        decimals=3,
        hint="Build credit.german_scorecard_study(bins=5, seed=2020, exclude=('age', 'checking_status')) and compute "
        "credit.gini(s.test_scores, s.test['default']) on its TEST sample; give three decimals, e.g. 0.123.",
        why="Gini = 2·AUC − 1; without its strongest variable the card ranks the same test applicants less well.",
    ),
    Exercise(
        id="cutoffs-2",
        kind="integer",
        unit="points",
        expected=_lowest_cutoff_3pct,
        hint="credit.approval_curve(scores, defaults, np.arange(500, 641)): take the first row whose bad_rate is <= 0.03.",
        why="From that cut-off up, the approved pool's bad rate stays at or under 3 % on the hold-out sample.",
    ),
    Exercise(
        id="cutoffs-3",
        kind="number",
        unit="share",
        expected=_thin_file_approval_at_3pct,
        atol=0.005,
        rtol=0.0,
        hint="credit.approval_by_segment(scores, study.segments['thin_file'], cutoff) at the cut-off of the previous exercise; read the 'thin file' row.",
        why="Thin files are refused at a higher rate than applicants with a record; in numbers, fewer of them are "
        "refused, because there are fewer thin files. The burden is a rate, not a head count.",
    ),
    Exercise(
        id="invited-1",
        kind="number",
        unit="share",
        expected=_invited_without_limit,
        atol=0.005,
        rtol=0.0,
        hint="decisions = credit.two_stage_decisions(setup, 520, 570); among rows with decisions['invited'] True, "
        "take the share whose outcome is not 'limit granted'.",
        why="A generous pre-screen and a stricter underwriter: more entry points, and more of them lead nowhere.",
    ),
    Exercise(
        id="invited-2",
        kind="choice",
        unit="option",
        expected=_most_binding_cap_many_lenders,
        options=_CAPS,
        hint="At the default cut-offs (540 / 560), select rows where decisions['approved'] is True and "
        "setup.reported_lenders >= 2, then value_counts() of their 'binding' column.",
        why="Each other lender is assumed to carry a balance that uses up room under the total-debt cap, so for "
        "applicants with several other lenders that cap is usually the smallest.",
    ),
    Exercise(
        id="invited-4",
        kind="number",
        unit="share",
        expected=_exactly_one_product_bank_lower,
        atol=0.005,
        rtol=0.0,
        hint="holds = credit.product_decisions(setup, product_b=replace(credit.PRODUCT_B, cutoff=550))['holds'] "
        "(from dataclasses import replace); the share of rows equal to 'A only' or 'B only'.",
        why="Two models, two cut-offs and two sets of limit rules disagree at the margin, so some applicants hold one product and are refused the other.",
    ),
    Exercise(
        id="reviews-1",
        kind="number",
        unit="count",
        expected=_cut_but_repaid_count,
        atol=0.5,
        rtol=0.0,
        hint="cut = credit.review_decisions(reviews.behaviour_scores, reviews.limits, review_cutoff=570, tightening=25); "
        "count the rows whose action is not 'keep', whose reviews.limits is above 0 and whose reviews.defaults is 0.",
        why="A review cuts on predicted risk; most people with a predicted PD of a few per cent still repay.",
    ),
    Exercise(
        id="reviews-3",
        kind="choice",
        unit="option",
        expected=_top_reason_near_cutoff,
        options=_reason_variables(),
        hint="credit.reason_codes(model, applicants.loc[[7461], list(model.features)], method='near_cutoff', "
        "population=applicants, cutoff=570); rank 1 is the answer.",
        why="By the near-cut-off method (Regulation B's first method), that variable falls furthest below the average "
        "points of the applicants who just pass: it costs this applicant the most points against them.",
    ),
)
