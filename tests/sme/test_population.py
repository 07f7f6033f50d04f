"""Tests of lessons.sme.population: many lines cut at once, and the suppliers (page: many-lines-cut)."""

from __future__ import annotations

import numpy as np
import pytest

from lessons.sme.figures import TIGHTENING_RATES
from lessons.sme.population import population_outcome, shop_population, supplier_spillover, tighten_lines
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
