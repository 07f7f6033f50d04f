"""Chapter 2, regulation: the rules as data, the true cost of credit, credit supply and credit reporting.

One module serves each page of ``book/regulation/``; the figures and widget frames of all four pages are apart.

* :mod:`lessons.regulation.timeline` serves *Timeline* (``timeline.ipynb``): the rules and events of
  2017–2026 as a table, with a source key on every row; it also holds the ONE as-of date of the course's
  legal and market facts (:data:`~lessons.regulation.timeline.AS_OF`) and the latest event it could verify
  (:func:`~lessons.regulation.timeline.latest_event`).
* :mod:`lessons.regulation.cost_of_credit` serves *The true cost of credit* (``cost-of-credit.ipynb``):
  daily and annual rates, the IRR of an installment plan, the rule of thumb ``24·f/(n+1)``, the LPR, and the
  two price lines: 4 × LPR for private lending and the 24 % line licensed lenders work to.
* :mod:`lessons.regulation.regimes` holds the rules of that page as data: four named regimes (microlender
  before 2020, the November 2020 draft, the consumer-finance company from 2022, loan facilitation from
  October 2025), each saying which of its numbers are rules (cited) and which are illustrative.
* :mod:`lessons.regulation.credit_supply` serves *Capital, leverage and co-lending* (``credit-supply.ipynb``):
  the bound that equity, the own share, leverage caps or a capital ratio, and partner limits put on the loan
  book under each regime, and rationing by Chapter 1's score.
* :mod:`lessons.regulation.credit_reporting` serves *Credit reporting reform* (``credit-reporting.ipynb``):
  decisions when a lender can see all of a borrower's other lenders.
* :mod:`lessons.regulation.figures` holds the ``plot_*`` figures and ``*_view`` widget frames of those pages.

Every public name is re-exported here, so ``from lessons import regulation`` then ``regulation.loan_cost(...)``
works. Every parameter that is not a cited fact is illustrative, not calibrated to Ant Group; docstrings say
which is which.
"""

from __future__ import annotations

from lessons.regulation import cost_of_credit, credit_reporting, credit_supply, figures, regimes, timeline

#: The modules of the package, models before figures; the package re-exports the ``__all__`` of each
#: (``from lessons import regulation`` then ``regulation.<name>``), so every public name is listed once, in its module.
_MODULES = (cost_of_credit, figures, credit_reporting, credit_supply, regimes, timeline)

__all__ = [name for module in _MODULES for name in module.__all__]
globals().update({name: getattr(module, name) for module in _MODULES for name in module.__all__})
