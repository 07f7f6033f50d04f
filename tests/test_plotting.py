"""lessons.plotting: styled figures that carry alt text and captions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgb

from lessons.plotting import CYCLE, PALETTE, Chart, chart, pct, subplots, to_html


def test_subplots_returns_a_figure_that_pyplot_does_not_know_about() -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig, axes = subplots(1, 2, width=6, height=3)
    assert len(axes) == 2
    assert plt.get_fignums() == before


def test_the_series_colours_follow_the_colour_blind_safe_palette() -> None:
    fig, ax = subplots()
    lines = [ax.plot([0, 1], [i, i])[0] for i in range(3)]
    assert [to_rgb(line.get_color()) for line in lines] == [to_rgb(PALETTE[n]) for n in CYCLE[:3]]


def test_a_chart_renders_as_a_figure_with_alt_text_caption_and_a_png() -> None:
    fig, ax = subplots(width=3, height=2)
    ax.plot([0, 1], [0, 1])
    html = chart(fig, alt="A rising line from 0 to 1.", caption="A line <b>& more</b>").to_html()
    assert html.startswith('<figure class="lessons-chart"')
    assert 'alt="A rising line from 0 to 1."' in html
    assert "<figcaption>A line &lt;b&gt;&amp; more&lt;/b&gt;</figcaption>" in html
    assert re.search(r'src="data:image/png;base64,[A-Za-z0-9+/=]{100,}"', html)


def test_chart_pngs_are_compact() -> None:
    fig, ax = subplots()
    ax.plot(range(100), [i**0.5 for i in range(100)])
    assert len(chart(fig, alt="A concave curve rising to 10.").png()) < 40_000


def test_a_chart_displays_itself_in_jupyter_as_html() -> None:
    fig, _ = subplots(width=2, height=2)
    bundle = chart(fig, alt="An empty set of axes.")._repr_mimebundle_()
    assert bundle["text/html"].startswith("<figure")
    assert bundle["text/plain"] == "Chart: An empty set of axes."


@pytest.mark.parametrize("alt", ["", "   ", "Figure 1", None])
def test_chart_rejects_missing_or_empty_alt_text(alt: object) -> None:
    fig, _ = subplots()
    with pytest.raises((ValueError, TypeError), match="alt"):
        chart(fig, alt=alt)  # type: ignore[arg-type]


def test_chart_rejects_something_that_is_not_a_figure() -> None:
    with pytest.raises(TypeError, match="figure"):
        chart("not a figure", alt="A description that is long enough.")  # type: ignore[arg-type]


@pytest.mark.parametrize(("kwargs", "name"), [({"nrows": 0}, "nrows"), ({"width": 0.5}, "width"), ({"height": 40}, "height")])
def test_subplots_rejects_impossible_sizes(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        subplots(**kwargs)


@given(st.floats(-10, 10, allow_nan=False), st.integers(0, 4))
@settings(max_examples=50, deadline=None)
def test_pct_shows_the_value_times_one_hundred(value: float, digits: int) -> None:
    text = pct(value, digits)
    assert text.endswith(" %")
    assert float(text[:-2]) == pytest.approx(100 * value, abs=10 ** (-digits))


def test_pct_rejects_nan() -> None:
    with pytest.raises(ValueError, match="value"):
        pct(float("nan"))


def test_to_html_turns_tables_strings_charts_and_lists_into_html() -> None:
    import pandas as pd

    fig, ax = subplots(width=2, height=2)
    ax.set_title("Approval by tier")
    parts = to_html([pd.DataFrame({"x": [1.5]}), "<p>note</p>", fig])
    assert parts.index("<table") < parts.index("<p>note</p>") < parts.index("<figure")
    assert 'alt="Approval by tier"' in parts
    assert isinstance(chart(fig, alt="Approval by tier, one bar."), Chart)


def test_to_html_refuses_what_it_cannot_show() -> None:
    with pytest.raises(TypeError, match="widget function must return"):
        to_html(42)

