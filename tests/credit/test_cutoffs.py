"""Tests of lessons.credit.cutoffs: approval curves, cut-off search, expected loss and profit, approval by segment."""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons.credit.cutoffs import (
    CONSUMER_LGD,
    ProfitAssumptions,
    approval_by_segment,
    approval_curve,
    cutoff_for_approval_rate,
    cutoff_study,
    expected_loss,
    expected_profit,
    segment_approval_table,
)
from lessons.credit.scaling import SCORE_RANGE, pd_from_points, points_from_pd

from _credit_fixtures import FAST


def test_approval_curve_reproduces_the_style_guide_example():
    curve = approval_curve(np.array([500, 600, 700]), np.array([1, 0, 0]), np.array([550, 650]))
    assert curve.columns.tolist() == ["cutoff", "approval_rate", "bad_rate"]
    assert curve["approval_rate"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert curve["bad_rate"].tolist() == [0.0, 0.0]


def test_approval_curve_counts_an_applicant_exactly_at_the_cutoff_as_approved():
    curve = approval_curve([500, 600, 600, 700], [1, 1, 0, 0], [600])
    assert curve["approval_rate"].item() == 0.75
    assert curve["bad_rate"].item() == pytest.approx(1 / 3)


def test_approval_curve_gives_nan_bad_rate_when_nobody_is_approved():
    curve = approval_curve([500, 600], [1, 0], [700])
    assert curve["approval_rate"].item() == 0 and np.isnan(curve["bad_rate"].item())


@FAST
@given(
    scores=st.lists(st.floats(300, 900), min_size=5, max_size=300),
    seed=st.integers(0, 2**32 - 1),
)
def test_approval_rate_never_rises_with_the_cutoff(scores, seed):
    rng = np.random.default_rng(seed)
    defaults = rng.integers(0, 2, size=len(scores))
    cutoffs = np.unique(rng.uniform(300, 900, size=25))
    curve = approval_curve(scores, defaults, cutoffs)
    assert np.all(np.diff(curve["approval_rate"].to_numpy()) <= 0)


@FAST
@given(
    scores=st.lists(st.floats(300, 900), min_size=5, max_size=300),
    pdo=st.floats(10, 60),
    seed=st.integers(0, 2**32 - 1),
)
def test_bad_rate_among_approved_never_rises_with_the_cutoff_in_the_population(scores, pdo, seed):
    # the population function: each applicant's true PD is a decreasing function of the score
    scores = np.asarray(scores)
    pds = pd_from_points(scores, pdo=pdo)
    cutoffs = np.unique(np.random.default_rng(seed).uniform(300, 900, size=25))
    bad_rate = approval_curve(scores, pds, cutoffs)["bad_rate"].dropna().to_numpy()
    assert np.all(np.diff(bad_rate) <= 1e-12)


@FAST
@given(scores=st.lists(st.floats(300, 900), min_size=1, max_size=200), rate=st.floats(0, 1))
def test_cutoff_for_approval_rate_approves_at_least_the_share_asked_for(scores, rate):
    scores = np.asarray(scores)
    cutoff = cutoff_for_approval_rate(scores, rate)
    approved = np.mean(scores >= cutoff)
    assert approved >= rate - 1e-9
    if rate == 0:
        assert approved == 0
    elif len(np.unique(scores)) == len(scores):  # no ties: exactly ceil(rate·n)
        assert (scores >= cutoff).sum() == max(1, math.ceil(rate * len(scores) - 1e-9))


def test_approval_by_segment_reports_each_segment_and_its_bad_rate():
    table = approval_by_segment([500, 600, 700, 650], ["a", "a", "b", "b"], 620, defaults=[1, 0, 0, 1])
    assert table["segment"].tolist() == ["a", "b"]
    assert table["approval_rate"].tolist() == [0.0, 1.0]
    assert table["bad_rate"].iloc[1] == 0.5 and np.isnan(table["bad_rate"].iloc[0])
    assert table["share_of_applicants"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: approval_curve([500, 600], [0, 1], [250]), "cutoffs"),
        (lambda: approval_curve([500, 600], [0, 1], [950]), "cutoffs"),
        (lambda: approval_curve([500, 600], [0, 1], [600, 500]), "cutoffs"),
        (lambda: approval_curve([500, 600], [0, 1.5], [550]), "defaults"),
        (lambda: approval_curve([500, 600], [0, -0.1], [550]), "defaults"),
        (lambda: approval_curve([500, 600, 700], [0, 1], [550]), "scores"),
        (lambda: approval_by_segment([500, 600], ["a", "b"], 1000), "cutoff"),
        (lambda: cutoff_for_approval_rate([500, 600], 1.5), "rate"),
        (lambda: expected_profit(1.2), "pd"),
        (lambda: expected_loss(0.1, 1.5, 100), "lgd"),
        (lambda: expected_loss(0.1, 0.5, -100), "ead"),
        (lambda: ProfitAssumptions(ead=-1), "ead"),
    ],
)
def test_bad_cutoff_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_expected_loss_is_pd_times_lgd_times_ead_and_profit_breaks_even_where_documented():
    assert expected_loss(0.02, 0.85, 5000) == pytest.approx(85.0)
    a = ProfitAssumptions()
    assert a.breakeven_pd == pytest.approx((0.15 - 0.04) / (0.15 + 0.85))
    assert expected_profit(a.breakeven_pd) == pytest.approx(0.0, abs=1e-9)
    assert expected_profit(0.0) == pytest.approx(5000 * 0.11)


