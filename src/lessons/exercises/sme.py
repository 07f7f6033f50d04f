"""Checked exercises of Chapter 3 (SME impact).

Every expected answer is computed from :mod:`lessons.sme` with the same settings as the
notebooks, so it always matches what the page computes. Each checked answer is a variant of
what the page shows above its exercise (another opening cash, line size, cut day, gap or
approval rate), so the student has to compute it. The Monte Carlo answers are one seeded run:
reproducible exactly, and the solutions give their Monte Carlo error.
"""

from __future__ import annotations

from functools import lru_cache

from lessons.check import Exercise

# Settings shared with the notebooks (change them together).
OPENING_CASH_VARIANT = 10_000.0  # shop-cash-flow-1: the page's shop opens with RMB 20,000
LINE_VARIANT = 15_000.0  # shop-cash-flow-2: the page shows no line and the widget 0 / 20,000 / 40,000
STRESS_SHOPS = 10_000  # line-cut-stress: N_SHOPS of the page
STRESS_SEED = 3
JULY_CUT_DAY = 200  # line-cut-stress-1 and -2: the page cuts on days 120 and 240
WIDGET_SHOPS = 1_000  # line-cut-stress-3: the stress widget's shops per position (stress_view's default)
BRIDGE_GAP, BRIDGE_DAYS, BRIDGE_CUSHION = 15_000, 45, 3  # alternatives-1: not a widget position (cushion 12 there)
INFORMAL_GAP, INFORMAL_DAYS = 42_000, 100  # alternatives-2: gap × days is no widget position's (interest ∝ both)
LINES_CUT_RATE = 0.55  # many-lines-1: between the widget's 60 % and 50 %
HARDER_RATE = 0.45  # many-lines-2 and -3: between the widget's 50 % and 40 %


def _planned(**changes):
    from lessons.sme import LinePolicy, ShopParams, simulate

    limit = changes.pop("limit", 40_000)
    return simulate(ShopParams(shock_sd=0.0, **changes), LinePolicy(limit=limit))


def _peak_line_use_with_less_cash() -> float:
    return float(_planned(opening_cash=OPENING_CASH_VARIANT).path("balance")[0].max() / 100)


def _days_short_with_a_small_line() -> int:
    return int(_planned(limit=LINE_VARIANT).shortfall_days[0])


_LEVERS = ("settlement lag 7 to 14 days", "margin 25 % to 20 %")


def _bigger_lever() -> str:
    lag = _planned(settlement_lag=14).shortfall_days[0]
    margin = _planned(margin=0.20).shortfall_days[0]
    return _LEVERS[0] if lag > margin else _LEVERS[1]


@lru_cache(maxsize=None)
def _july_cut():
    from lessons.sme import LinePolicy, ShopParams, stress_test

    return stress_test(ShopParams(), LinePolicy(limit=40_000, cut_day=JULY_CUT_DAY), n_shops=STRESS_SHOPS, seed=STRESS_SEED)


def _july_share() -> float:
    return float(_july_cut().probability)


def _july_median_days() -> int:
    return int(round(_july_cut().median_days_to_first))


_SCENARIO_NAMES = ("sudden cut", "30 days' notice", "60 days' notice", "90 days' notice", "60-day step-down")


def _most_later_day_120() -> str:
    from lessons.sme import SCENARIOS, LinePolicy, ShopParams, stress_tests

    policies = {
        name: LinePolicy(limit=40_000, cut_day=120, notice_days=notice, step_down_days=step)
        for name, (notice, step) in SCENARIOS.items()
    }
    results = stress_tests(ShopParams(), policies, n_shops=WIDGET_SHOPS, seed=STRESS_SEED)
    later = {name: r.later_estimate().value for name, r in results.items()}
    return max(later, key=later.get)


def _cheapest_in_time_cost() -> float:
    from lessons.sme import ShopParams, bridge_cost, receivables_in_transit

    table = bridge_cost(BRIDGE_GAP, BRIDGE_DAYS, cushion_days=BRIDGE_CUSHION, receivables=receivables_in_transit(ShopParams()))
    feasible = table[table["feasible"]]
    return float(feasible["interest_cost"].min())


def _informal_cost() -> float:
    from lessons.sme import bridge_cost

    return float(bridge_cost(INFORMAL_GAP, INFORMAL_DAYS)["interest_cost"]["Informal lender"])


@lru_cache(maxsize=None)
def _population():
    from lessons.sme import shop_population

    return shop_population()


@lru_cache(maxsize=None)
def _harder():
    from lessons.sme import population_outcome

    return population_outcome(_population(), HARDER_RATE)


