"""The shared filter: one frozen dataclass that every dashboard page reads (built by ui.filter_sidebar).

A filter is a period (in the reporting time zone), the business-hours switch and a selection per
*dimension*. Each dimension is declared once in ``DIMENSIONS`` (its SQL parameter, its label, its value
list); a page declares which dimensions it offers (``navigation.PageSpec.dimensions``) and the sidebar
builds exactly those. Two dimensions may feed the same SQL parameter (complaint ``channel`` and
``survey_channel`` both bind ``$channels``, each with its own vocabulary), never both at once.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from portal import config, vocab

REPORT_DAYS_AHEAD = 365  # a period may end up to a year after today; later is a typo (9999-12-31)


@dataclass(frozen=True)
class Dimension:
    name: str  # the key in Filters.selections and in PageSpec.dimensions
    param: str  # the SQL list parameter it binds ($region_ids, $channels, ...)
    label_key: str  # i18n key of the filter's label
    values: tuple[str, ...] | None = (
        None  # the vocabulary; None: ids read from the database (regions, stores)
    )
    value_label_prefix: str | None = None  # i18n prefix of a value's label
    widget: str = ""  # widget-key suffix (kept stable for tests and bookmarks)

    @property
    def key_suffix(self) -> str:
        return self.widget or self.param


DIMENSIONS: dict[str, Dimension] = {
    d.name: d
    for d in (
        Dimension("region", "region_ids", "filters.region", widget="regions"),
        Dimension("store", "store_ids", "filters.store", widget="stores"),
        Dimension("channel", "channels", "filters.channels", vocab.COMPLAINT_CHANNELS, "complaints.channel"),
        Dimension(
            "category", "categories", "filters.categories", vocab.CATEGORY_GROUPS, "complaints.category"
        ),
        Dimension("severity", "severities", "filters.severities", vocab.SEVERITIES, "complaints.severity"),
        Dimension("survey_channel", "channels", "filters.channels", vocab.SURVEY_CHANNELS, "sat.channel"),
    )
}
# every list parameter sql_params() always carries (empty list: no restriction)
LIST_PARAMS = ("region_ids", "store_ids", "channels", "categories", "severities")
# the keyword arguments of the former field-per-list constructor, and the dimension each one fills
LEGACY_FIELDS = {
    "region_ids": "region",
    "store_ids": "store",
    "channels": "channel",
    "categories": "category",
    "severities": "severity",
}


def _normalise(selections: Mapping[str, Iterable[Any]] | Iterable[tuple[str, Iterable[Any]]] | None):
    items = selections.items() if isinstance(selections, Mapping) else (selections or ())
    out: dict[str, tuple] = {}
    for name, values in items:
        if name not in DIMENSIONS:
            raise ValueError(f"unknown filter dimension {name!r} (known: {', '.join(DIMENSIONS)})")
        chosen = tuple(values or ())
        if chosen:
            out[name] = chosen
    params = [DIMENSIONS[n].param for n in out]
    clash = {p for p in params if params.count(p) > 1}
    if clash:
        raise ValueError(f"two selected dimensions bind the same parameter: {sorted(clash)}")
    return tuple(sorted(out.items()))


@dataclass(frozen=True, init=False)
class Filters:
    start: date  # first day, inclusive
    end: date  # last day, inclusive
    # the reporting time zone: a day of the filter runs from local midnight to local midnight in this zone
    # (times are stored in UTC); settings.report_timezone picks it
    timezone: str = "UTC"
    business_hours: bool = False
    # (dimension, chosen values) pairs, sorted, empty selections left out: hashable, so caches can key on it
    selections: tuple[tuple[str, tuple], ...] = field(default=())
    # a rolling window (the last 30, 90 or 365 days): compared with the days just before it even where it happens
    # to be whole months (the last 30 days on 30 April are April, but not "April against March")
    rolling: bool = False

    def __init__(
        self,
        start: date,
        end: date,
        region_ids: Iterable[int] = (),
        store_ids: Iterable[int] = (),
        channels: Iterable[str] = (),
        categories: Iterable[str] = (),
        severities: Iterable[str] = (),
        business_hours: bool = False,
        timezone: str = "UTC",
        selections: Mapping[str, Iterable[Any]] | Iterable[tuple[str, Iterable[Any]]] | None = None,
        rolling: bool = False,
    ) -> None:
        chosen = dict(_normalise(selections))
        legacy = {
            "region_ids": region_ids,
            "store_ids": store_ids,
            "channels": channels,
            "categories": categories,
            "severities": severities,
        }
        for name, values in legacy.items():
            if values:  # the former keyword arguments still work (and override a selection)
                chosen[LEGACY_FIELDS[name]] = tuple(values)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "timezone", timezone)
        object.__setattr__(self, "business_hours", bool(business_hours))
        object.__setattr__(self, "selections", _normalise(chosen))
        object.__setattr__(self, "rolling", bool(rolling))
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")

    # ------------------------------------------------------------ the selections
    def selected(self, dimension: str) -> tuple:
        """The values chosen for one dimension (empty: no restriction)."""
        if dimension not in DIMENSIONS:
            raise KeyError(dimension)
        return dict(self.selections).get(dimension, ())

    def with_selection(self, dimension: str, values: Iterable[Any]) -> Filters:
        return replace(self, selections={**dict(self.selections), dimension: tuple(values)})

    def _param(self, param: str) -> tuple:
        for name, values in self.selections:
            if DIMENSIONS[name].param == param:
                return values
        return ()

    # read-only views kept from the field-per-list shape (figure modules read these)
    @property
    def region_ids(self) -> tuple[int, ...]:
        return self.selected("region")

    @property
    def store_ids(self) -> tuple[int, ...]:
        return self.selected("store")

    @property
    def channels(self) -> tuple[str, ...]:
        """Complaint channels (the survey channels are ``survey_channels``)."""
        return self.selected("channel")

    @property
    def survey_channels(self) -> tuple[str, ...]:
        return self.selected("survey_channel")

    @property
    def categories(self) -> tuple[str, ...]:
        return self.selected("category")

    @property
    def severities(self) -> tuple[str, ...]:
        return self.selected("severity")

    # ------------------------------------------------------------ period
    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Filters:
        """The period of equal length just before this one, other filters unchanged; cut at 0001-01-01, the
        first day a date can hold (a period from 2025 to 9999-12-31 reached back past it: OverflowError). A period
        of whole calendar months (last month, last quarter, a year; not a rolling window, ``rolling``) is compared
        with as many whole months before it: November with October, not with 2 to 31 October (a helper's probe,
        session 54: a store manager compares month with month)."""
        months = 0 if self.rolling else whole_months(self.start, self.end)
        if months and self.start.year * 12 + self.start.month - 1 - months >= 12:  # not before year 1
            first = self.start.year * 12 + self.start.month - 1 - months
            start = date(first // 12, first % 12 + 1, 1)
            return replace(self, start=start, end=self.start - timedelta(days=1))
        start = max(self.start.toordinal() - self.days, 1)
        end = max(self.start.toordinal() - 1, 1)
        return replace(self, start=date.fromordinal(start), end=date.fromordinal(end))

    def sql_params(self) -> dict[str, Any]:
        """Bound parameters: ``$start_at`` inclusive, ``$end_at`` exclusive (UTC timestamps of the local
        midnights in the reporting time zone ``$report_tz``), dates ``$start_on`` / ``$end_on``, lists."""
        params: dict[str, Any] = {
            "start_on": self.start,
            "end_on": self.end,
            "start_at": utc_midnight(self.start, self.timezone),
            "end_at": utc_midnight(self.end + timedelta(days=1), self.timezone),
            "report_tz": self.timezone,
        }
        for param in LIST_PARAMS:
            params[param] = list(self._param(param))
        params["business_hours"] = self.business_hours
        return params


def whole_months(start: date, end: date) -> int:
    """How many calendar months ``start`` to ``end`` (inclusive) spans when it runs from a month's first day to a
    month's last day; 0 otherwise."""
    if start.day != 1 or end.day != calendar.monthrange(end.year, end.month)[1] or end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def utc_midnight(day: date, timezone: str) -> datetime:
    """The UTC time (naive, as stored) at which ``day`` begins in ``timezone``."""
    local = datetime.combine(day, time.min, tzinfo=ZoneInfo(timezone))
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def today_in(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()


def in_progress(starts: pd.Series, grain: str, filters: Filters, today: date | None = None) -> np.ndarray:
    """The week or month still under way: it holds today (in the reporting zone) and the period runs on. ``starts``
    are the periods' first days (dates: a time of day is not read). In numpy over the days (issue 14: pandas'
    datetime arithmetic and ``DateOffset`` cost ~0.4 ms a trend, whatever its few rows)."""
    today = today or today_in(filters.timezone)
    if filters.end < today or starts.empty:
        return np.zeros(len(starts), dtype=bool)
    first = _days(starts)
    if grain == "week":
        after = first + np.timedelta64(7, "D")
    else:  # a month on: the same day of the next month, or its last day when it has fewer (as DateOffset(months=1))
        month = first.astype("datetime64[M]")
        next_first = (month + 1).astype("datetime64[D]")
        next_days = ((month + 2).astype("datetime64[D]") - next_first).astype("int64")
        day = (first - month.astype("datetime64[D]")).astype("int64")
        after = next_first + np.minimum(day, next_days - 1).astype("timedelta64[D]")
    now = np.datetime64(today, "D")
    return (first <= now) & (now < after)


def month_days_in_period(starts: pd.Series, filters: Filters) -> tuple[np.ndarray, np.ndarray]:
    """For each month (its first day): how many of its days the period holds, and how many days it has. A month
    holding fewer than all of its days is only partly in the period (15 Oct to 14 Nov: 17 of October's 31 days,
    14 of November's 30): its figure rests on those days alone, and is drawn as such. In numpy over the days
    (issue 14: the pandas way cost ~1.2 ms a 5S trend of 230 rows, a tenth of the store tab's own time)."""
    if starts.empty:
        return np.zeros(0, dtype="int64"), np.zeros(0, dtype="int64")
    first = _days(starts)
    month = first.astype("datetime64[M]")
    month_first = month.astype("datetime64[D]")
    last = (month + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    lo = np.maximum(first, np.datetime64(filters.start, "D"))
    hi = np.minimum(last, np.datetime64(filters.end, "D"))
    days = np.clip((hi - lo).astype("int64") + 1, 0, None)
    return days, (last - month_first).astype("int64") + 1


def _days(starts: pd.Series) -> np.ndarray:
    """Period starts (datetime64 or date values) as numpy days."""
    values = starts.to_numpy() if isinstance(starts, pd.Series) else pd.Series(starts).to_numpy()
    if values.dtype.kind == "M":
        return values.astype("datetime64[D]")
    return np.array([np.datetime64(pd.Timestamp(v).date(), "D") for v in values], dtype="datetime64[D]")


def report_day_bounds(today: date) -> tuple[date, date]:
    """The first and last day a period may hold: the earliest date the portal takes (``PORTAL_MIN_DATE``,
    2000-01-01) to a year after ``today``. The address, the date picker and the command line refuse others."""
    return config.date_floor(), today + timedelta(days=REPORT_DAYS_AHEAD)


def default_filters(today: date | None = None, days: int = 90, timezone: str = "UTC") -> Filters:
    today = today or today_in(timezone)
    return Filters(start=today - timedelta(days=days - 1), end=today, timezone=timezone)
