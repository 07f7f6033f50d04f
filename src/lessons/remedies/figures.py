"""Figures, display tables and widget frames of Chapter 4 (every page of book/remedies/).

Each ``plot_*`` function returns a :class:`lessons.plotting.Chart` (a figure
with alt text that states its numbers, and a caption); each ``*_view``
function is the frame function of one page's widget and returns HTML, a table
or a list of them. The models they draw live in :mod:`lessons.remedies.recourse`
(borrowers), :mod:`lessons.remedies.platform_data` (platforms-data),
:mod:`lessons.remedies.notice` (platforms-notice) and
:mod:`lessons.remedies.lab` (policy lab); models never import this module.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_int, as_number, require_columns, require_one_of
from lessons.plotting import pct
from lessons.svg import html_bars
from lessons.remedies.lab import POLICY_RULE_LABELS, POLICY_RULES, PolicyLab, policy_outcome
from lessons.remedies.platform_data import (
    DATA_SOURCE_LABELS,
    FAIRNESS_SEGMENTS,
    DataStudy,
    _check_source,
    data_metrics,
    group_fairness,
)
from lessons.remedies.recourse import _FEATURE_NAMES, RecoursePlan, _fmt_value, applicant_recourse

__all__ = [
    "estimate_text",
    "plan_table",
    "plot_recourse",
    "recourse_view",
    "plot_tips",
    "plot_group_approval",
    "plot_german_fairness",
    "metrics_table",
    "data_view",
    "plot_data_comparison",
    "plot_notice_tradeoff",
    "notice_view",
    "plot_policy_space",
    "policy_view",
]


def _pct(x: float, digits: int = 1) -> str:
    """:func:`lessons.plotting.pct`, with a dash for a missing value (no thin file approved, say)."""
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else pct(x, digits)


def _pm(value: float, se: float | None, *, percent: bool = False, unit: str = "") -> str:
    """A simulated number with its 95 % Monte Carlo error, rounded to the digits that are real: '51 ± 3 %'.

    Without a standard error (a table from before the errors were recorded) only the value is shown.
    """
    from lessons.montecarlo import decimals_for

    scale, suffix = (100.0, " %") if percent else (1.0, unit)
    if se is None or math.isnan(float(se)) or se == 0:
        return f"{value * scale:,.0f}{suffix}"
    digits = decimals_for(float(se), scale=scale) if se > 0 else 0
    return f"{value * scale:,.{digits}f} ± {1.96 * se * scale:,.{digits}f}{suffix}"


def estimate_text(estimate: Any, *, percent: bool = False, points: bool = False, unit: str = "", interval: bool = False) -> str:
    """A Monte Carlo estimate as prose: value ± the 95 % half-width, both rounded to the digits that are real.

    The last digit shown is the first one the standard error can move, also
    left of the decimal point (a loss of RMB 174 with a standard error of 75
    reads "170 ± 150"). Negative numbers get a true minus sign.

    Parameters
    ----------
    estimate : lessons.montecarlo.Estimate
    percent : bool
        Show a share as a percentage ("42 ± 3 %").
    points : bool
        Show a difference of two shares in percentage points ("9.4 ± 1.8 pp").
    unit : str
        Text after the number otherwise (e.g. ``" RMB"``, ``" shops"``).
    interval : bool
        Give the interval in brackets instead of the ± term ("42 % (95 % interval 39 to 45 %)"),
        for intervals that are not symmetric.

    Examples
    --------
    >>> from lessons.montecarlo import Estimate, proportion_estimate
    >>> estimate_text(proportion_estimate(418, 1_000), percent=True)
    '42 ± 3 %'
    >>> estimate_text(Estimate(-174.2, 75.4, -322.0, -26.4, 0.95, 1_000), unit=" RMB")
    '−170 ± 150 RMB'
    >>> estimate_text(Estimate(0.094, 0.0092, 0.076, 0.112, 0.95, 1_000), points=True, interval=True)
    '9.4 pp (95 % interval 7.6 to 11.2 pp)'
    """
    from lessons.montecarlo import Estimate

    if not isinstance(estimate, Estimate):
        raise TypeError(f"estimate must be a lessons.montecarlo.Estimate; got {type(estimate).__name__}")
    if percent and points:
        raise ValueError("percent and points cannot both be set: a share is in %, a difference of shares in pp")
    scale, suffix = (100.0, " %") if percent else (100.0, " pp") if points else (1.0, unit)
    se = estimate.standard_error * scale
    place = -math.floor(math.log10(se)) if se > 0 else 0  # decimal place of the leading digit of the standard error

    def number(x: float) -> str:
        rounded = round(x * scale, place)
        text = f"{rounded:,.{max(place, 0)}f}"
        return text.replace("-", "−") if rounded != 0 else text.lstrip("-")

    half = (estimate.high - estimate.low) / 2
    if se == 0:
        return number(estimate.value) + suffix
    if interval:  # the interval itself, which may be asymmetric (Wilson, Newcombe), instead of a ± term
        return f"{number(estimate.value)}{suffix} ({estimate.level * 100:g} % interval {number(estimate.low)} to {number(estimate.high)}{suffix})"
    return f"{number(estimate.value)} ± {number(half)}{suffix}"


# ---------------------------------------------------------------------------
# For borrowers: recourse, not folklore (borrowers.ipynb)
# ---------------------------------------------------------------------------


def plan_table(plan: RecoursePlan) -> pd.DataFrame:
    """A reader's version of a plan: action, from, to, points, months.

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> plan_table(applicant_recourse(m, {"utilisation": 0.9}, cutoff=540)).to_dict("records")[0]
    {'action': 'Pay down balances on existing lines', 'from': '90 %', 'to': '55 %', 'points': 20.2, 'months': 4.5}
    """
    if not isinstance(plan, RecoursePlan):
        raise TypeError(f"plan must be a RecoursePlan; got {type(plan).__name__}")
    changes = plan.changes
    labels = changes["action"] if "action" in changes.columns else changes["feature"]
    return pd.DataFrame(
        {
            "action": list(labels),
            "from": [_fmt_value(f, v) for f, v in zip(changes["feature"], changes["current"])],
            "to": [_fmt_value(f, v) for f, v in zip(changes["feature"], changes["new"])],
            "points": [round(float(p), 1) for p in changes["points"]],
            "months": [round(float(m), 1) for m in changes["months"]],
        }
    )


def plot_recourse(plan: RecoursePlan, *, title: str | None = None) -> Any:
    """Horizontal bars: the points each change of a plan adds, against the points needed.

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> plot_recourse(applicant_recourse(m, {"utilisation": 0.9}, cutoff=540)).alt[:40]
    'Recourse plan: from 521.7 to 541.9 point'
    """
    from lessons.plotting import PALETTE, chart, subplots

    if not isinstance(plan, RecoursePlan):
        raise TypeError(f"plan must be a RecoursePlan; got {type(plan).__name__}")
    changes = plan.changes
    names = [_FEATURE_NAMES.get(f, f) for f in changes["feature"]]
    fig, ax = subplots(width=6.5, height=1.2 + 0.45 * max(len(changes), 1))
    y = np.arange(len(changes))
    ax.barh(y, changes["points"], color=PALETTE["blue"], height=0.6)
    needed = plan.cutoff - plan.score_before
    ax.axvline(needed, color=PALETTE["vermillion"], linestyle="--", linewidth=1.2, label=f"points needed: {needed:.1f}")
    left = 0.0
    for yi, (points, months) in enumerate(zip(changes["points"], changes["months"])):
        ax.annotate(f"+{points:.1f} pts, {months:.1f} months", (points, yi), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        left += points
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, max(needed, float(changes["points"].max()) if len(changes) else needed) * 1.6)
    ax.set_xlabel("points gained")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title or f"Plan: {plan.months:.1f} months to reach the cut-off of {plan.cutoff:.0f}")
    parts = "; ".join(
        f"{n} from {_fmt_value(f, c)} to {_fmt_value(f, v)}: +{p:.1f} points in {m:.1f} months"
        for n, f, c, v, p, m in zip(names, changes["feature"], changes["current"], changes["new"], changes["points"], changes["months"])
    )
    alt = (
        f"Recourse plan: from {plan.score_before:.1f} to {plan.score_after:.1f} points against a cut-off of {plan.cutoff:.0f} "
        f"({needed:.1f} points needed), done in {plan.months:.1f} months. {parts}."
    )
    return chart(fig, alt=alt, caption="Points each change adds (bars) and the points needed (dashed line); changes run in parallel.")


def recourse_view(model: Any, examples: pd.DataFrame, profile: str, cutoff: float) -> list[Any]:
    """Widget function: an example applicant and a cut-off → the fastest recourse plan (HTML bars and a table).

    A ``ValueError`` (approved already, nothing reachable) is shown by the
    widget as a message.

    Examples
    --------
    >>> from lessons.credit import PlatformModel
    >>> m = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    >>> ex = pd.DataFrame({"utilisation": [0.9]}, index=["Line almost fully used"])
    >>> bars, table = recourse_view(m, ex, "Line almost fully used", 540)
    >>> table["months"].tolist(), "4.5 months" in bars
    ([4.5], True)
    """
    from lessons.plotting import PALETTE

    if not isinstance(examples, pd.DataFrame):
        raise TypeError(f"examples must be a DataFrame of applicants indexed by profile; got {type(examples).__name__}")
    require_one_of("profile", profile, list(examples.index))
    plan = applicant_recourse(model, examples.loc[profile], cutoff)
    needed = plan.cutoff - plan.score_before
    rows = [("Points needed", needed, f"{needed:.1f} points", PALETTE["vermillion"])]
    for feature, points, months in zip(plan.changes["feature"], plan.changes["points"], plan.changes["months"]):
        rows.append((_FEATURE_NAMES.get(feature, feature), float(points), f"+{points:.1f} points in {months:.1f} months", PALETTE["blue"]))
    scale = max(value for _, value, _, _ in rows) * 1.05
    caption = (
        f"{profile}: score {plan.score_before:.1f}, cut-off {cutoff:.0f}. The fastest plan takes {plan.months:.1f} months "
        f"and ends at {plan.score_after:.1f} points (changes run in parallel)."
    )
    return [html_bars(rows, scale=scale, caption=caption), plan_table(plan)]


def plot_tips(table: pd.DataFrame) -> Any:
    """Bars of the points each popular tip moves the score (0 for tips the model does not see).

    Examples
    --------
    >>> t = pd.DataFrame({"tip": ["a", "b"], "points": [-5.0, 0.0], "in_model": [True, False]})
    >>> plot_tips(t).alt.startswith("Points each tip")
    True
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("tip", "points", "in_model"))
    fig, ax = subplots(width=7.0, height=0.8 + 0.38 * len(table))
    y = np.arange(len(table))
    colours = [PALETTE["grey"] if not m else (PALETTE["blue"] if p > 0 else PALETTE["vermillion"]) for p, m in zip(table["points"], table["in_model"])]
    ax.barh(y, table["points"], color=colours, height=0.6)
    ax.axvline(0, color=PALETTE["black"], linewidth=0.8)
    for yi, (p, m) in enumerate(zip(table["points"], table["in_model"])):
        ax.annotate(f"{p:+.1f}" if m else "not in the model", (p, yi), xytext=(4 if p >= 0 else -4, 0), textcoords="offset points",
                    va="center", ha="left" if p >= 0 else "right", fontsize=8)
    labels = [t if len(t) <= 48 else t[:46] + "…" for t in table["tip"]]
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    span = max(5.0, float(np.abs(table["points"]).max()))
    ax.set_xlim(-1.6 * span, 1.6 * span)
    ax.set_xlabel("points (higher = safer)")
    parts = "; ".join(f"{t}: {'%+.1f points' % p if m else 'not in the model'}" for t, p, m in zip(table["tip"], table["points"], table["in_model"]))
    return chart(fig, alt=f"Points each tip moves the score: {parts}.", caption="Popular tips scored by the course's model (grey: the model does not use the variable).")


