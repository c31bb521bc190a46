"""What an area's overview tiles cover: the days their figures rest on, the days they are compared with, what
the sparkline draws and which figures are counts as of now, whatever the period (open corrective actions).

Each source states it from the very filters and periods it queries (``AreaOverview.coverage``); the overview
writes it under the area's heading and in each tile's help. The areas do not share one window: complaints and
satisfaction are the reference week against the week before, 5S the twelve weeks against the twelve before
(inspections are monthly), scorecards the last complete month against the month before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.i18n import listed, sentences, t
from portal.kpi import Figure

GRAINS = ("week", "weeks", "month")


@dataclass(frozen=True)
class Span:
    """Days from ``start`` to ``end`` (both included) as one ``grain``: an ISO week, a run of whole weeks or
    a calendar month."""

    grain: str
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.grain not in GRAINS:
            raise ValueError(f"Span: unknown grain {self.grain!r}")

    @classmethod
    def of_filters(cls, grain: str, filters) -> Span:
        """The days a ``portal.filters.Filters`` selects."""
        return cls(grain, filters.start, filters.end)

    @classmethod
    def of_period(cls, period) -> Span:
        """The days of a scorecard ``Period`` of a week or a month (its ``end`` is the day after)."""
        return cls(period.grain, period.start, period.last_day)

    @property
    def weeks(self) -> int:
        return ((self.end - self.start).days + 1) // 7

    def text(self, lang: str) -> str:
        """'week 2026-W47 (2026-11-16 – 2026-11-22)', 'the 12 weeks 2026-08-31 – 2026-11-22', 'month 2026-10'."""
        if self.grain == "month":
            return t("overview.span.month", lang, year=self.start.year, month=self.start.month)
        if self.grain == "week":
            year, week, _ = self.start.isocalendar()
            return t(
                "overview.span.week",
                lang,
                week=f"{year}-W{week:02d}",
                start=self.start.isoformat(),
                end=self.end.isoformat(),
            )
        return t(
            "overview.span.weeks", lang, n=self.weeks, start=self.start.isoformat(), end=self.end.isoformat()
        )


@dataclass(frozen=True)
class Coverage:
    """What an area's tiles cover. ``previous``: what a tile's change is against (None: no change shown);
    ``spark``: the grain of the sparkline's points (week, month; None: no sparkline), ``spark_weeks`` how many
    weeks it reaches back; ``now_keys``: the figures counted as of ``as_of`` whatever the span."""

    current: Span
    previous: Span | None = None
    spark: str | None = None
    spark_weeks: int = 0
    # a monthly sparkline: the complete months it draws (first days; each read whole) and the month in progress
    # it leaves out
    spark_months: tuple[date, ...] = ()
    spark_in_progress: tuple[date, ...] = ()
    now_keys: tuple[str, ...] = ()
    as_of: date | None = None

    def covers(self, lang: str, compared: bool = True) -> str:
        """'Covers …; compared with …' (``compared`` False: a figure without a change: the span alone)."""
        if self.previous is None or not compared:
            return t("overview.covers", lang, current=self.current.text(lang))
        return t(
            "overview.covers_against",
            lang,
            current=self.current.text(lang),
            previous=self.previous.text(lang),
        )

    def now_text(self, labels, lang: str) -> str:
        return t(
            "overview.as_of", lang, labels=listed(labels), day=self.as_of.isoformat() if self.as_of else ""
        )

    def spark_text(self, lang: str) -> str | None:
        if self.spark == "month":
            return self._months_text(lang)
        if self.spark == "week":
            return t("overview.spark.week", lang, n=self.spark_weeks)
        return None

    def _months_text(self, lang: str) -> str:
        """'Sparkline: the months 2026-09 – 2026-11, each whole …', and the month in progress it leaves out."""
        label = [m.strftime("%Y-%m") for m in self.spark_months]
        parts = []
        if len(label) == 1:
            parts.append(t("overview.spark.month_one", lang, month=label[0]))
        elif label:
            parts.append(t("overview.spark.month", lang, first=label[0], last=label[-1]))
        running = self.spark_in_progress
        parts += [t("overview.spark.month_running", lang, month=m.strftime("%Y-%m")) for m in running]
        return sentences(parts, lang)

    def spark_label(self, lang: str) -> str:
        """The word in front of a tile's sparkline: 'Last 12 weeks', 'By month'."""
        if self.spark == "month":
            return t("overview.spark.label.month", lang)
        return t("overview.spark.label.week", lang, n=self.spark_weeks)


def area_caption(coverage: Coverage, figures: tuple[Figure, ...], lang: str) -> str:
    """The line under an area's heading: what its tiles cover and are compared with, the counts as of now,
    what the sparklines draw."""
    windowed = [f for f in figures if f.key not in coverage.now_keys]
    compared = any(f.compared for f in windowed)
    parts = [coverage.covers(lang, compared)] if windowed else []
    now = [t(f.label, lang) for f in figures if f.key in coverage.now_keys]
    if now:
        parts.append(coverage.now_text(now, lang))
    spark = coverage.spark_text(lang)
    if spark:
        parts.append(spark)
    return sentences(parts, lang)


def tile_help(coverage: Coverage, fig: Figure, lang: str, *, sparkline: bool) -> str:
    """One tile's help: the span its figure covers (and what its change is against, or why it shows none:
    ``Figure.change_note``), or that it is counted as of now; what its sparkline draws when it has one."""
    if fig.key in coverage.now_keys:
        parts = [coverage.now_text([t(fig.label, lang)], lang)]
    else:
        parts = [coverage.covers(lang, compared=fig.compared)]
        note = fig.change_note(lang)
        if note:
            parts.append(note)
    spark = coverage.spark_text(lang) if sparkline else None
    if spark:
        parts.append(spark)
    return sentences(parts, lang)
