"""Tests of lessons.credit.scorecard: WOE/IV against an independent computation, AUC/Gini/KS against
scikit-learn, and the WOE scorecard on the real German credit data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score, roc_curve

from lessons.credit.scaling import points_from_pd
from lessons.credit.scorecard import (
    IV_BANDS,
    auc,
    fit_woe_scorecard,
    german_candidates,
    german_scorecard_study,
    gini,
    information_value,
    iv_band,
    iv_summary,
    ks_statistic,
    score_woe,
    scorecard_points,
    split_sample,
    woe_table,
)

from _credit_fixtures import FAST


def _independent_woe(values, defaults):
    """WOE/IV per category with a pandas crosstab, written independently of lessons.credit."""
    table = pd.crosstab(pd.Series(values, name="v"), pd.Series(defaults, name="d"))
    table = table.reindex(columns=[0, 1], fill_value=0).astype(float)
    if (table == 0).to_numpy().any():
        table = table + 0.5
    dist_good = table[0] / table[0].sum()
    dist_bad = table[1] / table[1].sum()
    woe = np.log(dist_good / dist_bad)
    return woe, float(((dist_good - dist_bad) * woe).sum())


@FAST
@given(
    data=st.lists(st.tuples(st.sampled_from("ABCD"), st.integers(0, 1)), min_size=8, max_size=200),
)
def test_woe_and_iv_match_an_independent_crosstab_computation(data):
    values = [v for v, _ in data]
    defaults = [d for _, d in data]
    if len(set(defaults)) < 2:
        return
    table = woe_table(values, defaults, bins=4)
    woe, iv = _independent_woe(values, defaults)
    ours = table.set_index("bin")["woe"]
    for category, expected in woe.items():
        assert ours[category] == pytest.approx(expected, rel=1e-12)
    assert table["iv"].sum() == pytest.approx(iv, rel=1e-12)
    assert information_value(values, defaults, bins=4) == pytest.approx(iv, rel=1e-12)


def test_woe_follows_the_good_over_bad_convention():
    table = woe_table(["safe"] * 10 + ["risky"] * 10, [0] * 9 + [1] + [0] * 5 + [1] * 5, bins=2)
    by_bin = table.set_index("bin")
    assert by_bin.loc["safe", "woe"] > 0 > by_bin.loc["risky", "woe"]
    # 9/14 of goods and 1/6 of bads are "safe"
    assert by_bin.loc["safe", "woe"] == pytest.approx(math.log((9 / 14) / (1 / 6)))


def test_numeric_variable_is_cut_at_its_quantiles():
    values = np.arange(100, dtype=float)
    defaults = (values < 30).astype(int)
    table = woe_table(values, defaults, bins=4)
    assert table["count"].tolist() == [25, 25, 25, 25]
    assert table["bin"].tolist()[0].startswith("<")


def test_missing_values_get_their_own_bin():
    values = [1.0, 2.0, np.nan, np.nan, 3.0, 4.0, 5.0, 6.0]
    table = woe_table(values, [0, 0, 1, 1, 0, 1, 0, 0], bins=2)
    assert table["bin"].iloc[-1] == "Missing"
    assert table["count"].iloc[-1] == 2


def test_an_empty_cell_gets_the_documented_half_count_adjustment():
    table = woe_table(["a", "a", "b", "b"], [0, 0, 0, 1], bins=2)
    a = table.set_index("bin").loc["a"]
    # goods (2, 1) and bads (0, 1) become (2.5, 1.5) and (0.5, 1.5)
    assert a["woe"] == pytest.approx(math.log((2.5 / 4) / (0.5 / 2)))
    assert np.isfinite(table["woe"]).all()


def test_many_categories_are_coarse_classed_into_the_requested_number_of_bins():
    rng = np.random.default_rng(3)
    values = rng.choice(list("ABCDEFGHIJ"), size=2000)
    defaults = (rng.uniform(size=2000) < np.vectorize(lambda v: 0.05 + 0.04 * (ord(v) - 65))(values)).astype(int)
    table = woe_table(values, defaults, bins=3)
    assert len(table) == 3
    assert table["woe"].is_monotonic_decreasing  # groups are ordered by bad rate


def test_a_value_that_fills_every_quantile_edge_is_split_from_the_rest():
    # Found by hypothesis: 0 holds two thirds of the numbers, so every quantile edge is 0 and none survives.
    table = woe_table([np.nan, np.nan, 1.0, 2.0, np.nan, np.nan, 0, 0, 0, 0], [0, 1, 0, 1, 0, 1, 0, 1, 0, 0], bins=2)
    assert table["bin"].tolist() == ["< 1", ">= 1", "Missing"]
    assert table["count"].tolist() == [4, 2, 4]


@FAST
@given(
    values=st.lists(st.one_of(st.floats(-1e3, 1e3), st.none()), min_size=10, max_size=120),
    seed=st.integers(0, 2**16),
    bins=st.integers(2, 10),
)
def test_information_value_is_never_negative(values, seed, bins):
    rng = np.random.default_rng(seed)
    defaults = rng.integers(0, 2, size=len(values))
    defaults[0], defaults[1] = 0, 1
    values = [np.nan if v is None else v for v in values]
    if all(np.isnan(values)):
        return
    table = woe_table(values, defaults, bins=bins)
    assert (table["iv"] >= -1e-15).all()
    assert information_value(values, defaults, bins=bins) >= 0


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: woe_table([1, 2, 3], [0, 1, 0], bins=1), "bins"),
        (lambda: woe_table([1, 2, 3], [0, 1, 2], bins=2), "defaults"),
        (lambda: woe_table([1, 2, 3], [0, 1], bins=2), "values"),
        (lambda: woe_table([1, 2, 3], [0, 0, 0], bins=2), "defaults"),
        (lambda: iv_band(-0.1), "iv"),
        (lambda: iv_band(0.1, "folklore"), "convention"),
    ],
)
def test_bad_woe_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_iv_bands_follow_the_documented_conventions():
    # R package scorecard, reference manual of iv(): < 0.02 useless, 0.02-0.1 weak, 0.1-0.3 medium, > 0.3 strong
    assert [iv_band(v, "scorecard") for v in (0.01, 0.05, 0.2, 0.35, 0.9)] == ["useless", "weak", "medium", "strong", "strong"]
    # Smile's InformationValue (and earlier versions of the scorecard manual): a fifth band above 0.5
    assert [iv_band(v, "smile") for v in (0.01, 0.05, 0.2, 0.35, 0.9)] == ["not useful", "weak", "medium", "strong", "suspicious"]
    assert iv_band(0.05) == iv_band(0.05, "scorecard")  # the default convention


def test_the_unverified_siddiqi_bands_are_not_offered():
    # issue 13: bands attributed to Siddiqi (2006) differ between secondary sources and could not be checked
    assert set(IV_BANDS) == {"scorecard", "smile"}
    with pytest.raises(ValueError, match="convention"):
        iv_band(0.05, "siddiqi")


def _woe_r_scorecard(goods, bads):
    """WOE and IV as the R package scorecard computes them (R/info_value.R): ln(DistrBad / DistrGood)."""
    distr_good, distr_bad = goods / goods.sum(), bads / bads.sum()
    woe = np.log(distr_bad / distr_good)
    return woe, float(((distr_bad - distr_good) * woe).sum())


def _woe_optbinning(goods, bads):
    """WOE as optbinning's BinningTable.build writes it: ln(1/event_rate - 1) + ln(total events / total non-events)."""
    event_rate = bads / (goods + bads)
    return np.log(1 / event_rate - 1) + np.log(bads.sum() / goods.sum())


