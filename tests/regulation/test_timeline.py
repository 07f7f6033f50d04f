"""Tests for lessons.regulation.timeline: the rules as data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import BOOK
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.regulation import timeline


def test_timeline_rows_are_dated_in_order_with_chinese_and_english_names_and_a_source():
    t = timeline.regulation_timeline()
    assert t["date"].is_monotonic_increasing
    assert t["date"].min() >= pd.Timestamp("2017-01-01")
    for column in ("date_basis", "issuer", "name_zh", "name_en", "provisions", "short", "source"):
        assert t[column].str.len().min() > 3, column
    assert t["name_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert set(t["category"]) == set(timeline.TIMELINE_CATEGORIES)
    assert set(t["status"]) == set(timeline.TIMELINE_STATUSES)


def test_every_timeline_source_is_a_key_of_the_bibliography():
    bib = (BOOK / "references.bib").read_text(encoding="utf-8")
    for key in timeline.regulation_timeline()["source"]:
        assert "{" + key + "," in bib, key


def test_the_timeline_reaches_the_2024_to_2026_events_with_their_document_numbers():
    t = timeline.regulation_timeline().set_index("source")
    expected = {
        "nfra2024consumerfinance": "国家金融监督管理总局令2024年第4号",
        "nfra2024microlenders": "金规〔2024〕26号",
        "nfra2025loanfacilitation": "金规〔2025〕9号",
        "mof2025consumerloansubsidy": "财金〔2025〕80号",
        "mof2026consumerloansubsidy": "财金〔2026〕1号",
        "cbirc2021colending": "银保监办发〔2021〕24号",
        "cbirc2020microlenders": "银保监办发〔2020〕86号",
    }
    for source, number in expected.items():
        assert number in t.loc[source, "document"], source
    assert "29.9 %" in t.loc["xinhua2024qiantang", "provisions"]
    assert "23 bn" in t.loc["shidai2024antcapital", "provisions"]
    assert t.loc["nfra2025loanfacilitation", "date"] == pd.Timestamp("2025-04-03")
    assert "1 Oct 2025" in t.loc["nfra2025loanfacilitation", "provisions"]
    lpr = t.loc[t.index.isin(["fnn2024lpr", "xinhua2024lproct", "spglobal2025lpr", "xinhua2026lpr"])]
    assert len(lpr) == 4 and (lpr["category"] == "rates").all()


def test_drafts_and_unpublished_guidance_are_marked_as_such():
    t = timeline.regulation_timeline()
    drafts = t[t["status"] == "draft"]
    assert drafts["name_zh"].str.contains("征求意见稿").all()
    assert set(drafts["source"]) == {"cbirc2020microlendingdraft", "nfra2024microlendersdraft"}
    reported = t[t["status"] == "reported"]
    assert {"wemoney2021duanzhilian", "jiemian2025twentypercent", "stcn2021windowguidance"} <= set(reported["source"])
    assert reported["provisions"].str.contains("(?i)reported").all()
    # no row marked as a final rule carries the word "draft" in its Chinese name
    assert not t.loc[t["status"] == "rule", "name_zh"].str.contains("征求意见稿").any()


def test_the_as_of_date_is_never_earlier_than_the_latest_event():
    latest = timeline.latest_event()
    assert timeline.AS_OF >= latest["date"]
    assert latest["date"] == timeline.regulation_timeline()["date"].max()
    assert timeline.as_of_label() == f"{timeline.AS_OF:%B %Y}"


@given(st.dates(min_value=pd.Timestamp("2017-01-01").date(), max_value=pd.Timestamp("2030-12-31").date()))
@settings(max_examples=60, deadline=None)
def test_latest_event_is_the_last_row_on_or_before_the_date(day):
    t = timeline.regulation_timeline()
    event = timeline.latest_event(as_of=pd.Timestamp(day))
    assert event["date"] <= pd.Timestamp(day)
    assert not ((t["date"] > event["date"]) & (t["date"] <= pd.Timestamp(day))).any()


@pytest.mark.parametrize(("value", "allowed"), [("soon", "must be a date"), (None, "must be a date"), ("2010-01-01", "on or after")])
def test_latest_event_refuses_an_as_of_that_is_not_a_usable_date(value, allowed):
    with pytest.raises(ValueError, match="as_of") as error:
        timeline.latest_event(as_of=value) if value is not None else timeline.latest_event(as_of=3)
    assert allowed in str(error.value)


def test_timeline_carries_the_key_numbers_of_the_co_lending_notice_and_the_draft_rules():
    t = timeline.regulation_timeline().set_index("source")
    notice = t.loc["cbirc2021colending", "provisions"]
    for number in ("30 %", "25 %", "50 %"):
        assert number in notice
    draft = t.loc["cbirc2020microlendingdraft", "provisions"]
    for number in ("30 %", "RMB 1 bn", "5 bn", "300,000"):
        assert number in draft


def test_every_timeline_source_is_cited_on_the_timeline_page():
    page = (BOOK / "regulation" / "timeline.ipynb").read_text(encoding="utf-8")
    for key in timeline.regulation_timeline()["source"]:
        assert "{cite}`" + key in page or ("," + key) in page, key


def test_timeline_table_reads_dates_written_as_text():
    rows = timeline.regulation_timeline()
    as_text = rows.assign(date=rows["date"].dt.strftime("%Y-%m-%d"))
    pd.testing.assert_frame_equal(timeline.timeline_table(as_text), timeline.timeline_table(rows))


# Issue 16: a date column that is not dates used to fail inside pandas ("Can only use .dt accessor with
# datetimelike values"); it must raise a ValueError naming the parameter and saying what is allowed.
@pytest.mark.parametrize(("value", "allowed"), [("soon", "must hold dates"), (np.nan, "a date on every row")])
def test_timeline_table_refuses_a_date_column_without_dates(value, allowed):
    with pytest.raises(ValueError, match="timeline column 'date'") as error:
        timeline.timeline_table(timeline.regulation_timeline().assign(date=value))
    assert allowed in str(error.value)
