"""Reading an uploaded file into a table of text cells: decoding, CSV and XLSX, refusals.

Every cell comes out as a ``str`` ("" for a blank); typing is the validation step's job. Row numbers are
those a spreadsheet shows: the header is row 1, the first data row row 2 (a quoted field with line
breaks is still one row), so an error message points at the row the user sees when opening the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import PurePath

import numpy as np
import pandas as pd

from portal import config
from portal.i18n import listed
from portal.ingest import xlsx_1904
from portal.ingest.arrow_csv import parse_plain_csv
from portal.ingest.bounds import (  # noqa: F401 - re-exported: the reading step's bounds
    INVISIBLE_CONTROLS,
    SNIFF_BYTES,
    _bad_workbook,
    _check_cells,
    _check_csv_bounds,
    _column_number,
    _limit,
    _long_cell,
    _refuse_nul,
    _strip_invisible,
    _too_many_cells,
    _too_wide,
    check_workbook_bounds,
    library_detail,
    max_cell_chars,
    max_cells,
    max_columns,
    max_xml_bytes,
)
from portal.ingest.decoding import (  # noqa: F401 - re-exported: the decoding of a CSV's bytes
    BINARY_MAGICS,
    LEGACY_EAST_ASIAN,
    OLE_MAGIC,
    ZIP_MAGIC,
    _looks_binary,
    decode_text,
    east_asian_legacy_encoding,
    gbk_read_as_utf8,
)
from portal.ingest.header import HEADER_SEARCH_ROWS, HeaderRows, note_rows_above, split_header
from portal.ingest.mojibake import MOJIBAKE_RE, repair_mojibake  # noqa: F401 - MOJIBAKE_RE re-exported
from portal.ingest.quotes import refuse_swallowed_rows
from portal.ingest.raw import Cell, FileRefused, RawTable, SheetCells  # noqa: F401 - re-exported
from portal.ingest.sheet_pick import SheetPick, sheet_tables, sheets_by_visibility
from portal.ingest.xls_bounds import check_xls_bounds
from portal.ingest.xlsx_formulas import cells_note

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")
DELIMITERS = (",", ";", "\t", "|")


def safe_file_name(name: str) -> str:
    """The name a file is recorded and shown under: its last path part (a browser or a script may send
    "../../etc/passwd.csv" or "C:\\Users\\x.csv"), without control or invisible characters, at most 200."""
    last = re.split(r"[\\/]", name or "")[-1]
    clean = INVISIBLE_CONTROLS.sub("", "".join(ch for ch in last if ch.isprintable())).strip()
    return (clean or "upload")[:200]


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_upload(
    data: bytes,
    file_name: str,
    limit_mb: int | None = None,
    sheet: str | None = None,
    zero_padded: bool = False,
) -> RawTable:
    """Read an uploaded CSV, XLSX or legacy XLS into a ``RawTable``; raise ``FileRefused`` with a clear reason. A
    workbook's used range is bounded before python-calamine opens it (``bounds``, ``xls_bounds``). ``sheet``: the
    workbook's sheet to read (a sheet with data; a CSV has none), else the one with the widest header.
    ``zero_padded``: an XLSX number formatted with leading zeros reads as shown (``xlsx_padded``)."""
    limit_mb = config.upload_limit_mb() if limit_mb is None else limit_mb
    file_name = safe_file_name(file_name)
    if len(data) > limit_mb * 1024 * 1024:
        raise FileRefused(
            "ingest.refused.too_large",
            "The file is {size_mb:.1f} MB, over the upload limit of {limit_mb} MB. Split it into smaller files.",
            size_mb=len(data) / 1024 / 1024,
            limit_mb=limit_mb,
        )
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileRefused("ingest.refused.empty", "The file is empty.")
    suffix = PurePath(file_name).suffix.lower()
    is_zip = data.startswith(ZIP_MAGIC)
    if suffix in SPREADSHEET_SUFFIXES:
        if not (is_zip or data.startswith(OLE_MAGIC)):
            raise FileRefused(
                "ingest.refused.not_spreadsheet",
                "The file is named {name} but is not an Excel workbook. Save it again as .xlsx or .csv.",
                name=file_name,
            )
        hidden_by_sheet = check_workbook_bounds(data) if is_zip else check_xls_bounds(data)
        headers, frame, header_rows, merged, picked, hidden, formulas = _read_spreadsheet(
            data, sheet, hidden_by_sheet, zero_padded
        )
        raw = RawTable(
            file_name,
            file_hash(data),
            len(data),
            headers,
            frame,
            sheet=picked.sheet,
            sheets=picked.tables,
            chosen_sheet=picked.chosen,
            date1904=is_zip and xlsx_1904.uses_1904(data),
        )
        raw.notes.extend(picked.notes())
        if merged:
            raw.notes.append(("ingest.notice.merged_down", {"ranges": listed(merged), "n": len(merged)}))
        if hidden:
            shown = listed(hidden[:10], more=len(hidden) > 10)
            raw.notes.append(("ingest.notice.hidden_rows", {"rows": shown, "n": len(hidden)}))
        if formulas:  # a formula stored without its result (a file a program wrote): read blank
            raw.notes.append(formulas)
        note_rows_above(raw, header_rows)
    else:
        if is_zip or data.startswith(OLE_MAGIC):
            raise FileRefused(
                "ingest.refused.binary_named_csv",
                "The file {name} is a binary file (an Excel workbook or an archive), not a text CSV. "
                "Upload the workbook as .xlsx, or save it as CSV.",
                name=file_name,
            )
        text, encoding = decode_text(data, file_name)
        _refuse_nul(text)
        text, hinted = _strip_sep_hint(text)
        delimiter = hinted or sniff_delimiter(text)
        _check_csv_bounds(text, delimiter)
        headers, frame, header_rows = _read_csv_text(text, delimiter)
        raw = RawTable(
            file_name, file_hash(data), len(data), headers, frame, encoding=encoding, delimiter=delimiter
        )
        note_rows_above(raw, header_rows)
    _check_cells(raw)
    _strip_invisible(raw)
    repair_mojibake(raw)
    return raw


def _strip_sep_hint(text: str) -> tuple[str, str | None]:
    """Excel's ``sep=;`` first line names the delimiter; it is not part of the table."""
    first, _, rest = text.partition("\n")
    found = re.fullmatch(r"\s*sep=(.)\s*", first)
    return (rest, found.group(1)) if found else (text, None)


