"""Significance tests and confidence intervals (portal.stats), against values worked out by hand."""

import math

import numpy as np
import pytest

from portal import stats


def test_welch_t_on_two_small_samples():
    # [1,2,3,4,5] vs [3,4,5,6,7]: means 3 and 5, both sd = sqrt(2.5), n = 5.
    # t = (3 - 5) / sqrt(2.5/5 + 2.5/5) = -2 / 1 = -2.0; Welch df = (0.5 + 0.5)^2 / (0.25/4 + 0.25/4) = 8.
    # t(0.975, 8) = 2.306 > 2 > t(0.95, 8) = 1.860, so 0.05 < p < 0.10: not significant.
    res = stats.welch_t_test(3, math.sqrt(2.5), 5, 5, math.sqrt(2.5), 5)
    assert res.statistic == pytest.approx(-2.0)
    assert 0.05 < res.p_value < 0.10
    assert not res.significant


def test_welch_t_needs_two_per_group():
    assert stats.welch_t_test(3, 1, 1, 5, 1, 10).p_value is None
    assert stats.welch_t_test(3, None, 5, 5, 1, 10).p_value is None
    assert not stats.welch_t_test(3, 0, 5, 3, 0, 5).significant  # both constant and equal: p = 1


def test_no_spread_in_either_period_is_certain():
    # probe h5 (edge.duckdb, S002): 20 answers all overall 1 / recommend 0, then 20 all overall 5 / recommend 10.
    # Index 0 -> 100 (both sd 0) and NPS -100 -> +100 (both variances 0) were "not significant" (p None) while
    # CSAT on the same answers was; with no spread the change is certain: p = 0, and no change is p = 1.
    index = stats.welch_t_test(100.0, 0.0, 20, 0.0, 0.0, 20)
    assert (index.statistic, index.p_value, index.significant) == (None, 0.0, True)
    same = stats.welch_t_test(75.0, 0.0, 20, 75.0, 0.0, 20)
    assert (same.statistic, same.p_value, same.significant) == (None, 1.0, False)
    nps = stats.nps_z_test(20, 0, 20, 0, 20, 20)
    assert (nps.statistic, nps.p_value, nps.significant) == (None, 0.0, True)
    all_passive = stats.nps_z_test(0, 0, 20, 0, 0, 30)
    assert (all_passive.p_value, all_passive.significant) == (1.0, False)
    assert stats.two_proportion_z_test(20, 20, 0, 20).significant  # CSAT 100% vs 0%: z = 6.32


def test_two_proportion_z():
    # 60/100 vs 45/100: pooled p = 105/200 = 0.525; se = sqrt(0.525 x 0.475 x (1/100 + 1/100)) = 0.070622;
    # z = 0.15 / 0.070622 = 2.1240; p = 2 x (1 - Phi(2.124)) = 0.0337 < 0.05: significant.
    res = stats.two_proportion_z_test(60, 100, 45, 100)
    assert res.statistic == pytest.approx(2.1240, abs=1e-4)
    assert res.p_value == pytest.approx(0.0337, abs=1e-4)
    assert res.significant
    # 52/100 vs 48/100: z = 0.04 / sqrt(0.5 x 0.5 x 0.02) = 0.04 / 0.0707 = 0.566: not significant
    assert stats.two_proportion_z_test(52, 100, 48, 100).statistic == pytest.approx(0.5657, abs=1e-4)
    assert not stats.two_proportion_z_test(52, 100, 48, 100).significant
    assert stats.two_proportion_z_test(1, 0, 1, 5).p_value is None


def test_nps_z():
    # period 1: 50 promoters, 20 detractors of 100 -> NPS 30; per-respondent variance 0.5 + 0.2 - 0.3^2 = 0.61
    # period 2: 30 and 30 of 100 -> NPS 0; variance 0.6 + 0 - 0 = 0.6
    # se = sqrt(0.61/100 + 0.6/100) = sqrt(0.0121) = 0.11; z = 0.30 / 0.11 = 2.7273; p = 0.0064
    res = stats.nps_z_test(50, 20, 100, 30, 30, 100)
    assert res.statistic == pytest.approx(2.7273, abs=1e-4)
    assert res.p_value == pytest.approx(0.0064, abs=2e-4)
    assert res.significant


def test_index_interval_is_the_adjusted_t():
    # two pseudo-answers, at 0 and at 100, then Student t on the n + 2 answers (df n + 1).
    # mean 80, sd 20, n 10: centre (800 + 100) / 12 = 75; sum of squares 9 x 400 + 10 x 5^2 + 75^2 + 25^2
    # = 3600 + 250 + 5625 + 625 = 10100; var 10100 / 11 = 918.18; se = sqrt(918.18 / 12) = 8.7473;
    # t(0.975, 11) = 2.20099; half = 19.253 -> (55.75, 94.25)
    lo, hi = stats.index_ci(80, 20, 10)
    assert (float(lo), float(hi)) == pytest.approx((55.75, 94.25), abs=0.01)
    lo, hi = stats.index_ci([3, 4], [1, 1], [1, 0])
    assert np.isnan(lo).all() and np.isnan(hi).all()


