"""Checked exercises of the page "A first look at the data" (book/first-look.ipynb)."""

from __future__ import annotations

from lessons.check import Exercise


def _thin_file_share() -> float:
    from lessons.data import synthetic_applicants

    return float(synthetic_applicants(n=20_000, seed=2020)["thin_file"].mean())


def _checking_labels() -> tuple[str, ...]:
    from lessons.data import load_german_credit

    return tuple(str(c) for c in load_german_credit()["checking_status"].cat.categories)


def _riskiest_checking_status() -> str:
    from lessons.data import load_german_credit, segment_summary

    return str(segment_summary(load_german_credit(), "checking_status")["default_rate"].idxmax())


EXERCISES = (
    Exercise(
        id="first-look-1",
        kind="number",
        expected=_thin_file_share,
        rtol=0.005,
        hint="Thin file is a True/False column; the mean of a True/False column is the share of True values.",
        why="About a third of the synthetic applicants have no central-bank credit record.",
    ),
    Exercise(
        id="first-look-2",
        kind="choice",
        expected=_riskiest_checking_status,
        options=_checking_labels(),
        hint="Look at the default_rate column of data.segment_summary(german, 'checking_status').",
        why="An overdrawn current account is a direct sign of strained cash flow.",
    ),
)
