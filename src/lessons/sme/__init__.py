"""Chapter 3, SME impact: what a cut credit line does to a small online shop's cash flow.

One module per page of ``book/sme-impact/`` that has models, and one for the figures:

* :mod:`lessons.sme.shop`: *A cash-flow model of a small online shop* (``shop-cash-flow.ipynb``):
  the shop and its line, sales paths, the daily simulation, the cash identity, the ledger and the year's summary;
* :mod:`lessons.sme.stress`: *Stress test: the line is cut* (``line-cut-stress.ipynb``):
  the Monte Carlo stress test with its errors, the platform's exposure, cut policies compared;
* :mod:`lessons.sme.alternatives`: *What else could fund the gap* (``alternatives.ipynb``):
  funding options as data, the cost of bridging a gap, receivables in transit;
* :mod:`lessons.sme.population`: *When many lines are cut at once* (``many-lines-cut.ipynb``):
  Chapter 1's business owners with shops, a segment-wide tightening, supplier spillover, and the
  tightening repeated over several seeds for its Monte Carlo error;
* :mod:`lessons.sme.figures`: every page's ``plot_*`` figures, ``*_view`` widget frames and widget grids.

Every public name is re-exported here, so ``from lessons import sme; sme.simulate(...)`` works
as well as ``from lessons.sme.shop import simulate``. All parameters are illustrative, not
calibrated to Ant Group or to any real shop.
"""

from __future__ import annotations

from lessons.sme import alternatives, figures, population, shop, stress

#: The modules of the package, models before figures; the package re-exports the ``__all__`` of each
#: (``from lessons import sme`` then ``sme.<name>``), so every public name is listed once, in its module.
_MODULES = (alternatives, figures, population, shop, stress)

__all__ = [name for module in _MODULES for name in module.__all__]
globals().update({name: getattr(module, name) for module in _MODULES for name in module.__all__})
