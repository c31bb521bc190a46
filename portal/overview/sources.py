"""What every area offers the overview: a registry of *overview sources*, one small module per area.

A source is a function ``(run, window, reading) -> AreaOverview`` (``reading``: a ``Reading``): the area's headline ``portal.kpi.Figure``s
(complaints and satisfaction: the window's reference week against the week before; 5S and scorecards cover
other days, which each says in its ``coverage``), the weekly series of the last 12
weeks the sparklines and the alert rules read (``Series``), and alerts the area raises itself
(``Alert`` candidates: 5S failing band, overdue actions, falling composites). ``run`` binds the reader's scope,
so every number is already inside it. Areas register with ``@register("area", order)``; the overview and the
brief call ``gather``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from portal import settings
from portal.filters import Filters, utc_midnight
from portal.kpi import Figure, Runner
from portal.overview.coverage import Coverage

WEEKS = 12
# a series' kind says which interval and test it takes: a rate (events / n), a mean (mean, sd, n),
# an NPS (promoters, detractors, n) or a plain value per week (a median, a count per day: control chart only)
KINDS = ("rate", "mean", "nps", "value")


@dataclass(frozen=True)
class Window:
    """The overview's weeks: ``WEEKS`` ISO weeks (Mondays) ending with the reference week, in the reporting
    time zone; ``as_of`` (naive UTC, as stored) tells which of them are complete."""

    weeks: tuple[date, ...]
    as_of: datetime
    timezone: str = "UTC"
    # a narrower selection than the reader's scope: (("store", (id,)),) for the store view, (("region", ...),)
    selections: tuple[tuple[str, tuple], ...] = ()

    @property
    def today(self) -> date:
        """The day ``as_of`` falls on in the reporting zone (a corrective action due today is not overdue yet;
        ``as_of.date()``, the UTC day, was yesterday in Beijing until 08:00 and tomorrow in the US evening)."""
        return self.as_of.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(self.timezone)).date()

    @property
    def reference_day(self) -> date:
        """The day the window's monthly figures (scorecards, the 5S months) are read as of: today, but for a past
        reference week at most the last day on which it was the last complete week (the Sunday after it), so that
        a brief of a past week (``brief --week``) describes the months as the overview showed them that week, not
        the months that ended since; the default window (the last complete week) reads today."""
        return min(self.today, self.end + timedelta(days=7))

    def month_in_progress(self, month: date) -> bool:
        """The month (its first day) is not over on ``reference_day``: drawn as such (SPEC §3), by the overview's
        5S sparkline and the store view's 5S months alike."""
        return self.reference_day < date(month.year + (month.month == 12), month.month % 12 + 1, 1)

    @property
    def months(self) -> tuple[date, ...]:
        """The months the window touches (their first days), each read whole by the 5S sparkline: the window
        starts on a Monday, so it holds its first month (and, as a rule, its last) only in part."""
        out, month = [], self.start.replace(day=1)
        while month <= self.end:
            out.append(month)
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        return tuple(out)

    def month_filters(self) -> Filters:
        """The months the window touches, whole: from its first month's first day to its last month's last day,
        but no later than the reference day when that month is still in progress (a past week's brief reads
        its months as of then)."""
        last = self.months[-1]
        month_end = date(last.year + (last.month == 12), last.month % 12 + 1, 1) - timedelta(days=1)
        end = min(month_end, max(self.end, self.reference_day))
        return Filters(start=self.months[0], end=end, timezone=self.timezone, selections=self.selections)

    @property
    def week(self) -> date:
        """The reference week (its Monday): the headline figures and the brief are about it."""
        return self.weeks[-1]

    @property
    def start(self) -> date:
        return self.weeks[0]

    @property
    def end(self) -> date:
        return self.week + timedelta(days=6)

    def complete(self, monday: date) -> bool:
        """The week has ended (its next Monday's midnight is not after ``as_of``)."""
        return utc_midnight(monday + timedelta(days=7), self.timezone) <= self.as_of

    def filters(self) -> Filters:
        """The whole window as a filter (all twelve weeks)."""
        return Filters(start=self.start, end=self.end, timezone=self.timezone, selections=self.selections)

    def week_filters(self, monday: date | None = None) -> Filters:
        monday = monday or self.week
        return Filters(
            start=monday, end=monday + timedelta(days=6), timezone=self.timezone, selections=self.selections
        )

    def narrowed(self, dimension: str, values) -> Window:
        """The same weeks for one store or region only."""
        return replace(self, selections=((dimension, tuple(values)),))

    @property
    def label(self) -> str:
        """ISO week text of the reference week, e.g. 2026-W47."""
        year, week, _ = self.week.isocalendar()
        return f"{year}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.isoweekday() - 1)


