"""Figures and widget frames of Chapter 1, one section per page of book/credit-assessment/.

Plot functions (``plot_*``) return a :class:`lessons.plotting.Chart` whose alt text is
computed from the numbers shown; widget frames (``*_view``) map a widget's controls to
a model call and return inline SVG figures, HTML sentences and tables, cheap enough to
redraw as a slider moves. The models are in the page modules
(:mod:`lessons.credit.scorecard`, :mod:`lessons.credit.cutoffs`,
:mod:`lessons.credit.limits`, :mod:`lessons.credit.reviews`); models never import this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_number, as_probability, require_columns, require_one_of, require_same_length
from lessons.credit._checks import as_name, as_names
from lessons.credit.cutoffs import _check_cutoffs, segment_approval_table
from lessons.credit.limits import (
    OUTCOMES,
    PRODUCT_A,
    PRODUCT_B,
    PRODUCT_COMBINATIONS,
    TwoStageSetup,
    product_decisions,
    share_by_key_segments,
    two_stage_decisions,
)
from lessons.credit.platform_model import PlatformModel, _check_model, score_applicants
from lessons.credit.reviews import ReasonReference, ReviewSetup, reason_codes, reason_reference, review_table
from lessons.credit.scaling import SCORE_RANGE
from lessons.credit.scorecard import _scores_and_defaults, auc, iv_band, ks_statistic, woe_table
from lessons.svg import svg_escape, svg_figure, svg_fill, svg_hbars, svg_lines

__all__ = [
    "plot_woe",
    "woe_view",
    "plot_score_distributions",
    "plot_roc_ks",
    "plot_tradeoff",
    "plot_segment_approval",
    "cutoff_view",
    "plot_outcomes",
    "two_stage_view",
    "products_view",
    "plot_review_cuts",
    "review_view",
    "plot_reason_codes",
    "reasons_view",
]


# ---------------------------------------------------------------------------
# Shared drawing helpers
# ---------------------------------------------------------------------------

def _fixed_layout(fig: Any, *, left: float, right: float = 0.25, top: float = 0.45, bottom: float = 0.55, wspace: float | None = None) -> None:
    """Replace the constrained layout by fixed margins in inches (about twice as fast to draw).

    Widget frames are drawn many times, so their figures use fixed margins.
    The axes (one row of them) are placed side by side, ``wspace`` apart (a
    fraction of the average axes width).
    """
    width, height = fig.get_size_inches()
    fig.set_layout_engine("none")
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    k = len(axes)
    gap = (wspace or 0.0) if k > 1 else 0.0
    x0, x1 = left / width, 1 - right / width
    y0, y1 = bottom / height, 1 - top / height
    each = (x1 - x0) / (k + gap * (k - 1))
    for i, ax in enumerate(axes):
        ax.set_position([x0 + i * each * (1 + gap), y0, each, y1 - y0])


def _check_title(title: Any) -> str:
    return as_name("title", title, what="a figure title")


def _fmt_pct(x: float, digits: int = 1) -> str:
    from lessons.plotting import pct

    return "n/a" if x is None or not np.isfinite(x) else pct(float(x), digits)


# ---------------------------------------------------------------------------
# Building a scorecard on real data (scorecard.ipynb)
# ---------------------------------------------------------------------------

def plot_woe(table: pd.DataFrame, variable: str) -> Any:
    """Bar chart of the WOE of each bin with the bad rate printed on each bar.

    Examples
    --------
    >>> table = woe_table(["a", "a", "b", "b", "b", "a"], [0, 1, 0, 0, 1, 1], bins=2)
    >>> plot_woe(table, "toy").alt.startswith("Weight of evidence of toy in 2 bins")
    True
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("bin", "woe", "bad_rate", "iv", "count"))
    iv = float(table["iv"].sum())
    fig, ax = subplots(width=6.5, height=3.2)
    colors = [PALETTE["blue"] if w >= 0 else PALETTE["vermillion"] for w in table["woe"]]
    labels = [b if len(b) <= 22 else b[:20] + "…" for b in table["bin"]]
    positions = np.arange(len(table))
    ax.set_axisbelow(True)
    ax.bar(positions, table["woe"], color=colors)
    ax.axhline(0, color=PALETTE["black"], linewidth=0.8)
    for x, (w, r, c) in enumerate(zip(table["woe"], table["bad_rate"], table["count"])):
        ax.annotate(f"{_fmt_pct(r)}\nn={c}", (x, w), ha="center", va="bottom" if w >= 0 else "top", fontsize=7, xytext=(0, 2 if w >= 0 else -2), textcoords="offset points")
    ax.set_xticks(positions, labels, rotation=20 if len(table) > 4 else 0, ha="right" if len(table) > 4 else "center", fontsize=8)
    ax.set_ylabel("WOE = ln(%good / %bad)")
    ax.set_title(f"{variable}: IV = {iv:.3f} ({iv_band(iv)})")
    low, high = ax.get_ylim()
    ax.set_ylim(low - 0.15 * (high - low), high + 0.2 * (high - low))
    _fixed_layout(fig, left=0.75, bottom=0.9 if len(table) > 4 else 0.55)
    return chart(fig, alt=_woe_alt(table, variable), caption=f"WOE by bin for {variable} (blue: safer than average, vermillion: riskier).")


