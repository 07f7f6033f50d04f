"""Tests of lessons.remedies.lab: the policy lab's four levers."""

from __future__ import annotations

import pytest
from _remedies_fixtures import population, small_lab

from lessons.remedies import lab


def test_the_2019_reference_world_cuts_no_lines_and_the_rules_from_2022_ration_by_raising_the_cutoff():
    reference = lab.policy_outcome(small_lab(), "before 2020", 570, False, 0)
    assert reference["business_lines_cut"] == 0 and reference["sme_shortfalls"] == 0
    after = lab.policy_outcome(small_lab(), "from 2022", 570, False, 0)
    assert after["binding"] == "credit supply"
    assert after["effective_cutoff"] > 570
    assert after["credit_supplied"] < reference["credit_supplied"]
    assert after["thin_approval_rate"] < reference["thin_approval_rate"]


def test_in_the_policy_lab_notice_lowers_sme_shortfalls_and_costs_the_platform_something():
    sudden = lab.policy_outcome(small_lab(), "from 2022", 570, False, 0)
    notice = lab.policy_outcome(small_lab(), "from 2022", 570, False, 60)
    assert notice["sme_shortfalls"] <= sudden["sme_shortfalls"]
    assert notice["business_lines_cut"] == sudden["business_lines_cut"]


def test_policy_outcome_rejects_unknown_levers():
    with pytest.raises(ValueError, match="rules"):
        lab.policy_outcome(small_lab(), "no rules", 570, False, 0)
    with pytest.raises(ValueError, match="notice"):
        lab.policy_outcome(small_lab(), "from 2022", 570, False, 45)
    with pytest.raises(ValueError, match="cutoff"):
        lab.policy_outcome(small_lab(), "from 2022", 100, False, 0)


@pytest.mark.parametrize("cutoff", [550, 570, 590])
@pytest.mark.parametrize("alt_data", [False, True])
def test_more_capital_never_supplies_less_credit_in_the_policy_lab(cutoff, alt_data):
    supplied = [lab.policy_outcome(small_lab(), rules, cutoff, alt_data, 0)["credit_supplied"] for rules in ("from 2022", "from 2022 + capital")]
    assert supplied[1] >= supplied[0]


# ---------------------------------------------------------------------------
# Arguments of the wrong kind (issue 16): a clear error that names the parameter, never an AttributeError
# ---------------------------------------------------------------------------


def test_policy_lab_names_notices_that_are_not_a_list_of_days():
    with pytest.raises(ValueError, match="^notices must be a sequence of days"):
        lab.policy_lab(population(), notices=60, n_shops=20)


@pytest.mark.parametrize("levers", [5, "from 2022", ("from 2022", 570.0)])
def test_policy_scenarios_names_a_scenario_that_is_not_four_levers(levers):
    with pytest.raises(ValueError, match=r"scenarios\['mine'\] must be a tuple \(rules, cutoff, alt_data, notice\)"):
        lab.policy_scenarios(small_lab(), {"mine": levers})


# ---------------------------------------------------------------------------
# Issue 13: Chapter 2's regimes, the course's one consumer LGD, Monte Carlo errors
# ---------------------------------------------------------------------------


def test_every_rule_of_the_lab_is_a_regime_of_chapter_2():
    from lessons import regulation

    for key, capital in lab.POLICY_RULES.values():
        assert key in regulation.REGIMES
        assert capital is None or capital in regulation.ANT_CONSUMER_FINANCE_CAPITAL
    assert set(lab.WIDGET_RULES) <= set(lab.POLICY_RULES) and len(lab.WIDGET_RULES) == 3


def test_capital_raised_is_the_growth_of_ant_consumer_finance_capital_from_8_to_23_bn():
    assert lab._equity_multiple("2023-12") == pytest.approx(23.0 / 8.0)
    assert lab._equity_multiple(None) == 1.0


def test_the_2020_draft_would_have_rationed_more_than_the_rules_from_2022():
    draft = lab.policy_outcome(small_lab(), "2020 draft", 570, False, 0)
    now = lab.policy_outcome(small_lab(), "from 2022", 570, False, 0)
    assert draft["served_share"] < now["served_share"]
    assert draft["business_lines_cut"] >= now["business_lines_cut"]


def test_consumer_losses_use_the_course_consumer_lgd():
    from lessons.credit.cutoffs import CONSUMER_LGD

    out = lab.policy_outcome(small_lab(), "before 2020", 570, False, 0)
    study = small_lab().study
    approved = study.scores["bureau"] >= out["effective_cutoff"]
    expected = study.test["pd_true"].to_numpy()[approved].sum() * CONSUMER_LGD * lab.AVERAGE_LINE * 10_000 / len(approved) / 1e6
    assert out["expected_loss"] == pytest.approx(expected)


def test_counts_of_the_lab_carry_their_standard_errors():
    out = lab.policy_outcome(small_lab(), "2020 draft", 590, False, 0)
    assert out["business_lines_cut"] > 0
    assert 0 < out["business_lines_cut_se"] < out["business_lines_cut"]
    assert 0 < out["sme_shortfalls_se"]
    assert out["sme_shortfalls"] == pytest.approx(out["business_lines_cut"] * out["shortfall_probability"])


def test_outcome_estimate_turns_a_count_and_its_error_into_an_interval():
    out = lab.policy_outcome(small_lab(), "2020 draft", 570, False, 0)
    est = lab.outcome_estimate(out, "sme_shortfalls")
    assert est.value == out["sme_shortfalls"] and est.standard_error == out["sme_shortfalls_se"]
    assert est.high - est.value == pytest.approx(1.959964 * est.standard_error, rel=1e-5)
    with pytest.raises(ValueError, match="column"):
        lab.outcome_estimate(out, "approval_rate")
    with pytest.raises(TypeError, match="outcome"):
        lab.outcome_estimate({"sme_shortfalls": 1.0}, "sme_shortfalls")
