"""Tests of lessons.remedies.tips: popular tips scored by Chapter 1's model."""

from __future__ import annotations

import pytest
from _remedies_fixtures import declined, platform_model

from lessons.remedies.tips import POPULAR_TIPS, tip_effects


def test_popular_tips_that_are_not_model_inputs_move_nothing_and_more_spending_costs_points():
    applicant = declined(570).iloc[0]
    table = tip_effects(platform_model(), applicant).set_index("variable")
    assert table.loc["zhima_score", "points"] == 0.0
    assert table.loc["profile_complete", "points"] == 0.0
    assert table.loc["monthly_payment_volume", "points"] == 0.0
    spend = table[table["tip"].str.startswith("Use Huabei more")]
    assert (spend["points"] < 0).all()


@pytest.mark.parametrize("tips", [None, 5, "Use Huabei more", POPULAR_TIPS[0]])
def test_tip_effects_rejects_tips_that_are_not_a_sequence_of_tips(tips):
    with pytest.raises(ValueError, match="tips must be a sequence of Tip objects"):
        tip_effects(platform_model(), declined(570).iloc[0], tips)
