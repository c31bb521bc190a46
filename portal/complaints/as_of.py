"""The moment complaint figures are taken at: the period's end in UTC, now rounded down to the full hour (so
cached figures are reused), and stored UTC times read in the reporting zone. Used by portal/complaints/figures.py.

Between imports the only figures that move with the clock are those judged at a moment: which complaints' 24
hours have run out (SLA attainment, breaches) and the backlog's age. Rounded to 5 minutes, every page that
shows them computed its figures anew every 5 minutes (1.3 s of CPU for the Complaints page at scale 10: the
first visitor after each step waited for it); at the full hour they are computed once an hour, and at once
after an import (the data version is part of every cache key). The pages say the moment they judge at."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from portal.filters import Filters, utc_midnight

AS_OF_ROUNDING = timedelta(hours=1)  # issue 14: see the module docstring


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def period_end(filters: Filters) -> datetime:
    """The end of the period's last day (local midnight in the reporting time zone), in UTC."""
    return utc_midnight(filters.end + timedelta(days=1), filters.timezone)


def to_local(stamp: datetime, timezone: str) -> datetime:
    """A stored (naive UTC) time as the naive local time of ``timezone``."""
    return stamp.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def rounded_now(now: datetime | None = None) -> datetime:
    """Now (UTC) rounded down to the full hour, so that cached figures are reused."""
    now = now or utc_now()
    return now - (now - datetime.min) % AS_OF_ROUNDING


def as_of_for(filters: Filters, now: datetime | None = None) -> datetime:
    """The end of the period or now (UTC, rounded down to the full hour), whichever is earlier."""
    return min(period_end(filters), rounded_now(now))


def _as_of(filters: Filters, as_of: datetime | None) -> datetime:
    """A given *as of* (never after the period's end), or the default."""
    return as_of_for(filters) if as_of is None else min(as_of, period_end(filters))
