"""Figures and widget frames of Chapter 2, for all four pages of book/regulation/.

The ``plot_*`` functions return a :class:`lessons.plotting.Chart` (a figure
with its alt text and caption); the ``*_view`` functions are the widget
frames the pages pass to :func:`lessons.widgets.explore` (HTML strings, which
keep each update well under 100 ms). They only draw and word what the model
modules compute: :mod:`lessons.regulation.cost_of_credit`, :mod:`lessons.regulation.timeline`,
:mod:`lessons.regulation.credit_supply` and :mod:`lessons.regulation.credit_reporting`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_int, require_columns
from lessons.svg import html_bars
from lessons.regulation._checks import column_values, describe, require_choice
from lessons.regulation.cost_of_credit import (
    INSTALLMENT_FEES,
    installment_table,
    loan_cost,
    lpr_history,
)
from lessons.regulation.credit_reporting import visibility_comparison
from lessons.regulation.credit_supply import (
    BASE_APPROVAL_RATE,
    SEGMENT_NAMES,
    max_loan_book,
    multiplier_curve,
    rationing_by_segment,
    supply_outcome,
)
from lessons.regulation.regimes import LEVER_STATUSES, POST_2021, REGIME_ALIASES, REGIMES, PartnerBanks, SupplyRules
from lessons.regulation.regimes import regime as named_regime
from lessons.regulation.timeline import TIMELINE_CATEGORIES, _checked_timeline, regulation_timeline, timeline_table

__all__ = [
    "percent_view",
    "plot_installment_rates",
    "cost_view",
    "plot_timeline",
    "timeline_view",
    "plot_multiplier_curve",
    "plot_rationing",
    "supply_view",
    "plot_visibility",
    "reporting_view",
]


# ---------------------------------------------------------------------------
# Cost of credit (book/regulation/cost-of-credit.ipynb)
# ---------------------------------------------------------------------------


def percent_view(frame: pd.DataFrame, *, digits: int = 2, keep: Sequence[str] = ("periods",)) -> pd.DataFrame:
    """Copy of ``frame`` with every float column except ``keep`` written as a percentage string, for display.

    Examples
    --------
    >>> percent_view(pd.DataFrame({"periods": [12], "rate": [0.1586]}))["rate"].item()
    '15.86 %'
    """
    require_columns("frame", frame, [])
    digits = as_int("digits", digits, low=0, high=6)
    if isinstance(keep, str):
        keep = (keep,)
    elif isinstance(keep, (bytes, Mapping, pd.DataFrame)) or not isinstance(keep, Iterable):
        raise ValueError(f"keep must be a column name or a sequence of column names; got {describe(keep)}")
    keep = list(keep)
    if not all(isinstance(name, Hashable) for name in keep):
        raise ValueError("keep must be a column name or a sequence of column names; got an item that is not a name")
    keep = set(keep)
    out = frame.copy()
    for column in out.columns:
        if column not in keep and pd.api.types.is_float_dtype(out[column]):
            out[column] = [f"{100 * v:.{digits}f} %" if pd.notna(v) else "" for v in out[column]]
    return out


def plot_installment_rates(table: pd.DataFrame | None = None) -> Any:
    """Bar chart: the flat rate each installment fee seems to be, beside its true APR and the rule of thumb.

    Parameters
    ----------
    table : DataFrame, optional
        Output of :func:`~lessons.regulation.cost_of_credit.installment_table`
        (default: :data:`~lessons.regulation.cost_of_credit.INSTALLMENT_FEES`).

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> "12 months at a 8.8 % fee: flat 8.8 %, true APR 15.9 %" in plot_installment_rates().alt
    True
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    if table is None:
        table = installment_table()
    columns = ["periods", "total_fee", "flat_rate", "nominal_apr", "rule_of_thumb"]
    require_columns("table", table, columns)
    for column in columns:
        column_values("table", table, column)
    x = np.arange(len(table))
    fig, ax = subplots(width=7.0, height=3.4)
    width = 0.27
    ax.bar(x - width, 100 * table["flat_rate"], width, color=PALETTE["sky"], label="Flat rate (fee × 12 / n)")
    ax.bar(x, 100 * table["nominal_apr"], width, color=PALETTE["vermillion"], label="True APR (IRR × 12)")
    ax.bar(x + width, 100 * table["rule_of_thumb"], width, color=PALETTE["yellow"], label="Rule of thumb 24f/(n+1)")
    ax.set_xticks(x, [f"{n} months\nfee {100 * f:.1f} %" for n, f in zip(table["periods"], table["total_fee"])])
    ax.set_ylabel("Rate per year (%)")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    ax.set_ylim(0, 100 * float(table[["nominal_apr", "rule_of_thumb", "flat_rate"]].to_numpy().max()) * 1.35)
    parts = [
        f"{n} months at a {pct(f)} fee: flat {pct(fl)}, true APR {pct(a)}"
        for n, f, fl, a in zip(table["periods"], table["total_fee"], table["flat_rate"], table["nominal_apr"])
    ]
    return chart(
        fig,
        alt="Bar chart of installment plans. " + "; ".join(parts) + ".",
        caption="Installment fees quoted on the original principal, as a flat rate and as a true annual rate (IRR).",
    )


