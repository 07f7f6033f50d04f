"""Checked exercises of Chapter 4 (Remedies).

Every expected answer is computed from :mod:`lessons.remedies` with the same
data, seeds and settings as the notebooks of ``book/remedies/``, so it always
matches what the page shows.
"""

from __future__ import annotations

from functools import lru_cache

from lessons.check import Exercise

# Settings shared with the notebooks (change them together).
POPULATION = {"n": 20_000, "seed": 2020}
CUTOFF = 570
DATA_SPLIT_SEED = 1
NOTICE_SETTINGS = {"n_shops": 1_000, "seed": 3}


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


@lru_cache(maxsize=2)
def _notice_table(replace_share: float):
    from lessons import remedies

    return remedies.notice_tradeoff((0, 30, 60, 90), (0, 30, 60), replace_share=replace_share, **NOTICE_SETTINGS)


@lru_cache(maxsize=1)
def _lab():
    from lessons import remedies

    return remedies.policy_lab(_applicants())


# --- borrowers ---------------------------------------------------------------


def _months_many_lenders() -> float:
    from lessons import remedies

    return remedies.applicant_recourse(_model(), _examples().loc["Many other lenders"], CUTOFF).months


def _huabei_more_points() -> float:
    from lessons import remedies

    table = remedies.tip_effects(_model(), _examples().loc["Low income"])
    return float(table.loc[table["tip"].str.startswith("Use Huabei more"), "points"].iloc[0])


# --- platforms: data -----------------------------------------------------------


def _thin_file_gain() -> float:
    from lessons import remedies

    table = remedies.data_comparison(_study(), reference_cutoff=CUTOFF)
    return float(table.loc["bureau + platform", "thin_approval_rate"] - table.loc["bureau", "thin_approval_rate"])


def _widening_gap() -> str:
    from lessons import remedies

    table = remedies.data_comparison(_study(), reference_cutoff=CUTOFF)
    age = table.loc["bureau + platform", "age_band_approval_gap"] - table.loc["bureau", "age_band_approval_gap"]
    city = table.loc["bureau + platform", "city_tier_approval_gap"] - table.loc["bureau", "city_tier_approval_gap"]
    return "age band" if age > city else "city tier"


# --- platforms: notice ---------------------------------------------------------


def _notice_row(replace_share: float, notice: int, step: int):
    table = _notice_table(replace_share)
    return table[(table["notice_days"] == notice) & (table["step_down_days"] == step)].iloc[0]


def _shortfall_60_days() -> float:
    return float(_notice_row(0.5, 60, 0)["shortfall_probability"])


def _loss_30_days() -> float:
    return float(_notice_row(0.5, 30, 0)["extra_expected_loss"])


# --- policy lab --------------------------------------------------------------


def _lab_shortfalls() -> float:
    from lessons import remedies

    return float(remedies.policy_outcome(_lab(), "after 2020-21", CUTOFF, False, 0)["sme_shortfalls"])


def _lab_cutoff() -> float:
    from lessons import remedies

    return float(remedies.policy_outcome(_lab(), "after 2020-21", CUTOFF, True, 0)["effective_cutoff"])


EXERCISES = (
    Exercise(
        id="recourse-1",
        kind="number",
        unit="months",
        expected=_months_many_lenders,
        rtol=0.01,
        hint="Run remedies.applicant_recourse(model, examples.loc['Many other lenders'], 570) and read plan.months "
        "(the slowest change, since changes run in parallel).",
        why="The plan closes lines with other lenders one a month and pays down utilisation at the same time; "
        "it takes as long as its slowest change.",
    ),
    Exercise(
        id="recourse-2",
        kind="number",
        unit="points",
        expected=_huabei_more_points,
        atol=0.5,
        hint="Look at remedies.tip_effects(model, examples.loc['Low income']): the row 'Use Huabei more'. "
        "The answer is negative.",
        why="Spending more on a line raises utilisation, and the model charges points for utilisation: "
        "the tip makes the applicant look riskier, not safer.",
    ),
    Exercise(
        id="platform-data-1",
        kind="number",
        unit="share",
        expected=_thin_file_gain,
        atol=0.005,
        hint="In remedies.data_comparison(study), subtract the bureau row's thin_approval_rate from the "
        "'bureau + platform' row's. Give a decimal (0.05 = 5 percentage points).",
        why="Held to the same bad rate, the model that sees payment activity and tenure can tell careful "
        "newcomers from risky ones, so it approves more of the applicants the bureau cannot see.",
    ),
    Exercise(
        id="platform-data-2",
        kind="choice",
        unit="option",
        expected=_widening_gap,
        options=("age band", "city tier"),
        hint="Compare age_band_approval_gap and city_tier_approval_gap in the two rows of data_comparison.",
        why="Account tenure grows with age, so platform data help older applicants more than the youngest; "
        "the gap across city tiers narrows at the same time. More data can narrow one gap and widen another.",
    ),
    Exercise(
        id="notice-1",
        kind="number",
        unit="share",
        expected=_shortfall_60_days,
        atol=0.01,
        hint="In the table for 'half the shops', take the row with 60 days' notice and no step-down: "
        "shortfall_probability (a decimal).",
        why="With two months' notice a third of the shops find another lender before the line closes, and the "
        "others have the line for longer; both lower the share that runs short.",
    ),
    Exercise(
        id="notice-2",
        kind="number",
        unit="rmb",
        expected=_loss_30_days,
        rtol=0.02,
        hint="Same table, 30 days' notice, no step-down: extra_expected_loss (RMB per shop).",
        why="A short notice mostly buys precautionary drawdowns (a cost to the platform) while few shops have "
        "time to refinance (which would repay the platform).",
    ),
    Exercise(
        id="policy-lab-1",
        kind="number",
        unit="count",
        expected=_lab_shortfalls,
        rtol=0.02,
        hint="remedies.policy_outcome(lab, 'after 2020-21', 570, False, 0)['sme_shortfalls'], per 10,000 applicants.",
        why="The post-2021 rules halve what the platform can lend, so it rations by raising its cut-off; business "
        "owners who lose their lines without notice run short of cash with Chapter 3's probability.",
    ),
    Exercise(
        id="policy-lab-2",
        kind="number",
        unit="points",
        expected=_lab_cutoff,
        atol=1.0,
        hint="policy_outcome(lab, 'after 2020-21', 570, True, 0)['effective_cutoff']: the supply rule, not the "
        "risk cut-off, sets it.",
        why="When supply binds, the platform approves only as many applicants as it can fund, so the cut-off "
        "applied is the one that rations the book — whatever risk cut-off you chose below it.",
    ),
)
