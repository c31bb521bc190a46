"""Bounded input (issue 15 item 4): limits on columns, cells, cell length and a workbook's used range, checked
before anything large is allocated; NUL bytes refused, invisible direction and zero-width characters stripped.

Part of the reading step (``portal.ingest.reading`` re-exports these names)."""

from __future__ import annotations

import io
import re
from functools import cache
from xml.parsers.expat import ExpatError, ParserCreate

import pandas as pd

from portal.ingest.cells import non_ascii
from portal.ingest.raw import FileRefused, RawTable
from portal.ingest.sheets import col_letter

SNIFF_BYTES = 65536  # the part of a text file its header line is looked for in (reading.SNIFF_BYTES)


# ---------------------------------------------------------------- bounds (issue 15 item 4)
def _limit(name: str, default: int) -> int:
    import os

    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


def max_columns() -> int:
    """Columns a file may have (the widest kind has a few dozen); 10,000 columns are refused at once."""
    return _limit("PORTAL_MAX_COLUMNS", 500)


def max_cells() -> int:
    """Cells of the used range (rows x columns) a file may have: checked before the cells are allocated."""
    return _limit("PORTAL_MAX_CELLS", 30_000_000)


def max_cell_chars() -> int:
    """Characters one cell may hold: Excel's own limit (32,767); a 1 MB cell is refused."""
    return _limit("PORTAL_MAX_CELL_CHARS", 32_767)


XML_RATIO = (
    100  # a workbook's XML is rarely more than 20-30 times its zipped size; a bomb is thousands of times
)


def max_xml_bytes(upload_bytes: int) -> int:
    """Uncompressed XML a workbook may unpack to, all its parts together (sheets, shared strings, styles): at
    most ``PORTAL_MAX_XML_MB`` and at most ``XML_RATIO`` times the upload (64 MB at least), so that a zip bomb
    is refused before it is inflated. The reliability probe's 413 KB workbook held one cell of 400 million
    characters (3 GB of memory before the cell-length check), a 1.5 MB one aborted the server, and 1.5 GB of
    styles were not counted at all."""
    if not upload_bytes:
        return 0
    cap = _limit("PORTAL_MAX_XML_MB", 2048) * 1024 * 1024
    return min(cap, max(64 * 1024 * 1024, XML_RATIO * upload_bytes))


# Characters that make the text shown differ from the text stored: direction overrides and isolates
# (an id "S\u202e001" displays reversed), zero-width spaces and joiners, a BOM inside the text.
INVISIBLE_CONTROLS = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


# ---------------------------------------------------------------- bounds
def _too_wide(columns: int) -> FileRefused:
    return FileRefused(
        "ingest.refused.too_many_columns",
        "The file has {columns} columns; at most {limit} are read. Delete the columns that are not part of the "
        "table (or the stray cells far to the right) and upload it again.",
        columns=columns,
        limit=max_columns(),
    )


def _too_many_cells(rows: int, columns: int) -> FileRefused:
    return FileRefused(
        "ingest.refused.too_many_cells",
        "The used range of the file is {rows} rows x {columns} columns, more than the {limit} cells one upload "
        "may hold. Delete stray cells far below or to the right of the table, or split the file.",
        rows=rows,
        columns=columns,
        limit=max_cells(),
    )


# A sheet whose used range is mostly empty: one stray cell at IV65536 makes a single sheet 16.8 million cells,
# within ``max_cells``, which python-calamine builds dense (1.66 GB for an .xls, 1.15 GB for an .xlsx) to read a
# table of a few hundred. A range over SPARSE_FROM_CELLS cells that is more than SPARSE_RATIO times the cells
# holding a value is refused before it is read; a dense export of 200,000 rows x 15 columns is far from both.
SPARSE_FROM_CELLS = 1_000_000
SPARSE_RATIO = 20


class UsedRange:
    """The cells of one sheet that hold a value, as its records or XML stream past: the range they span from A1
    (1-based rows and columns), how many there are, and where the lowest and the rightmost of them are."""

    def __init__(self):
        self.rows = self.columns = self.filled = 0
        self.lowest = self.rightmost = ""

    def add(self, row: int, column: int, cells: int = 1) -> bool:
        """A cell with a value (or ``cells`` of them in one row, ending at ``column``); True when it widens or
        lengthens the range."""
        self.filled += cells
        grew = False
        if row > self.rows:
            self.rows, self.lowest, grew = row, f"{col_letter(column - 1)}{row}", True
        if column > self.columns:
            self.columns, self.rightmost, grew = column, f"{col_letter(column - 1)}{row}", True
        return grew

    def refuse_if_sparse(self, sheet: str, rows: int = 0, columns: int = 0) -> None:
        """Refuse the sheet when its range (this one's, or the larger ``rows`` x ``columns`` an .xls declares)
        is over ``SPARSE_FROM_CELLS`` cells and more than ``SPARSE_RATIO`` times the cells holding a value."""
        rows, columns = max(rows, self.rows), max(columns, self.columns)
        if rows * columns <= max(SPARSE_FROM_CELLS, SPARSE_RATIO * self.filled):
            return
        raise FileRefused(
            "ingest.refused.sparse_sheet",
            "Sheet {sheet} has a used range of {range} ({cells} cells) but few cells holding a value ({filled}; "
            "the lowest is {lowest}, the rightmost {rightmost}). Reading it would take memory for every cell of "
            "the range. Delete the stray cells far below or to the right of the table (or select the rows below "
            "it and the columns to its right and choose Clear All), save the file and upload it again.",
            sheet=sheet,
            range=f"A1:{col_letter(columns - 1)}{rows}",
            cells=rows * columns,
            filled=self.filled,
            lowest=self.lowest or "-",
            rightmost=self.rightmost or "-",
        )