def sniff_delimiter(text: str) -> str:
    """The delimiter: chosen from the header line and confirmed by the rows below it. For each candidate the
    header is the first of the first lines that is at least 60 % as wide as the widest (a report title above
    it is narrower); the candidate whose header the most following rows match in width wins, then the one
    whose header comes first, then the wider, comma on a tie. Cells are split as a CSV reader does (quotes
    respected), so ";" or tabs inside text cells of a comma file do not decide."""
    sample = text[:SNIFF_BYTES]
    if len(text) > SNIFF_BYTES:
        sample = sample.rsplit("\n", 1)[0]  # no half row at the end
    best_key, best = None, ","
    for delimiter in DELIMITERS:
        try:
            rows = [
                r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(c.strip() for c in r)
            ]
        except csv.Error:
            continue
        rows = rows[: HEADER_SEARCH_ROWS + 50]
        head = rows[:HEADER_SEARCH_ROWS]
        if not head:
            continue
        widest = max(len(r) for r in head)
        if widest < 2:
            continue
        position = next(i for i, r in enumerate(head) if len(r) >= 0.6 * widest)
        width = len(rows[position])
        following = rows[position + 1 :]
        agree = sum(1 for r in following if len(r) == width) / len(following) if following else 1.0
        key = (round(agree, 2), -position, width, delimiter == ",")
        if best_key is None or key > best_key:
            best_key, best = key, delimiter
    return best


# How pandas parses a CSV's cells: every cell text as it is, blank lines kept (row numbers count them). The
# whole-file reader and the chunked one (portal.ingest.chunked_csv) share it, so they read alike.
CSV_OPTIONS = {
    "header": None,
    "dtype": str,
    "keep_default_na": False,
    "na_filter": False,
    "skip_blank_lines": False,
    "quoting": csv.QUOTE_MINIMAL,
    "engine": "c",
}


def _parse_csv(text: str, delimiter: str, width: int | None = None) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), sep=delimiter, names=range(width) if width else None, **CSV_OPTIONS)


