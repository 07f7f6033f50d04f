"""Tests of lessons.credit.platform_model: the design matrix, the fitted model, scores and the scoring budget."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from lessons.credit.platform_model import (
    PLATFORM_FEATURES,
    SEGMENT_COLUMNS,
    design_matrix,
    fit_platform_model,
    predict_pd,
    score_applicants,
)
from lessons.credit.scaling import points_from_pd
from lessons.credit.scorecard import auc

from _credit_fixtures import _toy_applicants


def test_design_matrix_turns_a_missing_record_into_zero_plus_an_indicator():
    x = design_matrix(_toy_applicants())
    assert x.columns.tolist() == ["on_time_share", "no_record", "past_overdues", "reported_lenders", "utilisation", "log_income"]
    assert x.loc[x["no_record"] == 1, "on_time_share"].eq(0).all()
    assert not x.isna().any().any()


@pytest.mark.parametrize(
    ("change", "features", "name"),
    [
        (None, ["on_time_share", "zodiac_sign"], "features"),
        (None, "income", "features"),
        (lambda f: f.assign(income=-f["income"]), ["income"], "income"),
        (lambda f: f.assign(on_time_share=1.5), ["on_time_share"], "on_time_share"),
        (lambda f: f.drop(columns="utilisation"), ["utilisation"], "applicants"),
        (None, ["age_band"], "features"),
    ],
)
def test_bad_design_input_names_the_parameter(change, features, name):
    frame = _toy_applicants()
    if change is not None:
        frame = change(frame)
    with pytest.raises(ValueError, match=name):
        design_matrix(frame, features)


def test_the_model_reference_is_the_average_training_applicant():
    frame = _toy_applicants()
    model = fit_platform_model(frame)
    assert model.reference == pytest.approx(design_matrix(frame).mean().to_numpy())


def test_scores_are_the_documented_linear_function_of_the_log_odds():
    frame = _toy_applicants()
    model = fit_platform_model(frame)
    pds = predict_pd(model, frame)
    points = score_applicants(model, frame, clip=False)
    assert points == pytest.approx(points_from_pd(pds), rel=1e-9)
    assert model.coefficients[model.columns.index("utilisation")] > 0


def test_the_platform_model_ranks_the_synthetic_population_well_and_keeps_segments_out(applicants, study):
    assert 0.7 < auc(study.scores, study.defaults) < 0.9
    assert not set(SEGMENT_COLUMNS) & set(study.model.features)
    assert "no_record" in study.model.columns
    with pytest.raises(ValueError, match="features"):
        fit_platform_model(applicants, (*PLATFORM_FEATURES, "age_band"))


def test_scoring_a_million_applicants_fits_the_budget(applicants, study):
    big = pd.concat([applicants] * 50, ignore_index=True)
    score_applicants(study.model, big.iloc[:1000])  # warm up
    start = time.perf_counter()
    scores = score_applicants(study.model, big)
    elapsed = time.perf_counter() - start
    assert len(scores) == 1_000_000
    assert elapsed < 1.5, f"scoring 1M applicants took {elapsed:.2f} s (budget 0.5 s; generous margin for shared CI)"


def test_a_target_that_is_not_a_column_name_is_refused():
    with pytest.raises(TypeError, match="target"):
        fit_platform_model(_toy_applicants(), target=["default"])
