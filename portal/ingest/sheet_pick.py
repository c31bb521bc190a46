"""Which sheet of a workbook an upload reads: the one the user chose, else the one with the widest header, and
the other sheets holding a table that could be chosen instead (a workbook with one sheet per month)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from portal.i18n import listed
from portal.ingest.header import header_row_position
from portal.ingest.raw import FileRefused


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
        (``reading._sheet_tables``); ``asked``: the sheet the user chose, if any."""
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