def test_a_defaulted_balance_still_costs_its_funding():
    a = ProfitAssumptions()
    # a sure default earns no interest, loses LGD of the balance and still pays for the money lent
    assert expected_profit(1.0, a) == pytest.approx(-(a.funding_rate + a.lgd) * a.ead)
    free = ProfitAssumptions(funding_rate=0.0)
    assert expected_profit(1.0, free) == pytest.approx(-free.lgd * free.ead)


@FAST
@given(
    pd_=st.floats(0, 1),
    rate=st.floats(0, 0.5),
    funding=st.floats(0, 0.2),
    lgd=st.floats(0, 1),
)
def test_expected_profit_is_interest_minus_funding_on_the_whole_balance_minus_expected_loss(pd_, rate, funding, lgd):
    a = ProfitAssumptions(ead=1_000.0, annual_rate=rate, funding_rate=funding, lgd=lgd)
    expected = 1_000.0 * ((1 - pd_) * rate - funding - pd_ * lgd)
    assert expected_profit(pd_, a) == pytest.approx(expected, abs=1e-9)
    if rate > funding:
        assert expected_profit(a.breakeven_pd, a) == pytest.approx(0.0, abs=1e-9)


def test_the_course_has_one_consumer_lgd_and_the_profit_model_uses_it():
    assert ProfitAssumptions().lgd == CONSUMER_LGD
    assert 0.5 <= CONSUMER_LGD <= 1.0  # at least Basel III's 50 % floor for unsecured revolving retail (CRE32.58)


def test_the_bad_rate_on_true_pds_never_rises_with_the_cutoff_in_the_synthetic_population(applicants):
    # population function: score each applicant by the TRUE PD, then the expected bad rate is monotone
    scores = np.clip(points_from_pd(applicants["pd_true"].to_numpy()), *SCORE_RANGE)
    curve = approval_curve(scores, applicants["pd_true"], np.arange(400, 701, 5))
    bad = curve["bad_rate"].dropna().to_numpy()
    assert np.all(np.diff(bad) <= 1e-12)


def test_thin_files_are_approved_more_often_at_lenient_cutoffs_and_less_than_half_as_often_from_580(study):
    # the cut-offs page and its exercise 1 say this; pin it so that the prose cannot drift from the model
    def rates(cutoff):
        table = approval_by_segment(study.scores, study.segments["thin_file"], cutoff).set_index("segment")
        return table.loc["thin file", "approval_rate"], table.loc["has a record", "approval_rate"]

    for cutoff in (520, 540):
        thin, record = rates(cutoff)
        assert thin > record
    first_below_half = next(c for c in range(520, 641, 20) if rates(c)[0] < 0.5 * rates(c)[1])
    assert first_below_half == 580


def test_the_thin_file_gap_opens_as_the_cutoff_rises(study):
    rates = [
        approval_by_segment(study.scores, study.segments["thin_file"], c).set_index("segment")["approval_rate"]
        for c in (540, 600)
    ]
    gap_low = rates[0]["has a record"] - rates[0]["thin file"]
    gap_high = rates[1]["has a record"] - rates[1]["thin file"]
    assert gap_high > gap_low


def test_an_approval_curve_over_a_million_scores_is_fast():
    rng = np.random.default_rng(0)
    scores = rng.uniform(300, 900, 1_000_000)
    defaults = (rng.uniform(size=1_000_000) < 0.07).astype(int)
    start = time.perf_counter()
    approval_curve(scores, defaults, np.arange(400, 801, 5))
    assert time.perf_counter() - start < 2.0


# ---------------------------------------------------------------------------
# Wrong kinds of input name the parameter (issue 16)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: approval_curve([500, 600], [0, 1], [550], score_range=5), ValueError, "score_range"),
        (lambda: approval_curve([500, 600], [0, 1], [550], score_range=None), TypeError, "score_range"),
        (lambda: approval_curve([500, 600], [0, 1], [550], score_range=(900, 300)), ValueError, "score_range"),
        (lambda: approval_curve([500, 600], [0, 1], [550], score_range=(300, 600, 900)), ValueError, "score_range"),
        (lambda: approval_by_segment([500, 600], ["a", "b"], 550, score_range=[300]), ValueError, "score_range"),
        (lambda: approval_by_segment([500, 600], pd.DataFrame({"s": ["a", "b"], "t": ["c", "d"]}), 550), ValueError, "segments"),
        (lambda: segment_approval_table([500, 600], pd.DataFrame({"all": ["x", "x"]}), 550), ValueError, "segments"),
        (lambda: cutoff_study(5), TypeError, "applicants"),
        (lambda: cutoff_study(pd.DataFrame({"utilisation": [0.5]})), ValueError, "applicants"),
    ],
)
def test_a_wrong_kind_of_cutoff_input_names_the_parameter(call, error, name):
    with pytest.raises(error, match=name):
        call()
