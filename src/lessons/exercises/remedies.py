"""Checked exercises of Chapter 4 (Remedies).

Every expected answer is computed from :mod:`lessons.remedies` with the same
data, seeds and settings as the notebooks of ``book/remedies/``. Each asks for
something the page does not print above the exercise (another applicant,
cut-off, notice period or rule set), so the student computes it.
"""

from __future__ import annotations

from functools import lru_cache

from lessons.check import Exercise

# Settings shared with the notebooks (change them together).
POPULATION = {"n": 20_000, "seed": 2020}
CUTOFF = 570
DATA_SPLIT_SEED = 1
NOTICE_SETTINGS = {"n_shops": 1_000, "seed": 3}

# The variants the exercises ask about (none of them is printed on the pages above the exercise).
RECOURSE_PROFILE, RECOURSE_CUTOFF = "Two or more past overdues", 580
TIP_PROFILE = "Line almost fully used"
DATA_REFERENCE_CUTOFF = 590
NOTICE_DAYS = 45
LAB_DRAFT = ("2020 draft", CUTOFF, True, 60)
LAB_DRAFT_CUTOFF = ("2020 draft", CUTOFF, True, 0)


@lru_cache(maxsize=1)
def _applicants():
    from lessons.data import synthetic_applicants

    return synthetic_applicants(**POPULATION)


@lru_cache(maxsize=1)
def _model():
    from lessons import credit

    return credit.fit_platform_model(_applicants())


@lru_cache(maxsize=1)
def _examples():
    from lessons import credit

    return credit.example_applicants(_applicants(), _model(), cutoff=CUTOFF)


@lru_cache(maxsize=1)
def _study():
    from lessons import remedies

    return remedies.data_study(_applicants(), seed=DATA_SPLIT_SEED)


@lru_cache(maxsize=1)
def _notice_variant():
    from lessons import remedies

    return remedies.notice_tradeoff((0, NOTICE_DAYS), (0,), replace_share=0.5, **NOTICE_SETTINGS)


@lru_cache(maxsize=1)
def _lab():
    from lessons import remedies

    return remedies.policy_lab(_applicants())


# --- borrowers ---------------------------------------------------------------


def _months_overdues_580() -> float:
    from lessons import remedies

    return remedies.applicant_recourse(_model(), _examples().loc[RECOURSE_PROFILE], RECOURSE_CUTOFF).months


def _huabei_points_full_line() -> float:
    from lessons import remedies

    table = remedies.tip_effects(_model(), _examples().loc[TIP_PROFILE])
    return float(table.loc[table["tip"].str.startswith("Use Huabei more"), "points"].iloc[0])


# --- platforms: data -----------------------------------------------------------


def _thin_file_gain_590() -> float:
    from lessons import remedies

    table = remedies.data_comparison(_study(), reference_cutoff=DATA_REFERENCE_CUTOFF)
    return float(table.loc["bureau + platform", "thin_approval_rate"] - table.loc["bureau", "thin_approval_rate"])


def _tenure_age_gap_change() -> float:
    from lessons import remedies

    table = remedies.data_comparison(_study(), reference_cutoff=CUTOFF)
    return float(table.loc["bureau + tenure", "age_band_approval_gap"] - table.loc["bureau", "age_band_approval_gap"])


# --- platforms: notice ---------------------------------------------------------


def _notice_row():
    table = _notice_variant()
    return table[table["notice_days"] == NOTICE_DAYS].iloc[0]


def _shortfall_45_days() -> float:
    return float(_notice_row()["shortfall_probability"])


def _loss_45_days() -> float:
    return float(_notice_row()["extra_expected_loss"])


# --- policy lab --------------------------------------------------------------


def _lab_draft_shortfalls() -> float:
    from lessons import remedies

    return float(remedies.policy_outcome(_lab(), *LAB_DRAFT)["sme_shortfalls"])


def _lab_draft_cutoff() -> float:
    from lessons import remedies

    return float(remedies.policy_outcome(_lab(), *LAB_DRAFT_CUTOFF)["effective_cutoff"])


