"""Helpers shared by the Chapter 1 test modules (imported as ``from _credit_fixtures import …``).

Pytest fixtures (the synthetic population and the studies built on it) live in
``tests/credit/conftest.py``; this module holds what a fixture cannot be: the
hypothesis settings and a small hand-made applicant frame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, settings

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _toy_applicants(n=400, seed=0):
    rng = np.random.default_rng(seed)
    thin = rng.uniform(size=n) < 0.3
    frame = pd.DataFrame(
        {
            "on_time_share": np.where(thin, np.nan, rng.uniform(0.6, 1, n)),
            "past_overdues": np.where(thin, 0, rng.poisson(0.5, n)),
            "reported_lenders": rng.poisson(1.5, n),
            "utilisation": rng.uniform(0, 1, n),
            "income": rng.lognormal(8.5, 0.5, n),
        }
    )
    eta = -3 + 2 * frame["utilisation"] + 0.4 * frame["past_overdues"] + 0.2 * frame["reported_lenders"]
    frame["default"] = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(int)
    return frame
