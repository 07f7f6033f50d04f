"""Tests for lessons.regulation.figures: every widget position, alt text and update budget."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from lessons.regulation import cost_of_credit, credit_supply, figures, timeline
from lessons.widgets import grid


COST_CONTROLS = dict(
    amount=[2_000, 10_000],
    periods=[3, 6, 12],
    pricing=["quoted", "fee_0.6", "daily_0.03", "daily_0.05"],
)


def test_every_position_of_the_cost_calculator_returns_a_chart_and_a_table_with_both_price_lines():
    from lessons.widgets import Choice

    positions = grid(**{k: Choice(v) for k, v in COST_CONTROLS.items()})
    assert len(positions) == 24
    latest = cost_of_credit.lpr_history()["label"].iloc[-1]
    for kwargs in positions:
        out = figures.cost_view(**kwargs)
        assert "<table" in out and "True APR" in out
        assert f"4 × LPR ({latest})" in out and "24 % line" in out


def test_the_calculator_says_which_side_of_each_line_the_apr_is_on():
    out = figures.cost_view(10_000, 12, "quoted")
    assert "above the 4 × LPR line of 12.0 %" in out and "at or below the 24 % line" in out
    old = figures.cost_view(10_000, 12, "daily_0.05", lpr_label="Apr 2020")
    assert "above the 4 × LPR line of 15.4 %" in old


def test_timeline_figure_alt_text_counts_the_rows():
    chart = figures.plot_timeline()
    assert f"{len(timeline.regulation_timeline())} rules and events" in chart.alt


@pytest.mark.parametrize("category", ["all", *timeline.TIMELINE_CATEGORIES])
def test_every_position_of_the_timeline_filter_returns_a_table(category):
    assert "<table" in figures.timeline_view(category)


SUPPLY_CONTROLS = dict(
    regime=list(credit_supply.REGIMES),
    equity_multiple=[1.0, 1.5, 18.5 / 8, 23 / 8],
)


def test_every_position_of_the_regime_widget_returns_html_with_the_regime_and_its_levers(scored):
    from lessons.widgets import Choice

    positions = grid(**{k: Choice(v) for k, v in SUPPLY_CONTROLS.items()})
    assert len(positions) == 16
    for kwargs in positions:
        html = figures.supply_view(scored, **kwargs)
        regime = credit_supply.REGIMES[kwargs["regime"]]
        assert "yuan of loans per yuan of equity" in html and "<table" in html
        assert regime.status in html and "What kind of number" in html
        assert "illustrative, not calibrated to Ant Group" in html


def test_the_regime_widget_shows_the_draft_as_a_draft_and_equity_doing_nothing_under_facilitation(scored):
    assert "never in force" in figures.supply_view(scored, regime="draft_2020")
    low = figures.supply_view(scored, regime="facilitation", equity_multiple=1.0)
    high = figures.supply_view(scored, regime="facilitation", equity_multiple=23 / 8)
    assert "all of it the banks' money" in low
    assert low.split("the book serves")[1] == high.split("the book serves")[1]


def test_rule_lever_widget_updates_within_budget_on_the_full_population():
    data = pytest.importorskip("lessons.data")
    full = credit_supply.scored_population(data.synthetic_applicants())
    times = []
    for key in ("microlender", "consumer_finance", "facilitation"):
        start = time.perf_counter()
        figures.supply_view(full, regime=key, equity_multiple=1.0)
        times.append(time.perf_counter() - start)
    assert np.median(times) < 0.4  # budget 0.1 s median; generous margin for a shared machine


REPORTING_CONTROLS = dict(heavy=[2, 3, 4, 5], approval_rate=[0.5, 0.6, 0.7, 0.8])


def test_every_position_of_the_reporting_widget_returns_html(views):
    from lessons.widgets import Choice

    for kwargs in grid(**{k: Choice(v) for k, v in REPORTING_CONTROLS.items()}):
        assert "<table" in figures.reporting_view(views, **kwargs)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda s: figures.supply_view(s, own_share=-0.1), "own_share"),
        (lambda s: figures.supply_view(s, own_share=1.2), "own_share"),
        (lambda s: figures.supply_view(s, regime="later"), "regime"),
        (lambda s: figures.supply_view(s, regime=["post"]), "regime"),
        (lambda s: figures.supply_view(s, equity_multiple=-1), "equity_multiple"),
    ],
)
def test_bad_rule_lever_inputs_raise_a_value_error_naming_the_parameter(scored, call, name):
    with pytest.raises(ValueError, match=name):
        call(scored)


# Issue 16: inputs of the wrong kind used to fail inside Python ("The truth value of a DataFrame is ambiguous",
# "argument of type 'int' is not iterable", "replace() should be called on dataclass instances"); each must raise a
# ValueError that names the parameter and says what is allowed.
@pytest.mark.parametrize(
    ("call", "name", "allowed"),
    [
        (lambda: figures.cost_view(pricing=pd.DataFrame()), "pricing", "'quoted', 'fee_0.6'"),
        (lambda: figures.cost_view(pricing=pd.Series(["quoted"])), "pricing", "'quoted', 'fee_0.6'"),
        (lambda: figures.cost_view(pricing=["quoted"]), "pricing", "'quoted', 'fee_0.6'"),
        (lambda: figures.cost_view(lpr_label=pd.DataFrame()), "lpr_label", "'Apr 2020'"),
        (lambda: figures.timeline_view(pd.DataFrame()), "category", "'all', 'rates'"),
        (lambda: figures.timeline_view(np.array(["all"])), "category", "'all', 'rates'"),
        (lambda: figures.percent_view(pd.DataFrame({"rate": [0.1]}), keep=3), "keep", "column name"),
        (lambda: figures.percent_view(pd.DataFrame({"rate": [0.1]}), keep=[["rate"]]), "keep", "column name"),
        (lambda: figures.plot_multiplier_curve(3), "rules", "SupplyRules"),
        (lambda: figures.plot_multiplier_curve("post"), "rules", "SupplyRules"),
        (
            lambda: figures.plot_installment_rates(cost_of_credit.installment_table().assign(nominal_apr="high")),
            "table",
            "numbers",
        ),
        (
            lambda: figures.plot_installment_rates(cost_of_credit.installment_table().assign(flat_rate=np.nan)),
            "table",
            "finite numbers",
        ),
        (
            lambda: figures.plot_timeline(timeline.regulation_timeline().assign(date="soon")),
            "timeline",
            "dates",
        ),
        (
            lambda: figures.plot_timeline(timeline.regulation_timeline().assign(short=np.nan)),
            "timeline",
            "text",
        ),
        (
            lambda: figures.plot_timeline(timeline.regulation_timeline().assign(category="prices")),
            "timeline",
            "'rates', 'lending'",
        ),
    ],
)
def test_inputs_of_the_wrong_kind_raise_a_value_error_naming_the_parameter_and_what_is_allowed(call, name, allowed):
    with pytest.raises(ValueError, match=name) as error:
        call()
    assert allowed in str(error.value)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda s: figures.supply_view(s.assign(score="high")), "scored"),
        (lambda s: figures.plot_rationing(s.assign(score=np.nan), 0.5), "scored"),
    ],
)
def test_scores_that_are_not_numbers_raise_a_value_error_naming_the_frame(scored, call, name):
    with pytest.raises(ValueError, match=name):
        call(scored)


@pytest.mark.parametrize(
    ("column", "value"), [("score_before", "high"), ("other_lenders", None), ("reported_lenders", "two")]
)
def test_reporting_widget_refuses_views_whose_columns_are_not_numbers(views, column, value):
    with pytest.raises(ValueError, match=f"views column '{column}'"):
        figures.reporting_view(views.assign(**{column: value}))


def test_percent_view_keeps_exactly_the_named_column():
    frame = pd.DataFrame({"period": [0.5], "periods": [12.0], "rate": [0.1]})
    out = figures.percent_view(frame, keep="periods")
    assert out["periods"].item() == 12.0
    assert out["period"].item() == "50.00 %" and out["rate"].item() == "10.00 %"


def test_timeline_figure_reads_dates_written_as_text():
    rows = timeline.regulation_timeline()
    as_text = rows.assign(date=rows["date"].dt.strftime("%Y-%m-%d"))
    assert figures.plot_timeline(as_text).alt == figures.plot_timeline(rows).alt
