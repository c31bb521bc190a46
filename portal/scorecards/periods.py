"""Scorecard periods: a week (Monday to Sunday), a month or a quarter of the reporting time zone.

Written ``2026-W40`` (ISO week), ``2026-10`` (month) and ``2026-Q4`` (quarter); ``parse`` reads all three
(and ``2026-10-01`` as the month it falls in). A period's days run from local midnight to local midnight in
the reporting time zone (``portal.filters.utc_midnight``), as on every dashboard.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from portal.filters import utc_midnight
from portal.vocab import SCORECARD_GRAINS

TREND_PERIODS = 6  # the card's trend lines: this period and the five before it


@dataclass(frozen=True, order=True)
class Period:
    start: date  # first day
    grain: str  # week | month | quarter

    def __post_init__(self) -> None:
        if self.grain not in SCORECARD_GRAINS:
            raise ValueError(f"unknown period grain {self.grain!r}")

    @property
    def end(self) -> date:
        """The day after the last day (exclusive)."""
        if self.grain == "week":
            return self.start + timedelta(days=7)
        months = 3 if self.grain == "quarter" else 1
        y, m = divmod(self.start.month - 1 + months, 12)
        return date(self.start.year + y, m + 1, 1)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def label(self) -> str:
        if self.grain == "week":
            iso = self.start.isocalendar()
            return f"{iso.year}-W{iso.week:02d}"
        if self.grain == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start:%Y-%m}"

    @property
    def months_long(self) -> float:
        """The period's length in months (a monthly count target scales by it): week 7/30.4375."""
        return {"week": 7 / 30.4375, "month": 1.0, "quarter": 3.0}[self.grain]

    def previous(self, k: int = 1) -> Period:
        p = self
        for _ in range(k):
            p = containing(p.start - timedelta(days=1), self.grain)
        return p

    def last(self, n: int = TREND_PERIODS) -> list[Period]:
        """The n periods ending with this one, oldest first."""
        return [self.previous(k) for k in range(n - 1, -1, -1)]

    def in_progress(self, today: date) -> bool:
        return self.start <= today < self.end

    def start_at(self, timezone: str) -> datetime:
        return utc_midnight(self.start, timezone)

    def end_at(self, timezone: str) -> datetime:
        return utc_midnight(self.end, timezone)


def containing(day: date, grain: str) -> Period:
    """The period of ``grain`` that ``day`` falls in."""
    if grain == "week":
        return Period(day - timedelta(days=day.weekday()), grain)
    if grain == "quarter":
        return Period(date(day.year, 3 * ((day.month - 1) // 3) + 1, 1), grain)
    return Period(date(day.year, day.month, 1), grain)


_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse(text: str, grain: str | None = None) -> Period:
    """``2026-10`` / ``2026-W40`` / ``2026-Q4`` / ``2026-10-15``; ``grain`` (when given) re-buckets the day.

    Raises ``ValueError`` with a message naming the accepted forms.
    """
    value = text.strip()
    found: Period | None = None
    try:
        if m := _WEEK.match(value):
            found = Period(date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1), "week")
        elif m := _QUARTER.match(value):
            found = Period(date(int(m.group(1)), 3 * (int(m.group(2)) - 1) + 1, 1), "quarter")
        elif m := _MONTH.match(value):
            found = Period(date(int(m.group(1)), int(m.group(2)), 1), "month")
        else:
            found = containing(date.fromisoformat(value), grain or "month")
    except ValueError:
        found = None
    if found is None:
        raise ValueError(
            f"{text!r} is not a period: write 2026-10 (month), 2026-W40 (week) or 2026-Q4 (quarter)"
        )
    return found if grain in (None, found.grain) else containing(found.start, grain)


def named_by(text: str | None, offered: Sequence[Period]) -> Period | None:
    """The offered period an address names (``?period=``): by its first day (``2026-09-01``, as alert and brief
    links write it) or by its label (``2026-09``, ``2026-W36``, ``2026-Q3``); None for anything else."""
    value = (text or "").strip()
    return next((p for p in offered if value in (p.start.isoformat(), p.label)), None) if value else None


def sql_params(periods: list[Period], timezone: str) -> dict[str, list]:
    """``agent_period_metrics``'s period lists (UTC timestamps and local dates, end exclusive) and the zone in
    which a date-only stamp's date begins."""
    return {
        "report_tz": timezone,
        "period_starts_at": [p.start_at(timezone) for p in periods],
        "period_ends_at": [p.end_at(timezone) for p in periods],
        "period_starts_on": [p.start for p in periods],
        "period_ends_on": [p.end for p in periods],
    }
