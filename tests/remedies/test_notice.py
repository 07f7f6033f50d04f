"""Tests of lessons.remedies.notice: both sides of a notice rule."""

from __future__ import annotations

import numpy as np
import pytest
from _remedies_fixtures import FEW
from hypothesis import given
from hypothesis import strategies as st

from lessons.remedies.notice import extra_exposure, notice_estimate, notice_tradeoff, shortfall_with_refinancing


@FEW
@given(
    seed=st.integers(0, 10_000),
    step=st.sampled_from([0, 30, 60]),
    replace_share=st.sampled_from([0.0, 0.5, 1.0]),
    limit=st.sampled_from([20_000.0, 40_000.0]),
)
def test_longer_notice_never_raises_the_shops_shortfall_probability(seed, step, replace_share, limit):
    table = notice_tradeoff((0, 30, 60, 90), (step,), n_shops=200, seed=seed, replace_share=replace_share, limit=limit)
    probabilities = table.sort_values("notice_days")["shortfall_probability"].to_numpy()
    assert np.all(np.diff(probabilities) <= 1e-12)


def test_a_sudden_cut_costs_the_platform_nothing_extra_and_refinanced_shops_are_not_cut():
    table = notice_tradeoff((0, 60), n_shops=300, replace_share=1.0, replace_days=(1, 1))
    sudden, notice = table.iloc[0], table.iloc[1]
    assert sudden["extra_expected_loss"] == 0.0 and sudden["escaped_share"] == 0.0
    assert notice["escaped_share"] == 1.0
    assert notice["shortfall_probability"] == pytest.approx(notice["no_cut_probability"])
    assert notice["extra_expected_loss"] <= 0.0  # everyone refinanced: the platform is repaid


def test_without_other_channels_or_drawdowns_notice_changes_only_the_timing():
    table = notice_tradeoff((0, 30), n_shops=200, replace_share=0.0, drawdown_share=0.0)
    assert (table["escaped_share"] == 0).all()
    # The extra exposure is then the average change of the balance during the notice, whatever its sign.
    assert table.loc[0, "extra_exposure"] == 0.0


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"notices": (0, 200)}, "notices"),
        ({"step_downs": (-5,)}, "step_downs"),
        ({"replace_share": 1.5}, "replace_share"),
        ({"replace_days": (60, 10)}, "replace_days"),
        ({"cut_day": 700}, "horizon"),
        ({"pd_": -0.1}, "pd_"),
    ],
)
def test_notice_tradeoff_rejects_bad_settings(kwargs, match):
    with pytest.raises(ValueError, match=match):
        notice_tradeoff(**{"n_shops": 50, **kwargs})


# ---------------------------------------------------------------------------
# Arguments of the wrong kind (issue 16): a clear error that names the parameter, never an AttributeError
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["notices", "step_downs"])
@pytest.mark.parametrize("value", [None, 30, "30", []])
def test_notice_tradeoff_names_notices_or_step_downs_that_are_not_a_list_of_days(name, value):
    with pytest.raises(ValueError, match=f"^{name} must"):
        notice_tradeoff(**{"n_shops": 50, name: value})


@pytest.mark.parametrize("replace_days", [None, 30, "7-90", (7,), (7, 30, 90)])
def test_notice_tradeoff_needs_replace_days_as_a_pair(replace_days):
    with pytest.raises(ValueError, match=r"^replace_days must be a pair \(low, high\)"):
        notice_tradeoff(n_shops=50, replace_days=replace_days)


# ---------------------------------------------------------------------------
# Issue 13: a symmetric notice model
# ---------------------------------------------------------------------------


def test_refinancing_that_arrives_after_a_sudden_cut_still_lowers_shortfalls():
    # Before issue 13 only money arriving within the notice counted, so after a sudden cut a shop that could
    # refinance never got the money: both tables were identical.
    common = dict(n_shops=300, seed=4, replace_days=(20, 60))
    without = notice_tradeoff((0,), replace_share=0.0, **common)
    with_money = notice_tradeoff((0,), replace_share=1.0, **common)
    assert with_money.loc[0, "shortfall_probability"] < without.loc[0, "shortfall_probability"]