_COST_PRICING: Mapping[str, tuple[str, float | None]] = {
    "quoted": ("total_fee", None),  # the fee of INSTALLMENT_FEES for the chosen term
    "fee_0.6": ("fee_per_month", 0.006),  # 0.6 % a month on the original amount
    "daily_0.03": ("daily_rate", 0.0003),
    "daily_0.05": ("daily_rate", 0.0005),
}


def cost_view(amount: float = 10_000, periods: int = 12, pricing: str = "quoted", lpr_label: str | None = None) -> Any:
    """Widget function for the cost-of-credit calculator: bars with both price lines, and a table.

    Parameters
    ----------
    amount : float
        Amount borrowed, RMB.
    periods : int
        Number of monthly installments (3, 6, 9 or 12 for ``"quoted"``).
    pricing : str
        One of ``"quoted"``, ``"fee_0.6"``, ``"daily_0.03"``, ``"daily_0.05"``.
        ``"quoted"``: the illustrative fee of :data:`~lessons.regulation.cost_of_credit.INSTALLMENT_FEES` for that term;
        ``"fee_0.6"``: a fee of 0.6 % a month on the original amount;
        ``"daily_0.03"`` / ``"daily_0.05"``: a daily rate of 0.03 % / 0.05 % on the balance.
    lpr_label : str, optional
        Which row of :func:`~lessons.regulation.cost_of_credit.lpr_history` gives the 4 × LPR line
        (default: the latest row).

    Returns
    -------
    str
        HTML: bars for the headline rate, the true APR, the 4 × LPR line (private lending) and the 24 % line
        (licensed lenders), then a table. (HTML rather than a PNG chart keeps each update well under 100 ms.)

    Examples
    --------
    >>> html = cost_view(10_000, 12, "quoted")
    >>> "880.00" in html, "24 % line" in html, "4 × LPR (Feb 2026)" in html
    (True, True, True)
    """
    from lessons.plotting import pct

    require_choice("pricing", pricing, list(_COST_PRICING))
    lprs = lpr_history()
    if lpr_label is None:
        lpr_label = str(lprs["label"].iloc[-1])
    require_choice("lpr_label", lpr_label, list(lprs["label"]))
    lpr = float(lprs.loc[lprs["label"] == lpr_label, "lpr_1y"].iloc[0])
    kind, value = _COST_PRICING[pricing]
    if pricing == "quoted":
        periods = as_int("periods", periods, low=1, high=36)
        if periods not in INSTALLMENT_FEES:
            raise ValueError(f"periods must be one of 3, 6, 9, 12 for the quoted fee; got {periods}")
        value = INSTALLMENT_FEES[periods]
    if kind == "fee_per_month":
        periods = as_int("periods", periods, low=1, high=36)
        kind, value = "total_fee", value * periods
    cost = loan_cost(amount, periods, lpr_1y=lpr, **{kind: value})
    verdict = "above" if cost.above_cap else "at or below"
    licensed = "above" if cost.above_licensed_line else "at or below"
    bars = html_bars(
        [
            ("Headline rate", cost.headline_rate, pct(cost.headline_rate), "sky"),
            ("True APR (IRR × 12)", cost.nominal_apr, pct(cost.nominal_apr), "vermillion"),
            (f"4 × LPR ({lpr_label}): private lending", cost.cap, pct(cost.cap), "black"),
            ("24 % line: licensed lenders", cost.licensed_line, pct(cost.licensed_line), "purple"),
        ],
        scale=max(0.3, 1.15 * max(cost.headline_rate, cost.nominal_apr, cost.cap, cost.licensed_line)),
        caption=(
            f"RMB {amount:,.0f} over {periods} months, {cost.pricing}: the true APR of {pct(cost.nominal_apr)} is "
            f"{verdict} the 4 × LPR line of {pct(cost.cap)} (what courts protect in private lending) and {licensed} "
            f"the {pct(cost.licensed_line, 0)} line licensed lenders work to."
        ),
    )
    table = pd.DataFrame(
        {
            "": [
                "Pricing",
                "First monthly payment (RMB)",
                "Total cost (RMB)",
                "True APR (IRR × 12)",
                "Effective annual rate",
                f"4 × LPR line ({lpr_label}), private lending",
                "24 % line, licensed lenders",
            ],
            "value": [
                cost.pricing,
                f"{cost.payment_first:,.2f}",
                f"{cost.total_cost:,.2f}",
                pct(cost.nominal_apr, 2),
                pct(cost.effective_annual_rate, 2),
                pct(cost.cap, 2) + (" (APR is above)" if cost.above_cap else " (APR is at or below)"),
                pct(cost.licensed_line, 0) + (" (APR is above)" if cost.above_licensed_line else " (APR is at or below)"),
            ],
        }
    )
    return bars + table.to_html(index=False, classes="lessons-table", border=0)


