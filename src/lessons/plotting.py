"""One figure style for the whole course, and figures that carry their own alt text.

Every figure in the book is made with :func:`subplots` (a colour-blind-safe style,
readable in print) and handed to the reader through :func:`chart`, which pairs
the figure with alt text and a caption. A :class:`Chart` shows itself in Jupyter
(JupyterLab, Notebook, VS Code, Colab) and in the built book as an HTML
``<figure>``: a PNG with its ``alt`` attribute and a ``<figcaption>``. Widgets in
:mod:`lessons.widgets` use the same HTML for their frames.

Widget frames that are redrawn often are written as inline SVG instead
(:func:`svg_figure`, :func:`svg_hbars`): the same ``<figure>`` with alt text,
drawn in about a millisecond rather than a tenth of a second.

Figures are made with :class:`matplotlib.figure.Figure` directly, not through
``pyplot``, so nothing is registered globally and no figure is shown twice.

No finance lives here; chapter modules own their plot functions.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lessons._validation import as_int, as_number, require_one_of

if TYPE_CHECKING:  # pragma: no cover - imported for type hints only
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PALETTE", "CYCLE", "STYLE", "subplots", "chart", "Chart", "pct", "to_html", "styled",
    "svg_escape", "svg_fill", "svg_figure", "svg_hbars",
]

#: Okabe–Ito palette: distinguishable with the common colour-vision deficiencies
#: and in greyscale print when paired with the line styles and markers below.
PALETTE: Mapping[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}

#: Default order of series colours (the darkest and most distinct first).
CYCLE: tuple[str, ...] = ("blue", "orange", "green", "vermillion", "sky", "purple", "black", "yellow")

#: Matplotlib settings applied while a course figure is made and rendered.
STYLE: Mapping[str, Any] = {
    "axes.prop_cycle": None,  # filled lazily with the palette (needs matplotlib's cycler)
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "font.family": ["DejaVu Sans", "sans-serif"],
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}

_DEFAULT_DPI = 96


def _rc() -> dict[str, Any]:
    from cycler import cycler

    settings = dict(STYLE)
    settings["axes.prop_cycle"] = cycler(color=[PALETTE[name] for name in CYCLE])
    return settings


@contextmanager
def styled() -> Iterator[None]:
    """Apply the course style for the duration of a ``with`` block.

    Examples
    --------
    >>> with styled():
    ...     pass
    """
    import matplotlib

    with matplotlib.rc_context(_rc()):
        yield


def subplots(
    nrows: int = 1,
    ncols: int = 1,
    *,
    width: float = 7.0,
    height: float = 3.6,
    **kwargs: Any,
) -> tuple[Figure, Axes | Any]:
    """Create a styled figure and its axes without touching ``pyplot``.

    Parameters
    ----------
    nrows, ncols : int
        Grid of axes (1 to 4 each).
    width, height : float
        Figure size in inches (1 to 16 each).
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.subplots` (e.g. ``sharey=True``).

    Returns
    -------
    (Figure, Axes or array of Axes)

    Examples
    --------
    >>> fig, ax = subplots()
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> fig.get_size_inches().tolist()
    [7.0, 3.6]
    """
    from matplotlib.figure import Figure

    nrows = as_int("nrows", nrows, low=1, high=4)
    ncols = as_int("ncols", ncols, low=1, high=4)
    width = as_number("width", width, low=1, high=16)
    height = as_number("height", height, low=1, high=16)
    with styled():
        figure = Figure(figsize=(width, height), layout="constrained")
        axes = figure.subplots(nrows, ncols, **kwargs)
    return figure, axes


def _png_bytes(figure: Figure, dpi: int, compact: bool = True) -> bytes:
    """Render a figure to PNG; ``compact`` palette-quantises it (~3x smaller, same look, slower)."""
    from PIL import Image

    buffer = io.BytesIO()
    with styled():
        figure.savefig(buffer, format="png", dpi=dpi)
    if not compact:
        return buffer.getvalue()
    buffer.seek(0)
    image = Image.open(buffer).convert("RGB")
    quantised = image.quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    quantised.save(out, format="PNG", optimize=True)
    return out.getvalue()


@dataclass(frozen=True)
class Chart:
    """A figure with the alt text and caption that make it readable for everyone.

    Create it with :func:`chart`. In Jupyter it displays itself as HTML; in a
    widget it becomes one frame. ``to_html()`` gives the ``<figure>`` markup.
    """

    figure: Figure
    alt: str
    caption: str | None = None
    dpi: int = _DEFAULT_DPI
    _cache: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def png(self, compact: bool = True) -> bytes:
        """The figure as PNG bytes; ``compact=False`` skips the size reduction (for live views)."""
        return _png_bytes(self.figure, self.dpi, compact)

    def to_html(self, compact: bool = True) -> str:
        """The figure as an HTML ``<figure>`` with an inline PNG, alt text and caption.

        ``compact`` (the default) makes the smallest PNG, for pages that store many frames; a
        live widget passes ``compact=False`` to redraw faster.
        """
        key = f"html-{compact}"
        if key not in self._cache:
            data = base64.b64encode(self.png(compact)).decode("ascii")
            caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
            self._cache[key] = (
                '<figure class="lessons-chart" style="margin:0.5em 0">'
                f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" '
                'style="max-width:100%;height:auto">'
                f"{caption}</figure>"
            )
        return self._cache[key]

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"text/html": self.to_html(), "text/plain": f"Chart: {self.alt}"}


def chart(figure: Figure, alt: str, caption: str | None = None, *, dpi: int = _DEFAULT_DPI) -> Chart:
    """Pair a figure with alt text (what it shows, with numbers) and a caption.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        Usually from :func:`subplots`.
    alt : str
        What the figure shows, for readers who cannot see it: the trend and the
        key numbers ("Approval rate falls from 92 % to 40 % as the cut-off rises
        from 450 to 750"), not "Figure 1".
    caption : str, optional
        One sentence under the figure.
    dpi : int
        Resolution of the PNG (50 to 200).

    Returns
    -------
    Chart

    Examples
    --------
    >>> fig, ax = subplots(width=4, height=3)
    >>> _ = ax.bar(["A", "B"], [3, 5])
    >>> c = chart(fig, alt="Group B (5) is larger than group A (3).", caption="Two groups.")
    >>> c.to_html().startswith('<figure class="lessons-chart"')
    True
    >>> 'alt="Group B (5) is larger than group A (3)."' in c.to_html()
    True
    """
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure; got {type(figure).__name__}")
    if not isinstance(alt, str) or len(alt.strip()) < 10:
        raise ValueError("alt must describe what the figure shows in at least 10 characters; got " + repr(alt))
    if caption is not None and not isinstance(caption, str):
        raise TypeError(f"caption must be a string or None; got {type(caption).__name__}")
    dpi = as_int("dpi", dpi, low=50, high=200)
    return Chart(figure=figure, alt=alt.strip(), caption=caption, dpi=dpi)


def pct(value: float, digits: int = 1) -> str:
    """Format a share as a percentage with a thin space, as the book writes them.

    Examples
    --------
    >>> pct(0.1234)
    '12.3 %'
    >>> pct(0.5, digits=0)
    '50 %'
    """
    value = as_number("value", value)
    digits = as_int("digits", digits, low=0, high=6)
    return f"{100 * value:.{digits}f} %"


def to_html(content: Any, *, compact: bool = True) -> str:
    """Turn what a widget function returns into HTML (``compact``: smallest PNGs, see :meth:`Chart.to_html`).

    Accepts a :class:`Chart`, a matplotlib ``Figure`` (alt text taken from its
    axes titles), a pandas ``DataFrame`` or ``Styler``, an HTML string, or a list
    or tuple of these (shown one after another).

    Examples
    --------
    >>> import pandas as pd
    >>> to_html(pd.DataFrame({"a": [1]})).startswith("<table")
    True
    >>> to_html("<p>hi</p>")
    '<p>hi</p>'
    """
    import pandas as pd
    from matplotlib.figure import Figure

    if isinstance(content, Chart):
        return content.to_html(compact)
    if isinstance(content, Figure):
        titles = [ax.get_title() for ax in content.get_axes() if ax.get_title()]
        suptitle = content.get_suptitle() if hasattr(content, "get_suptitle") else ""
        alt = "; ".join([t for t in [suptitle, *titles] if t]) or "Chart produced by the widget"
        return chart(content, alt=alt).to_html(compact)
    if isinstance(content, pd.DataFrame):
        return content.to_html(classes="lessons-table", border=0, float_format=lambda x: f"{x:,.3g}")
    if hasattr(content, "to_html") and type(content).__name__ == "Styler":
        return content.to_html()
    if isinstance(content, str):
        return content
    if isinstance(content, (list, tuple)):
        return "".join(to_html(item, compact=compact) for item in content)
    raise TypeError(
        "a widget function must return a Chart, a matplotlib Figure, a DataFrame, an HTML string "
        f"or a list of these; got {type(content).__name__}"
    )


# --- Inline SVG charts for widget frames -------------------------------------
#
# A widget redraws on every move of a control (live) or once per grid point
# (static). A matplotlib PNG costs roughly 100-450 ms to draw on a small machine;
# the bar charts below are written directly as inline SVG in about a
# millisecond, print crisply, carry their alt text (role="img", aria-label,
# <title>) and load nothing from anywhere. The one-off figures of the pages stay
# matplotlib Charts.

_SVG_FONT = "font-family:DejaVu Sans,Arial,sans-serif"
_LIGHT_TEXT_ON = ("black", "blue", "green", "vermillion", "purple")
#: Tick steps for share axes: the smallest that needs at most five intervals is used.
_SHARE_STEPS = (0.001, 0.002, 0.0025, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 1e2, 1e3, 1e4, 1e5, 1e6)


def svg_escape(text: Any) -> str:
    """Escape any value for use as SVG/HTML text or attribute.

    Examples
    --------
    >>> svg_escape('A & "B"')
    'A &amp; &quot;B&quot;'
    """
    return html.escape(str(text), quote=True)


def _svg_patterns(prefix: str, used: str) -> str:
    """Pattern definitions (stripes, dots) for the colours that ``used`` refers to, with ids unique to one figure.

    Each figure carries its own definitions under its own ids: a static widget
    keeps many figures on one page, most of them hidden, and a pattern defined
    in a hidden SVG does not paint in another one.
    """
    defs = []
    for key, color in PALETTE.items():
        if f"#{prefix}stripe-{key})" in used:
            defs.append(
                f'<pattern id="{prefix}stripe-{key}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                f'<rect width="6" height="6" fill="{color}"/><line x1="0" y1="0" x2="0" y2="6" stroke="white" stroke-width="2"/></pattern>'
            )
        if f"#{prefix}dots-{key})" in used:
            defs.append(
                f'<pattern id="{prefix}dots-{key}" width="6" height="6" patternUnits="userSpaceOnUse">'
                f'<rect width="6" height="6" fill="{color}"/><circle cx="3" cy="3" r="1.2" fill="white"/></pattern>'
            )
    return "<defs>" + "".join(defs) + "</defs>" if defs else ""


def svg_fill(color: str, pattern: str | None = None) -> str:
    """SVG ``fill`` value for a palette colour, optionally overlaid with a pattern.

    Patterns (``"stripe"`` or ``"dots"``) tell series apart without colour; the
    definitions are added by :func:`svg_figure`.

    Parameters
    ----------
    color : str
        A key of :data:`PALETTE`.
    pattern : {None, "stripe", "dots"}
        Overlay pattern.

    Examples
    --------
    >>> svg_fill("blue")
    '#0072B2'
    >>> svg_fill("blue", "stripe")
    'url(#lessons-stripe-blue)'
    >>> svg_fill("pink")
    Traceback (most recent call last):
    ...
    ValueError: color must be one of 'black', 'orange', 'sky', 'green', 'yellow', 'blue', 'vermillion', 'purple', 'grey'; got 'pink'
    """
    color = require_one_of("color", color, list(PALETTE))
    if pattern is None:
        return PALETTE[color]
    pattern = require_one_of("pattern", pattern, ["stripe", "dots"])
    return f"url(#lessons-{pattern}-{color})"


def svg_figure(body: str, *, width: float, height: float, alt: str, caption: str | None = None) -> str:
    """Wrap SVG elements in an HTML ``<figure>`` with alt text and caption (same class as a :class:`Chart`).

    Parameters
    ----------
    body : str
        SVG elements drawn in a ``width`` × ``height`` coordinate box.
    width, height : float
        Size of the drawing in CSS pixels; the figure scales down on narrow screens.
    alt : str
        What the figure shows, with its key numbers (read by screen readers).
    caption : str, optional
        One sentence under the figure.

    Returns
    -------
    str
        HTML that a widget frame or a notebook cell can show.

    Examples
    --------
    >>> html_ = svg_figure('<rect width="10" height="5"/>', width=100, height=50, alt="A bar.", caption="Toy.")
    >>> html_.startswith('<figure class="lessons-chart lessons-svg"') and 'aria-label="A bar."' in html_
    True
    """
    import hashlib

    width = as_number("width", width, low=1, high=5_000)
    height = as_number("height", height, low=1, high=5_000)
    title = svg_escape(alt)
    caption_html = f"<figcaption>{svg_escape(caption)}</figcaption>" if caption else ""
    prefix = "l" + hashlib.sha1((alt + body).encode("utf-8")).hexdigest()[:10] + "-"
    body = body.replace("url(#lessons-", f"url(#{prefix}")
    return (
        '<figure class="lessons-chart lessons-svg" style="margin:0.5em 0">'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{title}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'style="max-width:100%;height:auto;{_SVG_FONT}" width="{width:.0f}" height="{height:.0f}">'
        f"<title>{title}</title>{_svg_patterns(prefix, body)}{body}</svg>{caption_html}</figure>"
    )


def _share_label(value: float) -> str:
    return pct(value) if math.isfinite(value) else "n/a"


def svg_hbars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str, str | None]],
    *,
    x0: float,
    y0: float,
    width: float,
    row: float = 24.0,
    label_width: float = 150.0,
    xmax: float = 1.0,
    reference: float | None = None,
    xlabel: str = "",
    title: str = "",
    show_values: bool = True,
    legend: bool = True,
) -> tuple[str, float]:
    """Horizontal bars of shares (stacked when there are several series) as SVG elements.

    Parameters
    ----------
    labels : sequence of str
        One label per bar, top to bottom.
    series : sequence of (name, values, colour, pattern)
        Each series gives one value (a share) per label; ``colour`` is a key of
        :data:`PALETTE` and ``pattern`` ``None``, ``"stripe"`` or ``"dots"``.
        Several series are stacked left to right.
    x0, y0, width : float
        Where the chart sits inside the figure and how wide it is.
    row : float
        Height of one bar's row.
    label_width : float
        Room for the labels on the left.
    xmax : float
        Largest share the axis must reach; it is rounded up to a tick (ticks are
        labelled as percentages).
    reference : float, optional
        A dashed vertical line (for example the overall rate).
    xlabel, title : str
        Axis label under the bars and bold title above them.
    show_values : bool
        Print each bar's value.
    legend : bool
        Show a legend when there is more than one series.

    Returns
    -------
    (str, float)
        The SVG elements and the height they use; wrap them with :func:`svg_figure`.

    Examples
    --------
    >>> body, used = svg_hbars(["young", "old"], [("approved", [0.4, 0.8], "blue", None)], x0=0, y0=0, width=400)
    >>> body.count("<rect"), "80.0 %" in body
    (2, True)
    >>> svg_hbars(["a"], [("x", [0.1, 0.2], "blue", None)], x0=0, y0=0, width=400)
    Traceback (most recent call last):
    ...
    ValueError: series 'x' must have one value per label (1); got 2
    """
    import numpy as np

    for name, values, _, _ in series:
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} must have one value per label ({len(labels)}); got {len(values)}")
    xmax = as_number("xmax", xmax, low=1e-6, high=1e6)
    step = next(s for s in _SHARE_STEPS if xmax / s <= 5.0001)
    ticks = np.arange(0, int(math.ceil(xmax / step - 1e-9)) + 1) * step
    xmax = float(ticks[-1])
    parts = []
    top = y0 + (22 if title else 4)
    if title:
        parts.append(f'<text x="{x0 + width / 2:.1f}" y="{y0 + 14:.1f}" font-size="13" font-weight="bold" text-anchor="middle">{svg_escape(title)}</text>')
    plot_x = x0 + label_width
    plot_w = width - label_width - 40
    scale = plot_w / xmax
    n = len(labels)
    for t in ticks:
        x = plot_x + t * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + n * row:.1f}" stroke="#dddddd" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{top + n * row + 14:.1f}" font-size="10" text-anchor="middle">{100 * t:g} %</text>')
    for i, label in enumerate(labels):
        y = top + i * row
        parts.append(f'<text x="{plot_x - 6:.1f}" y="{y + row / 2 + 4:.1f}" font-size="11" text-anchor="end">{svg_escape(label)}</text>')
        left = 0.0
        for name, values, color, pattern in series:
            v = float(values[i]) if np.isfinite(values[i]) else 0.0
            if v > 0:
                parts.append(
                    f'<rect x="{plot_x + left * scale:.1f}" y="{y + 3:.1f}" width="{v * scale:.1f}" height="{row - 6:.1f}" '
                    f'fill="{svg_fill(color, pattern)}" stroke="white" stroke-width="0.5"><title>{svg_escape(label)}: {svg_escape(name)} {_share_label(v)}</title></rect>'
                )
                if show_values and len(series) > 1 and v * scale >= 30:
                    fg = "white" if color in _LIGHT_TEXT_ON else "black"
                    parts.append(
                        f'<text x="{plot_x + (left + v / 2) * scale:.1f}" y="{y + row / 2 + 4:.1f}" font-size="10" font-weight="bold" '
                        f'text-anchor="middle" fill="{fg}" stroke="{PALETTE[color]}" stroke-width="2.5" paint-order="stroke">{100 * v:.0f}%</text>'
                    )
            left += v
        if show_values and (len(series) == 1 or left < 0.93 * xmax):
            parts.append(f'<text x="{plot_x + left * scale + 4:.1f}" y="{y + row / 2 + 4:.1f}" font-size="10">{_share_label(left)}</text>')
    if reference is not None and math.isfinite(reference):
        x = plot_x + reference * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 2:.1f}" x2="{x:.1f}" y2="{top + n * row + 2:.1f}" stroke="black" stroke-width="1.2" stroke-dasharray="4 3"/>')
    bottom = top + n * row + 18
    if xlabel:
        parts.append(f'<text x="{plot_x + plot_w / 2:.1f}" y="{bottom + 12:.1f}" font-size="11" text-anchor="middle">{svg_escape(xlabel)}</text>')
        bottom += 16
    if legend and len(series) > 1:
        lx = x0 + 10
        ly = bottom + 8
        for name, _, color, pattern in series:
            w = 22 + 6.5 * len(name)
            if lx + w > x0 + width:
                lx, ly = x0 + 10, ly + 18
            parts.append(f'<rect x="{lx:.1f}" y="{ly:.1f}" width="14" height="11" fill="{svg_fill(color, pattern)}" stroke="#555" stroke-width="0.5"/>')
            parts.append(f'<text x="{lx + 18:.1f}" y="{ly + 10:.1f}" font-size="11">{svg_escape(name)}</text>')
            lx += w
        bottom = ly + 18
    return "".join(parts), bottom - y0
