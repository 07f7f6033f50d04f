"""Interactive views that also work in the static book, with no kernel.

A widget in this course is a pure function (in a chapter module) plus a thin
view made by :func:`explore`::

    explore(
        lambda cutoff: credit.plot_tradeoff(curve, marker=cutoff),
        cutoff=Slider(450, 750, step=25, value=600, label="Cut-off score"),
    )

``explore`` builds one of two views from the same call:

live
    Ordinary ipywidgets controls; every move calls the function again and shows
    the new result. Needs a running kernel (JupyterLab, Notebook, VS Code,
    Colab, JupyterHub).
static
    The function is called once for every point of the controls' grid before
    the page is shown. The results ("frames") go into an ``ipywidgets.Stack``
    and each control is ``jslink``-ed to the stack's ``selected_index``, so the
    browser switches frames by itself. The executed notebook stores the widget
    state, the built book embeds it, and the page responds with no kernel.
    With two or more controls the stacks are nested: control 1 picks a child of
    the outer stack, control 2 picks a child of each inner stack, and so on —
    the same as indexing the flattened grid ``i1 * n2 + i2``, but done by links
    alone, since a link cannot do arithmetic.

Which view you get:

1. ``explore(..., mode="live")`` or ``mode="static"`` forces it;
2. otherwise the environment variable ``LESSONS_WIDGETS`` (``live`` or ``static``);
3. otherwise ``live`` when a live front end is detected (a kernel started by a
   Jupyter server — JupyterLab, Notebook 7, JupyterHub — or Colab or VS Code),
   and ``static`` anywhere else, including when the book is built. A static
   view also responds in a live notebook, so a wrong guess costs only the
   precomputation time.

No finance lives here.
"""

from __future__ import annotations

import html
import itertools
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from lessons._validation import as_int, as_number, require_one_of

__all__ = ["Slider", "Choice", "explore", "grid", "resolve_mode", "render_frame"]

_MODES = ("live", "static")


@dataclass(frozen=True)
class Slider:
    """A numeric control over an evenly spaced grid ``start, start + step, …, stop``.

    Parameters
    ----------
    start, stop : float
        First and last value (``stop > start``).
    step : float
        Spacing (> 0). In the static view every grid value is one frame.
    value : float, optional
        Initial value (snapped to the grid); defaults to ``start``.
    label : str
        Text shown beside the control.
    fmt : str
        Format for the value labels, e.g. ``"{:.0%}"`` or ``"{:,.0f}"``.

    Examples
    --------
    >>> Slider(450, 750, step=100).values()
    [450, 550, 650, 750]
    >>> Slider(0.0, 0.5, step=0.25, value=0.3).initial_index()
    1
    """

    start: float
    stop: float
    step: float
    value: float | None = None
    label: str = ""
    fmt: str = "{:g}"

    def __post_init__(self) -> None:
        start = as_number("start", self.start)
        stop = as_number("stop", self.stop)
        step = as_number("step", self.step, low=0, low_open=True)
        if stop <= start:
            raise ValueError(f"stop must be greater than start ({start:g}); got {stop:g}")
        if (stop - start) / step > 10_000:
            raise ValueError("step is too small: the slider would have more than 10,000 positions")
        if self.value is not None:
            as_number("value", self.value, low=start, high=stop)

    def values(self) -> list[Any]:
        """Every grid value, as ints when they are all whole numbers."""
        count = int(np.floor((self.stop - self.start) / self.step + 1e-9)) + 1
        grid_values = self.start + self.step * np.arange(count)
        grid_values = np.round(grid_values, 10)
        if all(float(v).is_integer() for v in grid_values) and all(
            float(x).is_integer() for x in (self.start, self.step)
        ):
            return [int(v) for v in grid_values]
        return [float(v) for v in grid_values]

    def labels(self) -> list[str]:
        """Text for each grid value."""
        return [self.fmt.format(v) for v in self.values()]

    def initial_index(self) -> int:
        """Index of the grid value nearest to ``value``."""
        if self.value is None:
            return 0
        return int(np.argmin(np.abs(np.asarray(self.values(), dtype=float) - float(self.value))))


