"""Tests of lessons.credit.limits: limits under caps, the two-stage process and two products."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons.credit.limits import (
    LIMIT_CAPS,
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
    two_stage_decisions,
)

from _credit_fixtures import FAST


@FAST
@given(
    rows=st.lists(
        st.tuples(st.floats(300, 900), st.floats(0, 200_000), st.integers(0, 12)), min_size=1, max_size=60
    ),
    cutoff=st.floats(400, 700),
    multiple_low=st.floats(0, 2),
    extra=st.floats(0, 10),
    dti=st.floats(0, 2),
    product_min=st.floats(0, 5_000),
    product_max_extra=st.floats(0, 300_000),
    regime=st.sampled_from(list(REGULATORY_REGIMES)),
)
def test_a_limit_never_exceeds_any_of_its_caps(rows, cutoff, multiple_low, extra, dti, product_min, product_max_extra, regime):
    scores, income, lenders = (np.asarray(v, dtype=float) for v in zip(*rows))
    policy = LimitPolicy(
        multiple_at_cutoff=multiple_low,
        multiple_at_top=multiple_low + extra,
        debt_to_income_cap=dti,
        regime=regime,
        product_min=product_min,
        product_max=product_min + product_max_extra,
    )
    table = assign_limits(scores, income, lenders, cutoff, policy)
    limit = table["limit"].to_numpy()
    for cap in LIMIT_CAPS:
        assert np.all(limit <= table[f"cap_{cap}"].to_numpy() + 1e-9)
    assert np.all(limit <= regulatory_cap(12 * income, regime) + 1e-9)
    assert np.all((limit == 0) | (limit >= product_min))
    assert np.all(limit[scores < cutoff] == 0)
    assert np.allclose(limit % policy.rounding, 0)
    assert not (table["no_limit"] & ~table["approved"]).any()


def test_the_regulatory_caps_are_the_cited_ones():
    assert regulatory_cap([10_000_000])[0] == 200_000  # CBIRC Order 2020 No. 9
    assert regulatory_cap([90_000], "microlending_draft_2020")[0] == pytest.approx(30_000)
    assert regulatory_cap([3_000_000], "microlending_draft_2020")[0] == 300_000


def test_a_limit_below_the_product_minimum_is_no_limit():
    table = assign_limits([545.0], [2_000.0], [0.0], 540, LimitPolicy(product_min=1_000))
    assert table["approved"].item() and table["no_limit"].item()
    assert table["limit"].item() == 0


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: assign_limits([600], [-100], [0], 550), "monthly_income"),
        (lambda: assign_limits([600], [1000], [-1], 550), "other_lenders"),
        (lambda: assign_limits([600], [1000], [0], 1200), "cutoff"),
        (lambda: LimitPolicy(product_min=-5), "product_min"),
        (lambda: LimitPolicy(product_min=5_000, product_max=1_000), "product_max"),
        (lambda: LimitPolicy(regime="wishful"), "regime"),
        (lambda: regulatory_cap([-1.0]), "annual_income"),
    ],
)
def test_bad_limit_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def _setup(pre, under, bank=None, income=None):
    n = len(pre)
    return TwoStageSetup(
        None, None, None,
        np.asarray(pre, dtype=float), np.asarray(under, dtype=float),
        np.asarray(bank if bank is not None else under, dtype=float),
        np.asarray(income if income is not None else [9_000.0] * n), np.zeros(n),
        pd.DataFrame({"all": ["all"] * n}), np.zeros(n, dtype=int),
    )


def test_two_stage_outcomes_cover_invitation_decline_small_limit_and_grant():
    setup = _setup([600, 600, 600, 500], [640, 520, 565, 700], income=[9_000, 9_000, 1_000, 9_000])
    outcomes = two_stage_decisions(setup, 550, 560)["outcome"].tolist()
    assert outcomes == ["limit granted", "invited, declined", "invited, limit below minimum", "not invited"]


@FAST
@given(pre_cut=st.integers(400, 700), under_cut=st.integers(400, 700), seed=st.integers(0, 1000))
def test_only_invited_applicants_ever_get_a_limit(pre_cut, under_cut, seed):
    rng = np.random.default_rng(seed)
    setup = _setup(rng.uniform(400, 700, 50), rng.uniform(400, 700, 50), income=rng.uniform(0, 20_000, 50))
    d = two_stage_decisions(setup, pre_cut, under_cut)
    assert (d.loc[~d["invited"], "limit"] == 0).all()
    assert ((d["limit"] > 0) == (d["outcome"] == "limit granted")).all()


def test_two_products_with_separate_models_can_disagree():
    setup = _setup([0, 0], [600, 540], bank=[500, 620])
    assert product_decisions(setup)["holds"].tolist() == ["A only", "B only"]


def test_two_stage_invitations_without_limits_exist_and_shrink_as_the_prescreen_tightens(two_stage):
    shares = []
    for pre in (510, 540, 570, 600):
        d = two_stage_decisions(two_stage, pre, 560)
        shares.append((d.loc[d["invited"], "outcome"] != "limit granted").mean())
    assert shares[0] > 0.1
    assert all(a >= b for a, b in zip(shares, shares[1:]))


# ---------------------------------------------------------------------------
# Wrong kinds of input name the parameter (issue 16)
# ---------------------------------------------------------------------------

_KEY_SEGMENTS = pd.DataFrame(
    {"thin_file": ["thin file", "has a record"], "age_band": ["age 18-24", "age 35-44"],
     "business_owner": ["business owner", "employee / other"], "city_tier": ["tier 1", "tier 2"]}
)


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: share_by_key_segments(5, _KEY_SEGMENTS, ["yes"]), ValueError, "values"),
        (lambda: share_by_key_segments(["yes", "no"], _KEY_SEGMENTS, 5), ValueError, "categories"),
        (lambda: share_by_key_segments(["yes", "no"], _KEY_SEGMENTS, "yes"), ValueError, "categories"),
        (lambda: share_by_key_segments(["yes", "no"], None, ["yes"]), TypeError, "segments"),
        (lambda: share_by_key_segments(["yes", "no"], _KEY_SEGMENTS, ["yes"], among=[]), ValueError, "among"),
        (lambda: share_by_key_segments(["yes", "no"], _KEY_SEGMENTS, ["yes"], among="abc"), TypeError, "among"),
        (lambda: prepare_two_stage(pd.DataFrame(), stale_months="six"), TypeError, "stale_months"),
        (lambda: two_stage_decisions(None, 540, 560), TypeError, "setup"),
        (lambda: two_stage_decisions(_setup([600], [620]), 540, 5), ValueError, "underwriting_cutoff"),
        (lambda: product_decisions(None), TypeError, "setup"),
        (lambda: outcome_by_segment(pd.DataFrame({"outcome": ["limit granted"]}), None), TypeError, "segments"),
        (lambda: holdings_by_segment(pd.DataFrame({"holds": ["both"]}), None), TypeError, "segments"),
        (lambda: holdings_by_segment(pd.DataFrame({"holds": ["both"]}), pd.DataFrame({"all": ["x", "x"]})), ValueError, "segments"),
        (lambda: ProductPolicy(name=5, funder="a bank", model="bank", cutoff=560.0), TypeError, "name"),
        (lambda: ProductPolicy(name="B", funder="a bank", model="bank", cutoff=560.0, limits=None), TypeError, "limits"),
    ],
)
def test_a_wrong_kind_of_limit_or_two_stage_input_names_the_parameter(call, error, name):
    with pytest.raises(error, match=name):
        call()


@FAST
@given(
    rows=st.lists(st.tuples(st.floats(300, 900), st.floats(0, 10_000_000), st.integers(0, 12)), min_size=1, max_size=60),
    cutoff=st.floats(400, 700),
)
def test_the_regulatory_cap_never_binds_when_the_product_maximum_is_below_it(rows, cutoff):
    # the invited-no-limit page says so: RMB 50,000 (product maximum) < RMB 200,000 (the bank rule)
    scores, income, lenders = (np.asarray(v, dtype=float) for v in zip(*rows))
    table = assign_limits(scores, income, lenders, cutoff, LimitPolicy())
    assert LimitPolicy().product_max < regulatory_cap(0.0).item()
    assert not (table["binding"] == "regulatory").any()
