"""Tests for lessons.regulation.regimes: the four named regimes and what kind of number each lever is."""

from __future__ import annotations

import re

import pytest
from conftest import BOOK

from lessons.regulation import regimes

BIB = (BOOK / "references.bib").read_text(encoding="utf-8")


def test_the_four_regimes_are_named_in_time_order_with_the_older_keys_as_aliases():
    assert list(regimes.REGIMES) == ["microlender", "draft_2020", "consumer_finance", "facilitation"]
    assert regimes.regime("pre") is regimes.REGIMES["microlender"]
    assert regimes.regime("post") is regimes.REGIMES["consumer_finance"]
    assert set(regimes.RULE_SETS) == {"pre", "post", *regimes.REGIMES}


def test_the_draft_is_shown_as_a_draft_and_the_others_as_rules_in_force():
    assert "never in force" in regimes.REGIMES["draft_2020"].status
    assert "draft" in regimes.REGIMES["draft_2020"].name.lower() or "never" in regimes.REGIMES["draft_2020"].name
    for key in ("microlender", "consumer_finance", "facilitation"):
        assert regimes.REGIMES[key].status == "rules in force"


@pytest.mark.parametrize("key", list(regimes.REGIMES))
def test_every_lever_says_what_kind_of_number_it_is_and_every_cited_lever_has_a_source_in_the_bibliography(key):
    levers = regimes.REGIMES[key].levers
    assert any(lever.status == "illustrative" for lever in levers), "each regime names its illustrative numbers"
    assert any(lever.status == "rule" for lever in levers), "each regime names its rules"
    for lever in levers:
        assert lever.status in regimes.LEVER_STATUSES
        for source in filter(None, lever.source.split(",")):
            assert "{" + source + "," in BIB, (key, lever.lever, source)


def test_the_rules_are_the_numbers_the_lever_tables_cite():
    micro = regimes.REGIMES["microlender"].rules
    assert (micro.own_share, micro.borrowing_multiple, micro.abs_multiple) == (0.02, 0.5, 0.0)
    assert micro.per_partner_cap is None and micro.total_colending_cap is None
    draft = regimes.REGIMES["draft_2020"].rules
    assert (draft.own_share, draft.borrowing_multiple, draft.abs_multiple) == (0.30, 1.0, 4.0)
    cf = regimes.REGIMES["consumer_finance"].rules
    assert (cf.own_share, cf.capital_ratio, cf.per_partner_cap, cf.total_colending_cap) == (0.30, 0.10, 0.25, 0.50)
    assert cf.borrowing_multiple is None and cf.abs_multiple is None
    fac = regimes.REGIMES["facilitation"]
    assert fac.rules.own_share == 0 and fac.rules.per_partner_cap is None and fac.partners.appetite is not None


def test_the_sources_the_issue_asks_for_back_the_regimes():
    cited = {
        key: {s for lever in r.levers for s in lever.source.split(",") if s} for key, r in regimes.REGIMES.items()
    }
    assert {"cbrc2008microlenders", "rectification2017cashloans", "reuters2018abs"} <= cited["microlender"]
    assert "cbirc2020microlendingdraft" in cited["draft_2020"]
    assert {"cbirc2021colending", "regtrack2021colending", "cbrc2009consumerfinance"} <= cited["consumer_finance"]
    assert "nfra2025loanfacilitation" in cited["facilitation"]


def test_the_capital_path_of_ant_consumer_finance_is_8_18_5_and_23_bn():
    assert dict(regimes.ANT_CONSUMER_FINANCE_CAPITAL) == {"2021-06": 8.0, "2022-12": 18.5, "2023-12": 23.0}


def test_regime_levers_lists_every_lever_of_every_regime():
    table = regimes.regime_levers()
    assert len(table) == sum(len(r.levers) for r in regimes.REGIMES.values())
    assert set(table["status"]) <= set(regimes.LEVER_STATUSES.values())
    one = regimes.regime_levers("draft_2020")
    assert set(one["regime"]) == {regimes.REGIMES["draft_2020"].name}


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: regimes.regime("later"), "regime"),
        (lambda: regimes.regime_levers("later"), "regime"),
        (lambda: regimes.Lever("x", "1", "guess"), "status"),
        (lambda: regimes.Lever("x", "1", "rule"), "source"),
    ],
)
def test_bad_regime_inputs_raise_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_own_capacity_multiple_is_leverage_or_capital_whichever_binds():
    assert regimes.SupplyRules(0.3, 1.0, 4.0).own_capacity_multiple() == 6.0
    assert regimes.SupplyRules(0.3, None, None, capital_ratio=0.1).own_capacity_multiple() == pytest.approx(10.0)
    assert regimes.SupplyRules(0.3, 1.0, 4.0, capital_ratio=0.1).own_capacity_multiple() == 6.0
    assert re.search("capital ratio", str(pytest.raises(ValueError, regimes.SupplyRules, 0.3, None, 4.0).value))
