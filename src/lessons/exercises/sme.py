"""Checked exercises of Chapter 3 (SME impact). Expected answers are computed from :mod:`lessons.sme`."""

from __future__ import annotations

from functools import lru_cache

from lessons.check import Exercise


def _planned(**changes):
    from lessons.sme import LinePolicy, ShopParams, simulate

    limit = changes.pop("limit", 40_000)
    return simulate(ShopParams(shock_sd=0.0, **changes), LinePolicy(limit=limit))


def _peak_line_use() -> float:
    return float(_planned().path("balance")[0].max() / 100)


def _days_short_without_line() -> int:
    return int(_planned(limit=0).shortfall_days[0])


_LEVERS = ("settlement lag 7 to 14 days", "margin 25 % to 20 %")


def _bigger_lever() -> str:
    lag = _planned(settlement_lag=14).shortfall_days[0]
    margin = _planned(margin=0.20).shortfall_days[0]
    return _LEVERS[0] if lag > margin else _LEVERS[1]


@lru_cache(maxsize=None)
def _sudden_240():
    from lessons.sme import LinePolicy, ShopParams, stress_test

    return stress_test(ShopParams(), LinePolicy(limit=40_000, cut_day=240), n_shops=2_000, seed=3)


def _sudden_240_percent() -> float:
    return 100 * _sudden_240().probability


def _sudden_240_median_days() -> int:
    return int(round(_sudden_240().median_days_to_first))


def _best_scenario_day_120() -> str:
    from lessons.sme import SCENARIOS, LinePolicy, ShopParams, compare_policies

    policies = {
        name: LinePolicy(limit=40_000, cut_day=120, notice_days=notice, step_down_days=step)
        for name, (notice, step) in SCENARIOS.items()
    }
    table = compare_policies(ShopParams(), policies, n_shops=1_000, seed=3)
    return str(table["probability"].idxmin())


def _cheapest_in_time() -> str:
    from lessons.sme import ShopParams, bridge_cost, receivables_in_transit

    table = bridge_cost(25_000, 60, cushion_days=12, receivables=receivables_in_transit(ShopParams()))
    feasible = table[table["feasible"]]
    return str(feasible["interest_cost"].idxmin())


def _informal_cost() -> float:
    from lessons.sme import bridge_cost

    return float(bridge_cost(50_000, 90)["interest_cost"]["Informal lender"])


@lru_cache(maxsize=None)
def _population():
    from lessons.sme import shop_population

    return shop_population()


def _lines_cut_at_half() -> int:
    from lessons.sme import tighten_lines

    return int(tighten_lines(_population(), 0.5).sum())


def _extra_short_at_40() -> int:
    from lessons.sme import population_outcome

    return int(population_outcome(_population(), 0.4)["summary"]["value"]["extra shops with a shortfall"])


def _flagged_at_40() -> int:
    from lessons.sme import population_outcome, supplier_spillover

    out = population_outcome(_population(), 0.4)
    return int(supplier_spillover(_population(), out["simulation"], out["baseline"])["flagged"].sum())


EXERCISES = (
    Exercise(
        id="shop-cash-flow-1",
        kind="number",
        expected=_peak_line_use,
        rtol=0.01,
        hint="Run sme.year_summary on the planned shop (shock_sd=0) with a RMB 40,000 line and read 'largest drawn balance'.",
        why="Right: that is the most the shop ever owes the line, early in the year while its cash is still thin and the "
        "first stock orders are paid a week before the sales come back.",
    ),
    Exercise(
        id="shop-cash-flow-2",
        kind="integer",
        expected=_days_short_without_line,
        hint="Simulate the same planned shop with LinePolicy(limit=0) and count the days that end with unpaid bills (sim.shortfall_days).",
        why="Right: without a line, every stock order that cash cannot cover leaves a supplier waiting until payouts arrive.",
    ),
    Exercise(
        id="shop-cash-flow-3",
        kind="choice",
        expected=_bigger_lever,
        options=_LEVERS,
        hint="In the widget, keep the RMB 40,000 line; read the number of days with unpaid bills under the chart for lag 14 at a "
        "25 % margin, then for lag 7 at a 20 % margin.",
        why="Right: a longer lag delays every payout all year, so the line runs out on many order days; a thinner margin "
        "leaves larger gaps but on fewer days.",
    ),
    Exercise(
        id="line-cut-stress-1",
        kind="number",
        expected=_sudden_240_percent,
        atol=0.5,
        rtol=0.0,
        hint="stress_test(ShopParams(), LinePolicy(limit=40_000, cut_day=240), n_shops=2_000, seed=3).probability, as a percentage.",
        why="Right: about half of the shops cannot pay a bill in full within 90 days of a sudden cut on 29 August.",
    ),
    Exercise(
        id="line-cut-stress-2",
        kind="integer",
        expected=_sudden_240_median_days,
        hint="Look at result.median_days_to_first; then find the next multiple of 14 (the stock cycle) after day 240.",
        why="Right: the first stock order after the cut, on day 252, is where most shops first fall short.",
    ),
    Exercise(
        id="line-cut-stress-3",
        kind="choice",
        expected=_best_scenario_day_120,
        options=("sudden cut", "30 days' notice", "60 days' notice", "90 days' notice", "60-day step-down"),
        hint="Set the widget to cut day 120 and a RMB 40,000 line and read the headline probability for each scenario.",
        why="Right: the line that stays usable longest within the 90-day window keeps the most shops out of trouble in it.",
    ),
    Exercise(
        id="alternatives-1",
        kind="choice",
        expected=_cheapest_in_time,
        options=("Bank working-capital loan", "Platform-bank merchant loan", "Receivable financing", "Credit card", "Informal lender"),
        hint="bridge_cost(25_000, 60, cushion_days=12, receivables=receivables_in_transit(ShopParams())): keep the feasible rows and compare interest_cost.",
        why="Right: with 12 days of own cash after the cut, the fast option that covers the whole gap at the lowest rate wins.",
    ),
    Exercise(
        id="alternatives-2",
        kind="number",
        expected=_informal_cost,
        rtol=0.01,
        hint="Interest = amount × annual rate × days / 365, with the informal lender's mid rate (between 4 × LPR and 36 %).",
        why="Right: simple interest on RMB 50,000 for 90 days at the middle of the informal range.",
    ),
    Exercise(
        id="many-lines-1",
        kind="integer",
        expected=_lines_cut_at_half,
        hint="sme.tighten_lines(pop, 0.5).sum() counts owners whose score falls below the new cut-off.",
        why="Right: lowering the approval rate from 70 % to 50 % raises the cut-off, and every owner between the old and the new cut-off loses the line.",
    ),
    Exercise(
        id="many-lines-2",
        kind="integer",
        expected=_extra_short_at_40,
        hint="population_outcome(pop, 0.4)['summary'] has a row 'extra shops with a shortfall'.",
        why="Right: these shops would have paid every bill in the window had their lines been kept.",
    ),
    Exercise(
        id="many-lines-3",
        kind="integer",
        expected=_flagged_at_40,
        hint="supplier_spillover(pop, out['simulation'], out['baseline'])['flagged'].sum() with out = population_outcome(pop, 0.4).",
        why="Right: these suppliers wait for more than three days of their normal receipts at some point — a model assumption, not a measured effect.",
    ),
)