@FAST
@given(
    counts=st.lists(st.tuples(st.integers(1, 300), st.integers(1, 300)), min_size=2, max_size=8),
)
def test_woe_has_the_opposite_sign_of_r_scorecard_and_the_sign_of_optbinning(counts):
    goods = np.array([g for g, _ in counts], dtype=float)
    bads = np.array([b for _, b in counts], dtype=float)
    values = np.repeat(np.arange(len(counts)), (goods + bads).astype(int))
    defaults = np.concatenate([[0] * int(g) + [1] * int(b) for g, b in counts])
    table = woe_table(values, defaults, bins=len(counts)).set_index("bin").loc[[f"{v:g}" for v in range(len(counts))]]
    woe_r, iv_r = _woe_r_scorecard(goods, bads)
    assert table["woe"].to_numpy() == pytest.approx(-woe_r, rel=1e-9, abs=1e-12)
    assert table["woe"].to_numpy() == pytest.approx(_woe_optbinning(goods, bads), rel=1e-9, abs=1e-12)
    assert table["iv"].sum() == pytest.approx(iv_r, rel=1e-9)  # IV does not depend on the sign


@FAST
@given(data=st.lists(st.tuples(st.sampled_from("ABCDE"), st.integers(0, 1)), min_size=10, max_size=300))
def test_information_value_is_the_symmetric_kullback_leibler_divergence_computed_by_scipy(data):
    from scipy.stats import entropy

    values = [v for v, _ in data]
    defaults = [d for _, d in data]
    if len(set(defaults)) < 2:
        return
    table = woe_table(values, defaults, bins=5)
    p_good, p_bad = table["pct_good"].to_numpy(), table["pct_bad"].to_numpy()
    assert information_value(values, defaults, bins=5) == pytest.approx(entropy(p_good, p_bad) + entropy(p_bad, p_good), rel=1e-9)


