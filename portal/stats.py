"""Significance tests and confidence intervals for the satisfaction figures (SPEC.md §3).

A change between two periods is called significant only when its test says so at ``ALPHA``:
Welch's t test for the satisfaction index (a mean of per-response scores), a two-proportion z test for
CSAT, and a z test on the difference of two NPS values (each NPS is the mean of a +1 / 0 / -1 score per
respondent: promoter, passive, detractor, so its variance comes from the promoter and detractor shares).
Intervals are 95%: an adjusted Student t for the satisfaction index (``index_adjusted``), Wilson for shares,
adjusted Wald for NPS (``nps_adjusted``); none of them has zero width on a few identical answers. Everything takes summary statistics (n, mean, sd, counts) as the queries return them;
the interval functions also take arrays, so a whole trend is computed at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import stats as sps

ALPHA = 0.05
LEVEL = 0.95


@dataclass(frozen=True)
class TestResult:
    statistic: float | None
    p_value: float | None

    @property
    def significant(self) -> bool:
        return self.p_value is not None and self.p_value < ALPHA


NO_TEST = TestResult(None, None)


def _finite(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _no_spread(value1, value2) -> TestResult:
    """Both periods without any spread (every answer the same in each): no sampling noise is left to weigh the
    change against, so any difference is certain (p = 0: index 0 -> 100, NPS -100 -> +100 on 20 answers each) and
    no difference is none (p = 1). The statistic is unbounded (or 0/0), so none is given."""
    return TestResult(None, 0.0 if value1 != value2 else 1.0)


def welch_t_test(mean1, sd1, n1, mean2, sd2, n2) -> TestResult:
    """Welch's unequal-variance t test of two means from their summary statistics; both SDs 0: ``_no_spread``."""
    if not all(_finite(v) for v in (mean1, sd1, n1, mean2, sd2, n2)) or n1 < 2 or n2 < 2:
        return NO_TEST
    if sd1 == 0 and sd2 == 0:
        return _no_spread(mean1, mean2)
    res = sps.ttest_ind_from_stats(mean1, sd1, n1, mean2, sd2, n2, equal_var=False)
    return TestResult(float(res.statistic), float(res.pvalue))


def two_proportion_z_test(x1, n1, x2, n2) -> TestResult:
    """Two-sided z test of p1 = x1/n1 against p2 = x2/n2 with the pooled standard error."""
    if not n1 or not n2:
        return NO_TEST
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return NO_TEST
    z = (x1 / n1 - x2 / n2) / se
    return TestResult(z, float(2 * sps.norm.sf(abs(z))))


def nps_variance(promoters, detractors, n):
    """Variance of one respondent's +1/0/-1 score; NPS (as a share) has variance this / n."""
    p = np.asarray(promoters, dtype=float) / n
    d = np.asarray(detractors, dtype=float) / n
    return p + d - (p - d) ** 2


def nps_z_test(promoters1, detractors1, n1, promoters2, detractors2, n2) -> TestResult:
    """Two-sided z test of NPS1 = NPS2 (unpooled: each period's promoter and detractor shares); a standard error
    of 0 (each period all promoters, all detractors or all passives): ``_no_spread``."""
    if not n1 or not n2:
        return NO_TEST
    se = math.sqrt(
        nps_variance(promoters1, detractors1, n1) / n1 + nps_variance(promoters2, detractors2, n2) / n2
    )
    if se == 0:
        return _no_spread((promoters1 - detractors1) / n1, (promoters2 - detractors2) / n2)
    z = ((promoters1 - detractors1) / n1 - (promoters2 - detractors2) / n2) / se
    return TestResult(z, float(2 * sps.norm.sf(abs(z))))


@lru_cache(maxsize=8)
def normal_quantile(level: float = LEVEL) -> float:
    """The two-sided normal quantile of ``level`` (1.959963... for 95 %): scipy's ``norm.ppf`` costs ~0.1 ms a
    call, and the overview asks for hundreds of intervals a run (issue 14), all at the same level."""
    return float(sps.norm.ppf(0.5 + level / 2))


INDEX_SCALE = (0.0, 100.0)  # the satisfaction index's ends: overall 1 -> 0, 5 -> 100