def _woe_alt(table: pd.DataFrame, variable: str) -> str:
    """Alt text of a WOE chart: the number of bins, the IV, the safest and the riskiest bin."""
    iv = float(table["iv"].sum())
    best = table.loc[table["woe"].idxmax()]
    worst = table.loc[table["woe"].idxmin()]
    return (
        f"Weight of evidence of {variable} in {len(table)} bins; information value {iv:.3f}. "
        f"Safest bin {best['bin']} (WOE {best['woe']:.2f}, bad rate {_fmt_pct(best['bad_rate'])}); "
        f"riskiest bin {worst['bin']} (WOE {worst['woe']:.2f}, bad rate {_fmt_pct(worst['bad_rate'])})."
    )


def _svg_woe(table: pd.DataFrame, variable: str) -> str:
    """Vertical WOE bars around zero with bad rate and count under each bar, as an SVG figure."""
    width = 680.0
    left, right, top, bottom = 60.0, width - 15, 34.0, 200.0
    woe = table["woe"].to_numpy(dtype=float)
    lim = max(0.5, float(np.nanmax(np.abs(woe))) * 1.15)
    zero = (top + bottom) / 2

    def py(v: float) -> float:
        return zero - v / lim * (bottom - top) / 2

    iv = float(table["iv"].sum())
    parts = [f'<text x="{width / 2:.1f}" y="18" font-size="13" font-weight="bold" text-anchor="middle">{svg_escape(variable)}: IV = {iv:.3f} ({svg_escape(iv_band(iv))})</text>']
    for t in np.linspace(-lim, lim, 5):
        parts.append(f'<line x1="{left:.1f}" y1="{py(t):.1f}" x2="{right:.1f}" y2="{py(t):.1f}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{left - 5:.1f}" y="{py(t) + 3:.1f}" font-size="10" text-anchor="end">{t:.2f}</text>')
    parts.append(f'<line x1="{left:.1f}" y1="{zero:.1f}" x2="{right:.1f}" y2="{zero:.1f}" stroke="black"/>')
    parts.append(f'<text x="14" y="{zero:.1f}" font-size="11" text-anchor="middle" transform="rotate(-90 14 {zero:.1f})">WOE = ln(%good / %bad)</text>')
    n = len(table)
    slot = (right - left) / n
    for k, (label, w, rate, count) in enumerate(zip(table["bin"], woe, table["bad_rate"], table["count"])):
        cx = left + (k + 0.5) * slot
        color = "blue" if w >= 0 else "vermillion"
        y1, y2 = sorted((py(w), zero))
        parts.append(f'<rect x="{cx - slot * 0.35:.1f}" y="{y1:.1f}" width="{slot * 0.7:.1f}" height="{max(y2 - y1, 0.5):.1f}" fill="{svg_fill(color, None if w >= 0 else "stripe")}"><title>{svg_escape(label)}: WOE {w:.2f}</title></rect>')
        short = str(label) if len(str(label)) <= 24 else str(label)[:22] + "…"
        parts.append(f'<text x="{cx:.1f}" y="{bottom + 16:.1f}" font-size="10" text-anchor="middle">{svg_escape(short)}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{bottom + 30:.1f}" font-size="10" text-anchor="middle">bad {_fmt_pct(rate)}, n={count}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{(py(w) - 4) if w >= 0 else (py(w) + 12):.1f}" font-size="10" text-anchor="middle">{w:.2f}</text>')
    return svg_figure("".join(parts), width=width, height=240, alt=_woe_alt(table, variable), caption=f"WOE by bin for {variable} (solid blue: safer than average; striped vermillion: riskier).")


def woe_view(frame: pd.DataFrame, variable: str, bins: int, *, target: str = "default") -> list[Any]:
    """Widget function: a variable and a number of bins → WOE chart (SVG) and the WOE table.

    Examples
    --------
    >>> toy = pd.DataFrame({"x": ["a", "a", "b", "b", "b", "a"], "default": [0, 1, 0, 0, 1, 1]})
    >>> figure, table = woe_view(toy, "x", 2)
    >>> table["bin"].tolist(), "IV = 0.462" in figure
    (['b', 'a'], True)
    """
    require_columns("frame", frame, (as_name("target", target),))
    require_one_of("variable", variable, [c for c in frame.columns if c != target])
    table = woe_table(frame[variable], frame[target].to_numpy(), bins)
    shown = table[["bin", "count", "bads", "bad_rate", "woe", "iv"]].copy()
    return [_svg_woe(table, variable), shown.round(3)]


