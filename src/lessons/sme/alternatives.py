"""Models for the page *What else could fund the gap* (book/sme-impact/alternatives.ipynb).

Ways a small shop could fund a cash gap, as data (:func:`funding_options`),
the cost and feasibility of bridging a gap with each (:func:`bridge_cost`),
and the receivables a shop has in transit (:func:`receivables_in_transit`).
Rates are cited where a real rule gives them, otherwise illustrative, not
calibrated to Ant Group, MYbank or any bank.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lessons._validation import as_int, as_number, as_probability
from lessons.sme.shop import _MAX_HORIZON, DAYS_PER_YEAR, ShopParams, _check_flag, _check_shop

__all__ = [
    "DEFAULT_LPR",
    "funding_options",
    "bridge_cost",
    "receivables_in_transit",
]

#: One-year LPR used by default for the judicial cap (3.85 %, the level of 20 Jul/20 Aug 2020).
DEFAULT_LPR = 0.0385


def funding_options(lpr: float = DEFAULT_LPR) -> pd.DataFrame:
    """Ways a small shop could fund a cash gap, as data (rates are annual fractions).

    Where a real rule gives a number it is used and its source key is named in
    ``rate_source``: the credit-card band of 0.035 %–0.05 % a day (12.775 %–18.25 %
    a year) that the PBoC set for 2017–2020, and for private lending the
    Supreme People's Court's cap on protected interest, 4 × the one-year LPR
    (computed with :func:`lessons.regulation.judicial_cap <lessons.regulation.cost_of_credit.judicial_cap>`), up to the old 36 %
    line above which interest was void. Everything else (bank and platform-bank
    rates, days until the money arrives, the amounts available) is
    **illustrative, not calibrated to Ant Group, MYbank or any bank**;
    ``rate_basis`` says which is which. MYbank's "310" promise (3 minutes to
    apply, 1 second to approve, 0 people involved) is why its row has funds on
    the next day.

    Parameters
    ----------
    lpr : float
        One-year Loan Prime Rate as a fraction (0 to 0.2).

    Returns
    -------
    DataFrame indexed by ``option`` with columns ``name_zh``, ``rate_low``, ``rate_high``,
    ``rate_basis``, ``rate_source``, ``days_to_funds``, ``max_amount`` (RMB, or NaN when
    limited by receivables, see :func:`bridge_cost`), ``collateral``, ``documents``.

    Examples
    --------
    >>> t = funding_options()
    >>> round(float(t.loc["Informal lender", "rate_low"]), 3)
    0.154
    >>> round(float(t.loc["Credit card", "rate_high"]), 4)
    0.1825
    """
    from lessons.regulation import judicial_cap

    lpr = as_number("lpr", lpr, low=0, high=0.2)
    rows = [
        ("Bank working-capital loan", "银行流动资金贷款", 0.04, 0.07, "illustrative", "",
         30, 500_000.0, "property, a guarantor or a guarantee company", "business licence, tax returns, bank statements, accounts"),
        ("Platform-bank merchant loan", "网商贷等平台银行经营贷", 0.08, 0.18, "illustrative", "",
         1, 100_000.0, "none", "the shop's sales and settlement record on the platform"),
        ("Receivable financing", "应收账款 / 供应链融资", 0.05, 0.10, "illustrative", "",
         5, np.nan, "the receivables themselves", "settlement records confirmed by the platform or a core buyer"),
        ("Credit card", "信用卡", 0.0005 * 0.7 * DAYS_PER_YEAR, 0.0005 * DAYS_PER_YEAR, "cited (2017–2020 rate band)", "xinhua2021cardrates",
         0, 30_000.0, "none", "a personal card already held; business use is outside its purpose"),
        ("Informal lender", "民间借贷", judicial_cap(lpr), 0.36, "cited bounds (4 × LPR, old 36 % line)", "spc2020privatelending",
         1, 50_000.0, "personal guarantee, relationships", "an IOU; little legal protection"),
    ]
    columns = ["option", "name_zh", "rate_low", "rate_high", "rate_basis", "rate_source", "days_to_funds", "max_amount", "collateral", "documents"]
    return pd.DataFrame(rows, columns=columns).set_index("option")


def bridge_cost(
    gap: float,
    duration_days: int,
    *,
    notice_days: int = 0,
    cushion_days: int = 0,
    receivables: float = 0.0,
    has_collateral: bool = False,
    lpr: float = DEFAULT_LPR,
    advance_rate: float = 0.8,
) -> pd.DataFrame:
    """Cost and feasibility of bridging a funding gap with each option of :func:`funding_options`.

    Each option lends ``min(gap, its maximum)`` for ``duration_days`` at the
    middle of its rate range (simple interest). Money applied for on the day
    the cut is announced arrives after ``days_to_funds``. The shop needs it
    when the line has closed (``notice_days`` after the announcement) *and* its
    own cash has run out (``cushion_days`` later, e.g. the days to the first
    shortfall from :func:`~lessons.sme.stress.stress_test`), so it waits
    ``max(0, days_to_funds − notice_days − cushion_days)`` days with bills unpaid.
    Receivable financing can advance at most ``advance_rate`` × ``receivables``;
    a bank working-capital loan needs collateral (``has_collateral``).

    Parameters
    ----------
    gap : float
        Amount to fund in RMB (>= 0).
    duration_days : int
        Days the money is needed (1 to 1095).
    notice_days : int
        Days of notice before the line closes (0 to 1095).
    cushion_days : int
        Days the shop's own cash lasts after the line closes (0 to 1095).
    receivables : float
        Settled sales not yet paid out, in RMB (>= 0).
    has_collateral : bool
        Whether the owner can pledge property or find a guarantor.
    lpr : float
        One-year LPR for the private-lending cap.
    advance_rate : float
        Share of receivables a financier advances, in [0, 1] (illustrative).

    Returns
    -------
    DataFrame indexed by option with ``annual_rate``, ``rate_basis``, ``available`` (RMB),
    ``share_covered``, ``interest_cost`` (RMB), ``cost_per_100`` (RMB per 100 borrowed),
    ``days_to_funds``, ``days_without_funds``, ``feasible`` (covers the whole gap and arrives in
    time) and ``verdict``.

    Examples
    --------
    >>> t = bridge_cost(20_000, 60, notice_days=0, receivables=21_000)
    >>> float(t.loc["Credit card", "available"]), bool(t.loc["Bank working-capital loan", "feasible"])
    (20000.0, False)
    >>> round(float(t.loc["Informal lender", "interest_cost"]), 2)
    844.93
    """
    gap = as_number("gap", gap, low=0, high=1e9)
    duration_days = as_int("duration_days", duration_days, low=1, high=_MAX_HORIZON)
    notice_days = as_int("notice_days", notice_days, low=0, high=_MAX_HORIZON)
    cushion_days = as_int("cushion_days", cushion_days, low=0, high=_MAX_HORIZON)
    receivables = as_number("receivables", receivables, low=0, high=1e9)
    advance_rate = as_probability("advance_rate", advance_rate)
    has_collateral = _check_flag("has_collateral", has_collateral)
    options = funding_options(lpr)
    rate = (options["rate_low"] + options["rate_high"]) / 2
    maximum = options["max_amount"].copy()
    maximum["Receivable financing"] = advance_rate * receivables
    if not has_collateral:
        maximum["Bank working-capital loan"] = 0.0
    available = np.minimum(maximum, gap)
    share = available / gap if gap > 0 else pd.Series(1.0, index=options.index)
    cost = available * rate * duration_days / DAYS_PER_YEAR
    waiting = np.maximum(options["days_to_funds"] - notice_days - cushion_days, 0)
    feasible = (share >= 1.0 - 1e-12) & (waiting == 0)
    verdicts = []
    for option in options.index:
        if available[option] <= 0:
            verdicts.append("not available to this shop")
        elif share[option] < 1.0 - 1e-12:
            verdicts.append(f"too small: covers {100 * share[option]:.0f} % of the gap")
        elif waiting[option] > 0:
            verdicts.append(f"covers the gap but arrives {int(waiting[option])} day(s) late")
        else:
            verdicts.append("covers the gap in time")
    out = pd.DataFrame(
        {
            "annual_rate": rate,
            "rate_basis": options["rate_basis"],
            "available": available.astype(float),
            "share_covered": share.astype(float),
            "interest_cost": cost.astype(float),
            "cost_per_100": 100 * rate * duration_days / DAYS_PER_YEAR,
            "days_to_funds": options["days_to_funds"],
            "days_without_funds": waiting.astype(int),
            "feasible": feasible.astype(bool),
            "verdict": verdicts,
        }
    )
    out.index.name = "option"
    return out


def receivables_in_transit(shop: ShopParams) -> float:
    """Planned sales waiting to be paid out on an ordinary day: ``settlement_lag`` × daily sales (RMB).

    Examples
    --------
    >>> receivables_in_transit(ShopParams(daily_sales=3000, settlement_lag=7))
    21000.0
    """
    shop = _check_shop(shop)
    return float(shop.settlement_lag * shop.daily_sales)