# ---------------------------------------------------------------------------
# Timeline (book/regulation/timeline.ipynb)
# ---------------------------------------------------------------------------


def plot_timeline(timeline: pd.DataFrame | None = None) -> Any:
    """Timeline figure: one row per rule or event, coloured and shaped by category.

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> plot_timeline().alt.startswith("Timeline of 38 rules and events")
    True
    """
    from matplotlib.dates import YearLocator, DateFormatter

    from lessons.plotting import PALETTE, chart, subplots

    timeline = _checked_timeline(timeline, ["date", "category", "short"])
    if "status" in timeline:
        timeline = _checked_timeline(timeline, ["date", "category", "short", "status"])
    lanes = list(TIMELINE_CATEGORIES)
    colours = dict(zip(lanes, [PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"], PALETTE["purple"]]))
    markers = dict(zip(lanes, ["o", "s", "D", "^"]))
    rows = timeline.sort_values("date").reset_index(drop=True)
    fig, ax = subplots(width=7.5, height=0.22 * len(rows) + 1.2)
    y = np.arange(len(rows))[::-1]
    hollow = rows["status"].isin(["draft", "reported"]).to_numpy() if "status" in rows else np.zeros(len(rows), bool)
    for cat in lanes:
        mask = (rows["category"] == cat).to_numpy()
        ax.scatter(rows.loc[mask & ~hollow, "date"], y[mask & ~hollow], color=colours[cat], marker=markers[cat], s=28,
                   zorder=3, label=TIMELINE_CATEGORIES[cat])
        ax.scatter(rows.loc[mask & hollow, "date"], y[mask & hollow], facecolors="white", edgecolors=colours[cat],
                   marker=markers[cat], s=28, zorder=3, linewidths=1.2)
    right_side = rows["date"] < pd.Timestamp("2022-01-01")
    for yi, date, label, right in zip(y, rows["date"], rows["short"], right_side):
        text = f"{date:%b %Y}  {label}" if right else f"{label}  {date:%b %Y}"
        pad = pd.Timedelta(days=45)
        ax.text(date + pad if right else date - pad, yi, text, fontsize=7, va="center",
                ha="left" if right else "right", color="#222222")
    ax.set_yticks([])
    ax.set_ylim(-1, len(rows))
    ax.set_xlim(pd.Timestamp("2016-07-01"), pd.Timestamp("2026-07-01"))  # labels from 2022 on sit left
    ax.xaxis.set_major_locator(YearLocator())
    ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    ax.grid(axis="y", visible=False)
    ax.legend(frameon=False, fontsize=7.5, loc="lower left")
    counts = timeline["category"].value_counts()
    per_year = timeline["date"].dt.year.value_counts()
    busiest = int(per_year.idxmax())
    alt = (
        f"Timeline of {len(timeline)} rules and events from {timeline['date'].min():%B %Y} to "
        f"{timeline['date'].max():%B %Y} in four lanes ("
        + "; ".join(f"{TIMELINE_CATEGORIES[c]}: {int(counts.get(c, 0))}" for c in lanes)
        + f"). The busiest year is {busiest} with {int(per_year.max())} entries, from the "
        + "; ".join(timeline.loc[timeline["date"].dt.year == busiest, "short"].head(4))
        + " onwards."
        + (f" {int(hollow.sum())} entries, drawn hollow, are drafts or guidance known only from the press." if hollow.any() else "")
    )
    first, last = timeline["date"].min(), timeline["date"].max()
    return chart(
        fig,
        alt=alt,
        caption=f"Rules and events that reshaped Huabei and Jiebei, {first:%Y}–{last:%Y}; hollow markers are drafts "
        "and reported guidance without a published text (sources in the table above).",
    )


def timeline_view(category: str = "all") -> str:
    """Widget function: the timeline rows of one category (or all) as an HTML table, with a count.

    Parameters
    ----------
    category : str
        ``"all"`` or a key of :data:`~lessons.regulation.timeline.TIMELINE_CATEGORIES`.

    Examples
    --------
    >>> "Internet Loans of Commercial Banks" in timeline_view("lending")
    True
    """
    import html as _html

    require_choice("category", category, ["all", *TIMELINE_CATEGORIES])
    timeline = regulation_timeline()
    if category != "all":
        timeline = timeline[timeline["category"] == category]
    table = timeline_table(timeline).drop(columns=["Source"])
    name = "all categories" if category == "all" else f"the lane “{TIMELINE_CATEGORIES[category]}”"
    first, last = timeline["date"].min(), timeline["date"].max()
    head = (
        f"<p><strong>{len(timeline)} entries</strong> in {_html.escape(name)}, "
        f"{first:%b %Y} to {last:%b %Y}.</p>"
    )
    return head + table.to_html(index=False, classes="lessons-table", border=0, escape=True)


# ---------------------------------------------------------------------------
# Credit supply (book/regulation/credit-supply.ipynb)
# ---------------------------------------------------------------------------


def plot_multiplier_curve(
    rules: SupplyRules = POST_2021, partners: PartnerBanks | None = None, *, equity: float = 10.0
) -> Any:
    """Loans per yuan of equity against the own share, for given capital, leverage and partner rules.

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> "33 yuan at 30 %" in plot_multiplier_curve().alt
    True
    """
    from lessons.plotting import PALETTE, chart, subplots

    if not isinstance(rules, SupplyRules):
        raise ValueError(f"rules must be a SupplyRules (such as POST_2021 or RULE_SETS[key]); got {describe(rules)}")
    shares = np.linspace(0.01, 1.0, 100)
    curve = multiplier_curve(shares, rules, partners, equity=equity)
    fig, ax = subplots(width=6.5, height=3.2)
    for binding, colour in (("partner limits", PALETTE["orange"]), ("own funding", PALETTE["blue"])):
        part = curve[curve["binding"] == binding]
        ax.plot(100 * part["own_share"], part["loans_per_yuan_of_equity"], color=colour, lw=2.2,
                label=f"bound set by {binding}")
    ax.set_ylim(0, 1.2 * float(curve["loans_per_yuan_of_equity"].max()))
    ax.set_xlabel("Own share of each loan (%)")
    ax.set_ylabel("Loans per yuan of equity")
    m2 = max_loan_book(equity, replace(rules, own_share=0.02), partners).multiplier
    m30 = max_loan_book(equity, replace(rules, own_share=0.30), partners).multiplier
    for s, m in ((0.02, m2), (0.30, m30)):
        ax.scatter([100 * s], [m], color=PALETTE["black"], zorder=4, s=20)
        ax.annotate(f"{100 * s:.0f} %: {m:.0f} yuan", (100 * s, m), textcoords="offset points", xytext=(6, 6),
                    fontsize=8)
    ax.legend(frameon=False, fontsize=8)
    kink = curve.loc[curve["binding"] == "own funding", "own_share"]
    where = (
        f"below an own share of about {100 * float(kink.min()):.0f} % the partner banks' limits set the bound"
        if len(kink) and (curve["binding"] == "partner limits").any()
        else "the own-funding bound binds at every share"
    )
    return chart(
        fig,
        alt=(
            f"Under {rules.label or 'the chosen rules'}, one yuan of equity supports {m2:.0f} yuan of loans at a 2 % own "
            f"share and {m30:.0f} yuan at 30 %, falling to {curve['loans_per_yuan_of_equity'].iloc[-1]:.0f} yuan when "
            f"the lender funds whole loans; {where}."
        ),
        caption="Loans per yuan of equity against the lender's own share of each loan (illustrative partner banks and "
        "equity, not calibrated to Ant Group).",
    )


def plot_rationing(scored: pd.DataFrame, served: float, *, base_approval_rate: float = BASE_APPROVAL_RATE) -> Any:
    """Bar chart: share of each segment's previously approved applicants who lose access.

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> from lessons.regulation.credit_supply import scored_population
    >>> plot_rationing(scored_population(synthetic_applicants(n=2000, seed=1)), 0.5).alt.startswith("With 50 % of demand")
    True
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    table = rationing_by_segment(scored, served, base_approval_rate=base_approval_rate)
    table = table.iloc[::-1].reset_index(drop=True)
    fig, ax = subplots(width=7.0, height=0.26 * len(table) + 1.0)
    colours = {name: c for name, c in zip(["All", *SEGMENT_NAMES.values()], [PALETTE["black"], PALETTE["vermillion"],
                                                                            PALETTE["blue"], PALETTE["green"], PALETTE["purple"]])}
    y = np.arange(len(table))
    ax.barh(y, 100 * table["lose_access"].fillna(0), color=[colours[d] for d in table["dimension"]])
    ax.set_yticks(y, [f"{d}: {s}" if d != "All" else "All applicants" for d, s in zip(table["dimension"], table["segment"])],
                  fontsize=8)
    for yi, v in zip(y, table["lose_access"].fillna(0)):
        ax.text(100 * v + 0.5, yi, pct(v, 0), va="center", fontsize=7.5)
    ax.set_xlabel("Previously approved applicants who lose access (%)")
    ax.set_xlim(0, 100)
    worst = table[table["dimension"] != "All"].sort_values("lose_access").iloc[-1]
    best = table[table["dimension"] != "All"].sort_values("lose_access").iloc[0]
    overall = table.loc[table["dimension"] == "All", "lose_access"].item()
    return chart(
        fig,
        alt=(
            f"With {pct(served, 0)} of demand served, the cut-off rises from {table.attrs['base_cutoff']:.0f} to "
            f"{table.attrs['cutoff']:.0f} points and {pct(overall, 0)} of previously approved applicants lose access; "
            f"the most affected group is {worst['segment']} ({pct(worst['lose_access'], 0)}), the least affected "
            f"{best['segment']} ({pct(best['lose_access'], 0)})."
        ),
        caption="Who loses access when supply is rationed by score (synthetic applicants; supply and demand "
        "parameters illustrative, not calibrated to Ant Group).",
    )


def supply_view(
    scored: pd.DataFrame,
    *,
    regime: str = "consumer_finance",
    equity_multiple: float = 1.0,
    own_share: float | None = None,
) -> str:
    """Widget function for the regimes: supply, share served, implied cut-off, who loses access, what is a rule.

    Parameters
    ----------
    scored : DataFrame
        From :func:`~lessons.regulation.credit_supply.scored_population`.
    regime : str
        A key of :data:`~lessons.regulation.regimes.REGIMES` (or ``"pre"`` / ``"post"``).
    equity_multiple : float
        Equity as a multiple of the base equity.
    own_share : float, optional
        Replaces the regime's own share (``None`` keeps it).

    Returns
    -------
    str
        HTML: a summary line, bars of the share of each segment's previously approved applicants who lose access,
        and the regime's levers with what kind of number each is (HTML keeps each update well under 100 ms).

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> from lessons.regulation.credit_supply import scored_population
    >>> html = supply_view(scored_population(synthetic_applicants(n=2000, seed=1)), regime="draft_2020")
    >>> "20 yuan of loans per yuan of equity" in html, "never in force" in html
    (True, True)
    """
    import html as _html

    from lessons.plotting import PALETTE, pct

    chosen = _regime(regime)
    out = supply_outcome(own_share, regime, equity_multiple)
    table = rationing_by_segment(scored, out["served"])
    colours = dict(zip(["All", *SEGMENT_NAMES.values()], [PALETTE["black"], PALETTE["vermillion"], PALETTE["blue"],
                                                          PALETTE["green"], PALETTE["purple"]]))
    rows = [
        (("All applicants" if d == "All" else f"{d}: {s}"), share, pct(share, 0), colours[d])
        for d, s, share in zip(table["dimension"], table["segment"], table["lose_access"].fillna(0.0).astype(float))
    ]
    book = out["book"]
    served_text = pct(out["served"], 0) if out["served"] < 1 else "all"
    if book.own_share_used == 0:
        size = (
            f"<strong>RMB {book.max_book:,.0f} bn of loans, all of it the banks' money</strong> "
            f"({out['multiplier']:.0f} yuan of loans per yuan of equity, none on the platform's balance sheet; "
            f"bound set by {book.binding})"
        )
    else:
        size = f"<strong>{out['multiplier']:.0f} yuan of loans per yuan of equity</strong> (bound set by {book.binding})"
    summary = (
        f"<p><strong>{_html.escape(chosen.name)}</strong> ({_html.escape(chosen.status)}; "
        f"{_html.escape(chosen.entity)}). With equity × {equity_multiple:.2g}: {size}; "
        f"the book serves <strong>{served_text}</strong> of demand. "
        f"The cut-off moves from {table.attrs['base_cutoff']:.0f} to <strong>{table.attrs['cutoff']:.0f}</strong> "
        f"points; approval falls from {pct(BASE_APPROVAL_RATE, 0)} to {pct(BASE_APPROVAL_RATE * out['served'], 0)} "
        "of applicants.</p>"
    )
    overall = table.loc[table["dimension"] == "All", "lose_access"].item()
    bars = html_bars(
        rows,
        scale=1.0,
        caption=(
            f"Share of previously approved applicants who lose access ({pct(overall, 0)} overall). Synthetic "
            "applicants; equity, demand and banks illustrative, not calibrated to Ant Group."
        ),
    )
    levers = pd.DataFrame(
        {
            "Lever": [lever.lever for lever in chosen.levers],
            "Value": [lever.value for lever in chosen.levers],
            "What kind of number": [LEVER_STATUSES[lever.status] for lever in chosen.levers],
        }
    )
    return summary + bars + levers.to_html(index=False, classes="lessons-table", border=0, escape=True)


def _regime(key: Any) -> Any:
    """The regime named ``key``, or a ValueError naming ``regime`` and listing the keys."""
    require_choice("regime", key, [*REGIMES, *REGIME_ALIASES])
    return named_regime(key)


# ---------------------------------------------------------------------------
# Credit reporting (book/regulation/credit-reporting.ipynb)
# ---------------------------------------------------------------------------


def plot_visibility(views: pd.DataFrame, *, approval_rate: float = 0.70, heavy: int = 4) -> Any:
    """Two panels: approval rates and bad rates among the approved, before and after full visibility.

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> from lessons.regulation.credit_reporting import visibility_scores
    >>> plot_visibility(visibility_scores(synthetic_applicants(n=2000, seed=1))).alt.startswith("At a fixed approval")
    True
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    table = visibility_comparison(views, approval_rate=approval_rate, heavy=heavy)
    fig, (left, right) = subplots(1, 2, width=7.4, height=3.0)
    x = np.arange(len(table))
    w = 0.38
    for ax, col, title in ((left, "approval", "Approval rate"), (right, "bad_rate", "Bad rate among the approved")):
        ax.bar(x - w / 2, 100 * table[f"{col}_before"], w, color=PALETTE["sky"], label="Report shows some lenders")
        ax.bar(x + w / 2, 100 * table[f"{col}_after"], w, color=PALETTE["vermillion"], label="Report shows all lenders")
        ax.set_xticks(x, [g.replace(" (", "\n(") for g in table["group"]], fontsize=7.5)
        ax.set_title(title, fontsize=9)
        ax.set_ylabel("%")
    left.legend(frameon=False, fontsize=7, loc="upper left")
    left.set_ylim(0, 100)
    h = table.iloc[0]
    a = table.iloc[-1]
    return chart(
        fig,
        alt=(
            f"At a fixed approval rate of {pct(approval_rate, 0)}, applicants with {heavy} or more other lenders are "
            f"approved {pct(h['approval_before'], 0)} of the time when the report shows only some lenders and "
            f"{pct(h['approval_after'], 0)} when it shows all; the bad rate among all approved applicants goes from "
            f"{pct(a['bad_rate_before'])} to {pct(a['bad_rate_after'])}."
        ),
        caption="Decisions before and after every lender becomes visible (synthetic applicants; Chapter 1's scorecard "
        "refitted on each view).",
    )


def reporting_view(views: pd.DataFrame, *, heavy: int = 4, approval_rate: float = 0.70) -> str:
    """Widget function: approval and bad rates before and after full visibility, as HTML bars.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> from lessons.regulation.credit_reporting import visibility_scores
    >>> "Bad rate among everyone approved" in reporting_view(visibility_scores(synthetic_applicants(n=2000, seed=1)))
    True
    """
    from lessons.plotting import pct

    table = visibility_comparison(views, approval_rate=approval_rate, heavy=heavy)
    rows = []
    for _, r in table.iterrows():  # three groups
        rows.append((f"{r['group']}: approved, before", r["approval_before"], pct(r["approval_before"], 0), "sky"))
        rows.append((f"{r['group']}: approved, after", r["approval_after"], pct(r["approval_after"], 0), "vermillion"))
    h, a = table.iloc[0], table.iloc[-1]
    head = (
        f"<p>{int(h['applicants']):,} applicants have {heavy} or more other lenders; the old report missed "
        f"{h['hidden_lenders']:.1f} of their lines on average. Bad rate among everyone approved: "
        f"<strong>{pct(a['bad_rate_before'])}</strong> before, <strong>{pct(a['bad_rate_after'])}</strong> after.</p>"
    )
    return head + html_bars(
        rows,
        scale=1.0,
        caption=(
            f"Approval rates at a fixed overall approval rate of {pct(approval_rate, 0)}, when the report shows only "
            "some lenders (before) and all of them (after). Synthetic applicants."
        ),
    )