def plot_score_distributions(scores: Any, defaults: Any, *, cutoff: float | None = None, title: str = "Score distributions") -> Any:
    """Histograms of the scores of goods and of bads (as shares of each group).

    Examples
    --------
    >>> plot_score_distributions([650, 620, 600, 560, 540], [0, 0, 1, 0, 1]).alt[:27]
    'Histograms of scores: goods'
    """
    from lessons.plotting import PALETTE, chart, subplots

    scores, defaults = _scores_and_defaults(scores, defaults)
    cutoff = None if cutoff is None else as_number("cutoff", cutoff)
    title = _check_title(title)
    fig, ax = subplots(width=6.5, height=3.2)
    edges = np.linspace(np.floor(scores.min() / 10) * 10, np.ceil(scores.max() / 10) * 10 + 10, 30)
    for value, name, color, hatch in ((0, "goods", PALETTE["blue"], None), (1, "bads", PALETTE["vermillion"], "//")):
        group = scores[defaults == value]
        ax.hist(group, bins=edges, weights=np.full(group.size, 1 / group.size), alpha=0.55, color=color, label=f"{name} (n={group.size:,})", hatch=hatch, edgecolor=color)
    if cutoff is not None:
        ax.axvline(cutoff, color=PALETTE["black"], linestyle="--", linewidth=1.2, label=f"cut-off {cutoff:g}")
    ax.set_xlabel("score (points, higher = safer)")
    ax.set_ylabel("share of the group")
    ax.set_title(title)
    ax.legend()
    goods_med, bads_med = np.median(scores[defaults == 0]), np.median(scores[defaults == 1])
    alt = (
        f"Histograms of scores: goods have a median of {goods_med:.0f} points and bads {bads_med:.0f}; "
        f"the distributions overlap, KS = {ks_statistic(scores, defaults):.2f}, AUC = {auc(scores, defaults):.2f}."
    )
    return chart(fig, alt=alt, caption="Scores of goods and bads: the better the separation, the better the ranking.")


def plot_roc_ks(scores: Any, defaults: Any) -> Any:
    """Two panels: the ROC curve (with AUC/Gini) and the cumulative distributions (with KS).

    Examples
    --------
    >>> plot_roc_ks([650, 620, 600, 560, 540], [0, 0, 1, 0, 1]).alt[:22]
    'Left: ROC curve bowing'
    """
    from lessons.plotting import PALETTE, chart, subplots

    scores, defaults = _scores_and_defaults(scores, defaults)
    order = np.argsort(scores, kind="mergesort")
    s, d = scores[order], defaults[order]
    last = np.r_[s[1:] != s[:-1], True]
    cum_bad = np.r_[0, (np.cumsum(d) / d.sum())[last]]
    cum_good = np.r_[0, (np.cumsum(1 - d) / (1 - d).sum())[last]]
    thresholds = np.r_[s.min(), s[last]]
    a, k = auc(scores, defaults), ks_statistic(scores, defaults)
    fig, (left, right) = subplots(1, 2, width=7.2, height=3.2)
    left.plot(cum_good, cum_bad, color=PALETTE["blue"])
    left.plot([0, 1], [0, 1], color=PALETTE["black"], linestyle=":", linewidth=1)
    left.set_xlabel("share of goods flagged (FPR)")
    left.set_ylabel("share of bads flagged (TPR)")
    left.set_title(f"ROC: AUC {a:.2f}, Gini {2 * a - 1:.2f}")
    gap = cum_bad - cum_good
    at = int(np.argmax(gap))
    right.plot(thresholds, cum_bad, color=PALETTE["vermillion"], label="bads")
    right.plot(thresholds, cum_good, color=PALETTE["blue"], linestyle="--", label="goods")
    right.vlines(thresholds[at], cum_good[at], cum_bad[at], color=PALETTE["black"], linewidth=2)
    right.set_xlabel("score")
    right.set_ylabel("cumulative share at or below")
    right.set_title(f"KS {k:.2f} at {thresholds[at]:.0f} points")
    right.legend(loc="lower right")
    alt = (
        f"Left: ROC curve bowing above the diagonal, AUC {a:.2f} and Gini {2 * a - 1:.2f}. "
        f"Right: cumulative score distributions of bads and goods; the largest gap, KS = {k:.2f}, is at {thresholds[at]:.0f} points."
    )
    return chart(fig, alt=alt, caption="Ranking quality on the test sample: ROC curve and KS.")


# ---------------------------------------------------------------------------
# Cut-offs and who gets left out (cutoffs.ipynb)
# ---------------------------------------------------------------------------

