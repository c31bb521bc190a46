"""Alerts computed from the weekly series (``sources.Series``), and which of them a reader still sees.

Rules, each on COMPLETE weeks only and never on a week resting on fewer than the figure's low-confidence n
(a week below it is left out of the control limits as well):

- ``chart_out``: the last complete week lies outside its control limits on the worse side (p-chart for a
  rate, individuals chart for any other value; ``portal.control_charts``), severity high;
- ``chart_run``: the last 8 complete weeks all on the worse side of the centre line, severity low;
- ``below_target``: the last complete week misses its target and the shortfall is significant: the target
  lies outside the week's 95% interval (the pages' intervals: Wilson for a rate, t for a mean, normal for
  NPS; ``portal.stats``), severity high when p < 0.01 else medium;
- ``worse_than_recent``: the last complete week is significantly worse than the previous 4 weeks pooled
  (the pages' tests: two-proportion z, Welch t, NPS z), severity medium.

An alert's condition key is stable (area, kind, figure, store); its fingerprint is the week since which the
condition holds, so an acknowledgement silences it until it clears (a later raise starts a new run) or
changes. A run that reaches back to the first week read (``Alert.since_open``) may have begun before it: as the
twelve weeks move on, its first week moves too, and an acknowledgement made while it held still holds (a helper's
audit, session 55: an acknowledged shortfall below target "since 2026-W34" came back the next Monday as "since
2026-W35"). Areas add their own alerts (5S bands, overdue actions) through their source.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from scipy import stats as sps

from portal import control_charts, stats
from portal.kpi import DECIMALS
from portal.overview.sources import Alert, Series
from portal.rounding import half_up

RUN_LENGTH = 8
RECENT_WEEKS = 4
HIGH_P = 0.01
HIGH, MEDIUM, LOW = 3, 2, 1


def _usable(s: Series) -> list[int]:
    """Indexes of the weeks an alert may look at: complete, with a value, n at least the low-confidence n."""
    return [
        i
        for i in range(len(s.weeks))
        if s.complete[i]
        and s.values[i] is not None
        and not _nan(s.values[i])
        and s.n[i] >= s.low_confidence_n
    ]


def _nan(v) -> bool:
    return isinstance(v, float) and math.isnan(v)


def _worse(s: Series, value: float, reference: float) -> bool:
    if s.better == "lower":
        return value > reference
    if s.better == "higher":
        return value < reference
    return value != reference


def _alert(s: Series, kind: str, i: int, severity: int, score: float, since: date, comparison, **kw) -> Alert:
    end = date.fromordinal(s.weeks[i].toordinal() + 6)
    params: tuple[tuple[str, str], ...] = (("start", s.weeks[i].isoformat()), ("end", end.isoformat()))
    if s.store:
        params += (("store", s.store),)
    return Alert(
        area=s.area,
        kind=kind,
        figure_key=s.key,
        label_key=s.label_key,
        unit=s.unit,
        severity=severity,
        score=float(score),
        week=s.weeks[i],
        since=since,
        value=s.values[i],
        n=int(s.n[i]),
        comparison=None if comparison is None else float(comparison),
        store=s.store,
        page=s.page,
        link_params=params,
        **kw,
    )


# ---------------------------------------------------------------- control chart
def chart_signals(s: Series) -> list[Alert]:
    """A point outside the limits, or a run of 8 on the worse side, at the last usable complete week."""
    idx = _usable(s)
    if len(idx) < 2 or s.better == "neither" and s.kind == "rate":
        return []
    last = idx[-1]
    if last != max(i for i in range(len(s.weeks)) if s.complete[i]):
        return []  # the last complete week has too few items: no signal about it
    if s.kind == "rate":
        chart = control_charts.p_chart_arrays([s.events[i] for i in idx], [s.n[i] for i in idx])
        values, centre = chart["rate"] * 100.0, chart["center"] * 100.0
        lower, upper = chart["lower"] * 100.0, chart["upper"] * 100.0
    else:
        chart = control_charts.individuals_chart_arrays([s.values[i] for i in idx])
        values, centre = chart["value"], chart["center"]
        lower, upper = chart["lower"], chart["upper"]
    out: list[Alert] = []
    v, hi, lo = values[-1], upper[-1], lower[-1]
    outside_bad = (v > hi and s.better != "higher") or (v < lo and s.better != "lower")
    if outside_bad and not (np.isnan(hi) or np.isnan(lo)):
        limit = hi if v > hi else lo
        out.append(_alert(s, "chart_out", last, HIGH, abs(v - centre[-1]), s.weeks[last], limit))
    if len(idx) >= RUN_LENGTH and s.better != "neither":
        side = [_worse(s, values[j], centre[j]) for j in range(len(idx))]
        if all(side[-RUN_LENGTH:]):
            start = len(idx) - RUN_LENGTH
            while start > 0 and side[start - 1]:
                start -= 1
            out.append(
                _alert(
                    s,
                    "chart_run",
                    last,
                    LOW,
                    RUN_LENGTH,
                    s.weeks[idx[start]],
                    centre[-1],
                    extra=(("run", len(idx) - start),),
                    since_open=start == 0,
                )
            )
    return out


# ---------------------------------------------------------------- below target
def _interval(s: Series, i: int) -> tuple[float, float]:
    if s.kind == "rate":
        lo, hi = stats.proportion_ci(s.events[i], s.n[i])
        return float(lo) * 100.0, float(hi) * 100.0
    if s.kind == "mean":
        lo, hi = stats.index_ci(s.values[i], s.sd[i], s.n[i])
        return float(lo), float(hi)
    if s.kind == "nps":
        lo, hi = stats.nps_ci(s.promoters[i], s.detractors[i], s.n[i])
        return float(lo), float(hi)
    return math.nan, math.nan


def _p_against(s: Series, i: int, target: float) -> float | None:
    """Two-sided p of the week's value against the target, the test whose inversion is the week's interval:
    the score test for a rate (Wilson), the adjusted one-sample t test for a mean (the index,
    ``stats.index_adjusted``), the adjusted Wald test for NPS."""
    value, n = float(s.values[i]), s.n[i]
    if s.kind == "rate":
        p0 = target / 100.0
        if not 0 < p0 < 1:
            return None
        z = (s.events[i] / n - p0) / math.sqrt(p0 * (1 - p0) / n)
        return float(2 * sps.norm.sf(abs(z)))
    if s.kind == "mean":
        sd = s.sd[i]
        if sd is None or _nan(sd) or n < 2:
            return None
        centre, se, df = (float(x) for x in stats.index_adjusted(value, sd, n))
        return float(2 * sps.t.sf(abs(centre - target) / se, df))
    if s.kind == "nps":
        centre, se = (100.0 * float(x) for x in stats.nps_adjusted(s.promoters[i], s.detractors[i], n))
        return None if se == 0 else float(2 * sps.norm.sf(abs(centre - target) / se))
    return None


def misses_significantly(s: Series, i: int) -> bool:
    """The week misses its target and the target lies outside the week's 95% interval, both judged as shown (the
    bound rounded as the figure's value is, ``kpi.DECIMALS``: the rule of the tiles' status). On raw bounds an
    interval shown as reaching the target (an upper bound of 84.96 shown as 85.0, target 85) raised a "significant
    shortfall", and a week shown as meeting its target (84.96 shown as 85.0) could too. The bound as shown below the
    target puts the value as shown below it as well."""
    if s.target is None or s.better == "neither" or s.kind == "value":
        return False
    lo, hi = (half_up(bound, DECIMALS[s.unit]) for bound in _interval(s, i))
    if s.better == "higher":
        return not math.isnan(hi) and hi < s.target
    return not math.isnan(lo) and lo > s.target


def below_target(s: Series) -> list[Alert]:
    idx = _usable(s)
    complete = [i for i in range(len(s.weeks)) if s.complete[i]]
    if not idx or not complete or idx[-1] != complete[-1] or not misses_significantly(s, idx[-1]):
        return []
    last = idx[-1]
    since = last
    for j in reversed(idx[:-1]):
        if j != since - 1 or not misses_significantly(s, j):
            break
        since = j
    p = _p_against(s, last, s.target)
    severity = HIGH if p is not None and p < HIGH_P else MEDIUM
    score = abs(float(s.values[last]) - s.target)
    open_ = since == idx[0]  # no usable week before it was read: the run may go back further
    return [
        _alert(
            s, "below_target", last, severity, score, s.weeks[since], s.target, p_value=p, since_open=open_
        )
    ]


# ---------------------------------------------------------------- a week against the previous four
@dataclass(frozen=True)
class Recent:
    value: float
    n: int
    p_value: float | None


def recent_test(s: Series, i: int) -> Recent | None:
    """The week ``i`` against the previous 4 weeks pooled (all complete and usable), with the pages' test."""
    before = [j for j in range(i - RECENT_WEEKS, i) if j >= 0]
    usable = set(_usable(s))
    if len(before) < RECENT_WEEKS or not all(j in usable for j in before) or i not in usable:
        return None
    n4 = sum(s.n[j] for j in before)
    if s.kind == "rate":
        e4 = sum(s.events[j] for j in before)
        test = stats.two_proportion_z_test(s.events[i], s.n[i], e4, n4)
        return Recent(100.0 * e4 / n4, n4, test.p_value)
    if s.kind == "mean":
        means = np.array([s.values[j] for j in before], float)
        sds = np.array([s.sd[j] for j in before], float)
        ns = np.array([s.n[j] for j in before], float)
        mean = float((ns * means).sum() / ns.sum())
        var = float(((ns - 1) * sds**2).sum() + (ns * (means - mean) ** 2).sum()) / (ns.sum() - 1)
        test = stats.welch_t_test(s.values[i], s.sd[i], s.n[i], mean, math.sqrt(var), n4)
        return Recent(mean, n4, test.p_value)
    if s.kind == "nps":
        p4 = sum(s.promoters[j] for j in before)
        d4 = sum(s.detractors[j] for j in before)
        test = stats.nps_z_test(s.promoters[i], s.detractors[i], s.n[i], p4, d4, n4)
        return Recent(100.0 * (p4 - d4) / n4, n4, test.p_value)
    return None


