"""Light inline-SVG and HTML charts for widget frames, with their alt text.

A widget redraws on every move of a control (live) or once per grid point
(static). A matplotlib PNG costs roughly 100-450 ms to draw on a small machine;
the charts here are written directly as inline SVG in about a millisecond,
print crisply, carry their alt text (``role="img"``, ``aria-label``,
``<title>``) and load nothing from anywhere. The one-off figures of the pages
stay matplotlib :class:`~lessons.plotting.Chart` objects (:mod:`lessons.plotting`).

:func:`svg_hbars`, :func:`svg_lines` and :func:`svg_histogram` draw,
:func:`svg_figure` wraps a drawing in a ``<figure>`` with alt text and caption,
:func:`nice_ticks` chooses round axis ticks and :func:`html_bars` draws a bar
chart in plain HTML. Colours are the course's :data:`lessons.plotting.PALETTE`.
No finance lives here.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

from lessons._validation import as_int, as_number, require_one_of
from lessons.plotting import PALETTE, pct

__all__ = ["html_bars", "nice_ticks", "svg_escape", "svg_fill", "svg_figure", "svg_hbars", "svg_lines", "svg_histogram"]

_SVG_FONT = "font-family:DejaVu Sans,Arial,sans-serif"
_LIGHT_TEXT_ON = ("black", "blue", "green", "vermillion", "purple")


def nice_ticks(low: float, high: float, count: int = 6) -> Any:
    """Evenly spaced round tick values (steps of 1, 2, 2.5 or 5 × 10^k) covering ``low`` to ``high``.

    The step is the smallest round one that needs no more than ``count - 1``
    intervals for the range; the first tick is at or below ``low`` and the last
    at or above ``high`` (one extra interval may be needed to get there).

    Parameters
    ----------
    low, high : float
        The range to cover (finite). If ``high <= low`` a range of one above ``low`` is used.
    count : int
        Target number of ticks (2 to 20).

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> nice_ticks(0, 0.37).tolist()
    [0.0, 0.1, 0.2, 0.3, 0.4]
    >>> nice_ticks(480, 660, 8).tolist()
    [450.0, 500.0, 550.0, 600.0, 650.0, 700.0]
    """
    import numpy as np

    low = as_number("low", low)
    high = as_number("high", high)
    count = as_int("count", count, low=2, high=20)
    if high <= low:
        high = low + 1.0
    raw = (high - low) / (count - 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = magnitude * next(m for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw * (1 - 1e-9))
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return np.round(np.arange(first, last + 1) * step, 12)


def _tick_label(value: float, share: bool) -> str:
    return f"{100 * value:g} %" if share else f"{value:,.10g}"


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
    ticks = nice_ticks(0.0, xmax, 6)
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
        parts.append(f'<text x="{x:.1f}" y="{top + n * row + 14:.1f}" font-size="10" text-anchor="middle">{_tick_label(t, True)}</text>')
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


def _svg_frame(
    x0: float, y0: float, width: float, height: float, *, title: str, xlabel: str, ylabel: str, legend: bool
) -> tuple[float, float, float, float, list[str]]:
    """Plot-area edges (left, right, top, bottom) inside a chart's box, and its title and axis labels."""
    left, right = x0 + (58 if ylabel else 44), x0 + width - 12
    top = y0 + (26 if title else 10)
    bottom = y0 + height - 22 - (16 if xlabel else 0) - (20 if legend else 0)
    parts = []
    if title:
        parts.append(f'<text x="{(left + right) / 2:.1f}" y="{y0 + 16:.1f}" font-size="13" font-weight="bold" text-anchor="middle">{svg_escape(title)}</text>')
    if xlabel:
        parts.append(f'<text x="{(left + right) / 2:.1f}" y="{bottom + 32:.1f}" font-size="11" text-anchor="middle">{svg_escape(xlabel)}</text>')
    if ylabel:
        mid = (top + bottom) / 2
        parts.append(f'<text x="{x0 + 12:.1f}" y="{mid:.1f}" font-size="11" text-anchor="middle" transform="rotate(-90 {x0 + 12:.1f} {mid:.1f})">{svg_escape(ylabel)}</text>')
    return left, right, top, bottom, parts