def test_index_interval_never_collapses_on_identical_answers():
    # probe h5: two answers of 4 (index 75, sd 0) gave "95%: 75.0-75.0, n = 2" (the plain t interval's width is
    # its sd). Adjusted: centre (150 + 100) / 4 = 62.5; squares 2 x 12.5^2 + 62.5^2 + 37.5^2 = 5625;
    # se = sqrt(5625 / 3 / 4) = 21.651; t(0.975, 3) = 3.18245; half = 68.90 -> (-6.40, 131.40): the whole scale
    lo, hi = stats.index_ci(75, 0, 2)
    assert (float(lo), float(hi)) == (0.0, 100.0)
    # 40 answers of 5 (index 100, sd 0): centre 4100 / 42 = 97.619; squares 40 x 2.381^2 + 97.619^2 + 2.381^2
    # = 9761.9; se = sqrt(9761.9 / 41 / 42) = 2.3810; t(0.975, 41) = 2.01954; half = 4.808 -> (92.81, 100)
    lo, hi = stats.index_ci(100, 0, 40)
    assert (float(lo), float(hi)) == pytest.approx((92.81, 100.0), abs=0.01)
    # one answer: no interval (sd null), not a zero-width one
    lo, hi = stats.index_ci(75, float("nan"), 1)
    assert np.isnan(lo) and np.isnan(hi)


def test_wilson_interval():
    # 8 of 10, z = 1.96: centre = (0.8 + 3.8416/20) / (1 + 3.8416/10) = 0.71674;
    # half = 1.96 x sqrt(0.8 x 0.2 / 10 + 3.8416 / 400) / 1.38416 = 0.22657 -> (0.4902, 0.9433)
    lo, hi = stats.proportion_ci(8, 10)
    assert (float(lo), float(hi)) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    lo, hi = stats.proportion_ci(0, 0)
    assert np.isnan(lo) and np.isnan(hi)


def test_nps_interval_is_the_adjusted_wald():
    # Rocks (2016) adjusted Wald: n + 3, promoters + 3/4, detractors + 3/4, then the interval of p - d.
    # 50 / 20 of 100: n' = 103, p = 50.75 / 103 = 0.492718, d = 20.75 / 103 = 0.201456, centre 0.291262;
    # var = (0.694175 - 0.291262^2) / 103 = 0.609341 / 103 = 0.0059159; half = 1.959964 x 0.076915 = 0.150751
    # -> (14.05, 44.20) points
    lo, hi = stats.nps_ci(50, 20, 100)
    assert (float(lo), float(hi)) == pytest.approx((14.05, 44.20), abs=0.01)


def test_nps_interval_never_collapses_at_small_n():
    # probe h4: one response (recommend 8, a passive) gave "NPS 95% CI 0 – 0", and nps_ci(2, 0, 2) 100 – 100
    # (the plain Wald variance is 0). One passive: n' = 4, p = d = 0.75 / 4 = 0.1875, centre 0,
    # var = 0.375 / 4 = 0.09375, half = 1.959964 x 0.306186 = 0.600114 -> (-60.01, 60.01)
    lo, hi = stats.nps_ci(0, 0, 1)
    assert (float(lo), float(hi)) == pytest.approx((-60.01, 60.01), abs=0.01)
    # two promoters: n' = 5, p = 2.75 / 5 = 0.55, d = 0.15, centre 0.4, var = (0.7 - 0.16) / 5 = 0.108,
    # half = 1.959964 x 0.328634 = 0.644111 -> (-24.41, 104.41), kept inside the scale: (-24.41, 100)
    lo, hi = stats.nps_ci(2, 0, 2)
    assert (float(lo), float(hi)) == pytest.approx((-24.41, 100.0), abs=0.01)
    lo, hi = stats.nps_ci(0, 0, 0)
    assert np.isnan(lo) and np.isnan(hi)


def test_correlation_interval_fisher_z():
    # r 0.5, n 28: atanh(0.5) = 0.5493; half = 1.96 / sqrt(25) = 0.392 -> tanh(0.1573), tanh(0.9413)
    # tanh(x) = (e^2x - 1) / (e^2x + 1): e^0.3146 = 1.3697 -> 0.3697 / 2.3697 = 0.1560;
    # e^1.8826 = 6.5710 -> 5.5710 / 7.5710 = 0.7358
    lo, hi = stats.correlation_ci(0.5, 28)
    assert (float(lo), float(hi)) == pytest.approx((0.1560, 0.7358), abs=1e-4)
    lo, hi = stats.correlation_ci(0.5, 3)
    assert np.isnan(lo) and np.isnan(hi)


def test_normal_quantile_is_scipys_and_the_intervals_use_it(monkeypatch):
    # 1.959963984540054: the 97.5 % point of the standard normal; 2.5758293035489 at 99 %
    assert stats.normal_quantile() == pytest.approx(1.959963984540054, rel=1e-12)
    assert stats.normal_quantile(0.99) == pytest.approx(2.5758293035489004, rel=1e-12)
    # worked once per level (issue 14: the overview asks for hundreds of intervals a run)
    calls = []
    real_ppf = stats.sps.norm.ppf
    monkeypatch.setattr(stats.sps.norm, "ppf", lambda q: calls.append(q) or real_ppf(q))
    stats.normal_quantile.cache_clear()
    for _ in range(50):
        stats.proportion_ci(30, 40)
        stats.nps_ci(20, 5, 40)
    assert calls == [0.975]
    # Wilson for 30 of 40 at 95 %, by hand: z² = 3.8415; centre (0.75 + 3.8415 / 80) / (1 + 3.8415 / 40)
    # = 0.79802 / 1.09604 = 0.72810; half 1.96 * sqrt(0.1875 / 40 + 3.8415 / 6400) / 1.09604 = 0.13004
    lo, hi = stats.proportion_ci(30, 40)
    assert (float(lo), float(hi)) == (pytest.approx(0.59806, abs=1e-4), pytest.approx(0.85814, abs=1e-4))
