"""Checked exercises of Chapter 2 (Regulation). Expected answers are computed from :mod:`lessons.regulation`."""

from __future__ import annotations

from lessons.check import Exercise


def _apr_7_5() -> float:
    from lessons.regulation import installment_rates

    return 100 * installment_rates(12, total_fee=0.075).nominal_apr


_PRICINGS = ("quoted", "fee_0.6", "daily_0.03", "daily_0.05")


def _cheapest_pricing() -> str:
    from lessons.regulation import INSTALLMENT_FEES, loan_cost

    costs = {
        "quoted": loan_cost(10_000, 12, total_fee=INSTALLMENT_FEES[12]).total_cost,
        "fee_0.6": loan_cost(10_000, 12, total_fee=0.006 * 12).total_cost,
        "daily_0.03": loan_cost(10_000, 12, daily_rate=0.0003).total_cost,
        "daily_0.05": loan_cost(10_000, 12, daily_rate=0.0005).total_cost,
    }
    return min(costs, key=costs.get)


def _entries_in_2021() -> int:
    from lessons.regulation import regulation_timeline

    return int((regulation_timeline()["date"].dt.year == 2021).sum())


_DOCUMENTS = ("CBIRC Order 2020 No. 9", "CBIRC Office 2021 No. 24", "PBoC Announcement 2021 No. 3", "PBoC Order 2021 No. 4")


def _document_with_tier1_limit() -> str:
    from lessons.regulation import regulation_timeline

    timeline = regulation_timeline()
    row = timeline[timeline["provisions"].str.contains("25 % of the bank's net tier-1 capital", regex=False)]
    name = row["name_en"].item()
    return next(option for option in _DOCUMENTS if option in name)


def _loans_per_yuan_at_20_percent() -> float:
    from dataclasses import replace

    from lessons.regulation import BASE_EQUITY, POST_2021, max_loan_book

    return max_loan_book(BASE_EQUITY, replace(POST_2021, own_share=0.20)).multiplier


def _thin_file_loss_percent() -> float:
    import pandas as pd

    from lessons.credit import segment_labels
    from lessons.data import synthetic_applicants
    from lessons.regulation import rationing_by_segment, scored_population, supply_outcome

    served = supply_outcome(0.30, "post", 1.0)["served"]
    table = rationing_by_segment(scored_population(synthetic_applicants()), served)
    thin_label = segment_labels(pd.DataFrame({"thin_file": [True]}), "thin_file").iloc[0]
    row = table[(table["dimension"] == "Credit record") & (table["segment"] == thin_label)]
    return 100 * float(row["lose_access"].item())


def _heavy_drop_points() -> float:
    from lessons.data import synthetic_applicants
    from lessons.regulation import visibility_comparison, visibility_scores

    table = visibility_comparison(visibility_scores(synthetic_applicants()), approval_rate=0.70, heavy=4)
    heavy = table.iloc[0]
    return 100 * float(heavy["approval_before"] - heavy["approval_after"])


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="timeline-1",
        kind="integer",
        expected=_entries_in_2021,
        hint="Count the rows whose date falls in 2021: (timeline['date'].dt.year == 2021).sum().",
        why="2021 is the busiest year of the table: the rules proposed in 2020 became final and Ant was restructured.",
    ),
    Exercise(
        id="timeline-2",
        kind="choice",
        expected=_document_with_tier1_limit,
        options=_DOCUMENTS,
        hint="Look in the lane 'Lending, capital and co-lending' for the row that mentions tier-1 capital.",
        why="The February 2021 notice on banks' internet lending (银保监办发〔2021〕24号) sets the 25 %, 50 % and 30 % limits.",
    ),
    Exercise(
        id="cost-of-credit-1",
        kind="number",
        expected=_apr_7_5,
        rtol=0.01,
        hint="Call reg.installment_rates(12, total_fee=0.075) and read nominal_apr; multiply by 100 for percent.",
        why="The monthly IRR is about 1.13 %, so the nominal APR is about 13.6 %, nearly double the 7.5 % headline.",
    ),
    Exercise(
        id="cost-of-credit-2",
        kind="choice",
        expected=_cheapest_pricing,
        options=_PRICINGS,
        hint="Compare the 'Total cost (RMB)' row for each pricing at RMB 10,000 over 12 months.",
        why="A daily rate of 0.03 % is charged on the shrinking balance: about RMB 593, less than any of the fees.",
    ),
    Exercise(
        id="credit-supply-1",
        kind="number",
        expected=_loans_per_yuan_at_20_percent,
        rtol=0.01,
        hint="Own capacity is 10 × (1 + 1 + 4) = 60; compare 60 / 0.20 with 60 plus the partners' 500, then divide by 10.",
        why="At a 20 % share the own-funding bound (RMB 300 bn) is below the partner bound (560), so 30 yuan per yuan.",
    ),
    Exercise(
        id="credit-supply-2",
        kind="number",
        expected=_thin_file_loss_percent,
        rtol=0.03,
        atol=0.5,
        hint="Set the widget to 'After 2020–21', 30 %, × 1 and read the bar 'Credit record: thin file'.",
        why="The rationed cut-off removes the approved applicants whose scores sat just above the old cut-off.",
    ),
    Exercise(
        id="credit-reporting-1",
        kind="number",
        expected=_heavy_drop_points,
        rtol=0.03,
        atol=0.5,
        hint="Subtract approval_after from approval_before in the first row of visibility_comparison and multiply by 100.",
        why="Once the report shows all their lines, the refitted scorecard ranks heavy multi-lender borrowers much lower.",
    ),
    Exercise(
        id="credit-reporting-2",
        kind="bool",
        expected=lambda: False,
        hint="What does the report record monthly: the lender's decisions, or the borrower's line, use and repayments?",
        why="A cut or closed line is not a delinquency; negative entries come from late repayment.",
    ),
)
