"""lessons.data: the shipped German credit data and the synthetic applicant generator."""

from __future__ import annotations

import html
import hashlib
import time
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score

from lessons import data

CHECKSUM = "91f3b6f8710e5a194d19385db9fce0492530bdda9196013ac4986e6dc83f2db8"


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return data.synthetic_applicants(n=50_000, seed=2020)


# --- German credit -------------------------------------------------------------------------------------------


CORRECTED_CHECKSUM = "fc41f36d43482df98c90e0de996c097f1219db6177b136a26514e1face28f3aa"


@pytest.mark.parametrize(
    "name,checksum", [("german_credit.csv", CHECKSUM), ("south_german_credit.asc", CORRECTED_CHECKSUM)]
)
def test_the_shipped_german_files_match_their_recorded_checksums(name: str, checksum: str) -> None:
    raw = (resources.files("lessons") / "datasets" / name).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == checksum


@pytest.mark.parametrize("edition", data.GERMAN_EDITIONS)
def test_german_data_has_1000_rows_20_attributes_and_30_percent_bad(edition: str) -> None:
    german = data.load_german_credit(edition)
    assert german.shape == (1000, 21)
    assert german["default"].sum() == 300
    assert set(data.GERMAN_FEATURES) | set(data.GERMAN_PROTECTED_ATTRIBUTES) | {"default"} == set(german.columns)
    assert not set(data.GERMAN_FEATURES) & set(data.GERMAN_PROTECTED_ATTRIBUTES)
    assert not german.isna().any().any()


def test_the_corrected_edition_is_the_default() -> None:
    assert data.load_german_credit().equals(data.load_german_credit("corrected"))


def test_uci_codes_are_decoded_in_the_original_row_order() -> None:
    german = data.load_german_credit("uci")
    # first rows of the original german.data: "A11 6 A34 A43 1169 ... A93 ... 67 ..." and "A12 48 A32 ... A92 ... 22"
    assert german.loc[0, ["checking_status", "duration_months", "credit_amount", "age"]].tolist() == ["< 0 DM", 6, 1169, 67]
    assert german.loc[0, "personal_status_sex"] == "male: single"
    assert german.loc[1, "personal_status_sex"] == "female: divorced/separated/married"
    assert german.loc[1, "default"] == 1 and german.loc[0, "default"] == 0
    assert list(german["checking_status"].cat.categories)[0] == "< 0 DM"


def test_corrected_codes_follow_groemping_code_table() -> None:
    german = data.load_german_credit()
    # first row of SouthGermanCredit.asc: "1 18 4 2 1049 1 2 4 2 1 4 2 21 3 1 1 3 2 1 2 1"
    first = german.loc[0]
    assert first[["duration_months", "credit_amount", "age", "default"]].tolist() == [18, 1049, 21, 0]
    assert first["checking_status"] == "no checking account"
    assert first["credit_history"] == "all credits at this bank paid back duly"
    assert first["installment_rate"] == "< 20 %"
    assert first["personal_status_sex"] == "female: non-single, or male: single"
    assert first["people_liable"] == "0 to 2" and first["foreign_worker"] == "no"


def test_corrected_bad_rates_rise_from_the_best_to_the_worst_checking_status() -> None:
    german = data.load_german_credit()
    bad = german.groupby("checking_status", observed=True)["default"].mean().round(3).to_dict()
    # Bad rates by corrected label, codes 1-4: the UCI labels read these the other way round.
    assert bad == {
        "no checking account": 0.493,
        "< 0 DM": 0.39,
        "0 to < 200 DM": 0.222,
        ">= 200 DM or salary for at least 1 year": 0.117,
    }


def test_only_ranges_of_one_quantity_are_ordered() -> None:
    german = data.load_german_credit()
    ordered = {c for c in german.columns if isinstance(german[c].dtype, pd.CategoricalDtype) and german[c].cat.ordered}
    assert ordered == {"employment_since", "installment_rate", "residence_since", "existing_credits", "people_liable"}
    assert list(german["employment_since"].cat.categories)[0] == "unemployed"
    assert not any(german[c].cat.ordered for c in german.columns if isinstance(german[c].dtype, pd.CategoricalDtype)
                   and c in data.GERMAN_PROTECTED_ATTRIBUTES)


def test_codebook_comparison_pairs_990_records_and_shows_the_relabelling() -> None:
    table = data.compare_german_codebooks("checking_status")
    assert int(table["applicants"].sum()) == 990
    row = table.set_index("uci_label").loc["no checking account"]
    assert row["corrected_label"] == ">= 200 DM or salary for at least 1 year"
    assert row["bad_rate"] < 0.13
    history = data.compare_german_codebooks("credit_history").set_index("uci_label")
    assert history.loc["critical account or credits at other banks", "corrected_label"] == (
        "all credits at this bank paid back duly"
    )
    workers = data.compare_german_codebooks("foreign_worker")
    reversed_pairs = workers[(workers.uci_label == "yes") & (workers.corrected_label == "no")]["applicants"].sum()
    assert reversed_pairs > 0.9 * 990


@pytest.mark.parametrize("bad", ["default", "age", "zodiac_sign"])
def test_codebook_comparison_names_the_parameter(bad: str) -> None:
    with pytest.raises(ValueError, match="column"):
        data.compare_german_codebooks(bad)


def test_unknown_edition_is_refused() -> None:
    with pytest.raises(ValueError, match="edition"):
        data.load_german_credit("statlog")


# --- synthetic applicants ------------------------------------------------------------------------------------


def test_synthetic_columns_match_their_description(population: pd.DataFrame) -> None:
    assert list(population.columns) == data.describe_synthetic_columns()["column"].tolist()


