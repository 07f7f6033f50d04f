"""Figures and widget frames of Chapter 3 (every page of book/sme-impact/).

``plot_*`` functions draw a model's result as a :class:`~lessons.plotting.Chart`
with alt text that carries its numbers; ``*_view`` functions are the widget
frames (one call per control position, returning a light SVG or HTML string);
the tuples at the end are the widgets' grids. The models themselves live in
:mod:`lessons.sme.shop`, :mod:`lessons.sme.stress`,
:mod:`lessons.sme.alternatives` and :mod:`lessons.sme.population`; they never
import this module.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_float_array, as_int, as_number, require_columns, require_one_of
from lessons.montecarlo import Estimate, decimals_for
from lessons.plotting import PALETTE, chart, pct, subplots
from lessons.sme.alternatives import bridge_cost, receivables_in_transit
from lessons.sme.population import TighteningStudy, population_outcome
from lessons.sme.shop import (
    _FEN,
    _MAX_HORIZON,
    DAYS_PER_YEAR,
    LinePolicy,
    ShopParams,
    Simulation,
    _check_sim,
    simulate,
)
from lessons.sme.stress import SCENARIOS, StressResult, stress_test
from lessons.svg import html_bars, svg_fill, svg_figure, svg_histogram, svg_lines

__all__ = [
    "with_error",
    "plot_year",
    "cash_flow_view",
    "plot_stress",
    "stress_view",
    "plot_policy_comparison",
    "plot_bridge",
    "bridge_view",
    "plot_population",
    "tightening_view",
    "CASH_FLOW_PROFILES",
    "CASH_FLOW_LAGS",
    "CASH_FLOW_LIMITS",
    "STRESS_CUT_DAYS",
    "STRESS_LIMITS",
    "BRIDGE_GAPS",
    "BRIDGE_DURATIONS",
    "TIGHTENING_RATES",
]


def _rmb(value: float) -> str:
    return f"RMB {value:,.0f}"


def with_error(estimate: Estimate, *, percent: bool = True, points: bool = False, unit: str = "", scale: float = 1.0) -> str:
    """A simulated number with its Monte Carlo error, short: ``'57.4 ± 1.0 %'``, ``'23,800 ± 800'``.

    The ± term is the half-width of the estimate's interval (about two standard errors at 95 %);
    the last digit shown is the first one the standard error can move, as in
    :meth:`lessons.montecarlo.Estimate.format` (which also prints the interval), and for large
    amounts the rounding goes left of the decimal point (RMB 23,816 ± 785 becomes 23,800 ± 800).

    Parameters
    ----------
    estimate : lessons.montecarlo.Estimate
    percent : bool
        Show a share as a percentage (the default).
    points : bool
        Show a difference of shares in percentage points.
    unit : str
        Text after the number when neither ``percent`` nor ``points`` is set, e.g. ``" shops"``.
    scale : float
        Multiplier when neither ``percent`` nor ``points`` is set, e.g. ``1e-6`` for millions.

    Examples
    --------
    >>> from lessons.montecarlo import mean_estimate, proportion_estimate
    >>> with_error(proportion_estimate(5_739, 10_000))
    '57.4 ± 1.0 %'
    >>> with_error(mean_estimate([23_100, 24_600, 23_900, 24_200]), percent=False, unit=" RMB")
    '24,000 ± 1,000 RMB'
    >>> with_error(mean_estimate([0.42, 0.43, 0.44]), points=True)
    '43.0 ± 2.5 percentage points'
    """
    if not isinstance(estimate, Estimate):
        raise TypeError(f"estimate must be a lessons.montecarlo.Estimate; got {type(estimate).__name__}")
    if percent or points:
        scale, suffix = 100.0, (" percentage points" if points else " %")
    else:
        scale, suffix = as_number("scale", scale, low=0, low_open=True), unit
    value = estimate.value * scale
    half = (estimate.high - estimate.low) / 2 * scale
    se = estimate.standard_error * scale
    if se <= 0:  # not random at all (e.g. who is cut does not depend on luck)
        return f"{value:,g}{suffix}"
    exponent = math.floor(math.log10(se))
    if exponent >= 0:  # round to tens, hundreds, … as far as the error reaches
        step = 10.0**exponent
        return f"{round(value / step) * step:,.0f} ± {round(half / step) * step:,.0f}{suffix}"
    digits = decimals_for(estimate.standard_error, scale=scale)
    return f"{value:,.{digits}f} ± {half:,.{digits}f}{suffix}"


def _pm(estimate: Estimate, *, scale: float = 100.0) -> str:
    """Shorthand of :func:`with_error` for a share in percent (``scale=100``) or an amount (``1e-6``: millions)."""
    if scale == 100.0:
        return with_error(estimate)
    return with_error(estimate, percent=False, scale=scale)


def _interest_note(excess: float) -> str:
    """Why a drawn balance can end ``excess`` RMB above the limit: interest is added to it (empty when it does not)."""
    if excess < 0.5:
        return ""
    return (
        f" The balance peaks {_rmb(excess)} above the limit because the day's interest is added to the drawn "
        "balance even when the line is fully drawn: the shop cannot draw more, and it repays the interest with the balance."
    )


def _check_title(title: Any) -> str | None:
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None; got {type(title).__name__}")
    return title


def _check_table(name: str, table: Any, columns: tuple[str, ...], *, numbers: tuple[str, ...] = ()) -> pd.DataFrame:
    """A non-empty DataFrame with these columns, the ``numbers`` columns finite and >= 0 (what the bars need)."""
    require_columns(name, table, columns)
    for column in numbers:
        as_float_array(f"{name}[{column!r}]", table[column], low=0)
    return table


def plot_year(sim: Simulation, shop_index: int = 0, *, title: str | None = None) -> Any:
    """One shop's year: cash, drawn balance and limit (top), unpaid bills (bottom).

    Examples
    --------
    >>> c = plot_year(simulate(ShopParams(shock_sd=0), LinePolicy(limit=40_000, cut_day=240)))
    >>> "unpaid" in c.alt
    True
    """
    p = _check_sim(sim, paths=True).paths
    i = as_int("shop_index", shop_index, low=0, high=sim.n_shops - 1)
    title = _check_title(title)
    days = np.arange(sim.horizon)
    cash = p["cash"][i] / _FEN / 1000
    balance = p["balance"][i] / _FEN / 1000
    limit = p["limit"][i] / _FEN / 1000
    arrears = p["arrears"][i] / _FEN / 1000
    fig, (top, bottom) = subplots(2, 1, width=7.0, height=4.2, sharex=True, gridspec_kw={"height_ratios": [2.2, 1]})
    top.plot(days, cash, color=PALETTE["blue"], label="cash")
    top.plot(days, balance, color=PALETTE["orange"], linestyle="--", label="line drawn")
    top.plot(days, limit, color=PALETTE["grey"], linestyle=":", linewidth=1.5, label="credit limit")
    top.set_ylabel("RMB thousand")
    top.legend(loc="upper left", ncols=3)
    bottom.fill_between(days, arrears, color=PALETTE["vermillion"], alpha=0.8, step="mid", label="unpaid bills")
    bottom.set_ylabel("unpaid\n(RMB k)")
    bottom.set_xlabel("day of the year (0 = 1 January)")
    for ax in (top, bottom):
        ax.axvline(sim.shop.festival_day, color=PALETTE["purple"], linewidth=1, linestyle="-.")
        if sim.policy.cut_day is not None:
            ax.axvline(sim.policy.cut_day, color=PALETTE["black"], linewidth=1)
    top.annotate("Double 11", (sim.shop.festival_day, top.get_ylim()[1]), ha="right", va="top", fontsize=8, color=PALETTE["purple"])
    if title:
        top.set_title(title)
    short = int(sim.shortfall_days[i])
    cut_text = f" The line is cut on day {sim.policy.cut_day}." if sim.policy.cut_day is not None else ""
    alt = (
        f"One shop's year.{cut_text} Cash ends at {_rmb(cash[-1] * 1000)}; the drawn balance peaks at "
        f"{_rmb(balance.max() * 1000)} against a limit of {_rmb(sim.policy.limit if sim.policy.limit else limit.max() * 1000)}; "
        f"{short} day(s) end with unpaid bills, at most {_rmb(arrears.max() * 1000)} unpaid."
    )
    before_cut = slice(0, sim.policy.cut_day if sim.policy.cut_day is not None else sim.horizon)  # after a cut the old balance is above the limit anyway
    over = (p["balance"][i][before_cut] - p["limit"][i][before_cut]) / _FEN
    note = _interest_note(float(over.max(initial=0.0)))
    caption = (
        "Cash (blue), line drawn (orange, dashed), limit (grey, dotted) and unpaid bills (red) over one year; "
        f"illustrative shop, not calibrated to Ant Group.{note}"
    )
    return chart(fig, alt=alt + note, caption=caption)


def cash_flow_view(daily_sales: float = 3_000.0, margin: float = 0.25, settlement_lag: int = 7, limit: float = 40_000.0) -> str:
    """Widget function: the planned year (no random shocks) of a shop with these settings, as a light SVG.

    Examples
    --------
    >>> "unpaid" in cash_flow_view(3000, 0.25, 7, 0)
    True
    """
    shop = ShopParams(daily_sales=daily_sales, margin=margin, settlement_lag=settlement_lag, shock_sd=0.0)
    sim = simulate(shop, LinePolicy(limit=limit))
    p = sim.paths
    cash, balance, arrears = (p[k][0] / _FEN / 1000 for k in ("cash", "balance", "arrears"))
    short = int(sim.shortfall_days[0])
    note = _interest_note(float(balance.max() * 1000 - limit))
    alt = (
        f"Planned year of a shop selling RMB {daily_sales:,.0f} a day at a {100 * margin:.0f} % margin, paid out after "
        f"{settlement_lag} days, with a line of {_rmb(limit)}. The drawn balance peaks at {_rmb(balance.max() * 1000)}; "
        f"{short} day(s) end with unpaid bills (at most {_rmb(arrears.max() * 1000)}); cash at year end {_rmb(cash[-1] * 1000)}.{note}"
    )
    body = svg_lines(
        np.arange(cash.size),
        [("cash", cash, "blue", None), ("line drawn", balance, "orange", "6 3")],
        area=("unpaid bills", arrears, "vermillion"),
        markers=[(shop.festival_day, "Double 11", "purple")],
        width=680, height=320, xlabel="day of the year (0 = 1 January)", ylabel="RMB thousand",
    )
    return svg_figure(
        body, width=680, height=320, alt=alt,
        caption=f"Peak line use {_rmb(balance.max() * 1000)} of {_rmb(limit)}; {short} day(s) with unpaid bills.{note} "
        "Planned sales without random shocks; illustrative shop, not calibrated to Ant Group.",
    )


def plot_stress(result: StressResult, *, title: str | None = None) -> Any:
    """Histogram of days from the cut decision to the first shortfall, with the headline numbers.

    Examples
    --------
    >>> r = stress_test(ShopParams(), LinePolicy(cut_day=240), n_shops=200)
    >>> "first shortfall" in plot_stress(r).alt
    True
    """
    if not isinstance(result, StressResult):
        raise TypeError(f"result must be a StressResult (what stress_test() returns); got {type(result).__name__}")
    title = _check_title(title)
    start, end = result.window
    fig, ax = subplots(width=7.0, height=3.0)
    span = max(int(end - start), 1)
    bins = np.arange(0, span + 7, 7)
    within = result.days_to_first_in_window
    ax.hist(within, bins=bins, color=PALETTE["blue"], edgecolor="white")
    ax.set_xlim(0, span)
    ax.set_xlabel(f"days from the cut decision to the first day with unpaid bills (within the {span}-day window)")
    ax.set_ylabel("shops")
    probability = _pm(result.probability_estimate())
    ax.set_title(title or f"P(shortfall within {span} days) = {probability}", loc="left")
    if within.size:
        ax.axvline(result.median_days_to_first, color=PALETTE["vermillion"], linestyle="--", linewidth=1.5)
    gap = result.gap_quantile(0.5)
    alt = (
        f"{probability} (95 % interval) of {result.n_shops:,} simulated shops have at least one day with unpaid bills "
        f"within {span} days of the decision. Among them the first shortfall comes after a median of "
        f"{result.median_days_to_first:.0f} days, and the median funding gap is {_rmb(gap)}."
    )
    caption = (
        f"Days to the first shortfall among the shops short within the {span}-day window (illustrative, not calibrated "
        "to Ant Group); dashed line: median. ± is the 95 % Monte Carlo interval."
    )
    return chart(fig, alt=alt, caption=caption)


def stress_view(scenario: str = "sudden cut", cut_day: int = 240, limit: float = 40_000.0, *, n_shops: int = 1_000, seed: Any = 3) -> str:
    """Widget function: shortfall probability and the distribution of days to the first shortfall (SVG).

    Examples
    --------
    >>> "shops" in stress_view("30 days' notice", 120, 20_000, n_shops=100)
    True
    """
    if not isinstance(scenario, str):
        raise ValueError(f"scenario must be one of {', '.join(map(repr, SCENARIOS))}; got {type(scenario).__name__}")
    scenario = require_one_of("scenario", scenario, SCENARIOS)
    cut_day = as_int("cut_day", cut_day, low=0, high=DAYS_PER_YEAR - 1)
    notice, step = SCENARIOS[scenario]
    policy = LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice, step_down_days=step)
    r = stress_test(ShopParams(), policy, n_shops=n_shops, seed=seed)
    span = r.window_days
    rest = DAYS_PER_YEAR - cut_day
    edges = np.arange(0, rest + 10, 10)  # 10-day bins, so the window's end (day 90) is a bin edge
    counts, _ = np.histogram(r.days_to_first, bins=edges)
    within, later = _pm(r.probability_estimate()), _pm(r.later_estimate())
    median = f"{r.median_days_to_first:.0f} days" if np.isfinite(r.median_days_to_first) else "none"
    title = f"Within {span} days: {within} of shops; first short later in the year: {later}"
    alt = (
        f"{scenario.capitalize()} on day {cut_day} with a line of {_rmb(limit)}: {within} of {r.n_shops:,} shops have "
        f"unpaid bills within {span} days, and {later} first fall short later in the year. Among the shops short within "
        f"the window, the median time to the first shortfall is {median} and the median funding gap {_rmb(r.gap_quantile(0.5))}."
    )
    body = svg_histogram(
        counts, edges, width=680, height=270, title=title, ylabel="shops",
        xlabel="days from the cut decision to the first day with unpaid bills",
    )
    # bars of shortfalls that come after the window are grey: they are not in the headline probability
    blue, grey = svg_fill("blue"), svg_fill("grey")
    for start in edges[:-1][edges[:-1] >= span]:
        body = body.replace(f'fill="{blue}"><title>{start:g} to ', f'fill="{grey}"><title>{start:g} to ')
    return svg_figure(
        body, width=680, height=270, alt=alt,
        caption=f"{r.n_shops:,} simulated shops (illustrative, not calibrated to Ant Group); ± is the 95 % Monte Carlo "
        f"interval. Blue bars: first shortfall within the {span}-day window; grey bars: after it. Among shops short within "
        f"the window: median days to the first shortfall {median}, median funding gap {_rmb(r.gap_quantile(0.5))}; "
        f"mean drawn balance at the decision {_rmb(r.exposure_at_cut)}.",
    )


def plot_policy_comparison(table: pd.DataFrame) -> Any:
    """Bars of the shortfall probability per policy (from :func:`~lessons.sme.stress.compare_policies`).

    Examples
    --------
    >>> from lessons.sme.stress import compare_policies
    >>> t = compare_policies(ShopParams(), {"a": LinePolicy(cut_day=240), "b": LinePolicy()}, n_shops=100, window_start=240)
    >>> plot_policy_comparison(t).alt.startswith("Probability")
    True
    """
    table = _check_table("table", table, ("probability",), numbers=("probability",))
    fig, ax = subplots(width=7.0, height=max(1.6, 0.6 + 0.45 * len(table)))
    names = list(table.index)[::-1]
    values = table["probability"].to_numpy(dtype=float)[::-1]
    has_error = {"probability_se", "probability_low", "probability_high"} <= set(table.columns)
    labels = [pct(v) for v in table["probability"]]
    if has_error:
        estimates = [
            Estimate(float(row["probability"]), float(row["probability_se"]), float(row["probability_low"]),
                     float(row["probability_high"]), 0.95, 1)
            for _, row in table.iterrows()
        ]
        labels = [_pm(e) for e in estimates]
        low = np.array([e.value - e.low for e in estimates])[::-1]
        high = np.array([e.high - e.value for e in estimates])[::-1]
        ax.barh(names, values, color=PALETTE["blue"], xerr=np.vstack([low, high]), ecolor=PALETTE["black"], capsize=3)
    else:
        ax.barh(names, values, color=PALETTE["blue"])
    for y, (v, label) in enumerate(zip(values, labels[::-1])):
        ax.text(v + 0.03, y, label, va="center", fontsize=9)
    ax.set_xlim(0, max(1.0, values.max() + 0.15))
    ax.set_xlabel("share of shops with unpaid bills in the window")
    alt = "Probability of at least one shortfall: " + "; ".join(f"{n} {label}" for n, label in zip(table.index, labels)) + "."
    caption = "Same shops, same luck (common random numbers), different policies; illustrative, not calibrated to Ant Group."
    if has_error:
        caption += " Error bars and ±: 95 % Monte Carlo interval."
    return chart(fig, alt=alt, caption=caption)


def plot_bridge(table: pd.DataFrame, *, duration_days: int | None = None) -> Any:
    """Interest cost of bridging a gap with each option; options that fail are greyed and labelled.

    Parameters
    ----------
    table : DataFrame
        What :func:`~lessons.sme.alternatives.bridge_cost` returns (at least ``interest_cost``,
        ``feasible`` and ``verdict``).
    duration_days : int, optional
        The days the money is needed (1 to 1095), as passed to ``bridge_cost``; named in the
        axis label and the alt text when given.

    Examples
    --------
    >>> plot_bridge(bridge_cost(20_000, 60, receivables=21_000)).alt.startswith("Cost")
    True
    """
    table = _check_table("table", table, ("interest_cost", "feasible", "verdict"), numbers=("interest_cost",))
    if duration_days is not None:
        duration_days = as_int("duration_days", duration_days, low=1, high=_MAX_HORIZON)
    over = f" over {duration_days} days" if duration_days is not None else ""
    fig, ax = subplots(width=7.0, height=2.8)
    names = list(table.index)[::-1]
    cost = table["interest_cost"].to_numpy()[::-1]
    ok = table["feasible"].to_numpy()[::-1]
    colours = [PALETTE["green"] if good else PALETTE["grey"] for good in ok]
    ax.barh(names, cost, color=colours)
    top = max(float(cost.max()), 1.0)
    for y, (v, good, verdict) in enumerate(zip(cost, ok, table["verdict"].to_numpy()[::-1])):
        ax.text(v + top * 0.01, y, f"RMB {v:,.0f} — {verdict}", va="center", fontsize=8)
    ax.set_xlim(0, top * 2.2)
    ax.set_xlabel(f"interest cost (RMB) of the amount available{over}")
    alt = f"Cost of bridging the gap{over}: " + "; ".join(
        f"{n}: RMB {c:,.0f}, {v}" for n, c, v in zip(table.index, table["interest_cost"], table["verdict"])
    ) + "."
    caption = "Green: covers the whole gap in time; grey: too small, too slow or not available. Rates: see the options table (cited where marked, otherwise illustrative)."
    return chart(fig, alt=alt, caption=caption)


def bridge_view(gap: float = 30_000.0, duration_days: int = 60, notice_days: int = 0, cushion_days: int = 0) -> str:
    """Widget function: cost and feasibility of each option for a gap (default shop's receivables), as HTML.

    Examples
    --------
    >>> "Credit card" in bridge_view(30_000, 60)
    True
    """
    table = bridge_cost(gap, duration_days, notice_days=notice_days, cushion_days=cushion_days, receivables=receivables_in_transit(ShopParams()))
    top = max(float(table["interest_cost"].max()), 1.0)
    rows = []
    for option, row in table.iterrows():
        colour = PALETTE["green"] if row["feasible"] else PALETTE["grey"]
        width = 100 * row["interest_cost"] / top
        rows.append(
            f'<tr><th scope="row" style="text-align:left;font-weight:normal;padding:3px 8px 3px 0">{html.escape(option)}</th>'
            f'<td style="padding:3px 6px;text-align:right">{100 * row["annual_rate"]:.1f} %</td>'
            f'<td style="padding:3px 6px;text-align:right">{row["available"]:,.0f}</td>'
            f'<td style="padding:3px 6px;min-width:9em"><div style="display:flex;align-items:center;gap:4px">'
            f'<div style="background:{colour};height:0.9em;width:{0.6 * width:.0f}%;min-width:1px"></div>'
            f'<span>{row["interest_cost"]:,.0f}</span></div></td>'
            f'<td style="padding:3px 6px;text-align:right">{row["days_without_funds"]}</td>'
            f'<td style="padding:3px 0 3px 6px">{html.escape(row["verdict"])}</td></tr>'
        )
    head = (
        '<tr><th scope="col" style="text-align:left">Option</th><th scope="col">Rate a year</th><th scope="col">Available (RMB)</th>'
        '<th scope="col">Interest (RMB)</th><th scope="col">Days without funds</th><th scope="col" style="text-align:left">Verdict</th></tr>'
    )
    feasible = [o for o, ok in table["feasible"].items() if ok]
    cheapest = table.loc[feasible, "interest_cost"].idxmin() if feasible else None
    summary = (
        f"A gap of {_rmb(gap)} for {duration_days} days, {notice_days} days' notice and {cushion_days} days of own cash: "
        + (f"the cheapest option that covers it in time is {cheapest} ({_rmb(table.loc[cheapest, 'interest_cost'])})." if cheapest else "no option covers it in full and in time.")
    )
    return (
        '<figure class="lessons-bars" style="margin:0.4em 0">'
        '<table style="border-collapse:collapse;font-size:90%;width:100%">'
        f"{head}{''.join(rows)}</table>"
        f'<figcaption style="font-size:85%">{html.escape(summary)} Green bars: covers the whole gap in time. '
        "Rates cited where the options table says so, otherwise illustrative.</figcaption></figure>"
    )


def _study_segments(study: TighteningStudy, approval_rate: float) -> pd.DataFrame:
    """Mean over seeds of the by-segment table at one approval rate, with the error of each share."""
    rate = study._rate(approval_rate)
    segments = list(dict.fromkeys(study.by_segment.index.get_level_values("segment")))
    rows = {}
    for segment in segments:
        rows[segment] = {
            "shops": float(study.segment_values(segment, "shops", rate)[0]),
            "share_cut": float(study.segment_values(segment, "share_cut", rate)[0]),
            "shortfall_share": study.segment_estimate(segment, "shortfall_share", rate),
            "shortfall_share_no_tightening": study.segment_estimate(segment, "shortfall_share_no_tightening", rate),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def plot_population(outcome: Any, *, approval_rate: float | None = None) -> Any:
    """Share of shops with a shortfall, by segment, with and without the tightening.

    Parameters
    ----------
    outcome : dict or TighteningStudy
        What :func:`~lessons.sme.population.population_outcome` returns (one run), or a
        :class:`~lessons.sme.population.TighteningStudy`: then the bars are means over its seeds
        with 95 % Monte Carlo error bars, at ``approval_rate``.
    approval_rate : float, optional
        Required with a study: one of its approval rates.

    Examples
    --------
    >>> from lessons.sme.population import shop_population, tightening_study
    >>> pop = shop_population()
    >>> plot_population(population_outcome(pop, 0.5)).alt.startswith("Share")
    True
    >>> "±" in plot_population(tightening_study(pop, [0.5], seeds=[1, 2]), approval_rate=0.5).alt
    True
    """
    errors = None
    if isinstance(outcome, TighteningStudy):
        if approval_rate is None:
            raise ValueError(f"approval_rate must be one of the study's rates {list(outcome.approval_rates)} when outcome is a TighteningStudy")
        summary = _study_segments(outcome, approval_rate)
        estimates = summary[["shortfall_share_no_tightening", "shortfall_share"]]
        table = summary.assign(**{c: [e.value for e in estimates[c]] for c in estimates.columns})
        errors = {c: np.array([[e.value - e.low for e in estimates[c]], [e.high - e.value for e in estimates[c]]]) for c in estimates.columns}
        texts = {c: [_pm(e) for e in estimates[c]] for c in estimates.columns}
        runs = f"mean of {len(outcome.seeds)} runs with different seeds, with 95 % Monte Carlo error bars; "
    else:
        if approval_rate is not None:
            raise ValueError("approval_rate is only used with a TighteningStudy; population_outcome() fixed it already")
        if not isinstance(outcome, Mapping):
            raise TypeError(f"outcome must be the dict that population_outcome() returns or a TighteningStudy; got {type(outcome).__name__}")
        if "by_segment" not in outcome:
            raise ValueError(f"outcome must be the dict that population_outcome() returns, with a 'by_segment' table; got keys {list(outcome)}")
        columns = ("shops", "share_cut", "shortfall_share", "shortfall_share_no_tightening")
        table = _check_table("outcome['by_segment']", outcome["by_segment"], columns, numbers=columns)
        texts = {c: [pct(v) for v in table[c]] for c in ("shortfall_share_no_tightening", "shortfall_share")}
        runs = "one run; "
    fig, ax = subplots(width=7.0, height=2.8)
    y = np.arange(len(table))
    for offset, column, colour, label in ((0.2, "shortfall_share_no_tightening", "sky", "no tightening"), (-0.2, "shortfall_share", "vermillion", "tightening")):
        xerr = None if errors is None else errors[column]
        ax.barh(y + offset, table[column].to_numpy(dtype=float), height=0.38, color=PALETTE[colour], label=label, xerr=xerr, ecolor=PALETTE["black"], capsize=3)
    ax.set_yticks(y, [f"{s}\n({pct(c, 0)} of lines cut)" for s, c in zip(table.index, table["share_cut"])])
    ax.set_xlabel("share of shops with unpaid bills within 90 days")
    ax.legend(loc="lower right")
    ax.set_xlim(0, max(0.5, float(table[["shortfall_share", "shortfall_share_no_tightening"]].to_numpy(dtype=float).max()) + 0.08))
    alt = "Share of shops with a shortfall: " + "; ".join(
        f"{s}: {a} without and {b} with the tightening ({pct(c, 0)} of lines cut)"
        for s, a, b, c in zip(table.index, texts["shortfall_share_no_tightening"], texts["shortfall_share"], table["share_cut"])
    ) + "."
    caption = f"Synthetic owners from Chapter 1 with illustrative shops; {runs}not calibrated to Ant Group."
    return chart(fig, alt=alt, caption=caption)


def tightening_view(population: Any, approval_rate: float = 0.5) -> list[Any]:
    """Widget function: the tightening's effect at one approval rate (HTML bars by segment + summary table).

    Parameters
    ----------
    population : ShopPopulation or TighteningStudy
        With a population, one run of :func:`~lessons.sme.population.population_outcome`; with a
        :class:`~lessons.sme.population.TighteningStudy` (the page's choice), the means over its seeds
        with their 95 % Monte Carlo intervals, and no simulation when the control moves.
    approval_rate : float
        The approval rate after the tightening (one of the study's rates with a study).

    Plain HTML rather than a matplotlib figure keeps each frame light and quick.

    Examples
    --------
    >>> from lessons.sme.population import shop_population, tightening_study
    >>> pop = shop_population()
    >>> bars, table = tightening_view(pop, 0.6)
    >>> "thin file" in bars and len(table) > 3
    True
    >>> bars, table = tightening_view(tightening_study(pop, [0.6], seeds=[1, 2]), 0.6)
    >>> "±" in bars and "±" in table.loc["extra shops with a shortfall", "value"]
    True
    """
    if isinstance(population, TighteningStudy):
        return _study_view(population, approval_rate)
    outcome = population_outcome(population, approval_rate)
    table = outcome["by_segment"]
    rows = [
        (f"{segment}, {label}", value, pct(value), colour)
        for segment, row in table.iterrows()  # a handful of segments
        for label, value, colour in (
            ("no tightening", row["shortfall_share_no_tightening"], "sky"),
            ("tightening", row["shortfall_share"], "vermillion"),
        )
    ]
    cut_text = "; ".join(f"{segment}: {pct(share, 0)} of lines cut" for segment, share in table["share_cut"].items())
    caption = (
        f"Share of shops with unpaid bills within 90 days of a tightening to {pct(approval_rate, 0)} approval "
        f"({cut_text}). Synthetic owners from Chapter 1 with illustrative shops (one run); not calibrated to Ant Group."
    )
    bars = html_bars(rows, scale=0.5, caption=caption)
    summary = outcome["summary"].copy()
    summary["value"] = [pct(v) if "share" in k else f"{v:,.0f}" for k, v in summary["value"].items()]
    return [bars, summary]


def _millions(estimate: Estimate) -> str:
    """A simulated amount in RMB as millions, ``'14.0 ± 0.9'``, rounded to the digits its error leaves real."""
    if estimate.high - estimate.low <= 0:
        return f"{estimate.value / 1e6:,.1f}"
    return _pm(estimate, scale=1e-6)


def _study_view(study: TighteningStudy, approval_rate: float) -> list[Any]:
    rate = study._rate(approval_rate)
    segments = _study_segments(study, rate)
    rows = [
        (f"{segment}, {label}", row[column].value, _pm(row[column]), colour)
        for segment, row in segments.iterrows()  # a handful of segments
        for label, column, colour in (
            ("no tightening", "shortfall_share_no_tightening", "sky"),
            ("tightening", "shortfall_share", "vermillion"),
        )
    ]
    cut_text = "; ".join(f"{segment}: {pct(share, 0)} of lines cut" for segment, share in segments["share_cut"].items())
    caption = (
        f"Share of shops with unpaid bills within 90 days of a tightening to {pct(rate, 0)} approval ({cut_text}): mean of "
        f"{len(study.seeds)} runs, ± the 95 % Monte Carlo interval. Synthetic owners from Chapter 1 with illustrative shops; "
        "not calibrated to Ant Group."
    )
    bars = html_bars(rows, scale=0.5, caption=caption)
    est = lambda measure: study.estimate(measure, rate)  # noqa: E731 - a one-line helper
    summary = pd.DataFrame(
        {
            "value": {
                "shops with a line": f"{study.n_shops:,}",
                "lines cut": f"{int(study.values('lines_cut', rate)[0]):,}",
                "shops with a shortfall, no tightening (share)": _pm(est("share_short_no_tightening")),
                "shops with a shortfall, tightening (share)": _pm(est("share_short_tightening")),
                "extra shops with a shortfall": with_error(est("extra_short"), percent=False),
                "lost sales in the window, extra (RMB million)": _millions(est("lost_sales_extra")),
                "exposure closed by the platform (RMB million)": _millions(est("exposure_closed")),
                "suppliers flagged, no tightening (of " + f"{study.n_suppliers})": with_error(est("suppliers_flagged_no_tightening"), percent=False),
                "suppliers flagged, tightening (of " + f"{study.n_suppliers})": with_error(est("suppliers_flagged"), percent=False),
            }
        }
    )
    summary.index.name = f"mean of {len(study.seeds)} runs ± 95 % interval"
    return [bars, summary]


# ---------------------------------------------------------------------------
# Widget grids (plain data; the notebooks turn them into controls)
# ---------------------------------------------------------------------------

#: Shop profiles offered by the cash-flow widget: label -> (daily sales in RMB, margin).
CASH_FLOW_PROFILES: Mapping[str, tuple[float, float]] = {
    "RMB 3,000 a day, 25 % margin": (3_000.0, 0.25),
    "RMB 3,000 a day, 20 % margin": (3_000.0, 0.20),
    "RMB 6,000 a day, 25 % margin": (6_000.0, 0.25),
}
#: Settlement lags (days) offered by the cash-flow widget.
CASH_FLOW_LAGS: tuple[int, ...] = (1, 7, 14)
#: Line sizes (RMB) offered by the cash-flow widget.
CASH_FLOW_LIMITS: tuple[float, ...] = (0.0, 20_000.0, 40_000.0)
#: Cut days offered by the stress widget (day 120 = 1 May, day 240 = 29 August).
STRESS_CUT_DAYS: tuple[int, ...] = (120, 240)
#: Line sizes (RMB) offered by the stress widget.
STRESS_LIMITS: tuple[float, ...] = (20_000.0, 40_000.0, 60_000.0)
#: Gap sizes in yuan offered by the alternatives widget: fine around the thresholds of receivable
#: financing at 16,800 for the default shop, of the credit card at 30,000 and of the informal lender at 50,000.
BRIDGE_GAPS: tuple[float, ...] = (10_000.0, 15_000.0, 20_000.0, 25_000.0, 30_000.0, 35_000.0, 50_000.0, 55_000.0, 75_000.0, 100_000.0)
#: Durations (days) offered by the alternatives widget.
BRIDGE_DURATIONS: tuple[int, ...] = (30, 60, 90, 180)
#: Approval rates offered by the tightening widget (0.70 = no tightening).
TIGHTENING_RATES: tuple[float, ...] = (0.70, 0.60, 0.50, 0.40, 0.30)
