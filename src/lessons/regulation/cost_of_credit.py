"""Models for the page *The true cost of credit* (book/regulation/cost-of-credit.ipynb).

Daily rate ↔ annual rate (simple and compounded), the true rate (IRR) of an
installment plan with a fee on the original principal, the rule of thumb
``APR ≈ 24·f/(n+1)``, the one-year LPR table, the two price lines (the judicial
cap of 4 × LPR for private lending and the 24 % line licensed lenders work to
in practice) and the true cost of one loan. The calculator widget and the installment chart are
in :mod:`lessons.regulation.figures`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lessons._validation import as_float_array, as_int, as_number
from lessons.regulation._checks import describe, require_choice

__all__ = [
    "DAYS_PER_YEAR",
    "COMPOUNDING",
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
    "lpr_history",
    "judicial_cap",
    "LICENSED_LENDER_LINE",
    "price_lines",
    "fee_for_apr",
    "LoanCost",
    "loan_cost",
]

DAYS_PER_YEAR = 365
COMPOUNDING = ("simple", "compound")


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
    require_choice("compounding", compounding, COMPOUNDING)
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
    require_choice("compounding", compounding, COMPOUNDING)
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
    allowed = "a mapping periods → total_fee or a sequence of (periods, total_fee) pairs"
    if isinstance(plans, Mapping):
        items = list(plans.items())
    elif isinstance(plans, (str, bytes, pd.DataFrame, pd.Series)) or not isinstance(plans, Iterable):
        raise ValueError(f"plans must be {allowed}; got {describe(plans)}")
    else:
        items = list(plans)
    if not items:
        raise ValueError("plans must list at least one (periods, total_fee) pair")
    rows = []
    for item in items:  # a handful of plans
        if isinstance(item, (str, bytes)) or not isinstance(item, Sized) or len(item) != 2:
            raise ValueError(f"plans must be {allowed}; got the item {describe(item)}")
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
    """One-year Loan Prime Rate (贷款市场报价利率, LPR) at selected fixings, and 4 × LPR.

    Each row is the level published at that monthly fixing. The rows are the
    fixings the course cites: not every LPR change (the LPR also moved between
    some rows, e.g. in 2021–2022), but every change from July 2024 on, and the
    latest fixing the course could verify (February 2026; see
    :func:`lessons.regulation.timeline.latest_event`).

    Returns
    -------
    DataFrame with columns ``date`` (Timestamp of the fixing), ``label``, ``lpr_1y`` and
    ``cap_4x`` (fractions) and ``source`` (a key of ``references.bib``).

    Examples
    --------
    >>> lpr_history()["cap_4x"].round(3).tolist()
    [0.154, 0.146, 0.138, 0.134, 0.124, 0.12, 0.12]
    >>> lpr_history()["label"].iloc[-1]
    'Feb 2026'
    """
    rows = [
        ("2020-04-20", "Apr 2020", 0.0385, "pbc-lpr"),
        ("2023-02-20", "Feb 2023", 0.0365, "pbc-lpr"),
        ("2023-08-21", "Aug 2023", 0.0345, "pbc-lpr"),
        ("2024-07-22", "Jul 2024", 0.0335, "fnn2024lpr"),
        ("2024-10-21", "Oct 2024", 0.0310, "xinhua2024lproct"),
        ("2025-05-20", "May 2025", 0.0300, "spglobal2025lpr"),
        ("2026-02-24", "Feb 2026", 0.0300, "xinhua2026lpr"),
    ]
    frame = pd.DataFrame(rows, columns=["date", "label", "lpr_1y", "source"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["cap_4x"] = [judicial_cap(x) for x in frame["lpr_1y"]]
    return frame[["date", "label", "lpr_1y", "cap_4x", "source"]]


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


#: The annual-rate line licensed lenders (banks, consumer-finance companies) work to in practice: 24 % a year.
#: No rule we could read prints it. It rests on supervisory window guidance to consumer-finance companies
#: (reported) and on the reading of the 2025 loan-facilitation notice (金规〔2025〕9号) by banks, platforms and the
#: financial press; see :func:`price_lines` for the sources and their status.
LICENSED_LENDER_LINE = 0.24


def price_lines(lpr_1y: float = 0.030) -> pd.DataFrame:
    """The public price lines for consumer credit, whom each binds, its status and its sources.

    Parameters
    ----------
    lpr_1y : float
        One-year LPR for the 4 × LPR line (default: 3.0 %, the rate at the latest fixing the course verified).

    Returns
    -------
    DataFrame with one row per line: ``line``, ``annual_rate`` (fraction), ``binds``, ``status`` and
    ``sources`` (keys of ``references.bib``, comma-separated). The 4 × LPR line is a rule for courts; the 24 %
    line is practice resting on guidance and on a reading of the 2025 notice; the 20 % line is reported window
    guidance for new consumer-finance loans.

    Examples
    --------
    >>> lines = price_lines()
    >>> lines["line"].tolist()
    ['4 × LPR', '24 % line', '20 % guidance']
    >>> lines["annual_rate"].round(3).tolist()
    [0.12, 0.24, 0.2]
    """
    cap = judicial_cap(lpr_1y)
    rows = [
        (
            "4 × LPR", cap, "private lending (民间借贷): what courts protect",
            "rule: Supreme People's Court decision of August 2020",
            "spc2020privatelending,spc2020reply",
        ),
        (
            "24 % line", LICENSED_LENDER_LINE, "licensed lenders in practice: banks, consumer-finance companies, "
            "loans facilitated by platforms",
            "practice, not a printed rule: window guidance to consumer-finance companies (reported, August 2021); "
            "banks' and the press's reading of the 2025 loan-facilitation notice",
            "stcn2021windowguidance,nfra2025loanfacilitation,yicai2025facilitation,gmteight2025facilitation",
        ),
        (
            "20 % guidance", 0.20, "new loans of consumer-finance companies (reported, October 2025)",
            "reported verbal window guidance; no document",
            "jiemian2025twentypercent",
        ),
    ]
    return pd.DataFrame(rows, columns=["line", "annual_rate", "binds", "status", "sources"])


def fee_for_apr(periods: int, nominal_apr: float, *, periods_per_year: int = 12) -> float:
    """The total fee (on the original amount) at which an installment plan's nominal APR equals ``nominal_apr``.

    The nominal APR of a plan rises with its fee, so the fee is found by
    bisection on :func:`installment_rates`; any smaller fee gives a lower APR.
    Use it to ask how large a quoted fee can be before a plan crosses a price
    line such as the 24 % line (:data:`LICENSED_LENDER_LINE`).

    Parameters
    ----------
    periods : int
        Number of installments, 1–360.
    nominal_apr : float
        Target nominal APR (IRR × periods_per_year) as a fraction, in (0, 5].
    periods_per_year : int
        12 for monthly installments.

    Returns
    -------
    float

    Examples
    --------
    >>> round(fee_for_apr(12, 0.24), 4)
    0.1347
    >>> round(installment_rates(12, total_fee=fee_for_apr(12, 0.24)).nominal_apr, 6)
    0.24
    >>> round(fee_for_apr(1, 0.12), 6)   # one installment: the fee is the monthly rate
    0.01
    """
    periods = as_int("periods", periods, low=1, high=360)
    nominal_apr = as_number("nominal_apr", nominal_apr, low=0, high=5, low_open=True)
    periods_per_year = as_int("periods_per_year", periods_per_year, low=1, high=366)

    def apr(fee: float) -> float:
        return installment_rates(periods, total_fee=fee, periods_per_year=periods_per_year).nominal_apr

    low, high = 0.0, 1.0
    while apr(high) < nominal_apr:  # the APR grows without bound with the fee; a few doublings at most
        low, high = high, 2.0 * high
    for _ in range(100):  # bisection to machine precision on the monotone map fee → APR
        mid = 0.5 * (low + high)
        if apr(mid) < nominal_apr:
            low = mid
        else:
            high = mid
        if high - low < 1e-13:
            break
    return 0.5 * (low + high)


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
    licensed_line: float = LICENSED_LENDER_LINE

    @property
    def above_cap(self) -> bool:
        """Whether the nominal APR is above the 4 × LPR benchmark (the line for private lending)."""
        return self.nominal_apr > self.cap

    @property
    def above_licensed_line(self) -> bool:
        """Whether the nominal APR is above the 24 % line licensed lenders work to (:data:`LICENSED_LENDER_LINE`)."""
        return self.nominal_apr > self.licensed_line


def loan_cost(
    amount: float,
    periods: int,
    *,
    total_fee: float | None = None,
    daily_rate: float | None = None,
    lpr_1y: float = 0.0385,
    licensed_line: float = LICENSED_LENDER_LINE,
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
    licensed_line : float
        The price line for licensed lenders (default :data:`LICENSED_LENDER_LINE`, 24 %).

    Returns
    -------
    LoanCost
        ``headline_rate`` is what the quote suggests per year (flat fee × 12/n,
        or daily rate × 365); ``nominal_apr`` is the IRR-based rate the 2021
        disclosure rule asks lenders to show; ``cap`` is 4 × ``lpr_1y``; ``licensed_line`` the 24 % line.

    Examples
    --------
    >>> c = loan_cost(10_000, 12, total_fee=0.088)
    >>> round(c.total_cost), round(100 * c.nominal_apr, 1), c.above_cap, c.above_licensed_line
    (880, 15.9, True, False)
    >>> c = loan_cost(10_000, 12, daily_rate=0.0003)
    >>> round(c.total_cost), round(100 * c.nominal_apr, 2)
    (593, 10.95)
    """
    amount = as_number("amount", amount, low=0, low_open=True, high=1e9)
    periods = as_int("periods", periods, low=1, high=36)
    cap = judicial_cap(lpr_1y)
    licensed_line = as_number("licensed_line", licensed_line, low=0, high=5, low_open=True)
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
            licensed_line=licensed_line,
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
        licensed_line=licensed_line,
    )