def test_synthetic_population_has_the_documented_rates(population: pd.DataFrame) -> None:
    assert 0.06 <= population["default"].mean() <= 0.08
    assert 0.30 <= population["thin_file"].mean() <= 0.36
    young = population["age_band"] == "18-24"
    assert population.loc[young, "thin_file"].mean() > 0.55
    assert 0.13 <= population["business_owner"].mean() <= 0.17
    assert 0.78 <= roc_auc_score(population["default"], population["pd_true"]) <= 0.86


def test_thin_files_have_nothing_on_record(population: pd.DataFrame) -> None:
    thin = population[population["thin_file"]]
    assert thin["on_time_share"].isna().all()
    assert (thin["past_overdues"] == 0).all() and (thin["reported_lenders"] == 0).all()
    assert population.loc[~population["thin_file"], "on_time_share"].notna().all()


def test_payment_data_carries_signal_for_thin_files(population: pd.DataFrame) -> None:
    thin = population[population["thin_file"]]
    auc = roc_auc_score(thin["default"], -np.log(thin["monthly_payment_volume"].clip(lower=1)))
    assert auc > 0.55


def test_synthetic_generation_is_fast() -> None:
    start = time.perf_counter()
    data.synthetic_applicants(n=100_000, seed=1)
    assert time.perf_counter() - start < 1.5  # budget 0.5 s; head-room for a loaded CI machine


@given(st.integers(1, 3_000), st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_every_generated_population_keeps_its_invariants(n: int, seed: int) -> None:
    pop = data.synthetic_applicants(n=n, seed=seed)
    assert len(pop) == n
    assert pop["age"].between(18, 70).all() and pop["city_tier"].between(1, 4).all()
    assert pop["tenure_months"].between(0, 180).all()
    assert (pop["income"] > 0).all() and (pop["monthly_payment_volume"] >= 0).all()
    assert pop["utilisation"].between(0, 1).all() and pop["pd_true"].between(0, 1).all()
    assert pop["on_time_share"].dropna().between(0, 1).all()
    assert (pop["reported_lenders"] <= pop["other_lenders"]).all()
    assert set(pop["default"].unique()) <= {0, 1}
    assert pop.equals(data.synthetic_applicants(n=n, seed=seed))


def test_different_seeds_give_different_applicants() -> None:
    assert not data.synthetic_applicants(n=100, seed=1).equals(data.synthetic_applicants(n=100, seed=2))


def test_a_generator_can_be_passed_instead_of_a_seed() -> None:
    a = data.synthetic_applicants(n=50, seed=np.random.default_rng(9))
    b = data.synthetic_applicants(n=50, seed=9)
    assert a.equals(b)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n": 0}, ValueError, "n must be"),
        ({"n": -1}, ValueError, "n must be"),
        ({"n": 2.5}, TypeError, "n must be"),
        ({"n": 10_000_000}, ValueError, "n must be"),
        ({"seed": -1}, ValueError, "seed must be"),
        ({"seed": "x"}, TypeError, "seed must be"),
    ],
)
def test_bad_arguments_are_refused_with_the_parameter_named(kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        data.synthetic_applicants(**kwargs)


# --- summaries -----------------------------------------------------------------------------------------------


def test_segment_summary_counts_shares_and_rates(population: pd.DataFrame) -> None:
    table = data.segment_summary(population, "city_tier")
    assert table["applicants"].sum() == len(population)
    assert table["share"].sum() == pytest.approx(1.0)
    assert table.loc[1, "default_rate"] == pytest.approx(population.loc[population.city_tier == 1, "default"].mean())
    assert "thin_file_share" in table.columns


def test_segment_summary_refuses_unknown_columns() -> None:
    with pytest.raises(ValueError, match="column must be one of"):
        data.segment_summary(data.load_german_credit(), "zodiac_sign")


@pytest.mark.parametrize("measure", ["default_rate", "share", "thin_file_share"])
@pytest.mark.parametrize("segment", ["age_band", "city_tier", "business_owner", "thin_file"])
def test_the_first_look_widget_works_at_every_position(population: pd.DataFrame, segment: str, measure: str) -> None:
    sample = population.head(3_000)
    chart = data.plot_segment_summary(sample, segment, measure=measure)
    assert chart.alt.startswith({"default_rate": "Default rate", "share": "Share", "thin_file_share": "Thin-file"}[measure])
    bars = data.segment_summary_bars(sample, segment, measure=measure)
    assert f'aria-label="{html.escape(chart.alt, quote=True)}"' in bars
    assert bars.count('text-anchor="end"') == sample[segment].nunique()  # one labelled row per segment


def test_the_svg_bars_show_each_segments_value(population: pd.DataFrame) -> None:
    table = data.segment_summary(population, "city_tier")
    bars = data.segment_summary_bars(population, "city_tier")
    for tier, rate in table["default_rate"].items():
        assert f"<title>{tier}: default rate {100 * rate:.1f} %</title>" in bars


def test_segment_summary_bars_refuses_an_unknown_measure() -> None:
    with pytest.raises(ValueError, match="measure"):
        data.segment_summary_bars(data.load_german_credit(), "housing", measure="thin_file_share")


def test_plot_segment_summary_refuses_an_unknown_measure() -> None:
    with pytest.raises(ValueError, match="measure"):
        data.plot_segment_summary(data.load_german_credit(), "housing", measure="thin_file_share")


def test_first_look_exercise_lists_the_savings_levels_of_the_data() -> None:
    from lessons.exercises.first_look import SAVINGS_LEVELS

    assert tuple(data.load_german_credit()["savings_status"].cat.categories) == SAVINGS_LEVELS