# ---------------------------------------------------------------------------
# For platforms: more data, fairer decisions? (platforms-data.ipynb)
# ---------------------------------------------------------------------------


def plot_group_approval(
    study: DataStudy, source: str, cutoff: float, *, reference: str = "bureau", reference_cutoff: float | None = None
) -> Any:
    """Approval rate by age band and by city tier: the chosen data sources against bureau data only.

    ``reference_cutoff`` (default: ``cutoff``) lets the two models be compared
    at different cut-offs, e.g. at the same overall bad rate.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> from lessons.remedies.platform_data import data_study
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> plot_group_approval(study, "bureau + platform", 570).alt[:24]
    'Approval rate by age ban'
    """
    from lessons import credit
    from lessons.plotting import PALETTE, chart, subplots

    source = _check_source(study, source)
    reference = _check_source(study, reference, "reference")
    cutoff = as_number("cutoff", cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    if reference_cutoff is None:
        reference_cutoff = cutoff
    else:
        reference_cutoff = as_number("reference_cutoff", reference_cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    segments = study.segments()
    fig, axes = subplots(1, 2, width=7.2, height=3.0, sharey=True, gridspec_kw={"width_ratios": [5, 4]})
    alt_parts = []
    for ax, segment, title in zip(axes, FAIRNESS_SEGMENTS, ("Age band", "City tier")):
        before = group_fairness(study.scores[reference] >= reference_cutoff, study.defaults, segments[segment]).drop(index="all")
        after = group_fairness(study.scores[source] >= cutoff, study.defaults, segments[segment]).drop(index="all")
        x = np.arange(len(before))
        ax.bar(x - 0.2, before["approval_rate"], width=0.4, color=PALETTE["grey"], label=DATA_SOURCE_LABELS.get(reference, reference))
        ax.bar(x + 0.2, after["approval_rate"], width=0.4, color=PALETTE["blue"], hatch="//", edgecolor="white",
               label=DATA_SOURCE_LABELS.get(source, source))
        ax.set_xticks(x, [str(i) for i in before.index], fontsize=8)
        ax.set_title(title)
        ax.set_ylim(0, 1)
        alt_parts.append(
            f"{title.lower()}: " + ", ".join(f"{g} {_pct(b, 0)} → {_pct(a, 0)}" for g, b, a in zip(before.index, before["approval_rate"], after["approval_rate"]))
        )
    axes[0].set_ylabel("approval rate")
    axes[0].legend(fontsize=7, loc="upper left")
    where = f"a cut-off of {cutoff:.0f}" if reference_cutoff == cutoff else f"cut-offs of {reference_cutoff:.0f} and {cutoff:.0f}"
    alt = f"Approval rate by age band and city tier at {where}, bureau data only → {DATA_SOURCE_LABELS.get(source, source)}. " + "; ".join(alt_parts) + "."
    return chart(fig, alt=alt, caption=f"Approval rate by group at {where} (grey: bureau data only; blue, hatched: {DATA_SOURCE_LABELS.get(source, source)}).")


def plot_german_fairness(table: pd.DataFrame) -> Any:
    """The German scorecard's approval rate and good credits declined, group by group, with 95 % intervals.

    ``table`` is :func:`~lessons.remedies.platform_data.german_fairness`.

    Examples
    --------
    >>> from lessons.remedies.platform_data import german_fairness
    >>> plot_german_fairness(german_fairness()).alt[:40]
    'German scorecard at a cut-off of 499 poi'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns(
        "table", table,
        ("applicants", "approval_rate", "approval_low", "approval_high", "good_declined", "good_declined_low", "good_declined_high", "cutoff"),
    )
    if not isinstance(table.index, pd.MultiIndex) or list(table.index.names) != ["variable", "group"]:
        raise ValueError("table must be indexed by (variable, group), as german_fairness returns it")
    labels = [f"{group} (n = {int(n):,})" for (_, group), n in zip(table.index, table["applicants"])]
    y = np.arange(len(table))[::-1]
    fig, axes = subplots(1, 2, width=8.0, height=0.42 * len(table) + 1.4, sharey=True)
    parts = []
    for ax, column, stem, title, colour in (
        (axes[0], "approval_rate", "approval", "approved", PALETTE["blue"]),
        (axes[1], "good_declined", "good_declined", "good credits declined", PALETTE["vermillion"]),
    ):
        value = table[column].to_numpy(dtype=float)
        low = value - table[f"{stem}_low"].to_numpy(dtype=float)
        high = table[f"{stem}_high"].to_numpy(dtype=float) - value
        ax.errorbar(value, y, xerr=[low, high], fmt="o", color=colour, ecolor=colour, elinewidth=1.2, capsize=3)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f} %")
        ax.set_title(title, fontsize=9)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(y, labels, fontsize=7.5)
    for (variable, group), r in table.iterrows():
        parts.append(
            f"{group} ({int(r['applicants'])}): approved {_pct(r['approval_rate'], 0)} "
            f"({_pct(r['approval_low'], 0)}–{_pct(r['approval_high'], 0)}), good credits declined {_pct(r['good_declined'], 0)} "
            f"({_pct(r['good_declined_low'], 0)}–{_pct(r['good_declined_high'], 0)})"
        )
    cutoff = float(table["cutoff"].iloc[0])
    alt = f"German scorecard at a cut-off of {cutoff:.0f} points, by group with 95 % intervals: " + "; ".join(parts) + "."
    caption = (
        "Approval rate and share of good credits declined by marital status and sex, and by foreign-worker status, "
        "with 95 % Wilson intervals (South German Credit data). The level \"female: non-single, or male: single\" mixes "
        "the sexes, so no comparison of women with men can be read from it."
    )
    return chart(fig, alt=alt, caption=caption)


def metrics_table(rows: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Readable side-by-side table of :func:`~lessons.remedies.platform_data.data_metrics` results (percentages as text).

    Examples
    --------
    >>> s = pd.Series({"cutoff": 570.0, "auc": 0.8, "approval_rate": 0.6, "bad_rate": 0.03, "thin_approval_rate": 0.2,
    ...     "thin_bad_rate": 0.05, "record_approval_rate": 0.8, "age_band_approval_gap": 0.5, "age_band_tpr_gap": 0.4,
    ...     "city_tier_approval_gap": 0.1, "city_tier_tpr_gap": 0.05})
    >>> metrics_table({"A": s}).loc["AUC (hold-out)", "A"]
    '0.800'
    """
    labels = {
        "cutoff": ("Cut-off (points)", lambda v: f"{v:.0f}"),
        "auc": ("AUC (hold-out)", lambda v: f"{v:.3f}"),
        "approval_rate": ("Approval rate", _pct),
        "bad_rate": ("Bad rate among the approved", lambda v: _pct(v, 2)),
        "thin_approval_rate": ("Approval rate, thin files", _pct),
        "thin_bad_rate": ("Bad rate, approved thin files", lambda v: _pct(v, 2)),
        "record_approval_rate": ("Approval rate, with a record", _pct),
        "age_band_approval_gap": ("Approval-rate gap across age bands", _pct),
        "age_band_tpr_gap": ("True-positive-rate gap across age bands", _pct),
        "city_tier_approval_gap": ("Approval-rate gap across city tiers", _pct),
        "city_tier_tpr_gap": ("True-positive-rate gap across city tiers", _pct),
    }
    if not isinstance(rows, Mapping):
        raise ValueError(f"rows must be a mapping of column name -> data_metrics Series; got {type(rows).__name__} {rows!r}")
    for name, series in rows.items():
        if not isinstance(series, pd.Series):
            raise ValueError(f"rows[{name!r}] must be a pandas Series from data_metrics; got {type(series).__name__}")
    out = {}
    for name, series in rows.items():
        out[name] = {label: fmt(float(series[key])) for key, (label, fmt) in labels.items() if key in series.index}
    return pd.DataFrame(out)


def data_view(study: DataStudy, source: str, cutoff: float) -> list[Any]:
    """Widget function: data sources and a cut-off → approval by group (HTML bars) and the metrics table.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> from lessons.remedies.platform_data import data_study
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> bars, table = data_view(study, "bureau + tenure", 580)
    >>> list(table.columns), "thin file" in bars
    (['Bureau data only', '+ account tenure'], True)
    """
    from lessons.plotting import PALETTE

    source = _check_source(study, source)
    base = data_metrics(study, "bureau", cutoff)
    chosen = data_metrics(study, source, cutoff)
    names = {DATA_SOURCE_LABELS.get("bureau", "bureau"): base}
    if source != "bureau":
        names[DATA_SOURCE_LABELS.get(source, source)] = chosen
    segments = study.segments()
    groups = [("thin file", study.thin), ("has a record", ~study.thin)]
    for segment in FAIRNESS_SEGMENTS:
        for label in sorted(segments[segment].unique()):
            shown = label if segment == "city_tier" or str(label).startswith("age") else f"age {label}"
            groups.append((shown, (segments[segment] == label).to_numpy()))
    rows = []
    for label, mask in groups:
        for name, key, colour in (("bureau only", "bureau", PALETTE["grey"]), ("chosen", source, PALETTE["blue"])):
            if name == "chosen" and source == "bureau":
                continue
            rate = float((study.scores[key][mask] >= cutoff).mean()) if mask.any() else float("nan")
            rows.append((f"{label} — {name}", rate, _pct(rate), colour))
    caption = (
        f"Approval rate by group at a cut-off of {cutoff:.0f}: grey bureau data only, blue "
        f"{DATA_SOURCE_LABELS.get(source, source)}. Hold-out applicants, synthetic."
    )
    return [html_bars(rows, scale=1.0, caption=caption), metrics_table(names)]


def plot_data_comparison(table: pd.DataFrame) -> Any:
    """Overall and thin-file approval rates of each model at the same overall bad rate.

    Examples
    --------
    >>> t = pd.DataFrame({"approval_rate": [0.6, 0.65], "thin_approval_rate": [0.3, 0.45], "bad_rate": [0.03, 0.03],
    ...     "auc": [0.78, 0.8]}, index=["bureau", "bureau + platform"])
    >>> plot_data_comparison(t).alt[:29]
    'At the same bad rate among th'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("approval_rate", "thin_approval_rate", "bad_rate", "auc"))
    labels = [DATA_SOURCE_LABELS.get(i, str(i)) for i in table.index]
    fig, ax = subplots(width=6.8, height=3.0)
    x = np.arange(len(table))
    ax.bar(x - 0.2, table["approval_rate"], width=0.4, color=PALETTE["blue"], label="all applicants")
    ax.bar(x + 0.2, table["thin_approval_rate"], width=0.4, color=PALETTE["orange"], hatch="//", edgecolor="white", label="thin files")
    for xi, (a, t) in enumerate(zip(table["approval_rate"], table["thin_approval_rate"])):
        ax.annotate(_pct(a, 0), (xi - 0.2, a), ha="center", va="bottom", fontsize=8)
        ax.annotate(_pct(t, 0), (xi + 0.2, t), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, labels, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel("approval rate")
    ax.legend(fontsize=8, loc="upper left")
    bad = float(table["bad_rate"].iloc[0])
    ax.set_title(f"Same bad rate among the approved (about {_pct(bad, 1)})")
    parts = "; ".join(f"{l}: all {_pct(a, 1)}, thin files {_pct(t, 1)}, AUC {u:.3f}" for l, a, t, u in zip(labels, table["approval_rate"], table["thin_approval_rate"], table["auc"]))
    return chart(fig, alt=f"At the same bad rate among the approved ({_pct(bad, 2)}), approval rates: {parts}.",
                 caption="Approval rates of all applicants and of thin-file applicants when every model is held to the same bad rate.")


# ---------------------------------------------------------------------------
# For platforms: notice and transition (platforms-notice.ipynb)
# ---------------------------------------------------------------------------


def plot_notice_tradeoff(table: pd.DataFrame, *, notice: int | None = None, step_down: int | None = None, title: str | None = None) -> Any:
    """The trade-off: platform's extra expected loss (x) against shops' shortfall probability (y), one point per rule.

    When the table has the Monte Carlo standard errors of
    :func:`~lessons.remedies.notice.notice_tradeoff` (``shortfall_se``,
    ``extra_expected_loss_se``), each point carries its 95 % error bars.

    Examples
    --------
    >>> t = pd.DataFrame({"notice_days": [0, 60], "step_down_days": [0, 0], "shortfall_probability": [0.5, 0.3],
    ...     "extra_expected_loss": [0.0, 200.0], "no_cut_probability": [0.15, 0.15]})
    >>> plot_notice_tradeoff(t, notice=60, step_down=0).alt[:34]
    'Each notice rule as a point: shops'
    """
    from lessons.plotting import PALETTE, chart, subplots

    require_columns("table", table, ("notice_days", "step_down_days", "shortfall_probability", "extra_expected_loss", "no_cut_probability"))
    errors = {"shortfall_se", "extra_expected_loss_se"} <= set(table.columns)
    fig, ax = subplots(width=6.8, height=3.4)
    markers = {0: "o", 30: "s", 60: "^", 90: "D", 120: "v"}
    colours = [PALETTE["blue"], PALETTE["orange"], PALETTE["green"], PALETTE["purple"], PALETTE["vermillion"]]
    for i, (step, group) in enumerate(table.groupby("step_down_days", sort=True)):
        group = group.sort_values("notice_days")
        colour = colours[i % len(colours)]
        ax.plot(group["extra_expected_loss"], group["shortfall_probability"], color=colour, linewidth=1,
                marker=markers.get(int(step), "o"), label=f"step-down {int(step)} days")
        if errors:
            ax.errorbar(group["extra_expected_loss"], group["shortfall_probability"], xerr=1.96 * group["extra_expected_loss_se"],
                        yerr=1.96 * group["shortfall_se"], fmt="none", ecolor=colour, elinewidth=0.7, capsize=2, alpha=0.7)
        for _, r in group.iterrows():
            ax.annotate(f"{int(r['notice_days'])}d", (r["extra_expected_loss"], r["shortfall_probability"]), xytext=(4, 4 - 9 * i), textcoords="offset points",
                        fontsize=7, color=colour)
    no_cut = float(table["no_cut_probability"].iloc[0])
    ax.axhline(no_cut, color=PALETTE["grey"], linestyle=":", linewidth=1, label=f"line never cut: {_pct(no_cut, 0)}")
    ax.axvline(0.0, color=PALETTE["grey"], linewidth=0.6)
    chosen = None
    if notice is not None and step_down is not None:
        hit = table[(table["notice_days"] == notice) & (table["step_down_days"] == step_down)]
        if len(hit) == 0:
            raise ValueError(f"notice {notice} with step-down {step_down} is not in the table")
        chosen = hit.iloc[0]
        ax.scatter([chosen["extra_expected_loss"]], [chosen["shortfall_probability"]], s=160, facecolors="none", edgecolors=PALETTE["black"], linewidths=1.8, zorder=5)
    ax.set_xlabel("platform's extra expected loss, RMB per shop (negative: a saving)")
    ax.set_ylabel("shops with a cash shortfall")
    ax.set_ylim(0, max(0.7, float(table["shortfall_probability"].max()) + 0.05))
    ax.yaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f} %")
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title(title or "Notice rules: shops' shortfalls against the platform's extra loss")

    def se(r: Any, column: str) -> float | None:
        return float(getattr(r, column)) if errors else None

    sudden = table[(table["notice_days"] == 0) & (table["step_down_days"] == 0)]
    parts = "; ".join(
        f"{int(r.notice_days)} days' notice, {int(r.step_down_days)}-day step-down: "
        f"{_pm(r.shortfall_probability, se(r, 'shortfall_se'), percent=True)} of shops, "
        f"RMB {_pm(r.extra_expected_loss, se(r, 'extra_expected_loss_se'))} per shop"
        for r in table.sort_values(["step_down_days", "notice_days"]).itertuples()
    )
    lead = ""
    if len(sudden):
        first = next(sudden.itertuples())
        lead = f"a sudden cut leaves {_pm(first.shortfall_probability, se(first, 'shortfall_se'), percent=True)} of shops short; "
    focus = ""
    if chosen is not None:
        focus = f" Highlighted: {int(chosen['notice_days'])} days' notice with a {int(chosen['step_down_days'])}-day step-down."
    alt = f"Each notice rule as a point: shops' shortfall probability against the platform's extra expected loss; {lead}{parts}.{focus}"
    caption = "Lower is better for shops, further left is better for the platform"
    if errors:
        caption += f"; bars show 95 % Monte Carlo intervals over {int(table['n_shops'].iloc[0]) if 'n_shops' in table else 'the'} simulated shops"
    return chart(fig, alt=alt, caption=caption + " (illustrative shops, not calibrated to Ant Group).")


def notice_view(tables: Mapping[str, pd.DataFrame], channels: str, notice: int, step_down: int) -> str:
    """Widget function: other channels, notice and step-down → both sides of the trade-off (HTML).

    ``tables`` maps a channel setting (e.g. "half the shops") to a
    :func:`~lessons.remedies.notice.notice_tradeoff` table computed with that
    ``replace_share``. Numbers carry their 95 % Monte Carlo error when the
    table has the standard errors.

    Examples
    --------
    >>> t = pd.DataFrame({"notice_days": [0, 60], "step_down_days": [0, 0], "shortfall_probability": [0.5, 0.3],
    ...     "extra_expected_loss": [0.0, 200.0], "no_cut_probability": [0.15, 0.15], "escaped_share": [0.0, 0.2]})
    >>> "30 %" in notice_view({"none": t}, "none", 60, 0)
    True
    """
    from lessons.plotting import PALETTE

    if not isinstance(tables, Mapping) or not tables:
        raise ValueError("tables must map each channel setting to a notice_tradeoff table")
    require_one_of("channels", channels, list(tables))
    notice = as_int("notice", notice, low=0, high=120)
    step_down = as_int("step_down", step_down, low=0, high=120)
    table = tables[channels]
    require_columns("tables[channels]", table, ("notice_days", "step_down_days", "shortfall_probability", "extra_expected_loss", "no_cut_probability", "escaped_share"))
    hit = table[(table["notice_days"] == notice) & (table["step_down_days"] == step_down)]
    if len(hit) == 0:
        raise ValueError(f"notice {notice} with step-down {step_down} was not precomputed for {channels!r}")
    row = hit.iloc[0]
    sudden = table[(table["notice_days"] == 0) & (table["step_down_days"] == 0)].iloc[0]
    errors = {"shortfall_se", "extra_expected_loss_se", "no_cut_se"} <= set(table.columns)

    def share(r: pd.Series, value: str, se: str) -> str:
        return _pm(float(r[value]), float(r[se]) if errors else None, percent=True)

    shops = html_bars(
        [
            ("Sudden cut", float(sudden["shortfall_probability"]), share(sudden, "shortfall_probability", "shortfall_se"), PALETTE["vermillion"]),
            ("This rule", float(row["shortfall_probability"]), share(row, "shortfall_probability", "shortfall_se"), PALETTE["blue"]),
            ("Line never cut", float(row["no_cut_probability"]), share(row, "no_cut_probability", "no_cut_se"), PALETTE["grey"]),
        ],
        scale=1.0,
        caption=(
            f"Shops with a cash shortfall after the decision ({int(notice)} days' notice, {int(step_down)}-day step-down; "
            f"other channels: {channels})" + ("; ± is the 95 % Monte Carlo error." if errors else ".")
        ),
    )
    loss = float(row["extra_expected_loss"])
    largest = max(float(table["extra_expected_loss"].abs().max()), 1.0)
    amount = _pm(loss, float(row["extra_expected_loss_se"]) if errors else None)
    platform = html_bars(
        [("Extra expected loss", abs(loss), f"RMB {amount} per shop" + (" (a saving)" if loss < 0 else ""), PALETTE["orange"] if loss >= 0 else PALETTE["green"])],
        scale=largest,
        caption=(
            f"The platform's side: extra expected loss versus a sudden cut; {_pct(row['escaped_share'], 0)} of shops refinanced "
            "elsewhere before their line started to fall. Illustrative, not calibrated to Ant Group."
        ),
    )
    return shops + platform


# ---------------------------------------------------------------------------
# Policy lab: four levers, one economy (policy-lab.ipynb)
# ---------------------------------------------------------------------------


def plot_policy_space(lab: PolicyLab, cutoffs: Sequence[float] = (550.0, 570.0, 590.0)) -> Any:
    """Every combination of the lab's levers as a point: credit supplied against expected SME shortfalls.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> from lessons.remedies.lab import policy_lab
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> plot_policy_space(lab).alt[:32]
    'Every combination of the levers '
    """
    from lessons import credit
    from lessons.plotting import PALETTE, chart, subplots

    if not isinstance(lab, PolicyLab):
        raise TypeError(f"lab must be a PolicyLab (from policy_lab); got {type(lab).__name__}")
    if isinstance(cutoffs, (str, bytes)) or not isinstance(cutoffs, Iterable):
        raise ValueError(f"cutoffs must be a sequence of cut-offs in points, e.g. (550, 570, 590); got {type(cutoffs).__name__} {cutoffs!r}")
    cutoffs = [as_number("cutoffs", c, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1]) for c in cutoffs]
    if not cutoffs:
        raise ValueError("cutoffs must contain at least one cut-off")
    notices = sorted(int(n) for n in lab.notice["notice_days"])
    colours = {
        "before 2020": PALETTE["grey"],
        "from 2022": PALETTE["vermillion"],
        "from 2022 + capital": PALETTE["blue"],
        "2020 draft": PALETTE["purple"],
        "facilitation, from Oct 2025": PALETTE["green"],
    }
    styles = {"before 2020": ":", "from 2022": "-", "from 2022 + capital": "--", "2020 draft": "-.", "facilitation, from Oct 2025": (0, (1, 1))}
    widths = {"before 2020": 2.2}
    markers = {(False, notices[0]): "o", (True, notices[0]): "s", (False, notices[-1]): "^", (True, notices[-1]): "D"}
    fig, ax = subplots(width=9.0, height=3.8)
    points = []
    for rules in POLICY_RULES:
        for alt_data in (False, True):
            for notice in (notices[0], notices[-1]):
                xs, ys = [], []
                for cutoff in cutoffs:
                    out = policy_outcome(lab, rules, cutoff, alt_data, notice)
                    xs.append(out["credit_supplied"])
                    ys.append(out["sme_shortfalls"])
                    points.append((rules, alt_data, notice, cutoff, out["credit_supplied"], out["sme_shortfalls"]))
                ax.plot(xs, ys, color=colours.get(rules, PALETTE["black"]), marker=markers[(alt_data, notice)], linestyle=styles.get(rules, "-"),
                        linewidth=widths.get(rules, 1.0), markersize=5, alpha=0.9)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=colours.get(r, PALETTE["black"]), linewidth=2, linestyle=styles.get(r, "-"), label=POLICY_RULE_LABELS[r]) for r in POLICY_RULES]
    handles += [
        Line2D([], [], color=PALETTE["black"], marker=m, linestyle="none", label=f"{'platform data' if a else 'bureau data'}, {'sudden' if n == 0 else f'{n} days'}")
        for (a, n), m in markers.items()
    ]
    ax.legend(handles=handles, fontsize=6.5, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.set_xlabel("credit supplied (RMB m per 10,000 applicants)")
    ax.set_ylabel("shops with a cash shortfall")
    ax.set_title("Credit supplied against SME shortfalls, every lever setting")
    best = min(points, key=lambda p: (p[5], -p[4]))
    worst = max(points, key=lambda p: p[5])
    alt = (
        f"Every combination of the levers as a point ({len(points)} in all). Credit supplied ranges from "
        f"{min(p[4] for p in points):.1f} to {max(p[4] for p in points):.1f} RMB m per 10,000 applicants and expected SME "
        f"shortfalls from {min(p[5] for p in points):.0f} to {max(p[5] for p in points):.0f} shops. The most shortfalls come with "
        f"{POLICY_RULE_LABELS[worst[0]]}, cut-off {worst[3]:.0f}, {'platform' if worst[1] else 'bureau'} data and "
        f"{'sudden cuts' if worst[2] == 0 else f'{worst[2]} days of notice'}; the fewest with "
        f"{POLICY_RULE_LABELS[best[0]]}, cut-off {best[3]:.0f}, {'platform' if best[1] else 'bureau'} data and "
        f"{'sudden cuts' if best[2] == 0 else f'{best[2]} days of notice'}."
    )
    steps = ", ".join(f"{c:.0f}" for c in cutoffs)
    return chart(
        fig,
        alt=alt,
        caption=(
            f"Each line joins the cut-offs {steps} for one setting of the other levers; colour and line style = capital and "
            "co-lending rules (Chapter 2's regimes), marker = data and notice. Where supply does not bind, settings with the "
            "same cut-off, data and notice coincide. Illustrative, not calibrated to Ant Group."
        ),
    )


def policy_view(lab: PolicyLab, rules: str, cutoff: float, alt_data: bool, notice: int) -> str:
    """Widget function of the policy lab: the four levers → an HTML scoreboard against the 2019 world.

    The reference column is "before 2020, cut-off ``lab.reference_cutoff``,
    bureau data, sudden cuts".

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> from lessons.remedies.lab import policy_lab
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> "Thin-file approval rate" in policy_view(lab, "from 2022", 570, False, 0)
    True
    """
    import html as _html

    def count(value: float, se: float) -> str:
        return _pm(float(value), float(se))

    chosen = policy_outcome(lab, rules, cutoff, alt_data, notice)
    reference = policy_outcome(lab, "before 2020", lab.reference_cutoff, False, int(lab.notice["notice_days"].min()))
    rows = [
        ("Cut-off actually applied (points)", lambda s: f"{s['effective_cutoff']:.0f} ({s['binding']} binds)"),
        ("Share of demand the rules allow", lambda s: _pct(s["served_share"], 0)),
        ("Approval rate", lambda s: _pct(s["approval_rate"])),
        ("Credit supplied (RMB m per 10,000 applicants)", lambda s: f"{s['credit_supplied']:.1f}"),
        ("Expected losses (RMB m)", lambda s: f"{s['expected_loss']:.2f}"),
        ("Loss rate (losses / credit)", lambda s: _pct(s["loss_rate"], 2)),
        ("Thin-file approval rate", lambda s: _pct(s["thin_approval_rate"])),
        ("Business owners whose line is cut", lambda s: count(s["business_lines_cut"], s["business_lines_cut_se"])),
        ("…of them with a cash shortfall (expected)", lambda s: count(s["sme_shortfalls"], s["sme_shortfalls_se"])),
        ("Cost of notice to the platform (RMB m)", lambda s: f"{s['notice_cost']:.3f}"),
    ]
    head = (
        f"{_html.escape(POLICY_RULE_LABELS[rules])}; risk cut-off {cutoff:.0f}; "
        f"{'bureau + platform data' if alt_data else 'bureau data only'}; "
        f"{'sudden cuts' if notice == 0 else f'{notice} days of notice'}"
    )
    body = "".join(
        f'<tr><th scope="row" style="text-align:left;font-weight:normal;padding:2px 10px 2px 0">{_html.escape(label)}</th>'
        f'<td style="text-align:right;padding:2px 10px">{_html.escape(fmt(chosen))}</td>'
        f'<td style="text-align:right;padding:2px 10px;color:#555">{_html.escape(fmt(reference))}</td></tr>'
        for label, fmt in rows
    )
    return (
        '<table class="lessons-policy-lab" style="border-collapse:collapse;font-size:90%;max-width:44em">'
        f'<caption style="text-align:left;font-size:90%;padding-bottom:4px">{head}. Per 10,000 applicants; ± is the 95 % '
        'sampling and Monte Carlo error of a count; illustrative, not calibrated to Ant Group.</caption>'
        '<thead><tr><th scope="col" style="text-align:left">Outcome</th><th scope="col" style="text-align:right;padding:2px 10px">This policy</th>'
        '<th scope="col" style="text-align:right;padding:2px 10px">2019 reference</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