def _lines_cut() -> int:
    from lessons.sme import tighten_lines

    return int(tighten_lines(_population(), LINES_CUT_RATE).sum())


def _extra_short_harder() -> int:
    return int(_harder()["summary"]["value"]["extra shops with a shortfall"])


def _flagged_harder() -> int:
    from lessons.sme import supplier_spillover

    out = _harder()
    return int(supplier_spillover(_population(), out["simulation"], out["baseline"])["flagged"].sum())


EXERCISES = (
    Exercise(
        id="shop-cash-flow-1",
        kind="number",
        unit="rmb",
        expected=_peak_line_use_with_less_cash,
        rtol=0.01,
        hint="Simulate ShopParams(shock_sd=0, opening_cash=10_000) with LinePolicy(limit=40_000), then read "
        "'largest drawn balance' in sme.year_summary.",
        why="Right: every yuan less of opening cash is a yuan more on the line at the January peak, plus the interest on it.",
    ),
    Exercise(
        id="shop-cash-flow-2",
        kind="integer",
        unit="days",
        expected=_days_short_with_a_small_line,
        hint="Simulate the planned shop with LinePolicy(limit=15_000) and read sim.shortfall_days[0] "
        "(or 'days with unpaid bills' in sme.year_summary).",
        why="Right: the line covers the first RMB 15,000 of each gap; only the days when the shop needs more end with unpaid bills.",
    ),
    Exercise(
        id="shop-cash-flow-3",
        kind="choice",
        unit="option",
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
        unit="share",
        expected=_july_share,
        atol=0.01,
        rtol=0.0,
        hint="sme.stress_test(shop, sme.LinePolicy(limit=40_000, cut_day=200), n_shops=10_000, seed=3).probability, "
        "a decimal (0.125 for 12.5 %).",
        why="Right (answers within about one percentage point, the run's Monte Carlo error, are accepted): more than half "
        "of the shops cannot pay a bill in full within 90 days of a sudden cut on 20 July.",
    ),
    Exercise(
        id="line-cut-stress-2",
        kind="integer",
        unit="days",
        expected=_july_median_days,
        hint="Read median_days_to_first of the day-200 stress test; then find the next multiple of 14 (the stock cycle) after day 200.",
        why="Right: the first stock order after the cut is where most shops first fall short.",
    ),
    Exercise(
        id="line-cut-stress-3",
        kind="choice",
        unit="option",
        expected=_most_later_day_120,
        options=_SCENARIO_NAMES,
        hint="Set the widget to cut day 120 and a RMB 40,000 line and read the second number of the title (first short "
        "later in the year) for each scenario.",
        why="Right: the longest notice keeps the line open through the whole window, so its shortfalls come after it.",
    ),
    Exercise(
        id="alternatives-1",
        kind="number",
        unit="rmb",
        expected=_cheapest_in_time_cost,
        rtol=0.01,
        hint="sme.bridge_cost(15_000, 45, cushion_days=3, receivables=sme.receivables_in_transit(shop)): keep the "
        "feasible rows and take the smallest interest_cost.",
        why="Right: with only 3 days of own cash the cheap receivable financing (5 days) arrives too late, so the fast option "
        "that covers the whole gap at the lowest rate wins.",
    ),
    Exercise(
        id="alternatives-2",
        kind="number",
        unit="rmb",
        expected=_informal_cost,
        rtol=0.01,
        hint="Interest = amount × annual rate × days / 365, with the informal lender's mid rate (between 4 × LPR and 36 %).",
        why="Right: simple interest on RMB 42,000 for 100 days at the middle of the informal range.",
    ),
    Exercise(
        id="many-lines-1",
        kind="integer",
        unit="count",
        expected=_lines_cut,
        hint="sme.tighten_lines(pop, 0.55).sum() counts owners whose score falls below the new cut-off.",
        why="Right: lowering the approval rate from 70 % to 55 % raises the cut-off, and every owner between the old and the "
        "new cut-off loses the line.",
    ),
    Exercise(
        id="many-lines-2",
        kind="integer",
        unit="count",
        expected=_extra_short_harder,
        hint="sme.population_outcome(pop, 0.45)['summary'] has a row 'extra shops with a shortfall' (one run, seed 9).",
        why="Right: these shops would have paid every bill in the window had their lines been kept.",
    ),
    Exercise(
        id="many-lines-3",
        kind="integer",
        unit="count",
        expected=_flagged_harder,
        hint="sme.supplier_spillover(pop, out['simulation'], out['baseline'])['flagged'].sum() with "
        "out = sme.population_outcome(pop, 0.45).",
        why="Right: these suppliers wait for more than three days of their normal receipts at some point — a model "
        "assumption, not a measured effect.",
    ),
)
