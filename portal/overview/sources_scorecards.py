"""The scorecards area on the overview: the team view's headline of the last complete month (as of the window's
reference day: a past week's brief reads the month complete that week), and an alert for
every agent whose composite fell two periods in a row (three complete months, each composite scored: an
agent with insufficient data in any of them raises nothing; nor does one whose composites rest on a metric of
fewer items than the scorecards' low-confidence n; nor a chain holding a card on part of its period, e.g. a manager's
card of the month the agent's home store moved region, which the scorecards neither rank nor compare).

One call of the area's code (``portal.scorecards.compute``) with the reader's scope bound in ``run``.
"""

from __future__ import annotations

from portal import settings
from portal.kpi import Runner
from portal.overview.coverage import Coverage, Span
from portal.overview.sources import Alert, AreaOverview, Reading, Window, register
from portal.scorecards import figures as sc
from portal.scorecards.period_scores import counted_ns
from portal.scorecards.periods import containing
from portal.scorecards.weights import load_versions

AREA = "scorecard"
PAGE = "scorecards"


FALLING_PERIODS = 3  # p-2, p-1, p: the periods falling_agents reads (and the headline: p and p-1)


def rests_on(cards) -> int:
    """The n a chain of composites rests on: the fewest items behind a metric counted in any of them (the weights of
    the others are rescaled around it; a metric shown with weight 0 or left out is not in the composite)."""
    return min((n for c in cards for n in counted_ns(c.metrics)), default=0)


def falling_agents(sset: sc.ScorecardSet, window: Window, low_confidence_n: int) -> list[Alert]:
    """Agents whose composite fell in each of the last two periods (p-2 > p-1 > p), stating the n the three
    composites rest on (``rests_on``); never on fewer than the scorecards' low-confidence n (SPEC §3, the setting
    scorecard_low_confidence_n: ``low_confidence_n``), as the complaints' alerts are never raised on a week of fewer.
    Only a chain that fell has its counted metrics' n read, from the scored columns (no results built)."""
    periods = list(sset.periods[-FALLING_PERIODS:])
    if len(periods) < FALLING_PERIODS:
        return []
    out = []
    for cards in sset.history.values():
        by_period = {c.period: c for c in cards}
        chain = [by_period.get(p) for p in periods]
        # a card on part of its period (days_in_scope) is no step of a fall: its days are not the other's, as the
        # scorecards show no change against or from it
        if any(c is None or c.composite is None or c.days_in_scope is not None for c in chain):
            continue
        first, middle, last = (c.composite for c in chain)
        if not first > middle > last:
            continue
        n = rests_on(chain)
        if n >= low_confidence_n:
            card = chain[-1]
            out.append(
                Alert(
                    area=AREA,
                    kind="composite_falling",
                    figure_key="composite",
                    label_key="overview.scorecard.composite",
                    unit="points",
                    severity=1,  # low: a slow slide, read on the scorecard
                    score=first - last,
                    week=window.week,
                    since=periods[0].start,
                    since_label=periods[0].label,  # a scorecard period (month), not a week
                    value=last,
                    n=n,
                    comparison=first,
                    page=PAGE,
                    link_params=(("period", periods[-1].start.isoformat()), ("agent", card.agent_code)),
                    agent=card.agent_code,
                    state=periods[-1].start.isoformat(),
                )
            )
    return out


@register(AREA, 40)
def scorecards_source(run: Runner, window: Window, reading: Reading) -> AreaOverview | None:
    if window.selections:
        return None  # agents are not a store's: the store view has no scorecard row
    day = (
        window.reference_day
    )  # a past week's brief: the month complete then, not today's last complete month
    period = containing(day, "month").previous(1)
    low_confidence_n = int(settings.get(reading.settings, "scorecard_low_confidence_n"))
    sset = sc.compute(
        run,
        load_versions(reading.con),
        period,
        timezone=window.timezone,
        sla_hours=float(settings.get(reading.settings, "response_sla_hours")),
        sla_history=settings.history(reading.con, "response_sla_hours"),  # an ended month keeps its hours
        low_confidence_n=low_confidence_n,
        sla_as_of=window.as_of,
        today=day,
        trend_periods=FALLING_PERIODS,  # the headline and the falling agents read no further back
    )
    if not sset.cards:
        return None
    previous = sset.previous_period  # what sc.headline compares with
    coverage = Coverage(
        Span.of_period(sset.period),
        Span.of_period(previous) if previous else None,
        now_keys=("open_disputes",),  # every open dispute of the agents, any period
        as_of=window.today,
    )
    return AreaOverview(
        AREA,
        "page.scorecards",
        PAGE,
        sc.headline(sset),
        (),
        tuple(falling_agents(sset, window, low_confidence_n)),
        coverage=coverage,
    )