def plot_tradeoff(curve: pd.DataFrame, *, marker: float | None = None) -> Any:
    """Approval rate and bad rate (left) and expected profit (right) against the cut-off.

    Examples
    --------
    >>> from lessons.credit.cutoffs import approval_curve
    >>> curve = approval_curve([500, 600, 700], [1, 0, 0], [550, 650])
    >>> plot_tradeoff(curve, marker=550).alt
    'Approval rate falls from 66.7 % to 33.3 % and the bad rate among approved from 0.0 % to 0.0 % as the cut-off rises from 550 to 650. At 550: approval 66.7 %, bad rate 0.0 %.'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("curve", curve, ("cutoff", "approval_rate", "bad_rate"))
    marker = None if marker is None else as_number("marker", marker)
    has_profit = "expected_profit" in curve.columns
    fig, axes = subplots(1, 2 if has_profit else 1, width=7.2 if has_profit else 5.0, height=3.0)
    left = axes[0] if has_profit else axes
    x = curve["cutoff"].to_numpy(dtype=float)
    left.plot(x, curve["approval_rate"], color=PALETTE["blue"], label="approval rate")
    left.plot(x, curve["bad_rate"], color=PALETTE["vermillion"], linestyle="--", label="bad rate among approved")
    left.set_xlabel("cut-off (points)")
    left.set_ylabel("share")
    left.set_ylim(0, 1.02)
    left.set_title("Approval and bad rate")
    left.legend(loc="center left")
    parts = [
        f"Approval rate falls from {_fmt_pct(curve['approval_rate'].iloc[0])} to {_fmt_pct(curve['approval_rate'].iloc[-1])} "
        f"and the bad rate among approved from {_fmt_pct(curve['bad_rate'].iloc[0])} to {_fmt_pct(curve['bad_rate'].iloc[-1])} "
        f"as the cut-off rises from {x[0]:g} to {x[-1]:g}."
    ]
    if marker is not None:
        i = int(np.argmin(np.abs(x - marker)))
        left.axvline(x[i], color=PALETTE["black"], linewidth=1)
        parts.append(f"At {x[i]:g}: approval {_fmt_pct(curve['approval_rate'].iloc[i])}, bad rate {_fmt_pct(curve['bad_rate'].iloc[i])}.")
    if has_profit:
        right = axes[1]
        profit = curve["expected_profit"].to_numpy(dtype=float)
        right.plot(x, profit, color=PALETTE["green"])
        right.axhline(0, color=PALETTE["black"], linewidth=0.6)
        best = int(np.argmax(profit))
        right.plot([x[best]], [profit[best]], "o", color=PALETTE["green"])
        right.set_xlabel("cut-off (points)")
        right.set_ylabel("RMB per applicant")
        right.set_title("Expected profit (illustrative)")
        if marker is not None:
            right.axvline(x[i], color=PALETTE["black"], linewidth=1)
            parts.append(f"Expected profit there: RMB {profit[i]:.0f} per applicant.")
        parts.append(f"Expected profit peaks at RMB {profit[best]:.0f} per applicant at a cut-off of {x[best]:g}.")
    _fixed_layout(fig, left=0.6, right=0.15, bottom=0.55, top=0.35, wspace=0.32 if has_profit else None)
    return chart(fig, alt=" ".join(parts), caption="The cut-off trade-off (synthetic applicants; profit parameters illustrative, not calibrated to Ant Group).")


def plot_segment_approval(table: pd.DataFrame, *, title: str = "Approval rate by segment", overall: float | None = None) -> Any:
    """Horizontal bars of the approval rate of each segment (from :func:`~lessons.credit.cutoffs.approval_by_segment`
    or :func:`~lessons.credit.cutoffs.segment_approval_table`; with a ``variable`` column, each variable gets its own colour).

    Examples
    --------
    >>> from lessons.credit.cutoffs import approval_by_segment
    >>> table = approval_by_segment([500, 600, 700, 650], ["a", "a", "b", "b"], 620)
    >>> plot_segment_approval(table).alt
    'Approval rate by segment: lowest for a (0.0 %), highest for b (100.0 %).'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("segment", "approval_rate", "applicants"))
    title = _check_title(title)
    overall = None if overall is None else as_probability("overall", overall)
    fig, ax = subplots(width=6.2, height=0.3 * len(table) + 1.2)
    y = np.arange(len(table))
    groups = table["variable"].tolist() if "variable" in table.columns else ["segment"] * len(table)
    palette = ("sky", "orange", "green", "purple", "yellow")
    order = list(dict.fromkeys(groups))
    colors = [PALETTE[palette[order.index(g) % len(palette)]] for g in groups]
    ax.barh(y, table["approval_rate"], color=colors, edgecolor=PALETTE["black"], linewidth=0.4)
    for yi, rate in zip(y, table["approval_rate"]):
        ax.text(min(rate + 0.01, 0.88), yi, _fmt_pct(rate), va="center", fontsize=7.5)
    ax.set_yticks(y, [f"{s} (n={n:,})" for s, n in zip(table["segment"], table["applicants"])], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("approval rate")
    ax.set_axisbelow(True)
    if overall is not None:
        ax.axvline(overall, color=PALETTE["black"], linestyle="--", linewidth=1)
        ax.set_xlabel(f"approval rate (dashed line: all applicants, {_fmt_pct(overall)})")
    ax.set_title(title, fontsize=10)
    low = table.loc[table["approval_rate"].idxmin()]
    high = table.loc[table["approval_rate"].idxmax()]
    alt = (
        f"{title}: lowest for {low['segment']} ({_fmt_pct(low['approval_rate'])}), "
        f"highest for {high['segment']} ({_fmt_pct(high['approval_rate'])})"
        + (f"; all applicants {_fmt_pct(overall)}." if overall is not None else ".")
    )
    _fixed_layout(fig, left=2.0, right=0.2, top=0.4, bottom=0.5)
    return chart(fig, alt=alt, caption=title + " (synthetic applicants).")


def cutoff_view(scores: Any, curve: pd.DataFrame, segments: pd.DataFrame, cutoff: float) -> str:
    """Widget function: a cut-off → the trade-off curves with a marker, and every segment's approval rate.

    Returns an HTML ``<figure>`` with an inline SVG (drawn in about a
    millisecond, so a live widget keeps up with the slider) whose alt text
    gives the numbers.

    Examples
    --------
    >>> from lessons.credit.cutoffs import approval_curve
    >>> curve = approval_curve([500, 600, 700], [1, 0, 0], [550, 650])
    >>> html = cutoff_view([500, 600, 700], curve, pd.DataFrame({"thin_file": ["thin file", "has a record", "has a record"]}), 550)
    >>> 'aria-label="At a cut-off of 550, 66.7 % of applicants are approved' in html
    True
    """
    require_columns("curve", curve, ("cutoff", "approval_rate", "bad_rate"))
    table = segment_approval_table(scores, segments, cutoff)
    scores = np.asarray(scores, dtype=float)
    overall = float(np.mean(scores >= cutoff))
    x = curve["cutoff"].to_numpy(dtype=float)
    i = int(np.argmin(np.abs(x - cutoff)))
    rows = len(table)
    bars, bars_height = svg_hbars(
        [str(v) for v in table["segment"]],
        [("approval rate", table["approval_rate"].to_numpy(dtype=float), "sky", None)],
        x0=330, y0=0, width=430, row=22, label_width=115, reference=overall,
        xlabel=f"approval rate (dashed: all applicants, {_fmt_pct(overall)})", title=f"Approval by segment at {cutoff:g}",
    )
    height = max(bars_height + 6, 300)
    lines = svg_lines(
        x,
        [("approval rate", curve["approval_rate"].to_numpy(dtype=float), "blue", None),
         ("bad rate", curve["bad_rate"].to_numpy(dtype=float), "vermillion", "6 4")],
        width=320, height=height, ylim=(0.0, 1.0), share=True, markers=[(cutoff, "", "black")],
        title="Trade-off", xlabel="cut-off (points)",
    )
    low = table.loc[table["approval_rate"].idxmin()]
    high = table.loc[table["approval_rate"].idxmax()]
    alt = (
        f"At a cut-off of {cutoff:g}, {_fmt_pct(overall)} of applicants are approved and the bad rate among them is "
        f"{_fmt_pct(curve['bad_rate'].iloc[i])}. By segment, approval is lowest for {low['segment']} "
        f"({_fmt_pct(low['approval_rate'])}) and highest for {high['segment']} ({_fmt_pct(high['approval_rate'])})."
    )
    return svg_figure(
        lines + bars, width=760, height=height, alt=alt,
        caption=f"Left: approval and bad rate against the cut-off, marker at {cutoff:g}. Right: approval rate of each segment there ({rows} segments; synthetic applicants).",
    )


# ---------------------------------------------------------------------------
# Invited, but no limit (invited-no-limit.ipynb)
# ---------------------------------------------------------------------------

_OUTCOME_COLORS = ("black", "vermillion", "orange", "green")


def plot_outcomes(table: pd.DataFrame, *, title: str, categories: Sequence[str] = OUTCOMES, colors: Sequence[str] = _OUTCOME_COLORS) -> Any:
    """Stacked horizontal bars: the share of each outcome within each segment.

    Examples
    --------
    >>> table = pd.DataFrame([[0.1, 0.2, 0.1, 0.6]], index=["all"], columns=OUTCOMES)
    >>> plot_outcomes(table, title="Toy").alt[:40]
    'Toy. all: not invited 10.0 %, invited, d'
    """
    from lessons.plotting import PALETTE, chart, subplots

    title = _check_title(title)
    categories = as_names("categories", categories, what="outcome columns of table")
    colors = as_names("colors", colors, what="colour names")
    for color in colors:
        require_one_of("colors", color, PALETTE)
    require_same_length("categories", categories, "colors", colors)
    require_columns("table", table, categories)
    fig, ax = subplots(width=7.0, height=0.42 * len(table) + 1.8)
    _fixed_layout(fig, left=1.2, right=0.2, top=0.4, bottom=1.3)
    left = np.zeros(len(table))
    y = np.arange(len(table))
    hatches = (None, "//", "..", None)
    for category, color, hatch in zip(categories, colors, hatches):
        values = table[category].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=PALETTE[color], label=category, hatch=hatch, edgecolor="white")
        for yi, (l, v) in enumerate(zip(left, values)):
            if v >= 0.08:
                ax.text(
                    l + v / 2, yi, f"{100 * v:.0f}%", ha="center", va="center", fontsize=8,
                    color="white" if color in ("black", "blue", "green") else "black", fontweight="bold",
                )
        left += values
    ax.set_yticks(y, [str(i) for i in table.index])
    ax.invert_yaxis()
    ax.set_axisbelow(True)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of applicants in the segment")
    axes_height = ax.get_position().height * fig.get_size_inches()[1]
    ax.legend(ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.5 / axes_height), fontsize=8)
    ax.set_title(title)
    summary = "; ".join(f"{idx}: " + ", ".join(f"{c} {_fmt_pct(table.loc[idx, c])}" for c in categories) for idx in table.index[:4])
    return chart(fig, alt=f"{title}. {summary}.", caption=title + " (synthetic applicants, illustrative policy).")


