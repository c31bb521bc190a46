"""Everything the overview shows at once: every area's headline figures and series, and the ranked alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.kpi import Runner
from portal.overview import alerts as rules
from portal.overview.sources import Alert, AreaOverview, Window, gather


@dataclass(frozen=True)
class OverviewFigures:
    window: Window
    areas: tuple[AreaOverview, ...]
    alerts: tuple[Alert, ...]  # every alert raised, ranked by severity

    def area(self, name: str) -> AreaOverview | None:
        return next((a for a in self.areas if a.area == name), None)


def figures(run: Runner, window: Window, con, areas=None) -> OverviewFigures:
    got = tuple(gather(run, window, con, areas))
    raised = []
    for a in got:
        raised += rules.series_alerts(s for s in a.series if s.better != "neither" and s.alerting)
        raised += list(a.alerts)
    return OverviewFigures(window, got, tuple(rules.ranked(raised)))


def split(alerts, acks, today: date):
    """(open alerts, quieted alerts with the acknowledgement that quiets each)."""
    open_, quieted = [], []
    for a in alerts:
        ack = rules.quiet(a, acks, today)
        (quieted.append((a, ack)) if ack else open_.append(a))
    return open_, quieted
