"""Models for the page *Policy lab: four levers, one economy* (book/remedies/policy-lab.ipynb).

:func:`policy_outcome` combines a regime of capital and co-lending rules
(Chapter 2, :mod:`lessons.regulation.regimes` and
:mod:`lessons.regulation.credit_supply`), a risk cut-off (Chapter 1,
:mod:`lessons.credit.cutoffs`), a data policy
(:mod:`lessons.remedies.platform_data`) and a notice rule
(:mod:`lessons.remedies.notice`, after Chapter 3's :mod:`lessons.sme.stress`);
:func:`policy_lab` computes once what every combination needs. The average
line is **illustrative, not calibrated to Ant Group**, and losses use the
course's one consumer loss given default,
:data:`lessons.credit.cutoffs.CONSUMER_LGD` (illustrative). The page's
figures and widget frame are in :mod:`lessons.remedies.figures`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_int, as_number, require_one_of
from lessons.remedies.notice import NOTICE_DEFAULTS, notice_tradeoff
from lessons.remedies.platform_data import DataStudy, _data_sources, data_study

__all__ = [
    "POLICY_RULES",
    "POLICY_RULE_LABELS",
    "WIDGET_RULES",
    "AVERAGE_LINE",
    "PolicyLab",
    "policy_lab",
    "policy_outcome",
    "outcome_estimate",
    "POLICY_SCENARIOS",
    "policy_scenarios",
]

POLICY_RULES: Mapping[str, tuple[str, str | None]] = {
    "before 2020": ("microlender", None),
    "from 2022": ("consumer_finance", None),
    "from 2022 + capital": ("consumer_finance", "2023-12"),
    "2020 draft": ("draft_2020", None),
    "facilitation, from Oct 2025": ("facilitation", None),
}
"""The policy lab's capital and co-lending rules: a regime of Chapter 2 and the lending entity's capital.