_OUTCOME_STYLE = (("black", None), ("vermillion", "stripe"), ("orange", "dots"), ("green", None))

_HOLDING_STYLE = (("green", None), ("sky", None), ("orange", "stripe"), ("black", None))


def _stacked_svg(
    table: pd.DataFrame,
    categories: Sequence[str],
    styles: Sequence[tuple[str, str | None]],
    *,
    title: str,
    caption: str,
    xlabel: str = "share of applicants in the segment",
    label_width: float = 130.0,
) -> str:
    """Stacked bars of category shares per key segment, as an SVG figure with computed alt text."""
    series = [(c, table[c].to_numpy(dtype=float), color, pattern) for c, (color, pattern) in zip(categories, styles)]
    body, height = svg_hbars(
        [str(i) for i in table.index], series, x0=0, y0=0, width=700, row=26, label_width=label_width,
        xlabel=xlabel, title=title,
    )
    summary = "; ".join(f"{idx}: " + ", ".join(f"{c} {_fmt_pct(table.loc[idx, c])}" for c in categories) for idx in table.index)
    return svg_figure(body, width=700, height=height + 4, alt=f"{title}. {summary}.", caption=caption)


def two_stage_view(setup: TwoStageSetup, prescreen_cutoff: float, underwriting_cutoff: float) -> list[Any]:
    """Widget function: pre-screen and underwriting cut-offs → outcome shares by key segment.

    Returns a sentence (HTML) and an SVG figure of stacked bars.

    Examples
    --------
    >>> seg = pd.DataFrame({"thin_file": ["thin file", "has a record"], "age_band": ["age 18-24", "age 35-44"],
    ...     "business_owner": ["business owner", "employee / other"], "city_tier": ["tier 1", "tier 2"]})
    >>> setup = TwoStageSetup(None, None, None, np.array([600., 500.]), np.array([620., 650.]), None,
    ...     np.array([9000., 9000.]), np.array([0., 0.]), seg, np.array([0, 0]))
    >>> html, figure = two_stage_view(setup, 550, 560)
    >>> "50.0 %" in html and "<svg" in figure
    True
    """
    decisions = two_stage_decisions(setup, prescreen_cutoff, underwriting_cutoff)
    table = share_by_key_segments(decisions["outcome"].astype(str).to_numpy(), setup.segments, OUTCOMES)
    invited = float(decisions["invited"].mean())
    limitless = float((decisions["outcome"] != "limit granted")[decisions["invited"]].mean()) if invited > 0 else float("nan")
    html = (
        f"<p>Invited (entry point shown): <b>{_fmt_pct(invited)}</b> of applicants. Of those invited, "
        f"<b>{_fmt_pct(limitless)}</b> get no usable limit.</p>"
    )
    figure = _stacked_svg(
        table, OUTCOMES, _OUTCOME_STYLE,
        title=f"Outcomes: pre-screen cut-off {prescreen_cutoff:g}, underwriting cut-off {underwriting_cutoff:g}",
        caption="What applicants experience in the two-stage process (synthetic applicants, illustrative policy).",
    )
    return [html, figure]


