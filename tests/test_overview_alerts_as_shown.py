"""The overview's "below target" alert judges the week's 95% interval as shown: its bound rounded as the figure's
value is (kpi.DECIMALS, half up), the rule of the tiles' status. On raw bounds an upper bound of 82.46 (shown 82.5)
against a target of 82.5 raised a significant shortfall while the interval shown reaches the target."""

from __future__ import annotations

from portal import stats
from portal.overview import alerts
from portal.rounding import half_up
from tests.test_overview_alerts import kinds, rate

N = 1000


def _rounding_up_week() -> tuple[int, float]:
    """A week of events / 1000 whose Wilson upper bound (in %) lies below its one-decimal rounding, and that
    rounding (found, not typed: the bound of 800 / 1000 is 82.35...)."""
    for events in range(800, 900):
        hi = 100.0 * float(stats.proportion_ci(events, N)[1])
        shown = half_up(hi, 1)
        if shown > hi and half_up(100.0 * events / N, 1) < shown:
            return events, shown
    raise AssertionError("no week whose upper bound rounds up")


def test_a_target_on_the_shown_upper_bound_is_no_significant_shortfall():
    events, shown = _rounding_up_week()
    hi = 100.0 * float(stats.proportion_ci(events, N)[1])
    assert hi < shown  # on the raw bound the target lies outside the interval
    assert alerts.below_target(rate([events], [N], target=shown)) == []


def test_a_target_above_the_shown_upper_bound_still_raises():
    events, shown = _rounding_up_week()
    found = alerts.below_target(rate([events], [N], target=shown + 0.1))
    assert kinds(found) == ["below_target"]


def test_lower_is_better_judges_the_shown_lower_bound():
    # a reopen rate, lower better: the lower bound rounded down to the target is no significant excess
    for events in range(50, 150):
        lo = 100.0 * float(stats.proportion_ci(events, N)[0])
        shown = half_up(lo, 1)
        if shown < lo:
            break
    else:
        raise AssertionError("no week whose lower bound rounds down")
    assert alerts.below_target(rate([events], [N], target=shown, better="lower", key="reopen_rate")) == []
    found = alerts.below_target(rate([events], [N], target=shown - 0.1, better="lower", key="reopen_rate"))
    assert kinds(found) == ["below_target"]
