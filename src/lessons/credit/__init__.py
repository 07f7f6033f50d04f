"""Chapter 1 — Credit assessment: scores, cut-offs, limits, reviews and reasons.

One module per page of ``book/credit-assessment/`` that has models, and one for the figures:

* :mod:`lessons.credit.scaling` — points-to-double-odds scaling and the score range
  (introduced on *Building a scorecard on real data*, used by every page);
* :mod:`lessons.credit.scorecard` — *Building a scorecard on real data*: AUC, Gini, KS,
  weight of evidence and information value, a WOE scorecard on the German credit data;
* :mod:`lessons.credit.platform_model` — the platform model (features, design matrix, a
  logistic regression, scores), first fitted on *Cut-offs and who gets left out* and
  imported by the later chapters;
* :mod:`lessons.credit.cutoffs` — *Cut-offs and who gets left out*: approval curves,
  cut-off search, expected loss and profit, approval by segment;
* :mod:`lessons.credit.limits` — *Invited, but no limit*: a stale pre-screen, fresh
  underwriting, limits under caps, two products;
* :mod:`lessons.credit.reviews` — *Reviews, cuts and reasons*: behaviour scores,
  limit reviews, reason codes;
* :mod:`lessons.credit.figures` — every chapter figure (``plot_*``) and widget frame
  (``*_view``); models never import it.

Every public name is re-exported here, so ``from lessons import credit`` followed by
``credit.cutoff_study(...)`` works as well as ``from lessons.credit.cutoffs import cutoff_study``.

Every parameter that is not a cited fact (limits, multiples, margins, loss
rates, the effect of a month of behaviour) is **illustrative, not calibrated
to Ant Group**; nothing here is Ant's model. The synthetic applicants come from
:func:`lessons.data.synthetic_applicants`; the real data from
:func:`lessons.data.load_german_credit`.
"""

from __future__ import annotations

from lessons.credit import cutoffs, figures, limits, platform_model, reviews, scaling, scorecard

#: The modules of the package, models before figures; the package re-exports the ``__all__`` of each
#: (``from lessons import credit`` then ``credit.<name>``), so every public name is listed once, in its module.
_MODULES = (scaling, platform_model, scorecard, cutoffs, limits, reviews, figures)

__all__ = [name for module in _MODULES for name in module.__all__]
globals().update({name: getattr(module, name) for module in _MODULES for name in module.__all__})