def products_view(setup: TwoStageSetup, cutoff_a: float, cutoff_b: float) -> list[Any]:
    """Widget function: the two products' cut-offs → each product's reach and bad rate, and who holds both, one or neither.

    Returns a sentence (HTML) with the share of applicants holding each
    product, the bad rate among its holders (the share who default: the cost
    of a lower cut-off) and the share holding exactly one product, and an SVG
    figure of stacked bars by key segment.

    Examples
    --------
    >>> seg = pd.DataFrame({"thin_file": ["thin file", "has a record"], "age_band": ["age 18-24", "age 35-44"],
    ...     "business_owner": ["business owner", "employee / other"], "city_tier": ["tier 1", "tier 2"]})
    >>> setup = TwoStageSetup(None, None, None, None, np.array([600., 540.]), np.array([500., 620.]),
    ...     np.array([9000., 9000.]), np.array([0., 0.]), seg, np.array([0, 1]))
    >>> html, figure = products_view(setup, 570, 560)
    >>> "A only 50.0 %" in figure, "bad rate among holders <b>100.0 %</b>" in html
    (True, True)
    """
    from dataclasses import replace

    a = replace(PRODUCT_A, cutoff=float(_check_cutoffs("cutoff_a", cutoff_a, SCORE_RANGE)[0]))
    b = replace(PRODUCT_B, cutoff=float(_check_cutoffs("cutoff_b", cutoff_b, SCORE_RANGE)[0]))
    decisions = product_decisions(setup, a, b)
    holds = decisions["holds"].astype(str).to_numpy()
    table = share_by_key_segments(holds, setup.segments, PRODUCT_COMBINATIONS)
    defaults = np.asarray(setup.defaults, dtype=float)
    parts = []
    for name, cutoff, limits in (("A", a.cutoff, decisions["limit_a"]), ("B", b.cutoff, decisions["limit_b"])):
        holders = limits.to_numpy() > 0
        bad = float(defaults[holders].mean()) if holders.any() else float("nan")
        parts.append(f"Product {name} (cut-off {cutoff:g}): {_fmt_pct(float(holders.mean()))} of applicants hold a line; bad rate among holders <b>{_fmt_pct(bad)}</b>.")
    one = float(np.mean((holds == "A only") | (holds == "B only")))
    html = f"<p>{' '.join(parts)} Exactly one of the two: <b>{_fmt_pct(one)}</b> of applicants.</p>"
    figure = _stacked_svg(
        table, PRODUCT_COMBINATIONS, _HOLDING_STYLE,
        title=f"Product A (cut-off {cutoff_a:g}) and product B (cut-off {cutoff_b:g})",
        caption="Who holds both products, one of them or neither (synthetic applicants, illustrative policies).",
    )
    return [html, figure]