def _read_csv_text(text: str, delimiter: str) -> tuple[list[str], pd.DataFrame, HeaderRows]:
    # empty lines above the header (an export that starts with a blank line or two) are rows of the sheet Excel
    # shows: passed over here (pandas took the file for one without columns: "The file is empty."), and counted
    # in the rows' numbers, so that a message names the row Excel shows
    body = text.lstrip("\r\n")
    first_row = 1 + len(text[: len(text) - len(body)].replace("\r\n", "\n").replace("\r", "\n"))
    text = body
    table = parse_plain_csv(text, delimiter)  # column-wide, for a plain file; else pandas below
    if table is not None:
        return split_header(table, ragged_is_error=True, first_row=first_row)
    try:
        table = _parse_csv(text, delimiter)
    except pd.errors.EmptyDataError as exc:
        raise FileRefused("ingest.refused.empty", "The file is empty.") from exc
    except pd.errors.ParserError as exc:
        # rows of different widths: a report title above the header, or a delimiter problem. Read every
        # row as wide as the widest; the header decides which cells beyond it are a problem.
        try:
            width = max(len(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter))
            table = _parse_csv(text, delimiter, width)
        except (pd.errors.ParserError, csv.Error, ValueError):
            raise FileRefused(
                "ingest.refused.unreadable_csv",
                "The CSV cannot be read: {detail}",
                detail=library_detail(exc, "ingest.refused.unreadable_csv_why"),
            ) from exc
    headers, frame, header_rows = split_header(table.fillna(""), ragged_is_error=True, first_row=first_row)
    refuse_swallowed_rows(headers, frame, delimiter)  # a quoted cell: one left open takes the rows after it
    return headers, frame, header_rows


# ---------------------------------------------------------------- spreadsheets
def _read_spreadsheet(
    data: bytes,
    sheet: str | None = None,
    hidden_by_sheet: dict[str, list[int]] | None = None,
    zero_padded: bool = False,
) -> tuple[list[str], pd.DataFrame, HeaderRows, list[str], SheetPick, list[int], tuple | None]:
    from python_calamine import CalamineError, CalamineWorkbook

    from portal.ingest.xlsx_padded import PaddedNumbers
    from portal.ingest.xlsx_stamps import MidnightStamps, PercentNumbers

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise FileRefused(
            "ingest.refused.bad_spreadsheet",
            "The workbook cannot be opened ({detail}). Open it in Excel and save it again as .xlsx.",
            detail=library_detail(exc, "ingest.refused.bad_spreadsheet_why"),
        ) from exc
    midnights = MidnightStamps(data)  # the cells formatted as a date and time, read when needed
    percents = PercentNumbers(data)  # and those formatted as a percentage
    padded = PaddedNumbers(data) if zero_padded else None  # and with leading zeros (0101), if asked
    visible, hidden_sheets = sheets_by_visibility(book)
    # a hidden sheet (a stale copy of last month's data, a drop-down list, a blank master) is not what the user
    # sees in Excel: read only when no visible sheet holds data
    candidates = sheet_tables(book, visible, midnights, percents, padded) or sheet_tables(
        book, hidden_sheets, midnights, percents, padded
    )
    if sheet in hidden_sheets and sheet not in {c[2] for c in candidates}:
        # a hidden sheet the user names (--sheet Raw: a pivot's data behind it) is read (it was "no such sheet")
        candidates = [*candidates, *sheet_tables(book, [sheet], midnights, percents, padded)]
    if not candidates:
        raise FileRefused(
            "ingest.refused.no_data_sheet",
            "The workbook has no sheet with data. Put the header in row 1 of the first sheet and the rows below it.",
        )
    picked = SheetPick.of(candidates, sheet)
    table = next(c[3] for c in candidates if c[2] == picked.sheet)
    merged = table.attrs.get("merged_down", [])
    # the table's first row is the sheet's row top + 1 (blank rows above it are not read): its rows are numbered
    # as the sheet numbers them, the row Excel shows (they counted from the first row used)
    top = (table.attrs.get("start") or (0, 0))[0]
    headers, frame, header_rows = split_header(table, first_row=top + 1)
    last_header_row = max((header_rows.first, *header_rows.extra))
    merged = [label for row, label in merged if row > last_header_row]  # a merged header cell is no data
    # rows hidden in Excel (a filter, hidden rows) are not what the user sees: read, and named in a notice
    sheet_rows = (hidden_by_sheet or {}).get(picked.sheet, [])  # the bounds scan's (check_workbook_bounds)
    hidden_in_table = [n for n in sheet_rows if n in frame.index]
    formulas = cells_note(hidden_by_sheet, picked.sheet, frame.index)  # found by the same scan
    return headers, frame, header_rows, merged, picked, _rows_with_text(frame, hidden_in_table), formulas


def _rows_with_text(frame: pd.DataFrame, rows: list[int]) -> list[int]:
    """Those of ``rows`` (labels of ``frame``) with a cell that is not blank, column by column: a row at a time
    (``frame.loc[n]``) took 264 s for a sheet with 99,990 rows hidden by a filter."""
    if not rows:
        return []
    picked = frame.loc[rows]
    has_text = np.zeros(len(rows), dtype=bool)
    for j in range(picked.shape[1]):
        has_text |= picked.iloc[:, j].astype(str).str.strip().ne("").to_numpy(dtype=bool)
    return [n for n, keep in zip(rows, has_text, strict=True) if keep]
