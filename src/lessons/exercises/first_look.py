"""Checked exercises of the page "A first look at the data" (book/first-look.ipynb)."""

from __future__ import annotations

from lessons.check import Exercise


def _new_account_thin_file_share() -> float:
    from lessons.data import synthetic_applicants

    applicants = synthetic_applicants(n=20_000, seed=2020)
    return float(applicants.loc[applicants["tenure_months"] < 12, "thin_file"].mean())


#: The corrected code table's savings levels (the loader's category order).
SAVINGS_LEVELS = (
    "unknown or no savings account", "< 100 DM", "100 to < 500 DM", "500 to < 1000 DM", ">= 1000 DM",
)


def _riskiest_savings_status() -> str:
    from lessons.data import load_german_credit, segment_summary

    return str(segment_summary(load_german_credit(), "savings_status")["default_rate"].idxmax())


EXERCISES = (
    Exercise(
        id="first-look-1",
        kind="number",
        unit="share",
        expected=_new_account_thin_file_share,
        rtol=0.005,
        hint=(
            "Select the rows with applicants['tenure_months'] < 12, then take the mean of their True/False "
            "thin_file column: the mean of a True/False column is the share of True values."
        ),
        why="A short payment history and an empty credit file tend to come together.",
    ),
    Exercise(
        id="first-look-2",
        kind="choice",
        unit="option",
        expected=_riskiest_savings_status,
        options=SAVINGS_LEVELS,
        hint="Compute data.segment_summary(german, 'savings_status') and find the largest default_rate.",
        why="Applicants with no savings account (or none the bank knew of) defaulted most often in these data.",
    ),
)
