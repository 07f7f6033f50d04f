"""Checked exercises of Chapter 2 (Regulation). Expected answers are computed from :mod:`lessons.regulation`.

Every exercise here is a variant the student must compute: no page shows its answer above the exercise.
"""

from __future__ import annotations

from lessons.check import Exercise

#: The lanes of the timeline, the options of timeline-2.
_LANES = ("rates", "lending", "reporting", "ant")


def _entries_in_2025() -> int:
    from lessons.regulation import regulation_timeline

    return int((regulation_timeline()["date"].dt.year == 2025).sum())


def _busiest_lane_since_2024() -> str:
    from lessons.regulation import regulation_timeline

    timeline = regulation_timeline()
    counts = timeline.loc[timeline["date"] >= "2024-01-01", "category"].value_counts()
    return str(counts.idxmax())


def _apr_7_5() -> float:
    from lessons.regulation import installment_rates

    return float(installment_rates(12, total_fee=0.075).nominal_apr)


_PRICINGS = ("quoted", "fee_0.6", "daily_0.03", "daily_0.05")


def _cheapest_pricing_9_months() -> str:
    from lessons.regulation import INSTALLMENT_FEES, loan_cost

    costs = {
        "quoted": loan_cost(10_000, 9, total_fee=INSTALLMENT_FEES[9]).total_cost,
        "fee_0.6": loan_cost(10_000, 9, total_fee=0.006 * 9).total_cost,
        "daily_0.03": loan_cost(10_000, 9, daily_rate=0.0003).total_cost,
        "daily_0.05": loan_cost(10_000, 9, daily_rate=0.0005).total_cost,
    }
    return min(costs, key=costs.get)


def _fee_at_the_24_percent_line() -> float:
    from lessons.regulation import LICENSED_LENDER_LINE, fee_for_apr

    return float(fee_for_apr(12, LICENSED_LENDER_LINE))


def _loans_per_yuan_at_20_percent() -> float:
    from dataclasses import replace

    from lessons.regulation import BASE_EQUITY, REGIMES, max_loan_book

    consumer_finance = REGIMES["consumer_finance"]
    rules = replace(consumer_finance.rules, own_share=0.2)
    return max_loan_book(BASE_EQUITY, rules, consumer_finance.partners).multiplier


def _thin_file_loss_share_draft_125() -> float:
    import pandas as pd

    from lessons.credit import segment_labels
    from lessons.data import synthetic_applicants
    from lessons.regulation import rationing_by_segment, scored_population, supply_outcome

    served = supply_outcome(None, "draft_2020", 1.25)["served"]
    table = rationing_by_segment(scored_population(synthetic_applicants()), served)
    thin_label = segment_labels(pd.DataFrame({"thin_file": [True]}), "thin_file").iloc[0]
    row = table[(table["dimension"] == "Credit record") & (table["segment"] == thin_label)]
    return float(row["lose_access"].item())


def _capital_needed_consumer_finance() -> float:
    from lessons.regulation import capital_needed

    return float(capital_needed("consumer_finance"))