EXERCISES = (
    Exercise(
        id="recourse-1",
        kind="number",
        unit="months",
        expected=_months_overdues_580,
        rtol=0.01,
        hint="Run remedies.applicant_recourse(model, examples.loc['Two or more past overdues'], 580) and read "
        ".months (the slowest change, since changes run in parallel).",
        why="Past overdues cannot be waited out within five years, so the plan raises the on-time share, which "
        "averages the whole record and moves slowly, while paying utilisation down at the same time.",
    ),
    Exercise(
        id="recourse-2",
        kind="number",
        unit="points",
        expected=_huabei_points_full_line,
        atol=0.05,
        decimals=1,
        hint="Look at remedies.tip_effects(model, examples.loc['Line almost fully used']): the row 'Use Huabei more'. "
        "The answer is negative, and smaller than for the other applicants.",
        why="Spending more raises utilisation, which costs points; this applicant's line is almost full, so "
        "utilisation can only rise to 100 % and the tip costs less than for anyone else, but it still costs.",
    ),
    Exercise(
        id="platform-data-1",
        kind="number",
        unit="share",
        expected=_thin_file_gain_590,
        atol=0.0005,
        decimals=3,
        hint="remedies.data_comparison(study, reference_cutoff=590); subtract the bureau row's thin_approval_rate "
        "from the 'bureau + platform' row's. Give a decimal (0.05 = 5 percentage points).",
        why="Held to the same bad rate, the model that sees payment activity and tenure can tell careful newcomers "
        "from risky ones, so it approves more of the applicants the bureau cannot see.",
    ),
    Exercise(
        id="platform-data-2",
        kind="number",
        unit="share",
        expected=_tenure_age_gap_change,
        atol=0.0005,
        decimals=3,
        hint="In data_comparison(study) (reference cut-off 570), subtract the bureau row's age_band_approval_gap "
        "from the 'bureau + tenure' row's. Give a decimal; a positive number means the gap widens.",
        why="Account tenure grows with age almost by construction, so a model that rewards tenure approves more "
        "older applicants: the approval gap across age bands widens.",
    ),
    Exercise(
        id="notice-1",
        kind="number",
        unit="share",
        expected=_shortfall_45_days,
        atol=0.0005,
        decimals=3,
        hint="remedies.notice_tradeoff((0, 45), replace_share=0.5, n_shops=1_000, seed=3): the row with "
        "notice_days == 45, column shortfall_probability (a decimal).",
        why="With 45 days' notice some shops find another lender before the line starts to fall, and the others "
        "have the line for longer; both lower the share that runs short, but the cut still lands before the "
        "festival stock bill.",
    ),
    Exercise(
        id="notice-2",
        kind="number",
        unit="rmb",
        expected=_loss_45_days,
        rtol=0.01,
        atol=1.0,
        hint="Same table, the row with 45 days' notice: extra_expected_loss (RMB per shop).",
        why="The drawdowns cost the platform more than it gains from the shops that refinance and repay, or whose "
        "balances fall during the notice.",
    ),
    Exercise(
        id="policy-lab-1",
        kind="number",
        unit="count",
        expected=_lab_draft_shortfalls,
        rtol=0.02,
        hint="remedies.policy_outcome(lab, '2020 draft', 570, True, 60)['sme_shortfalls'], per 10,000 applicants.",
        why="The draft would have halved what the platform could lend, so it rations by raising its cut-off; "
        "business owners who lose their line run short with the probability of Chapter 3's model under 60 days' "
        "notice.",
    ),
    Exercise(
        id="policy-lab-2",
        kind="number",
        unit="points",
        expected=_lab_draft_cutoff,
        atol=0.05,
        decimals=1,
        hint="policy_outcome(lab, '2020 draft', 570, True, 0)['effective_cutoff']: the supply rule, not the risk "
        "cut-off, sets it.",
        why="When supply binds, the platform approves only as many applicants as it can fund, so the cut-off applied "
        "is the one that rations the book, whatever risk cut-off you chose below it; the platform-data model ranks "
        "differently, so the same share of approvals ends at a different score.",
    ),
)