def parse_week(text: str) -> date:
    """'2026-W47' -> the Monday of that ISO week."""
    year, _, week = text.upper().partition("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def window_for(
    now: datetime, *, week: date | None = None, timezone: str = "UTC", weeks: int = WEEKS
) -> Window:
    """The window ending with ``week`` (any day of it), default the last week complete at ``now`` (naive UTC;
    weeks are those of the reporting time zone)."""
    local_today = now.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(timezone)).date()
    ref = monday_of(week) if week is not None else monday_of(local_today) - timedelta(days=7)
    return Window(tuple(ref - timedelta(weeks=i) for i in range(weeks - 1, -1, -1)), now, timezone)


@dataclass(frozen=True)
class Series:
    """One figure week by week over the window: what a sparkline draws and an alert rule tests.

    ``values``: the weekly value in the figure's unit (None: no data); ``n``: what each week rests on;
    ``events`` (rate: successes), ``sd`` (mean), ``promoters`` / ``detractors`` (nps) feed the tests;
    ``complete``: the week has ended (alerts look at complete weeks only)."""

    area: str
    key: str
    unit: str
    kind: str
    better: str
    weeks: tuple[date, ...]
    values: tuple[float | None, ...]
    n: tuple[int, ...]
    complete: tuple[bool, ...]
    label_key: str
    page: str  # the page that explains it (navigation key)
    target: float | None = None
    low_confidence_n: int = 30
    events: tuple[float, ...] = ()
    sd: tuple[float | None, ...] = ()
    promoters: tuple[int, ...] = ()
    detractors: tuple[int, ...] = ()
    store: str | None = None  # a store code when the series is one store's
    alerting: bool = True  # False: a sparkline only (e.g. a monthly 5S series), no alert rule reads it

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Series {self.key}: unknown kind {self.kind!r}")


def counted_values(
    values: Iterable[float | None],
    n: Iterable[int],
    weeks: Iterable[date] = (),
    covered_from: date | None = None,
) -> tuple[float | None, ...]:
    """A count's weekly values; none at all (gaps) when no week of the window counted anything: a window
    without complaints is no data, not a flat line of 0s. A week that ends before the data in scope begins
    (``covered_from``, the figure's ``Comparison``) is a gap too: nothing was recorded then, not 0 counted."""
    values, n, weeks = tuple(values), tuple(n), tuple(weeks)
    if not any(n):
        return tuple(None for _ in values)
    if covered_from is None or not weeks:
        return values
    return tuple(
        None if week + timedelta(days=6) < covered_from else v for v, week in zip(values, weeks, strict=True)
    )