def _heavy_drop_3_at_65() -> float:
    from lessons.data import synthetic_applicants
    from lessons.regulation import visibility_comparison, visibility_scores

    table = visibility_comparison(visibility_scores(synthetic_applicants()), approval_rate=0.65, heavy=3)
    heavy = table.iloc[0]
    return float(heavy["approval_before"] - heavy["approval_after"])


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="timeline-1",
        kind="integer",
        unit="count",
        expected=_entries_in_2025,
        hint="Count the rows whose date falls in 2025: (timeline['date'].dt.year == 2025).sum().",
        why="2025 brought the final microlender Measures, the "
        "loan-facilitation notice, the consumption-loan subsidy and reported price guidance.",
    ),
    Exercise(
        id="timeline-2",
        kind="choice",
        unit="option",
        expected=_busiest_lane_since_2024,
        options=_LANES,
        hint="Keep the rows with timeline['date'] >= '2024-01-01' and count them by timeline['category'] "
        "(value_counts()).",
        why="Since 2024 most of what moved was price: LPR cuts, the consumption-loan subsidy and the 24 % and 20 % "
        "lines reported for licensed lenders.",
    ),
    Exercise(
        id="cost-of-credit-1",
        kind="number",
        unit="share",
        expected=_apr_7_5,
        rtol=0.01,
        hint="Call reg.installment_rates(12, total_fee=0.075) and read nominal_apr; give it as a decimal "
        "(0.132 for 13.2 %).",
        why="The fee is charged on the original amount while the balance falls, so the true rate is nearly double "
        "the 7.5 % headline.",
    ),
    Exercise(
        id="cost-of-credit-2",
        kind="choice",
        unit="option",
        expected=_cheapest_pricing_9_months,
        options=_PRICINGS,
        hint="Compute reg.loan_cost(10_000, 9, ...).total_cost for each pricing: total_fee=reg.INSTALLMENT_FEES[9], "
        "total_fee=0.006 * 9, daily_rate=0.0003 and daily_rate=0.0005.",
        why="A daily rate is charged on the shrinking balance; a fee is charged on the original amount every month.",
    ),
    Exercise(
        id="cost-of-credit-5",
        kind="number",
        unit="share",
        expected=_fee_at_the_24_percent_line,
        decimals=3,
        hint="Use reg.fee_for_apr(12, reg.LICENSED_LENDER_LINE), or try fees with reg.installment_rates until "
        "nominal_apr reaches 0.24; give the fee as a decimal with three decimals.",
        why="The rule of thumb 24·f/13 = 0.24 gives f = 0.13; the exact IRR needs a slightly larger fee, because the "
        "shortcut overstates the true rate.",
    ),
    Exercise(
        id="credit-supply-1",
        kind="number",
        unit="ratio",
        expected=_loans_per_yuan_at_20_percent,
        rtol=0.01,
        hint="Own capacity O is the equity divided by (capital ratio × risk weight); compare O / 0.2 with O plus the "
        "partners' capacity C (reg.max_loan_book reports both), then divide the smaller by the equity.",
        why="At a 20 % share the own-funding bound O / s is still below the partner bound O + C, so own funding sets "
        "the book.",
    ),
    Exercise(
        id="credit-supply-2",
        kind="number",
        unit="share",
        expected=_thin_file_loss_share_draft_125,
        rtol=0.03,
        atol=0.005,
        hint="served = reg.supply_outcome(None, 'draft_2020', 1.25)['served']; then reg.rationing_by_segment(scored, "
        "served) and read the row 'Credit record: thin file'; give the share as a decimal (0.25 for 25 %).",
        why="The rationed cut-off removes the approved applicants whose scores sat just above the old cut-off, and "
        "thin files crowd there.",
    ),
    Exercise(
        id="credit-supply-4",
        kind="number",
        unit="ratio",
        expected=_capital_needed_consumer_finance,
        decimals=2,
        hint="At an equity multiple m the book is min(m·O/s, m·O + C), with O and C at the base equity. Solve for the "
        "m at which it reaches demand, or use reg.capital_needed('consumer_finance'); give two decimals.",
        why="While the own-funding bound binds, the book grows in proportion to equity, so the multiple is "
        "demand × s / O.",
    ),
    Exercise(
        id="credit-reporting-1",
        kind="number",
        unit="share",
        expected=_heavy_drop_3_at_65,
        rtol=0.03,
        atol=0.005,
        hint="Call reg.visibility_comparison(views, approval_rate=0.65, heavy=3) and subtract approval_after from "
        "approval_before in the first row; give the fall as a decimal (a fall from 40 % to 25 % is 0.15).",
        why="Once the report shows all their lines, the refitted scorecard ranks heavy multi-lender borrowers much lower.",
    ),
    Exercise(
        id="credit-reporting-2",
        kind="bool",
        unit="bool",
        expected=lambda: False,
        hint="What does the report record monthly: the lender's decisions, or the borrower's line, use and repayments?",
        why="A cut or closed line is not a delinquency; negative entries come from late repayment.",
    ),
)
