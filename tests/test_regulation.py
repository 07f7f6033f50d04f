"""Tests for lessons.regulation (Chapter 2): rates, timeline, credit supply, rationing, credit reporting."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from lessons import regulation as reg
from lessons.widgets import grid

FAST = settings(max_examples=60, deadline=None)


# ---------------------------------------------------------------------------
# Rates
# ---------------------------------------------------------------------------


def test_daily_rate_of_0_05_percent_is_18_25_percent_simple_and_20_02_percent_compounded():
    assert reg.daily_to_annual(0.0005) == pytest.approx(0.1825)
    assert reg.daily_to_annual(0.0005, compounding="compound") == pytest.approx(0.20016, abs=1e-5)


def test_daily_rate_table_matches_the_worked_table_in_the_facts():
    table = reg.daily_rate_table()
    # the table is rounded to 2 decimals (16.425 % prints as 16.43 %), so compare within half a unit
    assert 100 * table["simple_apr"].to_numpy() == pytest.approx([5.48, 7.30, 10.95, 16.43, 18.25, 21.90], abs=0.0051)
    assert 100 * table["compound_apr"].to_numpy() == pytest.approx([5.63, 7.57, 11.57, 17.85, 20.02, 24.47], abs=0.0051)


@FAST
@given(st.floats(0, 0.01), st.sampled_from(["simple", "compound"]))
def test_daily_rate_to_apr_and_back_returns_the_same_daily_rate(daily, compounding):
    annual = reg.daily_to_annual(daily, compounding=compounding)
    assert reg.annual_to_daily(annual, compounding=compounding) == pytest.approx(daily, rel=1e-9, abs=1e-15)


def test_installment_irr_matches_the_worked_table_of_the_fact_file():
    table = reg.installment_table()
    assert table["periods"].tolist() == [3, 6, 9, 12]
    assert (100 * table["periodic_irr"]).round(3).tolist() == [1.245, 1.272, 1.278, 1.322]
    assert (100 * table["nominal_apr"]).round(1).tolist() == [14.9, 15.3, 15.3, 15.9]
    assert (100 * table["effective_annual_rate"]).round(1).tolist() == [16.0, 16.4, 16.5, 17.1]
    # 24 × 8.8 % / 13 = 16.246 %: the fact file's 16.3 % is a rounding slip, so test the exact values
    assert 100 * table["rule_of_thumb"].to_numpy() == pytest.approx([15.0, 15.4286, 15.6, 16.2462], abs=1e-4)


def test_twelve_months_at_7_5_percent_is_a_1_131_percent_monthly_irr():
    assert 100 * reg.installment_rates(12, total_fee=0.075).periodic_irr == pytest.approx(1.131, abs=5e-4)


@FAST
@given(st.integers(1, 36), st.floats(0.0005, 0.05))
def test_own_irr_agrees_with_scipy_brentq(periods, fee_per_period):
    flows = reg.installment_cash_flows(1000.0, periods, fee_per_period)
    t = np.arange(flows.size)
    expected = brentq(lambda r: np.sum(flows / (1 + r) ** t), -0.5, 1.0, xtol=1e-14)
    assert reg.irr(flows) == pytest.approx(expected, rel=1e-8, abs=1e-11)


@FAST
@given(st.integers(1, 36), st.floats(0.0005, 0.05))
def test_own_irr_agrees_with_the_roots_of_the_numpy_polynomial(periods, fee_per_period):
    flows = reg.installment_cash_flows(1.0, periods, fee_per_period)
    # NPV * (1+r)^n is a polynomial in x = 1 + r: flows[0] x^n + flows[1] x^(n-1) + ... + flows[n]
    roots = np.roots(flows)
    real = roots[(np.abs(roots.imag) < 1e-9) & (roots.real > 0)].real
    assert real.size == 1
    assert reg.irr(flows) == pytest.approx(real[0] - 1, rel=1e-6, abs=1e-9)


@FAST
@given(st.integers(2, 60), st.floats(1e-4, 0.05))
def test_true_annual_rate_is_above_the_flat_rate_when_there_is_more_than_one_installment(periods, fee_per_period):
    rates = reg.installment_rates(periods, fee_per_period=fee_per_period)
    assert rates.nominal_apr > rates.flat_rate
    assert rates.effective_annual_rate > rates.nominal_apr


def test_a_single_installment_has_a_true_rate_equal_to_its_fee():
    rates = reg.installment_rates(1, fee_per_period=0.01)
    assert rates.periodic_irr == pytest.approx(0.01, rel=1e-9)
    assert rates.nominal_apr == pytest.approx(rates.flat_rate, rel=1e-9)


def test_rule_of_thumb_is_24_f_over_n_plus_1():
    assert reg.rule_of_thumb_apr(12, 0.088) == pytest.approx(24 * 0.088 / 13)
    assert reg.rule_of_thumb_apr(3, 0.025) == pytest.approx(0.15)


@FAST
@given(st.integers(2, 24), st.floats(0.005, 0.15))
def test_rule_of_thumb_stays_within_a_tenth_of_the_true_nominal_apr_for_ordinary_fees(periods, total_fee):
    rates = reg.installment_rates(periods, total_fee=total_fee)
    assert rates.rule_of_thumb == pytest.approx(rates.nominal_apr, rel=0.1)


def test_judicial_cap_is_four_times_the_lpr_table():
    table = reg.lpr_history()
    assert (100 * table["lpr_1y"]).round(2).tolist() == [3.85, 3.65, 3.45, 3.35, 3.10, 3.00]
    assert (100 * table["cap_4x"]).round(1).tolist() == [15.4, 14.6, 13.8, 13.4, 12.4, 12.0]
    assert table["date"].is_monotonic_increasing


def test_loan_cost_of_a_quoted_12_month_plan_is_880_yuan_per_10000_and_above_the_2020_cap():
    cost = reg.loan_cost(10_000, 12, total_fee=0.088, lpr_1y=0.0385)
    assert cost.total_cost == pytest.approx(880)
    assert cost.payment_first == pytest.approx(10_000 / 12 + 880 / 12)
    assert cost.nominal_apr == pytest.approx(0.15866, abs=1e-4)
    assert cost.above_cap


def test_loan_cost_with_a_daily_rate_charges_interest_on_the_declining_balance():
    cost = reg.loan_cost(12_000, 12, daily_rate=0.0005)
    monthly = 0.0005 * 365 / 12
    assert cost.total_cost == pytest.approx(monthly * 1000 * sum(range(1, 13)))
    assert cost.nominal_apr == pytest.approx(0.1825)
    flows = np.r_[-12_000, 1000 + monthly * (12_000 - 1000 * np.arange(12))]
    assert reg.irr(flows) == pytest.approx(cost.periodic_irr, rel=1e-8)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: reg.daily_to_annual(-0.0001), "daily_rate"),
        (lambda: reg.annual_to_daily(-0.1), "annual_rate"),
        (lambda: reg.installment_rates(0, total_fee=0.05), "periods"),
        (lambda: reg.installment_rates(12, total_fee=-0.05), "total_fee"),
        (lambda: reg.installment_rates(12, fee_per_period=-0.01), "fee_per_period"),
        (lambda: reg.installment_cash_flows(-100, 3, 0.01), "principal"),
        (lambda: reg.installment_cash_flows(100, 0, 0.01), "periods"),
        (lambda: reg.irr([100, 10]), "cash_flows"),
        (lambda: reg.irr([-100, -10]), "cash_flows"),
        (lambda: reg.loan_cost(1000, 0, total_fee=0.05), "periods"),
        (lambda: reg.loan_cost(1000, 12, daily_rate=-0.001), "daily_rate"),
        (lambda: reg.loan_cost(-1000, 12, daily_rate=0.001), "amount"),
        (lambda: reg.judicial_cap(-0.01), "lpr_1y"),
        (lambda: reg.daily_to_annual(0.001, compounding="monthly"), "compounding"),
        (lambda: reg.installment_rates(12), "total_fee"),
    ],
)
def test_bad_rate_inputs_raise_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


COST_CONTROLS = dict(
    amount=[2_000, 10_000],
    periods=[3, 6, 12],
    pricing=["quoted", "fee_0.6", "daily_0.03", "daily_0.05"],
)


def test_every_position_of_the_cost_calculator_returns_a_chart_and_a_table():
    from lessons.widgets import Choice

    positions = grid(**{k: Choice(v) for k, v in COST_CONTROLS.items()})
    assert len(positions) == 24
    for kwargs in positions:
        out = reg.cost_view(**kwargs)
        assert "<table" in out and "True APR" in out


# ---------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------


def test_timeline_rows_are_dated_in_order_with_chinese_and_english_names_and_a_source():
    t = reg.regulation_timeline()
    assert t["date"].is_monotonic_increasing
    assert t["date"].min() >= pd.Timestamp("2017-01-01")
    for column in ("issuer", "name_zh", "name_en", "provisions", "short", "source"):
        assert t[column].str.len().min() > 3, column
    assert t["name_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert set(t["category"]) == set(reg.TIMELINE_CATEGORIES)


def test_timeline_carries_the_key_numbers_of_the_co_lending_notice_and_the_draft_rules():
    t = reg.regulation_timeline().set_index("source")
    notice = t.loc["cbirc2021colending", "provisions"]
    for number in ("30 %", "25 %", "50 %"):
        assert number in notice
    draft = t.loc["cbirc2020microlendingdraft", "provisions"]
    for number in ("30 %", "RMB 1 bn", "5 bn", "300,000"):
        assert number in draft


def test_every_timeline_source_is_cited_on_the_timeline_page():
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "book" / "regulation" / "timeline.ipynb").read_text(encoding="utf-8")
    for key in reg.regulation_timeline()["source"]:
        assert "{cite}`" + key in page or ("," + key) in page, key


def test_timeline_figure_alt_text_counts_the_rows():
    chart = reg.plot_timeline()
    assert f"{len(reg.regulation_timeline())} rules and events" in chart.alt


@pytest.mark.parametrize("category", ["all", *reg.TIMELINE_CATEGORIES])
def test_every_position_of_the_timeline_filter_returns_a_table(category):
    assert "<table" in reg.timeline_view(category)


# ---------------------------------------------------------------------------
# Credit supply
# ---------------------------------------------------------------------------


def test_one_yuan_of_equity_supported_450_yuan_before_and_20_after_the_rules():
    table = reg.supply_comparison(equity=10)
    assert table["loans_per_yuan_of_equity"].tolist() == pytest.approx([450.0, 20.0])
    assert table["binding"].tolist() == ["own funding", "own funding"]


def test_post_rules_with_a_2_percent_share_are_bound_by_partner_banks():
    book = reg.max_loan_book(10, reg.SupplyRules(0.02, 1.0, 4.0, 0.25, 0.50))
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
    reg.PartnerBanks,
    n_banks=st.integers(1, 300),
    tier1_capital=st.floats(0.1, 100),
    total_loans=st.floats(1, 2000),
    platform_slice=st.floats(0.01, 1.0),
)


@FAST
@given(st.floats(0.1, 1000), shares, shares, multiples, multiples, caps, caps, banks)
def test_max_loan_book_never_rises_when_the_own_share_rises(equity, s1, s2, b, a, pc, tc, partners):
    low, high = sorted((s1, s2))
    book_low = reg.max_loan_book(equity, reg.SupplyRules(low, b, a, pc, tc), partners).max_book
    book_high = reg.max_loan_book(equity, reg.SupplyRules(high, b, a, pc, tc), partners).max_book
    assert book_high <= book_low * (1 + 1e-12)


@FAST
@given(st.floats(0.1, 1000), shares, multiples, multiples, st.floats(0, 1), st.floats(0, 1), caps, caps, banks)
def test_max_loan_book_never_rises_when_a_leverage_cap_falls(equity, s, b, a, cut_b, cut_a, pc, tc, partners):
    before = reg.max_loan_book(equity, reg.SupplyRules(s, b, a, pc, tc), partners).max_book
    after = reg.max_loan_book(equity, reg.SupplyRules(s, b * cut_b, a * cut_a, pc, tc), partners).max_book
    assert after <= before * (1 + 1e-12)


@FAST
@given(st.floats(0.1, 1000), shares, multiples, multiples, st.floats(0.01, 1), st.floats(0.01, 1), st.floats(0, 1), banks)
def test_max_loan_book_never_rises_when_a_partner_limit_tightens(equity, s, b, a, pc, tc, cut, partners):
    rules = reg.SupplyRules(s, b, a, pc, tc)
    before = reg.max_loan_book(equity, rules, partners).max_book
    tighter = reg.SupplyRules(s, b, a, max(pc * cut, 1e-6), max(tc * cut, 1e-6))
    assert reg.max_loan_book(equity, tighter, partners).max_book <= before * (1 + 1e-12)
    unlimited = reg.SupplyRules(s, b, a, None, None)
    assert reg.max_loan_book(equity, unlimited, partners).max_book >= before * (1 - 1e-12)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: reg.max_loan_book(-1, reg.POST_2021), "equity"),
        (lambda: reg.max_loan_book(0, reg.POST_2021), "equity"),
        (lambda: reg.SupplyRules(0.0, 1, 4), "own_share"),
        (lambda: reg.SupplyRules(1.2, 1, 4), "own_share"),
        (lambda: reg.SupplyRules(-0.1, 1, 4), "own_share"),
        (lambda: reg.SupplyRules(0.3, -1, 4), "borrowing_multiple"),
        (lambda: reg.SupplyRules(0.3, 1, -4), "abs_multiple"),
        (lambda: reg.SupplyRules(0.3, 1, 4, per_partner_cap=1.5), "per_partner_cap"),
        (lambda: reg.SupplyRules(0.3, 1, 4, total_colending_cap=0.0), "total_colending_cap"),
        (lambda: reg.PartnerBanks(n_banks=0), "n_banks"),
        (lambda: reg.PartnerBanks(platform_slice=2), "platform_slice"),
        (lambda: reg.multiplier_curve([0.0, 0.3]), "own_shares"),
    ],
)
def test_bad_supply_inputs_raise_a_value_error_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ---------------------------------------------------------------------------
# Rationing with Chapter 1's scores
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def applicants():
    data = pytest.importorskip("lessons.data")
    return data.synthetic_applicants(n=4000, seed=2020)


@pytest.fixture(scope="module")
def scored(applicants):
    return reg.scored_population(applicants)


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
    assert reg.implied_cutoff(scores, less, base_approval_rate=base) >= reg.implied_cutoff(scores, more, base_approval_rate=base)


def test_rationing_to_half_of_demand_halves_approvals_and_raises_the_cutoff(scored):
    table = reg.rationing_by_segment(scored, 0.5)
    overall = table.iloc[0]
    assert overall["dimension"] == "All"
    assert overall["approval_base"] == pytest.approx(reg.BASE_APPROVAL_RATE, abs=0.002)
    assert overall["approval_rationed"] == pytest.approx(0.5 * reg.BASE_APPROVAL_RATE, abs=0.002)
    assert overall["lose_access"] == pytest.approx(0.5, abs=0.005)
    assert table.attrs["cutoff"] > table.attrs["base_cutoff"]
    assert set(table["dimension"]) == {"All", *reg.SEGMENT_NAMES.values()}
    assert (table["approval_rationed"] <= table["approval_base"] + 1e-12).all()
    assert table["lose_access"].between(0, 1).all()


def test_full_supply_excludes_nobody(scored):
    table = reg.rationing_by_segment(scored, 1.0)
    assert table["lose_access"].max() == 0


def test_rationing_summary_links_the_supply_multiplier_to_the_cutoff(scored):
    summary = reg.rationing_summary(scored)
    assert summary["loans_per_yuan_of_equity"].round(0).tolist() == [450.0, 20.0, 20.0]
    assert summary["share_of_demand_served"].tolist() == pytest.approx([1.0, 0.5, 1.0])
    assert summary.loc[1, "cutoff"] > summary.loc[0, "cutoff"] == pytest.approx(summary.loc[2, "cutoff"])


SUPPLY_CONTROLS = dict(
    own_share=[0.02, 0.10, 0.20, 0.30, 0.40],
    rules=["pre", "post"],
    equity_multiple=[1.0, 1.5, 2.0],
)


def test_every_position_of_the_rule_lever_widget_returns_html(scored):
    from lessons.widgets import Choice

    positions = grid(**{k: Choice(v) for k, v in SUPPLY_CONTROLS.items()})
    assert len(positions) == 30
    for kwargs in positions:
        html = reg.supply_view(scored, **kwargs)
        assert "yuan of loans per yuan of equity" in html and "<table" in html


def test_rule_lever_widget_updates_within_budget_on_the_full_population():
    data = pytest.importorskip("lessons.data")
    full = reg.scored_population(data.synthetic_applicants())
    times = []
    for share in (0.02, 0.30, 0.40):
        start = time.perf_counter()
        reg.supply_view(full, own_share=share, rules="post", equity_multiple=1.0)
        times.append(time.perf_counter() - start)
    assert np.median(times) < 0.4  # budget 0.1 s median; generous margin for a shared machine


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda s: reg.rationing_by_segment(s, 0.0), "served"),
        (lambda s: reg.rationing_by_segment(s, 1.5), "served"),
        (lambda s: reg.implied_cutoff(s["score"], 0.5, base_approval_rate=0.0), "base_approval_rate"),
        (lambda s: reg.supply_view(s, own_share=0.0), "own_share"),
        (lambda s: reg.supply_view(s, own_share=1.2), "own_share"),
        (lambda s: reg.supply_view(s, rules="later"), "rules"),
        (lambda s: reg.supply_view(s, equity_multiple=-1), "equity_multiple"),
        (lambda s: reg.served_share(10, 0), "demand"),
        (lambda s: reg.served_share(-1, 10), "max_book"),
    ],
)
def test_bad_rationing_inputs_raise_a_value_error_naming_the_parameter(scored, call, name):
    with pytest.raises(ValueError, match=name):
        call(scored)


# ---------------------------------------------------------------------------
# Credit reporting
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def views(applicants):
    return reg.visibility_scores(applicants)


def test_visibility_hurts_heavy_multi_lender_borrowers_at_a_fixed_approval_rate(views):
    table = reg.visibility_comparison(views, approval_rate=0.7, heavy=4)
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


REPORTING_CONTROLS = dict(heavy=[2, 3, 4, 5], approval_rate=[0.5, 0.6, 0.7, 0.8])


def test_every_position_of_the_reporting_widget_returns_html(views):
    from lessons.widgets import Choice

    for kwargs in grid(**{k: Choice(v) for k, v in REPORTING_CONTROLS.items()}):
        assert "<table" in reg.reporting_view(views, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"heavy": 0}, "heavy"), ({"approval_rate": 0.0}, "approval_rate"), ({"approval_rate": 1.5}, "approval_rate")],
)
def test_bad_reporting_inputs_raise_a_value_error_naming_the_parameter(views, kwargs, name):
    with pytest.raises(ValueError, match=name):
        reg.visibility_comparison(views, **kwargs)


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def _chapter_pages():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "book" / "regulation"
    return sorted(folder.glob("*.md")) + sorted(folder.glob("*.ipynb"))


def test_every_regulation_page_states_the_date_of_its_legal_facts():
    import re

    pages = _chapter_pages()
    assert {p.name for p in pages} >= {
        "index.md",
        "timeline.ipynb",
        "cost-of-credit.ipynb",
        "credit-supply.ipynb",
        "credit-reporting.ipynb",
    }
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert re.search(r"\*Legal and market facts as of [A-Z][a-z]+ \d{4}\.\*", text), page.name


def test_every_checked_exercise_of_the_chapter_is_registered():
    import re

    from lessons.exercises.regulation import EXERCISES

    registered = {e.id for e in EXERCISES}
    used = set()
    for page in _chapter_pages():
        used |= set(re.findall(r'check\(\\?"([a-z0-9-]+)\\?"', page.read_text(encoding="utf-8")))
    assert used and used <= registered


def test_numbers_quoted_in_the_prose_match_the_models_on_the_default_population():
    """The pages quote a few model results in words; they must still be what the models give."""
    from pathlib import Path

    data = pytest.importorskip("lessons.data")
    folder = Path(__file__).resolve().parents[1] / "book" / "regulation"
    applicants = data.synthetic_applicants()
    table = reg.rationing_by_segment(reg.scored_population(applicants), 0.5)
    thin = table[(table["dimension"] == "Credit record") & table["segment"].str.contains("thin")]["lose_access"].item()
    supply_page = (folder / "credit-supply.ipynb").read_text(encoding="utf-8")
    assert f"Applicants without a credit record lose {100 * thin:.0f} %" in supply_page
    assert f"from {table.attrs['base_cutoff']:.0f} to {table.attrs['cutoff']:.0f} points" in supply_page
    heavy = reg.visibility_comparison(reg.visibility_scores(applicants), approval_rate=0.7, heavy=4).iloc[0]
    drop = 100 * (heavy["approval_before"] - heavy["approval_after"])
    assert f"**{drop:.1f} percentage points**" in (folder / "credit-reporting.ipynb").read_text(encoding="utf-8")
