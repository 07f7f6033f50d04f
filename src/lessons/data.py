"""The course's data: a real credit dataset and a synthetic platform population.

Two sources feed every model in the book:

* :func:`load_german_credit` — 1,000 real applicants of a German bank, decoded
  with the corrected code table of the South German Credit data (Grömping 2019,
  CC BY 4.0); the UCI Statlog edition with its wrong code table (Hofmann 1994)
  is kept for the lesson on that error (:func:`compare_german_codebooks`). Both
  files ship inside the package (see ``lessons/datasets/README.md``).
* :func:`synthetic_applicants` — a seeded generator of a digital-lending
  platform's applicants, with thin files, multi-lender borrowing, business
  owners and defaults drawn from a stated logistic model. It is illustrative,
  not calibrated to Ant Group or any real platform.

:func:`segment_summary` and :func:`plot_segment_summary` (or its light SVG twin
:func:`segment_summary_bars`, for widgets) give the first look at either dataset. Nothing here reads from the network.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_int, as_rng, require_columns, require_one_of

__all__ = [
    "GERMAN_FEATURES",
    "GERMAN_PROTECTED_ATTRIBUTES",
    "GERMAN_EDITIONS",
    "load_german_credit",
    "compare_german_codebooks",
    "AGE_BANDS",
    "DEFAULT_MODEL_COEFFICIENTS",
    "synthetic_applicants",
    "describe_synthetic_columns",
    "segment_summary",
    "plot_segment_summary",
    "segment_summary_bars",
]

#: Attributes of the German data that are never model inputs: kept only to measure
#: how decisions treat groups (Chapter 4). Deciding on them is unlawful in many places.
GERMAN_PROTECTED_ATTRIBUTES: tuple[str, ...] = ("personal_status_sex", "foreign_worker")

#: The other 18 attributes of the German data, usable as model inputs.
GERMAN_FEATURES: tuple[str, ...] = (
    "checking_status", "duration_months", "credit_history", "purpose", "credit_amount", "savings_status",
    "employment_since", "installment_rate", "other_debtors", "residence_since", "property", "age",
    "other_installment_plans", "housing", "existing_credits", "job", "people_liable", "telephone",
)

#: The two code tables of the same 1,000 records: Grömping's corrected one (the course's data)
#: and the UCI one, kept for the lesson on how a mislabelled code table misled a generation of textbooks.
GERMAN_EDITIONS: tuple[str, ...] = ("corrected", "uci")

_RECORD_KEY = ["duration_months", "credit_amount", "age"]


def _read_dataset_text(name: str) -> str:
    return (resources.files("lessons") / "datasets" / name).read_text(encoding="utf-8")


def _load_corrected_german() -> pd.DataFrame:
    """The South German Credit file decoded with its documented code table."""
    codes = json.loads(_read_dataset_text("south_german_credit_codes.json"))
    raw = pd.read_csv(io.StringIO(_read_dataset_text("south_german_credit.asc")), sep=r"\s+", dtype=int)
    columns = {}
    for column, spec in codes.items():
        values = raw[spec["source"]]
        kind = spec.get("kind")
        if kind == "integer":
            columns[column] = values.astype(int)
        elif kind == "default":
            columns[column] = (1 - values).astype(int)  # credit_risk 1 = good, 0 = bad
        else:
            levels = spec["levels"]
            order = sorted(levels, key=int)
            columns[column] = pd.Categorical(
                values.astype(str).map(levels), categories=[levels[code] for code in order], ordered=spec["ordered"]
            )
    return pd.DataFrame(columns)


def _load_uci_german() -> pd.DataFrame:
    """The UCI Statlog file decoded with the UCI code table (which Grömping showed to be wrong)."""
    layout = json.loads(_read_dataset_text("german_credit_columns.json"))
    frame = pd.read_csv(io.StringIO(_read_dataset_text("german_credit.csv")), dtype=str, keep_default_na=False)
    for column, kind in layout.items():
        if kind == "integer":
            frame[column] = frame[column].astype(int)
        else:
            frame[column] = pd.Categorical(frame[column], categories=kind, ordered=False)
    return frame.rename(columns={"installment_rate_pct": "installment_rate"})


def load_german_credit(edition: str = "corrected") -> pd.DataFrame:
    """Load the German credit data: 1,000 real applicants of a German bank, 30 % bad.

    ``edition="corrected"`` (the default, and the course's data) is the South
    German Credit file of Grömping (2019), UCI Machine Learning Repository,
    CC BY 4.0: the same records as the UCI Statlog file with the code table
    documented correctly. ``edition="uci"`` is the Statlog file of Hofmann
    (1994) decoded with the UCI code table, which mislabels most categorical
    variables; the course keeps it only for the lesson on that error (see
    :func:`compare_german_codebooks`). Provenance, checksums and licences are in
    ``lessons/datasets/README.md``.

    Categorical attributes are pandas Categoricals with their levels in code
    order. In the corrected edition the levels are *ordered* where they are
    ranges of one quantity (``employment_since``, ``installment_rate``,
    ``residence_since``, ``existing_credits``, ``people_liable``; for
    ``installment_rate`` and ``people_liable`` the code rises as the quantity
    falls); the other codes rank levels by a judgement of risk, not by a
    quantity, and are left unordered. In the UCI edition every categorical is
    unordered and ``installment_rate``, ``residence_since`` and
    ``existing_credits`` are the integer codes 1-4. ``default`` is 1 for a bad
    outcome. The two attributes in :data:`GERMAN_PROTECTED_ATTRIBUTES` are for
    fairness analysis only, never model inputs; note that
    ``personal_status_sex`` level "female: non-single, or male: single" mixes
    the sexes, so sex cannot be recovered from it.

    Parameters
    ----------
    edition : {"corrected", "uci"}
        Which code table decodes the records.

    Returns
    -------
    DataFrame
        1,000 rows: the 18 :data:`GERMAN_FEATURES`, the 2 protected attributes
        and ``default``.

    Examples
    --------
    >>> german = load_german_credit()
    >>> german.shape
    (1000, 21)
    >>> float(german["default"].mean())
    0.3
    >>> german.loc[0, "checking_status"]
    'no checking account'
    >>> load_german_credit("uci").loc[0, "checking_status"]
    '< 0 DM'
    """
    edition = require_one_of("edition", edition, GERMAN_EDITIONS)
    return _load_corrected_german() if edition == "corrected" else _load_uci_german()


def compare_german_codebooks(column: str) -> pd.DataFrame:
    """The UCI label and the corrected label of each level of one German attribute, side by side.

    The two files hold the same 1,000 applications in different row orders;
    records are paired on (duration, amount, age), which pairs 990 of them
    one to one. For each level the table gives the label the UCI code table
    prints, the label Grömping's corrected table gives the same records, how
    many paired records have it and their bad rate.

    Parameters
    ----------
    column : str
        A categorical attribute of :func:`load_german_credit`.

    Returns
    -------
    DataFrame
        Columns ``uci_label``, ``corrected_label``, ``applicants``,
        ``bad_rate``, one row per level, ordered by the corrected code.

    Examples
    --------
    >>> table = compare_german_codebooks("checking_status")
    >>> table.loc[table.uci_label == "no checking account", "corrected_label"].item()
    '>= 200 DM or salary for at least 1 year'
    >>> int(table.applicants.sum())
    990
    """
    corrected, uci = load_german_credit("corrected"), load_german_credit("uci")
    categorical = [c for c in corrected.columns if isinstance(corrected[c].dtype, pd.CategoricalDtype)]
    column = require_one_of("column", column, categorical)
    unique = [frame.drop_duplicates(_RECORD_KEY, keep=False) for frame in (corrected, uci)]
    paired = unique[0].merge(unique[1], on=_RECORD_KEY, suffixes=("_corrected", "_uci"))
    grouped = paired.groupby([f"{column}_corrected", f"{column}_uci"], observed=True)
    table = grouped.agg(applicants=("default_corrected", "size"), bad_rate=("default_corrected", "mean")).reset_index()
    table = table.rename(columns={f"{column}_corrected": "corrected_label", f"{column}_uci": "uci_label"})
    table = table.sort_values("corrected_label", key=lambda s: s.cat.codes).reset_index(drop=True)
    table[["uci_label", "corrected_label"]] = table[["uci_label", "corrected_label"]].astype(str)
    return table[["uci_label", "corrected_label", "applicants", "bad_rate"]]


#: Age bands used throughout the course (ordered categories).
AGE_BANDS: tuple[str, ...] = ("18-24", "25-34", "35-44", "45-59", "60+")
_BAND_LOW = np.array([18, 25, 35, 45, 60])
_BAND_HIGH = np.array([24, 34, 44, 59, 70])
_BAND_SHARES = np.array([0.22, 0.33, 0.22, 0.17, 0.06])
_TIER_SHARES = np.array([0.15, 0.25, 0.30, 0.30])
_MAX_APPLICANTS = 5_000_000

#: Coefficients of the logistic default model of :func:`synthetic_applicants`
#: (illustrative, not calibrated to Ant Group). The log-odds of default are
#: the sum of each coefficient times its term; "bureau" terms apply only to
#: applicants with a central-bank record.
DEFAULT_MODEL_COEFFICIENTS: Mapping[str, float] = {
    "intercept": -3.15,
    "log(income / 6000)": -0.55,
    "log(1 + tenure_months / 12)": -0.35,
    "log(monthly_payment_volume / 2500)": -0.30,
    "aged 18-24": 0.40,
    "business_owner": 0.30,
    "other_lenders (true count)": 0.28,
    "utilisation - 0.4": 1.40,
    "hidden reliability": -0.35,
    "bureau: on_time_share - 0.93": -6.0,
    "bureau: past_overdues": 0.35,
}


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def synthetic_applicants(n: int = 20_000, seed: int | np.random.Generator = 2020) -> pd.DataFrame:
    """Generate a reproducible population of applicants to a digital-lending platform.

    Illustrative, not calibrated to Ant Group or any real platform: the
    structure follows what platforms are known to use, the numbers are chosen
    to make the course's mechanisms visible.

    Data-generating process (all draws from one generator made from ``seed``):

    1. **Identity.** An age band with shares 22/33/22/17/6 % for
       18-24/25-34/35-44/45-59/60+, then an age uniform within the band; a city
       tier 1-4 (4 = tier-4 cities and below) with shares 15/25/30/30 %.
    2. **A hidden reliability trait** ``z ~ N(0, 1)`` that no lender sees; it
       moves repayment behaviour, borrowing and default.
    3. **Account and income.** Payment-account tenure (months, at most 180 and
       at most the months since age 16); a lognormal monthly income that peaks
       in mid-career and falls with the city tier number; business ownership
       (个体工商户) with probability 22 % at ages 30-59 and 6 % otherwise;
       monthly payment volume, lognormal around 45 % of income, higher with
       tenure, business ownership and ``z``.
    4. **Bureau record.** A thin file (信用白户: no credit history in the central bank's system) with
       probability ``sigmoid(-0.7 + 1.6·[age<25] + 0.3·(tier-2.5)
       - 0.35·log(1+tenure/12) + 0.9·[age≥60])``. With a record: an on-time
       repayment share ``sigmoid(2.9 + 0.9 z + noise)`` and past overdues
       ``Poisson(exp(-1.4 - 0.8 z))``; a thin file has ``on_time_share = NaN``
       and ``past_overdues = 0`` (nothing on record).
    5. **Debt.** The true number of other lenders (多头借贷)
       ``Poisson(exp(-0.15 + 0.35·[age<25] + 0.25·owner - 0.3 z))`` (at most
       12); the number visible in the central-bank report before platform
       lines were reported, ``Binomial(other_lenders, 0.5)`` (0 for thin
       files); utilisation of existing limits ``sigmoid(-0.5 - 0.6 z + noise)``.
    6. **Default.** ``pd_true = sigmoid(Σ coefficient × term)`` with
       :data:`DEFAULT_MODEL_COEFFICIENTS`; the bureau terms count only for
       applicants with a record, so a thin-file applicant's risk shows only in
       platform behaviour (payment volume, tenure) and in what nobody sees.
       ``default ~ Bernoulli(pd_true)``.

    With the default seed the overall default rate is about 7 %, the thin-file
    share about 33 % (about 64 % among 18-24-year-olds) and the AUC of
    ``pd_true`` about 0.82. 100,000 applicants take about 0.15 s.

    Parameters
    ----------
    n : int
        Number of applicants (1 to 5,000,000).
    seed : int or numpy.random.Generator
        Non-negative seed, or a generator to draw from.

    Returns
    -------
    DataFrame
        One row per applicant; columns are described by
        :func:`describe_synthetic_columns`.

    Examples
    --------
    >>> pop = synthetic_applicants(n=1_000, seed=1)
    >>> pop.shape
    (1000, 16)
    >>> bool(pop.loc[pop.thin_file, "on_time_share"].isna().all())
    True
    >>> synthetic_applicants(n=5, seed=3).equals(synthetic_applicants(n=5, seed=3))
    True
    """
    n = as_int("n", n, low=1, high=_MAX_APPLICANTS)
    rng = as_rng("seed", seed)

    band = rng.choice(len(AGE_BANDS), size=n, p=_BAND_SHARES)
    age = rng.integers(_BAND_LOW[band], _BAND_HIGH[band] + 1)
    tier = rng.choice(np.arange(1, 5), size=n, p=_TIER_SHARES)
    z = rng.standard_normal(n)
    young = age < 25

    tenure_cap = np.minimum(180, (age - 16) * 12)
    tenure = np.minimum(tenure_cap, np.floor(rng.gamma(2.0, 12 + 1.2 * (age - 18)))).astype(int)
    log_income = np.log(6000) + 0.35 * (1 - ((age - 42) / 24) ** 2) - 0.18 * (tier - 1) + 0.5 * rng.standard_normal(n)
    income = np.round(np.exp(log_income), 0)
    owner = rng.random(n) < np.where((age >= 30) & (age <= 59), 0.22, 0.06)
    volume = np.round(
        np.exp(np.log(0.45 * income) + 0.25 * np.log1p(tenure / 12) + 0.6 * owner + 0.2 * z + 0.6 * rng.standard_normal(n)),
        0,
    )

    thin = rng.random(n) < _sigmoid(-0.7 + 1.6 * young + 0.3 * (tier - 2.5) - 0.35 * np.log1p(tenure / 12) + 0.9 * (age >= 60))
    on_time = np.where(thin, np.nan, np.round(_sigmoid(2.9 + 0.9 * z + 0.5 * rng.standard_normal(n)), 3))
    overdues = np.where(thin, 0, rng.poisson(np.exp(-1.4 - 0.8 * z)))
    other = np.minimum(12, rng.poisson(np.exp(-0.15 + 0.35 * young + 0.25 * owner - 0.3 * z)))
    reported = np.where(thin, 0, rng.binomial(other, 0.5))
    utilisation = np.round(_sigmoid(-0.5 - 0.6 * z + 0.8 * rng.standard_normal(n)), 3)

    c = DEFAULT_MODEL_COEFFICIENTS
    bureau = c["bureau: on_time_share - 0.93"] * (np.nan_to_num(on_time) - 0.93) + c["bureau: past_overdues"] * overdues
    log_odds = (
        c["intercept"]
        + c["log(income / 6000)"] * np.log(income / 6000)
        + c["log(1 + tenure_months / 12)"] * np.log1p(tenure / 12)
        + c["log(monthly_payment_volume / 2500)"] * np.log(np.maximum(volume, 1) / 2500)
        + c["aged 18-24"] * young
        + c["business_owner"] * owner
        + c["other_lenders (true count)"] * other
        + c["utilisation - 0.4"] * (utilisation - 0.4)
        + c["hidden reliability"] * z
        + np.where(thin, 0.0, bureau)
    )
    pd_true = _sigmoid(log_odds)
    default = (rng.random(n) < pd_true).astype(int)

    return pd.DataFrame(
        {
            "applicant_id": np.arange(n),
            "age": age.astype(int),
            "age_band": pd.Categorical.from_codes(band, categories=list(AGE_BANDS), ordered=True),
            "city_tier": tier.astype(int),
            "tenure_months": tenure,
            "income": income,
            "monthly_payment_volume": volume,
            "thin_file": thin,
            "on_time_share": on_time,
            "past_overdues": overdues.astype(int),
            "other_lenders": other.astype(int),
            "reported_lenders": reported.astype(int),
            "utilisation": utilisation,
            "business_owner": owner,
            "pd_true": pd_true,
            "default": default,
        }
    )


_SYNTHETIC_COLUMNS = (
    ("applicant_id", "Row number of the applicant", "—"),
    ("age", "Age in years", "years"),
    ("age_band", "Age band: 18-24, 25-34, 35-44, 45-59, 60+", "category"),
    ("city_tier", "City tier of residence (1 = largest cities, 4 = tier 4 and below)", "1-4"),
    ("tenure_months", "Age of the payment account", "months"),
    ("income", "Monthly income proxy", "RMB per month"),
    ("monthly_payment_volume", "Money paid through the payment app each month", "RMB per month"),
    ("thin_file", "No credit history in the central bank's credit reference system (信用白户)", "True/False"),
    ("on_time_share", "Share of past repayments made on time; missing for thin files", "0-1"),
    ("past_overdues", "Overdue episodes in the last 24 months on record; 0 for thin files", "count"),
    ("other_lenders", "True number of other lenders with an active line (多头借贷)", "count"),
    ("reported_lenders", "Other lenders visible in the central-bank report before platform lines were reported", "count"),
    ("utilisation", "Share of existing credit limits in use", "0-1"),
    ("business_owner", "Runs an individual business (个体工商户)", "True/False"),
    ("pd_true", "True probability of default from the generator's model (unknown to any lender)", "0-1"),
    ("default", "Defaulted (1) or repaid (0), drawn from pd_true", "0/1"),
)


def describe_synthetic_columns() -> pd.DataFrame:
    """What each column of :func:`synthetic_applicants` means, and its unit.

    Examples
    --------
    >>> table = describe_synthetic_columns()
    >>> list(table.columns)
    ['column', 'meaning', 'unit']
    >>> table["column"].tolist() == list(synthetic_applicants(n=2, seed=0).columns)
    True
    """
    return pd.DataFrame(list(_SYNTHETIC_COLUMNS), columns=["column", "meaning", "unit"])


def segment_summary(frame: pd.DataFrame, column: str, *, outcome: str = "default") -> pd.DataFrame:
    """Applicants, their share, default rate (and thin-file share) for each value of ``column``.

    Parameters
    ----------
    frame : DataFrame
        Applicants, e.g. from :func:`synthetic_applicants` or :func:`load_german_credit`.
    column : str
        The column that defines the segments (a category, a flag or a small integer).
    outcome : str
        The 0/1 outcome column (1 = default).

    Returns
    -------
    DataFrame
        Indexed by segment, with ``applicants``, ``share`` and ``default_rate``, and
        ``thin_file_share`` when ``frame`` has a ``thin_file`` column.

    Examples
    --------
    >>> toy = pd.DataFrame({"tier": [1, 1, 2, 2], "default": [0, 1, 0, 0]})
    >>> segment_summary(toy, "tier")
          applicants  share  default_rate
    tier
    1              2    0.5           0.5
    2              2    0.5           0.0
    """
    require_columns("frame", frame, [outcome])
    require_one_of("column", column, [c for c in frame.columns if c != outcome])
    grouped = frame.groupby(column, observed=True, sort=True)
    sizes = grouped.size()
    table = pd.DataFrame({"applicants": sizes, "share": sizes / len(frame), "default_rate": grouped[outcome].mean()})
    if "thin_file" in frame.columns:
        table["thin_file_share"] = grouped["thin_file"].mean()
    return table


_MEASURE_LABELS = {"default_rate": "Default rate", "share": "Share of applicants", "thin_file_share": "Thin-file share"}


def plot_segment_summary(
    frame: pd.DataFrame, column: str, *, measure: str = "default_rate", dataset: str = "synthetic applicants"
) -> Any:
    """Bar chart of one measure of :func:`segment_summary`, with alt text computed from the bars.

    Parameters
    ----------
    frame : DataFrame
        Applicants.
    column : str
        Segment column.
    measure : {"default_rate", "share", "thin_file_share"}
        What the bars show (``thin_file_share`` needs a ``thin_file`` column).
    dataset : str
        Name of the data, used in the caption.

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> toy = pd.DataFrame({"tier": [1, 1, 2, 2], "default": [0, 1, 0, 0]})
    >>> plot_segment_summary(toy, "tier").alt
    'Default rate by tier: highest for 1 (50.0 %), lowest for 2 (0.0 %).'
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    values, label, segment, alt = _segment_measure(frame, column, measure)
    names = [str(i) for i in values.index]
    fig, ax = subplots(width=6.5, height=3.0)
    ax.bar(names, values.to_numpy(), color=PALETTE["blue"], edgecolor=PALETTE["black"], linewidth=0.5)
    for x, y in zip(names, values.to_numpy()):
        ax.annotate(pct(float(y)), (x, y), ha="center", va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    ax.set_ylabel(label)
    ax.set_xlabel(segment)
    ax.set_ylim(0, max(0.05, float(values.max()) * 1.2))
    ax.yaxis.set_major_formatter(lambda y, _: f"{100 * y:.0f} %")
    if max(len(n) for n in names) > 12:
        ax.tick_params(axis="x", labelrotation=15, labelsize=8)
    return chart(fig, alt=alt, caption=f"{label} by {segment} ({dataset}).")


def segment_summary_bars(
    frame: pd.DataFrame, column: str, *, measure: str = "default_rate", dataset: str = "synthetic applicants"
) -> str:
    """The chart of :func:`plot_segment_summary` as light inline SVG, for widgets that redraw often.

    Same parameters, bars and alt text as :func:`plot_segment_summary`, drawn as
    horizontal bars in about a millisecond instead of a matplotlib PNG.

    Returns
    -------
    str
        An HTML ``<figure>`` (see :func:`lessons.svg.svg_figure`).

    Examples
    --------
    >>> toy = pd.DataFrame({"tier": [1, 1, 2, 2], "default": [0, 1, 0, 0]})
    >>> 'aria-label="Default rate by tier: highest for 1 (50.0 %), lowest for 2 (0.0 %)."' in segment_summary_bars(toy, "tier")
    True
    """
    from lessons.svg import svg_figure, svg_hbars

    values, label, segment, alt = _segment_measure(frame, column, measure)
    body, height = svg_hbars(
        [str(i) for i in values.index],
        [(label.lower(), values.to_numpy(dtype=float), "blue", None)],
        x0=0, y0=0, width=640, label_width=170, xmax=max(0.05, float(values.max()) * 1.15),
        xlabel=f"{label.lower()} (share of each {segment} group)",
    )
    return svg_figure(body, width=640, height=height + 4, alt=alt, caption=f"{label} by {segment} ({dataset}).")


def _segment_measure(frame: pd.DataFrame, column: str, measure: str) -> tuple[pd.Series, str, str, str]:
    """One measure of :func:`segment_summary` with its label, the segment's name and alt text."""
    from lessons.plotting import pct

    table = segment_summary(frame, column)
    measure = require_one_of("measure", measure, [c for c in table.columns if c != "applicants"])
    values = table[measure]
    label, segment = _MEASURE_LABELS[measure], column.replace("_", " ")
    high, low = values.idxmax(), values.idxmin()
    alt = (
        f"{label} by {segment}: highest for {high} ({pct(float(values[high]))}), "
        f"lowest for {low} ({pct(float(values[low]))})."
    )
    return values, label, segment, alt
