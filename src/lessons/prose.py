"""Computed numbers in a page's prose: glue them, never type them.

A sentence such as "about a third of applicants have a thin file" goes stale the
moment a model changes. Pages instead compute the number in a code cell and
glue it into the text with myst-nb's ``{glue:text}`` role::

    glue("thin_share", pct(share))            # in a code cell
    ... {glue:text}`thin_share` of applicants  # in the markdown below

:func:`glue` wraps ``myst_nb.glue`` so that notebooks stay runnable where
myst-nb is not installed (a bare Colab session: the call then does nothing), and
turns NumPy scalars into plain Python numbers, which myst-nb's format specs
(``{glue:text}`share:.1%```) cannot read. Nothing about finance lives here.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

__all__ = ["glue"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _plain(value: Any) -> Any:
    """A NumPy scalar as the equivalent Python number; anything else unchanged."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def glue(name: str, value: Any) -> None:
    """Store ``value`` under ``name`` for the page's prose, without displaying it.

    Parameters
    ----------
    name : str
        Key used in the markdown as ``{glue:text}`name```: letters, digits,
        ``_``, ``.`` and ``-``, starting with a letter or ``_``.
    value : Any
        A number (NumPy scalars become Python numbers) or an already formatted
        string such as ``"33.1 %"``.

    Returns nothing, so a cell that ends with ``glue(...)`` prints nothing (a
    glued answer must never show up above its exercise).

    Examples
    --------
    >>> import numpy as np
    >>> glue("share", np.float64(0.25))   # outside a kernel: checked, then nothing to paste into
    >>> glue("thin share", 0.3)
    Traceback (most recent call last):
    ...
    ValueError: name must be letters, digits, '_', '.' or '-' starting with a letter or '_'; got 'thin share'
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(
            f"name must be letters, digits, '_', '.' or '-' starting with a letter or '_'; got {name!r}"
        )
    value = _plain(value)
    try:
        from myst_nb import glue as myst_glue
    except ImportError:  # runnable without the book's tools: nothing to paste into
        return
    from IPython import get_ipython

    if get_ipython() is not None:  # only a kernel has a page to paste into
        myst_glue(name, value, display=False)
