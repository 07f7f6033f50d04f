"""Hypothesis strategies shared by the Chapter 3 tests (the shop model and the stress test)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from lessons.sme.shop import ShopParams

small_shops = st.builds(
    ShopParams,
    daily_sales=st.floats(500, 8_000),
    margin=st.floats(0.05, 0.4),
    settlement_lag=st.integers(0, 21),
    inventory_cycle=st.integers(1, 30),
    fixed_costs=st.floats(0, 1_500),
    opening_cash=st.floats(0, 60_000),
    festival_day=st.integers(0, 200),
    festival_lift=st.floats(1, 10),
    shock_sd=st.floats(0, 0.5),
    shock_persistence=st.floats(0, 0.98),
    daily_rate=st.floats(0, 0.001),
)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
