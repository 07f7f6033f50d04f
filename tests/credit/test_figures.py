"""Tests of lessons.credit.figures: every widget frame returns at every grid point, fast enough for a live slider."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from lessons.credit.cutoffs import approval_by_segment, approval_curve, tradeoff_table
from lessons.credit.figures import (
    cutoff_view,
    plot_outcomes,
    plot_reason_codes,
    plot_review_cuts,
    plot_score_distributions,
    plot_segment_approval,
    plot_tradeoff,
    products_view,
    reasons_view,
    review_view,
    two_stage_view,
    woe_view,
)
from lessons.credit.limits import OUTCOMES, PRODUCT_A, TwoStageSetup
from lessons.credit.platform_model import PlatformModel
from lessons.credit.reviews import REASON_METHODS, example_applicants, reason_codes, reason_reference
from lessons.credit.scorecard import german_candidates
from lessons.widgets import Choice, Slider, grid


def test_woe_widget_returns_at_every_position(german_study):
    candidates = german_candidates()
    assert len(candidates) == 6
    for point in grid(variable=Choice(list(candidates)), bins=Slider(2, 8, step=3, value=5)):
        figure, table = woe_view(german_study.train, point["variable"], point["bins"])
        assert f"Weight of evidence of {point['variable']}" in figure and len(table) >= 2
    with pytest.raises(ValueError, match="variable"):
        woe_view(german_study.train, "shoe_size", 5)


def test_cutoff_widget_returns_at_every_position(study):
    curve = tradeoff_table(study.scores, study.defaults, study.pds, np.arange(480, 661, 5))
    controls = dict(cutoff=Slider(520, 640, step=20, value=560))
    for point in grid(**controls):
        view = cutoff_view(study.scores, curve, study.segments, **point)
        assert f'aria-label="At a cut-off of {point["cutoff"]}' in view and "<svg" in view


def test_two_stage_and_product_widgets_return_at_every_position(two_stage):
    for point in grid(prescreen=Slider(500, 580, step=40, value=540), underwriting=Slider(560, 580, step=20, value=560)):
        html, figure = two_stage_view(two_stage, point["prescreen"], point["underwriting"])
        assert "Invited" in html and 'role="img"' in figure and "aria-label=" in figure
    policies = {"default": (570, 560), "lenient": (550, 540), "strict": (590, 580), "platform": (590, 540), "bank": (550, 580)}
    for point in grid(policy=Choice(policies)):
        html, figure = products_view(two_stage, *point["policy"])
        assert 'role="img"' in figure
        assert html.count("bad rate among holders") == 2 and "Exactly one" in html


def test_the_products_widget_shows_the_cost_of_a_lower_cutoff_as_a_higher_bad_rate(two_stage):
    import re

    def bad_rates(cutoff_a, cutoff_b):
        html, _ = products_view(two_stage, cutoff_a, cutoff_b)
        return [float(x) for x in re.findall(r"bad rate among holders <b>([0-9.]+) %</b>", html)]

    strict, lenient = bad_rates(590, 580), bad_rates(550, 540)
    assert lenient[0] > strict[0] and lenient[1] > strict[1]


def test_review_and_reason_widgets_return_at_every_position(applicants, reviews):
    for point in grid(tightening=Slider(0, 40, step=10, value=20)):
        html, figure = review_view(reviews, **point)
        assert "cuts" in html and 'role="img"' in figure
    examples = example_applicants(applicants, reviews.model, cutoff=PRODUCT_A.cutoff)
    assert len(examples) == 8
    references = {m: reason_reference(reviews.model, applicants, m, cutoff=PRODUCT_A.cutoff) for m in REASON_METHODS}
    for point in grid(profile=Choice(list(examples.index)), method=Choice(list(REASON_METHODS))):
        reference = references[point["method"]]
        html, table = reasons_view(reviews.model, examples, point["profile"], cutoff=PRODUCT_A.cutoff, reference=reference)
        assert len(table) <= 4 and point["profile"] in html
        assert reference.label in html  # the method is stated in the sentence ...
        (points,) = [c for c in table.columns if c.startswith("points lost (")]  # ... and in the table
        assert table[points].is_monotonic_decreasing


def test_the_reason_chart_names_its_method_in_title_and_alt_text(applicants, reviews):
    row = applicants.loc[[7461], list(reviews.model.features)]
    for method in REASON_METHODS:
        table = reason_codes(reviews.model, row, method=method, population=applicants, cutoff=PRODUCT_A.cutoff)
        chart = plot_reason_codes(table, title="Applicant 7461")
        assert table.attrs["reference"] in chart.alt


def test_every_widget_update_is_fast_enough_for_a_live_slider(study, two_stage, reviews, german_study):
    # budget: median <= 100 ms per update on a free machine; generous margin for shared CI
    import statistics

    curve = tradeoff_table(study.scores, study.defaults, study.pds, np.arange(480, 661, 5))
    calls = [
        lambda: cutoff_view(study.scores, curve, study.segments, 560),
        lambda: two_stage_view(two_stage, 540, 560),
        lambda: products_view(two_stage, 570, 560),
        lambda: review_view(reviews, 20),
        lambda: woe_view(german_study.train, "checking_status", 5),
    ]
    for call in calls:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        assert statistics.median(times) < 0.5


# ---------------------------------------------------------------------------
# Wrong kinds of input name the parameter (issue 16)
# ---------------------------------------------------------------------------

_SCORES, _DEFAULTS = [650, 620, 600, 560, 540], [0, 0, 1, 0, 1]
_CURVE = approval_curve([500, 600, 700], [1, 0, 0], [550, 650])
_SEGMENT_TABLE = approval_by_segment([500, 600, 700, 650], ["a", "a", "b", "b"], 620)
_OUTCOME_TABLE = pd.DataFrame([[0.1, 0.2, 0.1, 0.6]], index=["all"], columns=OUTCOMES)
_CUTS = pd.DataFrame({"reduce": [0.2], "close": [0.1], "lines": [100]}, index=["all"])
_MODEL = PlatformModel(("utilisation",), ("utilisation",), (2.0,), -3.0, (0.2,))
_EXAMPLES = pd.DataFrame({"utilisation": [0.9]}, index=["High use"])
_SEGMENTS = pd.DataFrame(
    {"thin_file": ["thin file", "has a record"], "age_band": ["age 18-24", "age 35-44"],
     "business_owner": ["business owner", "employee / other"], "city_tier": ["tier 1", "tier 2"]}
)
_SETUP = TwoStageSetup(None, None, None, np.array([600.0, 500.0]), np.array([620.0, 650.0]), np.array([500.0, 620.0]),
                       np.array([9000.0, 9000.0]), np.array([0.0, 0.0]), _SEGMENTS, np.array([0, 0]))


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: woe_view(pd.DataFrame({"x": ["a", "b"], "default": [0, 1]}), "x", 2, target=["default"]), TypeError, "target"),
        (lambda: plot_score_distributions(_SCORES, _DEFAULTS, cutoff="600"), TypeError, "cutoff"),
        (lambda: plot_score_distributions(_SCORES, _DEFAULTS, title=None), TypeError, "title"),
        (lambda: plot_tradeoff(_CURVE, marker="550"), TypeError, "marker"),
        (lambda: plot_tradeoff(_CURVE, marker=[]), TypeError, "marker"),
        (lambda: plot_segment_approval(_SEGMENT_TABLE, title=5), TypeError, "title"),
        (lambda: plot_segment_approval(_SEGMENT_TABLE, overall=[]), TypeError, "overall"),
        (lambda: plot_outcomes(None, title="Toy"), TypeError, "table"),
        (lambda: plot_outcomes(_OUTCOME_TABLE.drop(columns=OUTCOMES[0]), title="Toy"), ValueError, "table"),
        (lambda: plot_outcomes(_OUTCOME_TABLE, title=None), TypeError, "title"),
        (lambda: plot_outcomes(_OUTCOME_TABLE, title="Toy", categories=5), ValueError, "categories"),
        (lambda: plot_outcomes(_OUTCOME_TABLE, title="Toy", categories="not invited"), ValueError, "categories"),
        (lambda: plot_outcomes(_OUTCOME_TABLE, title="Toy", colors=5), ValueError, "colors"),
        (lambda: plot_outcomes(_OUTCOME_TABLE, title="Toy", colors=("black",)), ValueError, "colors"),
        (lambda: plot_outcomes(_OUTCOME_TABLE, title="Toy", colors=("pink",) * 4), ValueError, "colors"),
        (lambda: two_stage_view(None, 540, 560), TypeError, "setup"),
        (lambda: products_view(None, 570, 560), TypeError, "setup"),
        (lambda: products_view(_SETUP, "high", 560), TypeError, "cutoff_a"),
        (lambda: products_view(_SETUP, 570, None), ValueError, "cutoff_b"),
        (lambda: plot_review_cuts(_CUTS, title=None), TypeError, "title"),
        (lambda: review_view(None, 10), TypeError, "setup"),
        (lambda: plot_reason_codes(reason_codes(_MODEL, _EXAMPLES), title=None), TypeError, "title"),
        (lambda: reasons_view(None, _EXAMPLES, "High use"), TypeError, "model"),
        (lambda: reasons_view(_MODEL, None, "High use"), TypeError, "examples"),
        (lambda: reasons_view(_MODEL, [], "High use"), TypeError, "examples"),
        (lambda: reasons_view(_MODEL, _EXAMPLES, "High use", cutoff="high"), TypeError, "cutoff"),
        (lambda: reasons_view(_MODEL, _EXAMPLES, "High use", reference="near_cutoff"), TypeError, "reference"),
    ],
)
def test_a_wrong_kind_of_figure_or_widget_input_names_the_parameter(call, error, name):
    with pytest.raises(error, match=name):
        call()
