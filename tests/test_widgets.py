"""lessons.widgets: one call gives a live view or a kernel-free static twin."""

from __future__ import annotations

import ipywidgets as w
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.plotting import chart, subplots
from lessons.widgets import Choice, Slider, explore, grid, render_frame, resolve_mode


def frame_html(stack: w.Stack, *indices: int) -> str:
    node = stack
    for index in indices:
        node = node.children[index]
    return node.value


def links_of(view: w.Widget) -> tuple:
    return view.links


def test_a_static_view_precomputes_one_frame_per_slider_value() -> None:
    view = explore(lambda n: f"<p>n={n}</p>", n=Slider(1, 4, step=1, value=3), mode="static")
    slider, stack = view.children
    assert isinstance(slider, w.SelectionSlider) and isinstance(stack, w.Stack)
    assert [c.value for c in stack.children] == [f'<div class="lessons-frame"><p>n={n}</p></div>' for n in (1, 2, 3, 4)]
    assert slider.index == stack.selected_index == 2
    assert "lessons-widget-static" in view._dom_classes


def test_the_static_slider_is_linked_in_the_browser_to_the_stack() -> None:
    view = explore(lambda n: f"<p>{n}</p>", n=Slider(0, 2, step=1), mode="static")
    slider, stack = view.children
    links = links_of(view)
    assert len(links) == 1
    assert links[0].source == (slider, "index") and links[0].target == (stack, "selected_index")


def test_two_controls_nest_stacks_so_each_grid_point_has_its_own_frame() -> None:
    view = explore(
        lambda a, b: f"{a}-{b}",
        a=Slider(0, 2, step=1, value=1),
        b=Choice({"x": "x", "y": "y"}, value="y"),
        mode="static",
    )
    slider, dropdown, outer = view.children
    assert len(outer.children) == 3 and all(len(inner.children) == 2 for inner in outer.children)
    assert frame_html(outer, 2, 0) == '<div class="lessons-frame">2-x</div>'
    assert outer.selected_index == 1 and all(inner.selected_index == 1 for inner in outer.children)
    links = links_of(view)
    assert len(links) == 1 + 3  # control a -> outer stack; control b -> each inner stack
    assert sum(link.source[0] is dropdown for link in links) == 3


def test_a_live_view_recomputes_when_the_slider_moves() -> None:
    calls = []

    def func(n: int) -> str:
        calls.append(n)
        return f"<p>{n * 10}</p>"

    view = explore(func, n=Slider(1, 5, step=1, value=2), mode="live")
    slider, output = view.children
    assert isinstance(slider, w.IntSlider)
    assert "<p>20</p>" in output.value
    slider.value = 4
    assert "<p>40</p>" in output.value
    assert calls == [2, 4]


def test_a_live_view_shows_figures_as_charts_with_alt_text() -> None:
    def func(k: float):
        fig, ax = subplots(width=2, height=2)
        ax.plot([0, 1], [0, k])
        return chart(fig, alt=f"A line rising to {k:g}.")

    view = explore(func, k=Slider(0.5, 1.5, step=0.5), mode="live")
    view.children[0].value = 1.5
    assert 'alt="A line rising to 1.5."' in view.children[-1].value


def test_a_value_error_becomes_a_message_in_both_views_not_a_traceback() -> None:
    def func(n: int) -> str:
        if n > 1:
            raise ValueError("n must be at most 1 here")
        return "ok"

    static = explore(func, n=Slider(0, 2, step=1), mode="static")
    assert "n must be at most 1 here" in static.children[1].children[2].value
    live = explore(func, n=Slider(0, 2, step=1), mode="live")
    live.children[0].value = 2
    assert "lessons-widget-message" in live.children[1].value


def test_other_errors_are_not_hidden() -> None:
    with pytest.raises(ZeroDivisionError):
        explore(lambda n: 1 / n, n=Slider(0, 1, step=1), mode="static")


def test_too_many_frames_are_refused_with_advice() -> None:
    with pytest.raises(ValueError, match="max_frames is 40 but the controls' grid has 121 frames"):
        explore(lambda a, b: "", a=Slider(0, 10, step=1), b=Slider(0, 10, step=1), mode="static")


def test_the_mode_comes_from_the_argument_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_mode() == "static"  # a batch kernel (the book build, pytest) gets the static twin
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/student/cutoffs.ipynb")
    assert resolve_mode() == "live"  # a kernel started by a Jupyter server
    monkeypatch.setenv("LESSONS_WIDGETS", "static")
    assert resolve_mode() == "static"
    assert resolve_mode("live") == "live"
    monkeypatch.setenv("LESSONS_WIDGETS", "sometimes")
    with pytest.raises(ValueError, match="LESSONS_WIDGETS"):
        resolve_mode()


@pytest.mark.parametrize(
    ("factory", "match"),
    [
        (lambda: Slider(5, 1, step=1), "stop"),
        (lambda: Slider(0, 1, step=0), "step"),
        (lambda: Slider(0, 1, step=0.5, value=3), "value"),
        (lambda: Choice([]), "options"),
        (lambda: Choice(["a"], value="b"), "value"),
    ],
)
def test_controls_reject_impossible_settings(factory, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        factory()


def test_explore_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="controls"):
        explore(lambda: "")
    with pytest.raises(TypeError, match="func"):
        explore("no", n=Slider(0, 1, step=1))
    with pytest.raises(TypeError, match="n must be a Slider or a Choice"):
        explore(lambda n: "", n=[1, 2])
    with pytest.raises(ValueError, match="mode"):
        explore(lambda n: "", n=Slider(0, 1, step=1), mode="movie")


@given(
    st.integers(-50, 50), st.integers(1, 20), st.integers(1, 6), st.integers(1, 4)
)
@settings(max_examples=60, deadline=None)
def test_the_grid_has_every_combination_once_in_row_major_order(start: int, step: int, n: int, m: int) -> None:
    slider = Slider(start, start + step * (n - 1) if n > 1 else start + step, step=step)
    choice = Choice(list(range(m)))
    points = grid(s=slider, c=choice)
    assert len(points) == len(slider.values()) * m
    assert points[0] == {"s": slider.values()[0], "c": 0}
    assert len({(p["s"], p["c"]) for p in points}) == len(points)


def test_render_frame_wraps_output_for_the_browser_test() -> None:
    assert render_frame(lambda: "<i>x</i>", {}) == '<div class="lessons-frame"><i>x</i></div>'
