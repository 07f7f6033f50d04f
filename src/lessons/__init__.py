"""Helper package for the open textbook on refused, cut and closed digital credit.

One package per chapter holds that chapter's models, one module per book page (:mod:`lessons.credit`,
:mod:`lessons.regulation`, :mod:`lessons.sme`, :mod:`lessons.remedies`), beside
the data (:mod:`lessons.data`) and shared machinery with no finance in it
(:mod:`lessons.widgets`, :mod:`lessons.plotting`, :mod:`lessons.svg`, :mod:`lessons.check`,
:mod:`lessons.montecarlo` for the Monte Carlo error of simulated numbers,
:mod:`lessons.prose` for gluing computed numbers into a page's text).

Submodules are imported on first use, so ``import lessons`` stays fast::

    >>> import lessons
    >>> lessons.__version__
    '0.1.0'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBMODULES = ("data", "credit", "regulation", "sme", "remedies", "montecarlo", "prose", "widgets", "plotting", "svg", "check")

__all__ = ["__version__", *_SUBMODULES]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"lessons.{name}")
    raise AttributeError(f"module 'lessons' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
