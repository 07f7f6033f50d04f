"""Models for the page *When many lines are cut at once* (book/sme-impact/many-lines-cut.ipynb).

Chapter 1's synthetic business owners with illustrative shops
(:func:`shop_population`), a platform-wide tightening of their lines
(:func:`tighten_lines`), its outcome for shops (:func:`population_outcome`)
and a first-round spillover to suppliers (:func:`supplier_spillover`).
Illustrative, not calibrated to Ant Group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from lessons._validation import as_binary_array, as_float_array, as_int, as_probability, as_rng, require_columns, require_one_of
from lessons.montecarlo import Estimate, mean_estimate
from lessons.sme.shop import (
    _FEN,
    _MAX_HORIZON,
    DAYS_PER_YEAR,
    SHORTFALL_WINDOW,
    LinePolicy,
    ShopParams,
    Simulation,
    _check_sim,
    _check_shop,
    simulate,
)

__all__ = [
    "STOCKOUT_SHARE",
    "BASE_APPROVAL_RATE",
    "ShopPopulation",
    "shop_population",
    "tighten_lines",
    "population_outcome",
    "supplier_spillover",
    "TighteningStudy",
    "tightening_study",
]

#: Share of a day's sales lost when the shop ends the day with unpaid bills (stock-outs); a model assumption.
STOCKOUT_SHARE = 0.5
#: Approval rate of Chapter 2's platform when money is ample (the cut-off set by risk).
BASE_APPROVAL_RATE = 0.70


# Columns of the applicants that shop_population() reads besides the scoring model's.
_OWNER_COLUMNS = ("applicant_id", "business_owner", "thin_file", "age_band", "city_tier", "monthly_payment_volume")


@dataclass(frozen=True)
class ShopPopulation:
    """Owners who hold a line, with their shops (see :func:`shop_population`).

    ``owners`` has one row per shop: ``score`` (Chapter 1's points), ``scale`` (shop size
    relative to :class:`~lessons.sme.shop.ShopParams`), ``limit`` (RMB), ``supplier`` (index), the segment
    columns ``thin_file``, ``age_band``, ``city_tier`` and ``segment``. ``all_scores``
    holds every applicant's score, so cut-offs can be set on the whole book.
    """

    owners: pd.DataFrame
    all_scores: np.ndarray
    base_cutoff: float
    n_suppliers: int


def shop_population(
    applicants: pd.DataFrame | None = None,
    *,
    base_approval_rate: float = BASE_APPROVAL_RATE,
    n_suppliers: int = 40,
    seed: Any = 5,
) -> ShopPopulation:
    """Business owners of Chapter 1's synthetic applicants who hold a line, with illustrative shops.

    Owners are scored with Chapter 1's platform model
    (:func:`lessons.credit.fit_platform_model <lessons.credit.platform_model.fit_platform_model>`,
    :func:`lessons.credit.score_applicants <lessons.credit.platform_model.score_applicants>`)
    and hold a line when their score clears the cut-off at ``base_approval_rate``
    (:func:`lessons.credit.cutoff_for_approval_rate <lessons.credit.cutoffs.cutoff_for_approval_rate>`).
    Shop size follows the owner's Alipay payment volume (relative to the median, clipped to
    [0.3, 3]); the personal limit is RMB 40,000 × size, clipped to [10,000, 100,000]; each shop
    buys from one of ``n_suppliers`` suppliers. These links are **illustrative,
    not calibrated to Ant Group**.

    ``applicants`` (default: :func:`lessons.data.synthetic_applicants`) needs the platform
    model's columns and ``applicant_id``, ``business_owner`` (0/1), ``thin_file``,
    ``age_band``, ``city_tier`` and ``monthly_payment_volume`` (>= 0), and at least one
    business owner whose score clears the cut-off.

    Examples
    --------
    >>> pop = shop_population()
    >>> 1500 < len(pop.owners) < 2500, bool(pop.owners["limit"].between(10_000, 100_000).all())
    (True, True)
    """
    from lessons import credit

    if applicants is None:
        from lessons.data import synthetic_applicants

        applicants = synthetic_applicants()
    require_columns("applicants", applicants, _OWNER_COLUMNS)
    is_owner = as_binary_array("applicants['business_owner']", applicants["business_owner"]).astype(bool)
    volume = as_float_array("applicants['monthly_payment_volume']", applicants["monthly_payment_volume"], low=0)
    base_approval_rate = as_probability("base_approval_rate", base_approval_rate, allow_zero=False)
    n_suppliers = as_int("n_suppliers", n_suppliers, low=1, high=10_000)
    rng = as_rng("seed", seed)
    model = credit.fit_platform_model(applicants)
    scores = np.asarray(credit.score_applicants(model, applicants), dtype=float)
    cutoff = credit.cutoff_for_approval_rate(scores, base_approval_rate)
    owner = is_owner & (scores >= cutoff)
    if not owner.any() or np.median(volume[owner]) <= 0:
        raise ValueError(
            "applicants must include business owners (business_owner = 1) whose score clears the cut-off at "
            f"base_approval_rate = {base_approval_rate:g} and whose median monthly_payment_volume is above 0; "
            f"found {int(owner.sum())} such owner(s)"
        )
    frame = applicants.loc[owner, ["applicant_id", "thin_file", "age_band", "city_tier", "monthly_payment_volume"]].reset_index(drop=True)
    frame.insert(1, "score", scores[owner])
    frame["scale"] = np.clip(volume[owner] / np.median(volume[owner]), 0.3, 3.0)
    frame["limit"] = np.clip(40_000.0 * frame["scale"], 10_000.0, 100_000.0).round(-2)
    frame["supplier"] = rng.integers(0, n_suppliers, size=len(frame))
    frame["segment"] = np.where(frame["thin_file"], "thin file", "with credit record")
    return ShopPopulation(owners=frame, all_scores=scores, base_cutoff=float(cutoff), n_suppliers=n_suppliers)


def tighten_lines(population: ShopPopulation, approval_rate: float) -> pd.Series:
    """Which owners lose their line when the platform's approval rate falls to ``approval_rate``.

    The cut-off is recomputed on all applicants' scores with
    :func:`lessons.credit.cutoff_for_approval_rate <lessons.credit.cutoffs.cutoff_for_approval_rate>`
    (Chapter 1's logic, the same rationing as Chapter 2's credit-supply page); owners whose
    score falls below it are cut.

    Examples
    --------
    >>> pop = shop_population()
    >>> bool(tighten_lines(pop, 0.70).sum() == 0), bool(tighten_lines(pop, 0.40).mean() > 0.3)
    (True, True)
    """
    from lessons import credit

    if not isinstance(population, ShopPopulation):
        raise TypeError(f"population must come from shop_population(); got {type(population).__name__}")
    approval_rate = as_probability("approval_rate", approval_rate, allow_zero=False)
    cutoff = max(credit.cutoff_for_approval_rate(population.all_scores, approval_rate), population.base_cutoff)
    return pd.Series(population.owners["score"].to_numpy() < cutoff, name="cut")


def population_outcome(
    population: ShopPopulation,
    approval_rate: float,
    *,
    shop: ShopParams | None = None,
    cut_day: int = 240,
    notice_days: int = 0,
    window: int = SHORTFALL_WINDOW,
    stockout_share: float = STOCKOUT_SHARE,
    seed: Any = 9,
) -> dict[str, Any]:
    """Simulate every shop of the population through a segment-wide tightening on ``cut_day``.

    Returns a dict with ``summary`` (a one-column DataFrame of aggregate numbers),
    ``by_segment`` (shortfall shares for cut and kept shops by segment), the
    ``simulation`` and the ``cut`` mask. Lost sales = ``stockout_share`` × sales on
    shortfall days in the window (a model assumption: stock-outs follow unpaid suppliers).

    Examples
    --------
    >>> out = population_outcome(shop_population(), 0.5)
    >>> s = out["summary"]["value"]
    >>> s["shops with a shortfall, tightening (share)"] > s["shops with a shortfall, no tightening (share)"]
    True
    """
    shop = _check_shop(shop if shop is not None else ShopParams())
    stockout_share = as_probability("stockout_share", stockout_share)
    cut_day = as_int("cut_day", cut_day, low=0, high=DAYS_PER_YEAR - 1)
    cut = tighten_lines(population, approval_rate).to_numpy()
    owners = population.owners
    n = len(owners)
    policy = LinePolicy(limit=0.0, cut_day=cut_day, notice_days=notice_days)
    common = dict(n_shops=n, seed=seed, paths=False, window=window, scale=owners["scale"].to_numpy(), limits=owners["limit"].to_numpy())
    sim = simulate(shop, policy, cut=cut, **common)
    base = simulate(shop, policy, cut=np.zeros(n, dtype=bool), **common)
    lost = stockout_share * sim.lost_sales_base / _FEN
    lost_base = stockout_share * base.lost_sales_base / _FEN
    rows = {
        "shops with a line": n,
        "lines cut": int(cut.sum()),
        "shops with a shortfall, no tightening (share)": float(base.shortfall_in_window.mean()),
        "shops with a shortfall, tightening (share)": float(sim.shortfall_in_window.mean()),
        "extra shops with a shortfall": int(sim.shortfall_in_window.sum() - base.shortfall_in_window.sum()),
        "funding gap, total (RMB)": float(sim.gap.sum() / _FEN),
        "lost sales in the window, extra (RMB)": float(lost.sum() - lost_base.sum()),
        "exposure closed by the platform (RMB)": float(sim.balance_at_cut.sum() / _FEN),
    }
    summary = pd.DataFrame({"value": pd.Series(rows, dtype=object)})
    frame = pd.DataFrame({"segment": owners["segment"], "cut": cut, "short": sim.shortfall_in_window, "short_base": base.shortfall_in_window})
    by_segment = frame.groupby("segment").agg(
        shops=("cut", "size"), share_cut=("cut", "mean"), shortfall_share=("short", "mean"), shortfall_share_no_tightening=("short_base", "mean")
    )
    return {"summary": summary, "by_segment": by_segment, "simulation": sim, "baseline": base, "cut": cut}


def supplier_spillover(
    population: ShopPopulation,
    simulation: Simulation,
    baseline: Simulation | None = None,
    *,
    shop: ShopParams | None = None,
    buffer_days: int = 3,
) -> pd.DataFrame:
    """A simple first-round spillover: unpaid shop bills are receipts the suppliers wait for.

    Each supplier's ordinary receipts per day are the cost of goods of its
    shops. Its *delayed receipts* on a day are its shops' unpaid bills that
    day. A supplier is flagged when its delayed receipts ever exceed
    ``buffer_days`` of its ordinary daily receipts (a stand-in for the cash
    buffer a supplier keeps). Everything here is a model assumption: all
    unpaid bills are treated as owed to the shop's one supplier, suppliers have
    no other customers, and there is no second round (suppliers delaying their
    own suppliers).

    Parameters
    ----------
    population : ShopPopulation
    simulation : Simulation
        The population simulated with the tightening (``population_outcome(...)["simulation"]``).
    baseline : Simulation, optional
        The same shops without the tightening, for comparison.
    shop : ShopParams, optional
    buffer_days : int
        Days of ordinary receipts a supplier can wait for (1 to 1095).

    Returns
    -------
    DataFrame indexed by supplier: ``shops``, ``daily_receipts`` (RMB), ``peak_delayed`` (RMB),
    ``peak_delayed_days`` (in days of receipts), ``flagged``, and with a baseline
    ``peak_delayed_days_baseline`` and ``flagged_baseline``.

    Examples
    --------
    >>> pop = shop_population()
    >>> out = population_outcome(pop, 0.5)
    >>> t = supplier_spillover(pop, out["simulation"], out["baseline"])
    >>> len(t) == pop.n_suppliers, bool(t["flagged"].sum() >= t["flagged_baseline"].sum())
    (True, True)
    """
    if not isinstance(population, ShopPopulation):
        raise TypeError(f"population must come from shop_population(); got {type(population).__name__}")
    _check_sim(simulation, name="simulation")
    if baseline is not None:
        _check_sim(baseline, name="baseline")
    shop = _check_shop(shop if shop is not None else ShopParams())
    buffer_days = as_int("buffer_days", buffer_days, low=1, high=_MAX_HORIZON)
    owners = population.owners
    supplier = owners["supplier"].to_numpy()
    k = population.n_suppliers
    receipts = _supplier_receipts(population, shop)

    def peak_days(sim: Simulation, name: str) -> tuple[np.ndarray, np.ndarray]:
        if sim.arrears_path is None or sim.n_shops != len(owners):
            raise ValueError(f"{name} must be the population's simulation (one row per shop: {len(owners)}); got {sim.n_shops} shop(s)")
        peak = _supplier_peaks(supplier, k, sim.horizon, _arrears_entries(sim.arrears_path))
        return peak, _in_days(peak, receipts)

    peak, days = peak_days(simulation, "simulation")
    out = pd.DataFrame(
        {
            "shops": np.bincount(supplier, minlength=k),
            "daily_receipts": receipts,
            "peak_delayed": peak,
            "peak_delayed_days": days,
            "flagged": days > buffer_days,
        },
        index=pd.RangeIndex(k, name="supplier"),
    )
    if baseline is not None:
        _, base_days = peak_days(baseline, "baseline")
        out["peak_delayed_days_baseline"] = base_days
        out["flagged_baseline"] = base_days > buffer_days
    return out


def _supplier_receipts(population: ShopPopulation, shop: ShopParams) -> np.ndarray:
    """Each supplier's ordinary receipts per day (RMB): the cost of goods of its shops."""
    owners = population.owners
    daily_cost = shop.daily_sales * (1 - shop.margin) * owners["scale"].to_numpy()
    return np.bincount(owners["supplier"].to_numpy(), weights=daily_cost, minlength=population.n_suppliers)


