"""Which sheet of a workbook an upload reads: the one the user chose, else the one with the widest header, and
the other sheets holding a table that could be chosen instead (a workbook with one sheet per month); each sheet's
cells as text (``sheet_tables``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd

from portal.i18n import listed
from portal.ingest.header import header_row_position, header_width
from portal.ingest.raw import FileRefused
from portal.ingest.sheets import fill_merged_down


def sheets_by_visibility(book) -> tuple[list[str], list[str]]:
    """The workbook's visible sheet names and its hidden ones (hidden or very hidden), each in workbook order."""
    try:
        meta = list(book.sheets_metadata)
    except Exception:  # noqa: BLE001 - no metadata: every sheet as visible
        return list(book.sheet_names), []
    from python_calamine import SheetVisibleEnum

    hidden = [m.name for m in meta if m.visible != SheetVisibleEnum.Visible]
    return [m.name for m in meta if m.name not in hidden], hidden


def holds_table(table: pd.DataFrame, width: int) -> bool:
    """A sheet holds a table when its header names two columns or more and a row below it holds a value (a notes
    sheet of one column, or a header left without rows, does not)."""
    if width < 2:
        return False
    position = header_row_position(table)
    return position is not None and bool(table.iloc[position + 1 :].ne("").to_numpy().any())


@dataclass(frozen=True)
class SheetPick:
    """The sheet read (``sheet``); the one read when none is chosen (``default``: the widest header, as a notes
    sheet before the data has one or two columns); the sheets holding a table, the one read among them, in
    workbook order (``tables``); how many sheets hold data (``with_data``)."""

    sheet: str
    default: str
    tables: tuple[str, ...]
    with_data: int

    @property
    def chosen(self) -> str | None:
        """The sheet read when it is not the default one: part of the file's identity (``batches``)."""
        return None if self.sheet == self.default else self.sheet

    @classmethod
    def of(cls, candidates: list[tuple[int, int, str, pd.DataFrame]], asked: str | None) -> SheetPick:
        """``candidates``: (header width, -sheet order, name, cells) of the sheets with data, in workbook order
        (``sheet_tables``); ``asked``: the sheet the user chose, if any."""
        default = max(candidates, key=lambda c: (c[0], c[1]))[2]
        sheet = default if asked is None else asked
        tables = tuple(
            name
            for width, _, name, table in candidates
            if name in (sheet, default) or holds_table(table, width)
        )
        if sheet not in {c[2] for c in candidates}:
            raise FileRefused(
                "ingest.refused.no_such_sheet",
                "The workbook has no sheet “{sheet}” with data to read; the sheets holding a table: {sheets}.",
                sheet=asked,
                sheets=listed(t for t in tables if t != sheet),
            )
        return cls(sheet, default, tables, len(candidates))

    def notes(self) -> list[tuple[str, dict]]:
        """The notice of which sheet was read and which others hold a table (none for a one-sheet workbook)."""
        others = [name for name in self.tables if name != self.sheet]
        if self.chosen is not None:
            return [("ingest.notice.sheet_chosen", {"sheet": self.sheet, "others": listed(others)})]
        if others:
            return [("ingest.notice.sheet_read_others", {"sheet": self.sheet, "others": listed(others)})]
        if self.with_data > 1:
            return [("ingest.notice.sheet_read", {"sheet": self.sheet})]
        return []


def _clock(value: timedelta) -> str:
    """A duration cell (Excel's [h]:mm:ss, a ticketing workbook's 解决时长) as its clock, hours past 24 as Excel
    shows them: 51:00:00, not Python's "2 days, 3:00:00", which no duration reader takes (durations.read_one).
    Under a day it is str()'s text, 1:23:00; a negative one is left as str() gives it (no duration)."""
    if value < timedelta(0):
        return str(value)
    hours, rest = divmod(value // timedelta(microseconds=1), 3_600_000_000)
    minutes, rest = divmod(rest, 60_000_000)
    seconds, micros = divmod(rest, 1_000_000)
    return f"{hours}:{minutes:02d}:{seconds:02d}" + (f".{micros:06d}" if micros else "")


def cell_text(value) -> str:
    """A spreadsheet cell's value as the text an upload reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if abs(value) >= 1e15:
            # Excel keeps 15 significant digits: a longer number's last digits are already lost (an 18-digit
            # ticket id), so it is given as Excel shows it, not as digits that look exact
            mantissa, exponent = f"{value:.14E}".split("E")
            return f"{mantissa.rstrip('0').rstrip('.')}E{exponent}"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return _clock(value)
    return str(value)


def sheet_tables(
    book, names: list[str], midnights, percents, padded=None
) -> list[tuple[int, int, str, pd.DataFrame]]:
    """(header width, -sheet order, name, cells as text) of each of the named sheets that holds data; a cell
    formatted as a date and time keeps its midnight, one formatted as a percentage reads as shown (85%), and with
    ``padded`` (``xlsx_padded.PaddedNumbers``) one formatted with leading zeros too (0101)."""
    candidates = []
    for order, name in enumerate(names):
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=True)
        except Exception:  # noqa: S112 - a chart sheet or a damaged sheet: try the next one
            continue
        midnights.restore(rows, name, sheet.start)
        percents.restore(rows, name, sheet.start)
        if padded is not None:
            padded.restore(rows, name, sheet.start)
        filled = fill_merged_down(rows, sheet)
        if not any(any(cell_text(c).strip() for c in row) for row in rows):
            continue
        width = max(len(r) for r in rows)
        table = pd.DataFrame(
            [[cell_text(c) for c in row] + [""] * (width - len(row)) for row in rows], dtype=object
        )
        table.attrs["merged_down"] = filled
        table.attrs["start"] = sheet.start  # its top-left cell in the sheet (None: A1), for its rows' numbers
        candidates.append((header_width(table), -order, name, table))
    return candidates