@FAST
@given(
    scores=st.lists(st.integers(300, 900), min_size=4, max_size=200),
    seed=st.integers(0, 2**16),
)
def test_auc_gini_and_ks_agree_with_scikit_learn(scores, seed):
    rng = np.random.default_rng(seed)
    defaults = rng.integers(0, 2, size=len(scores))
    defaults[0], defaults[1] = 0, 1
    scores = np.asarray(scores, dtype=float)
    expected_auc = roc_auc_score(defaults, -scores)
    fpr, tpr, _ = roc_curve(defaults, -scores)
    assert auc(scores, defaults) == pytest.approx(expected_auc, abs=1e-12)
    assert gini(scores, defaults) == pytest.approx(2 * expected_auc - 1, abs=1e-12)
    assert ks_statistic(scores, defaults) == pytest.approx(np.max(tpr - fpr), abs=1e-12)


def test_a_perfect_score_has_auc_one_and_ks_one():
    assert auc([700, 650, 500, 450], [0, 0, 1, 1]) == 1.0
    assert ks_statistic([700, 650, 500, 450], [0, 0, 1, 1]) == 1.0


def test_the_german_scorecard_never_uses_protected_attributes(german_study):
    from lessons.data import GERMAN_PROTECTED_ATTRIBUTES, load_german_credit

    assert not set(GERMAN_PROTECTED_ATTRIBUTES) & set(german_study.card.features)
    with pytest.raises(ValueError, match="protected"):
        fit_woe_scorecard(load_german_credit(), [GERMAN_PROTECTED_ATTRIBUTES[0]])


def test_the_german_scorecard_points_add_up_to_the_scaled_log_odds(german_study):
    card = german_study.card
    scores = score_woe(card, german_study.train, clip=False)
    # rebuild the log-odds from WOE columns and coefficients, independently of the points table
    eta = np.full(len(german_study.train), card.intercept)
    for feature, binning, woe, beta in zip(card.features, card.binnings, card.woe, card.coefficients):
        eta += beta * np.asarray(woe)[binning.codes(german_study.train[feature].reset_index(drop=True))]
    assert scores == pytest.approx(points_from_pd(1 / (1 + np.exp(-eta))), rel=1e-9)


def test_the_german_scorecard_ranks_better_than_chance_on_the_test_sample(german_study):
    y = german_study.test["default"].to_numpy()
    assert auc(german_study.test_scores, y) == pytest.approx(roc_auc_score(y, -german_study.test_scores))
    assert 0.65 < auc(german_study.test_scores, y) < 0.9
    assert german_study.iv["iv"].ge(0).all()


# ---------------------------------------------------------------------------
# Wrong kinds of input name the parameter (issue 16)
# ---------------------------------------------------------------------------

