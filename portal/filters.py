"""The shared filter: one frozen dataclass that every dashboard page reads (built by ui.filter_sidebar)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any


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
        """Bound parameters: ``$start_at`` inclusive, ``$end_at`` exclusive (UTC timestamps), lists."""
        return {
            "start_on": self.start,
            "end_on": self.end,
            "start_at": datetime.combine(self.start, time.min),
            "end_at": datetime.combine(self.end + timedelta(days=1), time.min),
            "region_ids": list(self.region_ids),
            "store_ids": list(self.store_ids),
            "channels": list(self.channels),
            "categories": list(self.categories),
            "severities": list(self.severities),
            "business_hours": self.business_hours,
        }


def default_filters(today: date | None = None, days: int = 90) -> Filters:
    today = today or date.today()
    return Filters(start=today - timedelta(days=days - 1), end=today)
