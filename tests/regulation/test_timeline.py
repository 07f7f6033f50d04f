"""Tests for lessons.regulation.timeline: the rules as data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import BOOK

from lessons.regulation import timeline


def test_timeline_rows_are_dated_in_order_with_chinese_and_english_names_and_a_source():
    t = timeline.regulation_timeline()
    assert t["date"].is_monotonic_increasing
    assert t["date"].min() >= pd.Timestamp("2017-01-01")
    for column in ("issuer", "name_zh", "name_en", "provisions", "short", "source"):
        assert t[column].str.len().min() > 3, column
    assert t["name_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert set(t["category"]) == set(timeline.TIMELINE_CATEGORIES)


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