def test_refinancing_that_arrives_after_the_notice_still_lowers_shortfalls():
    common = dict(n_shops=300, seed=4, replace_days=(45, 90))  # always after a 30-day notice
    without = notice_tradeoff((30,), replace_share=0.0, **common)
    late = notice_tradeoff((30,), replace_share=1.0, **common)
    assert late.loc[0, "escaped_share"] == 0.0  # nobody is refinanced before the line starts to fall ...
    assert late.loc[0, "shortfall_probability"] < without.loc[0, "shortfall_probability"]  # ... and it still helps


def test_earlier_money_never_means_more_shortfalls():
    common = dict(n_shops=300, seed=8, replace_share=1.0)
    early = notice_tradeoff((0, 30), replace_days=(10, 10), **common)
    late = notice_tradeoff((0, 30), replace_days=(80, 80), **common)
    assert (early["shortfall_probability"].to_numpy() <= late["shortfall_probability"].to_numpy()).all()


def test_a_shop_whose_money_arrives_on_the_day_of_the_decision_is_as_well_off_as_one_never_cut():
    table = notice_tradeoff((0, 30), n_shops=300, replace_share=1.0, replace_days=(0, 0))
    assert table["shortfall_probability"].tolist() == pytest.approx([table.loc[0, "no_cut_probability"]] * 2)


@FEW
@given(
    cut=st.lists(st.lists(st.booleans(), min_size=6, max_size=6), min_size=1, max_size=5),
    arrival=st.integers(0, 6),
    start=st.integers(0, 3),
)
def test_shortfall_with_refinancing_lies_between_the_never_cut_and_the_cut_shop(cut, arrival, start):
    cut = np.array(cut)
    never = cut & np.random.default_rng(len(cut)).random(cut.shape).__lt__(0.5)  # the never-cut shop is never worse
    arrival = max(arrival, start)
    short = shortfall_with_refinancing(cut, never, np.full(len(cut), arrival), start=start)
    cut_any = cut[:, start:].any(axis=1)
    never_any = never[:, start:].any(axis=1)
    assert (never_any <= short).all() and (short <= cut_any).all()
    assert (shortfall_with_refinancing(cut, never, np.full(len(cut), start), start=start) == never_any).all()
    assert (shortfall_with_refinancing(cut, never, np.full(len(cut), 6), start=start) == cut_any).all()


def test_a_falling_balance_lowers_the_exposure_as_much_as_a_rising_one_raises_it():
    assert extra_exposure([10_000.0], [7_000.0], limit=40_000).tolist() == [-3_000.0]
    assert extra_exposure([10_000.0], [13_000.0], limit=40_000).tolist() == [3_000.0]


@FEW
@given(
    before=st.lists(st.floats(0, 40_000), min_size=1, max_size=20),
    shift=st.floats(-1, 1),
)
def test_mirror_image_balances_give_mirror_image_exposures(before, shift):
    before = np.array(before)
    after = np.clip(before * (1 + shift), 0, None)
    there = extra_exposure(before, after, limit=40_000)
    back = extra_exposure(after, before, limit=40_000)
    assert np.allclose(there, -back)
    assert np.allclose(there, after - before)


def test_a_drawer_takes_what_is_left_and_a_refinanced_shop_repays_everything():
    extra = extra_exposure([10_000.0, 10_000.0, 10_000.0], [12_000.0, 45_000.0, 12_000.0], limit=40_000,
                           draws=[True, True, True], refinanced=[False, False, True])
    assert extra.tolist() == [30_000.0, 35_000.0, -10_000.0]


def test_a_notice_after_which_balances_fall_saves_the_platform_money_when_nobody_draws():
    # Shops that repay out of their sales during the notice lower the platform's exposure; the old model
    # (max(balance change, 0)) never credited that.
    table = notice_tradeoff((0, 90), n_shops=300, seed=5, replace_share=0.0, drawdown_share=0.0)
    assert table.loc[1, "extra_expected_loss"] < 0


def test_the_reviewers_corrected_numbers_are_reproduced_on_the_page_settings():
    # Issue 13: with LGD 0.45 and half the shops refinancing, the extra loss per shop is about 349 / 112 / -92 for
    # 30 / 60 / 90 days of notice (the balance at the day the limit falls does not depend on the horizon).
    table = notice_tradeoff((0, 30, 60, 90), n_shops=1_000, seed=3, lgd=0.45, horizon=400)
    assert table["extra_expected_loss"].round(0).tolist() == [0.0, 349.0, 113.0, -92.0]


