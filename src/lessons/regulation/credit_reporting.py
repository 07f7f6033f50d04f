"""Models for the page *Credit reporting reform* (book/regulation/credit-reporting.ipynb).

What happens to decisions when a lender can see all of a borrower's other
lenders: Chapter 1's scorecard (imported from :mod:`lessons.credit`, never
copied) fitted on the lenders the old report showed and on all of them, and
the approval and bad rates of each view at the same approval rate. The figure
and the widget are in :mod:`lessons.regulation.figures`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lessons import credit
from lessons._validation import as_int, as_number, require_columns
from lessons.regulation._checks import column_values

__all__ = ["visibility_scores", "visibility_comparison"]


def visibility_scores(applicants: pd.DataFrame) -> pd.DataFrame:
    """Chapter 1's scorecard fitted twice: with the lenders a report showed before the reform, and with all of them.

    *Before*: the model uses Chapter 1's default features
    (:data:`lessons.credit.PLATFORM_FEATURES`), whose lender count is
    ``reported_lenders`` — the lines visible in the central-bank report before
    platform credit was reported. *After*: the same features with
    ``other_lenders`` (the true count) in its place, refitted, as a lender
    would once the report shows every line.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants`.

    Returns
    -------
    DataFrame with ``score_before``, ``score_after``, ``other_lenders``,
    ``reported_lenders``, ``thin_file`` and ``default``.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> views = visibility_scores(synthetic_applicants(n=2000, seed=1))
    >>> list(views.columns[:2])
    ['score_before', 'score_after']
    """
    require_columns("applicants", applicants, ["other_lenders", "reported_lenders", "thin_file", "default"])
    before_features = tuple(credit.PLATFORM_FEATURES)
    if "reported_lenders" not in before_features:
        raise ValueError("lessons.credit.PLATFORM_FEATURES no longer contains 'reported_lenders'")
    after_features = tuple("other_lenders" if f == "reported_lenders" else f for f in before_features)
    before = credit.fit_platform_model(applicants, before_features)
    after = credit.fit_platform_model(applicants, after_features)
    return pd.DataFrame(
        {
            "score_before": credit.score_applicants(before, applicants),
            "score_after": credit.score_applicants(after, applicants),
            "other_lenders": applicants["other_lenders"].to_numpy(),
            "reported_lenders": applicants["reported_lenders"].to_numpy(),
            "thin_file": applicants["thin_file"].to_numpy(dtype=bool),
            "default": applicants["default"].to_numpy(dtype=int),
        }
    )


def visibility_comparison(views: pd.DataFrame, *, approval_rate: float = 0.70, heavy: int = 4) -> pd.DataFrame:
    """Approval and bad rates before and after full visibility, for heavy multi-lender borrowers and the rest.

    The approval rate is held at ``approval_rate`` in both views (the cut-off
    comes from :func:`lessons.credit.cutoff_for_approval_rate`), so the views
    differ only in who gets the places.

    Parameters
    ----------
    views : DataFrame
        From :func:`visibility_scores`.
    approval_rate : float
        Share of applicants approved, in (0, 1].
    heavy : int
        An applicant with at least this many other lenders (true count) is a heavy multi-lender borrower (>= 1).

    Returns
    -------
    DataFrame with one row per group (``heavy``, ``others``, ``all``) and columns
    ``applicants``, ``hidden_lenders`` (average lines the old report missed),
    ``approval_before``, ``approval_after``, ``bad_rate_before``, ``bad_rate_after``.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> table = visibility_comparison(visibility_scores(synthetic_applicants(n=4000, seed=1)), heavy=3)
    >>> table["group"].tolist()
    ['heavy (3+ lenders)', 'others (< 3 lenders)', 'all applicants']
    >>> bool(table.loc[0, "approval_after"] < table.loc[0, "approval_before"])
    True
    """
    require_columns("views", views, ["score_before", "score_after", "other_lenders", "reported_lenders", "default"])
    approval_rate = as_number("approval_rate", approval_rate, low=0, high=1, low_open=True)
    heavy = as_int("heavy", heavy, low=1, high=50)
    other_lenders = column_values("views", views, "other_lenders")
    reported_lenders = column_values("views", views, "reported_lenders")
    view_scores = {view: column_values("views", views, f"score_{view}") for view in ("before", "after")}
    is_heavy = other_lenders >= heavy
    group = np.where(is_heavy, f"heavy ({heavy}+ lenders)", f"others (< {heavy} lenders)")
    defaults = column_values("views", views, "default", allow_nan=True)
    results = {}
    for view in ("before", "after"):
        scores = view_scores[view]
        cut = credit.cutoff_for_approval_rate(scores, approval_rate)
        by_group = credit.approval_by_segment(scores, group, cut, defaults=defaults).set_index("segment")
        approved = by_group["approved"].to_numpy(dtype=float)
        bads = np.nansum(by_group["bad_rate"].to_numpy(dtype=float) * approved)
        by_group.loc["all applicants", ["applicants", "approved"]] = [len(scores), approved.sum()]
        by_group.loc["all applicants", "approval_rate"] = approved.sum() / len(scores)
        by_group.loc["all applicants", "bad_rate"] = bads / approved.sum() if approved.sum() > 0 else np.nan
        results[view] = by_group
    hidden = other_lenders - reported_lenders
    hidden_by = pd.Series(hidden).groupby(pd.Series(group)).mean()
    hidden_by["all applicants"] = hidden.mean()
    order = [f"heavy ({heavy}+ lenders)", f"others (< {heavy} lenders)", "all applicants"]
    order = [g for g in order if g in results["before"].index]
    table = pd.DataFrame(
        {
            "group": order,
            "applicants": [int(results["before"].loc[g, "applicants"]) for g in order],
            "hidden_lenders": [float(hidden_by.get(g, np.nan)) for g in order],
            "approval_before": [float(results["before"].loc[g, "approval_rate"]) for g in order],
            "approval_after": [float(results["after"].loc[g, "approval_rate"]) for g in order],
            "bad_rate_before": [float(results["before"].loc[g, "bad_rate"]) for g in order],
            "bad_rate_after": [float(results["after"].loc[g, "bad_rate"]) for g in order],
        }
    )
    return table
