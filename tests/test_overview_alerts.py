"""Alert rules on hand-made weekly series: each kind raised, and not raised (partial week, low n, noise).

Numbers worked by hand in the comments (95% intervals, ALPHA 0.05, low-confidence n 30).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from portal.overview import alerts
from portal.overview.alerts import Ack
from portal.overview.sources import Series

WEEKS = tuple(date(2026, 8, 31) + timedelta(weeks=i) for i in range(12))  # 2026-W36 .. W47


def rate(events, n=None, *, target=None, better="higher", complete=None, store=None, key="sla_attainment"):
    n = n or [100] * len(events)
    weeks = WEEKS[-len(events) :]
    return Series(
        area="complaints",
        key=key,
        unit="pct",
        kind="rate",
        better=better,
        weeks=weeks,
        values=tuple(100.0 * e / m for e, m in zip(events, n, strict=True)),
        n=tuple(n),
        complete=tuple(complete or [True] * len(events)),
        label_key=f"complaints.tile.{key}",
        page="complaints",
        target=target,
        events=tuple(float(e) for e in events),
        store=store,
    )


def kinds(found):
    return sorted(a.kind for a in found)


# ---------------------------------------------------------------- control chart
def test_point_outside_the_limits_raises_chart_out():
    # 11 weeks 90/100, last 70/100: p = 1060/1200 = 0.88333, sigma = sqrt(.88333 * .11667 / 100) = 0.032101,
    # lower limit = 0.88333 - 3 * 0.032101 = 0.78703 -> 70% is outside (worse side: below, better higher)
    s = rate([90] * 11 + [70])
    found = alerts.chart_signals(s)
    assert kinds(found) == ["chart_out"]
    assert found[0].comparison == pytest.approx(78.703, abs=0.01)
    assert found[0].value == pytest.approx(70.0) and found[0].n == 100
    assert found[0].severity == alerts.HIGH and found[0].week == WEEKS[-1]


def test_a_partial_week_raises_nothing():
    # the same 70/100 in a week still under way: the last complete week (90/100) is inside its limits
    s = rate([90] * 11 + [70], complete=[True] * 11 + [False])
    assert alerts.series_alerts([s]) == []


def test_a_point_outside_on_the_better_side_is_no_alert():
    assert alerts.chart_signals(rate([80] * 11 + [99])) == []


def test_a_low_n_last_week_raises_nothing():
    # 7/10 = 70%, but n = 10 < 30: left out of the limits and never judged
    s = rate([90] * 11 + [7], [100] * 11 + [10], target=90.0)
    assert alerts.series_alerts([s]) == []


def test_run_of_eight_on_the_worse_side_raises_chart_run():
    # 4 weeks 95/100 then 8 weeks 88/100: centre (380 + 704) / 1200 = 90.33%; limits 81.5% .. 99.2% hold every
    # point, the last 8 are all below the centre: a run since the fifth week
    s = rate([95] * 4 + [88] * 8)
    found = alerts.chart_signals(s)
    assert kinds(found) == ["chart_run"]
    assert found[0].since == WEEKS[4] and found[0].comparison == pytest.approx(90.333, abs=0.01)


def test_seven_on_one_side_is_no_run():
    assert alerts.chart_signals(rate([95] * 5 + [88] * 7)) == []


# ---------------------------------------------------------------- below target
def test_significant_shortfall_raises_below_target():
    # 80/100 against 90%: Wilson upper = 0.8666 < 0.90; score z = (0.8 - 0.9) / sqrt(.09 / 100) = -3.333,
    # p = 0.00086 < 0.01 -> high
    found = alerts.below_target(rate([80], target=90.0))
    assert kinds(found) == ["below_target"]
    assert found[0].p_value == pytest.approx(0.000858, abs=2e-5)
    assert found[0].severity == alerts.HIGH and found[0].comparison == 90.0


def test_shortfall_within_the_interval_is_no_alert():
    # 85/100 against 90%: Wilson upper = 0.9070 >= 0.90 (p = 0.0956): not significant
    assert alerts.below_target(rate([85], target=90.0)) == []


def test_lower_is_better_rate_above_target():
    # reopen 8/40 = 20% against 5%: score z = 0.15 / sqrt(.0475 / 40) = 4.353 -> raised, for store S001
    found = alerts.below_target(rate([8], [40], target=5.0, better="lower", store="S001", key="reopen_rate"))
    assert [a.condition_key for a in found] == ["complaints:below_target:reopen_rate:S001"]
    assert ("store", "S001") in found[0].link_params


def test_low_n_store_never_raises():
    # 3/10 reopened = 30% against 5%, but n = 10 < 30
    assert (
        alerts.below_target(rate([3], [10], target=5.0, better="lower", store="S003", key="reopen_rate"))
        == []
    )


def test_since_counts_back_the_weeks_the_shortfall_held():
    found = alerts.below_target(rate([95, 80, 80, 80], target=90.0))
    assert found[0].since == WEEKS[-3] and found[0].fingerprint == WEEKS[-3].isoformat()


def test_below_target_on_a_partial_week_raises_nothing():
    # the week under way is at 80/100 (would be significant), the last complete week 95/100 meets 90%
    s = rate([95, 80], target=90.0, complete=[True, False])
    assert alerts.below_target(s) == [] and alerts.series_alerts([s]) == []


def test_below_target_is_about_the_last_complete_week_not_the_partial_one():
    # 80/100 complete (raised, about WEEKS[-2]), then a partial week at 95/100 that changes nothing
    found = alerts.below_target(rate([80, 95], target=90.0, complete=[True, False]))
    assert kinds(found) == ["below_target"] and found[0].week == WEEKS[-2]


# ---------------------------------------------------------------- a week against the previous four
def test_week_significantly_worse_than_previous_four():
    # previous 4: 360/400 = 90%; last 80/100; pooled 440/500 = .88, se = sqrt(.88 * .12 * (1/100 + 1/400))
    # = 0.036332, z = -2.752, p = 0.0059
    found = alerts.worse_than_recent(rate([90, 90, 90, 90, 80]))
    assert kinds(found) == ["worse_than_recent"]
    assert found[0].comparison == pytest.approx(90.0) and found[0].comparison_n == 400
    assert found[0].p_value == pytest.approx(0.0059, abs=2e-4)


def test_week_not_significantly_worse_is_no_alert():
    # 86/100 against 360/400: z = -1.153, p = 0.249
    assert alerts.worse_than_recent(rate([90, 90, 90, 90, 86])) == []


def test_fewer_than_four_previous_weeks_is_no_alert():
    assert alerts.worse_than_recent(rate([90, 90, 90, 60])) == []


def test_worse_than_recent_on_a_partial_week_raises_nothing():
    # the same 80/100 as above, but its week is still under way: the last complete week (90/100) is compared,
    # and it has only 3 complete weeks before it
    assert alerts.worse_than_recent(rate([90, 90, 90, 90, 80], complete=[True] * 4 + [False])) == []


def test_worse_than_recent_below_the_low_confidence_n_raises_nothing():
    # 20/29 = 69% against 90%: a large drop, but the week rests on 29 < 30 complaints
    s = rate([90, 90, 90, 90, 20], [100, 100, 100, 100, 29])
    assert alerts.worse_than_recent(s) == [] and alerts.series_alerts([s]) == []


def test_a_previous_week_below_the_low_confidence_n_blocks_the_comparison():
    # one of the four weeks before rests on 10 items: the pooled four are not all usable -> no comparison
    assert alerts.worse_than_recent(rate([90, 9, 90, 90, 80], [100, 10, 100, 100, 100])) == []


def test_mean_series_uses_welch_against_the_pooled_four_weeks():
    # index: 4 weeks mean 80, sd 10, n 50 each (pooled mean 80, sd 10 * sqrt(196/199)); last 70, sd 10, n 50
    s = Series(
        area="sat", key="index", unit="points", kind="mean", better="higher", weeks=WEEKS[-5:],
        values=(80.0, 80.0, 80.0, 80.0, 70.0), n=(50,) * 5, complete=(True,) * 5,
        label_key="sat.metric.index", page="satisfaction", sd=(10.0,) * 5,
    )  # fmt: skip
    found = alerts.worse_than_recent(s)
    assert kinds(found) == ["worse_than_recent"] and found[0].comparison == pytest.approx(80.0)


def test_a_constant_index_falling_from_a_constant_past_is_worse_than_recent():
    # probe h5: every answer of the four weeks before at 100, every answer of the last at 0 (sd 0 all through):
    # the change is certain (p = 0), not "untested"
    s = Series(
        area="sat", key="index", unit="points", kind="mean", better="higher", weeks=WEEKS[-5:],
        values=(100.0, 100.0, 100.0, 100.0, 0.0), n=(40,) * 5, complete=(True,) * 5,
        label_key="sat.metric.index", page="satisfaction", sd=(0.0,) * 5,
    )  # fmt: skip
    found = alerts.worse_than_recent(s)
    assert kinds(found) == ["worse_than_recent"]
    assert (found[0].comparison, found[0].value, found[0].p_value) == (100.0, 0.0, 0.0)


# ---------------------------------------------------------------- ranking, acknowledgements, snoozes
def test_ranked_by_severity_then_distance():
    found = alerts.ranked(
        alerts.series_alerts([rate([90, 90, 90, 90, 80]), rate([80], target=90.0, key="recovery_rate")])
    )
    assert [a.kind for a in found] == ["below_target", "worse_than_recent"]


def _ack(alert, action="acknowledge", until=None, fingerprint=None):
    return {
        alert.condition_key: Ack(
            alert.condition_key,
            fingerprint or alert.fingerprint,
            action,
            until,
            "seen",
            "mgr",
            datetime(2026, 11, 23),
        )
    }


def test_acknowledged_alert_stays_quiet_until_its_condition_changes():
    alert = alerts.below_target(rate([80, 80], target=90.0))[0]
    today = date(2026, 11, 24)
    assert alerts.quiet(alert, _ack(alert), today) is not None
    # the condition cleared and came back: it holds since a later week, a new fingerprint -> raised again
    again = alerts.below_target(rate([80, 95, 80], target=90.0))[0]
    assert again.condition_key == alert.condition_key and again.fingerprint != alert.fingerprint
    assert alerts.quiet(again, _ack(alert), today) is None


def test_snooze_holds_until_its_day():
    alert = alerts.below_target(rate([80], target=90.0))[0]
    acks = _ack(alert, "snooze", until=date(2026, 11, 30), fingerprint="other")
    assert alerts.quiet(alert, acks, date(2026, 11, 29)) is not None
    assert alerts.quiet(alert, acks, date(2026, 11, 30)) is None


def test_an_acknowledged_shortfall_that_goes_on_stays_quiet_as_the_twelve_weeks_move_on():
    """A helper's audit (session 55): a shortfall below target acknowledged as holding "since 2026-W36" (the first of
    the twelve weeks read) came back the next Monday as "since 2026-W37", though nothing had changed: the run's
    first week is where the window begins, not where the run does."""
    import dataclasses

    seen = alerts.below_target(rate([80] * 12, target=90.0))[
        0
    ]  # W36..W47, each short: since W36, the first read
    assert (seen.since, seen.since_open) == (WEEKS[0], True)
    acks = _ack(seen)  # acknowledged on 2026-11-23, in W48
    later = dataclasses.replace(
        rate([80] * 12, target=90.0), weeks=tuple(w + timedelta(weeks=1) for w in WEEKS)
    )
    moved = alerts.below_target(later)[0]  # a week on: W37..W48, still short
    assert moved.fingerprint != seen.fingerprint and moved.since == WEEKS[1]
    assert alerts.quiet(moved, acks, date(2026, 11, 30)) is not None
    # a week in between met the target: the run began after it, a new one -> raised again
    cleared = dataclasses.replace(rate([80] * 5 + [95] + [80] * 6, target=90.0), weeks=later.weeks)
    again = alerts.below_target(cleared)[0]
    assert not again.since_open and alerts.quiet(again, acks, date(2026, 11, 30)) is None
    # an acknowledgement made before the run's first week read cannot vouch for it
    old = {seen.condition_key: dataclasses.replace(acks[seen.condition_key], created_at=datetime(2026, 9, 1))}
    assert alerts.quiet(moved, old, date(2026, 11, 30)) is None


def test_an_acknowledged_overdue_action_stays_quiet_until_another_falls_overdue():
    """The overdue-action alert's fingerprint was the twelve weeks' first day, so its acknowledgement lapsed every
    Monday (the same audit): now the oldest overdue action's due day and the count."""
    import pandas as pd

    from portal.overview import sources_fives
    from portal.overview.sources import window_for

    def overdue(now, count, oldest):
        actions = pd.DataFrame(
            [{"store_code": "S002", "open_count": count, "overdue_count": count, "oldest_overdue_on": oldest}]
        )
        (alert,) = sources_fives.store_alerts(pd.DataFrame(), actions, pd.DataFrame(), window_for(now), None)
        return alert

    seen = overdue(datetime(2026, 11, 10, 4), 1, date(2026, 10, 20))
    acks = _ack(seen)
    assert alerts.quiet(overdue(datetime(2026, 11, 17, 4), 1, date(2026, 10, 20)), acks, date(2026, 11, 17))
    # a second action fell overdue: raised again
    assert (
        alerts.quiet(overdue(datetime(2026, 11, 17, 4), 2, date(2026, 10, 20)), acks, date(2026, 11, 17))
        is None
    )
