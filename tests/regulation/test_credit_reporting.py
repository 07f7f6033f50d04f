"""Tests for lessons.regulation.credit_reporting: decisions when every lender is visible."""

from __future__ import annotations

import numpy as np
import pytest

from lessons.regulation import credit_reporting


def test_visibility_hurts_heavy_multi_lender_borrowers_at_a_fixed_approval_rate(views):
    table = credit_reporting.visibility_comparison(views, approval_rate=0.7, heavy=4)
    heavy, others, everyone = table.iloc[0], table.iloc[1], table.iloc[2]
    assert heavy["group"].startswith("heavy") and everyone["group"] == "all applicants"
    assert heavy["approval_after"] < heavy["approval_before"]
    assert others["approval_after"] >= others["approval_before"]
    assert everyone["approval_before"] == pytest.approx(everyone["approval_after"], abs=0.002)
    assert heavy["hidden_lenders"] > others["hidden_lenders"]
    assert heavy["applicants"] + others["applicants"] == everyone["applicants"]


def test_visibility_scores_refit_chapter_1_model_with_the_true_lender_count(applicants, views):
    from lessons import credit

    before = credit.fit_platform_model(applicants)
    np.testing.assert_allclose(views["score_before"], credit.score_applicants(before, applicants))
    assert not np.allclose(views["score_before"], views["score_after"])


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"heavy": 0}, "heavy"), ({"approval_rate": 0.0}, "approval_rate"), ({"approval_rate": 1.5}, "approval_rate")],
)
def test_bad_reporting_inputs_raise_a_value_error_naming_the_parameter(views, kwargs, name):
    with pytest.raises(ValueError, match=name):
        credit_reporting.visibility_comparison(views, **kwargs)


# Issue 16: a column of text or of missing values used to fail inside NumPy ("'>=' not supported between instances
# of 'str' and 'int'", "could not convert string to float"); it must raise a ValueError naming the frame and column.
@pytest.mark.parametrize(
    ("column", "value", "allowed"),
    [
        ("score_before", "high", "an array of numbers"),
        ("score_after", np.nan, "finite numbers"),
        ("other_lenders", None, "finite numbers"),
        ("other_lenders", "many", "an array of numbers"),
        ("reported_lenders", "two", "an array of numbers"),
        ("default", "yes", "an array of numbers"),
    ],
)
def test_views_whose_columns_are_not_numbers_raise_a_value_error_naming_the_column(views, column, value, allowed):
    with pytest.raises(ValueError, match=f"views column '{column}'") as error:
        credit_reporting.visibility_comparison(views.assign(**{column: value}))
    assert allowed in str(error.value)