def _svg_axes(
    xticks: Any, yticks: Any, sx: Any, sy: Any, box: tuple[float, float, float, float], *, share: bool
) -> list[str]:
    """Grid lines, axis lines and tick labels for a chart whose scales are ``sx`` and ``sy``."""
    left, right, top, bottom = box
    parts = []
    for t in yticks:
        parts.append(f'<line x1="{left:.1f}" y1="{sy(t):.1f}" x2="{right:.1f}" y2="{sy(t):.1f}" stroke="#dddddd"/>')
        parts.append(f'<text x="{left - 5:.1f}" y="{sy(t) + 3.5:.1f}" font-size="10" text-anchor="end">{_tick_label(t, share)}</text>')
    for t in xticks:
        parts.append(f'<line x1="{sx(t):.1f}" y1="{bottom:.1f}" x2="{sx(t):.1f}" y2="{bottom + 4:.1f}" stroke="black"/>')
        parts.append(f'<text x="{sx(t):.1f}" y="{bottom + 15:.1f}" font-size="10" text-anchor="middle">{_tick_label(t, False)}</text>')
    parts.append(f'<line x1="{left:.1f}" y1="{bottom:.1f}" x2="{right:.1f}" y2="{bottom:.1f}" stroke="black"/>')
    parts.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{bottom:.1f}" stroke="black"/>')
    return parts


def svg_lines(
    x: Sequence[float],
    series: Sequence[tuple[str, Sequence[float], str, str | None]],
    *,
    width: float,
    height: float,
    x0: float = 0.0,
    y0: float = 0.0,
    title: str = "",
    xlabel: str = "",
    ylabel: str = "",
    ylim: tuple[float, float] | None = None,
    share: bool = False,
    area: tuple[str, Sequence[float], str] | None = None,
    markers: Sequence[tuple[float, str, str]] = (),
) -> str:
    """A line chart as SVG elements: lines, an optional shaded area from zero, vertical markers.

    Parameters
    ----------
    x : sequence of float
        Increasing x values shared by all series (at least two).
    series : sequence of (name, values, colour, dash)
        One line each; ``colour`` is a key of :data:`PALETTE`, ``dash`` an SVG
        dash pattern such as ``"6 3"`` or ``None`` for a solid line. Non-finite
        values are left out of the line.
    width, height : float
        Size of the chart's box; ``x0``, ``y0`` place it inside a larger figure.
    title, xlabel, ylabel : str
        Bold title above, axis labels below and to the left.
    ylim : (float, float), optional
        The y range; by default round ticks covering zero and every value.
    share : bool
        Label the y ticks as percentages (values are shares).
    area : (name, values, colour), optional
        Drawn as a filled band from zero, under the lines.
    markers : sequence of (x, label, colour)
        Dashed vertical lines with a short label.

    Returns
    -------
    str
        SVG elements; wrap them with :func:`svg_figure`. A legend is drawn
        under the x axis when there is more than one line or an area.

    Examples
    --------
    >>> body = svg_lines([0, 1, 2], [("cash", [0.0, 1.0, 4.0], "blue", None)], width=300, height=200)
    >>> body.count("<polyline"), ">4<" in body
    (1, True)
    >>> svg_lines([0, 1], [("cash", [0.0], "blue", None)], width=300, height=200)
    Traceback (most recent call last):
    ...
    ValueError: series 'cash' must have one value per x (2); got 1
    """
    import numpy as np

    xs = np.asarray(x, dtype=float)
    if xs.ndim != 1 or xs.size < 2 or not np.all(np.isfinite(xs)) or np.any(np.diff(xs) <= 0):
        raise ValueError("x must hold at least two finite, increasing values")
    named = [(name, np.asarray(values, dtype=float), color, dash) for name, values, color, dash in series]
    if area is not None:
        named_area = (area[0], np.asarray(area[1], dtype=float), area[2])
    for name, values, _, _ in named + ([(named_area[0], named_area[1], None, None)] if area is not None else []):
        if values.shape != xs.shape:
            raise ValueError(f"series {name!r} must have one value per x ({xs.size}); got {values.size}")
    if not named and area is None:
        raise ValueError("series must hold at least one line (or give an area)")
    stacked = np.concatenate([v for _, v, _, _ in named] + ([named_area[1]] if area is not None else []))
    finite = stacked[np.isfinite(stacked)]
    if ylim is None:
        yticks = nice_ticks(min(0.0, float(finite.min(initial=0.0))), float(finite.max(initial=1.0)), 6)
    else:
        low, high = as_number("ylim[0]", ylim[0]), as_number("ylim[1]", ylim[1])
        if high <= low:
            raise ValueError(f"ylim must be (low, high) with low < high; got {ylim}")
        yticks = nice_ticks(low, high, 6)
        yticks = yticks[(yticks >= low - 1e-12) & (yticks <= high + 1e-12)]
    y_lo, y_hi = (float(yticks[0]), float(yticks[-1])) if ylim is None else (float(ylim[0]), float(ylim[1]))
    entries = [(name, color, dash) for name, _, color, dash in named] + ([(named_area[0], named_area[2], "area")] if area is not None else [])
    left, right, top, bottom, parts = _svg_frame(x0, y0, width, height, title=title, xlabel=xlabel, ylabel=ylabel, legend=len(entries) > 1)
    x_lo, x_hi = float(xs[0]), float(xs[-1])

    def sx(v: Any) -> Any:
        return left + (np.asarray(v, dtype=float) - x_lo) / (x_hi - x_lo) * (right - left)

    def sy(v: Any) -> Any:
        return bottom - (np.asarray(v, dtype=float) - y_lo) / (y_hi - y_lo) * (bottom - top)

    xticks = nice_ticks(x_lo, x_hi, 8)
    xticks = xticks[(xticks >= x_lo - 1e-9) & (xticks <= x_hi + 1e-9)]
    parts += _svg_axes(xticks, yticks, sx, sy, (left, right, top, bottom), share=share)
    if area is not None:
        name, values, color = named_area
        ok = np.isfinite(values)
        points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(sx(xs[ok]), sy(values[ok])))
        base = sy(max(0.0, y_lo))
        parts.append(f'<polygon points="{sx(xs[ok][0]):.1f},{base:.1f} {points} {sx(xs[ok][-1]):.1f},{base:.1f}" fill="{svg_fill(color)}" fill-opacity="0.75"><title>{svg_escape(name)}</title></polygon>')
    for value, label, color in markers:
        if x_lo <= value <= x_hi:
            parts.append(f'<line x1="{sx(value):.1f}" y1="{top:.1f}" x2="{sx(value):.1f}" y2="{bottom:.1f}" stroke="{svg_fill(color)}" stroke-width="1.4" stroke-dasharray="5 3"/>')
            if label:
                parts.append(f'<text x="{sx(value) - 3:.1f}" y="{top + 11:.1f}" font-size="10" text-anchor="end" fill="{svg_fill(color)}">{svg_escape(label)}</text>')
    for name, values, color, dash in named:
        ok = np.isfinite(values)
        points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(sx(xs[ok]), sy(values[ok])))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{svg_fill(color)}" stroke-width="2.2"{dash_attr}><title>{svg_escape(name)}</title></polyline>')
    if len(entries) > 1:
        lx, ly = left, bottom + (52 if xlabel else 36)
        for name, color, dash in entries:
            if dash == "area":
                parts.append(f'<rect x="{lx:.1f}" y="{ly - 9:.1f}" width="20" height="10" fill="{svg_fill(color)}" fill-opacity="0.75"/>')
            else:
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(f'<line x1="{lx:.1f}" y1="{ly - 4:.1f}" x2="{lx + 20:.1f}" y2="{ly - 4:.1f}" stroke="{svg_fill(color)}" stroke-width="2.2"{dash_attr}/>')
            parts.append(f'<text x="{lx + 24:.1f}" y="{ly:.1f}" font-size="11">{svg_escape(name)}</text>')
            lx += 34 + 6.2 * len(name)
    return "".join(parts)


