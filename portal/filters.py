"""The shared filter: one frozen dataclass that every dashboard page reads (built by ui.filter_sidebar)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Filters:
    start: date  # first day, inclusive
    end: date  # last day, inclusive
    region_ids: tuple[int, ...] = ()  # empty: all regions in scope
    store_ids: tuple[int, ...] = ()  # empty: all stores in scope
    channels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    business_hours: bool = False
    # the reporting time zone: a day of the filter runs from local midnight to local midnight in this zone
    # (times are stored in UTC); settings.report_timezone picks it
    timezone: str = "UTC"

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Filters:
        """The period of equal length just before this one, other filters unchanged."""
        return replace(self, start=self.start - timedelta(days=self.days), end=self.start - timedelta(days=1))

    def sql_params(self) -> dict[str, Any]:
        """Bound parameters: ``$start_at`` inclusive, ``$end_at`` exclusive (UTC timestamps of the local
        midnights in the reporting time zone ``$report_tz``), dates ``$start_on`` / ``$end_on``, lists."""
        return {
            "start_on": self.start,
            "end_on": self.end,
            "start_at": utc_midnight(self.start, self.timezone),
            "end_at": utc_midnight(self.end + timedelta(days=1), self.timezone),
            "report_tz": self.timezone,
            "region_ids": list(self.region_ids),
            "store_ids": list(self.store_ids),
            "channels": list(self.channels),
            "categories": list(self.categories),
            "severities": list(self.severities),
            "business_hours": self.business_hours,
        }


def utc_midnight(day: date, timezone: str) -> datetime:
    """The UTC time (naive, as stored) at which ``day`` begins in ``timezone``."""
    local = datetime.combine(day, time.min, tzinfo=ZoneInfo(timezone))
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def today_in(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()


def default_filters(today: date | None = None, days: int = 90, timezone: str = "UTC") -> Filters:
    today = today or today_in(timezone)
    return Filters(start=today - timedelta(days=days - 1), end=today, timezone=timezone)