def _arrears_entries(arrears_fen: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The non-zero unpaid bills of a (shops, days) array: shop index, day and amount in fen (as floats)."""
    shops, days = np.nonzero(arrears_fen)
    return shops, days, arrears_fen[shops, days].astype(float)


def _supplier_peaks(supplier: np.ndarray, k: int, horizon: int, entries: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """Largest total unpaid bills (RMB) each of ``k`` suppliers waits for on any day.

    ``entries`` are the non-zero unpaid bills (see :func:`_arrears_entries`); unpaid bills are
    rare, so adding up only those is fast. The sums are whole numbers of fen, exact in floating
    point, so they do not depend on the order in which the bills are added.
    """
    shops, days, fen = entries
    delayed = np.bincount(supplier[shops] * horizon + days, weights=fen, minlength=k * horizon)
    return delayed.reshape(k, horizon).max(axis=1, initial=0.0) / _FEN


def _in_days(peak: np.ndarray, receipts: np.ndarray) -> np.ndarray:
    """Peak delayed receipts in days of ordinary receipts (0 for a supplier without receipts)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(receipts > 0, peak / np.where(receipts > 0, receipts, 1), 0.0)


#: Per-run measures of :func:`tightening_study`, with what each counts.
_STUDY_MEASURES = {
    "lines_cut": "lines cut (count)",
    "short_no_tightening": "shops with a shortfall in the window without the tightening (count)",
    "short_tightening": "shops with a shortfall in the window with the tightening (count)",
    "extra_short": "extra shops with a shortfall (count)",
    "share_short_no_tightening": "share of shops with a shortfall, no tightening",
    "share_short_tightening": "share of shops with a shortfall, tightening",
    "lost_sales_extra": "extra lost sales in the window (RMB)",
    "funding_gap_total": "largest unpaid bills in the window, summed over shops, with the tightening (RMB)",
    "exposure_closed": "drawn balance of the cut lines at the decision (RMB)",
    "suppliers_flagged_no_tightening": "suppliers flagged without the tightening (count)",
    "suppliers_flagged": "suppliers flagged with the tightening (count)",
}


@dataclass(frozen=True)
class TighteningStudy:
    """A tightening simulated under several seeds (what :func:`tightening_study` returns).

    ``runs`` has one row per (approval rate, seed), indexed by ``approval_rate`` and ``seed``,
    with the columns listed by :attr:`measures`; ``by_segment`` one row per
    (approval rate, seed, segment) with ``shops``, ``share_cut``, ``shortfall_share`` and
    ``shortfall_share_no_tightening``, as in :func:`population_outcome`. The owners are the same
    in every run; only the shops' luck (the seed) changes, so the spread over seeds is the
    Monte Carlo error of one run and :meth:`estimate` gives the mean over seeds with its error.
    """

    runs: pd.DataFrame
    by_segment: pd.DataFrame
    seeds: tuple[int, ...]
    approval_rates: tuple[float, ...]
    n_shops: int
    n_suppliers: int

    @property
    def measures(self) -> dict[str, str]:
        """The per-run measures and what each counts."""
        return dict(_STUDY_MEASURES)

    def _rate(self, approval_rate: Any) -> float:
        rate = as_probability("approval_rate", approval_rate, allow_zero=False)
        for known in self.approval_rates:
            if abs(known - rate) < 1e-9:
                return known
        raise ValueError(f"approval_rate must be one of the study's rates {list(self.approval_rates)}; got {approval_rate!r}")

    def values(self, measure: str, approval_rate: float) -> np.ndarray:
        """One value of ``measure`` per seed at ``approval_rate``."""
        if not isinstance(measure, str):
            raise ValueError(f"measure must be one of {', '.join(_STUDY_MEASURES)}; got {type(measure).__name__}")
        measure = require_one_of("measure", measure, _STUDY_MEASURES)
        return self.runs.xs(self._rate(approval_rate), level="approval_rate")[measure].to_numpy(dtype=float)

    def estimate(self, measure: str, approval_rate: float, *, level: float = 0.95) -> Estimate:
        """Mean of ``measure`` over the seeds at ``approval_rate``, with its Monte Carlo error.

        Examples
        --------
        >>> study = tightening_study(shop_population(), [0.5], seeds=range(3))
        >>> est = study.estimate("extra_short", 0.5)
        >>> est.n, bool(est.low <= est.value <= est.high)
        (3, True)
        """
        return mean_estimate(self.values(measure, approval_rate), level=level)

    def segment_values(self, segment: str, column: str, approval_rate: float) -> np.ndarray:
        """One value of a ``by_segment`` column per seed, for one segment at ``approval_rate``."""
        segments = list(self.by_segment.index.get_level_values("segment").unique())
        if not isinstance(segment, str):
            raise ValueError(f"segment must be one of {', '.join(map(repr, segments))}; got {type(segment).__name__}")
        segment = require_one_of("segment", segment, segments)
        columns = list(self.by_segment.columns)
        if not isinstance(column, str):
            raise ValueError(f"column must be one of {', '.join(columns)}; got {type(column).__name__}")
        column = require_one_of("column", column, columns)
        rows = self.by_segment.xs((self._rate(approval_rate), segment), level=("approval_rate", "segment"))
        return rows[column].to_numpy(dtype=float)

    def segment_estimate(self, segment: str, column: str, approval_rate: float, *, level: float = 0.95) -> Estimate:
        """Mean over the seeds of one segment's ``by_segment`` column, with its Monte Carlo error."""
        return mean_estimate(self.segment_values(segment, column, approval_rate), level=level)

    def segment_difference(self, first: str, second: str, column: str, approval_rate: float, *, level: float = 0.95) -> Estimate:
        """Mean over the seeds of ``first`` minus ``second`` for one ``by_segment`` column (paired by seed).

        Examples
        --------
        >>> study = tightening_study(shop_population(), [0.5], seeds=range(3))
        >>> d = study.segment_difference("thin file", "with credit record", "share_cut", 0.5)
        >>> bool(d.value > 0 and d.standard_error < 1e-12)   # who is cut does not depend on luck
        True
        """
        a = self.segment_values(first, column, approval_rate)
        b = self.segment_values(second, column, approval_rate)
        return mean_estimate(a - b, level=level)


def _seed_list(seeds: Any) -> tuple[int, ...]:
    if isinstance(seeds, (str, bytes)) or not isinstance(seeds, Iterable):
        raise ValueError(f"seeds must be a sequence of at least two distinct integers >= 0; got {type(seeds).__name__}")
    found = tuple(as_int("seeds", seed, low=0) for seed in seeds)
    if len(found) < 2:
        raise ValueError(f"seeds must hold at least two seeds (one run has no Monte Carlo error); got {len(found)}")
    if len(set(found)) != len(found):
        raise ValueError("seeds must be distinct: a repeated seed repeats the same run")
    return found


def _rate_list(approval_rates: Any) -> tuple[float, ...]:
    if isinstance(approval_rates, (str, bytes)) or not isinstance(approval_rates, Iterable):
        raise ValueError(
            f"approval_rates must be a sequence of approval rates in (0, 1]; got {type(approval_rates).__name__}"
        )
    found = tuple(as_probability("approval_rates", rate, allow_zero=False) for rate in approval_rates)
    if not found:
        raise ValueError("approval_rates must hold at least one approval rate")
    if len(set(found)) != len(found):
        raise ValueError(f"approval_rates must be distinct; got {list(found)}")
    return found


def tightening_study(
    population: ShopPopulation,
    approval_rates: Any,
    *,
    seeds: Any = range(20),
    shop: ShopParams | None = None,
    cut_day: int = 240,
    notice_days: int = 0,
    window: int = SHORTFALL_WINDOW,
    stockout_share: float = STOCKOUT_SHARE,
    buffer_days: int = 3,
) -> TighteningStudy:
    """:func:`population_outcome` and :func:`supplier_spillover` for several approval rates and seeds at once.

    The owners and who is cut are fixed; the seed sets the shops' luck. For
    each seed every shop is simulated twice, once with its line cut on
    ``cut_day`` and once kept; because shops do not interact and share their
    luck across the two runs (common random numbers), the outcome at any
    approval rate is the cut run for the owners that rate cuts and the kept run
    for the others. Every row equals what ``population_outcome(population,
    rate, seed=seed)`` and ``supplier_spillover`` report for that rate and seed,
    at the cost of two simulations per seed instead of two per rate and seed.
    Illustrative, not calibrated to Ant Group.

    Parameters
    ----------
    population : ShopPopulation
    approval_rates : sequence of float
        Approval rates after the tightening, in (0, 1] (distinct).
    seeds : sequence of int
        At least two distinct seeds (>= 0); each is one run of the whole population.
    shop, cut_day, notice_days, window, stockout_share
        As in :func:`population_outcome`.
    buffer_days : int
        As in :func:`supplier_spillover`.

    Returns
    -------
    TighteningStudy

    Examples
    --------
    >>> pop = shop_population()
    >>> study = tightening_study(pop, [0.5], seeds=[9, 10])
    >>> one = population_outcome(pop, 0.5, seed=9)["summary"]["value"]
    >>> int(study.runs.loc[(0.5, 9), "extra_short"]) == one["extra shops with a shortfall"]
    True
    """
    if not isinstance(population, ShopPopulation):
        raise TypeError(f"population must come from shop_population(); got {type(population).__name__}")
    rates = _rate_list(approval_rates)
    seed_list = _seed_list(seeds)
    shop = _check_shop(shop if shop is not None else ShopParams())
    cut_day = as_int("cut_day", cut_day, low=0, high=DAYS_PER_YEAR - 1)
    stockout_share = as_probability("stockout_share", stockout_share)
    buffer_days = as_int("buffer_days", buffer_days, low=1, high=_MAX_HORIZON)
    owners = population.owners
    n = len(owners)
    cuts = {rate: tighten_lines(population, rate).to_numpy() for rate in rates}
    supplier = owners["supplier"].to_numpy()
    k = population.n_suppliers
    receipts = _supplier_receipts(population, shop)
    segments = owners["segment"].to_numpy()
    segment_names = sorted(set(segments))
    in_segment = {name: segments == name for name in segment_names}
    policy = LinePolicy(limit=0.0, cut_day=cut_day, notice_days=notice_days)
    common = dict(n_shops=n, paths=False, window=window, scale=owners["scale"].to_numpy(), limits=owners["limit"].to_numpy())
    runs, segment_rows = [], []
    for seed in seed_list:
        cut_run = simulate(shop, policy, cut=np.ones(n, dtype=bool), seed=seed, **common)
        kept_run = simulate(shop, policy, cut=np.zeros(n, dtype=bool), seed=seed, **common)
        short_cut, short_kept = cut_run.shortfall_in_window, kept_run.shortfall_in_window
        lost_extra = stockout_share * (cut_run.lost_sales_base - kept_run.lost_sales_base) / _FEN
        horizon = kept_run.horizon
        kept_entries, cut_entries = _arrears_entries(kept_run.arrears_path), _arrears_entries(cut_run.arrears_path)
        flagged_kept = int((_in_days(_supplier_peaks(supplier, k, horizon, kept_entries), receipts) > buffer_days).sum())
        for rate in rates:
            cut = cuts[rate]
            short = np.where(cut, short_cut, short_kept)
            from_kept, from_cut = ~cut[kept_entries[0]], cut[cut_entries[0]]  # each shop's bills from the run that applies to it
            entries = tuple(np.concatenate([a[from_kept], b[from_cut]]) for a, b in zip(kept_entries, cut_entries))
            peak = _supplier_peaks(supplier, k, horizon, entries)
            runs.append(
                {
                    "approval_rate": rate,
                    "seed": seed,
                    "lines_cut": int(cut.sum()),
                    "short_no_tightening": int(short_kept.sum()),
                    "short_tightening": int(short.sum()),
                    "extra_short": int(short.sum() - short_kept.sum()),
                    "share_short_no_tightening": float(short_kept.mean()),
                    "share_short_tightening": float(short.mean()),
                    "lost_sales_extra": float(lost_extra[cut].sum()),
                    "funding_gap_total": float(np.where(cut, cut_run.gap, kept_run.gap).sum() / _FEN),
                    "exposure_closed": float(cut_run.balance_at_cut[cut].sum() / _FEN),
                    "suppliers_flagged_no_tightening": flagged_kept,
                    "suppliers_flagged": int((_in_days(peak, receipts) > buffer_days).sum()),
                }
            )
            for name in segment_names:
                members = in_segment[name]
                segment_rows.append(
                    {
                        "approval_rate": rate,
                        "seed": seed,
                        "segment": name,
                        "shops": int(members.sum()),
                        "share_cut": float(cut[members].mean()),
                        "shortfall_share": float(short[members].mean()),
                        "shortfall_share_no_tightening": float(short_kept[members].mean()),
                    }
                )
    return TighteningStudy(
        runs=pd.DataFrame(runs).set_index(["approval_rate", "seed"]),
        by_segment=pd.DataFrame(segment_rows).set_index(["approval_rate", "seed", "segment"]),
        seeds=seed_list,
        approval_rates=rates,
        n_shops=n,
        n_suppliers=k,
    )