@dataclass(frozen=True)
class Choice:
    """A control that picks one of a few options (a dropdown).

    Parameters
    ----------
    options : sequence or mapping
        The values, or a mapping ``{label: value}`` to show friendlier labels.
    value : optional
        Initial value (must be one of the values); defaults to the first.
    label : str
        Text shown beside the control.

    Examples
    --------
    >>> Choice({"Thin file": "thin_file", "City tier": "city_tier"}).values()
    ['thin_file', 'city_tier']
    >>> Choice([True, False], value=False).initial_index()
    1
    """

    options: Sequence[Any] | Mapping[str, Any]
    value: Any = None
    label: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.options, (str, bytes)) or len(self.options) < 1:
            raise ValueError("options must be a non-empty list of values or a mapping {label: value}")
        if self.value is not None:
            require_one_of("value", self.value, self.values())

    def values(self) -> list[Any]:
        """The option values, in order."""
        if isinstance(self.options, Mapping):
            return list(self.options.values())
        return list(self.options)

    def labels(self) -> list[str]:
        """The option labels, in order."""
        if isinstance(self.options, Mapping):
            return [str(k) for k in self.options.keys()]
        return [str(v) for v in self.options]

    def initial_index(self) -> int:
        """Index of the initial value."""
        if self.value is None:
            return 0
        return self.values().index(self.value)


Control = Slider | Choice


def _check_controls(controls: Mapping[str, Any]) -> dict[str, Control]:
    if not controls:
        raise ValueError("controls: give at least one control, e.g. cutoff=Slider(450, 750, step=25)")
    for name, control in controls.items():
        if not isinstance(control, (Slider, Choice)):
            raise TypeError(f"{name} must be a Slider or a Choice; got {type(control).__name__}")
    return dict(controls)


def grid(**controls: Control) -> list[dict[str, Any]]:
    """Every combination of control values, first control varying slowest.

    Use it in tests to call a widget function at every position.

    Examples
    --------
    >>> grid(a=Slider(0, 1, step=1), b=Choice(["x", "y"]))
    [{'a': 0, 'b': 'x'}, {'a': 0, 'b': 'y'}, {'a': 1, 'b': 'x'}, {'a': 1, 'b': 'y'}]
    """
    checked = _check_controls(controls)
    names = list(checked)
    return [dict(zip(names, combo)) for combo in itertools.product(*(checked[n].values() for n in names))]


def _live_frontend_detected() -> bool:
    """True when this kernel was started by a live Jupyter front end."""
    if "google.colab" in sys.modules:
        return True
    if os.environ.get("JPY_SESSION_NAME"):  # set by jupyter_server for kernels of a session
        return True
    if os.environ.get("VSCODE_PID") or os.environ.get("VSCODE_CWD"):
        return True
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - IPython ships with ipywidgets
        return False
    return bool(shell is not None and shell.user_ns.get("__vsc_ipynb_file__"))


def resolve_mode(mode: str | None = None) -> str:
    """Decide between the ``"live"`` and ``"static"`` views (see the module docstring).

    Examples
    --------
    >>> resolve_mode("static")
    'static'
    >>> resolve_mode("movie")
    Traceback (most recent call last):
    ...
    ValueError: mode must be one of 'live', 'static'; got 'movie'
    """
    if mode is not None:
        return require_one_of("mode", mode, _MODES)
    from_env = os.environ.get("LESSONS_WIDGETS", "").strip().lower()
    if from_env:
        return require_one_of("LESSONS_WIDGETS", from_env, _MODES)
    return "live" if _live_frontend_detected() else "static"


def render_frame(func: Callable[..., Any], kwargs: Mapping[str, Any], *, compact: bool = True) -> str:
    """Call ``func(**kwargs)`` and return its result as HTML.

    A ``ValueError`` from the function (an input the model rejects, e.g. a
    cut-off no applicant passes) becomes a short message, not a traceback.
    ``compact`` makes the smallest PNGs (static frames); live views skip it to redraw faster.

    Examples
    --------
    >>> render_frame(lambda x: f"<b>{x}</b>", {"x": 3})
    '<div class="lessons-frame"><b>3</b></div>'
    >>> def strict(x):
    ...     raise ValueError("x is too large")
    >>> "x is too large" in render_frame(strict, {"x": 9})
    True
    """
    from lessons.plotting import to_html

    try:
        body = to_html(func(**kwargs), compact=compact)
    except ValueError as error:
        body = f'<p class="lessons-widget-message" role="status">{html.escape(str(error))}</p>'
    return f'<div class="lessons-frame">{body}</div>'


