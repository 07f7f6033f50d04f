"""One figure style for the whole course, and figures that carry their own alt text.

Every figure in the book is made with :func:`subplots` (a colour-blind-safe style,
readable in print) and handed to the reader through :func:`chart`, which pairs
the figure with alt text and a caption. A :class:`Chart` shows itself in Jupyter
(JupyterLab, Notebook, VS Code, Colab) and in the built book as an HTML
``<figure>``: a PNG with its ``alt`` attribute and a ``<figcaption>``. Widgets in
:mod:`lessons.widgets` use the same HTML for their frames.

Widget frames that are redrawn often are written as inline SVG instead, by
:mod:`lessons.svg`: the same ``<figure>`` with alt text, drawn in about a
millisecond rather than a tenth of a second.

Figures are made with :class:`matplotlib.figure.Figure` directly, not through
``pyplot``, so nothing is registered globally and no figure is shown twice.

No finance lives here; chapter modules own their plot functions.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lessons._validation import as_int, as_number

if TYPE_CHECKING:  # pragma: no cover - imported for type hints only
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PALETTE", "CYCLE", "STYLE", "subplots", "chart", "Chart", "pct", "to_html", "styled",
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