def _column_number(ref: str) -> int:
    number = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            number = number * 26 + ord(ch) - 64
        else:
            break
    return number


_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


class SheetMarks(dict):
    """Each sheet's hidden rows (its name -> their numbers, 1 on), as ``check_workbook_bounds`` found them, and in
    ``uncomputed`` each sheet's formula cells without a stored result ((row, column) from 0), found by the same
    scan of the sheet XML (``xlsx_formulas.cells_note`` names them)."""

    def __init__(self):
        super().__init__()
        self.uncomputed: dict[str, list[tuple[int, int]]] = {}


def check_workbook_bounds(data: bytes) -> SheetMarks:
    """The used range of every worksheet (the last row and column holding a value), read by streaming the
    sheet XML, so that a small workbook with one cell at row 300,000, column 400 is refused before a reader
    allocates its 120 million cells; a damaged or non-workbook zip is refused too. Gives each sheet's hidden rows
    (its name -> their numbers, 1 on, as Excel shows them): hidden by hand, or by a filter; and its formula
    cells without a result (``SheetMarks.uncomputed``)."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _bad_workbook(exc) from exc
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise FileRefused(
            "ingest.refused.not_workbook_zip",
            "The file is a zip archive but not an Excel workbook. Upload the .xlsx or .csv itself, not an archive.",
        )
    sheets = [m for m in members if re.fullmatch(r"xl/worksheets/[^/]+\.xml", m.filename)]
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_xml_bytes(len(data)):
        raise FileRefused(
            "ingest.refused.xml_too_large",
            "The workbook unpacks to {mb} MB, more than {limit} MB for a file of this size (a damaged or crafted "
            "workbook). Open it in Excel and save it again as .xlsx, or save it as CSV.",
            mb=unpacked // (1024 * 1024),
            limit=max_xml_bytes(len(data)) // (1024 * 1024),
        )
    names = _sheet_names(archive)
    cells = 0  # the used ranges of the sheets read so far: every visible sheet is read and kept
    hidden_rows = SheetMarks()
    for member in sheets:
        used = UsedRange()
        scan = _SheetScan(used, cells)
        try:
            with archive.open(member) as stream:
                scan.read(stream)
        except FileRefused:
            raise
        except (ExpatError, zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise _bad_workbook(exc) from exc
        used.refuse_if_sparse(names.get(member.filename, member.filename))
        cells += used.rows * used.columns
        hidden_rows[names.get(member.filename, member.filename)] = scan.hidden_rows
        hidden_rows.uncomputed[names.get(member.filename, member.filename)] = scan.uncomputed
    return hidden_rows


class _SheetScan:
    """One worksheet's XML through expat (the parser ElementTree uses, so a damaged sheet is refused with the same
    words), with handlers for the few things the bounds need: where each cell is, whether it holds a value (a child
    element: <v>, <is>, <f>) and the length of each <v> / <t> text. ElementTree's iterparse built an element for
    every tag of the sheet: 18 s of CPU on a 200,000 x 15 sheet where these handlers take about 10.

    A cell is where python-calamine puts it: its ``r`` (``B7``), else the column after the row's previous cell, in
    its row's ``r``, else the row after the previous one (a cell written without ``r`` at row 200,000 is as far
    away as one with it; the iterparse loop passed such cells over). A row marked ``hidden="1"`` (or ``"true"``:
    Excel marks so the rows a filter leaves out, and rows hidden by hand) is kept in ``hidden_rows``."""

    ROW, CELL, TEXT, OTHER, FORMULA = 3, 1, 2, 0, 4

    def __init__(self, used: UsedRange, cells_before: int):
        self.used, self.cells_before = used, cells_before
        self.cell = ""  # the reference of the cell open, or of the last one (an over-long text names it)
        self.row = self.column = 0  # the position of the cell open, or of the last one
        self.in_cell = self.has_value = self.in_text = False
        self.text_chars = 0
        self.limit = max_cell_chars()
        self.kinds: dict[str, int] = {}  # a tag's expanded name -> what it is, worked out once per name
        self.hidden_rows: list[int] = []
        # a formula cell whose result is not stored (<f>…</f> and no <v>, or an empty one; a text result's empty
        # <v> is its result): (row, column) from 0, as python-calamine reads it blank (portal.ingest.xlsx_formulas)
        self.uncomputed: list[tuple[int, int]] = []
        self.formula = self.result = self.text_result = False

    def kind(self, name: str) -> int:
        tag = name[name.rfind("}") + 1 :]
        kind = {"c": self.CELL, "v": self.TEXT, "t": self.TEXT, "row": self.ROW, "f": self.FORMULA}.get(
            tag, 0
        )
        self.kinds[name] = kind
        return kind

    def read(self, stream) -> None:
        parser = ParserCreate(None, "}")
        parser.buffer_text = True  # one call for a text, not one per chunk of it
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.ParseFile(stream)

    def start(self, name: str, attrs: dict) -> None:
        kind = self.kinds.get(name)
        if kind is None:
            kind = self.kind(name)
        if kind == 1:  # CELL
            ref = attrs.get("r", "")
            found = _CELL_REF.match(ref)
            if found:
                self.row, self.column = int(found.group(2)), _column_number(found.group(1))
            else:
                self.column += 1
                ref = f"{col_letter(self.column - 1)}{self.row}"
            self.cell, self.in_cell, self.has_value = ref, True, False
            self.formula, self.text_result = False, attrs.get("t") in ("str", "inlineStr")
            return
        if kind == 3:  # ROW
            number = attrs.get("r", "")
            self.row, self.column = (int(number) if number.isdigit() else self.row + 1), 0
            if attrs.get("hidden") in ("1", "true"):
                self.hidden_rows.append(self.row)
            return
        if self.in_cell:
            self.has_value = True
        if kind == 2:  # TEXT
            self.in_text, self.text_chars = True, 0
        elif kind == 4:  # FORMULA
            self.formula, self.result = True, False

    def text(self, data: str) -> None:
        if self.in_text:
            self.text_chars += len(data)
            if self.formula and not self.result:
                self.result = not data.isspace()

    def end(self, name: str) -> None:
        kind = self.kinds[name]
        if kind == 1:  # CELL
            self.in_cell = False
            if self.has_value:
                self.count()
            if self.formula and not self.result and not self.text_result:
                self.uncomputed.append((self.row - 1, self.column - 1))
        elif kind == 2:  # TEXT
            self.in_text = False
            if self.text_chars > self.limit:
                raise _too_long_cell(self.cell, self.text_chars)

    def count(self) -> None:
        used = self.used
        if used.add(self.row, self.column):
            if used.columns > max_columns():
                raise _too_wide(used.columns)
            if self.cells_before + used.rows * used.columns > max_cells():
                raise _too_many_cells(used.rows, used.columns)


def _sheet_names(archive) -> dict[str, str]:
    """The path of each sheet's XML -> the sheet's name as Excel shows it (the path itself where the workbook's
    relationships cannot be read: the message then names the part)."""
    import zipfile
    from xml.etree.ElementTree import ParseError

    from portal.ingest.xlsx_stamps import _sheet_paths

    try:
        return {path: name for name, path in _sheet_paths(archive).items()}
    except (KeyError, ParseError, zipfile.BadZipFile, OSError, ValueError):
        return {}


def _too_long_cell(cell: str, chars: int) -> FileRefused:
    return FileRefused(
        "ingest.refused.workbook_cell_too_long",
        "Cell {cell} of the workbook holds more than {limit} characters (at least {chars}). Shorten it and upload "
        "the file again.",
        cell=cell,
        chars=chars,
        limit=max_cell_chars(),
    )


def _bad_workbook(exc: Exception) -> FileRefused:
    return FileRefused(
        "ingest.refused.bad_spreadsheet",
        "The workbook cannot be opened ({detail}). Open it in Excel and save it again as .xlsx.",
        detail=library_detail(exc, "ingest.refused.bad_spreadsheet_why"),
    )


def library_detail(exc: Exception, key: str):
    """A reader library's reason for a refusal: its own English words on an English page (the portal's ``key``
    when it has none: it said the exception's class, "BadZipFile"), the portal's ``key`` on a Chinese one (a
    Chinese page said "无法打开该工作簿(File is not a zip file)")."""
    from portal.i18n import Both, t

    return Both(str(exc).splitlines()[0] if str(exc).strip() else t(key, "en"), t(key, "zh"))


def _refuse_nul(text: str) -> None:
    """A NUL character anywhere (not only in the first 64 KB) means the file is not plain text."""
    at = text.find("\x00")
    if at >= 0:
        raise FileRefused(
            "ingest.refused.nul",
            "Line {line} holds a NUL character (binary data inside the text). Save the file again as "
            "'CSV UTF-8' and upload it.",
            line=text.count("\n", 0, at) + 1,
        )


def _check_csv_bounds(text: str, delimiter: str) -> None:
    """Columns of the header line and cells of the whole file, counted before the table is parsed."""
    check_csv_shape(text, text.count("\n") + 1, delimiter)


def max_header_chars() -> int:
    """Characters the header line may hold: ``max_columns`` quoted cells of ``max_cell_chars`` each."""
    return max_columns() * (max_cell_chars() + 3)


_BLANK_LINE = re.compile(r"[^\S\n]*\n")


@cache
def _header_patterns(delimiter: str) -> tuple[re.Pattern, re.Pattern]:
    """The header line (a quoted cell may hold a line break; a quote opens a cell only at its start, as the csv
    reader has it) and a quoted cell in it. Possessive: one pass, no backtracking, however long the line."""
    quoted = rf'(?<![^{re.escape(delimiter)}\n])"[^"]*+"(?:"[^"]*+")*+'
    return re.compile(rf'(?:{quoted}|[^"\n]++|")*+'), re.compile(quoted)


def header_width(text: str, delimiter: str) -> int:
    """Columns of the first non-blank line of ``text``, all of it (not only its first 64 KB: 20,000 header
    names of 190 characters read as 340 columns and the file was parsed whole before it was refused), counted
    without splitting it into cells. ``FileRefused`` for a header line over ``max_header_chars``."""
    start = 0
    while blank := _BLANK_LINE.match(text, start):
        start = blank.end()
    line_pattern, quoted = _header_patterns(delimiter)
    limit = max_header_chars()
    line = line_pattern.match(text, start, start + limit + 1).group()
    if len(line) > limit:
        raise FileRefused(
            "ingest.refused.header_too_long",
            "The header line of the file is longer than {limit} characters ({columns} columns of at most {chars} "
            "characters each). Check that it is the right export, delete the columns that are not part of the "
            "table and upload it again.",
            limit=limit,
            columns=max_columns(),
            chars=max_cell_chars(),
        )
    if not line.strip():
        return 0
    return (quoted.sub("", line) if '"' in line else line).count(delimiter) + 1


def check_csv_shape(head: str, lines: int, delimiter: str) -> None:
    """``_check_csv_bounds`` from the file's text from its start, header line whole, and its number of lines (a
    file read in chunks counts its lines without holding its text)."""
    width = header_width(head, delimiter)
    if width > max_columns():
        raise _too_wide(width)
    if lines * max(width, 1) > max_cells():
        raise _too_many_cells(lines, width)


def _check_cells(raw: RawTable) -> None:
    """No header or cell longer than ``max_cell_chars`` (row and column named); no more columns than allowed."""
    if len(raw.headers) > max_columns():
        raise _too_wide(len(raw.headers))
    limit = max_cell_chars()
    for header in raw.headers:
        if len(header) > limit:
            raise _long_cell(1, header[:40], len(header))
    for column in raw.frame.columns:
        lengths = raw.frame[column].str.len()
        if len(lengths) and lengths.max() > limit:
            row = int(lengths.idxmax())
            raise _long_cell(row, column, int(lengths.max()))


def _long_cell(row: int, column: str, n: int) -> FileRefused:
    return FileRefused(
        "ingest.refused.cell_too_long",
        "Row {row}, column {column}: the cell holds {n} characters; at most {limit} are accepted.",
        row=row,
        column=column,
        n=n,
        limit=max_cell_chars(),
    )


def _strip_invisible(raw: RawTable) -> None:
    """Direction overrides, zero-width characters and stray BOMs are removed from headers and cells, with a
    note of how many cells changed (an id must display as it is stored)."""
    headers = [INVISIBLE_CONTROLS.sub("", h) for h in raw.headers]
    changed = sum(a != b for a, b in zip(headers, raw.headers, strict=True))
    if changed:
        raw.headers = headers
        raw.frame.columns = headers
    for column in raw.frame.columns:
        series = raw.frame[column]
        suspect = pd.Series(False, index=series.index)
        wide = non_ascii(series)  # only a non-ASCII cell can hold one: the regex runs on those alone
        if wide.any():
            suspect[wide] = (
                series[wide].str.contains(INVISIBLE_CONTROLS, regex=True).fillna(False).to_numpy(bool)
            )
        if suspect.any():
            raw.frame.loc[suspect, column] = series[suspect].str.replace(INVISIBLE_CONTROLS, "", regex=True)
            changed += int(suspect.sum())
    if changed:
        raw.notes.append(("ingest.notice.invisible_removed", {"n": changed}))
