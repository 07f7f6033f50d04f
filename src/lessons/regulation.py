"""Chapter 2 — Regulation: the cost of credit, the 2017–2025 rules, credit supply and credit reporting.

The module has four parts, one per page of ``book/regulation/``:

* **Rates** (``cost-of-credit``): daily rate ↔ annual rate (simple and
  compounded), the true rate (IRR) of an installment plan with a fee on the
  original principal, the rule of thumb ``APR ≈ 24·f/(n+1)``, the one-year LPR
  table and the judicial cap of 4 × LPR.
* **Timeline** (``timeline``): the rules and events of 2017–2025 as a table,
  with a source key (a key of ``book/references.bib``) on every row.
* **Credit supply** (``credit-supply``): how equity, the platform's own funded
  share of each loan, leverage caps and partner banks' concentration limits
  bound the loan book, and how a platform rations a smaller book by raising
  the cut-off of Chapter 1's score (the scoring code is imported from
  :mod:`lessons.credit`, never copied).
* **Credit reporting** (``credit-reporting``): what happens to decisions when a
  lender can see all of a borrower's other lenders.

Every parameter that is not a cited fact is illustrative, not calibrated to
Ant Group; docstrings say which is which.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from lessons import credit
from lessons._validation import (
    as_float_array,
    as_int,
    as_number,
    require_columns,
    require_one_of,
)
from lessons.plotting import html_bars

__all__ = [
    # rates
    "daily_to_annual",
    "annual_to_daily",
    "installment_cash_flows",
    "irr",
    "InstallmentRates",
    "installment_rates",
    "rule_of_thumb_apr",
    "INSTALLMENT_FEES",
    "installment_table",
    "daily_rate_table",
    "percent_view",
    "lpr_history",
    "judicial_cap",
    "LoanCost",
    "loan_cost",
    "cost_view",
    "plot_installment_rates",
    # timeline
    "TIMELINE_CATEGORIES",
    "regulation_timeline",
    "timeline_table",
    "plot_timeline",
    "timeline_view",
    # credit supply
    "SupplyRules",
    "PRE_2020",
    "POST_2021",
    "PartnerBanks",
    "LoanBook",
    "max_loan_book",
    "supply_comparison",
    "multiplier_curve",
    "plot_multiplier_curve",
    # rationing
    "BASE_APPROVAL_RATE",
    "DEMAND_PER_EQUITY",
    "BASE_EQUITY",
    "SEGMENT_NAMES",
    "RULE_SETS",
    "scored_population",
    "served_share",
    "implied_cutoff",
    "supply_outcome",
    "rationing_by_segment",
    "rationing_summary",
    "plot_rationing",
    "supply_view",
    # credit reporting
    "visibility_scores",
    "visibility_comparison",
    "plot_visibility",
    "reporting_view",
]

DAYS_PER_YEAR = 365
COMPOUNDING = ("simple", "compound")


# ---------------------------------------------------------------------------
# Rates
# ---------------------------------------------------------------------------


def daily_to_annual(daily_rate: float, *, compounding: str = "simple", days_per_year: int = DAYS_PER_YEAR) -> float:
    """Annual rate implied by a daily rate.

    Parameters
    ----------
    daily_rate : float
        Rate per day as a fraction (0.0005 for "万分之五", 0.05 % a day); >= 0.
    compounding : str
        ``"simple"`` or ``"compound"``. ``"simple"``: ``daily_rate × days_per_year`` (what a "simple-interest
        annualised rate" shows). ``"compound"``: ``(1 + daily_rate) ** days_per_year − 1``
        (what the rate would be if unpaid interest itself earned interest daily).
    days_per_year : int
        365 by default.

    Returns
    -------
    float
        The annual rate as a fraction.

    Examples
    --------
    >>> round(daily_to_annual(0.0005), 4)
    0.1825
    >>> round(daily_to_annual(0.0005, compounding="compound"), 4)
    0.2002
    """
    daily_rate = as_number("daily_rate", daily_rate, low=0, high=0.1)
    require_one_of("compounding", compounding, COMPOUNDING)
    days_per_year = as_int("days_per_year", days_per_year, low=1, high=366)
    if compounding == "simple":
        return daily_rate * days_per_year
    return math.expm1(days_per_year * math.log1p(daily_rate))


def annual_to_daily(annual_rate: float, *, compounding: str = "simple", days_per_year: int = DAYS_PER_YEAR) -> float:
    """Daily rate that gives ``annual_rate``; the inverse of :func:`daily_to_annual`.

    Examples
    --------
    >>> round(annual_to_daily(0.1825), 6)
    0.0005
    >>> round(annual_to_daily(0.2002, compounding="compound"), 6)
    0.0005
    """
    annual_rate = as_number("annual_rate", annual_rate, low=0, high=1000)
    require_one_of("compounding", compounding, COMPOUNDING)
    days_per_year = as_int("days_per_year", days_per_year, low=1, high=366)
    if compounding == "simple":
        return annual_rate / days_per_year
    return math.expm1(math.log1p(annual_rate) / days_per_year)


def installment_cash_flows(principal: float, periods: int, fee_per_period: float) -> np.ndarray:
    """Cash flows of an installment plan, from the borrower's side of the lender: ``[−P, pay, …, pay]``.

    The plan repays the principal in ``periods`` equal parts and charges, every
    period, a fee of ``fee_per_period × principal`` on the ORIGINAL principal
    (the way "分期手续费" are quoted), so each payment is
    ``principal / periods + fee_per_period × principal``.

    Parameters
    ----------
    principal : float
        Amount received, > 0.
    periods : int
        Number of installments, >= 1.
    fee_per_period : float
        Fee per period as a fraction of the original principal, >= 0.

    Returns
    -------
    numpy.ndarray
        ``periods + 1`` cash flows: the loan (negative, the lender pays out) then the payments.

    Examples
    --------
    >>> installment_cash_flows(1200, 12, 0.088 / 12).round(2).tolist()[:3]
    [-1200.0, 108.8, 108.8]
    """
    principal = as_number("principal", principal, low=0, low_open=True)
    periods = as_int("periods", periods, low=1, high=600)
    fee_per_period = as_number("fee_per_period", fee_per_period, low=0, high=10)
    flows = np.full(periods + 1, principal / periods + fee_per_period * principal)
    flows[0] = -principal
    return flows


def _npv(rate: float, flows: np.ndarray, times: np.ndarray) -> float:
    return float(np.sum(flows * np.exp(-times * math.log1p(rate))))


def irr(cash_flows: Sequence[float] | np.ndarray, *, tol: float = 1e-12, max_iter: int = 200) -> float:
    """Internal rate of return per period, found by bisection.

    The cash flows must be "conventional": the first is negative (money lent)
    and all later ones are >= 0 with at least one > 0. Then the net present
    value falls steadily as the rate rises, so there is exactly one root above
    −100 % and bisection finds it without fail. The bracket starts at
    ``[−0.99, 1]`` and the upper end doubles until it holds the root.

    Parameters
    ----------
    cash_flows : array-like
        Flows at periods 0, 1, 2, …
    tol : float
        Stop when the bracket is narrower than this.
    max_iter : int
        Largest number of bisection steps.

    Returns
    -------
    float
        The periodic rate ``r`` with ``Σ cash_flows[t] / (1 + r)**t = 0``.

    Examples
    --------
    >>> round(irr([-100, 110]), 10)
    0.1
    >>> round(100 * irr(installment_cash_flows(1, 12, 0.088 / 12)), 3)
    1.322
    """
    flows = as_float_array("cash_flows", cash_flows, min_size=2)
    tol = as_number("tol", tol, low=0, low_open=True, high=1e-3)
    max_iter = as_int("max_iter", max_iter, low=10, high=10_000)
    if flows[0] >= 0:
        raise ValueError("cash_flows must start with a negative flow (the amount lent); got " f"{flows[0]:g}")
    if (flows[1:] < 0).any() or not (flows[1:] > 0).any():
        raise ValueError("cash_flows after the first must be >= 0 with at least one > 0 (a conventional loan)")
    times = np.arange(flows.size, dtype=float)
    low, high = -0.99, 1.0
    if _npv(low, flows, times) < 0:  # repays less than 1 % of the loan in present value: out of scope
        raise ValueError("cash_flows repay too little for an IRR above -99 % per period")
    while _npv(high, flows, times) > 0:
        high *= 2.0
        if high > 1e6:
            raise ValueError("cash_flows imply an IRR above 1e6 per period")
    for _ in range(max_iter):
        mid = 0.5 * (low + high)
        if _npv(mid, flows, times) > 0:
            low = mid
        else:
            high = mid
        if high - low < tol:
            break
    return 0.5 * (low + high)


@dataclass(frozen=True)
class InstallmentRates:
    """The rates of one installment plan (all as fractions).

    Attributes
    ----------
    periods : int
        Number of installments.
    total_fee : float
        Total fee over the plan as a fraction of the principal (``fee_per_period × periods``).
    fee_per_period : float
        Fee per period on the original principal.
    periodic_irr : float
        True rate per period (the IRR of the cash flows).
    nominal_apr : float
        ``periodic_irr × periods_per_year`` — the annualised rate as a lender
        would disclose it when it computes the rate by IRR.
    effective_annual_rate : float
        ``(1 + periodic_irr) ** periods_per_year − 1``.
    flat_rate : float
        ``fee_per_period × periods_per_year``: the rate the fee seems to be if
        you forget that the principal is being repaid.
    rule_of_thumb : float
        ``2 · periods_per_year · total_fee / (periods + 1)`` (``24 f / (n + 1)`` for months).

    Examples
    --------
    >>> round(installment_rates(3, total_fee=0.025).nominal_apr, 3)
    0.149
    """

    periods: int
    total_fee: float
    fee_per_period: float
    periodic_irr: float
    nominal_apr: float
    effective_annual_rate: float
    flat_rate: float
    rule_of_thumb: float


def rule_of_thumb_apr(periods: int, total_fee: float, *, periods_per_year: int = 12) -> float:
    """Approximate annual rate of an installment plan: ``2 · periods_per_year · total_fee / (periods + 1)``.

    The borrower owes the whole principal ``P`` in the first period and only
    ``P/n`` in the last, so on average they hold ``P (n + 1) / (2 n)``. Paying
    ``f P`` in fees over ``n`` periods for that average balance is a rate per
    period of ``(f P / n) / (P (n + 1) / (2 n)) = 2 f / (n + 1)``; times 12
    months gives ``24 f / (n + 1)``. It ignores compounding, so it sits a little
    above the IRR-based nominal APR.

    Examples
    --------
    >>> round(rule_of_thumb_apr(12, 0.088), 4)
    0.1625
    """
    periods = as_int("periods", periods, low=1, high=600)
    total_fee = as_number("total_fee", total_fee, low=0, high=10)
    periods_per_year = as_int("periods_per_year", periods_per_year, low=1, high=366)
    return 2.0 * periods_per_year * total_fee / (periods + 1)


def installment_rates(
    periods: int,
    *,
    total_fee: float | None = None,
    fee_per_period: float | None = None,
    periods_per_year: int = 12,
) -> InstallmentRates:
    """True rates of an installment plan with a fee on the original principal.

    Give either the ``total_fee`` over the whole plan (how Huabei quotes it:
    "12 期 8.8 %") or the ``fee_per_period``; the other follows
    (``total_fee = fee_per_period × periods``).

    Parameters
    ----------
    periods : int
        Number of installments, >= 1.
    total_fee, fee_per_period : float
        Fee as a fraction of the principal (exactly one of the two), >= 0.
    periods_per_year : int
        12 for monthly installments.

    Returns
    -------
    InstallmentRates

    Examples
    --------
    >>> r = installment_rates(12, total_fee=0.088)
    >>> round(100 * r.periodic_irr, 3), round(100 * r.nominal_apr, 1), round(100 * r.effective_annual_rate, 1)
    (1.322, 15.9, 17.1)
    >>> round(100 * r.flat_rate, 1)
    8.8
    """
    periods = as_int("periods", periods, low=1, high=600)
    periods_per_year = as_int("periods_per_year", periods_per_year, low=1, high=366)
    if (total_fee is None) == (fee_per_period is None):
        raise ValueError("total_fee or fee_per_period: give exactly one of the two")
    if total_fee is not None:
        total_fee = as_number("total_fee", total_fee, low=0, high=10)
        fee_per_period = total_fee / periods
    else:
        fee_per_period = as_number("fee_per_period", fee_per_period, low=0, high=10)
        total_fee = fee_per_period * periods
    if fee_per_period == 0:
        rate = 0.0
    else:
        rate = irr(installment_cash_flows(1.0, periods, fee_per_period))
    return InstallmentRates(
        periods=periods,
        total_fee=total_fee,
        fee_per_period=fee_per_period,
        periodic_irr=rate,
        nominal_apr=rate * periods_per_year,
        effective_annual_rate=math.expm1(periods_per_year * math.log1p(rate)),
        flat_rate=fee_per_period * periods_per_year,
        rule_of_thumb=rule_of_thumb_apr(periods, total_fee, periods_per_year=periods_per_year),
    )


#: Total installment fee on the original principal by number of monthly installments: worked examples,
#: illustrative, not calibrated to Ant Group's prices.
INSTALLMENT_FEES: Mapping[int, float] = {3: 0.025, 6: 0.045, 9: 0.065, 12: 0.088}


def installment_table(
    plans: Mapping[int, float] | Sequence[tuple[int, float]] | None = None, *, periods_per_year: int = 12
) -> pd.DataFrame:
    """Rates of several installment plans, one row each.

    Parameters
    ----------
    plans : mapping or sequence
        ``periods → total_fee`` or ``(periods, total_fee)`` pairs. Defaults to :data:`INSTALLMENT_FEES` (3: 2.5 %, 6: 4.5 %, 9: 6.5 %, 12: 8.8 %; illustrative).
    periods_per_year : int
        12 for monthly installments.

    Returns
    -------
    DataFrame with columns ``periods``, ``total_fee``, ``flat_rate``, ``periodic_irr``,
    ``nominal_apr``, ``effective_annual_rate``, ``rule_of_thumb`` (fractions).

    Examples
    --------
    >>> (100 * installment_table()["periodic_irr"]).round(3).tolist()
    [1.245, 1.272, 1.278, 1.322]
    """
    if plans is None:
        plans = INSTALLMENT_FEES
    items = list(plans.items()) if isinstance(plans, Mapping) else list(plans)
    if not items:
        raise ValueError("plans must list at least one (periods, total_fee) pair")
    rows = []
    for item in items:  # a handful of plans
        if len(item) != 2:
            raise ValueError("plans must be (periods, total_fee) pairs")
        r = installment_rates(item[0], total_fee=item[1], periods_per_year=periods_per_year)
        rows.append(
            {
                "periods": r.periods,
                "total_fee": r.total_fee,
                "flat_rate": r.flat_rate,
                "periodic_irr": r.periodic_irr,
                "nominal_apr": r.nominal_apr,
                "effective_annual_rate": r.effective_annual_rate,
                "rule_of_thumb": r.rule_of_thumb,
            }
        )
    return pd.DataFrame(rows)


def percent_view(frame: pd.DataFrame, *, digits: int = 2, keep: Sequence[str] = ("periods",)) -> pd.DataFrame:
    """Copy of ``frame`` with every float column except ``keep`` written as a percentage string, for display.

    Examples
    --------
    >>> percent_view(pd.DataFrame({"periods": [12], "rate": [0.1586]}))["rate"].item()
    '15.86 %'
    """
    require_columns("frame", frame, [])
    digits = as_int("digits", digits, low=0, high=6)
    out = frame.copy()
    for column in out.columns:
        if column not in keep and pd.api.types.is_float_dtype(out[column]):
            out[column] = [f"{100 * v:.{digits}f} %" if pd.notna(v) else "" for v in out[column]]
    return out


def daily_rate_table(daily_rates: Sequence[float] | np.ndarray = (0.00015, 0.0002, 0.0003, 0.00045, 0.0005, 0.0006)) -> pd.DataFrame:
    """Simple and compounded annual rates for several daily rates.

    The default daily rates are those quoted for Jiebei (0.015 %–0.06 % a day) and
    the old credit-card cap of 0.05 % a day.

    Examples
    --------
    >>> t = daily_rate_table([0.0005])
    >>> t.round(4).to_numpy().tolist()
    [[0.0005, 0.1825, 0.2002]]
    """
    rates = as_float_array("daily_rates", daily_rates, low=0, high=0.1)
    simple = rates * DAYS_PER_YEAR
    compound = np.expm1(DAYS_PER_YEAR * np.log1p(rates))
    return pd.DataFrame({"daily_rate": rates, "simple_apr": simple, "compound_apr": compound})


def lpr_history() -> pd.DataFrame:
    """One-year Loan Prime Rate (贷款市场报价利率, LPR) at selected dates, and 4 × LPR.

    Each row is the level published at that monthly fixing date. The rows are
    the dates listed in the course's fact file; they are not every LPR change
    (the LPR also moved between some of the rows, e.g. in 2021–2022).

    Returns
    -------
    DataFrame with columns ``date`` (Timestamp of the fixing), ``label``, ``lpr_1y`` and
    ``cap_4x`` (fractions) and ``source`` (a key of ``references.bib``).

    Examples
    --------
    >>> lpr_history()["cap_4x"].round(3).tolist()
    [0.154, 0.146, 0.138, 0.134, 0.124, 0.12]
    """
    rows = [
        ("2020-04-20", "Apr 2020", 0.0385),
        ("2023-02-20", "Feb 2023", 0.0365),
        ("2023-08-21", "Aug 2023", 0.0345),
        ("2024-07-22", "Jul 2024", 0.0335),
        ("2024-10-21", "Oct 2024", 0.0310),
        ("2025-05-20", "May 2025", 0.0300),
    ]
    frame = pd.DataFrame(rows, columns=["date", "label", "lpr_1y"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["cap_4x"] = [judicial_cap(x) for x in frame["lpr_1y"]]
    frame["source"] = "pbc-lpr"
    return frame


def judicial_cap(lpr_1y: float, *, multiple: float = 4.0) -> float:
    """Ceiling on court-protected private-lending interest: ``multiple × one-year LPR``.

    Since the Supreme People's Court's amendment of 20 August 2020 the multiple
    is 4. The cap applies to private lending (民间借贷); licensed lenders such
    as banks, consumer-finance companies and (under the court's reply of
    December 2020) microlenders are outside it, so for them it is a benchmark,
    not a legal limit.

    Examples
    --------
    >>> round(judicial_cap(0.0385), 4)
    0.154
    """
    lpr_1y = as_number("lpr_1y", lpr_1y, low=0, high=1)
    multiple = as_number("multiple", multiple, low=0, low_open=True, high=100)
    return multiple * lpr_1y


@dataclass(frozen=True)
class LoanCost:
    """What a loan really costs; amounts in RMB, rates as fractions (see :func:`loan_cost`).

    Examples
    --------
    >>> loan_cost(1000, 3, total_fee=0.025).above_cap
    False
    """

    amount: float
    periods: int
    pricing: str
    payment_first: float
    total_cost: float
    periodic_irr: float
    nominal_apr: float
    effective_annual_rate: float
    headline_rate: float
    cap: float

    @property
    def above_cap(self) -> bool:
        """Whether the nominal APR is above the 4 × LPR benchmark."""
        return self.nominal_apr > self.cap


def loan_cost(
    amount: float,
    periods: int,
    *,
    total_fee: float | None = None,
    daily_rate: float | None = None,
    lpr_1y: float = 0.0385,
) -> LoanCost:
    """True cost of a monthly installment loan priced by a fee or by a daily rate.

    Two pricing styles, both with the principal repaid in equal monthly parts:

    * ``total_fee`` (Huabei-style installments): each month the borrower also
      pays ``total_fee / periods`` of the ORIGINAL amount.
    * ``daily_rate`` (Jiebei-style loans): each month the borrower pays interest
      of ``daily_rate × 365 / 12`` on the balance still owed.

    Parameters
    ----------
    amount : float
        Amount received, RMB, > 0.
    periods : int
        Number of monthly installments, 1–36.
    total_fee, daily_rate : float
        Exactly one of the two, >= 0.
    lpr_1y : float
        One-year LPR used for the 4 × LPR benchmark.

    Returns
    -------
    LoanCost
        ``headline_rate`` is what the quote suggests per year (flat fee × 12/n,
        or daily rate × 365); ``nominal_apr`` is the IRR-based rate the 2021
        disclosure rule asks lenders to show; ``cap`` is 4 × ``lpr_1y``.

    Examples
    --------
    >>> c = loan_cost(10_000, 12, total_fee=0.088)
    >>> round(c.total_cost), round(100 * c.nominal_apr, 1), c.above_cap
    (880, 15.9, True)
    >>> c = loan_cost(10_000, 12, daily_rate=0.0003)
    >>> round(c.total_cost), round(100 * c.nominal_apr, 2)
    (593, 10.95)
    """
    amount = as_number("amount", amount, low=0, low_open=True, high=1e9)
    periods = as_int("periods", periods, low=1, high=36)
    cap = judicial_cap(lpr_1y)
    if (total_fee is None) == (daily_rate is None):
        raise ValueError("total_fee or daily_rate: give exactly one of the two")
    principal_part = amount / periods
    if total_fee is not None:
        total_fee = as_number("total_fee", total_fee, low=0, high=1)
        rates = installment_rates(periods, total_fee=total_fee)
        return LoanCost(
            amount=amount,
            periods=periods,
            pricing=f"fee {100 * total_fee:.1f} % of the amount",
            payment_first=principal_part + amount * total_fee / periods,
            total_cost=amount * total_fee,
            periodic_irr=rates.periodic_irr,
            nominal_apr=rates.nominal_apr,
            effective_annual_rate=rates.effective_annual_rate,
            headline_rate=rates.flat_rate,
            cap=cap,
        )
    daily_rate = as_number("daily_rate", daily_rate, low=0, high=0.01)
    monthly = daily_rate * DAYS_PER_YEAR / 12
    balances = amount - principal_part * np.arange(periods)  # owed at the start of each month
    interest = balances * monthly
    return LoanCost(
        amount=amount,
        periods=periods,
        pricing=f"daily rate {100 * daily_rate:.3f} %",
        payment_first=principal_part + float(interest[0]),
        total_cost=float(interest.sum()),
        periodic_irr=monthly,  # interest on the declining balance: the IRR is the monthly rate itself
        nominal_apr=monthly * 12,
        effective_annual_rate=math.expm1(12 * math.log1p(monthly)),
        headline_rate=daily_rate * DAYS_PER_YEAR,
        cap=cap,
    )


def plot_installment_rates(table: pd.DataFrame | None = None) -> Any:
    """Bar chart: the flat rate each installment fee seems to be, beside its true APR and the rule of thumb.

    Parameters
    ----------
    table : DataFrame, optional
        Output of :func:`installment_table` (default: :data:`INSTALLMENT_FEES`).

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> "12 months at a 8.8 % fee: flat 8.8 %, true APR 15.9 %" in plot_installment_rates().alt
    True
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    if table is None:
        table = installment_table()
    require_columns("table", table, ["periods", "total_fee", "flat_rate", "nominal_apr", "rule_of_thumb"])
    x = np.arange(len(table))
    fig, ax = subplots(width=7.0, height=3.4)
    width = 0.27
    ax.bar(x - width, 100 * table["flat_rate"], width, color=PALETTE["sky"], label="Flat rate (fee × 12 / n)")
    ax.bar(x, 100 * table["nominal_apr"], width, color=PALETTE["vermillion"], label="True APR (IRR × 12)")
    ax.bar(x + width, 100 * table["rule_of_thumb"], width, color=PALETTE["yellow"], label="Rule of thumb 24f/(n+1)")
    ax.set_xticks(x, [f"{n} months\nfee {100 * f:.1f} %" for n, f in zip(table["periods"], table["total_fee"])])
    ax.set_ylabel("Rate per year (%)")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    ax.set_ylim(0, 100 * float(table[["nominal_apr", "rule_of_thumb", "flat_rate"]].to_numpy().max()) * 1.35)
    parts = [
        f"{n} months at a {pct(f)} fee: flat {pct(fl)}, true APR {pct(a)}"
        for n, f, fl, a in zip(table["periods"], table["total_fee"], table["flat_rate"], table["nominal_apr"])
    ]
    return chart(
        fig,
        alt="Bar chart of installment plans. " + "; ".join(parts) + ".",
        caption="Installment fees quoted on the original principal, as a flat rate and as a true annual rate (IRR).",
    )


_COST_PRICING: Mapping[str, tuple[str, float | None]] = {
    "quoted": ("total_fee", None),  # the fee of INSTALLMENT_FEES for the chosen term
    "fee_0.6": ("fee_per_month", 0.006),  # 0.6 % a month on the original amount
    "daily_0.03": ("daily_rate", 0.0003),
    "daily_0.05": ("daily_rate", 0.0005),
}


def cost_view(amount: float = 10_000, periods: int = 12, pricing: str = "quoted", lpr_label: str = "Apr 2020") -> Any:
    """Widget function for the cost-of-credit calculator: a small chart and a table.

    Parameters
    ----------
    amount : float
        Amount borrowed, RMB.
    periods : int
        Number of monthly installments (3, 6, 9 or 12 for ``"quoted"``).
    pricing : str
        One of ``"quoted"``, ``"fee_0.6"``, ``"daily_0.03"``, ``"daily_0.05"``.
        ``"quoted"``: the illustrative fee of :data:`INSTALLMENT_FEES` for that term;
        ``"fee_0.6"``: a fee of 0.6 % a month on the original amount;
        ``"daily_0.03"`` / ``"daily_0.05"``: a daily rate of 0.03 % / 0.05 % on the balance.
    lpr_label : str
        Which row of :func:`lpr_history` gives the 4 × LPR benchmark.

    Returns
    -------
    str
        HTML: bars for the headline rate, the true APR and the benchmark, then a table.
        (HTML rather than a PNG chart keeps each update well under 100 ms.)

    Examples
    --------
    >>> "880.00" in cost_view(10_000, 12, "quoted")
    True
    """
    from lessons.plotting import pct

    require_one_of("pricing", pricing, list(_COST_PRICING))
    lprs = lpr_history()
    require_one_of("lpr_label", lpr_label, list(lprs["label"]))
    lpr = float(lprs.loc[lprs["label"] == lpr_label, "lpr_1y"].iloc[0])
    kind, value = _COST_PRICING[pricing]
    if pricing == "quoted":
        periods = as_int("periods", periods, low=1, high=36)
        if periods not in INSTALLMENT_FEES:
            raise ValueError(f"periods must be one of 3, 6, 9, 12 for the quoted fee; got {periods}")
        value = INSTALLMENT_FEES[periods]
    if kind == "fee_per_month":
        periods = as_int("periods", periods, low=1, high=36)
        kind, value = "total_fee", value * periods
    cost = loan_cost(amount, periods, lpr_1y=lpr, **{kind: value})
    verdict = "above" if cost.above_cap else "at or below"
    bars = html_bars(
        [
            ("Headline rate", cost.headline_rate, pct(cost.headline_rate), "sky"),
            ("True APR (IRR × 12)", cost.nominal_apr, pct(cost.nominal_apr), "vermillion"),
            (f"4 × LPR ({lpr_label})", cost.cap, pct(cost.cap), "black"),
        ],
        scale=max(0.25, 1.15 * max(cost.headline_rate, cost.nominal_apr, cost.cap)),
        caption=(
            f"RMB {amount:,.0f} over {periods} months, {cost.pricing}: the true APR of {pct(cost.nominal_apr)} is "
            f"{verdict} the 4 × LPR benchmark of {pct(cost.cap)}."
        ),
    )
    table = pd.DataFrame(
        {
            "": [
                "Pricing",
                "First monthly payment (RMB)",
                "Total cost (RMB)",
                "True APR (IRR × 12)",
                "Effective annual rate",
                f"4 × LPR benchmark ({lpr_label})",
            ],
            "value": [
                cost.pricing,
                f"{cost.payment_first:,.2f}",
                f"{cost.total_cost:,.2f}",
                pct(cost.nominal_apr, 2),
                pct(cost.effective_annual_rate, 2),
                pct(cost.cap, 2) + (" (APR is above)" if cost.above_cap else " (APR is at or below)"),
            ],
        }
    )
    return bars + table.to_html(index=False, classes="lessons-table", border=0)


# ---------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------

TIMELINE_CATEGORIES: Mapping[str, str] = {
    "rates": "Prices and disclosure",
    "lending": "Lending, capital and co-lending",
    "reporting": "Credit reporting",
    "ant": "Ant Group and its products",
}

# (date, category, issuer, name_zh, name_en, provisions, short label for the figure, source key)
_TIMELINE_ROWS: tuple[tuple[str, str, str, str, str, str, str, str], ...] = (
    (
        "2017-01-01", "rates", "People's Bank of China (PBoC)",
        "信用卡透支利率上下限管理", "Credit-card overdraft rate band",
        "Overdraft rate capped at 0.05 % a day (18.25 % a year), floor 0.7 × the cap; in force 1 Jan 2017.",
        "Card rate band 0.05 %/day", "xinhua2021cardrates",
    ),
    (
        "2017-12-01", "rates", "Internet-finance and P2P rectification offices",
        "关于规范整顿“现金贷”业务的通知", "Notice on regulating and rectifying cash-loan business",
        "Unlicensed lending banned; total borrowing cost must respect the 36 % a year private-lending ceiling; "
        "approvals of new online microlenders halted.",
        "Cash-loan notice (36 %)", "rectification2017cashloans",
    ),
    (
        "2020-07-12", "lending", "China Banking and Insurance Regulatory Commission (CBIRC)",
        "商业银行互联网贷款管理暂行办法(银保监会令2020年第9号)",
        "Interim Measures for the Administration of Internet Loans of Commercial Banks (CBIRC Order 2020 No. 9)",
        "Personal consumer credit line ≤ RMB 200,000 per borrower; term ≤ 1 year when principal is repaid in one sum; "
        "consumer-finance companies apply it by reference.",
        "Internet-loan Measures", "cbirc2020internetloans",
    ),
    (
        "2020-08-20", "rates", "Supreme People's Court (SPC)",
        "关于修改〈关于审理民间借贷案件适用法律若干问题的规定〉的决定",
        "Decision amending the Provisions on private-lending cases",
        "Court protection of private-lending interest capped at 4 × the one-year LPR (15.4 % at the July 2020 LPR of 3.85 %), "
        "replacing the 24 % / 36 % bands of 2015.",
        "Court cap 4 × LPR", "spc2020privatelending",
    ),
    (
        "2020-09-16", "lending", "CBIRC",
        "关于加强小额贷款公司监督管理的通知", "Notice on strengthening the supervision of microlending companies",
        "Borrowing from banks and shareholders ≤ 1 × net assets; bonds and ABS ≤ 4 × net assets.",
        "Microlender leverage 1×/4×", "cbirc2020microlenders",
    ),
    (
        "2020-11-02", "lending", "CBIRC and PBoC",
        "网络小额贷款业务管理暂行办法(征求意见稿)", "Interim Measures for Online Microlending (draft for comment)",
        "In co-lending the microlender funds ≥ 30 % of each loan; registered capital ≥ RMB 1 bn (≥ 5 bn across provinces); "
        "leverage ≤ 1 × / 4 × net assets; per-person balance ≤ RMB 300,000 and ≤ ⅓ of 3-year average income.",
        "Draft microlending rules (30 %)", "cbirc2020microlendingdraft",
    ),
    (
        "2020-11-03", "ant", "Shanghai Stock Exchange",
        "暂缓蚂蚁科技集团股份有限公司科创板上市", "Suspension of Ant Group's STAR Market listing",
        "Listing due 5 Nov 2020 suspended after the 2 Nov regulatory interview (约谈) by PBoC, CBIRC, CSRC and SAFE; "
        "the Hong Kong leg followed; the IPO was to raise about US$37 bn.",
        "Ant IPO suspended", "reuters2020antipo",
    ),
    (
        "2020-12-26", "ant", "PBoC, CBIRC, CSRC and SAFE",
        "金融管理部门约谈蚂蚁集团", "Second regulatory interview of Ant Group",
        "Ant told to return to payments, run personal credit reporting legally, set up a financial holding company "
        "and rectify its credit, insurance and wealth business.",
        "Second interview", "reuters2020antinterview",
    ),
    (
        "2021-01-01", "rates", "Supreme People's Court",
        "关于新民间借贷司法解释适用范围问题的批复(法释〔2020〕27号)",
        "Reply on the scope of the new private-lending interpretation (Fa Shi 2020 No. 27)",
        "Seven kinds of locally supervised lenders, microlenders included, count as financial institutions, "
        "so the 4 × LPR private-lending cap does not apply to them; in force 1 Jan 2021.",
        "SPC reply: licensed lenders outside cap", "spc2020reply",
    ),
    (
        "2021-02-20", "lending", "CBIRC General Office",
        "关于进一步规范商业银行互联网贷款业务的通知(银保监办发〔2021〕24号)",
        "Notice on further regulating commercial banks' internet-loan business (CBIRC Office 2021 No. 24)",
        "Partner funds ≥ 30 % of each co-funded loan; balance with one partner ≤ 25 % of the bank's net tier-1 capital; "
        "all co-lending ≤ 50 % of the bank's loans; local banks may not lend online outside their region.",
        "Co-lending notice (30/25/50 %)", "cbirc2021colending",
    ),
    (
        "2021-03-17", "lending", "CBIRC, CAC, MoE, MPS and PBoC",
        "关于进一步规范大学生互联网消费贷款监督管理工作的通知",
        "Notice on further regulating internet consumer loans to college students",
        "Microlenders may not make internet consumer loans to college students or market to them.",
        "No microloans to students", "cbirc2021students",
    ),
    (
        "2021-03-31", "rates", "PBoC",
        "中国人民银行公告〔2021〕第3号", "PBoC Announcement 2021 No. 3 (annualised-rate disclosure)",
        "Every loan product must show its annualised rate (年化利率), covering interest and all related fees on the "
        "principal actually received, more prominently than any daily or monthly rate.",
        "APR disclosure", "pbc2021apr",
    ),
    (
        "2021-04-12", "ant", "PBoC",
        "蚂蚁集团整改方案", "Ant Group rectification plan",
        "Ant to become a financial holding company, cut improper links between Alipay and Huabei/Jiebei, comply with "
        "credit-reporting rules and fold Huabei and Jiebei into its consumer-finance company.",
        "Rectification plan", "shanghaidaily2021antplan",
    ),
    (
        "2021-06-03", "ant", "CBIRC Chongqing office",
        "重庆蚂蚁消费金融有限公司开业批复", "Opening approval of Chongqing Ant Consumer Finance",
        "Consumer-finance licence; registered capital RMB 8 bn, Ant holding 50 %.",
        "Ant Consumer Finance opens", "reuters2021antconsumerfinance",
    ),
    (
        "2021-07-07", "reporting", "PBoC Credit Information Management Bureau",
        "断直连(平台与金融机构个人信息直连切断)", "Cutting direct data links between platforms and lenders",
        "Platforms may not pass applicants' personal information or scores directly to lenders; data must flow "
        "platform → licensed credit bureau → lender.",
        "Cut direct data links", "wemoney2021duanzhilian",
    ),
    (
        "2021-09-22", "reporting", "Huabei (Ant Consumer Finance)",
        "花呗接入央行征信系统", "Huabei reports to the PBoC credit reference system",
        "With the user's authorisation, monthly reports of opening date, credit line, usage and repayment; users who "
        "refuse cannot keep using Huabei.",
        "Huabei in PBoC report", "scmp2021huabeireporting",
    ),
    (
        "2021-09-30", "reporting", "PBoC",
        "征信业务管理办法(中国人民银行令〔2021〕第4号)",
        "Measures for the Administration of Credit Reporting Business (PBoC Order 2021 No. 4)",
        "Credit information defined broadly (scores and anti-fraud products are credit reporting); adopted 17 Sep, "
        "published 30 Sep 2021, in force 1 Jan 2022.",
        "Credit-reporting Measures", "pbc2021creditreporting",
    ),
    (
        "2021-11-07", "ant", "Ant Group",
        "借呗与信用贷品牌隔离", "Jiebei brand split: 借呗 and 信用贷",
        "Bank-funded cash loans shown as 信用贷 with the bank named; only Ant Consumer Finance loans keep the 借呗 name; "
        "bank-funded Huabei became 信用购 from 24 Nov 2021.",
        "Bank-funded lines relabelled", "yicai2021brandsplit",
    ),
    (
        "2022-12-30", "ant", "CBIRC Chongqing office",
        "重庆蚂蚁消费金融增资至185亿元", "Capital increase of Ant Consumer Finance to RMB 18.5 bn",
        "Registered capital to rise from RMB 8 bn to 18.5 bn (notice dated 30 Dec 2022, made public in early "
        "January 2023); Ant keeps 50 %.",
        "Capital 18.5 bn", "ap2023antcapital",
    ),
    (
        "2023-05-18", "lending", "State Council",
        "国家金融监督管理总局挂牌", "National Financial Regulatory Administration (NFRA) set up",
        "NFRA replaces CBIRC and supervises all finance except securities.",
        "NFRA set up", "xinhua2023nfra",
    ),
    (
        "2023-07-07", "ant", "PBoC with NFRA and CSRC",
        "对蚂蚁集团及旗下机构的行政处罚", "Penalty on Ant Group and its subsidiaries",
        "Fine of RMB 7.123 bn; Xianghubao ordered closed; platform finance moves to 'normalised supervision'.",
        "Fine RMB 7.123 bn", "reuters2023antfine",
    ),
    (
        "2024-04-18", "lending", "National Financial Regulatory Administration (NFRA)",
        "消费金融公司管理办法(国家金融监督管理总局令2024年第4号)",
        "Measures for the Administration of Consumer Finance Companies (NFRA Order 2024 No. 4)",
        "Minimum registered capital raised from RMB 300 m to 1 bn; guarantee-backed lending ≤ 50 % of loans; "
        "consumption loans exclude housing and cars; in force 18 Apr 2024.",
        "Consumer-finance Measures", "nfra2024consumerfinance",
    ),
)


def regulation_timeline() -> pd.DataFrame:
    """The rules and events of 2017–2024 that shaped Huabei and Jiebei, one row each.

    Every row carries ``source``, a key of ``book/references.bib``; the page
    cites each row with it. Dates are the date of issue (or of entry into force
    where the provision is dated that way, as for the 2017 card-rate band and
    the 2021 court reply).

    Returns
    -------
    DataFrame with columns ``date`` (Timestamp), ``category`` (one of
    :data:`TIMELINE_CATEGORIES`), ``issuer``, ``name_zh``, ``name_en``,
    ``provisions``, ``short`` (label for the figure) and ``source``.

    Examples
    --------
    >>> t = regulation_timeline()
    >>> t.loc[t["name_zh"].str.contains("24号"), "provisions"].str.contains("30 %").item()
    True
    >>> t["date"].is_monotonic_increasing
    True
    """
    frame = pd.DataFrame(
        _TIMELINE_ROWS,
        columns=["date", "category", "issuer", "name_zh", "name_en", "provisions", "short", "source"],
    )
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def timeline_table(timeline: pd.DataFrame | None = None) -> pd.DataFrame:
    """The timeline formatted for a page: Date, Issuer, Document (中文 / English), Key provisions, Source.

    Examples
    --------
    >>> list(timeline_table().columns)
    ['Date', 'Issuer', 'Document (中文)', 'Document (English)', 'Key provisions', 'Source']
    """
    if timeline is None:
        timeline = regulation_timeline()
    require_columns("timeline", timeline, ["date", "issuer", "name_zh", "name_en", "provisions", "source"])
    return pd.DataFrame(
        {
            "Date": timeline["date"].dt.strftime("%d %b %Y"),
            "Issuer": timeline["issuer"],
            "Document (中文)": timeline["name_zh"],
            "Document (English)": timeline["name_en"],
            "Key provisions": timeline["provisions"],
            "Source": timeline["source"],
        }
    ).reset_index(drop=True)


def plot_timeline(timeline: pd.DataFrame | None = None) -> Any:
    """Timeline figure: one row per rule or event, coloured and shaped by category.

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> plot_timeline().alt.startswith("Timeline of 22 rules and events")
    True
    """
    from matplotlib.dates import YearLocator, DateFormatter

    from lessons.plotting import PALETTE, chart, subplots

    if timeline is None:
        timeline = regulation_timeline()
    require_columns("timeline", timeline, ["date", "category", "short"])
    lanes = list(TIMELINE_CATEGORIES)
    colours = dict(zip(lanes, [PALETTE["vermillion"], PALETTE["blue"], PALETTE["green"], PALETTE["purple"]]))
    markers = dict(zip(lanes, ["o", "s", "D", "^"]))
    rows = timeline.sort_values("date").reset_index(drop=True)
    fig, ax = subplots(width=7.5, height=0.22 * len(rows) + 1.2)
    y = np.arange(len(rows))[::-1]
    for cat in lanes:
        mask = (rows["category"] == cat).to_numpy()
        ax.scatter(rows.loc[mask, "date"], y[mask], color=colours[cat], marker=markers[cat], s=28, zorder=3,
                   label=TIMELINE_CATEGORIES[cat])
    right_side = rows["date"] < pd.Timestamp("2022-07-01")
    for yi, date, label, right in zip(y, rows["date"], rows["short"], right_side):
        text = f"{date:%b %Y}  {label}" if right else f"{label}  {date:%b %Y}"
        pad = pd.Timedelta(days=45)
        ax.text(date + pad if right else date - pad, yi, text, fontsize=7, va="center",
                ha="left" if right else "right", color="#222222")
    ax.set_yticks([])
    ax.set_ylim(-1, len(rows))
    ax.set_xlim(pd.Timestamp("2016-07-01"), pd.Timestamp("2025-01-01"))  # labels after mid-2022 sit left
    ax.xaxis.set_major_locator(YearLocator())
    ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    ax.grid(axis="y", visible=False)
    ax.legend(frameon=False, fontsize=7.5, loc="lower left")
    counts = timeline["category"].value_counts()
    per_year = timeline["date"].dt.year.value_counts()
    busiest = int(per_year.idxmax())
    alt = (
        f"Timeline of {len(timeline)} rules and events from {timeline['date'].min():%B %Y} to "
        f"{timeline['date'].max():%B %Y} in four lanes ("
        + ", ".join(f"{TIMELINE_CATEGORIES[c].lower()}: {int(counts.get(c, 0))}" for c in lanes)
        + f"). The busiest year is {busiest} with {int(per_year.max())} entries, from the "
        + "; ".join(timeline.loc[timeline["date"].dt.year == busiest, "short"].head(4))
        + " onwards."
    )
    return chart(fig, alt=alt, caption="Rules and events that reshaped Huabei and Jiebei, 2017–2024 (sources in the table below).")


# ---------------------------------------------------------------------------
# Credit supply: equity, own share, leverage caps, partner limits
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SupplyRules:
    """The rule levers that bound a lending platform's loan book.

    Attributes
    ----------
    own_share : float
        Smallest share of each loan the platform funds itself (its co-lending
        contribution), in (0, 1]. The platform may fund more if that lets it lend more.
    borrowing_multiple : float
        Cap on borrowing from banks and shareholders, as a multiple of net assets (>= 0).
    abs_multiple : float
        Cap on bonds and asset-backed securities, as a multiple of net assets (>= 0).
    per_partner_cap : float or None
        Cap on one partner bank's co-lending with the platform, as a share of the
        bank's net tier-1 capital, in (0, 1]; ``None`` for no cap.
    total_colending_cap : float or None
        Cap on a bank's co-lending with all platforms, as a share of its total
        loans, in (0, 1]; ``None`` for no cap.
    label : str
        Name used in tables.

    Examples
    --------
    >>> SupplyRules(own_share=0.3, borrowing_multiple=1, abs_multiple=4).per_partner_cap is None
    True
    """

    own_share: float
    borrowing_multiple: float
    abs_multiple: float
    per_partner_cap: float | None = None
    total_colending_cap: float | None = None
    label: str = ""

    def __post_init__(self) -> None:
        as_number("own_share", self.own_share, low=0, high=1, low_open=True)
        as_number("borrowing_multiple", self.borrowing_multiple, low=0, high=1000)
        as_number("abs_multiple", self.abs_multiple, low=0, high=1000)
        if self.per_partner_cap is not None:
            as_number("per_partner_cap", self.per_partner_cap, low=0, high=1, low_open=True)
        if self.total_colending_cap is not None:
            as_number("total_colending_cap", self.total_colending_cap, low=0, high=1, low_open=True)


#: Before the 2020 rules. The 2 % own share is the share of Ant's credit balance on its own balance sheet at
#: 30 June 2020 (a fact); the leverage multiples are illustrative, not calibrated to Ant Group (there was no
#: national cap); partner banks faced no concentration limit for co-lending.
PRE_2020 = SupplyRules(own_share=0.02, borrowing_multiple=2.0, abs_multiple=6.0, label="Before 2020")

#: After the 2020–2021 rules: leverage ≤ 1× / 4× net assets (CBIRC, Sep 2020; draft Measures, Nov 2020),
#: own share ≥ 30 % (draft Measures, Nov 2020), per-partner ≤ 25 % of net tier-1 capital and all co-lending
#: ≤ 50 % of the bank's loans (CBIRC Office 2021 No. 24). All five numbers are from the rules.
POST_2021 = SupplyRules(
    own_share=0.30,
    borrowing_multiple=1.0,
    abs_multiple=4.0,
    per_partner_cap=0.25,
    total_colending_cap=0.50,
    label="After 2020–21 rules",
)


@dataclass(frozen=True)
class PartnerBanks:
    """The partner banks that co-fund the platform's loans (illustrative, not calibrated to Ant Group).

    Attributes
    ----------
    n_banks : int
        Number of partner banks (about 100 in 2020).
    tier1_capital : float
        Net tier-1 capital of each bank, RMB bn (illustrative).
    total_loans : float
        Total loans of each bank, RMB bn (illustrative).
    platform_slice : float
        Share of a bank's room for co-lending with all platforms that this platform can get (illustrative).

    Examples
    --------
    >>> PartnerBanks().n_banks
    100
    """

    n_banks: int = 100
    tier1_capital: float = 20.0
    total_loans: float = 200.0
    platform_slice: float = 0.10

    def __post_init__(self) -> None:
        as_int("n_banks", self.n_banks, low=1, high=10_000)
        as_number("tier1_capital", self.tier1_capital, low=0, low_open=True)
        as_number("total_loans", self.total_loans, low=0, low_open=True)
        as_number("platform_slice", self.platform_slice, low=0, high=1, low_open=True)


@dataclass(frozen=True)
class LoanBook:
    """The bound on a platform's loan book and what sets it (amounts in RMB bn).

    Examples
    --------
    >>> LoanBook(10, 60, 500, 200, 0.3, "own funding").multiplier
    20.0
    """

    equity: float
    own_capacity: float
    partner_capacity: float
    max_book: float
    own_share_used: float
    binding: str

    @property
    def multiplier(self) -> float:
        """Loans per yuan of equity."""
        return self.max_book / self.equity


def max_loan_book(equity: float, rules: SupplyRules, partners: PartnerBanks | None = None) -> LoanBook:
    """Largest loan book a platform can carry under the rules.

    The platform's lending entity can hold loans up to its net assets plus what
    it may borrow and securitise:
    ``own_capacity = equity × (1 + borrowing_multiple + abs_multiple)``.
    Partner banks fund the rest of each loan, up to
    ``partner_capacity = n_banks × min(per_partner_cap × tier1_capital,
    total_colending_cap × total_loans × platform_slice)`` (unlimited when
    neither cap is set). If the platform funds a share ``s`` of every loan, the
    book is at most ``min(own_capacity / s, partner_capacity / (1 − s))``. The
    rule sets the SMALLEST share; when partner money runs out first, the
    platform funds more of each loan itself, up to the point where both run
    out together. So the bound is

        ``max_book = min(own_capacity / own_share, own_capacity + partner_capacity)``.

    It never rises when the own share rises or a cap falls.

    Parameters
    ----------
    equity : float
        Net assets of the lending entity, RMB bn, > 0.
    rules : SupplyRules
        The rule levers (see :data:`PRE_2020` and :data:`POST_2021`).
    partners : PartnerBanks, optional
        The partner banks (illustrative defaults).

    Returns
    -------
    LoanBook

    Examples
    --------
    >>> book = max_loan_book(10, POST_2021)
    >>> round(book.max_book), round(book.multiplier), book.binding
    (200, 20, 'own funding')
    >>> round(max_loan_book(10, PRE_2020).multiplier)
    450
    """
    equity = as_number("equity", equity, low=0, low_open=True, high=1e6)
    if not isinstance(rules, SupplyRules):
        raise TypeError(f"rules must be a SupplyRules; got {type(rules).__name__}")
    if partners is None:
        partners = PartnerBanks()
    if not isinstance(partners, PartnerBanks):
        raise TypeError(f"partners must be a PartnerBanks; got {type(partners).__name__}")
    own_capacity = equity * (1.0 + rules.borrowing_multiple + rules.abs_multiple)
    per_bank = math.inf
    if rules.per_partner_cap is not None:
        per_bank = min(per_bank, rules.per_partner_cap * partners.tier1_capital)
    if rules.total_colending_cap is not None:
        per_bank = min(per_bank, rules.total_colending_cap * partners.total_loans * partners.platform_slice)
    partner_capacity = partners.n_banks * per_bank
    by_own = own_capacity / rules.own_share
    both = own_capacity + partner_capacity
    if by_own <= both:
        return LoanBook(equity, own_capacity, partner_capacity, by_own, rules.own_share, "own funding")
    return LoanBook(equity, own_capacity, partner_capacity, both, own_capacity / both, "partner limits")


def supply_comparison(
    equity: float = 10.0,
    configurations: Sequence[SupplyRules] = (PRE_2020, POST_2021),
    partners: PartnerBanks | None = None,
) -> pd.DataFrame:
    """One row per rule configuration: capacities, the maximum book and loans per yuan of equity.

    Examples
    --------
    >>> supply_comparison()["loans_per_yuan_of_equity"].round(0).tolist()
    [450.0, 20.0]
    """
    rows = []
    for rules in configurations:  # a handful of configurations
        book = max_loan_book(equity, rules, partners)
        rows.append(
            {
                "configuration": rules.label,
                "own_share": rules.own_share,
                "borrowing_multiple": rules.borrowing_multiple,
                "abs_multiple": rules.abs_multiple,
                "per_partner_cap": rules.per_partner_cap,
                "total_colending_cap": rules.total_colending_cap,
                "own_capacity": book.own_capacity,
                "partner_capacity": book.partner_capacity,
                "max_book": book.max_book,
                "loans_per_yuan_of_equity": book.multiplier,
                "binding": book.binding,
            }
        )
    return pd.DataFrame(rows)


def multiplier_curve(
    own_shares: Sequence[float] | np.ndarray,
    rules: SupplyRules = POST_2021,
    partners: PartnerBanks | None = None,
    *,
    equity: float = 10.0,
) -> pd.DataFrame:
    """Loans per yuan of equity as the own share varies, other levers as in ``rules``.

    ``equity`` (RMB bn) matters because the partner banks' room is an amount, not a multiple.

    Examples
    --------
    >>> multiplier_curve([0.1, 0.3])["loans_per_yuan_of_equity"].round(0).tolist()
    [56.0, 20.0]
    """
    shares = as_float_array("own_shares", own_shares, low=1e-9, high=1.0)
    books = [max_loan_book(equity, replace(rules, own_share=float(s)), partners) for s in shares]
    return pd.DataFrame(
        {
            "own_share": shares,
            "loans_per_yuan_of_equity": [b.multiplier for b in books],
            "binding": [b.binding for b in books],
        }
    )


def plot_multiplier_curve(
    rules: SupplyRules = POST_2021, partners: PartnerBanks | None = None, *, equity: float = 10.0
) -> Any:
    """Loans per yuan of equity against the own share, for given leverage and partner rules.

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> "20 yuan at 30 %" in plot_multiplier_curve().alt
    True
    """
    from lessons.plotting import PALETTE, chart, subplots

    shares = np.linspace(0.01, 1.0, 100)
    curve = multiplier_curve(shares, rules, partners, equity=equity)
    fig, ax = subplots(width=6.5, height=3.2)
    for binding, colour in (("partner limits", PALETTE["orange"]), ("own funding", PALETTE["blue"])):
        part = curve[curve["binding"] == binding]
        ax.plot(100 * part["own_share"], part["loans_per_yuan_of_equity"], color=colour, lw=2.2,
                label=f"bound set by {binding}")
    ax.set_ylim(0, 1.2 * float(curve["loans_per_yuan_of_equity"].max()))
    ax.set_xlabel("Platform's own share of each loan (%)")
    ax.set_ylabel("Loans per yuan of equity")
    marks = [s for s in (0.02, 0.30) if s <= 1]
    for s in marks:
        m = max_loan_book(equity, replace(rules, own_share=s), partners).multiplier
        ax.scatter([100 * s], [m], color=PALETTE["black"], zorder=4, s=20)
        ax.annotate(f"{100 * s:.0f} %: {m:.0f} yuan", (100 * s, m), textcoords="offset points", xytext=(6, 6),
                    fontsize=8)
    ax.legend(frameon=False, fontsize=8)
    m2 = max_loan_book(equity, replace(rules, own_share=0.02), partners).multiplier
    m30 = max_loan_book(equity, replace(rules, own_share=0.30), partners).multiplier
    return chart(
        fig,
        alt=(
            f"Under {rules.label or 'the chosen rules'}, one yuan of equity supports {m2:.0f} yuan of loans at a 2 % own "
            f"share and {m30:.0f} yuan at 30 %, falling to {curve['loans_per_yuan_of_equity'].iloc[-1]:.0f} yuan when "
            "the platform funds whole loans; at low shares the partner banks' limits set the bound."
        ),
        caption="Loans per yuan of equity against the platform's own share of each loan (illustrative partner banks, "
        "not calibrated to Ant Group).",
    )


def timeline_view(category: str = "all") -> str:
    """Widget function: the timeline rows of one category (or all) as an HTML table, with a count.

    Parameters
    ----------
    category : str
        ``"all"`` or a key of :data:`TIMELINE_CATEGORIES`.

    Examples
    --------
    >>> "Internet Loans of Commercial Banks" in timeline_view("lending")
    True
    """
    import html as _html

    require_one_of("category", category, ["all", *TIMELINE_CATEGORIES])
    timeline = regulation_timeline()
    if category != "all":
        timeline = timeline[timeline["category"] == category]
    table = timeline_table(timeline).drop(columns=["Source"])
    name = "all categories" if category == "all" else TIMELINE_CATEGORIES[category].lower()
    first, last = timeline["date"].min(), timeline["date"].max()
    head = (
        f"<p><strong>{len(timeline)} entries</strong> in {_html.escape(name)}, "
        f"{first:%b %Y} to {last:%b %Y}.</p>"
    )
    return head + table.to_html(index=False, classes="lessons-table", border=0, escape=True)


# ---------------------------------------------------------------------------
# Rationing a smaller loan book with Chapter 1's scores
# ---------------------------------------------------------------------------

#: Share of applicants the platform approves when supply does not bind (illustrative, not calibrated to Ant Group).
BASE_APPROVAL_RATE = 0.70

#: Loan demand at the base approval rate, in yuan per yuan of the platform's original equity (illustrative, not
#: calibrated to Ant Group). With the pre-2020 rules the platform could lend far more than this, so its cut-off
#: was set by risk alone; with the post-2020 rules it can lend half of it.
DEMAND_PER_EQUITY = 40.0

#: Equity of the platform's lending entity before any capital increase, RMB bn (illustrative).
BASE_EQUITY = 10.0

#: Readable names of Chapter 1's segment columns.
SEGMENT_NAMES: Mapping[str, str] = {
    "thin_file": "Credit record",
    "age_band": "Age band",
    "city_tier": "City tier",
    "business_owner": "Occupation",
}

RULE_SETS: Mapping[str, SupplyRules] = {"pre": PRE_2020, "post": POST_2021}


def scored_population(applicants: pd.DataFrame, model: credit.PlatformModel | None = None) -> pd.DataFrame:
    """Chapter 1's score for every applicant, beside the columns this chapter segments by.

    Uses :func:`lessons.credit.fit_platform_model` and
    :func:`lessons.credit.score_applicants` (imported, not copied), so the
    people rationed here are scored exactly as in Chapter 1.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants`.
    model : lessons.credit.PlatformModel, optional
        Fitted on ``applicants`` with Chapter 1's default features if omitted.

    Returns
    -------
    DataFrame with columns ``score`` (points, higher = safer), ``default``,
    Chapter 1's segment columns (:data:`lessons.credit.SEGMENT_COLUMNS`) and
    their readable labels (``<segment>_label``, from :func:`lessons.credit.segment_labels`).

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> scored = scored_population(synthetic_applicants(n=2000, seed=1))
    >>> list(scored.columns[:3]), bool(scored["score"].between(300, 900).all())
    (['score', 'default', 'thin_file'], True)
    """
    require_columns("applicants", applicants, ["default", *credit.SEGMENT_COLUMNS])
    if model is None:
        model = credit.fit_platform_model(applicants)
    scores = credit.score_applicants(model, applicants)
    out = applicants[["default", *credit.SEGMENT_COLUMNS]].reset_index(drop=True).copy()
    out.insert(0, "score", np.asarray(scores, dtype=float))
    for segment in credit.SEGMENT_COLUMNS:
        out[f"{segment}_label"] = credit.segment_labels(out, segment).to_numpy()
    return out


def served_share(max_book: float, demand: float) -> float:
    """Share of demand that a loan book of ``max_book`` can serve: ``min(1, max_book / demand)``.

    Examples
    --------
    >>> served_share(20, 40), served_share(450, 40)
    (0.5, 1.0)
    """
    max_book = as_number("max_book", max_book, low=0)
    demand = as_number("demand", demand, low=0, low_open=True)
    return min(1.0, max_book / demand)


def implied_cutoff(
    scores: Sequence[float] | np.ndarray, served: float, *, base_approval_rate: float = BASE_APPROVAL_RATE
) -> float:
    """The cut-off that rations supply: approve the best ``base_approval_rate × served`` of applicants.

    Every approved applicant is assumed to borrow the same amount (an
    illustrative simplification), so serving a share ``served`` of demand means
    approving that share of the applicants approved when supply is ample. The
    platform keeps the highest scores, so the cut-off is Chapter 1's
    :func:`lessons.credit.cutoff_for_approval_rate` at the smaller rate. It
    never falls when supply falls.

    Parameters
    ----------
    scores : array-like
        Chapter 1 scores (higher = safer).
    served : float
        Share of demand served, in [0, 1].
    base_approval_rate : float
        Approval rate when supply does not bind, in (0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> implied_cutoff([500, 550, 600, 650, 700, 750, 800, 850, 900, 950], 0.5, base_approval_rate=0.8)
    800.0
    """
    scores = as_float_array("scores", scores)
    served = as_number("served", served, low=0, high=1)
    base_approval_rate = as_number("base_approval_rate", base_approval_rate, low=0, high=1, low_open=True)
    return float(credit.cutoff_for_approval_rate(scores, base_approval_rate * served))


def supply_outcome(
    own_share: float,
    rules: str | SupplyRules = "post",
    equity_multiple: float = 1.0,
    *,
    partners: PartnerBanks | None = None,
    demand_per_equity: float = DEMAND_PER_EQUITY,
) -> dict[str, Any]:
    """The supply side of the widget: the book, loans per yuan of equity and the share of demand served.

    ``rules`` is ``"pre"``, ``"post"`` or a :class:`SupplyRules`; ``own_share``
    replaces its own share. Equity is ``BASE_EQUITY × equity_multiple``;
    demand is ``demand_per_equity × BASE_EQUITY`` (illustrative).

    Examples
    --------
    >>> out = supply_outcome(0.30, "post")
    >>> round(out["multiplier"]), out["served"]
    (20, 0.5)
    """
    if isinstance(rules, str):
        require_one_of("rules", rules, list(RULE_SETS))
        rules = RULE_SETS[rules]
    if not isinstance(rules, SupplyRules):
        raise TypeError(f"rules must be 'pre', 'post' or a SupplyRules; got {type(rules).__name__}")
    equity_multiple = as_number("equity_multiple", equity_multiple, low=0, low_open=True, high=100)
    demand_per_equity = as_number("demand_per_equity", demand_per_equity, low=0, low_open=True)
    book = max_loan_book(BASE_EQUITY * equity_multiple, replace(rules, own_share=own_share), partners)
    demand = demand_per_equity * BASE_EQUITY
    return {
        "book": book,
        "multiplier": book.multiplier,
        "demand": demand,
        "served": served_share(book.max_book, demand),
    }


def rationing_by_segment(
    scored: pd.DataFrame,
    served: float,
    *,
    base_approval_rate: float = BASE_APPROVAL_RATE,
    segments: Sequence[str] = tuple(SEGMENT_NAMES),
) -> pd.DataFrame:
    """Who loses access when only a share ``served`` of demand can be met, segment by segment.

    The cut-offs come from Chapter 1's :func:`lessons.credit.cutoff_for_approval_rate`
    (through :func:`implied_cutoff`) and the counts from Chapter 1's
    :func:`lessons.credit.approval_by_segment`, applied at the rationed cut-off
    to the applicants approved at the base cut-off.

    Parameters
    ----------
    scored : DataFrame
        From :func:`scored_population`.
    served : float
        Share of demand served, in [0, 1].
    base_approval_rate : float
        Approval rate when supply does not bind.
    segments : sequence of str
        Segment columns (from :data:`lessons.credit.SEGMENT_COLUMNS`).

    Returns
    -------
    DataFrame with ``dimension``, ``segment``, ``applicants``, ``approval_base``,
    ``approval_rationed`` and ``lose_access`` (the share of the segment's
    previously approved applicants who are no longer approved), plus a first
    row for everyone. ``table.attrs`` holds ``base_cutoff`` and ``cutoff``.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> table = rationing_by_segment(scored_population(synthetic_applicants(n=2000, seed=1)), 0.5)
    >>> round(float(table.loc[0, "lose_access"]), 2), table.attrs["cutoff"] > table.attrs["base_cutoff"]
    (0.5, True)
    """
    require_columns("scored", scored, ["score", *segments])
    served = as_number("served", served, low=0, high=1, low_open=True)
    for segment in segments:
        require_one_of("segments", segment, credit.SEGMENT_COLUMNS)
    scores = scored["score"].to_numpy(dtype=float)
    base_cut = implied_cutoff(scores, 1.0, base_approval_rate=base_approval_rate)
    new_cut = implied_cutoff(scores, served, base_approval_rate=base_approval_rate)
    # Every applicant appears once per dimension in one long integer-coded column, so that Chapter 1's
    # approval_by_segment runs twice in all (not twice per dimension): this keeps a widget update fast.
    names: list[tuple[str, str]] = [("All", "all applicants")]
    parts = [np.zeros(len(scored), dtype=np.int64)]
    for segment in segments:  # four segmentations
        column = f"{segment}_label"
        labels = scored[column] if column in scored.columns else credit.segment_labels(scored, segment)
        codes, uniques = pd.factorize(labels, sort=True)
        parts.append(codes.astype(np.int64) + len(names))
        names.extend((SEGMENT_NAMES.get(segment, segment), str(u)) for u in uniques)
    long_codes = np.concatenate(parts)
    long_scores = np.tile(scores, len(parts))
    applicants = np.bincount(long_codes, minlength=len(names))
    # Chapter 1's approval_by_segment on the applicants approved at the base cut-off: its "applicants" column is
    # then each segment's previously approved count, and its "approved" column those who keep access.
    was_approved = long_scores >= base_cut
    kept = credit.approval_by_segment(long_scores[was_approved], long_codes[was_approved], new_cut)
    approved_before = np.zeros(len(names))
    approved_after = np.zeros(len(names))
    codes = kept["segment"].to_numpy(dtype=np.int64)
    approved_before[codes] = kept["applicants"].to_numpy(dtype=float)
    approved_after[codes] = kept["approved"].to_numpy(dtype=float)
    table = pd.DataFrame(
        {
            "dimension": [d for d, _ in names],
            "segment": [g for _, g in names],
            "applicants": applicants,
            "approval_base": approved_before / np.maximum(applicants, 1),
            "approval_rationed": approved_after / np.maximum(applicants, 1),
        }
    )
    table["lose_access"] = np.where(
        approved_before > 0, 1.0 - approved_after / np.maximum(approved_before, 1.0), np.nan
    )
    table = table[table["applicants"] > 0].reset_index(drop=True)
    table.attrs["base_cutoff"] = base_cut
    table.attrs["cutoff"] = new_cut
    return table


def rationing_summary(
    scored: pd.DataFrame,
    configurations: Mapping[str, tuple[float, str, float]] | None = None,
    *,
    base_approval_rate: float = BASE_APPROVAL_RATE,
) -> pd.DataFrame:
    """One row per configuration: loans per yuan of equity, share of demand served, approval rate and cut-off.

    ``configurations`` maps a label to ``(own_share, rules, equity_multiple)``.
    The default compares the rules before 2020 (2 % own share), after them
    (30 %), and after them with twice the equity.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> summary = rationing_summary(scored_population(synthetic_applicants(n=2000, seed=1)))
    >>> summary["share_of_demand_served"].tolist()
    [1.0, 0.5, 1.0]
    """
    require_columns("scored", scored, ["score"])
    if configurations is None:
        configurations = {
            "Before 2020 (2 % own share)": (0.02, "pre", 1.0),
            "After 2020–21 rules (30 %)": (0.30, "post", 1.0),
            "After the rules, equity doubled": (0.30, "post", 2.0),
        }
    scores = scored["score"].to_numpy(dtype=float)
    rows = []
    for label, (share, rules, multiple) in configurations.items():  # a handful of configurations
        out = supply_outcome(share, rules, multiple)
        rows.append(
            {
                "configuration": label,
                "loans_per_yuan_of_equity": out["multiplier"],
                "share_of_demand_served": out["served"],
                "approval_rate": base_approval_rate * out["served"],
                "cutoff": implied_cutoff(scores, out["served"], base_approval_rate=base_approval_rate),
            }
        )
    return pd.DataFrame(rows)


def plot_rationing(scored: pd.DataFrame, served: float, *, base_approval_rate: float = BASE_APPROVAL_RATE) -> Any:
    """Bar chart: share of each segment's previously approved applicants who lose access.

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> plot_rationing(scored_population(synthetic_applicants(n=2000, seed=1)), 0.5).alt.startswith("With 50 % of demand")
    True
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    table = rationing_by_segment(scored, served, base_approval_rate=base_approval_rate)
    table = table.iloc[::-1].reset_index(drop=True)
    fig, ax = subplots(width=7.0, height=0.26 * len(table) + 1.0)
    colours = {name: c for name, c in zip(["All", *SEGMENT_NAMES.values()], [PALETTE["black"], PALETTE["vermillion"],
                                                                            PALETTE["blue"], PALETTE["green"], PALETTE["purple"]])}
    y = np.arange(len(table))
    ax.barh(y, 100 * table["lose_access"].fillna(0), color=[colours[d] for d in table["dimension"]])
    ax.set_yticks(y, [f"{d}: {s}" if d != "All" else "All applicants" for d, s in zip(table["dimension"], table["segment"])],
                  fontsize=8)
    for yi, v in zip(y, table["lose_access"].fillna(0)):
        ax.text(100 * v + 0.5, yi, pct(v, 0), va="center", fontsize=7.5)
    ax.set_xlabel("Previously approved applicants who lose access (%)")
    ax.set_xlim(0, 100)
    worst = table[table["dimension"] != "All"].sort_values("lose_access").iloc[-1]
    best = table[table["dimension"] != "All"].sort_values("lose_access").iloc[0]
    overall = table.loc[table["dimension"] == "All", "lose_access"].item()
    return chart(
        fig,
        alt=(
            f"With {pct(served, 0)} of demand served, the cut-off rises from {table.attrs['base_cutoff']:.0f} to "
            f"{table.attrs['cutoff']:.0f} points and {pct(overall, 0)} of previously approved applicants lose access; "
            f"the most affected group is {worst['segment']} ({pct(worst['lose_access'], 0)}), the least affected "
            f"{best['segment']} ({pct(best['lose_access'], 0)})."
        ),
        caption="Who loses access when supply is rationed by score (synthetic applicants; supply and demand "
        "parameters illustrative, not calibrated to Ant Group).",
    )


def supply_view(
    scored: pd.DataFrame, *, own_share: float = 0.30, rules: str = "post", equity_multiple: float = 1.0
) -> str:
    """Widget function for the rule levers: supply multiplier, share served, implied cut-off, who loses access.

    Returns
    -------
    str
        HTML: a summary line and bars of the share of each segment's previously approved applicants who lose
        access (HTML keeps each update well under 100 ms).

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> html = supply_view(scored_population(synthetic_applicants(n=2000, seed=1)), own_share=0.3, rules="post")
    >>> "20 yuan of loans per yuan of equity" in html
    True
    """
    from lessons.plotting import PALETTE, pct

    out = supply_outcome(own_share, rules, equity_multiple)
    table = rationing_by_segment(scored, out["served"])
    colours = dict(zip(["All", *SEGMENT_NAMES.values()], [PALETTE["black"], PALETTE["vermillion"], PALETTE["blue"],
                                                          PALETTE["green"], PALETTE["purple"]]))
    rows = [
        (("All applicants" if d == "All" else f"{d}: {s}"), share, pct(share, 0), colours[d])
        for d, s, share in zip(table["dimension"], table["segment"], table["lose_access"].fillna(0.0).astype(float))
    ]
    book = out["book"]
    summary = (
        f"<p><strong>{out['multiplier']:.0f} yuan of loans per yuan of equity</strong> "
        f"(bound set by {book.binding}); the book serves <strong>{pct(out['served'], 0)}</strong> of demand. "
        f"The cut-off moves from {table.attrs['base_cutoff']:.0f} to <strong>{table.attrs['cutoff']:.0f}</strong> "
        f"points; approval falls from {pct(BASE_APPROVAL_RATE, 0)} to {pct(BASE_APPROVAL_RATE * out['served'], 0)} "
        "of applicants.</p>"
    )
    overall = table.loc[table["dimension"] == "All", "lose_access"].item()
    bars = html_bars(
        rows,
        scale=1.0,
        caption=(
            f"Share of previously approved applicants who lose access ({pct(overall, 0)} overall). Synthetic "
            "applicants; supply and demand parameters illustrative, not calibrated to Ant Group."
        ),
    )
    return summary + bars


# ---------------------------------------------------------------------------
# Credit reporting: what changes when every lender is visible
# ---------------------------------------------------------------------------


def visibility_scores(applicants: pd.DataFrame) -> pd.DataFrame:
    """Chapter 1's scorecard fitted twice: with the lenders a report showed before the reform, and with all of them.

    *Before*: the model uses Chapter 1's default features
    (:data:`lessons.credit.PLATFORM_FEATURES`), whose lender count is
    ``reported_lenders`` — the lines visible in the central-bank report before
    platform credit was reported. *After*: the same features with
    ``other_lenders`` (the true count) in its place, refitted, as a lender
    would once the report shows every line.

    Parameters
    ----------
    applicants : DataFrame
        From :func:`lessons.data.synthetic_applicants`.

    Returns
    -------
    DataFrame with ``score_before``, ``score_after``, ``other_lenders``,
    ``reported_lenders``, ``thin_file`` and ``default``.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> views = visibility_scores(synthetic_applicants(n=2000, seed=1))
    >>> list(views.columns[:2])
    ['score_before', 'score_after']
    """
    require_columns("applicants", applicants, ["other_lenders", "reported_lenders", "thin_file", "default"])
    before_features = tuple(credit.PLATFORM_FEATURES)
    if "reported_lenders" not in before_features:
        raise ValueError("lessons.credit.PLATFORM_FEATURES no longer contains 'reported_lenders'")
    after_features = tuple("other_lenders" if f == "reported_lenders" else f for f in before_features)
    before = credit.fit_platform_model(applicants, before_features)
    after = credit.fit_platform_model(applicants, after_features)
    return pd.DataFrame(
        {
            "score_before": credit.score_applicants(before, applicants),
            "score_after": credit.score_applicants(after, applicants),
            "other_lenders": applicants["other_lenders"].to_numpy(),
            "reported_lenders": applicants["reported_lenders"].to_numpy(),
            "thin_file": applicants["thin_file"].to_numpy(dtype=bool),
            "default": applicants["default"].to_numpy(dtype=int),
        }
    )


def visibility_comparison(views: pd.DataFrame, *, approval_rate: float = 0.70, heavy: int = 4) -> pd.DataFrame:
    """Approval and bad rates before and after full visibility, for heavy multi-lender borrowers and the rest.

    The approval rate is held at ``approval_rate`` in both views (the cut-off
    comes from :func:`lessons.credit.cutoff_for_approval_rate`), so the views
    differ only in who gets the places.

    Parameters
    ----------
    views : DataFrame
        From :func:`visibility_scores`.
    approval_rate : float
        Share of applicants approved, in (0, 1].
    heavy : int
        An applicant with at least this many other lenders (true count) is a heavy multi-lender borrower (>= 1).

    Returns
    -------
    DataFrame with one row per group (``heavy``, ``others``, ``all``) and columns
    ``applicants``, ``hidden_lenders`` (average lines the old report missed),
    ``approval_before``, ``approval_after``, ``bad_rate_before``, ``bad_rate_after``.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> table = visibility_comparison(visibility_scores(synthetic_applicants(n=4000, seed=1)), heavy=3)
    >>> table["group"].tolist()
    ['heavy (3+ lenders)', 'others (< 3 lenders)', 'all applicants']
    >>> bool(table.loc[0, "approval_after"] < table.loc[0, "approval_before"])
    True
    """
    require_columns("views", views, ["score_before", "score_after", "other_lenders", "reported_lenders", "default"])
    approval_rate = as_number("approval_rate", approval_rate, low=0, high=1, low_open=True)
    heavy = as_int("heavy", heavy, low=1, high=50)
    is_heavy = views["other_lenders"].to_numpy() >= heavy
    group = np.where(is_heavy, f"heavy ({heavy}+ lenders)", f"others (< {heavy} lenders)")
    defaults = views["default"].to_numpy(dtype=float)
    results = {}
    for view in ("before", "after"):
        scores = views[f"score_{view}"].to_numpy(dtype=float)
        cut = credit.cutoff_for_approval_rate(scores, approval_rate)
        by_group = credit.approval_by_segment(scores, group, cut, defaults=defaults).set_index("segment")
        approved = by_group["approved"].to_numpy(dtype=float)
        bads = np.nansum(by_group["bad_rate"].to_numpy(dtype=float) * approved)
        by_group.loc["all applicants", ["applicants", "approved"]] = [len(scores), approved.sum()]
        by_group.loc["all applicants", "approval_rate"] = approved.sum() / len(scores)
        by_group.loc["all applicants", "bad_rate"] = bads / approved.sum() if approved.sum() > 0 else np.nan
        results[view] = by_group
    hidden = (views["other_lenders"] - views["reported_lenders"]).to_numpy(dtype=float)
    hidden_by = pd.Series(hidden).groupby(pd.Series(group)).mean()
    hidden_by["all applicants"] = hidden.mean()
    order = [f"heavy ({heavy}+ lenders)", f"others (< {heavy} lenders)", "all applicants"]
    order = [g for g in order if g in results["before"].index]
    table = pd.DataFrame(
        {
            "group": order,
            "applicants": [int(results["before"].loc[g, "applicants"]) for g in order],
            "hidden_lenders": [float(hidden_by.get(g, np.nan)) for g in order],
            "approval_before": [float(results["before"].loc[g, "approval_rate"]) for g in order],
            "approval_after": [float(results["after"].loc[g, "approval_rate"]) for g in order],
            "bad_rate_before": [float(results["before"].loc[g, "bad_rate"]) for g in order],
            "bad_rate_after": [float(results["after"].loc[g, "bad_rate"]) for g in order],
        }
    )
    return table


def plot_visibility(views: pd.DataFrame, *, approval_rate: float = 0.70, heavy: int = 4) -> Any:
    """Two panels: approval rates and bad rates among the approved, before and after full visibility.

    Returns
    -------
    lessons.plotting.Chart

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> plot_visibility(visibility_scores(synthetic_applicants(n=2000, seed=1))).alt.startswith("At a fixed approval")
    True
    """
    from lessons.plotting import PALETTE, chart, pct, subplots

    table = visibility_comparison(views, approval_rate=approval_rate, heavy=heavy)
    fig, (left, right) = subplots(1, 2, width=7.4, height=3.0)
    x = np.arange(len(table))
    w = 0.38
    for ax, col, title in ((left, "approval", "Approval rate"), (right, "bad_rate", "Bad rate among the approved")):
        ax.bar(x - w / 2, 100 * table[f"{col}_before"], w, color=PALETTE["sky"], label="Report shows some lenders")
        ax.bar(x + w / 2, 100 * table[f"{col}_after"], w, color=PALETTE["vermillion"], label="Report shows all lenders")
        ax.set_xticks(x, [g.replace(" (", "\n(") for g in table["group"]], fontsize=7.5)
        ax.set_title(title, fontsize=9)
        ax.set_ylabel("%")
    left.legend(frameon=False, fontsize=7, loc="upper left")
    left.set_ylim(0, 100)
    h = table.iloc[0]
    a = table.iloc[-1]
    return chart(
        fig,
        alt=(
            f"At a fixed approval rate of {pct(approval_rate, 0)}, applicants with {heavy} or more other lenders are "
            f"approved {pct(h['approval_before'], 0)} of the time when the report shows only some lenders and "
            f"{pct(h['approval_after'], 0)} when it shows all; the bad rate among all approved applicants goes from "
            f"{pct(a['bad_rate_before'])} to {pct(a['bad_rate_after'])}."
        ),
        caption="Decisions before and after every lender becomes visible (synthetic applicants; Chapter 1's scorecard "
        "refitted on each view).",
    )


def reporting_view(views: pd.DataFrame, *, heavy: int = 4, approval_rate: float = 0.70) -> str:
    """Widget function: approval and bad rates before and after full visibility, as HTML bars.

    Examples
    --------
    >>> from lessons.data import synthetic_applicants
    >>> "Bad rate among everyone approved" in reporting_view(visibility_scores(synthetic_applicants(n=2000, seed=1)))
    True
    """
    from lessons.plotting import pct

    table = visibility_comparison(views, approval_rate=approval_rate, heavy=heavy)
    rows = []
    for _, r in table.iterrows():  # three groups
        rows.append((f"{r['group']}: approved, before", r["approval_before"], pct(r["approval_before"], 0), "sky"))
        rows.append((f"{r['group']}: approved, after", r["approval_after"], pct(r["approval_after"], 0), "vermillion"))
    h, a = table.iloc[0], table.iloc[-1]
    head = (
        f"<p>{int(h['applicants']):,} applicants have {heavy} or more other lenders; the old report missed "
        f"{h['hidden_lenders']:.1f} of their lines on average. Bad rate among everyone approved: "
        f"<strong>{pct(a['bad_rate_before'])}</strong> before, <strong>{pct(a['bad_rate_after'])}</strong> after.</p>"
    )
    return head + html_bars(
        rows,
        scale=1.0,
        caption=(
            f"Approval rates at a fixed overall approval rate of {pct(approval_rate, 0)}, when the report shows only "
            "some lenders (before) and all of them (after). Synthetic applicants."
        ),
    )
