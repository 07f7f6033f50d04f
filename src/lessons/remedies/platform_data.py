"""Models for the page *For platforms: more data, fairer decisions?* (book/remedies/platforms-data.ipynb).

* **Group fairness**: :func:`group_fairness`, :func:`fairness_gaps` and
  :func:`fairness_comparison` (approval rate and true-positive rate by group,
  their gaps and ratios).
* **Alternative data**: :func:`data_study` refits Chapter 1's model
  (:mod:`lessons.credit.platform_model`) with and without platform-behaviour
  variables, :func:`data_metrics` measures one model at one cut-off and
  :func:`data_comparison` compares them at the same overall bad rate;
  :func:`data_gains` repeats the comparison over several train/test splits and
  :func:`gain_estimate` gives the mean gain with its error;
  :func:`in_sample_fit` shows what a fit on the training rows can and cannot
  promise.
* **The German scorecard measured**: :func:`german_fairness` applies the
  scorecard of Chapter 1's scorecard page to the corrected South German Credit
  data and reports approval and error rates, with intervals, by the groups
  the scorecard never saw.

The page's figures and widget frames are in :mod:`lessons.remedies.figures`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import (
    as_binary_array,
    as_int,
    as_number,
    as_probability,
    require_columns,
    require_one_of,
    require_same_length,
)
from lessons.montecarlo import Estimate, mean_estimate, proportion_estimate

__all__ = [
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
]

# ---------------------------------------------------------------------------
# Group fairness
# ---------------------------------------------------------------------------


def group_fairness(approved: Any, defaults: Any, groups: Any) -> pd.DataFrame:
    """Approval rate, true-positive rate and bad rate, group by group.

    With "positive" meaning *approved* and the relevant outcome *repaid*, the
    true-positive rate (TPR) is the approval rate among applicants who go on to
    repay — the quantity that "equality of opportunity" (Hardt, Price & Srebro
    2016) asks to be equal across groups. The false-positive rate is the
    approval rate among those who default.

    Parameters
    ----------
    approved : array-like
        Approval decisions (booleans or 0/1).
    defaults : array-like
        Outcomes, 0/1 (1 = default).
    groups : array-like
        Group label of each applicant (no missing labels).

    Returns
    -------
    DataFrame indexed by group (sorted) with ``applicants``, ``share``,
    ``default_rate``, ``approval_rate``, ``tpr``, ``fpr`` and ``bad_rate``
    (among the approved; NaN where nobody is approved), plus a final row
    ``"all"``.

    Examples
    --------
    >>> t = group_fairness([1, 1, 0, 1, 0, 0], [0, 1, 0, 0, 0, 1], ["a", "a", "a", "b", "b", "b"])
    >>> t[["approval_rate", "tpr", "fpr"]].round(3)
           approval_rate  tpr  fpr
    group                         
    a              0.667  0.5  1.0
    b              0.333  0.5  0.0
    all            0.500  0.5  0.5
    """
    approved_arr = as_binary_array("approved", approved)
    defaults_arr = as_binary_array("defaults", defaults)
    labels = groups.to_numpy(dtype=object) if isinstance(groups, pd.Series) else np.asarray(groups, dtype=object)
    if isinstance(groups, (str, bytes)) or labels.ndim != 1:
        raise ValueError(f"groups must be a 1-D array of group labels, one per applicant; got {type(groups).__name__} {groups!r}")
    require_same_length("approved", approved_arr, "defaults", defaults_arr)
    require_same_length("approved", approved_arr, "groups", labels)
    if pd.isna(pd.Series(labels)).any():
        raise ValueError("groups must not contain missing labels")
    codes, uniques = pd.factorize(pd.Series(labels), sort=True)
    k = len(uniques)
    good = 1 - defaults_arr
    count = np.bincount(codes, minlength=k).astype(float)
    sums = {
        "approved": np.bincount(codes, weights=approved_arr, minlength=k),
        "default": np.bincount(codes, weights=defaults_arr, minlength=k),
        "good": np.bincount(codes, weights=good, minlength=k),
        "approved_good": np.bincount(codes, weights=approved_arr * good, minlength=k),
        "approved_bad": np.bincount(codes, weights=approved_arr * defaults_arr, minlength=k),
    }
    count = np.append(count, count.sum())
    sums = {key: np.append(value, value.sum()) for key, value in sums.items()}

    def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)

    index = pd.Index([*list(uniques), "all"], name="group")
    return pd.DataFrame(
        {
            "applicants": count.astype(int),
            "share": count / len(labels),
            "default_rate": ratio(sums["default"], count),
            "approval_rate": ratio(sums["approved"], count),
            "tpr": ratio(sums["approved_good"], sums["good"]),
            "fpr": ratio(sums["approved_bad"], sums["default"]),
            "bad_rate": ratio(sums["approved_bad"], sums["approved"]),
        },
        index=index,
    )


def fairness_gaps(table: pd.DataFrame) -> pd.Series:
    """Gaps (largest − smallest) and ratios (smallest / largest) across groups.

    Parameters
    ----------
    table : DataFrame
        From :func:`group_fairness` (the ``"all"`` row is ignored).

    Returns
    -------
    Series with ``approval_gap``, ``approval_ratio`` (the "four-fifths" style
    ratio), ``tpr_gap``, ``tpr_ratio``, ``lowest_approval_group`` and
    ``lowest_tpr_group``.

    Examples
    --------
    >>> t = group_fairness([1, 1, 0, 1, 0, 0], [0, 1, 0, 0, 0, 1], ["a", "a", "a", "b", "b", "b"])
    >>> fairness_gaps(t)[["approval_gap", "approval_ratio", "tpr_gap"]].astype(float).round(3).tolist()
    [0.333, 0.5, 0.0]
    """
    require_columns("table", table, ["approval_rate", "tpr"])
    groups = table.drop(index="all", errors="ignore")
    if len(groups) < 1:
        raise ValueError("table must contain at least one group besides 'all'")
    approval = groups["approval_rate"].astype(float)
    tpr = groups["tpr"].astype(float).dropna()

    def ratio(values: pd.Series) -> float:
        return float(values.min() / values.max()) if len(values) and values.max() > 0 else float("nan")

    return pd.Series(
        {
            "approval_gap": float(approval.max() - approval.min()),
            "approval_ratio": ratio(approval),
            "tpr_gap": float(tpr.max() - tpr.min()) if len(tpr) else float("nan"),
            "tpr_ratio": ratio(tpr),
            "lowest_approval_group": approval.idxmin(),
            "lowest_tpr_group": tpr.idxmin() if len(tpr) else None,
        },
        dtype=object,
    )


def fairness_comparison(before: Any, after: Any, defaults: Any, segments: pd.DataFrame) -> pd.DataFrame:
    """Approval-rate and TPR gaps across each segment column, before and after a change.

    Parameters
    ----------
    before, after : array-like
        Approval decisions under the two policies (same applicants), booleans or 0/1.
    defaults : array-like
        Outcomes, 0/1 (1 = default).
    segments : DataFrame
        One column per grouping (e.g. ``age_band``, ``city_tier``).

    Returns
    -------
    DataFrame indexed by segment with ``approval_gap_before``,
    ``approval_gap_after``, ``tpr_gap_before``, ``tpr_gap_after``.

    Examples
    --------
    >>> seg = pd.DataFrame({"g": ["a", "a", "b", "b"]})
    >>> fairness_comparison([1, 1, 0, 0], [1, 0, 1, 0], [0, 0, 0, 0], seg).round(2)
       approval_gap_before  approval_gap_after  tpr_gap_before  tpr_gap_after
    g                  1.0                 0.0             1.0            0.0
    """
    if not isinstance(segments, pd.DataFrame) or segments.shape[1] == 0:
        raise ValueError("segments must be a DataFrame with at least one grouping column")
    before = as_binary_array("before", before)
    after = as_binary_array("after", after)
    defaults = as_binary_array("defaults", defaults)
    require_same_length("before", before, "after", after)
    require_same_length("before", before, "defaults", defaults)
    require_same_length("before", before, "segments", segments)
    rows = {}
    for column in segments.columns:  # a handful of groupings
        gb = fairness_gaps(group_fairness(before, defaults, segments[column]))
        ga = fairness_gaps(group_fairness(after, defaults, segments[column]))
        rows[column] = {
            "approval_gap_before": gb["approval_gap"],
            "approval_gap_after": ga["approval_gap"],
            "tpr_gap_before": gb["tpr_gap"],
            "tpr_gap_after": ga["tpr_gap"],
        }
    return pd.DataFrame.from_dict(rows, orient="index").astype(float)


# ---------------------------------------------------------------------------
# More data: refitting Chapter 1's model with platform-behaviour variables
# ---------------------------------------------------------------------------


def _data_sources() -> dict[str, tuple[str, ...]]:
    from lessons import credit

    return {
        "bureau": tuple(credit.PLATFORM_FEATURES),
        "bureau + payments": (*credit.PLATFORM_FEATURES, "monthly_payment_volume"),
        "bureau + tenure": (*credit.PLATFORM_FEATURES, "tenure_months"),
        "bureau + platform": tuple(credit.ALL_MODEL_FEATURES),
    }


DATA_SOURCE_LABELS: Mapping[str, str] = {
    "bureau": "Bureau data only",
    "bureau + payments": "+ payment activity",
    "bureau + tenure": "+ account tenure",
    "bureau + platform": "+ both (platform data)",
}
"""Readable names of the feature sets compared on the platforms-data page."""

FAIRNESS_SEGMENTS: tuple[str, ...] = ("age_band", "city_tier")
"""The groupings across which the chapter reports fairness gaps."""


def _check_feature_sets(name: str, feature_sets: Any) -> dict[Any, list[str]]:
    """``feature_sets`` as a dict of name → list of variables; a clear error for anything else."""
    if not isinstance(feature_sets, Mapping) or not feature_sets:
        raise ValueError(f"{name} must be a non-empty mapping of name → variables; got {type(feature_sets).__name__} {feature_sets!r}")
    checked = {}
    for key, features in feature_sets.items():
        if isinstance(features, (str, bytes)) or not isinstance(features, Iterable):
            raise ValueError(f"{name}[{key!r}] must be a sequence of variable names; got {type(features).__name__} {features!r}")
        checked[key] = list(features)
    return checked


def in_sample_fit(applicants: pd.DataFrame, feature_sets: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Refit Chapter 1's model with each set of variables and measure it on the rows it was fitted on.

    Logistic regression minimises the log-loss (plus a small L2 penalty), so
    adding a variable cannot make the in-sample log-loss worse by more than
    the change in that penalty: the old fit, with a zero coefficient for the
    new variable, is still available to the solver. Nothing similar holds
    for the AUC, which the fit does not optimise: it can fall when a variable
    is added, even in sample. Out of sample both can get worse — that is
    overfitting — which is why :func:`data_study` reports hold-out AUCs.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants`.
    feature_sets : mapping
        Name → variables of Chapter 1's model (:data:`lessons.credit.ALL_MODEL_FEATURES <lessons.credit.platform_model.ALL_MODEL_FEATURES>`); at least one.

    Returns
    -------
    DataFrame
        One row per name: ``log_loss`` (mean, in sample; lower = better fit)
        and ``auc`` (in sample).

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> pop = synthetic_applicants(n=2_000, seed=5)
    >>> fit = in_sample_fit(pop, {"small": ["utilisation"], "larger": ["utilisation", "income"]})
    >>> bool(fit.loc["larger", "log_loss"] <= fit.loc["small", "log_loss"] + 1e-3)
    True
    """
    from sklearn.metrics import log_loss

    from lessons import credit

    feature_sets = _check_feature_sets("feature_sets", feature_sets)
    require_columns("applicants", applicants, ("default",))
    defaults = as_binary_array("default", applicants["default"].to_numpy(dtype=float))
    rows = {}
    for name, features in feature_sets.items():  # a handful of models, not rows
        model = credit.fit_platform_model(applicants, features)
        rows[name] = {
            "log_loss": float(log_loss(defaults, credit.predict_pd(model, applicants), labels=[0, 1])),
            "auc": credit.auc(credit.score_applicants(model, applicants, clip=False), defaults),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


@dataclass(frozen=True)
class DataStudy:
    """Chapter 1's model refitted with each set of data sources; hold-out scores for each.

    Attributes
    ----------
    test : DataFrame
        The hold-out applicants (the models never saw them).
    models : dict
        Source name → :class:`lessons.credit.PlatformModel <lessons.credit.platform_model.PlatformModel>` (fitted on the other half).
    scores : dict
        Source name → hold-out scores (points).
    auc : dict
        Source name → hold-out AUC.
    """

    test: pd.DataFrame = field(repr=False)
    models: Mapping[str, Any] = field(repr=False)
    scores: Mapping[str, np.ndarray] = field(repr=False)
    auc: Mapping[str, float]
    labels: pd.DataFrame = field(default=None, repr=False)  # type: ignore[assignment]

    @property
    def defaults(self) -> np.ndarray:
        """Hold-out outcomes (0/1)."""
        return self.test["default"].to_numpy(dtype=int)

    @property
    def thin(self) -> np.ndarray:
        """Hold-out thin-file flags."""
        return self.test["thin_file"].to_numpy(dtype=bool)

    def segments(self) -> pd.DataFrame:
        """Readable age-band and city-tier labels of the hold-out applicants."""
        if self.labels is not None:
            return self.labels
        from lessons import credit

        return pd.DataFrame({s: credit.segment_labels(self.test, s).to_numpy() for s in FAIRNESS_SEGMENTS})


def data_study(applicants: pd.DataFrame, *, sources: Mapping[str, Sequence[str]] | None = None, seed: Any = 1) -> DataStudy:
    """Fit Chapter 1's model on half of ``applicants`` with each set of sources; score the other half.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants`.
    sources : mapping, optional
        Name → variables (default: bureau only, + payment activity, + tenure, + both).
    seed : int or Generator
        Seed of the train/test split (Chapter 1's :func:`lessons.credit.split_sample <lessons.credit.scorecard.split_sample>`).

    Returns
    -------
    DataStudy

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> sorted(study.auc) == sorted(DATA_SOURCE_LABELS)
    True
    """
    from lessons import credit

    require_columns("applicants", applicants, ("default", "thin_file", *FAIRNESS_SEGMENTS, *credit.ALL_MODEL_FEATURES))
    sources = _check_feature_sets("sources", _data_sources() if sources is None else sources)
    train, test = credit.split_sample(applicants, test_share=0.5, seed=seed)
    test = test.reset_index(drop=True)
    models, scores, aucs = {}, {}, {}
    for name, features in sources.items():  # a handful of feature sets
        model = credit.fit_platform_model(train, features)
        models[name] = model
        scores[name] = np.asarray(credit.score_applicants(model, test), dtype=float)
        aucs[name] = credit.auc(scores[name], test["default"].to_numpy())
    labels = pd.DataFrame({s: credit.segment_labels(test, s).to_numpy() for s in FAIRNESS_SEGMENTS})
    return DataStudy(test=test, models=models, scores=scores, auc=aucs, labels=labels)


def _check_source(study: DataStudy, source: str, name: str = "source") -> str:
    if not isinstance(study, DataStudy):
        raise TypeError(f"study must be a DataStudy (from data_study); got {type(study).__name__}")
    return require_one_of(name, source, list(study.scores))


def data_metrics(study: DataStudy, source: str, cutoff: float) -> pd.Series:
    """Decisions of one model at one cut-off: approvals, losses, thin-file inclusion, fairness gaps.

    Returns
    -------
    Series with ``source``, ``cutoff``, ``auc``, ``approval_rate``, ``bad_rate``
    (among the approved), ``thin_approval_rate``, ``thin_bad_rate``,
    ``record_approval_rate`` and, for each of :data:`FAIRNESS_SEGMENTS`,
    ``<segment>_approval_gap`` and ``<segment>_tpr_gap``.

    Raises
    ------
    ValueError
        For an unknown source or a cut-off outside Chapter 1's score range.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> m = data_metrics(study, "bureau", 570)
    >>> 0 <= m["approval_rate"] <= 1 and 0 <= m["thin_approval_rate"] <= 1
    True
    """
    from lessons import credit

    source = _check_source(study, source)
    cutoff = as_number("cutoff", cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    scores = study.scores[source]
    approved = scores >= cutoff
    defaults = study.defaults
    thin = study.thin

    def rate(mask: np.ndarray, values: np.ndarray) -> float:
        return float(values[mask].mean()) if mask.any() else float("nan")

    out = {
        "source": source,
        "cutoff": cutoff,
        "auc": study.auc[source],
        "approval_rate": float(approved.mean()),
        "bad_rate": rate(approved, defaults),
        "thin_approval_rate": rate(thin, approved),
        "thin_bad_rate": rate(approved & thin, defaults),
        "record_approval_rate": rate(~thin, approved),
    }
    segments = study.segments()
    for segment in FAIRNESS_SEGMENTS:
        gaps = fairness_gaps(group_fairness(approved, defaults, segments[segment]))
        out[f"{segment}_approval_gap"] = gaps["approval_gap"]
        out[f"{segment}_tpr_gap"] = gaps["tpr_gap"]
    return pd.Series(out, dtype=object)


def data_comparison(
    study: DataStudy,
    *,
    reference: str = "bureau",
    reference_cutoff: float = 570.0,
    sources: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every model at the cut-off that gives the SAME overall bad rate as the reference model.

    The reference model (bureau data only) at ``reference_cutoff`` sets a bad
    rate among the approved; each other model gets the lowest whole-point
    cut-off whose approved pool is no riskier (Chapter 1's
    :func:`lessons.credit.cutoff_for_bad_rate <lessons.credit.cutoffs.cutoff_for_bad_rate>`). The comparison is then fair:
    any extra approvals are paid for by better ranking, not by more risk.

    Parameters
    ----------
    study : DataStudy
        From :func:`data_study`.
    reference : str
        The source whose bad rate every other model is held to (default ``"bureau"``).
    reference_cutoff : float
        The reference model's cut-off, inside Chapter 1's score range.
    sources : sequence of str, optional
        Sources to compare (default: every source of the study); not a single string.

    Returns
    -------
    DataFrame indexed by source with the columns of :func:`data_metrics`.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> study = data_study(synthetic_applicants(n=3_000, seed=2))
    >>> t = data_comparison(study)
    >>> bool((t["bad_rate"] <= t.loc["bureau", "bad_rate"] + 1e-12).all())
    True
    """
    from lessons import credit

    reference = _check_source(study, reference, "reference")
    reference_cutoff = as_number("reference_cutoff", reference_cutoff, low=credit.SCORE_RANGE[0], high=credit.SCORE_RANGE[1])
    if sources is None:
        names = list(study.scores)
    elif isinstance(sources, (str, bytes)) or not isinstance(sources, Iterable):
        raise ValueError(f"sources must be a sequence of the study's source names; got {type(sources).__name__} {sources!r}")
    else:
        names = [_check_source(study, s, "sources") for s in sources]
        if not names:
            raise ValueError(f"sources must name at least one of the study's sources: {', '.join(map(repr, study.scores))}")
    base = data_metrics(study, reference, reference_cutoff)
    target = float(base["bad_rate"])
    if math.isnan(target):
        raise ValueError(f"reference_cutoff {reference_cutoff:g} approves nobody; choose a lower cut-off")
    rows = {}
    for name in names:
        if name == reference:
            rows[name] = base
            continue
        cutoff = credit.cutoff_for_bad_rate(study.scores[name], study.defaults, target, step=1.0)
        if math.isnan(cutoff):
            raise ValueError(f"no cut-off of source {name!r} reaches a bad rate of {target:.4f}")
        rows[name] = data_metrics(study, name, cutoff)
    table = pd.DataFrame(rows).T
    numeric = [c for c in table.columns if c != "source"]
    table[numeric] = table[numeric].astype(float)
    return table.drop(columns="source")


# ---------------------------------------------------------------------------
# The same comparison over several train/test splits
# ---------------------------------------------------------------------------

DATA_SEEDS: tuple[int, ...] = tuple(range(1, 11))
"""Seeds of the ten train/test splits over which the platforms-data page averages the gains of platform data."""

_GAIN_COLUMNS = (
    "auc",
    "approval_rate",
    "bad_rate",
    "thin_approval_rate",
    "record_approval_rate",
    *(f"{s}_{m}" for s in FAIRNESS_SEGMENTS for m in ("approval_gap", "tpr_gap")),
)


def data_gains(
    applicants: pd.DataFrame,
    *,
    seeds: Sequence[int] = DATA_SEEDS,
    reference: str = "bureau",
    reference_cutoff: float = 570.0,
) -> pd.DataFrame:
    """Each model's gain over the reference at the same bad rate, for several train/test splits.

    One split is one draw of which applicants the models learn from and which
    they are tested on, so a gain measured on one split is a random number:
    on the page's 20,000 applicants the thin-file gain of platform data moves
    by several percentage points from split to split. This function runs
    :func:`data_study` and :func:`data_comparison` once per seed; average the
    rows with :func:`gain_estimate`.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants`.
    seeds : sequence of int
        Split seeds, at least two (default :data:`DATA_SEEDS`).
    reference, reference_cutoff
        As in :func:`data_comparison`.

    Returns
    -------
    DataFrame indexed by (``source``, ``seed``) with the source's ``cutoff``
    and, for ``auc``, ``approval_rate``, ``bad_rate``, ``thin_approval_rate``,
    ``record_approval_rate`` and the fairness gaps, the difference source
    minus reference on the same split (the reference's rows are all zero).

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> gains = data_gains(synthetic_applicants(n=3_000, seed=2), seeds=(1, 2))
    >>> gains.index.names, sorted(gains.index.get_level_values("seed").unique())
    (FrozenList(['source', 'seed']), [1, 2])
    """
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, Iterable):
        raise ValueError(f"seeds must be a sequence of at least two integer split seeds; got {type(seeds).__name__} {seeds!r}")
    seeds = [as_int("seeds", seed, low=0) for seed in seeds]
    if len(set(seeds)) < 2:
        raise ValueError(f"seeds must contain at least two different split seeds; got {seeds!r}")
    frames = []
    for seed in seeds:  # a handful of splits, each a few logistic fits
        table = data_comparison(data_study(applicants, seed=seed), reference=reference, reference_cutoff=reference_cutoff)
        gains = table[list(_GAIN_COLUMNS)] - table.loc[reference, list(_GAIN_COLUMNS)]
        gains.insert(0, "cutoff", table["cutoff"])
        gains.index = pd.MultiIndex.from_product([gains.index, [seed]], names=["source", "seed"])
        frames.append(gains)
    return pd.concat(frames).sort_index(level=["source", "seed"], sort_remaining=False)


def gain_estimate(gains: pd.DataFrame, column: str, source: str = "bureau + platform", *, level: float = 0.95) -> Estimate:
    """The mean gain of one source over several splits, with its standard error and interval.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> gains = data_gains(synthetic_applicants(n=3_000, seed=2), seeds=(1, 2, 3))
    >>> est = gain_estimate(gains, "auc")
    >>> est.n, est.low <= est.value <= est.high
    (3, True)
    """
    if not isinstance(gains, pd.DataFrame) or list(gains.index.names) != ["source", "seed"]:
        raise TypeError("gains must be the DataFrame that data_gains returns (indexed by source and seed)")
    require_one_of("column", column, ["cutoff", *_GAIN_COLUMNS])
    require_one_of("source", source, list(gains.index.get_level_values("source").unique()))
    return mean_estimate(gains.loc[source, column].to_numpy(dtype=float), level=level)


# ---------------------------------------------------------------------------
# The German scorecard measured for fairness (Chapter 1's promise)
# ---------------------------------------------------------------------------

GERMAN_FAIRNESS_GROUPS: tuple[str, ...] = ("personal_status_sex", "foreign_worker")
"""The protected columns of the German credit data that the scorecard never sees and the chapter measures it by."""


def german_fairness(
    study: Any = None,
    *,
    approval_rate: float = 0.7,
    sample: str = "all",
    groups: Sequence[str] = GERMAN_FAIRNESS_GROUPS,
    level: float = 0.95,
) -> pd.DataFrame:
    """Approval and error rates of the German scorecard, group by group, with intervals.

    The scorecard of Chapter 1's scorecard page
    (:func:`lessons.credit.german_scorecard_study <lessons.credit.scorecard.german_scorecard_study>`)
    never sees sex, marital status or foreign-worker status, but its
    variables may stand in for them. Every applicant of ``sample`` is scored and
    approved when the score clears the cut-off that approves ``approval_rate``
    of them (default 70 %, the share of good credits in the data). For each
    group the table gives the approval rate, the share of good credits
    declined (1 − true-positive rate) and the share of bad credits approved
    (false-positive rate), each with a Wilson interval: the groups are small
    (37 foreign workers among 1,000 applicants), and a gap between two groups
    means little unless the intervals say so.

    Two cautions for reading it. In the corrected data the level
    ``"female: non-single, or male: single"`` holds women who are or were
    married *and* single men (Grömping 2019), so the column is a grouping by
    marital status and sex, and no comparison of women with men can be made
    from it. And with ``sample="all"`` (the default) 700 of the 1,000
    applicants were used to fit the scorecard; ``sample="test"`` keeps only
    the 300 hold-out applicants, with wider intervals.

    Parameters
    ----------
    study : lessons.credit.scorecard.GermanStudy, optional
        Default: ``german_scorecard_study()`` with its defaults.
    approval_rate : float
        Share of applicants approved, in (0, 1]; sets the cut-off.
    sample : str
        ``"all"`` (1,000 applicants) or ``"test"`` (the 300 hold-out applicants).
    groups : sequence of str
        Protected columns to group by (default :data:`GERMAN_FAIRNESS_GROUPS`).
    level : float
        Confidence level of the intervals.

    Returns
    -------
    DataFrame indexed by (``variable``, ``group``) with ``applicants``,
    ``good``, ``bad``, ``default_rate``, ``approval_rate``, ``approval_low``,
    ``approval_high``, ``good_declined``, ``good_declined_low``,
    ``good_declined_high``, ``bad_approved``, ``bad_approved_low``,
    ``bad_approved_high``, the ``cutoff`` (points, the same on every row) and
    the confidence ``level`` of the intervals.

    Examples
    --------
    >>> t = german_fairness()
    >>> int(t.loc[("foreign_worker", "yes"), "applicants"]), int(t["applicants"].sum())
    (37, 2000)
    >>> row = t.loc[("foreign_worker", "yes")]
    >>> bool(row["approval_low"] <= row["approval_rate"] <= row["approval_high"])
    True
    """
    from lessons import credit

    study = credit.german_scorecard_study() if study is None else study
    if not isinstance(study, credit.GermanStudy):
        raise TypeError(f"study must be a lessons.credit.GermanStudy (from german_scorecard_study); got {type(study).__name__}")
    approval_rate = as_probability("approval_rate", approval_rate)
    if approval_rate == 0:
        raise ValueError("approval_rate must be above 0: a cut-off that approves nobody has no error rates to compare")
    require_one_of("sample", sample, ("all", "test"))
    if isinstance(groups, (str, bytes)) or not isinstance(groups, Iterable):
        raise ValueError(f"groups must be a sequence of protected column names; got {type(groups).__name__} {groups!r}")
    groups = list(groups)
    if not groups:
        raise ValueError("groups must name at least one column")
    level = as_number("level", level, low=0, high=1, low_open=True, high_open=True)
    frame = study.data if sample == "all" else study.test
    require_columns("study data", frame, (*groups, "default"))
    scores = credit.score_woe(study.card, frame)
    cutoff = credit.cutoff_for_approval_rate(scores, approval_rate)
    approved = scores >= cutoff
    bad = frame["default"].to_numpy(dtype=int) == 1
    rows = []
    for variable in groups:  # two protected columns, a handful of groups each
        labels = frame[variable].astype(str).to_numpy()
        for group in pd.unique(labels):
            member = labels == group
            n, n_bad = int(member.sum()), int((member & bad).sum())
            n_good = n - n_bad
            approval = proportion_estimate(int((member & approved).sum()), n, level=level)
            row = {
                "variable": variable,
                "group": group,
                "applicants": n,
                "good": n_good,
                "bad": n_bad,
                "default_rate": n_bad / n,
                "approval_rate": approval.value,
                "approval_low": approval.low,
                "approval_high": approval.high,
            }
            for name, mask, count in (("good_declined", member & ~bad & ~approved, n_good), ("bad_approved", member & bad & approved, n_bad)):
                if count:
                    est = proportion_estimate(int(mask.sum()), count, level=level)
                    row.update({name: est.value, f"{name}_low": est.low, f"{name}_high": est.high})
                else:
                    row.update({name: math.nan, f"{name}_low": math.nan, f"{name}_high": math.nan})
            rows.append(row)
    table = pd.DataFrame(rows).set_index(["variable", "group"]).sort_index(level="variable", sort_remaining=False)
    table = table.groupby(level="variable", sort=False, group_keys=False).apply(lambda t: t.sort_values("applicants", ascending=False))
    table["cutoff"] = float(cutoff)
    table["level"] = level
    return table


def group_gap(table: pd.DataFrame, variable: str, first: str, second: str, column: str = "approval_rate") -> Estimate:
    """The difference of one rate between two groups of :func:`german_fairness`, with an interval.

    The interval is Newcombe's hybrid score interval for a difference of two
    independent proportions, built from the two groups' Wilson intervals in
    ``table`` (so at the table's ``level``); the standard error is the usual
    ``sqrt(p1 (1 - p1) / n1 + p2 (1 - p2) / n2)``. A gap whose interval
    contains zero is not evidence that the groups are treated differently.

    Parameters
    ----------
    table : DataFrame
        From :func:`german_fairness`.
    variable : str
        A grouping of the table (``"personal_status_sex"`` or ``"foreign_worker"``).
    first, second : str
        Two groups of that variable; the gap is ``first − second``.
    column : str
        ``"approval_rate"``, ``"good_declined"`` or ``"bad_approved"``.

    Examples
    --------
    >>> t = german_fairness()
    >>> gap = group_gap(t, "foreign_worker", "yes", "no")
    >>> round(gap.value, 3), gap.low < gap.value < gap.high
    (0.115, True)
    """
    require_columns("table", table, ("applicants", "good", "bad", "level", "approval_rate", "good_declined", "bad_approved"))
    require_one_of("column", column, ("approval_rate", "good_declined", "bad_approved"))
    if not isinstance(table.index, pd.MultiIndex) or list(table.index.names) != ["variable", "group"]:
        raise TypeError("table must be the DataFrame that german_fairness returns (indexed by variable and group)")
    require_one_of("variable", variable, list(table.index.get_level_values("variable").unique()))
    groups = list(table.loc[variable].index)
    rows = [table.loc[(variable, require_one_of(name, group, groups))] for name, group in (("first", first), ("second", second))]
    size = {"approval_rate": "applicants", "good_declined": "good", "bad_approved": "bad"}[column]
    low_column, high_column = ("approval_low", "approval_high") if column == "approval_rate" else (f"{column}_low", f"{column}_high")
    (p1, l1, u1, n1), (p2, l2, u2, n2) = ((float(r[column]), float(r[low_column]), float(r[high_column]), int(r[size])) for r in rows)
    difference = p1 - p2
    low = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return Estimate(difference, se, low, high, float(rows[0]["level"]), n1 + n2)
