"""The year a 质检表 states once for its dates written without one (``Kind.year_from_title``: QA reviews).

A team lead's monthly workbook writes each review's date as ``10月3日`` or ``10/3`` (a date without its year is
refused: ``stamp_reasons.NO_YEAR``) and states the year once: in a title row above the header
(``2026年10月客服质检表``, ``质检月份：2026-10``) or in the name of the sheet read (``2026年10月``, ``2026-10``; ``10月``
alone states no year). When the rows above a sheet's header and its name state exactly one year (and at most one
month), the sheet's dates without a year take it (``fill_years``), said in a notice naming where it came from. A
date of another month than the one stated is refused at its cell naming both; two years or two months stated, or
none: the cells are left as written (refused as before). A date that names its year is never changed, nor is a
full date in a title row (an export date) read as a statement of the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from portal.i18n import Both
from portal.ingest.errors import ErrorLog, values_detail
from portal.ingest.raw import RawTable
from portal.ingest.stamp_reasons import _MONTHS, _TIME

MONTH_NOT_STATED = "ingest.error.month_not_stated"
NOTICE = "ingest.notice.year_stated"
_MONTH_NUMBER = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                             "nov", "dec"), start=1)}  # fmt: skip

# a year and a month (2026年10月, 2026-10, 2026/10, 2026.10) not followed by a day (2026-10-05 is a date, not a
# statement of the month), or a month name and a year (October 2026, Oct 2026); a year alone (2026年, 2026年度)
_YEAR_MONTH = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m>\d{1,2})\s*月|[-/.](?P<m2>\d{1,2})(?!\s*[-/.]?\s*\d))(?!\d)"
    rf"|(?<![A-Za-z])(?P<name>{_MONTHS})\s*,?\s*(?P<y2>(?:19|20)\d{{2}})(?!\d)"
    r"|(?<!\d)(?P<y3>(?:19|20)\d{2})\s*年(?!\s*\d)",
    re.IGNORECASE,
)
# a whole cell that is a month and a day without a year, perhaps a time of day (as stamp_reasons reads NO_YEAR)
_NO_YEAR = re.compile(
    rf"(?:(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]?|(?P<a>\d{{1,2}})\s*[/.-]\s*(?P<b>\d{{1,2}})"
    rf"|(?P<n1>{_MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<n2>{_MONTHS}))"
    rf"(?P<time>{_TIME})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Stated:
    """The year (and month, or None) a sheet states, and where: a ``Both`` naming the row or the sheet's name."""

    year: int
    month: int | None
    where: Both


def _found(text: str) -> set[tuple[int, int | None]]:
    out = set()
    for m in _YEAR_MONTH.finditer(text):
        if m["name"]:
            out.add((int(m["y2"]), _MONTH_NUMBER[m["name"][:3].lower()]))
        elif m["y3"]:
            out.add((int(m["y3"]), None))
        else:
            month = int(m["m"] or m["m2"])
            if 1 <= month <= 12:
                out.add((int(m["y"]), month))
    return out


def stated(sheet: str, rows: tuple[tuple[int, str], ...]) -> Stated | None:
    """What the title rows ``rows`` above a sheet's header and its name ``sheet`` state: one year, with its month
    when one is stated, else None (none, or two years, or two months of it)."""
    sources = [(text, Both(f"row {row} ({text})", f"第 {row} 行({text})")) for row, text in rows]
    if sheet:
        sources.append((sheet, Both(f"the sheet's name {sheet}", f"工作表名称({sheet})")))
    found = [(ym, where) for text, where in sources for ym in _found(text)]
    years = {y for (y, _), _ in found}
    months = {m for (_, m), _ in found if m is not None}
    if len(years) != 1 or len(months) > 1:
        return None
    month = next(iter(months), None)
    where = next(w for (_, m), w in found if m == month)
    return Stated(years.pop(), month, where)


def _month_day(m: re.Match, month: int | None) -> tuple[int, int] | None:
    """The month and day a cell without a year names. Of 10/3 the stated month tells which number is the month
    (3/10 in a sheet of 10月 is day first), else the first is (and a month of another number is said at its cell);
    with a year alone stated, a pair that could be either (10/3) is left unread (None: refused as before)."""
    if m["m"] is not None:
        return int(m["m"]), int(m["d"])
    if m["n1"] or m["n2"]:
        return _MONTH_NUMBER[(m["n1"] or m["n2"])[:3].lower()], int(m["d1"] or m["d2"])
    a, b = int(m["a"]), int(m["b"])
    if month is not None:
        if a == month or b != month:
            return (a, b) if a <= 12 else None  # another month than the one stated: said at the cell
        return b, a
    if a == b or (a <= 12 < b):
        return a, b
    if b <= 12 < a:
        return b, a
    return None


def fill_years(raw: RawTable, text: pd.DataFrame, name: str, column: str, errors: ErrorLog) -> list[tuple]:
    """Write the stated year into the cells of field ``name`` (column ``column`` of the file) of ``text`` that are
    a month and a day without it; a date of another month than the one stated is an error at its cell. Returns
    the notices (one per sheet whose year was taken)."""
    if name not in text.columns:
        return []
    cells, out = text[name], text[name].copy()  # the file's frame (raw.frame) keeps the cells as written
    sheets = pd.Series(
        [
            raw.cells.rows.get(int(r), ("", 0))[0] if raw.cells is not None else (raw.sheet or "")
            for r in cells.index
        ],
        index=cells.index,
    )
    notices = []
    for sheet, rows in raw.title_rows.items():
        said = stated(sheet, rows)
        if said is None:
            continue
        filled, example = 0, None
        for row in cells.index[(sheets == sheet).to_numpy()]:
            value = cells.at[row]
            m = _NO_YEAR.fullmatch(value.strip()) if isinstance(value, str) else None
            day = _month_day(m, said.month) if m else None
            if day is None or not (1 <= day[0] <= 12 and 1 <= day[1] <= 31):
                continue
            if said.month is not None and day[0] != said.month:
                detail = values_detail(
                    date=value.strip(), month=day[0], where=said.where, stated=f"{said.year}-{said.month:02d}"
                )
                errors.add([row], column, MONTH_NOT_STATED, text[name], detail=detail)
                continue
            out.at[row] = f"{said.year}-{day[0]:02d}-{day[1]:02d}{m['time'] or ''}".strip()
            filled += 1
            example = example or value.strip()
        if filled:
            notices.append((NOTICE, {"column": column, "n": filled, "example": example, "year": said.year,
                                     "where": said.where}))  # fmt: skip
    text[name] = out
    return notices
