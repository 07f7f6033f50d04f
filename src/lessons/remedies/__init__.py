"""Chapter 4 — Remedies: recourse, fairness, alternative data, notice and a policy lab.

The package measures the advice that the source articles give, with the models
of the earlier chapters (imported, never copied). One module serves each page
of ``book/remedies/``:

* :mod:`lessons.remedies.recourse` and :mod:`lessons.remedies.tips` — *For
  borrowers: recourse, not folklore* (``borrowers.ipynb``): recourse plans for
  a linear score and for Chapter 1's applicants, and popular tips scored;
* :mod:`lessons.remedies.platform_data` — *For platforms: more data, fairer
  decisions?* (``platforms-data.ipynb``): group fairness, Chapter 1's model
  refitted with platform data (over several train/test splits), and the German
  scorecard measured by group;
* :mod:`lessons.remedies.notice` — *For platforms: notice and transition*
  (``platforms-notice.ipynb``): Chapter 3's stress test under notice rules,
  with refinancing that helps whenever it arrives and signed exposures;
* :mod:`lessons.remedies.lab` — *Policy lab: four levers, one economy*
  (``policy-lab.ipynb``): capital rules, cut-off, data and notice combined;
* :mod:`lessons.remedies.figures` — the figures, display tables and widget
  frames of all four pages.

Every public name is re-exported here, so ``from lessons import remedies;
remedies.recourse_plan(...)`` works. Every behavioural parameter (months per
unit of change, the share of shops that can find another lender, default
probabilities) is **illustrative, not calibrated to Ant Group**; the loss given
default is the course's one consumer LGD,
:data:`lessons.credit.cutoffs.CONSUMER_LGD` (illustrative).
"""

from __future__ import annotations

from lessons.remedies.figures import (
    data_view,
    estimate_text,
    metrics_table,
    notice_view,
    plan_table,
    plot_data_comparison,
    plot_german_fairness,
    plot_group_approval,
    plot_notice_tradeoff,
    plot_policy_space,
    plot_recourse,
    plot_tips,
    policy_view,
    recourse_view,
)
from lessons.remedies.lab import (
    AVERAGE_LINE,
    POLICY_RULE_LABELS,
    POLICY_RULES,
    POLICY_SCENARIOS,
    WIDGET_RULES,
    PolicyLab,
    outcome_estimate,
    policy_lab,
    policy_outcome,
    policy_scenarios,
)
from lessons.remedies.notice import NOTICE_DEFAULTS, extra_exposure, notice_estimate, notice_tradeoff, shortfall_with_refinancing
from lessons.remedies.platform_data import (
    DATA_SEEDS,
    DATA_SOURCE_LABELS,
    FAIRNESS_SEGMENTS,
    GERMAN_FAIRNESS_GROUPS,
    DataStudy,
    data_comparison,
    data_gains,
    data_metrics,
    data_study,
    fairness_comparison,
    fairness_gaps,
    gain_estimate,
    german_fairness,
    group_fairness,
    group_gap,
    in_sample_fit,
)
from lessons.remedies.recourse import (
    IMMUTABLE_FEATURES,
    NOT_ACTIONABLE,
    RECOURSE_ACTIONS,
    RecourseAction,
    RecoursePlan,
    actions_table,
    applicant_recourse,
    apply_plan,
    recourse_plan,
    recourse_problem,
    recourse_summary,
)
from lessons.remedies.tips import POPULAR_TIPS, Tip, tip_effects

__all__ = [
    # recourse (borrowers)
    "IMMUTABLE_FEATURES",
    "RecoursePlan",
    "recourse_plan",
    "RecourseAction",
    "RECOURSE_ACTIONS",
    "NOT_ACTIONABLE",
    "recourse_problem",
    "applicant_recourse",
    "apply_plan",
    "recourse_summary",
    "actions_table",
    # tips (borrowers)
    "Tip",
    "POPULAR_TIPS",
    "tip_effects",
    # fairness and more data (platforms-data)
    "group_fairness",
    "fairness_gaps",
    "fairness_comparison",
    "DATA_SOURCE_LABELS",
    "FAIRNESS_SEGMENTS",
    "in_sample_fit",
    "DataStudy",
    "data_study",
    "data_metrics",
    "data_comparison",
    "DATA_SEEDS",
    "data_gains",
    "gain_estimate",
    "GERMAN_FAIRNESS_GROUPS",
    "german_fairness",
    "group_gap",
    # notice (platforms-notice)
    "NOTICE_DEFAULTS",
    "extra_exposure",
    "shortfall_with_refinancing",
    "notice_tradeoff",
    "notice_estimate",
    # policy lab
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
    # figures and widget frames
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
