"""Tests of lessons.credit.reviews: limit reviews, a policy tightening and reason codes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lessons.credit.platform_model import PlatformModel, design_columns, score_applicants
from lessons.credit.reviews import (
    REASON_METHODS,
    ReasonReference,
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

from _credit_fixtures import FAST, _toy_applicants


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: review_decisions([600], [-5], review_cutoff=560), "limits"),
        (lambda: review_decisions([600], [5], review_cutoff=100), "review_cutoff"),
        (lambda: review_decisions([600], [5], review_cutoff=560, reduce_share=1.5), "reduce_share"),
    ],
)
def test_bad_review_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@FAST
@given(seed=st.integers(0, 1000), t1=st.integers(0, 60), t2=st.integers(0, 60))
def test_a_tighter_review_never_cuts_fewer_lines(seed, t1, t2):
    rng = np.random.default_rng(seed)
    scores, limits = rng.uniform(450, 700, 80), rng.choice([0.0, 3_000.0], 80)
    low, high = sorted((t1, t2))
    cut_low = review_decisions(scores, limits, review_cutoff=560, tightening=low)["cut"]
    cut_high = review_decisions(scores, limits, review_cutoff=560, tightening=high)["cut"]
    assert np.all(cut_high.to_numpy() >= cut_low.to_numpy())


def test_a_tightening_cuts_more_lines_in_every_key_segment(reviews):
    before = review_table(reviews, 0)["cut_any"]
    after = review_table(reviews, 20)["cut_any"]
    assert (after >= before).all()


@FAST
@given(
    coefs=st.lists(st.floats(-3, 3), min_size=5, max_size=5),
    seed=st.integers(0, 2**16),
    top=st.integers(1, 4),
)
def test_reason_codes_are_ordered_by_points_lost(coefs, seed, top):
    features = ("on_time_share", "past_overdues", "reported_lenders", "utilisation", "income")
    columns = design_columns(features)
    full = (coefs[0], 0.5, *coefs[1:])
    model = PlatformModel(features, columns, full, -2.0, (0.9, 0.0, 0.0, 1.0, 0.3, 8.5))
    frame = _toy_applicants(n=30, seed=seed)
    table = reason_codes(model, frame, top=top)
    for _, group in table.groupby("applicant"):
        lost = group["points_lost"].to_numpy()
        assert np.all(np.diff(lost) <= 1e-12)
        assert (lost > 0).all()
        assert len(group) <= top
        assert group["rank"].tolist() == list(range(1, len(group) + 1))


def test_reason_codes_add_up_to_the_score_gap_when_every_variable_costs_points():
    model = PlatformModel(("utilisation", "past_overdues"), ("utilisation", "past_overdues"), (2.0, 0.5), -3.0, (0.2, 0.0))
    applicant = pd.DataFrame({"utilisation": [0.9], "past_overdues": [3]})
    reference = pd.DataFrame({"utilisation": [0.2], "past_overdues": [0]})
    gap = score_applicants(model, reference) - score_applicants(model, applicant)
    table = reason_codes(model, applicant)
    assert table["points_lost"].sum() == pytest.approx(gap.item())
    assert table["variable"].tolist() == ["past_overdues", "utilisation"]


@FAST
@given(
    coefs=st.lists(st.floats(-3, 3), min_size=5, max_size=5),
    seed=st.integers(0, 2**16),
    method=st.sampled_from(sorted(REASON_METHODS)),
)
def test_the_signed_points_lost_add_up_to_the_gap_to_the_reference_score_under_every_method(coefs, seed, method):
    features = ("on_time_share", "past_overdues", "reported_lenders", "utilisation", "income")
    model = PlatformModel(features, design_columns(features), (coefs[0], 0.5, *coefs[1:]), -2.0, (0.9, 0.0, 0.0, 1.0, 0.3, 8.5))
    population = _toy_applicants(n=60, seed=seed)
    scores = score_applicants(model, population, clip=False)
    inside = np.sort(scores[(scores >= 300) & (scores <= 700)])
    assume(inside.size > 0)  # a cut-off must lie on the score scale
    cutoff = float(inside[inside.size // 2])  # an applicant scores exactly at the cut-off
    reference = reason_reference(model, population, method, cutoff=cutoff, band=200)
    lost = reason_points(model, population, reference=reference)
    assert lost.sum(axis=1).to_numpy() == pytest.approx(reference.score - scores, abs=1e-6)
    if method == "all_applicants":
        assert reference.score == pytest.approx(scores.mean())
    elif method == "near_cutoff":
        near = (scores >= cutoff) & (scores < cutoff + 200)
        assert reference.score == pytest.approx(scores[near].mean())
    else:  # nobody in the population gains points against the best value of each variable
        assert (lost.to_numpy() >= -1e-9).all()


def test_on_the_platform_population_each_method_adds_up_to_the_gap_the_page_states(applicants, reviews):
    model, declined = reviews.model, applicants.iloc[:2000]
    scores = score_applicants(model, declined, clip=False)
    everyone = score_applicants(model, applicants, clip=False)
    near = reason_reference(model, applicants, "near_cutoff", cutoff=570)
    mean = reason_reference(model, applicants, "all_applicants")
    best = reason_reference(model, applicants, "max_points")
    # near the cut-off: the gap to the average score of the applicants scoring 570-580, not to 570
    assert near.score == pytest.approx(everyone[(everyone >= 570) & (everyone < 580)].mean())
    assert 570 < near.score < 580
    # all applicants: the gap to the average score; the model's stored reference is that average
    assert mean.score == pytest.approx(everyone.mean())
    assert reason_reference(model).score == pytest.approx(mean.score)
    # maximum points: the gap to the score of an applicant with the best value of every variable
    assert best.score > everyone.max()
    for ref in (near, mean, best):
        lost = reason_points(model, declined, reference=ref)
        assert lost.sum(axis=1).to_numpy() == pytest.approx(ref.score - scores, abs=1e-6)
        assert lost.attrs["method"] == ref.method


def test_the_method_changes_the_reasons_a_known_applicant_is_given(applicants, reviews):
    # applicant 7461 scores 569, just under product A's cut-off: each method gives a different first reason
    row = applicants.loc[[7461], list(reviews.model.features)]
    firsts = {
        method: reason_codes(reviews.model, row, method=method, population=applicants, cutoff=570)["variable"].iloc[0]
        for method in REASON_METHODS
    }
    assert firsts == {"near_cutoff": "past_overdues", "all_applicants": "on_time_share", "max_points": "income"}
    table = compare_reason_methods(reviews.model, row, [reason_reference(reviews.model, applicants, m, cutoff=570) for m in REASON_METHODS])
    assert list(table.columns) == list(REASON_METHODS)
    assert table.loc[1, "near_cutoff"].startswith("past_overdues")


def test_every_reason_code_row_states_its_method(applicants, reviews):
    rows = applicants.iloc[:50]
    for method in REASON_METHODS:
        table = reason_codes(reviews.model, rows, method=method, population=applicants, cutoff=570)
        assert (table["method"] == method).all()
        assert table.attrs["method"] == method and table.attrs["reference"]
        assert (table["points_lost"] >= 0.05).all()


@pytest.mark.parametrize(
    "call",
    [
        lambda: reason_codes(_MODEL, pd.DataFrame({"utilisation": [0.5]}), method="median"),
        lambda: reason_points(_MODEL, pd.DataFrame({"utilisation": [0.5]}), method="Near cutoff"),
        lambda: reason_reference(_MODEL, pd.DataFrame({"utilisation": [0.5]}), "best"),
        lambda: reason_reference(_MODEL, pd.DataFrame({"utilisation": [0.5]}), 3),
    ],
)
def test_an_unknown_reason_method_is_refused_by_name(call):
    with pytest.raises(ValueError, match="method"):
        call()


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: reason_reference(_MODEL, pd.DataFrame({"utilisation": [0.5]}), "near_cutoff"), "cutoff"),
        (lambda: reason_reference(_MODEL, None, "near_cutoff", cutoff=570), "population"),
        (lambda: reason_reference(_MODEL, None, "max_points"), "population"),
        (lambda: reason_reference(_MODEL, pd.DataFrame({"utilisation": [0.5]}), "near_cutoff", cutoff=800), "band"),
        (lambda: reason_codes(_MODEL, pd.DataFrame({"utilisation": [0.5]}), method="max_points",
                              reference=reason_reference(_MODEL)), "method"),
    ],
)
def test_a_reference_that_cannot_be_computed_says_what_is_missing(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_a_reference_computed_once_gives_the_same_reasons_as_computing_it_on_the_fly(applicants, reviews):
    rows = applicants.iloc[:30]
    ref = reason_reference(reviews.model, applicants, "near_cutoff", cutoff=570)
    assert isinstance(ref, ReasonReference) and ref.applicants > 0
    once = reason_codes(reviews.model, rows, reference=ref)
    fly = reason_codes(reviews.model, rows, method="near_cutoff", population=applicants, cutoff=570)
    pd.testing.assert_frame_equal(once, fly)


def test_reason_codes_reject_more_than_four_reasons():
    model = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
    with pytest.raises(ValueError, match="top"):
        reason_codes(model, pd.DataFrame({"utilisation": [0.5]}), top=5)


# ---------------------------------------------------------------------------
# Wrong kinds of input name the parameter (issue 16)
# ---------------------------------------------------------------------------

_MODEL = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: cuts_by_segment(review_decisions([600], [5000], review_cutoff=560), None, "all"), TypeError, "segments"),
        (lambda: prepare_reviews(pd.DataFrame(), product="A"), TypeError, "product"),
        (lambda: review_table(None, 10), TypeError, "setup"),
        (lambda: reason_codes(_MODEL, pd.DataFrame({"utilisation": [0.9]}), reference={"income": 5000}), ValueError, "reference"),
        (lambda: example_applicants(pd.DataFrame({"utilisation": [0.9]}), None), TypeError, "model"),
    ],
)
def test_a_wrong_kind_of_review_input_names_the_parameter(call, error, name):
    with pytest.raises(error, match=name):
        call()
