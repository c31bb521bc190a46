"""What a KPI figure's change is against (``Comparison``): the previous period of equal length, which the data in
the reader's scope must cover, and whether the period is in progress. The rule is told in ``portal.kpi``'s
docstring; ``portal.kpi`` re-exports every name here, which callers use through it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from portal.i18n import t

# why a change is left out (i18n keys, both languages in portal/i18n/kpi.py)
CHANGE_PARTLY_COVERED = "kpi.change_left_out.partly_covered"
CHANGE_NOT_COVERED = "kpi.change_left_out.not_covered"
CHANGE_NOT_BEGUN = "kpi.change_left_out.not_begun"
# ... and why a figure has no previous value in a covered period: nothing of it there; hours there, days now
CHANGE_NO_PREVIOUS = "kpi.change_left_out.no_previous"
CHANGE_OTHER_UNITS = "kpi.change_left_out.other_units"


@dataclass(frozen=True)
class Comparison:
    """What a figure's change is against: the previous period's days, the first day of the area's data in the
    reader's scope (``covered_from``; None: no data at all), and for a period in progress (it ends today or
    later) how many of its ``days`` have wholly passed (``elapsed_days``; None: the period is over)."""

    previous_start: date
    previous_end: date
    covered_from: date | None
    days: int
    elapsed_days: int | None = None

    @classmethod
    def of(cls, filters, covered_from: date | None, today: date) -> Comparison:
        """The comparison of ``filters``' period (a ``portal.filters.Filters``) with the one before it, on
        ``today`` in the reporting zone."""
        before = filters.previous()
        elapsed = None if filters.end < today else max(0, (today - filters.start).days)
        return cls(before.start, before.end, covered_from, filters.days, elapsed)

    @property
    def in_progress(self) -> bool:
        return self.elapsed_days is not None

    @property
    def left_out(self) -> str | None:
        """Why no change is shown (an i18n key), or None: the previous period is not wholly covered by the
        data, or not one whole day of a period in progress has passed."""
        if self.covered_from is None or self.covered_from > self.previous_end:
            return CHANGE_NOT_COVERED
        if self.covered_from > self.previous_start:
            return CHANGE_PARTLY_COVERED
        if self.elapsed_days == 0:
            return CHANGE_NOT_BEGUN
        return None

    def note(self, lang: str = "en") -> str | None:
        """The comparison in words where it needs them: why no change is shown, or that the period is in
        progress; None for a plain comparison of two complete periods."""
        why = self.left_out
        if why is not None:
            return self.said(why, lang)
        if self.in_progress:
            return t("kpi.change_in_progress", lang, elapsed=self.elapsed_days, days=self.days)
        return None

    def said(self, key: str, lang: str = "en", **values) -> str:
        """A reason of no change (an i18n key) with this comparison's days: the previous period, the data's first."""
        return t(
            key,
            lang,
            day=self.covered_from.isoformat() if self.covered_from else "",
            start=self.previous_start.isoformat(),
            end=self.previous_end.isoformat(),
            **values,
        )


def comparison_of(frame, filters, today: date) -> Comparison:
    """The comparison of ``filters``' period, with the first day of the area's data in scope already read by the
    area's headline or summary statement beside its figures (issue 14: one statement fewer a figure set):
    ``frame``'s column ``covered_from`` (its first row; no row or NULL: no data at all; a frame or
    ``frames.Rows``). A store chosen that began reporting later is compared only where its own data covers the
    previous period (the statement reads it by the filter's regions and stores, in the reporting zone)."""
    first = next(iter(frame["covered_from"]), None)  # a frame's column or ``frames.Rows``' values
    if first is None or first != first:  # NULL: no data at all (NaT, NaN are not equal to themselves)
        first = None
    elif isinstance(first, datetime):  # a DATE comes back as a (pandas) timestamp
        first = first.date()
    return Comparison.of(filters, first, today)


def compared(figures, with_: Comparison):
    """The figures, each with what its change is against (a tuple, in order); where no change is shown, no test
    of it either (a "significant change" beside no change would say what the data cannot). A figure counted as of
    now (``no_previous`` None: open and overdue 5S actions) has no previous period, so nothing to compare with:
    it is left without a comparison (no change, no note, no ``previous_covered_from``, never "in progress")."""
    if with_.left_out is not None:
        return tuple(
            f if f.no_previous is None else replace(f, comparison=with_, significant=None, p_value=None)
            for f in figures
        )
    return tuple(f if f.no_previous is None else replace(f, comparison=with_) for f in figures)