def svg_histogram(
    counts: Sequence[float],
    edges: Sequence[float],
    *,
    width: float,
    height: float,
    x0: float = 0.0,
    y0: float = 0.0,
    title: str = "",
    xlabel: str = "",
    ylabel: str = "",
    color: str = "blue",
) -> str:
    """A histogram from precomputed counts (for example :func:`numpy.histogram`) as SVG elements.

    Parameters
    ----------
    counts : sequence of float
        Height of each bin (non-negative).
    edges : sequence of float
        Increasing bin edges, one more than ``counts``.
    width, height, x0, y0, title, xlabel, ylabel
        As in :func:`svg_lines`.
    color : str
        A key of :data:`PALETTE`.

    Returns
    -------
    str
        SVG elements; wrap them with :func:`svg_figure`.

    Examples
    --------
    >>> body = svg_histogram([3, 1], [0, 7, 14], width=300, height=200, xlabel="days")
    >>> body.count('fill="#0072B2"')
    2
    >>> svg_histogram([3, 1], [0, 7], width=300, height=200)
    Traceback (most recent call last):
    ...
    ValueError: edges must hold one more value than counts (3, increasing); got 2
    """
    import numpy as np

    counts_ = np.asarray(counts, dtype=float)
    edges_ = np.asarray(edges, dtype=float)
    if edges_.shape != (counts_.size + 1,) or np.any(np.diff(edges_) <= 0):
        raise ValueError(f"edges must hold one more value than counts ({counts_.size + 1}, increasing); got {edges_.size}")
    if np.any(~np.isfinite(counts_)) or np.any(counts_ < 0):
        raise ValueError("counts must be finite and non-negative")
    fill = svg_fill(color)
    left, right, top, bottom, parts = _svg_frame(x0, y0, width, height, title=title, xlabel=xlabel, ylabel=ylabel, legend=False)
    yticks = nice_ticks(0.0, max(float(counts_.max(initial=0.0)), 1.0), 6)
    x_lo, x_hi, y_hi = float(edges_[0]), float(edges_[-1]), float(yticks[-1])

    def sx(v: Any) -> Any:
        return left + (np.asarray(v, dtype=float) - x_lo) / (x_hi - x_lo) * (right - left)

    def sy(v: Any) -> Any:
        return bottom - np.asarray(v, dtype=float) / y_hi * (bottom - top)

    xticks = nice_ticks(x_lo, x_hi, 8)
    xticks = xticks[(xticks >= x_lo - 1e-9) & (xticks <= x_hi + 1e-9)]
    parts += _svg_axes(xticks, yticks, sx, sy, (left, right, top, bottom), share=False)
    for count, a, b in zip(counts_, edges_[:-1], edges_[1:]):
        if count > 0:
            parts.append(
                f'<rect x="{sx(a) + 0.5:.1f}" y="{sy(count):.1f}" width="{max(sx(b) - sx(a) - 1, 0.5):.1f}" '
                f'height="{sy(0) - sy(count):.1f}" fill="{fill}"><title>{a:g} to {b:g}: {count:g}</title></rect>'
            )
    return "".join(parts)


