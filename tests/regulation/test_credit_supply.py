"""Tests for lessons.regulation.credit_supply: the bound on the loan book and rationing with Chapter 1's scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.regulation import credit_supply

FAST = settings(max_examples=60, deadline=None)


def test_one_yuan_of_equity_supported_75_yuan_as_a_microlender_and_33_in_the_consumer_finance_company():
    table = credit_supply.supply_comparison(equity=10)
    # microlender: (1 + 0.5 + 0) / 0.02 = 75; consumer-finance company: (1 / 0.10) / 0.30 = 33.3
    assert table["loans_per_yuan_of_equity"].tolist() == pytest.approx([75.0, 100 / 3])
    assert table["binding"].tolist() == ["own funding", "own funding"]


def test_the_four_regimes_give_the_worked_multipliers_and_shares_of_demand_served():
    table = credit_supply.regime_comparison().set_index("key")
    assert table["loans_per_yuan_of_equity"].to_dict() == pytest.approx(
        {"microlender": 75.0, "draft_2020": 20.0, "consumer_finance": 100 / 3, "facilitation": 30.0}
    )
    assert table["share_of_demand_served"].to_dict() == pytest.approx(
        {"microlender": 1.0, "draft_2020": 0.5, "consumer_finance": 5 / 6, "facilitation": 0.75}
    )
    assert table.loc["facilitation", "binding"] == "partner limits"


def test_a_capital_ratio_bounds_the_own_book_at_equity_over_ratio_times_risk_weight():
    rules = credit_supply.SupplyRules(0.30, None, None, capital_ratio=0.08, risk_weight=0.75)
    book = credit_supply.max_loan_book(10, rules)
    assert book.own_capacity == pytest.approx(10 / (0.08 * 0.75))
    both = credit_supply.SupplyRules(0.30, 1.0, 4.0, capital_ratio=0.10)
    assert credit_supply.max_loan_book(10, both).own_capacity == pytest.approx(60)  # the tighter of the two


def test_pure_facilitation_lends_only_the_banks_money():
    rules = credit_supply.RULE_SETS["facilitation"]
    banks = credit_supply.PartnerBanks(appetite=0.015)
    book = credit_supply.max_loan_book(10, rules, banks)
    assert book.own_share_used == 0
    assert book.max_book == pytest.approx(100 * 0.015 * 200)
    assert credit_supply.capital_needed("facilitation") == float("inf")


def test_post_rules_with_a_2_percent_share_are_bound_by_partner_banks():
    book = credit_supply.max_loan_book(10, credit_supply.SupplyRules(0.02, 1.0, 4.0, 0.25, 0.50))
    # own capacity 60; partners 100 banks x min(0.25 x 20, 0.5 x 200 x 0.1) = 500; bound = 60 + 500
    assert book.own_capacity == pytest.approx(60)
    assert book.partner_capacity == pytest.approx(500)
    assert book.max_book == pytest.approx(560)
    assert book.binding == "partner limits"
    assert book.own_share_used == pytest.approx(60 / 560)


shares = st.floats(0.01, 1.0)


multiples = st.floats(0.0, 20.0)


caps = st.one_of(st.none(), st.floats(0.01, 1.0))


banks = st.builds(
    credit_supply.PartnerBanks,
    n_banks=st.integers(1, 300),
    tier1_capital=st.floats(0.1, 100),
    total_loans=st.floats(1, 2000),
    platform_slice=st.floats(0.01, 1.0),
    appetite=st.one_of(st.none(), st.floats(0.001, 1.0)),
)


@FAST
@given(st.floats(0.1, 1000), shares, shares, multiples, multiples, caps, caps, banks)
def test_max_loan_book_never_rises_when_the_own_share_rises(equity, s1, s2, b, a, pc, tc, partners):
    low, high = sorted((s1, s2))
    book_low = credit_supply.max_loan_book(equity, credit_supply.SupplyRules(low, b, a, pc, tc), partners).max_book
    book_high = credit_supply.max_loan_book(equity, credit_supply.SupplyRules(high, b, a, pc, tc), partners).max_book
    assert book_high <= book_low * (1 + 1e-12)


@FAST
@given(st.floats(0.1, 1000), shares, multiples, multiples, st.floats(0, 1), st.floats(0, 1), caps, caps, banks)
def test_max_loan_book_never_rises_when_a_leverage_cap_falls(equity, s, b, a, cut_b, cut_a, pc, tc, partners):
    before = credit_supply.max_loan_book(equity, credit_supply.SupplyRules(s, b, a, pc, tc), partners).max_book
    tighter = credit_supply.SupplyRules(s, b * cut_b, a * cut_a, pc, tc)
    after = credit_supply.max_loan_book(equity, tighter, partners).max_book
    assert after <= before * (1 + 1e-12)


@FAST
@given(st.floats(0.1, 1000), shares, multiples, multiples, st.floats(0.01, 1), st.floats(0.01, 1), st.floats(0, 1), banks)
def test_max_loan_book_never_rises_when_a_partner_limit_tightens(equity, s, b, a, pc, tc, cut, partners):
    rules = credit_supply.SupplyRules(s, b, a, pc, tc)
    before = credit_supply.max_loan_book(equity, rules, partners).max_book
    tighter = credit_supply.SupplyRules(s, b, a, max(pc * cut, 1e-6), max(tc * cut, 1e-6))
    assert credit_supply.max_loan_book(equity, tighter, partners).max_book <= before * (1 + 1e-12)
    unlimited = credit_supply.SupplyRules(s, b, a, None, None)
    assert credit_supply.max_loan_book(equity, unlimited, partners).max_book >= before * (1 - 1e-12)


@FAST
@given(st.floats(0.1, 1000), shares, st.floats(0.01, 0.5), st.floats(0.01, 0.5), st.floats(0.1, 2.0), caps, caps, banks)
def test_max_loan_book_never_rises_when_the_capital_ratio_rises(equity, s, k1, k2, w, pc, tc, partners):
    low, high = sorted((k1, k2))
    loose = credit_supply.SupplyRules(s, None, None, pc, tc, capital_ratio=low, risk_weight=w)
    tight = credit_supply.SupplyRules(s, None, None, pc, tc, capital_ratio=high, risk_weight=w)
    assert credit_supply.max_loan_book(equity, tight, partners).max_book <= (
        credit_supply.max_loan_book(equity, loose, partners).max_book * (1 + 1e-12)
    )


@FAST
@given(st.floats(0.1, 1000), st.floats(0.1, 1000), banks)
def test_under_pure_facilitation_equity_does_not_move_the_book(e1, e2, partners):
    rules = credit_supply.RULE_SETS["facilitation"]
    assert credit_supply.max_loan_book(e1, rules, partners).max_book == credit_supply.max_loan_book(
        e2, rules, partners
    ).max_book


@FAST
@given(st.sampled_from(["microlender", "draft_2020", "consumer_finance"]), st.floats(5.0, 400.0))
def test_the_capital_needed_is_the_smallest_equity_multiple_that_serves_all_demand(key, demand):
    needed = credit_supply.capital_needed(key, demand_per_equity=demand)
    if needed > 100:  # beyond what supply_outcome accepts
        return
    at = credit_supply.supply_outcome(None, key, needed, demand_per_equity=demand)["served"]
    assert at == pytest.approx(1.0)
    if needed > 1e-6:
        below = credit_supply.supply_outcome(None, key, needed * 0.99, demand_per_equity=demand)["served"]
        assert below < 1.0


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: credit_supply.max_loan_book(-1, credit_supply.POST_2021), "equity"),
        (lambda: credit_supply.max_loan_book(0, credit_supply.POST_2021), "equity"),
        (lambda: credit_supply.SupplyRules(1.2, 1, 4), "own_share"),
        (lambda: credit_supply.SupplyRules(0.3, None, None), "capital_ratio"),
        (lambda: credit_supply.SupplyRules(0.3, None, None, capital_ratio=0.0), "capital_ratio"),
        (lambda: credit_supply.SupplyRules(0.3, None, None, capital_ratio=0.1, risk_weight=0), "risk_weight"),
        (lambda: credit_supply.PartnerBanks(appetite=0), "appetite"),
        (lambda: credit_supply.supply_outcome(None, "later"), "rules"),
        (lambda: credit_supply.capital_needed("later"), "rules"),
        (lambda: credit_supply.SupplyRules(-0.1, 1, 4), "own_share"),
        (lambda: credit_supply.SupplyRules(0.3, -1, 4), "borrowing_multiple"),
        (lambda: credit_supply.SupplyRules(0.3, 1, -4), "abs_multiple"),
        (lambda: credit_supply.SupplyRules(0.3, 1, 4, per_partner_cap=1.5), "per_partner_cap"),
        (lambda: credit_supply.SupplyRules(0.3, 1, 4, total_colending_cap=0.0), "total_colending_cap"),
        (lambda: credit_supply.PartnerBanks(n_banks=0), "n_banks"),
        (lambda: credit_supply.PartnerBanks(platform_slice=2), "platform_slice"),
        (lambda: credit_supply.multiplier_curve([0.0, 0.3]), "own_shares"),
    ],
)
def test_bad_supply_inputs_raise_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_scored_population_uses_chapter_1_scores_unchanged(applicants, scored):
    from lessons import credit

    expected = credit.score_applicants(credit.fit_platform_model(applicants), applicants)
    np.testing.assert_allclose(scored["score"].to_numpy(), expected)
    for column in credit.SEGMENT_COLUMNS:
        assert column in scored and f"{column}_label" in scored


@FAST
@given(
    st.lists(st.floats(300, 900), min_size=5, max_size=200),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.05, 1.0),
)
def test_implied_cutoff_never_falls_when_supply_falls(scores, served_a, served_b, base):
    less, more = sorted((served_a, served_b))
    less_supply = credit_supply.implied_cutoff(scores, less, base_approval_rate=base)
    assert less_supply >= credit_supply.implied_cutoff(scores, more, base_approval_rate=base)


def test_rationing_to_half_of_demand_halves_approvals_and_raises_the_cutoff(scored):
    table = credit_supply.rationing_by_segment(scored, 0.5)
    overall = table.iloc[0]
    assert overall["dimension"] == "All"
    assert overall["approval_base"] == pytest.approx(credit_supply.BASE_APPROVAL_RATE, abs=0.002)
    assert overall["approval_rationed"] == pytest.approx(0.5 * credit_supply.BASE_APPROVAL_RATE, abs=0.002)
    assert overall["lose_access"] == pytest.approx(0.5, abs=0.005)
    assert table.attrs["cutoff"] > table.attrs["base_cutoff"]
    assert set(table["dimension"]) == {"All", *credit_supply.SEGMENT_NAMES.values()}
    assert (table["approval_rationed"] <= table["approval_base"] + 1e-12).all()
    assert table["lose_access"].between(0, 1).all()


def test_full_supply_excludes_nobody(scored):
    table = credit_supply.rationing_by_segment(scored, 1.0)
    assert table["lose_access"].max() == 0


def test_rationing_summary_links_the_supply_multiplier_to_the_cutoff(scored):
    summary = credit_supply.rationing_summary(scored).set_index("configuration")
    served = summary["share_of_demand_served"]
    assert served.tolist() == pytest.approx([1.0, 0.5, 5 / 6, 1.0, 0.75])
    cut = summary["cutoff"]
    base = cut.iloc[0]
    # less supply, higher cut-off; full supply (microlender, or the consumer-finance company with 23/8 the equity)
    # leaves the cut-off where risk set it
    assert cut.iloc[1] > cut.iloc[4] > cut.iloc[2] > base == pytest.approx(cut.iloc[3])


def test_the_policy_lab_names_still_work(scored):
    """lessons.remedies.lab calls supply_outcome(RULE_SETS[key].own_share, key, multiple) with key 'pre' or 'post'."""
    for key in ("pre", "post"):
        out = credit_supply.supply_outcome(credit_supply.RULE_SETS[key].own_share, key, 1.0)
        assert {"book", "demand", "served", "multiplier"} <= set(out)
        assert out["book"].max_book > 0
    assert credit_supply.RULE_SETS["pre"] is credit_supply.PRE_2020 is credit_supply.REGIMES["microlender"].rules
    assert credit_supply.RULE_SETS["post"] is credit_supply.POST_2021 is credit_supply.REGIMES["consumer_finance"].rules
    assert 0 < credit_supply.BASE_APPROVAL_RATE <= 1


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda s: credit_supply.rationing_by_segment(s, 0.0), "served"),
        (lambda s: credit_supply.rationing_by_segment(s, 1.5), "served"),
        (lambda s: credit_supply.implied_cutoff(s["score"], 0.5, base_approval_rate=0.0), "base_approval_rate"),
        (lambda s: credit_supply.served_share(10, 0), "demand"),
        (lambda s: credit_supply.served_share(-1, 10), "max_book"),
    ],
)
def test_bad_rationing_inputs_raise_a_value_error_naming_the_parameter(scored, call, name):
    with pytest.raises(ValueError, match=name):
        call(scored)


# Issue 16: inputs of the wrong kind used to fail inside Python ("'int' object is not iterable", "'list' object has
# no attribute 'items'", "replace() should be called on dataclass instances", "unhashable type"); each must raise a
# ValueError that names the parameter and says what is allowed.
@pytest.mark.parametrize(
    ("call", "name", "allowed"),
    [
        (lambda: credit_supply.supply_comparison(configurations=3), "configurations", "sequence of SupplyRules"),
        (lambda: credit_supply.supply_comparison(configurations=[]), "configurations", "non-empty"),
        (lambda: credit_supply.supply_comparison(configurations=["post"]), "configurations", "sequence of SupplyRules"),
        (
            lambda: credit_supply.supply_comparison(configurations=credit_supply.POST_2021),
            "configurations",
            "sequence of SupplyRules",
        ),
        (lambda: credit_supply.multiplier_curve([0.1, 0.3], rules=3), "rules", "SupplyRules"),
        (lambda: credit_supply.multiplier_curve([0.1, 0.3], rules="post"), "rules", "SupplyRules"),
        (
            lambda: credit_supply.SupplyRules(0.3, 1, 4, label=pd.DataFrame()),
            "label",
            "string",
        ),
    ],
)
def test_supply_inputs_of_the_wrong_kind_raise_a_value_error_naming_the_parameter(call, name, allowed):
    with pytest.raises(ValueError, match=name) as error:
        call()
    assert allowed in str(error.value)


@pytest.mark.parametrize(
    ("call", "name", "allowed"),
    [
        (lambda s: credit_supply.rationing_by_segment(s, 0.5, segments=3), "segments", "'thin_file'"),
        (lambda s: credit_supply.rationing_by_segment(s, 0.5, segments=[["thin_file"]]), "segments", "'thin_file'"),
        (lambda s: credit_supply.rationing_by_segment(s, 0.5, segments=["income"]), "segments", "'thin_file'"),
        (lambda s: credit_supply.rationing_by_segment(s.assign(score="high"), 0.5), "scored column 'score'", "numbers"),
        (lambda s: credit_supply.rationing_summary(s, configurations=3), "configurations", "mapping label"),
        (lambda s: credit_supply.rationing_summary(s, configurations={}), "configurations", "non-empty mapping"),
        (
            lambda s: credit_supply.rationing_summary(s, configurations={"after": (0.3, "post")}),
            "configurations",
            "(own_share, rules, equity_multiple)",
        ),
        (lambda s: credit_supply.rationing_summary(s.assign(score=None)), "scored column 'score'", "finite numbers"),
    ],
)
def test_rationing_inputs_of_the_wrong_kind_raise_a_value_error_naming_the_parameter(scored, call, name, allowed):
    with pytest.raises(ValueError, match=name) as error:
        call(scored)
    assert allowed in str(error.value)


def test_rationing_summary_checks_the_base_approval_rate_before_using_it(scored):
    # a number given as text is the wrong kind of object: lessons._validation's TypeError, which names it
    with pytest.raises(TypeError, match=r"base_approval_rate must be a number in \(0, 1\]"):
        credit_supply.rationing_summary(scored, base_approval_rate="0.7")
    with pytest.raises(ValueError, match=r"base_approval_rate must be a number in \(0, 1\]"):
        credit_supply.rationing_summary(scored, base_approval_rate=1.5)


def test_rationing_by_one_segment_named_alone_is_rationing_by_that_segment(scored):
    alone = credit_supply.rationing_by_segment(scored, 0.5, segments="thin_file")
    listed = credit_supply.rationing_by_segment(scored, 0.5, segments=["thin_file"])
    pd.testing.assert_frame_equal(alone, listed)
    assert set(alone["dimension"]) == {"All", credit_supply.SEGMENT_NAMES["thin_file"]}
