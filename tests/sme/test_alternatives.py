"""Tests of lessons.sme.alternatives: funding options and the cost of bridging a gap (page: alternatives)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.sme.alternatives import bridge_cost, funding_options


def test_funding_options_use_the_cited_rates_where_they_exist_and_say_illustrative_otherwise():
    options = funding_options()
    assert options.loc["Informal lender", "rate_low"] == pytest.approx(0.154)  # 4 × 3.85 % LPR
    assert options.loc["Credit card", "rate_low"] == pytest.approx(0.12775)
    assert options.loc["Credit card", "rate_high"] == pytest.approx(0.1825)
    assert options.loc["Platform-bank merchant loan", "rate_basis"] == "illustrative"
    assert (options["rate_low"] <= options["rate_high"]).all()
    assert funding_options(lpr=0.03).loc["Informal lender", "rate_low"] == pytest.approx(0.12)


def test_bridging_20000_for_60_days_costs_the_mid_rate_and_reports_the_days_without_funds():
    table = bridge_cost(20_000, 60, receivables=21_000)
    assert table.loc["Credit card", "interest_cost"] == pytest.approx(20_000 * (0.12775 + 0.1825) / 2 * 60 / 365)
    assert table.loc["Receivable financing", "available"] == pytest.approx(16_800)
    assert table.loc["Receivable financing", "verdict"].startswith("too small")
    assert table.loc["Platform-bank merchant loan", "days_without_funds"] == 1
    assert table.loc["Bank working-capital loan", "verdict"] == "not available to this shop"
    with_notice = bridge_cost(20_000, 60, notice_days=30, has_collateral=True, receivables=21_000)
    assert with_notice.loc["Bank working-capital loan", "feasible"]
    assert (with_notice["days_without_funds"] <= table["days_without_funds"]).all()


@given(st.floats(1, 200_000), st.integers(1, 365), st.integers(1, 365))
@settings(max_examples=30, deadline=None)
def test_bridging_longer_never_costs_less(gap, days, more):
    a = bridge_cost(gap, days)["interest_cost"]
    b = bridge_cost(gap, days + more)["interest_cost"]
    assert (b >= a).all()


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: bridge_cost(-10, 30), "gap"),
        (lambda: bridge_cost(10_000, 0), "duration_days"),
        (lambda: bridge_cost(10_000, 30, notice_days=-1), "notice_days"),
    ],
)
def test_bad_input_raises_a_value_error_naming_the_parameter(make, name):
    with pytest.raises(ValueError, match=name):
        make()
