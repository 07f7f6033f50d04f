"""Chapter 1 — Credit assessment: scores, cut-offs, limits, reviews and reasons.

One module per page of ``book/credit-assessment/`` that has models, and one for the figures:

* :mod:`lessons.credit.scaling` — points-to-double-odds scaling and the score range
  (introduced on *Building a scorecard on real data*, used by every page);
* :mod:`lessons.credit.scorecard` — *Building a scorecard on real data*: AUC, Gini, KS,
  weight of evidence and information value, a WOE scorecard on the German credit data;
* :mod:`lessons.credit.platform_model` — the platform model (features, design matrix, a
  logistic regression, scores), first fitted on *Cut-offs and who gets left out* and
  imported by the later chapters;
* :mod:`lessons.credit.cutoffs` — *Cut-offs and who gets left out*: approval curves,
  cut-off search, expected loss and profit, approval by segment;
* :mod:`lessons.credit.limits` — *Invited, but no limit*: a stale pre-screen, fresh
  underwriting, limits under caps, two products;
* :mod:`lessons.credit.reviews` — *Reviews, cuts and reasons*: behaviour scores,
  limit reviews, reason codes;
* :mod:`lessons.credit.figures` — every chapter figure (``plot_*``) and widget frame
  (``*_view``); models never import it.

Every public name is re-exported here, so ``from lessons import credit`` followed by
``credit.cutoff_study(...)`` works as well as ``from lessons.credit.cutoffs import cutoff_study``.

Every parameter that is not a cited fact (limits, multiples, margins, loss
rates, the effect of a month of behaviour) is **illustrative, not calibrated
to Ant Group**; nothing here is Ant's model. The synthetic applicants come from
:func:`lessons.data.synthetic_applicants`; the real data from
:func:`lessons.data.load_german_credit`.
"""

from __future__ import annotations

from .scaling import (
    BASE_ODDS,
    BASE_POINTS,
    PDO,
    SCORE_RANGE,
    pd_from_points,
    points_from_odds,
    points_from_pd,
    scaling_constants,
)
from .platform_model import (
    ALL_MODEL_FEATURES,
    ALTERNATIVE_DATA_FEATURES,
    FEATURE_TRANSFORMS,
    PLATFORM_FEATURES,
    PROTECTED_FEATURES,
    SEGMENT_COLUMNS,
    PlatformModel,
    coefficient_table,
    design_columns,
    design_matrix,
    fit_platform_model,
    log_odds,
    predict_pd,
    score_applicants,
)
from .scorecard import (
    IV_BANDS,
    GermanStudy,
    WoeScorecard,
    auc,
    fit_woe_scorecard,
    german_candidates,
    german_scorecard_study,
    gini,
    information_value,
    iv_band,
    iv_summary,
    ks_statistic,
    score_woe,
    scorecard_points,
    split_sample,
    woe_table,
)
from .cutoffs import (
    CONSUMER_LGD,
    CutoffStudy,
    ProfitAssumptions,
    approval_by_segment,
    approval_curve,
    cutoff_for_approval_rate,
    cutoff_for_bad_rate,
    cutoff_study,
    expected_loss,
    expected_profit,
    segment_approval_table,
    segment_labels,
    tradeoff_table,
)
from .limits import (
    KEY_SEGMENTS,
    LIMIT_CAPS,
    OUTCOMES,
    PRESCREEN_FEATURES,
    PRODUCT_A,
    PRODUCT_B,
    PRODUCT_COMBINATIONS,
    REGULATORY_REGIMES,
    LimitPolicy,
    ProductPolicy,
    TwoStageSetup,
    assign_limits,
    holdings_by_segment,
    outcome_by_segment,
    prepare_two_stage,
    product_decisions,
    regulatory_cap,
    share_by_key_segments,
    stale_snapshot,
    two_stage_decisions,
)
from .reviews import (
    DEFAULT_REASON_METHOD,
    EXAMPLE_PROFILES,
    MIN_REASON_POINTS,
    NEAR_CUTOFF_BAND,
    REASON_METHODS,
    REASON_TEXT,
    REVIEW_ACTIONS,
    ReasonReference,
    ReviewSetup,
    behaviour_snapshot,
    compare_reason_methods,
    cuts_by_segment,
    example_applicants,
    prepare_reviews,
    reason_codes,
    reason_points,
    reason_reference,
    review_decisions,
    review_table,
)
from .figures import (
    cutoff_view,
    plot_outcomes,
    plot_reason_codes,
    plot_review_cuts,
    plot_roc_ks,
    plot_score_distributions,
    plot_segment_approval,
    plot_tradeoff,
    plot_woe,
    products_view,
    reasons_view,
    review_view,
    two_stage_view,
    woe_view,
)

__all__ = [
    "CONSUMER_LGD", "DEFAULT_REASON_METHOD", "MIN_REASON_POINTS", "NEAR_CUTOFF_BAND", "REASON_METHODS",
    "ReasonReference", "compare_reason_methods", "reason_points", "reason_reference",
    # scaling
    "BASE_POINTS",
    "BASE_ODDS",
    "PDO",
    "SCORE_RANGE",
    "scaling_constants",
    "points_from_odds",
    "points_from_pd",
    "pd_from_points",
    # platform_model
    "PLATFORM_FEATURES",
    "ALTERNATIVE_DATA_FEATURES",
    "ALL_MODEL_FEATURES",
    "SEGMENT_COLUMNS",
    "PROTECTED_FEATURES",
    "FEATURE_TRANSFORMS",
    "design_columns",
    "design_matrix",
    "PlatformModel",
    "fit_platform_model",
    "log_odds",
    "predict_pd",
    "score_applicants",
    "coefficient_table",
    # scorecard
    "auc",
    "gini",
    "ks_statistic",
    "IV_BANDS",
    "woe_table",
    "information_value",
    "iv_band",
    "iv_summary",
    "WoeScorecard",
    "split_sample",
    "fit_woe_scorecard",
    "score_woe",
    "scorecard_points",
    "german_candidates",
    "GermanStudy",
    "german_scorecard_study",
    # cutoffs
    "approval_curve",
    "approval_by_segment",
    "segment_approval_table",
    "cutoff_for_approval_rate",
    "cutoff_for_bad_rate",
    "segment_labels",
    "CutoffStudy",
    "cutoff_study",
    "ProfitAssumptions",
    "expected_loss",
    "expected_profit",
    "tradeoff_table",
    # limits
    "REGULATORY_REGIMES",
    "regulatory_cap",
    "LimitPolicy",
    "LIMIT_CAPS",
    "assign_limits",
    "PRESCREEN_FEATURES",
    "OUTCOMES",
    "stale_snapshot",
    "TwoStageSetup",
    "KEY_SEGMENTS",
    "share_by_key_segments",
    "prepare_two_stage",
    "two_stage_decisions",
    "outcome_by_segment",
    "ProductPolicy",
    "PRODUCT_A",
    "PRODUCT_B",
    "PRODUCT_COMBINATIONS",
    "product_decisions",
    "holdings_by_segment",
    # reviews
    "REVIEW_ACTIONS",
    "behaviour_snapshot",
    "review_decisions",
    "cuts_by_segment",
    "ReviewSetup",
    "prepare_reviews",
    "review_table",
    "REASON_TEXT",
    "reason_codes",
    "EXAMPLE_PROFILES",
    "example_applicants",
    # figures
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