def test_the_loss_given_default_is_the_course_consumer_lgd():
    from lessons.credit.cutoffs import CONSUMER_LGD

    default = notice_tradeoff((0, 30), n_shops=100, seed=2)
    explicit = notice_tradeoff((0, 30), n_shops=100, seed=2, lgd=CONSUMER_LGD)
    assert default["extra_expected_loss"].tolist() == explicit["extra_expected_loss"].tolist()
    half = notice_tradeoff((0, 30), n_shops=100, seed=2, lgd=CONSUMER_LGD / 2)
    assert half.loc[1, "extra_expected_loss"] == pytest.approx(default.loc[1, "extra_expected_loss"] / 2)


def test_every_rule_reports_its_monte_carlo_error():
    table = notice_tradeoff((0, 60), (0, 30), n_shops=200, seed=1)
    p = table["shortfall_probability"]
    assert np.allclose(table["shortfall_se"], np.sqrt(p * (1 - p) / 200))
    sudden = table[(table["notice_days"] == 0) & (table["step_down_days"] == 0)].iloc[0]
    assert sudden["shortfall_reduction"] == 0.0 and sudden["shortfall_reduction_se"] == 0.0
    assert (table["extra_expected_loss_se"] >= 0).all()
    est = notice_estimate(table, "extra_expected_loss", 60, 30)
    assert est.low < est.value < est.high and est.standard_error == pytest.approx(table.loc[3, "extra_expected_loss_se"])


@pytest.mark.parametrize(
    "kwargs, match",
    [({"column": "escaped_share"}, "column"), ({"notice": 45}, "notice 45"), ({"level": 1.5}, "level")],
)
def test_notice_estimate_rejects_what_it_cannot_estimate(kwargs, match):
    table = notice_tradeoff((0, 60), n_shops=50)
    args = {"column": "shortfall_probability", "notice": 60, **kwargs}
    with pytest.raises(ValueError, match=match):
        notice_estimate(table, args.pop("column"), args.pop("notice"), **args)


@pytest.mark.parametrize(
    "args, match",
    [
        (([1.0, 2.0], [1.0]), "same length"),
        (([-1.0], [1.0]), "balance_at_decision"),
        (([1.0], [1.0], {"draws": [True, False]}), "draws"),
        (([1.0], [1.0], {"refinanced": "yes"}), "refinanced"),
    ],
)
def test_extra_exposure_rejects_bad_input(args, match):
    kwargs = args[2] if len(args) > 2 else {}
    with pytest.raises(ValueError, match=match):
        extra_exposure(args[0], args[1], limit=40_000, **kwargs)


def test_shortfall_with_refinancing_rejects_bad_input():
    with pytest.raises(ValueError, match="same shape"):
        shortfall_with_refinancing([[0, 1]], [[0, 1, 0]], [0])
    with pytest.raises(ValueError, match="arrival"):
        shortfall_with_refinancing([[0, 1]], [[0, 0]], [0.5])
    with pytest.raises(ValueError, match="on or after start"):
        shortfall_with_refinancing([[0, 1]], [[0, 0]], [0], start=1)


@pytest.mark.parametrize("notice, arrival_day", [(0, 20), (30, 50), (60, 75)])
def test_late_refinancing_equals_chapter_3s_own_replacement_line(notice, arrival_day):
    # shortfall_with_refinancing treats a shop whose new money (as large as the line) arrives after the line has
    # closed as a shop never cut from that day on. In Chapter 3's model this is exact: check it against
    # simulate() with LinePolicy(replacement_limit=limit, replacement_days=...) on the same shops and luck.
    from lessons import sme

    shop, limit, cut_day, n = sme.ShopParams(), 40_000.0, 240, 200
    common = dict(n_shops=n, seed=7, paths=False, horizon=500, window=260, window_start=cut_day)
    cut = sme.simulate(shop, sme.LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice), **common)
    never = sme.simulate(shop, sme.LinePolicy(limit=limit), **common)
    direct = sme.simulate(
        shop, sme.LinePolicy(limit=limit, cut_day=cut_day, notice_days=notice, replacement_limit=limit, replacement_days=arrival_day), **common
    )
    combined = shortfall_with_refinancing(cut.arrears_path > 0, never.arrears_path > 0, np.full(n, cut_day + arrival_day), start=cut_day)
    assert (combined == direct.shortfall_in_window).all()