def _control_widget(name: str, control: Control, *, static: bool) -> Any:
    import ipywidgets as w

    description = control.label or name
    style = {"description_width": "initial"}
    layout = w.Layout(width="auto", min_width="320px")
    if isinstance(control, Choice):
        options = list(zip(control.labels(), range(len(control.values())))) if static else list(
            zip(control.labels(), control.values())
        )
        widget = w.Dropdown(options=options, description=description, style=style, layout=layout)
        widget.index = control.initial_index()
        return widget
    if static:
        options = list(zip(control.labels(), range(len(control.values()))))
        widget = w.SelectionSlider(
            options=options, description=description, style=style, layout=layout, continuous_update=True
        )
        widget.index = control.initial_index()
        return widget
    values = control.values()
    cls = w.IntSlider if isinstance(values[0], int) else w.FloatSlider
    return cls(
        min=values[0],
        max=values[-1],
        step=control.step,
        value=values[control.initial_index()],
        description=description,
        style=style,
        layout=layout,
        continuous_update=False,
    )


def _static_view(func: Callable[..., Any], controls: dict[str, Control]) -> Any:
    import ipywidgets as w

    names = list(controls)
    widgets = [_control_widget(name, controls[name], static=True) for name in names]
    stacks_by_level: list[list[Any]] = [[] for _ in names]

    def build(level: int, fixed: dict[str, Any]) -> Any:
        name = names[level]
        control = controls[name]
        children = []
        for value in control.values():
            point = {**fixed, name: value}
            if level == len(names) - 1:
                children.append(w.HTML(value=render_frame(func, point)))
            else:
                children.append(build(level + 1, point))
        stack = w.Stack(children=children, selected_index=control.initial_index())
        stacks_by_level[level].append(stack)
        return stack

    root = build(0, {})
    links = [
        w.jslink((control_widget, "index"), (stack, "selected_index"))
        for control_widget, stacks in zip(widgets, stacks_by_level)
        for stack in stacks
    ]
    view = w.VBox([*widgets, root])
    view.links = tuple(links)  # the browser-side links, kept with the view (and inspected by the tests)
    view.add_class("lessons-widget")
    view.add_class("lessons-widget-static")
    return view


def _live_view(func: Callable[..., Any], controls: dict[str, Control]) -> Any:
    import ipywidgets as w

    names = list(controls)
    widgets = {name: _control_widget(name, controls[name], static=False) for name in names}
    output = w.HTML()

    def current() -> dict[str, Any]:
        return {name: widgets[name].value for name in names}

    def update(_change: Any = None) -> None:
        output.value = render_frame(func, current(), compact=False)

    for widget in widgets.values():
        widget.observe(update, names="value")
    update()
    view = w.VBox([*widgets.values(), output])
    view.add_class("lessons-widget")
    view.add_class("lessons-widget-live")
    return view


def explore(
    func: Callable[..., Any],
    *,
    mode: str | None = None,
    max_frames: int = 40,
    **controls: Control,
) -> Any:
    """Show ``func`` with one control per keyword argument; live or static.

    Parameters
    ----------
    func : callable
        Called as ``func(**values)``; returns a :class:`lessons.plotting.Chart`,
        a matplotlib Figure, a DataFrame, an HTML string or a list of these.
    mode : {"live", "static"}, optional
        Force a view; by default chosen as described in the module docstring.
    max_frames : int
        Largest static grid allowed (1 to 200). Every frame is stored in the
        page, so keep grids small.
    **controls : Slider or Choice
        One control per argument of ``func``.

    Returns
    -------
    ipywidgets.VBox
        The controls above the output; CSS class ``lessons-widget``.

    Examples
    --------
    >>> view = explore(lambda n: f"<p>{n} applicants</p>", n=Slider(1, 3, step=1), mode="static")
    >>> len(view.children[-1].children)
    3
    """
    if not callable(func):
        raise TypeError(f"func must be callable; got {type(func).__name__}")
    checked = _check_controls(controls)
    max_frames = as_int("max_frames", max_frames, low=1, high=200)
    chosen = resolve_mode(mode)
    if chosen == "live":
        return _live_view(func, checked)
    sizes = [len(c.values()) for c in checked.values()]
    frames = int(np.prod(sizes))
    if frames > max_frames:
        shape = " x ".join(f"{n} ({size})" for n, size in zip(checked, sizes))
        raise ValueError(
            f"max_frames is {max_frames} but the controls' grid has {frames} frames ({shape}); "
            "use a coarser step or fewer options, or raise max_frames if the page stays under its size budget"
        )
    return _static_view(func, checked)