def worse_than_recent(s: Series) -> list[Alert]:
    complete = [i for i in range(len(s.weeks)) if s.complete[i]]
    if not complete or s.better == "neither":
        return []
    last = complete[-1]
    got = recent_test(s, last)
    if got is None or got.p_value is None or got.p_value >= stats.ALPHA:
        return []
    if not _worse(s, float(s.values[last]), got.value):
        return []
    return [
        _alert(
            s,
            "worse_than_recent",
            last,
            MEDIUM,
            abs(float(s.values[last]) - got.value),
            s.weeks[last],
            got.value,
            comparison_n=got.n,
            p_value=got.p_value,
        )
    ]


RULES = (chart_signals, below_target, worse_than_recent)


def series_alerts(series: Iterable[Series]) -> list[Alert]:
    out: list[Alert] = []
    for s in series:
        for rule in RULES:
            if s.store is not None and rule is chart_signals:
                continue  # one store's weekly chart is too thin to read; stores are judged against target
            out.extend(rule(s))
    return out


def ranked(alerts: Iterable[Alert]) -> list[Alert]:
    """Highest severity first, then the larger distance, then a stable order by key."""
    unique: dict[str, Alert] = {}
    for a in alerts:
        if a.condition_key not in unique or a.severity > unique[a.condition_key].severity:
            unique[a.condition_key] = a
    return sorted(unique.values(), key=lambda a: (-a.severity, -a.score, a.condition_key))


# ---------------------------------------------------------------- acknowledgements and snoozes
@dataclass(frozen=True)
class Ack:
    condition_key: str
    fingerprint: str
    action: str  # acknowledge | snooze
    until: date | None
    note: str
    username: str
    created_at: datetime
    user_name: str | None = None  # the user's display name (the login name when the user is gone)


def quiet(alert: Alert, acks: Mapping[str, Ack], today: date) -> Ack | None:
    """The acknowledgement or snooze that keeps this alert quiet today, if any (latest per condition key). An
    acknowledgement holds while the fingerprint is the same; for a run read from its first week on
    (``Alert.since_open``), also while it is the same run seen later: the same state, acknowledged as holding
    since that week or earlier, and acknowledged once the run held (on or after its first week)."""
    ack = acks.get(alert.condition_key)
    if ack is None:
        return None
    if ack.action == "snooze":
        return ack if ack.until is not None and today < ack.until else None
    if ack.fingerprint == alert.fingerprint:
        return ack
    if alert.since_open:
        since, _, state = ack.fingerprint.partition("|")
        try:
            acked_since = date.fromisoformat(since)
        except ValueError:
            return None
        if state == alert.state and acked_since <= alert.since and ack.created_at.date() >= alert.since:
            return ack
    return None