def index_adjusted(mean, sd, n, scale: tuple[float, float] = INDEX_SCALE):
    """(centre, standard error, degrees of freedom) of a mean on a bounded scale (the satisfaction index,
    0-100), adjusted as the adjusted Wald intervals of shares and NPS are: two pseudo-answers are added, one at
    each end of the scale (0 and 100), and the interval is Student t's on the n + 2 answers (df n + 1).

    Why: the plain t interval rests on the sample SD, which is 0 when every answer of a period is the same, so
    two answers of 4 claimed "95%: 75.0-75.0". The pseudo-answers give such a period the spread the scale allows
    (2 x 75 -> centre 62.5, the whole scale at n = 2; 40 x 100 -> 92.8-100), pull the centre toward the middle
    by at most 50 x 2 / (n + 2) points, and matter little at the n the portal trusts (n = 100, mean 80, sd 20:
    half-width 4.2 instead of 4.0). Summary statistics in (the queries' n, mean, sample sd), scalars or arrays."""
    mean, sd, n = (np.asarray(v, dtype=float) for v in (mean, sd, n))
    low, high = scale
    n_adj = n + 2.0
    centre = (n * mean + low + high) / n_adj
    with np.errstate(invalid="ignore", divide="ignore"):
        squares = (
            (n - 1) * np.where(n >= 2, sd, 0.0) ** 2
            + n * (mean - centre) ** 2
            + (low - centre) ** 2
            + (high - centre) ** 2
        )
        se = np.sqrt(squares / (n_adj - 1) / n_adj)
    return centre, se, n_adj - 1


def index_ci(mean, sd, n, level: float = LEVEL):
    """The adjusted t interval of the satisfaction index (``index_adjusted``), kept inside 0-100: (lower,
    upper), NaN where n < 2 (one answer has no interval: the trend's hover says "—"). Scalars or arrays."""
    n = np.asarray(n, dtype=float)
    centre, se, df = index_adjusted(mean, sd, n)
    low, high = INDEX_SCALE
    with np.errstate(invalid="ignore"):
        half = sps.t.ppf(0.5 + level / 2, df) * se
    none = ~(n >= 2)
    lower = np.where(none, np.nan, np.clip(centre - half, low, high))
    upper = np.where(none, np.nan, np.clip(centre + half, low, high))
    return lower, upper


def proportion_ci(successes, n, level: float = LEVEL):
    """Wilson score interval of a proportion (0..1): (lower, upper), NaN where n = 0."""
    x, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    z = normal_quantile(level)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


NPS_ADDED_N = (
    3.0  # adjusted Wald for NPS (Rocks 2016): 3 pseudo-respondents, 3/4 of one a promoter, 3/4 a detractor
)
NPS_ADDED_EACH = 0.75


def nps_adjusted(promoters, detractors, n):
    """(centre, standard error) of NPS as a share (-1..1) by the adjusted Wald method of B. Rocks, "Interval
    Estimation for the 'Net Promoter Score'", The American Statistician 70(4), 2016, 365-372 (also J. Lewis and
    J. Sauro, MeasuringU 2021): n + 3 respondents, promoters + 3/4, detractors + 3/4, then the normal interval of
    a difference of the two shares of one sample. Unlike the plain Wald interval it never has zero width (one
    passive answer: 0 - 0, all promoters: 100 - 100) and it covers better at small n. Scalars or arrays."""
    n_adj = np.asarray(n, dtype=float) + NPS_ADDED_N
    p = (np.asarray(promoters, dtype=float) + NPS_ADDED_EACH) / n_adj
    d = (np.asarray(detractors, dtype=float) + NPS_ADDED_EACH) / n_adj
    return p - d, np.sqrt((p + d - (p - d) ** 2) / n_adj)


def nps_ci(promoters, detractors, n, level: float = LEVEL):
    """Adjusted Wald interval of NPS (``nps_adjusted``) on its -100..100 scale, kept inside it: (lower, upper),
    NaN where n = 0."""
    n = np.asarray(n, dtype=float)
    z = normal_quantile(level)
    centre, se = nps_adjusted(promoters, detractors, n)
    none = n <= 0
    lower = np.where(none, np.nan, np.clip(centre - z * se, -1.0, 1.0))
    upper = np.where(none, np.nan, np.clip(centre + z * se, -1.0, 1.0))
    return 100 * lower, 100 * upper


def correlation_ci(r, n, level: float = LEVEL):
    """Fisher-z interval of a Pearson correlation: (lower, upper), NaN where n < 4."""
    r, n = np.asarray(r, dtype=float), np.asarray(n, dtype=float)
    z = normal_quantile(level)
    with np.errstate(invalid="ignore", divide="ignore"):
        fz = np.arctanh(np.clip(r, -0.999999, 0.999999))
        half = z / np.sqrt(np.where(n >= 4, n - 3, np.nan))
    return np.tanh(fz - half), np.tanh(fz + half)
