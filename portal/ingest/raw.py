"""What reading an upload produces, and how it refuses: ``RawTable`` and ``FileRefused``."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Cell:
    """Where a value was read in a workbook: the worksheet, the row and the column letter as it shows them
    (column None: the value has no cell of its own, e.g. a blank optional field; row None too: the value is the
    whole sheet's, e.g. the inspection of a sheet that has no inspection-id cell)."""

    sheet: str
    row: int | None
    column: str | None = None


@dataclass
class SheetCells:
    """Where the rows of a table read from worksheets (5S inspection sheets) were: frame row -> (sheet, row as
    the sheet shows it); (frame row, header) -> the cell that holds that value, when it is not on the row itself
    (a sheet's store, date or inspection id stand above its item table)."""

    rows: dict[int, tuple[str, int]]
    cells: dict[tuple[int, str], Cell] = field(default_factory=dict)

    def of(self, row: int, column: str | None = None) -> Cell:
        if column is not None and (row, column) in self.cells:
            return self.cells[(row, column)]
        sheet, sheet_row = self.rows.get(row, ("", row))
        return Cell(sheet, sheet_row)


class FileRefused(ValueError):
    """The file as a whole cannot be read; nothing was written. ``reason`` is an i18n key."""

    def __init__(self, reason: str, english: str, **values):
        super().__init__(english.format(**values) if values else english)
        self.reason = reason
        self.values = values


@dataclass
class RawTable:
    file_name: str
    file_hash: str
    size_bytes: int
    headers: list[str]
    frame: pd.DataFrame  # columns = headers, index = spreadsheet row number, cells str
    encoding: str | None = None  # None for spreadsheets
    sheet: str | None = None  # the workbook's sheet read
    delimiter: str | None = None
    repaired_cells: int = 0  # double-encoded UTF-8 cells repaired
    notes: list[tuple[str, dict]] = field(default_factory=list)
    # read from worksheets: where each row and cell was (errors name the sheet, its row and column letter)
    cells: SheetCells | None = None
    # the time zone the export gives for a column's times (Qualtrics' ImportId row), by the column's position
    column_zones: dict[int, str] = field(default_factory=dict)
    # rows the reader refused itself (a 5S sheet it could not read whole): frame row -> (column, value, reason,
    # detail) of its error. They stand in ``frame`` (blank) for the error report; ``pipeline.prepare`` counts them
    # invalid without checking them, so that skipping invalid rows skips them and imports the rest
    read_errors: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)
    # a workbook: its sheets holding a table (the one read among them), which the user may choose from, and the
    # sheet chosen when it is not the one read by default, or the sheets read as one (``sheets_as_one``): part of
    # the file's identity (``batches.identity``)
    sheets: tuple[str, ...] = ()
    chosen_sheet: str | None = None
    # a CSV read in chunks (``frame`` then holds no rows: the chunks hold them): its first chunk's first rows, for
    # the mapping form's suggestions only (``first_rows``); never read as the file's rows
    sample: pd.DataFrame | None = None
    # the rows above each sheet's header that hold text, by sheet name ("" for a CSV): (row, its cells joined), where
    # a 质检表 states its year-month once (portal.ingest.stated_year)
    title_rows: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    # a workbook counting its dates from 1904 (portal.ingest.xlsx_1904): its serial-number dates are moved
    date1904: bool = False

    @property
    def first_rows(self) -> pd.DataFrame:
        """The rows a column mapping is suggested from: the file's (``frame``), or for a CSV read in chunks its
        first chunk's first rows (``sample``), as the command line suggests from the first chunk."""
        return self.frame if self.sample is None else self.sample

    @property
    def n_rows(self) -> int:
        return len(self.frame)