def html_bars(
    rows: Sequence[tuple[str, float, str, str]], *, scale: float, caption: str, max_width: str = "40em"
) -> str:
    """Horizontal bars in plain HTML: a table with one labelled bar per row and the value written beside it.

    The lightest chart the widgets use: a few hundred bytes per frame, drawn in
    microseconds, and every label and value stays text for screen readers,
    search and print.

    Parameters
    ----------
    rows : sequence of (label, value, text, colour)
        ``value`` sets the bar's length (non-finite values draw no bar),
        ``text`` is written beside it, ``colour`` is a key of :data:`PALETTE`
        or one of its colours.
    scale : float
        The value that fills the whole width (> 0); longer bars are capped.
    caption : str
        What the bars show, with the key numbers.
    max_width : str
        CSS width limit of the table.

    Returns
    -------
    str
        An HTML ``<figure>``.

    Examples
    --------
    >>> html_ = html_bars([("Sudden cut", 0.5, "50 %", "vermillion")], scale=1.0, caption="Half of the shops.")
    >>> "width:50.0%" in html_ and "<figcaption" in html_
    True
    >>> html_bars([("x", 0.5, "50 %", "teal")], scale=1.0, caption="")
    Traceback (most recent call last):
    ...
    ValueError: colour must be a key or a colour of PALETTE; got 'teal'
    """
    scale = as_number("scale", scale, low=0, low_open=True)
    parts = [
        '<figure class="lessons-bars" style="margin:0.4em 0">',
        f'<table style="border-collapse:collapse;width:100%;max-width:{svg_escape(max_width)};font-size:90%">',
    ]
    for label, value, text, colour in rows:
        if colour in PALETTE:
            colour = PALETTE[colour]
        elif colour not in PALETTE.values():
            raise ValueError(f"colour must be a key or a colour of PALETTE; got {colour!r}")
        value = float(value)
        width = max(0.0, min(100.0, 100.0 * value / scale)) if math.isfinite(value) else 0.0
        parts.append(
            '<tr><th scope="row" style="text-align:left;font-weight:normal;padding:2px 8px 2px 0;white-space:nowrap">'
            f"{svg_escape(label)}</th>"
            '<td style="width:100%;padding:2px 0"><div style="display:flex;align-items:center;gap:6px">'
            f'<div style="background:{colour};height:0.95em;width:{width:.1f}%;min-width:1px"></div>'
            f"<span>{svg_escape(text)}</span></div></td></tr>"
        )
    parts.append("</table>")
    parts.append(f'<figcaption style="font-size:85%">{svg_escape(caption)}</figcaption></figure>')
    return "".join(parts)
