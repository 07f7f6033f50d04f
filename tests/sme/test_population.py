"""Tests of lessons.sme.population: many lines cut at once, and the suppliers (page: many-lines-cut)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lessons.sme.figures import TIGHTENING_RATES
from lessons.sme.population import (
    population_outcome,
    shop_population,
    supplier_spillover,
    tighten_lines,
    tightening_study,
)
from lessons.sme.shop import ShopParams, simulate


def test_lower_approval_rates_cut_a_growing_set_of_lines(population):
    cuts = [tighten_lines(population, rate).to_numpy() for rate in TIGHTENING_RATES]
    assert cuts[0].sum() == 0
    for looser, tighter in zip(cuts, cuts[1:]):
        assert (tighter >= looser).all() and tighter.sum() > looser.sum()


def test_a_tightening_raises_shortfalls_lost_sales_and_flagged_suppliers(population):
    out = population_outcome(population, 0.4)
    s = out["summary"]["value"]
    assert s["shops with a shortfall, tightening (share)"] > s["shops with a shortfall, no tightening (share)"]
    assert s["lost sales in the window, extra (RMB)"] > 0
    spill = supplier_spillover(population, out["simulation"], out["baseline"])
    assert spill["flagged"].sum() > spill["flagged_baseline"].sum()
    assert spill["shops"].sum() == len(population.owners)
    # shops whose lines were kept behave exactly as without the tightening (same luck)
    kept = ~out["cut"]
    assert np.array_equal(out["simulation"].shortfall_in_window[kept], out["baseline"].shortfall_in_window[kept])


# ---------------------------------------------------------------------------
# Rough edges (issue 16): bad input gets an error naming the parameter, never a raw one
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def applicants():
    from lessons.data import synthetic_applicants

    return synthetic_applicants()


@pytest.mark.parametrize(
    ("change", "name"),
    [
        (lambda a: a.drop(columns="business_owner"), "applicants is missing column"),  # was: KeyError 'business_owner'
        (lambda a: a.drop(columns="monthly_payment_volume"), "applicants is missing column"),  # was: KeyError
        (lambda a: a.assign(monthly_payment_volume=np.nan), "monthly_payment_volume"),  # was: NaN shop sizes
        (lambda a: a.assign(business_owner=2), "business_owner"),
        (lambda a: a.assign(business_owner=False), "applicants must include business owners"),  # was: an empty population
        (lambda a: a.assign(monthly_payment_volume=0.0), "applicants must include business owners"),  # was: NaN sizes
    ],
)
def test_applicants_without_usable_business_owners_are_refused_by_name(applicants, change, name):
    with pytest.raises(ValueError, match=name):
        shop_population(change(applicants))


def test_population_outcome_needs_a_cut_day(population):
    with pytest.raises(TypeError, match="cut_day"):  # None meant "no cut": a silent no-op tightening
        population_outcome(population, 0.5, cut_day=None)
    with pytest.raises(ValueError, match="cut_day"):
        population_outcome(population, 0.5, cut_day=365)


def test_supplier_spillover_names_the_argument_that_is_not_what_it_needs(population):
    right = simulate(ShopParams(), n_shops=len(population.owners), horizon=30, paths=False)
    wrong_size = simulate(ShopParams(), n_shops=3, horizon=30, paths=False)
    with pytest.raises(TypeError, match="population"):  # was: "'NoneType' object has no attribute 'owners'"
        supplier_spillover(None, right)
    with pytest.raises(TypeError, match="simulation"):  # was: "… has no attribute 'arrears_path'"
        supplier_spillover(population, {"simulation": right})
    with pytest.raises(TypeError, match="baseline"):
        supplier_spillover(population, right, "baseline")
    with pytest.raises(ValueError, match="baseline must be the population's simulation"):  # was: named 'simulation'
        supplier_spillover(population, right, wrong_size)
    assert len(supplier_spillover(population, right, right)) == population.n_suppliers


# ---------------------------------------------------------------------------
# The tightening over several seeds (issue 13: Monte Carlo error)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def study(population):
    return tightening_study(population, [0.6, 0.5, 0.4], seeds=[9, 3, 4])


def test_a_tightening_study_reproduces_population_outcome_and_supplier_spillover_run_by_run(population, study):
    for rate in (0.5, 0.4):
        for seed in (9, 3):
            out = population_outcome(population, rate, seed=seed)
            spill = supplier_spillover(population, out["simulation"], out["baseline"])
            s = out["summary"]["value"]
            row = study.runs.loc[(rate, seed)]
            assert row["lines_cut"] == s["lines cut"]
            assert row["extra_short"] == s["extra shops with a shortfall"]
            assert row["share_short_tightening"] == pytest.approx(s["shops with a shortfall, tightening (share)"])
            assert row["share_short_no_tightening"] == pytest.approx(s["shops with a shortfall, no tightening (share)"])
            assert row["lost_sales_extra"] == pytest.approx(s["lost sales in the window, extra (RMB)"])
            assert row["funding_gap_total"] == pytest.approx(s["funding gap, total (RMB)"])
            assert row["exposure_closed"] == pytest.approx(s["exposure closed by the platform (RMB)"])
            assert row["suppliers_flagged"] == spill["flagged"].sum()
            assert row["suppliers_flagged_no_tightening"] == spill["flagged_baseline"].sum()
            segments = study.by_segment.xs((rate, seed), level=("approval_rate", "seed"))
            pd.testing.assert_frame_equal(segments.sort_index(), out["by_segment"].sort_index(), check_dtype=False, check_names=False)


def test_the_study_reports_means_over_seeds_with_their_errors(study):
    values = study.values("extra_short", 0.5)
    assert values.size == 3
    est = study.estimate("extra_short", 0.5)
    assert est.value == pytest.approx(values.mean())
    assert est.standard_error == pytest.approx(values.std(ddof=1) / np.sqrt(3))
    # who is cut does not depend on luck: no Monte Carlo error at all
    assert study.estimate("lines_cut", 0.5).standard_error == pytest.approx(0.0, abs=1e-9)
    d = study.segment_difference("thin file", "with credit record", "shortfall_share", 0.5)
    thin = study.segment_values("thin file", "shortfall_share", 0.5)
    record = study.segment_values("with credit record", "shortfall_share", 0.5)
    assert d.value == pytest.approx((thin - record).mean())


def test_a_harder_tightening_never_lowers_any_run_s_shortfalls_or_flags(study):
    for looser, tighter in ((0.6, 0.5), (0.5, 0.4)):
        for measure in ("lines_cut", "short_tightening", "extra_short", "lost_sales_extra"):
            assert (study.values(measure, tighter) >= study.values(measure, looser) - 1e-6).all(), measure
        # the kept run does not depend on the rate
        assert np.array_equal(study.values("short_no_tightening", tighter), study.values("short_no_tightening", looser))


@pytest.mark.parametrize(
    ("make", "error", "name"),
    [
        (lambda pop: tightening_study(pop, [0.5], seeds=[1]), ValueError, "at least two seeds"),
        (lambda pop: tightening_study(pop, [0.5], seeds=[1, 1]), ValueError, "seeds must be distinct"),
        (lambda pop: tightening_study(pop, [0.5], seeds=5), ValueError, "seeds"),
        (lambda pop: tightening_study(pop, [0.5], seeds=[1, -2]), ValueError, "seeds"),
        (lambda pop: tightening_study(pop, [], seeds=[1, 2]), ValueError, "approval_rates"),
        (lambda pop: tightening_study(pop, 0.5, seeds=[1, 2]), ValueError, "approval_rates"),
        (lambda pop: tightening_study(pop, [0.5, 1.5], seeds=[1, 2]), ValueError, "approval_rates"),
        (lambda pop: tightening_study(pop, [0.5, 0.5], seeds=[1, 2]), ValueError, "distinct"),
        (lambda pop: tightening_study(None, [0.5], seeds=[1, 2]), TypeError, "population"),
    ],
)
def test_a_study_refuses_bad_input_by_name(population, make, error, name):
    with pytest.raises(error, match=name):
        make(population)


def test_a_study_answers_only_for_its_own_rates_measures_and_segments(study):
    with pytest.raises(ValueError, match="approval_rate must be one of the study's rates"):
        study.estimate("extra_short", 0.3)
    with pytest.raises(ValueError, match="measure"):
        study.estimate("extra shops", 0.5)
    with pytest.raises(ValueError, match="segment"):
        study.segment_estimate("young", "shortfall_share", 0.5)
    with pytest.raises(ValueError, match="column"):
        study.segment_estimate("thin file", "short", 0.5)
    assert set(study.measures) == set(study.runs.columns)
