"""lessons.svg: light inline-SVG and HTML charts for widget frames."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.plotting import PALETTE
from lessons.svg import html_bars, nice_ticks, svg_escape, svg_figure, svg_fill, svg_hbars, svg_histogram, svg_lines


def test_svg_escape_makes_text_safe_inside_attributes() -> None:
    assert svg_escape('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"
    assert svg_escape(0.5) == "0.5"


def test_svg_fill_gives_palette_colours_and_pattern_references() -> None:
    assert svg_fill("vermillion") == PALETTE["vermillion"]
    assert svg_fill("orange", "dots") == "url(#lessons-dots-orange)"
    with pytest.raises(ValueError, match="pattern must be one of"):
        svg_fill("orange", "zigzag")
    with pytest.raises(ValueError, match="color must be one of"):
        svg_fill("teal")


def test_an_svg_figure_has_alt_text_caption_and_its_own_pattern_definitions() -> None:
    body = f'<rect width="10" height="10" fill="{svg_fill("blue", "stripe")}"/>'
    first = svg_figure(body, width=100, height=40, alt="One striped bar.", caption="Toy & co")
    second = svg_figure(body, width=100, height=40, alt="Another striped bar.")
    assert 'role="img" aria-label="One striped bar."' in first
    assert "<figcaption>Toy &amp; co</figcaption>" in first and "<figcaption>" not in second
    ids = [re.search(r'<pattern id="([^"]+)"', f).group(1) for f in (first, second)]
    assert ids[0] != ids[1]  # a hidden frame's pattern never paints another frame
    assert all(f'fill="url(#{i})"' in f for i, f in zip(ids, (first, second)))
    with pytest.raises(ValueError, match="width"):
        svg_figure(body, width=0, height=40, alt="x")


def test_svg_hbars_stack_series_and_scale_the_axis_to_nice_percentages() -> None:
    body, height = svg_hbars(
        ["a", "b"],
        [("yes", [0.02, 0.05], "blue", None), ("maybe", [0.01, 0.03], "orange", "stripe")],
        x0=0, y0=0, width=400, label_width=100, xmax=0.08, xlabel="share",
    )
    assert body.count("<title>") == 4
    ticks = re.findall(r'text-anchor="middle">([0-9.]+ %)</text>', body)
    assert ticks == ["0 %", "2 %", "4 %", "6 %", "8 %"]
    widths = {t: float(w) for w, t in re.findall(r'width="([0-9.]+)" height="[0-9.]+" fill="[^"]+" stroke="white" stroke-width="0.5"><title>([^<]+)</title>', body)}
    assert widths["b: yes 5.0 %"] == pytest.approx(2.5 * widths["a: yes 2.0 %"], rel=0.02)
    assert height > 2 * 24  # two rows, an axis label and a legend
    with pytest.raises(ValueError, match="one value per label"):
        svg_hbars(["a"], [("yes", [0.1, 0.2], "blue", None)], x0=0, y0=0, width=400)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=8))
def test_svg_hbars_axis_always_reaches_the_largest_bar(values: list[float]) -> None:
    body, _ = svg_hbars([str(i) for i in range(len(values))], [("v", values, "blue", None)], x0=0, y0=0, width=500,
                        label_width=100, xmax=max(max(values), 1e-3))
    ticks = [float(t) for t in re.findall(r'text-anchor="middle">([0-9.]+) %</text>', body)]
    assert ticks[0] == 0 and len(ticks) <= 6
    assert ticks[-1] / 100 >= max(values) - 1e-9


def test_nice_ticks_use_round_steps_and_cover_the_range() -> None:
    assert nice_ticks(0, 0.37).tolist() == [0.0, 0.1, 0.2, 0.3, 0.4]
    assert nice_ticks(0, 364, 8).tolist() == [0.0, 100.0, 200.0, 300.0, 400.0]
    assert nice_ticks(5, 5).tolist() == [5.0, 5.2, 5.4, 5.6, 5.8, 6.0]  # an empty range becomes one unit wide
    with pytest.raises(ValueError, match="count"):
        nice_ticks(0, 1, 1)


@settings(max_examples=200, deadline=None)
@given(st.floats(-1e6, 1e6), st.floats(1e-3, 1e6), st.integers(2, 20))
def test_nice_ticks_always_cover_the_range_with_one_round_step(low: float, span: float, count: int) -> None:
    ticks = nice_ticks(low, low + span, count)
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** np.floor(np.log10(step))
    slack = 1e-6 * step  # rounding noise: a tick that misses the end by a millionth of a step counts as covering it
    assert ticks[0] <= low + slack and ticks[-1] >= low + span - slack
    assert np.allclose(np.diff(ticks), step, rtol=1e-6)
    assert any(np.isclose(mantissa, m) for m in (1, 2, 2.5, 5, 10))
    assert len(ticks) <= count + 1


def test_svg_lines_draw_each_series_an_area_markers_and_a_legend() -> None:
    days = np.arange(5)
    body = svg_lines(
        days, [("cash", [1.0, 2.0, 3.0, 2.0, 1.0], "blue", None), ("line", [0.0, 1.0, 1.0, 0.5, 0.0], "orange", "6 3")],
        area=("unpaid", [0.0, 0.0, 0.5, 0.0, 0.0], "vermillion"), markers=[(2, "Double 11", "purple"), (99, "off the axis", "black")],
        width=400, height=250, xlabel="day", ylabel="RMB thousand",
    )
    assert body.count("<polyline") == 2 and body.count("<polygon") == 1
    assert 'stroke-dasharray="6 3"' in body and "Double 11" in body and "off the axis" not in body
    assert all(name in body for name in (">cash<", ">line<", ">unpaid<"))  # legend entries


def test_svg_lines_label_shares_as_percentages_within_a_fixed_range() -> None:
    body = svg_lines([500, 600], [("approval", [0.9, 0.2], "blue", None)], width=300, height=200, ylim=(0, 1), share=True)
    assert re.findall(r'text-anchor="end">([0-9.]+ %)</text>', body) == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]


def test_svg_lines_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="x must"):
        svg_lines([1, 1], [("a", [0, 1], "blue", None)], width=300, height=200)
    with pytest.raises(ValueError, match="ylim"):
        svg_lines([0, 1], [("a", [0, 1], "blue", None)], width=300, height=200, ylim=(1, 0))
    with pytest.raises(ValueError, match="color"):
        svg_lines([0, 1], [("a", [0, 1], "teal", None)], width=300, height=200)
    with pytest.raises(ValueError, match="at least one line"):
        svg_lines([0, 1], [], width=300, height=200)


def test_svg_histogram_draws_one_bar_per_non_empty_bin_and_checks_its_edges() -> None:
    body = svg_histogram([3, 0, 1], [0, 7, 14, 21], width=300, height=200, title="Shops")
    assert body.count(f'fill="{PALETTE["blue"]}"') == 2
    assert "<title>0 to 7: 3</title>" in body and ">Shops<" in body
    with pytest.raises(ValueError, match="edges"):
        svg_histogram([1, 2], [0, 1], width=300, height=200)
    with pytest.raises(ValueError, match="counts"):
        svg_histogram([1, -2], [0, 1, 2], width=300, height=200)


def test_html_bars_scale_cap_and_escape() -> None:
    html_ = html_bars(
        [("<b>", 0.25, "25 %", "blue"), ("over", 2.0, "200 %", PALETTE["grey"]), ("missing", float("nan"), "n/a", "sky")],
        scale=0.5, caption="A & B",
    )
    assert re.findall(r"width:([0-9.]+)%;min-width", html_) == ["50.0", "100.0", "0.0"]
    assert "&lt;b&gt;" in html_ and "A &amp; B" in html_
    with pytest.raises(ValueError, match="scale"):
        html_bars([("a", 1.0, "1", "blue")], scale=0, caption="")