_TOY = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "c": list("aabbab"), "default": [1, 1, 0, 1, 0, 0]})


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: german_candidates(features=5), ValueError, "features"),
        (lambda: german_candidates(features="checking_status"), ValueError, "features"),
        (lambda: german_candidates(features=[]), ValueError, "features"),
        (lambda: german_candidates(features=[1, 2]), ValueError, "features"),
        (lambda: german_scorecard_study(exclude=5), ValueError, "exclude"),
        (lambda: german_scorecard_study(exclude=None), ValueError, "exclude"),
        (lambda: german_scorecard_study(exclude=["shoe_size"]), ValueError, "exclude"),
        (lambda: woe_table(5, [0, 1], bins=2), TypeError, "values"),
        (lambda: woe_table(np.zeros((3, 2)), [0, 1, 0], bins=2), ValueError, "values"),
        (lambda: woe_table(_TOY, _TOY["default"], bins=2), TypeError, "values"),
        (lambda: information_value(5, [0, 1], bins=2), TypeError, "values"),
        (lambda: iv_summary(_TOY, 5), ValueError, "features"),
        (lambda: iv_summary(_TOY, None), ValueError, "features"),
        (lambda: iv_summary(_TOY, ["x"], target=["default"]), TypeError, "target"),
        (lambda: split_sample(_TOY, target=["default"]), TypeError, "target"),
        (lambda: fit_woe_scorecard(5, ["x"]), TypeError, "frame"),
        (lambda: fit_woe_scorecard(_TOY, 5), ValueError, "features"),
        (lambda: fit_woe_scorecard(_TOY, ["x"], target=[]), TypeError, "target"),
        (lambda: fit_woe_scorecard(_TOY, ["x"], protected=5), ValueError, "protected"),
        (lambda: fit_woe_scorecard(_TOY, ["x"], protected="foreign_worker"), ValueError, "protected"),
        (lambda: scorecard_points(None), TypeError, "card"),
    ],
)
def test_a_wrong_kind_of_scorecard_input_names_the_parameter(call, error, name):
    with pytest.raises(error, match=name):
        call()


def test_an_exclude_list_that_is_a_single_string_is_refused_not_read_letter_by_letter():
    # before issue 16, exclude="age" silently excluded the letters 'a', 'g' and 'e' (that is: nothing)
    with pytest.raises(ValueError, match=r"exclude must be a list of German-credit variable names"):
        german_scorecard_study(exclude="age")


def test_a_min_iv_that_no_variable_reaches_says_so():
    with pytest.raises(ValueError, match="min_iv"):
        german_scorecard_study(min_iv=0.99)


# ---------------------------------------------------------------------------
# The German study on the corrected data (issue 13) and its IV table (issue 14)
# ---------------------------------------------------------------------------


def test_the_german_study_uses_the_corrected_code_table(german_study):
    from lessons.data import load_german_credit

    assert german_study.data.equals(load_german_credit())
    woe = woe_table(german_study.train["checking_status"], german_study.train["default"]).set_index("bin")["woe"]
    # Groemping's labels: a balance of at least 200 DM (or a salary) is the safest group, no account the riskiest;
    # under the UCI labels the same rows read "no checking account is safest"
    assert woe.idxmax() == ">= 200 DM or salary for at least 1 year"
    assert woe.idxmin() == "no checking account"
    history = woe_table(german_study.train["credit_history"], german_study.train["default"]).set_index("bin")["woe"]
    assert history.idxmax() == "all credits at this bank paid back duly"
    assert history.idxmin() == "delay in paying off in the past"


def test_the_iv_table_marks_exactly_the_variables_in_the_card(german_study):
    iv = german_study.iv
    assert iv["selected"].tolist() == (iv["iv"] >= german_study.min_iv).tolist()
    assert tuple(iv.loc[iv["selected"], "variable"]) == german_study.card.features


def test_the_iv_table_shown_with_three_decimals_agrees_with_the_selection_rule(german_study):
    # issue 14: other_debtors was shown as 0.020 while the rule "IV of at least 0.02" left it out (0.0199)
    shown = german_study.iv["iv"].round(3)
    assert (shown >= german_study.min_iv).tolist() == german_study.iv["selected"].tolist()


def test_min_iv_moves_variables_in_and_out_of_the_card():
    strict = german_scorecard_study(min_iv=0.1)
    assert set(strict.card.features) == set(strict.iv.loc[strict.iv["iv"] >= 0.1, "variable"])
    assert strict.min_iv == 0.1


def test_an_applicants_points_add_up_to_the_score(german_study):
    card = german_study.card
    for i in (0, 1, 57):
        row = german_study.test.iloc[[i]]
        table = scorecard_points(card, row)
        assert table["variable"].tolist() == list(card.features)
        assert table["points"].sum() == pytest.approx(score_woe(card, row, clip=False)[0], rel=1e-12)
        full = scorecard_points(card).set_index(["variable", "bin"])["points"]
        for _, r in table.iterrows():
            assert r["points"] == pytest.approx(full.loc[(r["variable"], r["bin"])])