@dataclass(frozen=True)
class Alert:
    """One condition worth a manager's look. ``condition_key`` names the condition stably (area, kind, figure,
    store, the reader's scope), ``fingerprint`` its current state (direction and since when it holds): an
    acknowledgement holds while both match."""

    area: str
    kind: str  # chart_out | chart_run | below_target | worse_than_recent | (area kinds: fives_failing, ...)
    figure_key: str
    label_key: str
    unit: str
    severity: int  # 3 high, 2 medium, 1 low
    score: float  # within a severity: larger first (e.g. |z|)
    week: date  # the week it is about
    since: date  # since when the condition holds (part of the fingerprint)
    value: float | None
    n: int
    comparison: float | None  # the target, the mean of the previous 4 weeks, the control limit or centre
    comparison_n: int = 0
    p_value: float | None = None
    store: str | None = None
    page: str = ""
    link_params: tuple[tuple[str, str], ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()
    state: str = ""  # what else defines the condition (e.g. how many actions are overdue)
    agent: str | None = None  # an agent code when the alert is about one agent
    since_label: str = (
        ""  # how the sentence names ``since`` when it is not a week's Monday (a month: 2026-09)
    )
    # since_open: the condition held from the first of the weeks read (``since``), so it may have begun before:
    # an acknowledgement of it made once it held still holds as the window moves on (``alerts.quiet``)
    since_open: bool = False
    # what the fingerprint takes instead of ``since`` where that is not when the condition began: an area's count
    # as of today (overdue actions: the oldest overdue one's due day; repeat findings: the latest one's day)
    key_since: date | None = None

    @property
    def condition_key(self) -> str:
        return ":".join((self.area, self.kind, self.figure_key, self.store or self.agent or "*"))

    @property
    def fingerprint(self) -> str:
        return (self.key_since or self.since).isoformat() + (f"|{self.state}" if self.state else "")


@dataclass(frozen=True)
class AreaOverview:
    area: str
    title_key: str
    page: str
    figures: tuple[Figure, ...]
    series: tuple[Series, ...]  # one per figure with a sparkline (same key as the figure)
    alerts: tuple[Alert, ...] = ()  # alerts the area raises itself
    context: dict[str, Any] = field(default_factory=dict)  # what the brief needs to name a driver
    coverage: Coverage | None = None  # the days the figures cover and are compared with (areas differ)

    def series_for(self, key: str) -> Series | None:
        return next((s for s in self.series if s.key == key and s.store is None), None)


Source = Callable[[Runner, Window, Any], AreaOverview | None]
_REGISTRY: list[tuple[int, str, Source]] = []


def register(area: str, order: int) -> Callable[[Source], Source]:
    """Add an area's source (``order``: its place on the overview)."""

    def add(fn: Source) -> Source:
        _REGISTRY[:] = [r for r in _REGISTRY if r[1] != area] + [(order, area, fn)]
        _REGISTRY.sort(key=lambda r: r[0])
        return fn

    return add


def registered() -> list[str]:
    _load()
    return [area for _, area, _ in _REGISTRY]


def _load() -> None:
    """Import every sources_* module of this package (each registers itself)."""
    import importlib
    import pkgutil

    import portal.overview as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("sources_"):
            importlib.import_module(f"portal.overview.{info.name}")


@dataclass(frozen=True)
class Reading:
    """What a source reads besides its named queries: the settings, read once for every area (``settings.load_all``;
    issue 14: the sources read theirs one statement a setting, 16 a run), and the connection (the scorecards'
    weights versions)."""

    con: Any
    settings: Mapping[str, Any]
    # the reader's view lists alerts and names their drivers (the overview, the brief). The store view does not: its
    # sources leave out the alerts they raise themselves and what only those and the brief read (issue 14: the 5S
    # source's store ranking, actions and repeat findings, three statements a side, and the complaints' store
    # series and breaches were computed three times a store view and never shown)
    alerts: bool = True


def gather(
    run: Runner,
    window: Window,
    con,
    areas: Iterable[str] | None = None,
    loaded: Mapping[str, Any] | None = None,
    *,
    alerts: bool = True,
) -> list[AreaOverview]:
    """Every registered area's overview for the window (an area with nothing to show returns None).
    ``loaded``: the settings when the caller has read them (``settings.load_all``); ``alerts``: False for a view
    that shows no alerts (``Reading.alerts``): the areas' figures and series alone."""
    _load()
    reading = Reading(con, settings.load_all(con) if loaded is None else loaded, alerts)
    wanted = set(areas) if areas is not None else None
    out = []
    for _, area, fn in list(_REGISTRY):
        if wanted is None or area in wanted:
            got = fn(run, window, reading)
            if got is not None:
                out.append(got)
    return out
