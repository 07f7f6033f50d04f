"""The rules that bound a platform's loan book, as data: four named regimes, for the page
*Capital, leverage and co-lending* (book/regulation/credit-supply.ipynb).

Each :class:`Regime` names the lending entity it applies to, the period, whether
its rules were in force or only a draft, the rule levers as a :class:`SupplyRules`
and illustrative partner banks as :class:`PartnerBanks`, and a table of its levers
(:class:`Lever`) that says which numbers are rules (with a source key of
``book/references.bib``), which were observed, which are drafts, which are the
course's reading and which are illustrative, not calibrated to Ant Group.
The bound on the loan book and the rationing that uses these regimes are in
:mod:`lessons.regulation.credit_supply`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from lessons._validation import as_int, as_number
from lessons.regulation._checks import describe, require_choice

__all__ = [
    "SupplyRules",
    "PartnerBanks",
    "Lever",
    "LEVER_STATUSES",
    "Regime",
    "REGIMES",
    "REGIME_ALIASES",
    "PRE_2020",
    "POST_2021",
    "RULE_SETS",
    "ANT_CONSUMER_FINANCE_CAPITAL",
    "regime",
    "regime_levers",
]


@dataclass(frozen=True)
class SupplyRules:
    """The rule levers that bound a lending platform's loan book.

    Attributes
    ----------
    own_share : float
        Smallest share of each loan the lending entity funds itself (its
        co-lending contribution), in [0, 1]. The entity may fund more if that
        lets it lend more. ``0`` means pure loan facilitation: partner banks fund
        every loan in full and the entity funds nothing.
    borrowing_multiple : float or None
        Cap on borrowing from banks and shareholders, as a multiple of net assets
        (>= 0); ``None`` for no such cap (then ``capital_ratio`` must bound the book).
    abs_multiple : float or None
        Cap on bonds and asset-backed securities, as a multiple of net assets
        (>= 0); ``None`` for no such cap.
    per_partner_cap : float or None
        Cap on one partner bank's co-lending with the platform, as a share of the
        bank's net tier-1 capital, in (0, 1]; ``None`` for no cap.
    total_colending_cap : float or None
        Cap on a bank's co-lending with all platforms, as a share of its total
        loans, in (0, 1]; ``None`` for no cap.
    label : str
        Name used in tables.
    capital_ratio : float or None
        Minimum capital adequacy ratio of a licensed lender, in (0, 1]: its loans
        may not exceed ``equity / (capital_ratio × risk_weight)``. ``None`` for
        lenders bound by leverage multiples instead.
    risk_weight : float
        Risk weight of its consumer loans, in (0, 10].

    Examples
    --------
    >>> SupplyRules(own_share=0.3, borrowing_multiple=1, abs_multiple=4).per_partner_cap is None
    True
    >>> SupplyRules(0.3, None, None, capital_ratio=0.10).own_capacity_multiple()
    10.0
    """

    own_share: float
    borrowing_multiple: float | None
    abs_multiple: float | None
    per_partner_cap: float | None = None
    total_colending_cap: float | None = None
    label: str = ""
    capital_ratio: float | None = None
    risk_weight: float = 1.0

    def __post_init__(self) -> None:
        as_number("own_share", self.own_share, low=0, high=1)
        if self.borrowing_multiple is not None:
            as_number("borrowing_multiple", self.borrowing_multiple, low=0, high=1000)
        if self.abs_multiple is not None:
            as_number("abs_multiple", self.abs_multiple, low=0, high=1000)
        if self.per_partner_cap is not None:
            as_number("per_partner_cap", self.per_partner_cap, low=0, high=1, low_open=True)
        if self.total_colending_cap is not None:
            as_number("total_colending_cap", self.total_colending_cap, low=0, high=1, low_open=True)
        if self.capital_ratio is not None:
            as_number("capital_ratio", self.capital_ratio, low=0, high=1, low_open=True)
        as_number("risk_weight", self.risk_weight, low=0, high=10, low_open=True)
        if not isinstance(self.label, str):
            raise ValueError(f"label must be a string (the name used in tables); got {describe(self.label)}")
        if math.isinf(self.own_capacity_multiple()):
            raise ValueError(
                "borrowing_multiple and abs_multiple, or capital_ratio: give leverage multiples or a capital ratio, "
                "so that the lending entity's own book is bounded"
            )

    def own_capacity_multiple(self) -> float:
        """Loans the lending entity can hold per yuan of its equity (its own funding capacity / equity).

        ``1 + borrowing_multiple + abs_multiple`` under leverage caps, ``1 / (capital_ratio × risk_weight)``
        under a capital ratio, the smaller of the two when both are set.
        """
        by_leverage = math.inf
        if self.borrowing_multiple is not None and self.abs_multiple is not None:
            by_leverage = 1.0 + self.borrowing_multiple + self.abs_multiple
        by_capital = math.inf if self.capital_ratio is None else 1.0 / (self.capital_ratio * self.risk_weight)
        return min(by_leverage, by_capital)


@dataclass(frozen=True)
class PartnerBanks:
    """The partner banks that fund the platform's loans (illustrative, not calibrated to Ant Group).

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
    appetite : float or None
        Largest share of its total loans a bank puts into this platform's loans whatever the rules allow
        (illustrative); ``None`` for no limit of the banks' own.

    Examples
    --------
    >>> PartnerBanks().n_banks, PartnerBanks().appetite is None
    (100, True)
    """

    n_banks: int = 100
    tier1_capital: float = 20.0
    total_loans: float = 200.0
    platform_slice: float = 0.10
    appetite: float | None = None

    def __post_init__(self) -> None:
        as_int("n_banks", self.n_banks, low=1, high=10_000)
        as_number("tier1_capital", self.tier1_capital, low=0, low_open=True)
        as_number("total_loans", self.total_loans, low=0, low_open=True)
        as_number("platform_slice", self.platform_slice, low=0, high=1, low_open=True)
        if self.appetite is not None:
            as_number("appetite", self.appetite, low=0, high=1, low_open=True)


#: What a lever's number is: status key → readable words.
LEVER_STATUSES: Mapping[str, str] = {
    "rule": "rule (cited)",
    "observed": "observed fact (cited)",
    "draft": "draft, never in force (cited)",
    "reading": "the course's reading of a rule (cited)",
    "practice": "reported practice, no printed rule (cited)",
    "illustrative": "illustrative, not calibrated to Ant Group",
    "not modelled": "rule the model leaves out (cited)",
}


@dataclass(frozen=True)
class Lever:
    """One lever of a regime: its value, what kind of number it is and where it comes from.

    ``source`` holds keys of ``book/references.bib`` separated by commas ("" for illustrative numbers).

    Examples
    --------
    >>> Lever("Equity", "RMB 10 bn", "illustrative").source
    ''
    """

    lever: str
    value: str
    status: str
    source: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        require_choice("status", self.status, list(LEVER_STATUSES))
        if self.status != "illustrative" and not self.source:
            raise ValueError(f"source must name a bibliography key for a lever whose status is {self.status!r}")


@dataclass(frozen=True)
class Regime:
    """A named set of rules that bounded (or would have bounded) the loan book, and what each number is.

    Examples
    --------
    >>> REGIMES["draft_2020"].status
    'draft: what would have bound, never in force'
    """

    key: str
    name: str
    entity: str
    period: str
    status: str
    rules: SupplyRules
    partners: PartnerBanks
    levers: tuple[Lever, ...]


_BANKS = Lever(
    "Partner banks: number; tier-1 capital, loans and the platform's slice of each",
    "100; RMB 20 bn, RMB 200 bn, 10 %",
    "illustrative",
    "",
    "about 100 partner banks in 2020 is observed (tellimer2020partners); the sizes are illustrative",
)
_EQUITY = Lever("Equity of the lending entity, E", "RMB 10 bn", "illustrative")

_MICROLENDER = Regime(
    key="microlender",
    name="Microlender, before 2020",
    entity="Ant's two online microlenders (小额贷款公司), which booked Huabei and Jiebei until the consumer-finance "
    "company took over",
    period="December 2017 to 2020",
    status="rules in force",
    rules=SupplyRules(own_share=0.02, borrowing_multiple=0.5, abs_multiple=0.0, label="Microlender, before 2020"),
    partners=PartnerBanks(),
    levers=(
        Lever("Own share of each loan, s", "2 %", "observed", "reuters2020huabeiyoung",
              "what Ant held on its own balance sheet in June 2020; no rule set a minimum"),
        Lever("Borrowing from banks, b", "at most 0.5 × net capital", "rule", "cbrc2008microlenders,reuters2018abs",
              "the 2008 national guidance; provinces could set their own ratio (Reuters reported 2.3 × in Chongqing)"),
        Lever("Bonds and ABS, a", "no separate allowance: counted with b", "rule",
              "rectification2017cashloans,reuters2018abs",
              "from December 2017 securitised funding is consolidated and counted with borrowing (as reported)"),
        Lever("Partner banks' limits, p and q", "none", "rule", "cbirc2021colending",
              "the banks' co-lending limits came only in February 2021"),
        _BANKS,
        _EQUITY,
    ),
)

_DRAFT_2020 = Regime(
    key="draft_2020",
    name="November 2020 draft (never in force)",
    entity="an online microlender, had the draft become law",
    period="proposed November 2020; superseded by the final microlender Measures of 2024",
    status="draft: what would have bound, never in force",
    rules=SupplyRules(own_share=0.30, borrowing_multiple=1.0, abs_multiple=4.0, label="November 2020 draft"),
    partners=PartnerBanks(),
    levers=(
        Lever("Own share of each co-funded loan, s", "at least 30 %", "draft", "cbirc2020microlendingdraft",
              "the draft's duty for microlenders; never in force"),
        Lever("Borrowing from banks and shareholders, b", "at most 1 × net assets", "rule", "cbirc2020microlenders",
              "the September 2020 notice, repeated in the draft and kept in the final 2024 Measures"),
        Lever("Bonds and ABS, a", "at most 4 × net assets", "rule", "cbirc2020microlenders", "as for b"),
        Lever("Registered capital", "at least RMB 1 bn (5 bn across provinces)", "draft",
              "cbirc2020microlendingdraft", "not in the model"),
        Lever("Per-person balance", "at most RMB 300,000 and a third of income", "draft",
              "cbirc2020microlendingdraft", "not in the model"),
        Lever("Partner banks' limits, p and q", "none in the draft", "reading", "cbirc2020microlendingdraft",
              "the banks' limits came three months later, in a separate notice"),
        _BANKS,
        _EQUITY,
    ),
)

_CONSUMER_FINANCE = Regime(
    key="consumer_finance",
    name="Consumer-finance company, from 2022",
    entity="Chongqing Ant Consumer Finance (消费金融公司), licensed June 2021; the co-lending share binds from "
    "1 January 2022",
    period="2022 to today",
    status="rules in force",
    rules=SupplyRules(
        own_share=0.30,
        borrowing_multiple=None,
        abs_multiple=None,
        per_partner_cap=0.25,
        total_colending_cap=0.50,
        capital_ratio=0.10,
        risk_weight=1.0,
        label="Consumer-finance company",
    ),
    partners=PartnerBanks(),
    levers=(
        Lever("Own share of each loan co-funded with a bank, s", "at least 30 % (as the bank's partner)", "rule",
              "cbirc2021colending,regtrack2021colending", "in force from 1 January 2022"),
        Lever("Capital adequacy: loans at most E / (ratio × risk weight)", "ratio 10 %", "rule",
              "cbrc2009consumerfinance,nfra2024consumerfinance",
              "a capital requirement is a rule; 10 % is the level printed in the 2009 Measures, later texts refer "
              "to the regulator's requirements, so treat the level as illustrative"),
        Lever("Risk weight of consumer loans", "100 %", "illustrative"),
        Lever("Funding channels", "shareholder deposits, interbank and bank borrowing, financial bonds, ABS", "rule",
              "cbrc2009consumerfinance,cns2024consumerfinance",
              "none sets a multiple of equity here: the capital ratio binds first"),
        Lever("Per-partner limit, p", "at most 25 % of the bank's net tier-1 capital", "rule", "cbirc2021colending"),
        Lever("All co-lending, q", "at most 50 % of the bank's loans", "rule", "cbirc2021colending"),
        Lever("Internet consumer loan per borrower", "at most RMB 200,000", "not modelled",
              "cbirc2020internetloans,cbn2020internetloans",
              "CBIRC Order 2020 No. 9, which consumer-finance companies apply by reference"),
        Lever("Guarantee-backed loans; liquidity ratio", "at most 50 % of loans; at least 50 %", "not modelled",
              "regtrack2024consumerfinance", "NFRA Order 2024 No. 4"),
        _BANKS,
        _EQUITY,
    ),
)

_FACILITATION = Regime(
    key="facilitation",
    name="Loan facilitation only, from October 2025",
    entity="a platform that only facilitates (助贷): partner banks fund 100 % of each loan",
    period="from 1 October 2025",
    status="rules in force",
    rules=SupplyRules(own_share=0.0, borrowing_multiple=0.0, abs_multiple=0.0, label="Facilitation only"),
    partners=PartnerBanks(appetite=0.015),
    levers=(
        Lever("Own share of each loan, s", "0: the bank funds the whole loan", "rule", "nfra2025loanfacilitation",
              "the 2025 notice governs exactly this business"),
        Lever("Co-lending limits (30 % / 25 % / 50 %)", "do not apply", "reading", "cbirc2021colending",
              "they are written for loans a bank funds jointly with a partner"),
        Lever("Each bank's appetite for this platform's loans", "1.5 % of its loans", "illustrative"),
        Lever("Price: all-in annual cost", "at most 24 %", "practice", "yicai2025facilitation,nfra2025loanfacilitation",
              "a price line works through each bank's own cut-off; see the cost-of-credit page"),
        Lever("Equity of the platform, E", "does not bound the book", "reading", "nfra2025loanfacilitation",
              "the platform holds no loans"),
        _BANKS,
    ),
)

#: The four regimes of the credit-supply page, in time order.
REGIMES: Mapping[str, Regime] = {r.key: r for r in (_MICROLENDER, _DRAFT_2020, _CONSUMER_FINANCE, _FACILITATION)}

#: Older names of two regimes, kept so that code written for the first edition still runs.
REGIME_ALIASES: Mapping[str, str] = {"pre": "microlender", "post": "consumer_finance"}

#: The rules of the microlender regime (before 2020). Name kept from the first edition.
PRE_2020: SupplyRules = _MICROLENDER.rules

#: The rules of the consumer-finance-company regime (from 2022). Name kept from the first edition, where it
#: wrongly applied the microlender leverage caps and the draft's 30 % to the business after 2021.
POST_2021: SupplyRules = _CONSUMER_FINANCE.rules

#: Every regime's rules by key, and by the two older keys ``"pre"`` and ``"post"``.
RULE_SETS: Mapping[str, SupplyRules] = {
    **{alias: REGIMES[key].rules for alias, key in REGIME_ALIASES.items()},
    **{key: r.rules for key, r in REGIMES.items()},
}

#: Registered capital of Chongqing Ant Consumer Finance, RMB bn, by the month it was approved or registered:
#: 8 at opening (reuters2021antconsumerfinance), 18.5 approved in December 2022 (ap2023antcapital), 23 registered
#: in December 2023 (shidai2024antcapital).
ANT_CONSUMER_FINANCE_CAPITAL: Mapping[str, float] = {"2021-06": 8.0, "2022-12": 18.5, "2023-12": 23.0}


def regime(key: str) -> Regime:
    """The regime named ``key`` (a key of :data:`REGIMES`, or ``"pre"`` / ``"post"``).

    Examples
    --------
    >>> regime("post").name
    'Consumer-finance company, from 2022'
    """
    require_choice("regime", key, [*REGIMES, *REGIME_ALIASES])
    return REGIMES[REGIME_ALIASES.get(key, key)]


def regime_levers(key: str | None = None) -> pd.DataFrame:
    """The levers of one regime (or of all four) as a table: which numbers are rules and which are illustrative.

    Returns
    -------
    DataFrame with columns ``regime``, ``lever``, ``value``, ``status`` (readable, from
    :data:`LEVER_STATUSES`), ``source`` (bibliography keys) and ``note``.

    Examples
    --------
    >>> table = regime_levers("consumer_finance")
    >>> table.loc[table["lever"].str.startswith("Own share"), "status"].item()
    'rule (cited)'
    >>> sorted(regime_levers()["regime"].unique()) == sorted(r.name for r in REGIMES.values())
    True
    """
    chosen = list(REGIMES.values()) if key is None else [regime(key)]
    rows = [
        {
            "regime": r.name,
            "lever": lever.lever,
            "value": lever.value,
            "status": LEVER_STATUSES[lever.status],
            "source": lever.source,
            "note": lever.note,
        }
        for r in chosen
        for lever in r.levers
    ]
    return pd.DataFrame(rows)