# ---------------------------------------------------------------------------
# Reviews, cuts and reasons (reviews-and-reasons.ipynb)
# ---------------------------------------------------------------------------

def plot_review_cuts(table: pd.DataFrame, *, title: str) -> Any:
    """Stacked bars: share of lines reduced and closed in each segment.

    Examples
    --------
    >>> table = pd.DataFrame({"reduce": [0.2], "close": [0.1], "lines": [100]}, index=["all"])
    >>> plot_review_cuts(table, title="Toy").alt
    'Toy: all 30.0 % of lines cut.'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("reduce", "close", "lines"))
    title = _check_title(title)
    fig, ax = subplots(width=6.5, height=0.45 * len(table) + 1.3)
    y = np.arange(len(table))
    ax.barh(y, table["close"], color=PALETTE["vermillion"], label="closed")
    ax.barh(y, table["reduce"], left=table["close"], color=PALETTE["orange"], hatch="//", edgecolor="white", label="reduced")
    for yi, total in zip(y, table["close"] + table["reduce"]):
        ax.text(total + 0.005, yi, _fmt_pct(total), va="center", fontsize=8)
    ax.set_yticks(y, [f"{s} ({n:,} lines)" for s, n in zip(table.index, table["lines"])])
    ax.invert_yaxis()
    top = float((table["close"] + table["reduce"]).max())
    ax.set_xlim(0, max(0.1, min(1.0, top * 1.25 + 0.02)))
    ax.set_axisbelow(True)
    ax.set_xlabel("share of lines in force")
    ax.set_title(title)
    ax.legend(loc="lower right")
    cut = table["close"] + table["reduce"]
    alt = f"{title}: " + "; ".join(f"{s} {_fmt_pct(c)} of lines cut" for s, c in zip(table.index, cut)) + "."
    _fixed_layout(fig, left=2.3, right=0.2, top=0.4, bottom=0.5)
    return chart(fig, alt=alt, caption="Lines reduced or closed at the review (synthetic applicants, illustrative policy).")


def review_view(setup: ReviewSetup, tightening: float, *, review_cutoff: float | None = None) -> list[Any]:
    """Widget function: a policy tightening (points) → share of lines reduced and closed, by key segment.

    Returns a sentence (HTML) and an SVG figure of stacked bars.
    """
    table = review_table(setup, tightening, review_cutoff=review_cutoff)
    overall = table.iloc[0]
    html = (
        f"<p>Raising the review bar by {tightening:g} points cuts <b>{_fmt_pct(overall['cut_any'])}</b> of lines in force; "
        f"<b>{_fmt_pct(overall['cut_but_repaid'])}</b> of the cut lines belong to people who would have repaid.</p>"
    )
    labels = [f"{i} ({n:,})" for i, n in zip(table.index, table["lines"])]
    shown = table.set_axis(labels)
    figure = _stacked_svg(
        shown, ("close", "reduce"), (("vermillion", None), ("orange", "stripe")),
        title=f"Lines cut at the review, bar raised by {tightening:g} points",
        xlabel="share of lines in force", label_width=175,
        caption="Share of lines in force that are closed or halved, by segment (number of lines in brackets; synthetic applicants, illustrative policy).",
    )
    return [html, figure]


_METHOD_SHORT = {
    "near_cutoff": "near-cut-off average",
    "all_applicants": "all-applicant average",
    "max_points": "maximum points",
    "given": "given reference applicant",
}


def _reason_method(table: pd.DataFrame) -> tuple[str, str]:
    """(method key, method in words) of a :func:`~lessons.credit.reviews.reason_codes` table."""
    methods = table["method"].unique().tolist() if "method" in table.columns else []
    method = methods[0] if len(methods) == 1 else table.attrs.get("method", "given")
    label = table.attrs.get("reference") or _METHOD_SHORT.get(method, str(method))
    return method, label


def plot_reason_codes(table: pd.DataFrame, *, title: str) -> Any:
    """Horizontal bars of the points lost on each reason (from :func:`~lessons.credit.reviews.reason_codes`).

    The title, axis label and alt text name the method that chose the
    reference applicant (the table's ``method`` column).

    Examples
    --------
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> plot_reason_codes(reason_codes(m, pd.DataFrame({"utilisation": [0.9]})), title="Toy").alt
    'Toy, reasons by the method all applicants: average points of all applicants: utilisation costs 40 points.'
    """
    from lessons.plotting import PALETTE, chart, subplots

    if not isinstance(table, pd.DataFrame) or not {"variable", "points_lost", "rank"} <= set(table.columns):
        raise ValueError("table must be a reason_codes() table with columns rank, variable and points_lost")
    title = _check_title(title)
    method, label = _reason_method(table)
    heading = f"{title}, reasons by the method {label}"
    fig, ax = subplots(width=6.0, height=0.5 * max(len(table), 1) + 1.2)
    if table.empty:
        ax.text(0.5, 0.5, "No variable costs this applicant points\nagainst the reference.", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return chart(fig, alt=f"{heading}: no reasons; the applicant loses no points against the reference.", caption=heading)
    y = np.arange(len(table))
    ax.set_axisbelow(True)
    ax.barh(y, table["points_lost"], color=PALETTE["vermillion"])
    ax.set_yticks(y, [f"{r}. {v}" for r, v in zip(table["rank"], table["variable"])])
    ax.invert_yaxis()
    ax.set_xlabel(f"points lost versus the reference ({_METHOD_SHORT.get(method, method)})")
    ax.set_title(title)
    alt = f"{heading}: " + "; ".join(f"{v} costs {p:.0f} points" for v, p in zip(table["variable"], table["points_lost"])) + "."
    _fixed_layout(fig, left=2.3, right=0.2, top=0.4, bottom=0.5)
    return chart(fig, alt=alt, caption=heading + " (illustrative model, not Ant's).")


def reasons_view(model: PlatformModel, examples: pd.DataFrame, profile: str, *, cutoff: float = 570.0, reference: ReasonReference | None = None) -> list[Any]:
    """Widget function: an example applicant (and a reference) → score, decision and a reason-code table.

    ``reference`` is a :class:`~lessons.credit.reviews.ReasonReference` from
    :func:`~lessons.credit.reviews.reason_reference` (compute it once, outside
    the widget); default: the average of all applicants the model was fitted
    on. The sentence and the table's points column name the method. The table
    shows each reason with a text bar proportional to the points it cost
    (cheap to draw, so the widget stays fast).

    Examples
    --------
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> ex = pd.DataFrame({"utilisation": [0.9]}, index=["High use"])
    >>> html, table = reasons_view(m, ex, "High use")
    >>> table["points lost (all-applicant average)"].tolist(), "all applicants: average points" in html
    ([40.4], True)
    """
    model = _check_model(model)
    require_columns("examples", examples, model.features)
    require_one_of("profile", profile, list(examples.index))
    cutoff = float(_check_cutoffs("cutoff", cutoff, SCORE_RANGE)[0])
    if reference is None:
        reference = reason_reference(model)
    elif not isinstance(reference, ReasonReference):
        raise TypeError(f"reference must be a ReasonReference (from reason_reference); got {type(reference).__name__}")
    row = examples.loc[[profile], list(model.features)].infer_objects()
    score = float(score_applicants(model, row)[0])
    table = reason_codes(model, row, reference=reference)
    decision = "approved" if score >= cutoff else "declined"
    html = (
        f"<p><b>{profile}</b>: score {score:.0f} points, <b>{decision}</b> at a cut-off of {cutoff:g}. "
        f"Principal reasons by the method <b>{reference.label}</b> (reference score {reference.score:.0f}), "
        f"ordered by the points each variable cost against that reference:</p>"
    )
    top = float(table["points_lost"].max()) if len(table) else 1.0
    points_column = f"points lost ({_METHOD_SHORT.get(reference.method, reference.method)})"
    shown = pd.DataFrame(
        {
            "rank": table["rank"].to_numpy(),
            "reason": table["reason"].to_numpy(),
            "applicant's value": [("no record" if np.isnan(v) else f"{v:,.2f}".rstrip("0").rstrip(".")) for v in table["value"]],
            points_column: table["points_lost"].round(1).to_numpy(),
            "": ["█" * max(1, int(round(12 * p / top))) for p in table["points_lost"]],
        }
    )
    if shown.empty:
        html += "<p>No variable costs this applicant points against the reference.</p>"
    return [html, shown]
