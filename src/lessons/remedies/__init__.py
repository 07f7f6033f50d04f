"""Chapter 4 — Remedies: recourse, fairness, alternative data, notice and a policy lab.

The package measures the advice that the source articles give, with the models
of the earlier chapters (imported, never copied). One module serves each page
of ``book/remedies/``:

* :mod:`lessons.remedies.recourse` and :mod:`lessons.remedies.tips` — *For
  borrowers: recourse, not folklore* (``borrowers.ipynb``): recourse plans for
  a linear score and for Chapter 1's applicants, and popular tips scored;
* :mod:`lessons.remedies.platform_data` — *For platforms: more data, fairer
  decisions?* (``platforms-data.ipynb``): group fairness, Chapter 1's model
  refitted with platform data (over several train/test splits), and the German
  scorecard measured by group;
* :mod:`lessons.remedies.notice` — *For platforms: notice and transition*
  (``platforms-notice.ipynb``): Chapter 3's stress test under notice rules,
  with refinancing that helps whenever it arrives and signed exposures;
* :mod:`lessons.remedies.lab` — *Policy lab: four levers, one economy*
  (``policy-lab.ipynb``): capital rules, cut-off, data and notice combined;
* :mod:`lessons.remedies.figures` — the figures, display tables and widget
  frames of all four pages.

Every public name is re-exported here, so ``from lessons import remedies;
remedies.recourse_plan(...)`` works. Every behavioural parameter (months per
unit of change, the share of shops that can find another lender, default
probabilities) is **illustrative, not calibrated to Ant Group**; the loss given
default is the course's one consumer LGD,
:data:`lessons.credit.cutoffs.CONSUMER_LGD` (illustrative).
"""

from __future__ import annotations

from lessons.remedies import figures, lab, notice, platform_data, recourse, tips

#: The modules of the package, models before figures; the package re-exports the ``__all__`` of each
#: (``from lessons import remedies`` then ``remedies.<name>``), so every public name is listed once, in its module.
_MODULES = (figures, lab, notice, platform_data, recourse, tips)

__all__ = [name for module in _MODULES for name in module.__all__]
globals().update({name: getattr(module, name) for module in _MODULES for name in module.__all__})
