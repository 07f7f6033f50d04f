"""Tests of lessons.remedies.figures: every grid point of every page's widget, the policy-space chart."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from _remedies_fixtures import page_study, platform_model, population, small_lab, small_study

from lessons import credit
from lessons.remedies import figures, lab
from lessons.remedies.notice import notice_tradeoff
from lessons.remedies.platform_data import DATA_SOURCE_LABELS
from lessons.widgets import Choice, Slider, grid

# ---------------------------------------------------------------------------
# Widgets: every grid point of every page's widget runs without a traceback
# ---------------------------------------------------------------------------


RECOURSE_CONTROLS = dict(
    profile=Choice(list(credit.EXAMPLE_PROFILES)),
    cutoff=Slider(550, 590, step=20, value=570),
)
DATA_CONTROLS = dict(
    source=Choice({v: k for k, v in DATA_SOURCE_LABELS.items()}),
    cutoff=Slider(540, 620, step=20, value=580),
)
NOTICE_CONTROLS = dict(
    channels=Choice(["none", "half the shops"]),
    notice=Slider(0, 90, step=30, value=30),
    step_down=Slider(0, 60, step=30, value=0),
)
POLICY_CONTROLS = dict(
    rules=Choice({lab.POLICY_RULE_LABELS[k]: k for k in lab.WIDGET_RULES}),
    cutoff=Slider(550, 590, step=20, value=570),
    alt_data=Choice({"Bureau data only": False, "Bureau + platform data": True}),
    notice=Choice({"Sudden cuts": 0, "60 days' notice": 60}),
)


def _run_grid(func, controls) -> list[float]:
    from lessons.widgets import render_frame

    times = []
    for point in grid(**controls):
        start = time.perf_counter()
        html = render_frame(func, point)
        times.append(time.perf_counter() - start)
        assert "Traceback" not in html
    return times


def test_every_position_of_the_recourse_widget_gives_a_plan_or_a_message_within_the_budget():
    examples = credit.example_applicants(population(), platform_model(), cutoff=570)
    times = _run_grid(lambda profile, cutoff: figures.recourse_view(platform_model(), examples, profile, cutoff), RECOURSE_CONTROLS)
    assert np.median(times) < 0.1


def test_every_position_of_the_data_widget_renders_within_the_budget():
    times = _run_grid(lambda source, cutoff: figures.data_view(page_study(), source, cutoff), DATA_CONTROLS)
    assert np.median(times) < 0.1


def test_every_position_of_the_notice_widget_renders_within_the_budget():
    tables = {
        "none": notice_tradeoff((0, 30, 60, 90), (0, 30, 60), n_shops=100, replace_share=0.0),
        "half the shops": notice_tradeoff((0, 30, 60, 90), (0, 30, 60), n_shops=100),
    }
    times = _run_grid(lambda channels, notice, step_down: figures.notice_view(tables, channels, notice, step_down), NOTICE_CONTROLS)
    assert np.median(times) < 0.1


def test_every_position_of_the_policy_lab_renders_within_the_budget():
    times = _run_grid(lambda rules, cutoff, alt_data, notice: figures.policy_view(small_lab(), rules, cutoff, alt_data, notice), POLICY_CONTROLS)
    assert len(times) <= 36
    assert np.median(times) < 0.1


def test_policy_scenarios_and_the_policy_space_chart_cover_every_lever():
    table = lab.policy_scenarios(small_lab())
    assert list(table.columns) == list(lab.POLICY_SCENARIOS)
    chart_ = figures.plot_policy_space(small_lab())
    assert f"{len(lab.POLICY_RULES) * 2 * 2 * 3} in all" in chart_.alt


def test_the_notice_chart_and_widget_show_the_monte_carlo_error():
    table = notice_tradeoff((0, 30, 60), (0,), n_shops=100)
    chart_ = figures.plot_notice_tradeoff(table)
    assert "±" in chart_.alt and "95 % Monte Carlo" in chart_.caption
    html = figures.notice_view({"half": table}, "half", 30, 0)
    assert "±" in html


def test_the_german_fairness_chart_states_every_group_with_its_interval():
    from lessons.remedies.platform_data import german_fairness

    table = german_fairness()
    chart_ = figures.plot_german_fairness(table)
    for group in table.index.get_level_values("group"):
        assert group in chart_.alt
    assert "mixes the sexes" in chart_.caption


@pytest.mark.parametrize(
    "kwargs, text",
    [
        ({"percent": True}, "42 ± 3 %"),
        ({"points": True, "interval": True}, "pp (95 % interval"),
        ({"unit": " shops"}, " shops"),
    ],
)
def test_estimate_text_rounds_to_the_digits_that_are_real(kwargs, text):
    from lessons.montecarlo import proportion_estimate

    assert text in figures.estimate_text(proportion_estimate(418, 1_000), **kwargs)


def test_estimate_text_uses_a_true_minus_and_rounds_left_of_the_point():
    from lessons.montecarlo import Estimate

    assert figures.estimate_text(Estimate(-174.2, 75.4, -322.0, -26.4, 0.95, 1_000), unit=" RMB") == "−170 ± 150 RMB"
    with pytest.raises(TypeError, match="estimate"):
        figures.estimate_text(0.5)


# ---------------------------------------------------------------------------
# Arguments of the wrong kind (issue 16): a clear error that names the parameter, never an AttributeError
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [None, 5, "bureau", [1, 2]])
def test_metrics_table_rejects_rows_that_are_not_a_mapping(rows):
    with pytest.raises(ValueError, match="^rows must be a mapping of column name -> data_metrics Series"):
        figures.metrics_table(rows)


def test_metrics_table_names_a_column_that_is_not_a_metrics_series():
    with pytest.raises(ValueError, match=r"^rows\['A'\] must be a pandas Series"):
        figures.metrics_table({"A": 0.5})


def test_plot_group_approval_checks_its_cutoff_and_names_its_reference():
    with pytest.raises(TypeError, match="^cutoff must be a number in"):
        figures.plot_group_approval(small_study(), "bureau + platform", None)
    with pytest.raises(ValueError, match="^cutoff must be a number in"):
        figures.plot_group_approval(small_study(), "bureau + platform", 1000)
    with pytest.raises(ValueError, match="^reference must be one of"):
        figures.plot_group_approval(small_study(), "bureau", 570, reference="social network")


NOTICE_TABLE = pd.DataFrame({"notice_days": [0, 60], "step_down_days": [0, 0], "shortfall_probability": [0.5, 0.3],
                             "extra_expected_loss": [0.0, 200.0], "no_cut_probability": [0.15, 0.15], "escaped_share": [0.0, 0.2]})


@pytest.mark.parametrize(
    "notice, step_down, error, name",
    [([], 0, TypeError, "notice"), (200, 0, ValueError, "notice"), (60, None, TypeError, "step_down"), (60, "0", TypeError, "step_down")],
)
def test_notice_view_names_a_notice_or_step_down_that_is_not_a_number_of_days(notice, step_down, error, name):
    # A list used to end in "Lengths must match to compare", a DataFrame in "Operands are not aligned".
    with pytest.raises(error, match=f"^{name} must be an integer in \\[0, 120\\]"):
        figures.notice_view({"none": NOTICE_TABLE}, "none", notice, step_down)


@pytest.mark.parametrize("cutoffs", [None, 570, "570", [], [570, 1000]])
def test_plot_policy_space_rejects_cutoffs_that_are_not_a_list_of_cutoffs(cutoffs):
    with pytest.raises(ValueError, match="^cutoffs must"):
        figures.plot_policy_space(small_lab(), cutoffs)