Each value is ``(regime, capital)``: a key of
:data:`lessons.regulation.REGIMES <lessons.regulation.regimes.REGIMES>` and
either ``None`` (Chapter 2's base equity) or a date key of
:data:`lessons.regulation.ANT_CONSUMER_FINANCE_CAPITAL <lessons.regulation.regimes.ANT_CONSUMER_FINANCE_CAPITAL>`:
"+ capital" multiplies the base equity by the ratio of Ant Consumer Finance's
registered capital at that date (RMB 23 bn in December 2023) to its capital at
opening in 2021 (RMB 8 bn). Everything else about the supply model is
Chapter 2's (:func:`lessons.regulation.supply_outcome <lessons.regulation.credit_supply.supply_outcome>`).
:data:`WIDGET_RULES` are the widget's choices; every rule set appears in
:data:`POLICY_SCENARIOS` and in the policy-space chart.
"""

POLICY_RULE_LABELS: Mapping[str, str] = {
    "before 2020": "Microlender, before 2020",
    "from 2022": "Consumer-finance company, from 2022",
    "from 2022 + capital": "Consumer-finance company, capital raised 8 → 23 bn",
    "2020 draft": "November 2020 draft (never in force)",
    "facilitation, from Oct 2025": "Loan facilitation only, from October 2025",
}

WIDGET_RULES: tuple[str, ...] = ("from 2022", "facilitation, from Oct 2025", "from 2022 + capital")
"""The rules offered by the policy lab's widget: the two regimes in force since 2022 and a capital increase.

Three, so that its 36 frames stay within the page budget; the reference world
(before 2020) is the widget's grey column, and the November 2020 draft is
compared in :data:`POLICY_SCENARIOS` and the policy-space chart.
"""

AVERAGE_LINE = 5_000.0
"""Average consumer line per approved applicant in RMB (illustrative, not calibrated to Ant Group)."""


def _equity_multiple(capital: str | None) -> float:
    """Chapter 2's base equity times the growth of Ant Consumer Finance's capital up to ``capital`` (1 for None)."""
    if capital is None:
        return 1.0
    from lessons.regulation.regimes import ANT_CONSUMER_FINANCE_CAPITAL

    history = dict(ANT_CONSUMER_FINANCE_CAPITAL)
    return float(history[capital] / history[min(history)])


@dataclass(frozen=True)
class PolicyLab:
    """Everything the policy lab needs, computed once: scores of two models and a notice table.

    Attributes
    ----------
    study : DataStudy
        Hold-out scores of the bureau-only and the bureau + platform models.
    notice : DataFrame
        :func:`~lessons.remedies.notice.notice_tradeoff` rows for the lab's notice options (no step-down).
    reference_cutoff : float
        Cut-off of the reference world (before 2020, bureau data): who had a line.
    """

    study: DataStudy = field(repr=False)
    notice: pd.DataFrame = field(repr=False)
    reference_cutoff: float = 570.0


def policy_lab(
    applicants: pd.DataFrame,
    *,
    notices: Sequence[int] = (0, 60),
    reference_cutoff: float = 570.0,
    n_shops: int = 1_000,
    seed: Any = 1,
) -> PolicyLab:
    """Precompute the policy lab: two refitted models and the notice trade-off for each notice option.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> sorted(lab.study.scores), lab.notice["notice_days"].tolist()
    (['bureau', 'bureau + platform'], [0, 60])
    """
    from lessons import credit

    sources = {k: v for k, v in _data_sources().items() if k in ("bureau", "bureau + platform")}
    study = data_study(applicants, sources=sources, seed=seed)
    reference_cutoff = as_number("reference_cutoff", reference_cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    notice = notice_tradeoff(notices, (0,), n_shops=n_shops)
    return PolicyLab(study=study, notice=notice, reference_cutoff=reference_cutoff)


def policy_outcome(lab: PolicyLab, rules: str, cutoff: float, alt_data: bool, notice: int) -> pd.Series:
    """One combination of the four levers → credit supplied, losses, inclusion and SME shortfalls.

    1. **Capital and co-lending rules** (Chapter 2): the regime of
       :data:`POLICY_RULES` gives the largest loan book
       (:func:`lessons.regulation.supply_outcome <lessons.regulation.credit_supply.supply_outcome>`).
       Chapter 2 sizes demand at its base approval rate
       (:data:`lessons.regulation.BASE_APPROVAL_RATE <lessons.regulation.credit_supply.BASE_APPROVAL_RATE>`),
       so the book can fund an approval rate of ``BASE_APPROVAL_RATE × max_book / demand``;
       if the risk cut-off would approve more, the platform rations by
       raising the cut-off (as Chapter 2's ``implied_cutoff``, via
       :func:`lessons.credit.cutoff_for_approval_rate <lessons.credit.cutoffs.cutoff_for_approval_rate>`).
    2. **Risk cut-off** (Chapter 1): approve when score >= ``cutoff``.
    3. **Alternative data** (this chapter): scores from the bureau-only or the
       bureau + platform model.
    4. **Notice rule** (this chapter): business owners who had a line in the
       reference world (before 2020, bureau data, ``lab.reference_cutoff``) and
       lose it are cut with ``notice`` days of notice; Chapter 3's shop model
       gives their shortfall probability and the platform's extra expected loss
       (scaled from Chapter 3's RMB 40,000 line to the lab's average line).

    Amounts are per 10,000 applicants; each approved applicant borrows
    :data:`AVERAGE_LINE` (illustrative). Expected consumer losses use the
    synthetic data's true default probabilities and the course's consumer LGD
    (:data:`lessons.credit.cutoffs.CONSUMER_LGD`, illustrative).

    The shortfall probability is a Monte Carlo estimate over Chapter 3's
    simulated shops, and the lines cut are a count in a sample of applicants,
    so both counts carry a standard error (``business_lines_cut_se``,
    ``sme_shortfalls_se``, per 10,000 applicants).

    Returns
    -------
    Series with ``effective_cutoff``, ``binding`` ("risk cut-off" or "credit
    supply"), ``served_share``, ``approval_rate``, ``credit_supplied`` (RMB m),
    ``expected_loss`` (RMB m, consumer lines plus the notice cost),
    ``loss_rate`` (expected loss / credit supplied), ``thin_approval_rate``,
    ``business_lines_cut`` and its ``business_lines_cut_se``,
    ``sme_shortfalls`` (expected shops with a cash shortfall) and its
    ``sme_shortfalls_se``, ``shortfall_probability`` (of a shop whose line is
    cut under this notice rule) and ``notice_cost`` (RMB m) with its Monte Carlo
    ``notice_cost_se`` (for the lines cut in this sample of applicants).

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> out = policy_outcome(lab, "from 2022", 570, True, 60)
    >>> out["binding"], bool(out["effective_cutoff"] >= 570)
    ('credit supply', True)
    """
    from lessons import credit, regulation
    from lessons.credit.cutoffs import CONSUMER_LGD

    if not isinstance(lab, PolicyLab):
        raise TypeError(f"lab must be a PolicyLab (from policy_lab); got {type(lab).__name__}")
    require_one_of("rules", rules, list(POLICY_RULES))
    cutoff = as_number("cutoff", cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    if not isinstance(alt_data, (bool, np.bool_)):
        raise TypeError(f"alt_data must be True or False; got {alt_data!r}")
    notice = as_int("notice", notice, low=0, high=120)
    table = lab.notice.set_index("notice_days")
    if notice not in table.index:
        raise ValueError(f"notice must be one of the precomputed notice periods {sorted(table.index.tolist())}; got {notice}")
    key, capital = POLICY_RULES[rules]
    supply = regulation.supply_outcome(None, key, _equity_multiple(capital))
    served = float(supply["served"])
    source = "bureau + platform" if alt_data else "bureau"
    study = lab.study
    scores = study.scores[source]
    # Chapter 2 calibrates demand at its base approval rate; a bigger book can fund a higher approval rate.
    capacity = regulation.BASE_APPROVAL_RATE * supply["book"].max_book / supply["demand"]
    supply_cutoff = credit.cutoff_for_approval_rate(scores, capacity) if capacity < 1 else -math.inf
    effective = max(cutoff, supply_cutoff)
    approved = scores >= effective
    reference = study.scores["bureau"] >= lab.reference_cutoff
    owners = study.test["business_owner"].to_numpy(dtype=bool)
    cut = reference & ~approved & owners
    n = len(scores)
    scale = 10_000 / n
    pd_true = study.test["pd_true"].to_numpy(dtype=float)
    consumer_loss = float(pd_true[approved].sum()) * CONSUMER_LGD * AVERAGE_LINE * scale
    notice_row = table.loc[notice]
    # Chapter 3's shop has a line of NOTICE_DEFAULTS["limit"]; its money amounts are scaled to the lab's average line.
    line_scale = AVERAGE_LINE / NOTICE_DEFAULTS["limit"]
    k = float(cut.sum())
    notice_cost = k * float(notice_row["extra_expected_loss"]) * line_scale * scale
    notice_cost_se = k * float(notice_row["extra_expected_loss_se"]) * line_scale * scale
    credit_supplied = float(approved.sum()) * AVERAGE_LINE * scale
    probability = float(notice_row["shortfall_probability"])
    probability_se = float(notice_row["shortfall_se"])
    k_se = math.sqrt(k * (1 - k / n))  # the cut count is binomial in the sample of applicants
    shortfalls_se = math.sqrt((probability * k_se) ** 2 + (k * probability_se) ** 2) * scale
    thin = study.thin
    return pd.Series(
        {
            "effective_cutoff": float(effective),
            "binding": "credit supply" if supply_cutoff > cutoff else "risk cut-off",
            "served_share": served,
            "approval_rate": float(approved.mean()),
            "credit_supplied": credit_supplied / 1e6,
            "expected_loss": (consumer_loss + notice_cost) / 1e6,
            "loss_rate": (consumer_loss + notice_cost) / credit_supplied if credit_supplied > 0 else float("nan"),
            "thin_approval_rate": float(approved[thin].mean()) if thin.any() else float("nan"),
            "business_lines_cut": k * scale,
            "business_lines_cut_se": k_se * scale,
            "sme_shortfalls": k * probability * scale,
            "sme_shortfalls_se": shortfalls_se,
            "shortfall_probability": probability,
            "notice_cost": notice_cost / 1e6,
            "notice_cost_se": notice_cost_se / 1e6,
        },
        dtype=object,
    )


def outcome_estimate(outcome: pd.Series, column: str, *, level: float = 0.95) -> Any:
    """A count of :func:`policy_outcome` with its standard error and interval, as a :class:`~lessons.montecarlo.Estimate`.

    ``column`` is ``"business_lines_cut"``, ``"sme_shortfalls"`` (per 10,000
    applicants) or ``"notice_cost"`` (RMB m); the interval is ``value ± z ×
    standard error``.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> est = outcome_estimate(policy_outcome(lab, "2020 draft", 570, False, 0), "sme_shortfalls")
    >>> est.low < est.value < est.high
    True
    """
    from statistics import NormalDist

    from lessons.montecarlo import Estimate

    if not isinstance(outcome, pd.Series):
        raise TypeError(f"outcome must be the Series that policy_outcome returns; got {type(outcome).__name__}")
    require_one_of("column", column, ("business_lines_cut", "sme_shortfalls", "notice_cost"))
    level = as_number("level", level, low=0, high=1, low_open=True, high_open=True)
    value, se = float(outcome[column]), float(outcome[f"{column}_se"])
    half = NormalDist().inv_cdf(0.5 + level / 2) * se
    return Estimate(value, se, value - half, value + half, level, 10_000)


POLICY_SCENARIOS: Mapping[str, tuple[str, float, bool, int]] = {
    "2019: before the rules": ("before 2020", 570.0, False, 0),
    "From 2022, sudden cuts": ("from 2022", 570.0, False, 0),
    "From 2022 + platform data + 60 days' notice": ("from 2022", 570.0, True, 60),
    "From 2022 + capital raised": ("from 2022 + capital", 570.0, False, 0),
    "Had the 2020 draft bound, sudden cuts": ("2020 draft", 570.0, False, 0),
    "Facilitation only, sudden cuts": ("facilitation, from Oct 2025", 570.0, False, 0),
}
"""Named combinations of the policy lab's levers: (rules, cut-off, platform data, notice days)."""


def policy_scenarios(lab: PolicyLab, scenarios: Mapping[str, tuple[str, float, bool, int]] = POLICY_SCENARIOS) -> pd.DataFrame:
    """:func:`policy_outcome` for several named combinations, one column each.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> lab = policy_lab(synthetic_applicants(n=3_000, seed=2), n_shops=100)
    >>> policy_scenarios(lab).shape[1] == len(POLICY_SCENARIOS)
    True
    """
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise ValueError("scenarios must map names to (rules, cutoff, alt_data, notice)")
    for name, levers in scenarios.items():
        if isinstance(levers, (str, bytes)) or not isinstance(levers, Sequence) or len(levers) != 4:
            raise ValueError(f"scenarios[{name!r}] must be a tuple (rules, cutoff, alt_data, notice); got {levers!r}")
    return pd.DataFrame({name: policy_outcome(lab, *levers) for name, levers in scenarios.items()})
