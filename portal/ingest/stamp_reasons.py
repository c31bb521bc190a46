"""Why a stamp cell was not read, said per cell (probe repro 10: "unreadable, in the future, or earlier than the
received time" left the user to guess which): a day the calendar does not have (``2026/2/30``), a time zone's
letters (Java's ``Thu Nov 05 14:03:00 CST 2026``: CST is China, US Central or Cuba), a month and day without a year
(a 质检表's ``12月3日``, ``12/3``, ``Dec 3``: the year is in a title row or the sheet's name, which are not read,
except by a kind with ``Kind.year_from_title``: ``portal.ingest.stated_year`` fills the year one states first),
else not a date at all.
Only the cells the parser (portal.ingest.stamps) could not read are looked at; how a stamp is read is not changed.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

NOT_A_DATE = "ingest.error.not_a_date"
NO_SUCH_DAY = "ingest.error.no_such_day"
ZONE_LETTERS = "ingest.error.zone_letters"
NO_YEAR = "ingest.error.no_year"

# year first, as ISO, Chinese systems and 年月日 write it (a day-first or month-first date names no day for sure)
_YEAR_FIRST = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_TIME = r"(?:\s*(?:[上下]午)?\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?(?:\s*[AaPp][Mm])?)?"
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# the whole cell a month and a day (and perhaps a time of day), no third number: 12月3日, 12/3, 12.3 9:30, Dec 3, 3 Dec
_NO_YEAR = re.compile(
    rf"(?:(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]?|(?P<a>\d{{1,2}})\s*[/.-]\s*(?P<b>\d{{1,2}})"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}){_TIME}",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"(?<![A-Za-z])[A-Z]{2,5}(?![A-Za-z])")
# upper-case words of a stamp that are no zone the parser leaves unread: AM/PM, ISO's T and Z, GMT and UTC (read),
# day and month names in capitals
_NO_ZONE = frozenset(
    {"AM", "PM", "T", "Z", "GMT", "UTC"}
    | {d.upper() for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    | {
        m.upper()
        for m in ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    }
)


# why a stamp column's clocks were left out (i18n ingest.left_out.<why>): a clock over 23:59 is time taken, no time of
# day; clocks all under a day may be either
CLOCK_DURATION = "clock_duration"
CLOCK_NO_DATE = "clock_no_date"
# a cell that is a clock alone, as an export writes a duration: hours (any number), minutes, perhaps seconds
_CLOCK = r"^(\d{1,4})\s*[:：]\s*[0-5]\d(?:\s*[:：]\s*[0-5]\d(?:\.\d+)?)?$"


def elapsed_clocks(cells: pd.Series) -> tuple[str, pd.Series, str] | None:
    """Whether a stamp column holds clocks rather than stamps (a work order's 首次响应时间 of ``00:45:12``, ``1:23``,
    ``26:10:00``): more than half of its non-blank cells are a clock alone. Then (``CLOCK_DURATION`` when a clock is
    over 23:59, which no time of day is, else ``CLOCK_NO_DATE``; the clock cells, a boolean Series; an example:
    the first clock over 23:59, else the first clock), else None. Nothing is read: the caller only says so."""
    text = cells.fillna("").astype(str).str.strip()
    filled = text != ""
    hours = text.str.extract(_CLOCK)[0]
    clock = hours.notna()
    if 2 * int(clock.sum()) <= int(filled.sum()):
        return None
    over = clock & (pd.to_numeric(hours, errors="coerce") >= 24)
    shown = over if over.any() else clock
    return (CLOCK_DURATION if over.any() else CLOCK_NO_DATE), clock, str(text[shown].iloc[0])


def why_unreadable(cells: pd.Series) -> pd.DataFrame:
    """For each cell (of those the parser could not read): ``reason`` (an i18n key: NO_SUCH_DAY, ZONE_LETTERS,
    NO_YEAR or NOT_A_DATE) and ``detail`` (the day that does not exist as YYYY-MM-DD, the zone's letters, or the
    cell without a year as written), by index."""
    reasons, details = [], []
    for text in cells.astype(str):
        reason, detail = _why(text)
        reasons.append(reason)
        details.append(detail)
    return pd.DataFrame({"reason": reasons, "detail": details}, index=cells.index)


def _why(text: str) -> tuple[str, str]:
    zones = [w for w in _LETTERS.findall(text) if w not in _NO_ZONE]
    if zones:
        return ZONE_LETTERS, zones[0]
    m = _YEAR_FIRST.search(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            try:
                date(year, month, day)
            except ValueError:
                return NO_SUCH_DAY, f"{year:04d}-{month:02d}-{day:02d}"
    bare = text.strip()
    m = _NO_YEAR.fullmatch(bare)
    if m and _a_month_and_day(m):
        return NO_YEAR, bare
    return NOT_A_DATE, ""


def _a_month_and_day(m: re.Match) -> bool:
    """Whether the two numbers of a match of ``_NO_YEAR`` can be a month and a day (in either order for 12/3)."""
    if m["m"] is not None:
        return 1 <= int(m["m"]) <= 12 and 1 <= int(m["d"]) <= 31
    if m["a"] is not None:
        a, b = int(m["a"]), int(m["b"])
        return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)
    return True