def test_a_value_the_card_never_saw_gets_the_points_of_a_woe_of_zero():
    toy = pd.DataFrame({"c": list("aabbab") * 10, "default": [1, 1, 0, 1, 0, 0] * 10})
    card = fit_woe_scorecard(toy, ["c"], bins=2)
    row = scorecard_points(card, pd.DataFrame({"c": ["z"]}))
    assert row.loc[0, "bin"] == "(unseen)" and row.loc[0, "woe"] == 0.0
    assert row.loc[0, "points"] == pytest.approx(score_woe(card, pd.DataFrame({"c": ["z"]}), clip=False)[0])


@pytest.mark.parametrize(
    ("applicant", "error", "match"),
    [
        (pd.DataFrame({"c": ["a", "b"]}), ValueError, "exactly one row"),
        (pd.Series({"c": "a"}), TypeError, "applicant"),
        (pd.DataFrame({"x": ["a"]}), ValueError, "applicant"),
    ],
)
def test_a_wrong_applicant_names_the_parameter(applicant, error, match):
    toy = pd.DataFrame({"c": list("aabbab") * 10, "default": [1, 1, 0, 1, 0, 0] * 10})
    card = fit_woe_scorecard(toy, ["c"], bins=2)
    with pytest.raises(error, match=match):
        scorecard_points(card, applicant)


# ---------------------------------------------------------------------------
# What the scorecard page says about its study stays true (issue 14: every solution true)
# ---------------------------------------------------------------------------


def test_every_coefficient_on_woe_is_negative(german_study):
    # the page: "with our sign convention a higher WOE means safer, so the fitted beta_j come out negative"
    assert all(b < 0 for b in german_study.card.coefficients)


def test_the_cards_best_bins_were_the_uci_tables_surprises(german_study):
    from lessons.data import compare_german_codebooks

    points = scorecard_points(german_study.card)

    def best_and_worst(variable):
        rows = points[points["variable"] == variable].set_index("bin")["points"]
        return rows.idxmax(), rows.idxmin()

    def uci_label(variable, corrected):
        table = compare_german_codebooks(variable)
        return table.loc[table["corrected_label"] == corrected].nlargest(1, "applicants")["uci_label"].item()

    best, _ = best_and_worst("checking_status")
    assert uci_label("checking_status", best) == "no checking account"
    best, _ = best_and_worst("credit_history")
    assert uci_label("credit_history", best).startswith("critical account")
    _, worst = best_and_worst("property")
    assert worst == "real estate" and uci_label("property", worst) == "unknown or no property"
    by_property = german_study.data.groupby("property", observed=True)
    assert by_property["default"].mean().idxmax() == "real estate"
    assert by_property["credit_amount"].median().idxmax() == "real estate"


def test_finer_bins_raise_the_training_auc_and_the_gap_on_the_pages_split(german_study):
    aucs = {}
    for bins in (3, 5, 10):
        s = german_study if bins == 5 else german_scorecard_study(bins=bins, seed=2020)
        aucs[bins] = (auc(s.train_scores, s.train["default"]), auc(s.test_scores, s.test["default"]))
    train = [aucs[b][0] for b in (3, 5, 10)]
    gap = [aucs[b][0] - aucs[b][1] for b in (3, 5, 10)]
    assert train == sorted(train) and gap == sorted(gap)
    assert aucs[10][1] - aucs[3][1] < aucs[10][0] - aucs[3][0]  # the test AUC follows less far


def test_over_other_splits_the_training_auc_beats_the_test_auc_and_the_pages_split_is_favourable(german_study):
    from lessons.montecarlo import mean_estimate

    splits = [german_scorecard_study(bins=5, seed=seed) for seed in range(10)]
    train = np.array([auc(s.train_scores, s.train["default"]) for s in splits])
    test = np.array([auc(s.test_scores, s.test["default"]) for s in splits])
    assert mean_estimate(train - test).low > 0  # over-fitting, beyond the Monte Carlo error
    page_test = auc(german_study.test_scores, german_study.test["default"])
    assert (test < page_test).sum() >= 8  # "a favourable split"
    assert page_test > auc(german_study.train_scores, german_study.train["default"])  # the page says "higher"
