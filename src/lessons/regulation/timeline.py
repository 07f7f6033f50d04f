"""The rules as data, for the page *Timeline* (book/regulation/timeline.ipynb).

The rules and events of 2017–2026 as a table, with a source key (a key of
``book/references.bib``) on every row, and the same table formatted for a page.
This module is also the ONE place where the course keeps the date its legal
and market facts were last checked (:data:`AS_OF`) and the latest event it
could verify (:func:`latest_event`); every page shows both from here.
The timeline figure and the filter widget are in :mod:`lessons.regulation.figures`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import pandas as pd

from lessons._validation import require_columns

__all__ = [
    "AS_OF",
    "TIMELINE_CATEGORIES",
    "TIMELINE_STATUSES",
    "regulation_timeline",
    "timeline_table",
    "latest_event",
    "as_of_label",
]

#: The day the course's legal and market facts were last checked against sources. Pages show it (glued from
#: :func:`as_of_label`), never type it; ``tests/regulation/test_pages.py`` fails if it is earlier than
#: :func:`latest_event` or if a page types another "as of" date.
AS_OF: pd.Timestamp = pd.Timestamp("2026-11-30")

#: The four lanes of the timeline: category key → readable name.
TIMELINE_CATEGORIES: Mapping[str, str] = {
    "rates": "Prices and disclosure",
    "lending": "Lending, capital and co-lending",
    "reporting": "Credit reporting",
    "ant": "Ant Group and its products",
}

#: What kind of text or fact a row is: status key → readable name.
TIMELINE_STATUSES: Mapping[str, str] = {
    "rule": "final rule or court text",
    "draft": "draft for comment (binds no one)",
    "reported": "reported, no published text",
    "event": "market or company event",
}

# (date, what the date is, category, status, issuer, name_zh, name_en, document number, provisions, short label, source)
_TIMELINE_ROWS: tuple[tuple[str, ...], ...] = (
    (
        "2017-01-01", "in force", "rates", "rule", "People's Bank of China (PBoC)",
        "信用卡透支利率上下限管理", "Credit-card overdraft rate band", "",
        "Overdraft rate capped at 0.05 % a day (18.25 % a year), floor 0.7 × the cap; in force 1 Jan 2017.",
        "Card rate band 0.05 %/day", "xinhua2021cardrates",
    ),
    (
        "2017-12-01", "issued", "rates", "rule", "Internet-finance and P2P rectification offices",
        "关于规范整顿“现金贷”业务的通知", "Notice on regulating and rectifying cash-loan business", "",
        "Unlicensed lending banned; total borrowing cost must respect the 36 % a year private-lending ceiling; "
        "approvals of new online microlenders halted; lending funded by asset-backed securities limited and "
        "consolidated on microlenders' balance sheets (as reported by Reuters, January 2018).",
        "Cash-loan notice (36 %)", "rectification2017cashloans",
    ),
    (
        "2020-07-12", "issued", "lending", "rule", "China Banking and Insurance Regulatory Commission (CBIRC)",
        "商业银行互联网贷款管理暂行办法", "Interim Measures for the Administration of Internet Loans of Commercial Banks",
        "中国银保监会令2020年第9号 (CBIRC Order 2020 No. 9)",
        "Personal consumer credit line ≤ RMB 200,000 per borrower; term ≤ 1 year when principal is repaid in one sum; "
        "consumer-finance companies apply it by reference.",
        "Internet-loan Measures", "cbirc2020internetloans",
    ),
    (
        "2020-08-20", "announced", "rates", "rule", "Supreme People's Court (SPC)",
        "关于修改〈关于审理民间借贷案件适用法律若干问题的规定〉的决定",
        "Decision amending the Provisions on private-lending cases", "",
        "Court protection of private-lending interest capped at 4 × the one-year LPR (15.4 % at the July 2020 LPR of "
        "3.85 %), replacing the 24 % / 36 % bands of 2015.",
        "Court cap 4 × LPR", "spc2020privatelending",
    ),
    (
        "2020-09-16", "published", "lending", "rule", "CBIRC General Office",
        "关于加强小额贷款公司监督管理的通知", "Notice on strengthening the supervision of microlending companies",
        "银保监办发〔2020〕86号 (CBIRC Office 2020 No. 86)",
        "Microlenders' borrowing from banks and shareholders ≤ 1 × net assets; bonds and ABS ≤ 4 × net assets.",
        "Microlender leverage 1×/4×", "cbirc2020microlenders",
    ),
    (
        "2020-11-02", "published", "lending", "draft", "CBIRC and PBoC",
        "网络小额贷款业务管理暂行办法(征求意见稿)", "Interim Measures for Online Microlending (draft for comment)",
        "征求意见稿 (draft)",
        "Would have required: in co-lending the microlender funds ≥ 30 % of each loan; registered capital ≥ RMB 1 bn "
        "(≥ 5 bn across provinces); leverage ≤ 1 × / 4 × net assets; per-person balance ≤ RMB 300,000 and ≤ ⅓ of "
        "3-year average income. Never finalised in this form.",
        "Draft online-microlending rules", "cbirc2020microlendingdraft",
    ),
    (
        "2020-11-03", "announced", "ant", "event", "Shanghai Stock Exchange",
        "暂缓蚂蚁科技集团股份有限公司科创板上市", "Suspension of Ant Group's STAR Market listing", "",
        "Listing due 5 Nov 2020 suspended after the 2 Nov regulatory interview (约谈) by PBoC, CBIRC, CSRC and SAFE; "
        "the Hong Kong leg followed; the IPO was to raise about US$37 bn.",
        "Ant IPO suspended", "reuters2020antipo",
    ),
    (
        "2020-12-26", "announced", "ant", "event", "PBoC, CBIRC, CSRC and SAFE",
        "金融管理部门约谈蚂蚁集团", "Second regulatory interview of Ant Group", "",
        "Ant told to return to payments, run personal credit reporting legally, set up a financial holding company "
        "and rectify its credit, insurance and wealth business.",
        "Second interview", "reuters2020antinterview",
    ),
    (
        "2021-01-01", "in force", "rates", "rule", "Supreme People's Court",
        "关于新民间借贷司法解释适用范围问题的批复", "Reply on the scope of the new private-lending interpretation",
        "法释〔2020〕27号 (Fa Shi 2020 No. 27)",
        "Seven kinds of locally supervised lenders, microlenders included, count as financial institutions, "
        "so the 4 × LPR private-lending cap does not apply to them; in force 1 Jan 2021.",
        "SPC reply: licensed lenders outside cap", "spc2020reply",
    ),
    (
        "2021-02-20", "published", "lending", "rule", "CBIRC General Office",
        "关于进一步规范商业银行互联网贷款业务的通知", "Notice on further regulating commercial banks' internet-loan business",
        "银保监办发〔2021〕24号 (CBIRC Office 2021 No. 24)",
        "In a loan a bank funds jointly with a partner, the partner funds ≥ 30 % of it; a bank's balance with one "
        "partner ≤ 25 % of its net tier-1 capital; all co-lending ≤ 50 % of the bank's loans; local banks may not lend "
        "online outside their region. The 30 % share and the regional limit apply from 1 Jan 2022.",
        "Co-lending notice (30/25/50 %)", "cbirc2021colending",
    ),
    (
        "2021-03-17", "published", "lending", "rule", "CBIRC, CAC, MoE, MPS and PBoC",
        "关于进一步规范大学生互联网消费贷款监督管理工作的通知",
        "Notice on further regulating internet consumer loans to college students", "",
        "Microlenders may not make internet consumer loans to college students or market to them.",
        "No microloans to students", "cbirc2021students",
    ),
    (
        "2021-03-31", "issued", "rates", "rule", "PBoC",
        "中国人民银行公告〔2021〕第3号", "PBoC announcement on annualised-rate disclosure",
        "中国人民银行公告〔2021〕第3号 (PBoC Announcement 2021 No. 3)",
        "Every loan product must show its annualised rate (年化利率), covering interest and all related fees on the "
        "principal actually received, more prominently than any daily or monthly rate.",
        "APR disclosure", "pbc2021apr",
    ),
    (
        "2021-04-12", "announced", "ant", "event", "PBoC",
        "蚂蚁集团整改方案", "Ant Group rectification plan", "",
        "Ant to become a financial holding company, cut improper links between Alipay and Huabei/Jiebei, comply with "
        "credit-reporting rules and fold Huabei and Jiebei into its consumer-finance company.",
        "Rectification plan", "shanghaidaily2021antplan",
    ),
    (
        "2021-06-03", "announced", "ant", "event", "CBIRC Chongqing office",
        "重庆蚂蚁消费金融有限公司开业批复", "Opening approval of Chongqing Ant Consumer Finance", "",
        "Consumer-finance licence; registered capital RMB 8 bn, Ant holding 50 %. A gradual move: Huabei and Jiebei "
        "to be rebranded within six months of opening, Ant's two microlenders to exit the market 'in an orderly manner'.",
        "Ant Consumer Finance opens", "reuters2021antconsumerfinance",
    ),
    (
        "2021-07-07", "reported", "reporting", "reported", "PBoC Credit Information Management Bureau",
        "断直连(平台与金融机构个人信息直连切断)", "Cutting direct data links between platforms and lenders", "",
        "Reportedly (window guidance, no published text): platforms may not pass applicants' personal information or "
        "scores directly to lenders; data must flow platform → licensed credit bureau → lender.",
        "Cut direct data links (reported)", "wemoney2021duanzhilian",
    ),
    (
        "2021-08-04", "reported", "rates", "reported", "Local banking regulators (window guidance)",
        "窗口指导:消费金融公司产品年利率降至24%以内", "Window guidance: consumer-finance companies' rates below 24 %", "",
        "Reportedly (Securities Times; no published text): regulators in several regions told the consumer-finance "
        "companies they supervise to bring the annual rates of their products within 24 %.",
        "24 % guidance (reported)", "stcn2021windowguidance",
    ),
    (
        "2021-09-22", "announced", "reporting", "event", "Huabei (Ant Consumer Finance)",
        "花呗接入央行征信系统", "Huabei reports to the PBoC credit reference system", "",
        "With the user's authorisation, monthly reports of opening date, credit line, usage and repayment; users who "
        "refuse cannot keep using Huabei.",
        "Huabei in PBoC report", "scmp2021huabeireporting",
    ),
    (
        "2021-09-30", "published", "reporting", "rule", "PBoC",
        "征信业务管理办法", "Measures for the Administration of Credit Reporting Business",
        "中国人民银行令〔2021〕第4号 (PBoC Order 2021 No. 4)",
        "Credit information defined broadly (scores and anti-fraud products are credit reporting); adopted 17 Sep, "
        "published 30 Sep 2021, in force 1 Jan 2022.",
        "Credit-reporting Measures", "pbc2021creditreporting",
    ),
    (
        "2021-11-07", "announced", "ant", "event", "Ant Group",
        "借呗与信用贷品牌隔离", "Jiebei brand split: 借呗 and 信用贷", "",
        "Bank-funded cash loans shown as 信用贷 with the bank named; only Ant Consumer Finance loans keep the 借呗 name; "
        "bank-funded Huabei became 信用购 from 24 Nov 2021.",
        "Bank-funded lines relabelled", "yicai2021brandsplit",
    ),
    (
        "2022-12-30", "issued", "ant", "event", "CBIRC Chongqing office",
        "重庆蚂蚁消费金融增资至185亿元", "Capital increase of Ant Consumer Finance to RMB 18.5 bn", "",
        "Registered capital to rise from RMB 8 bn to 18.5 bn (notice dated 30 Dec 2022, made public in early "
        "January 2023); Ant keeps 50 %.",
        "Capital 18.5 bn", "ap2023antcapital",
    ),
    (
        "2023-03-07", "published", "lending", "event", "State Council",
        "国务院机构改革方案", "State Council institutional reform plan", "",
        "A new National Financial Regulatory Administration to take over the CBIRC, the PBoC's supervision of "
        "financial holding companies and its financial consumer protection; the PBoC's functions were adjusted "
        "accordingly in September 2023.",
        "Reform: consumer protection to NFRA", "xinhua2023reformplan",
    ),
    (
        "2023-05-18", "announced", "lending", "event", "State Council",
        "国家金融监督管理总局挂牌", "National Financial Regulatory Administration (NFRA) set up", "",
        "NFRA replaces CBIRC and supervises all finance except securities.",
        "NFRA set up", "xinhua2023nfra",
    ),
    (
        "2023-07-07", "announced", "ant", "event", "PBoC with NFRA and CSRC",
        "对蚂蚁集团及旗下机构的行政处罚", "Penalty on Ant Group and its subsidiaries", "",
        "Fine of RMB 7.123 bn; Xianghubao ordered closed; platform finance moves to 'normalised supervision'.",
        "Fine RMB 7.123 bn", "reuters2023antfine",
    ),
    (
        "2023-12-12", "registered", "ant", "event", "Chongqing Ant Consumer Finance",
        "重庆蚂蚁消费金融注册资本增至230亿元", "Ant Consumer Finance's registered capital raised to RMB 23 bn", "",
        "Registered capital raised from RMB 18.5 bn to 23 bn (business-registry change, December 2023; announced by "
        "a shareholder on 28 Dec 2023).",
        "Capital 23 bn", "shidai2024antcapital",
    ),
    (
        "2024-04-18", "in force", "lending", "rule", "National Financial Regulatory Administration (NFRA)",
        "消费金融公司管理办法", "Measures for the Administration of Consumer Finance Companies",
        "国家金融监督管理总局令2024年第4号 (NFRA Order 2024 No. 4)",
        "Minimum registered capital raised from RMB 300 m to 1 bn; guarantee-backed loans ≤ 50 % of all loans; "
        "liquidity ratio ≥ 50 %; consumption loans exclude housing and cars; published 18 Mar 2024.",
        "Consumer-finance Measures", "nfra2024consumerfinance",
    ),
    (
        "2024-07-22", "fixing", "rates", "event", "National Interbank Funding Center (for the PBoC)",
        "贷款市场报价利率(LPR)", "One-year Loan Prime Rate cut from 3.45 % to 3.35 %", "",
        "One-year LPR 3.35 %; 4 × LPR 13.4 %.",
        "LPR 3.35 %", "fnn2024lpr",
    ),
    (
        "2024-08-23", "published", "lending", "draft", "NFRA",
        "小额贷款公司监督管理暂行办法(征求意见稿)",
        "Interim Measures for the Supervision and Administration of Microlending Companies (draft for comment)",
        "征求意见稿 (draft)",
        "Online microlenders: consumption-loan balance ≤ RMB 200,000 per household, business loans ≤ RMB 10 m; "
        "comments to 23 Sep 2024.",
        "Draft microlender Measures", "nfra2024microlendersdraft",
    ),
    (
        "2024-10-21", "fixing", "rates", "event", "National Interbank Funding Center (for the PBoC)",
        "贷款市场报价利率(LPR)", "One-year Loan Prime Rate cut from 3.35 % to 3.10 %", "",
        "One-year LPR 3.10 %, five-year 3.60 %; 4 × LPR 12.4 %.",
        "LPR 3.10 %", "xinhua2024lproct",
    ),
    (
        "2024-11-11", "licensed", "reporting", "event", "PBoC",
        "钱塘征信有限公司个人征信业务许可", "Personal credit-reporting licence of Qiantang Credit", "",
        "Third licensed personal credit bureau, after Baihang (2018) and Pudao (Dec 2020); licence valid to 8 Nov 2027; "
        "Ant Group's 浙江融信 holds 29.9 %, Zhejiang Tourism Investment Group 40.1 %; registered 5 Feb 2025 with "
        "capital RMB 1 bn.",
        "Qiantang Credit licensed", "xinhua2024qiantang",
    ),
    (
        "2025-01-24", "reported", "lending", "rule", "NFRA",
        "小额贷款公司监督管理暂行办法",
        "Interim Measures for the Supervision and Administration of Microlending Companies",
        "金规〔2024〕26号 (NFRA 2024 No. 26)",
        "Final version of the August 2024 draft, superseding the 2020 online-microlending draft: 7 chapters, "
        "60 articles; keeps the '1 + 4' financing-leverage limit. Issued shortly before this date (exact date not "
        "seen; described as recent on 24 Jan 2025).",
        "Microlender Measures (final)", "nfra2024microlenders",
    ),
    (
        "2025-04-03", "published", "lending", "rule", "NFRA",
        "关于加强商业银行互联网助贷业务管理 提升金融服务质效的通知",
        "Notice on strengthening the management of commercial banks' internet loan-facilitation business",
        "金规〔2025〕9号 (NFRA 2025 No. 9)",
        "Banks that lend through platforms (助贷, loan facilitation: the bank funds the whole loan) must manage it from "
        "head office, keep lists of approved platforms and credit enhancers, and manage the borrower's total "
        "financing cost; in force 1 Oct 2025.",
        "Loan-facilitation notice", "nfra2025loanfacilitation",
    ),
    (
        "2025-05-20", "fixing", "rates", "event", "National Interbank Funding Center (for the PBoC)",
        "贷款市场报价利率(LPR)", "One-year Loan Prime Rate cut from 3.10 % to 3.00 %", "",
        "One-year LPR 3.00 %, five-year 3.50 %; 4 × LPR 12.0 %.",
        "LPR 3.00 %", "spglobal2025lpr",
    ),
    (
        "2025-08-12", "published", "rates", "rule", "Ministry of Finance, PBoC and NFRA",
        "个人消费贷款财政贴息政策实施方案", "Implementation plan of the interest subsidy for personal consumption loans",
        "财金〔2025〕80号 (MoF 2025 No. 80)",
        "The state pays 1 percentage point a year of the interest on eligible personal consumption loans from "
        "1 Sep 2025 to 31 Aug 2026, at most half the contract rate; credit cards excluded.",
        "Consumption-loan subsidy", "mof2025consumerloansubsidy",
    ),
    (
        "2025-10-01", "in force", "rates", "reported", "NFRA (notice); banks and platforms",
        "助贷新规施行", "Loan-facilitation notice in force", "金规〔2025〕9号 (NFRA 2025 No. 9)",
        "Banks publish their lists of partner platforms; the financial press reported an annual-rate 'red line' of "
        "24 % for facilitated loans, a reading of the notice rather than a number printed in a text we saw.",
        "Facilitation: 24 % line (reported)", "yicai2025facilitation",
    ),
    (
        "2025-10-29", "reported", "rates", "reported", "NFRA local offices (window guidance)",
        "窗口指导(无书面文件)", "Window guidance to consumer-finance companies", "",
        "Reportedly (verbal, no document): the all-in annual cost of new consumer-finance loans to stay at or below "
        "20 %; a cut in the cap on guarantee-backed loans from 50 % to 25 % reported as proposed.",
        "20 % guidance (reported)", "jiemian2025twentypercent",
    ),
    (
        "2025-12-22", "announced", "reporting", "rule", "PBoC",
        "一次性信用修复政策", "One-off credit repair policy", "",
        "Personal overdue records of at most RMB 10,000 incurred from 1 Jan 2020 to 31 Dec 2025 are not shown in "
        "credit reports if fully repaid by 31 Mar 2026; applied automatically from 1 Jan 2026 (Chinese title of the "
        "notice not seen).",
        "One-off credit repair", "pbc2025creditrepair",
    ),
    (
        "2026-01-19", "issued", "rates", "rule", "Ministry of Finance, PBoC and NFRA",
        "关于优化实施个人消费贷款财政贴息政策有关事项的通知",
        "Notice on optimising the interest subsidy for personal consumption loans",
        "财金〔2026〕1号 (MoF 2026 No. 1)",
        "Subsidy extended to 31 Dec 2026; credit-card instalments added at 1 percentage point; published 20 Jan 2026.",
        "Subsidy extended", "mof2026consumerloansubsidy",
    ),
    (
        "2026-02-24", "fixing", "rates", "event", "National Interbank Funding Center (for the PBoC)",
        "贷款市场报价利率(LPR)", "One-year Loan Prime Rate unchanged at 3.0 %", "",
        "One-year LPR 3.0 %, five-year 3.5 %, unchanged since the May 2025 cut; 4 × LPR 12.0 %.",
        "LPR unchanged 3.0 %", "xinhua2026lpr",
    ),
)

_COLUMNS = (
    "date", "date_basis", "category", "status", "issuer", "name_zh", "name_en", "document", "provisions", "short",
    "source",
)


def regulation_timeline() -> pd.DataFrame:
    """The rules and events of 2017–2026 that shaped Huabei and Jiebei, one row each.

    Every row carries ``source``, a key of ``book/references.bib``; the page
    cites each row with it. ``date`` is the date named in ``date_basis``: the
    date of issue, publication or entry into force, a fixing date, or, where
    the issue date could not be verified, the date the text was first reported.
    ``status`` tells a final rule from a draft, from guidance known only from
    the press ("reported") and from a market or company event.

    Returns
    -------
    DataFrame with columns ``date`` (Timestamp), ``date_basis``, ``category``
    (one of :data:`TIMELINE_CATEGORIES`), ``status`` (one of
    :data:`TIMELINE_STATUSES`), ``issuer``, ``name_zh``, ``name_en``,
    ``document`` (document number, "" where there is none), ``provisions``,
    ``short`` (label for the figure) and ``source``.

    Examples
    --------
    >>> t = regulation_timeline()
    >>> t.loc[t["document"].str.contains("24号"), "provisions"].str.contains("30 %").item()
    True
    >>> t["date"].is_monotonic_increasing, sorted(t.loc[t["status"] == "draft", "date"].dt.year.tolist())
    (True, [2020, 2024])
    """
    frame = pd.DataFrame(_TIMELINE_ROWS, columns=list(_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def latest_event(timeline: pd.DataFrame | None = None, *, as_of: pd.Timestamp | str | None = None) -> pd.Series:
    """The latest row of the timeline dated on or before ``as_of`` (default :data:`AS_OF`).

    This is the latest event the course could verify: pages say what it is
    beside the date the facts were last checked, both glued from here.

    Examples
    --------
    >>> event = latest_event()
    >>> f"{event['date']:%d %B %Y}", event["source"]
    ('24 February 2026', 'xinhua2026lpr')
    >>> latest_event(as_of="2021-12-31")["short"]
    'Bank-funded lines relabelled'
    """
    timeline = _checked_timeline(timeline, ["date", "short", "source"])
    cutoff = AS_OF if as_of is None else _as_timestamp(as_of)
    earlier = timeline[timeline["date"] <= cutoff]
    if earlier.empty:
        raise ValueError(f"as_of must be on or after the first timeline date {timeline['date'].min():%Y-%m-%d}")
    return earlier.sort_values("date", kind="stable").iloc[-1]


def as_of_label(as_of: pd.Timestamp | str | None = None, *, day: bool = False) -> str:
    """The as-of date as pages show it: ``"November 2026"``, or ``"30 November 2026"`` with ``day=True``.

    Examples
    --------
    >>> as_of_label(), as_of_label(day=True)
    ('November 2026', '30 November 2026')
    """
    stamp = AS_OF if as_of is None else _as_timestamp(as_of)
    return f"{stamp.day} {stamp:%B %Y}" if day else f"{stamp:%B %Y}"


def _as_timestamp(value: pd.Timestamp | str) -> pd.Timestamp:
    """``value`` as a Timestamp, or a ValueError naming ``as_of``."""
    if isinstance(value, bool) or not isinstance(value, (str, pd.Timestamp)) and not hasattr(value, "year"):
        raise ValueError(f"as_of must be a date (a Timestamp or 'YYYY-MM-DD'); got {type(value).__name__}")
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"as_of must be a date (a Timestamp or 'YYYY-MM-DD'); got {value!r}") from None
    if pd.isna(stamp):
        raise ValueError("as_of must be a date, not a missing value")
    return stamp


def timeline_table(timeline: pd.DataFrame | None = None) -> pd.DataFrame:
    """The timeline formatted for a page: Date, Issuer, Document (中文 / English), No., Status, Key provisions, Source.

    Examples
    --------
    >>> list(timeline_table().columns)
    ['Date', 'Issuer', 'Document (中文)', 'Document (English)', 'No.', 'Status', 'Key provisions', 'Source']
    >>> timeline_table().iloc[-1]["Date"]
    '24 Feb 2026 (fixing)'
    """
    timeline = _checked_timeline(
        timeline, ["date", "date_basis", "issuer", "name_zh", "name_en", "document", "status", "provisions", "source"]
    )
    return pd.DataFrame(
        {
            "Date": timeline["date"].dt.strftime("%d %b %Y") + " (" + timeline["date_basis"] + ")",
            "Issuer": timeline["issuer"],
            "Document (中文)": timeline["name_zh"],
            "Document (English)": timeline["name_en"],
            "No.": timeline["document"].replace("", "—"),
            "Status": timeline["status"].map(lambda s: TIMELINE_STATUSES.get(s, s)),
            "Key provisions": timeline["provisions"],
            "Source": timeline["source"],
        }
    ).reset_index(drop=True)


_TEXT_COLUMNS = ("date_basis", "issuer", "name_zh", "name_en", "document", "provisions", "short", "source")


def _checked_timeline(timeline: pd.DataFrame | None, columns: Sequence[str]) -> pd.DataFrame:
    """``timeline`` (default :func:`regulation_timeline`) after checking ``columns``; ``date`` as Timestamps.

    Raises a ValueError naming ``timeline`` when a column is missing, a date
    cannot be read, a text column holds something other than text, or a
    category or status is not one of :data:`TIMELINE_CATEGORIES` /
    :data:`TIMELINE_STATUSES`.
    """
    if timeline is None:
        return regulation_timeline()
    require_columns("timeline", timeline, columns)
    if "date" in columns and not pd.api.types.is_datetime64_any_dtype(timeline["date"]):
        try:
            with warnings.catch_warnings():  # pandas warns when it must guess the format of each string
                warnings.simplefilter("ignore", UserWarning)
                dates = pd.to_datetime(timeline["date"])
        except (TypeError, ValueError) as error:
            raise ValueError(f"timeline column 'date' must hold dates (Timestamps or 'YYYY-MM-DD'); {error}") from None
        timeline = timeline.assign(date=dates)
    if "date" in columns and timeline["date"].isna().any():
        raise ValueError("timeline column 'date' must hold a date on every row")
    for column in (c for c in _TEXT_COLUMNS if c in columns):
        if not timeline[column].map(lambda value: isinstance(value, str)).all():
            raise ValueError(f"timeline column {column!r} must hold text on every row")
    for column, allowed in (("category", TIMELINE_CATEGORIES), ("status", TIMELINE_STATUSES)):
        if column in columns:
            unknown = sorted(set(timeline[column].astype(str)) - set(allowed))
            if unknown:
                listed = ", ".join(repr(c) for c in allowed)
                raise ValueError(f"timeline column {column!r} must hold {listed}; got {', '.join(map(repr, unknown))}")
    return timeline
