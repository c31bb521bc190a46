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
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import PurePath

import numpy as np
import pandas as pd

from portal import config
from portal.i18n import listed
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
    max_cell_chars,
    max_cells,
    max_columns,
    max_xml_bytes,
)
from portal.ingest.cells import plain_mask
from portal.ingest.mojibake import MOJIBAKE_RE, repair_mojibake  # noqa: F401 - MOJIBAKE_RE re-exported
from portal.ingest.raw import Cell, FileRefused, RawTable, SheetCells  # noqa: F401 - re-exported

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls (and other Office binaries)
DELIMITERS = (",", ";", "\t", "|")


_NUMBER_LIKE = re.compile(r"^[\s\d.,+\-]+$")
_DATE_LIKE = re.compile(r"^\s*\d{1,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,4}")


def safe_file_name(name: str) -> str:
    """The name a file is recorded and shown under: its last path part (a browser or a script may send
    "../../etc/passwd.csv" or "C:\\Users\\x.csv"), without control or invisible characters, at most 200."""
    last = re.split(r"[\\/]", name or "")[-1]
    clean = INVISIBLE_CONTROLS.sub("", "".join(ch for ch in last if ch.isprintable())).strip()
    return (clean or "upload")[:200]


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_upload(data: bytes, file_name: str, limit_mb: int | None = None) -> RawTable:
    """Read an uploaded CSV or XLSX into a ``RawTable``; raise ``FileRefused`` with a clear reason."""
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
        if is_zip:
            check_workbook_bounds(data)
        headers, frame, sheet, header_rows, sheets = _read_spreadsheet(data)
        raw = RawTable(file_name, file_hash(data), len(data), headers, frame, sheet=sheet)
        if sheets > 1:
            raw.notes.append(("ingest.notice.sheet_read", {"sheet": sheet}))
        _note_rows_above(raw, header_rows)
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
        _note_rows_above(raw, header_rows)
    _check_cells(raw)
    _strip_invisible(raw)
    repair_mojibake(raw)
    return raw


# ---------------------------------------------------------------- decoding
def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    return controls > max(2, len(sample) // 100)


def decode_text(data: bytes, file_name: str = "") -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK) or, when
    the bytes read far better so, CP949 / Shift-JIS / Big5, else the best guess of charset-normalizer; a binary
    file is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if _looks_binary(data[:SNIFF_BYTES]):
        raise FileRefused(
            "ingest.refused.binary",
            "The file {name} is not a text file (it holds binary data). Upload a CSV or an .xlsx workbook.",
            name=file_name,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM in front of GBK bytes (some tools add one)
    _refuse_mixed_encodings(data, file_name)
    legacy = east_asian_legacy_encoding(data)
    if legacy is not None:
        try:
            return data.decode(legacy), legacy
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * SNIFF_BYTES]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise FileRefused(
        "ingest.refused.encoding",
        "The characters of {name} cannot be read as UTF-8 or GBK. Save the file as 'CSV UTF-8' and upload it again.",
        name=file_name,
    )


def _refuse_mixed_encodings(data: bytes, file_name: str) -> None:
    """A file that is not UTF-8 as a whole but holds lines that are (rows pasted from a UTF-8 file into a GBK
    one): decoding it one way garbles the other rows (商品 stored as 鍟嗗搧), so it is refused, lines named."""
    utf8_lines, other = [], False
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line or max(line) < 0x80:
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other = True
            continue
        if sum(1 for b in line if b >= 0x80) >= 6:  # a short line can be valid UTF-8 by chance
            utf8_lines.append(number)
    if other and utf8_lines:
        shown = listed(utf8_lines[:5], more=len(utf8_lines) > 5)
        raise FileRefused(
            "ingest.refused.mixed_encoding",
            "The file {name} mixes two text encodings: line(s) {lines} are UTF-8, the other lines are not "
            "(GBK or another legacy encoding). Save the whole file again as 'CSV UTF-8' and upload it.",
            name=file_name,
            lines=shown,
        )


# Legacy code pages that decode each other's bytes without an error (GB18030 reads CP949 Korean or Shift-JIS as
# strange Chinese): charset-normalizer picks the one whose text looks least chaotic, GB18030 on a tie.
LEGACY_EAST_ASIAN = ("gb18030", "cp949", "cp932", "big5")


def east_asian_legacy_encoding(data: bytes) -> str | None:
    """GB18030, CP949 (Korean), CP932 (Shift-JIS) or Big5 for non-UTF-8 bytes; None when none fits."""
    from charset_normalizer import from_bytes

    sample = data if len(data) <= 8 * SNIFF_BYTES else data[: 8 * SNIFF_BYTES].rsplit(b"\n", 1)[0]
    chaos = {r.encoding: r.chaos for r in from_bytes(sample, cp_isolation=list(LEGACY_EAST_ASIAN))}
    if not chaos:
        return None
    best = min(chaos, key=chaos.get)
    if "gb18030" in chaos and chaos["gb18030"] <= chaos[best] + 0.02:
        return "gb18030"
    if best in ("cp949", "cp932") and {"cp949", "cp932"} <= chaos.keys():
        return _korean_or_japanese(sample)
    return best


# Shift-JIS bytes decode as CP949 without an error (and the other way round), both "orderly". The language
# decides: Japanese text is full of kana; Korean text mostly of the commonest syllables (below, about 120 of
# them cover well over half of running Korean text), while the wrong decoding gives rare ones.
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa\u30fc]")
_COMMON_HANGUL = set(
    "이다는의에가을를고하서지기로사한도니요어시자그나게수리인적대해없있보아주내정일것말제상들만과우전무부화비면데"
    "라원음성장구동여중위발문분경관국안세실업개공신부방합오연결저소마생계요물직원품질객서비스매점배송가격교환반품"
    "환불불만족응답처리담당직원문의접수완료확인해결감사죄송드립니다습니까했고하여되어있는없는입니다"
)


def _share(text: str, hit) -> float:
    letters = [ch for ch in text if ord(ch) > 0x2E7F]
    return sum(1 for ch in letters if hit(ch)) / len(letters) if letters else 0.0


def _korean_or_japanese(sample: bytes) -> str:
    as_japanese = sample.decode("cp932", errors="replace")
    as_korean = sample.decode("cp949", errors="replace")
    kana = _share(as_japanese, lambda ch: bool(_KANA.match(ch)))
    hangul = _share(as_korean, lambda ch: ch in _COMMON_HANGUL)
    return "cp932" if kana > hangul else "cp949"


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
    table = parse_plain_csv(text, delimiter)  # column-wide, for a plain file; else pandas below
    if table is not None:
        return _split_header(table, ragged_is_error=True)
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
                detail=str(exc).splitlines()[0],
            ) from exc
    return _split_header(table.fillna(""), ragged_is_error=True)


# ---------------------------------------------------------------- spreadsheets
def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _read_spreadsheet(data: bytes) -> tuple[list[str], pd.DataFrame, str, HeaderRows, int]:
    from python_calamine import CalamineError, CalamineWorkbook

    from portal.ingest.xlsx_stamps import MidnightStamps

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise FileRefused(
            "ingest.refused.bad_spreadsheet",
            "The workbook cannot be opened ({detail}). Open it in Excel and save it again as .xlsx.",
            detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
        ) from exc
    candidates = []  # (header width, sheet order, name, table) of each sheet with data
    midnights = MidnightStamps(data)  # the cells formatted as a date and time, read when needed
    for order, name in enumerate(book.sheet_names):
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=True)
        except Exception:  # noqa: S112 - a chart sheet or a damaged sheet: try the next one
            continue
        midnights.restore(rows, name, sheet.start)
        if not any(any(_cell_text(c).strip() for c in row) for row in rows):
            continue
        width = max(len(r) for r in rows)
        table = pd.DataFrame(
            [[_cell_text(c) for c in row] + [""] * (width - len(row)) for row in rows], dtype=object
        )
        candidates.append((_header_width(table), -order, name, table))
    if not candidates:
        raise FileRefused(
            "ingest.refused.no_data_sheet",
            "The workbook has no sheet with data. Put the header in row 1 of the first sheet and the rows below it.",
        )
    # the data sheet is the one with the widest header (a notes sheet before it has one or two columns)
    _, _, name, table = max(candidates, key=lambda c: (c[0], c[1]))
    headers, frame, header_rows = _split_header(table)
    return headers, frame, name, header_rows, len(candidates)


# ---------------------------------------------------------------- header
def _is_blank(frame: pd.DataFrame) -> pd.Series:
    """Rows whose every cell is blank once stripped. A row with a non-empty plain cell (printable ASCII, no outer
    space: ``cells.plain_mask``) is not blank, which one column usually settles for every row; only the rows
    left are stripped cell by cell."""
    maybe = np.ones(len(frame), dtype=bool)
    for name in frame.columns:
        if not maybe.any():
            break
        col = frame[name]
        maybe &= ~(plain_mask(col) & (col != "").to_numpy(dtype=bool, na_value=True))
    blank = pd.Series(False, index=frame.index)
    if maybe.any():
        rest = frame[maybe]
        blank[maybe] = rest.apply(lambda col: col.str.strip() == "").all(axis=1).to_numpy(dtype=bool)
    return blank


HEADER_SEARCH_ROWS = 20


def _filled(table: pd.DataFrame) -> pd.Series:
    """Non-blank cells per row of the first rows."""
    head = table.iloc[:HEADER_SEARCH_ROWS].astype(str)
    return head.apply(lambda col: col.str.strip() != "").sum(axis=1)


def _header_row_position(table: pd.DataFrame) -> int | None:
    """The header is the first row filled at least 60 % as wide as the usual row (the commonest width of the
    first rows, the wider on a tie): report titles, export dates and blank rows above it are narrower, and one
    over-wide broken line does not move the header."""
    filled = _filled(table)
    widths = filled[filled > 0]
    if widths.empty:
        return None
    counts = widths.value_counts()
    usual = int(max(counts[counts == counts.max()].index))
    wide = filled >= max(1, 0.6 * usual)  # a header names most columns; a title or an export line few
    return int(wide.to_numpy().argmax())


def _header_width(table: pd.DataFrame) -> int:
    position = _header_row_position(table)
    return 0 if position is None else int(_filled(table).iloc[position])


@dataclass(frozen=True)
class HeaderRows:
    """Where the header is: its first row (rows above it were passed over) and the rows under it that belong to
    it (a survey tool's question texts, sub-headings or ImportId row), as the spreadsheet numbers them."""

    first: int
    extra: tuple[int, ...] = ()


def _note_rows_above(raw: RawTable, header: HeaderRows) -> None:
    """Say which rows above the header were passed over (a report title, an export date) and which rows under
    it were read as part of it."""
    if header.first > 1:
        raw.notes.append(("ingest.notice.rows_above_header", {"header_row": header.first}))
    if header.extra:
        raw.notes.append(
            ("ingest.notice.header_rows", {"rows": listed(header.extra), "n": len(header.extra)})
        )


# Rows under the header that belong to it, as survey tools export: Qualtrics writes its column ids (StartDate,
# Q1, Q2_1), then the question texts, then a row of JSON ({"ImportId":"QID1"}); SurveyMonkey writes the question
# texts, then sub-headings ("Response", "Open-Ended Response", a matrix's row labels, a checkbox's options).
EXTRA_HEADER_ROWS = 3  # at most this many rows under the header are looked at
_IMPORT_ID = re.compile(r'^\{\s*"ImportId"\s*:')
SUBHEADINGS = frozenset(
    {"response", "responses", "open-ended response", "open ended response", "other (please specify)"}
    | {"回答", "回复", "开放式回答", "开放式回复", "其他(请注明)", "其他(请说明)"}
)
_TYPE_SAMPLE = 200  # rows under the candidate rows whose cells tell a column's type
_VALUE_LIKE = re.compile(r"^[+-]?[\d.,]+%?$")


def _cell_key(text: str) -> str:
    """A cell as header cells are compared: NFKC, case, spaces and punctuation ignored ("Response ID" is
    "ResponseId")."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def _is_subheading_word(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip().casefold() in SUBHEADINGS


def _value_like(text: str) -> bool:
    """A number or a date (what a typed column holds), as opposed to words."""
    return bool(_VALUE_LIKE.match(text) or _DATE_LIKE.match(text))


def _import_id_row(cells: list[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and 2 * sum(bool(_IMPORT_ID.match(c)) for c in filled) > len(filled)


def _describes_header(header: list[str], cells: list[str], below: pd.DataFrame) -> bool:
    """Whether ``cells`` (the row under ``header``) names or describes the columns rather than holding values:
    some of its cells repeat their column's header (Qualtrics' "Response ID" under "ResponseId") or are a
    survey tool's sub-heading ("Response"), none is a number or date where the rows ``below`` hold numbers or
    dates, and at least two cells tell so (those, words over a column of numbers or dates, and blanks over a
    column filled in every row below)."""
    describing = words_over_values = holes = 0
    for j, cell in enumerate(cells):
        cell = cell.strip()
        column = below.iloc[:, j].str.strip() if j < below.shape[1] else pd.Series(dtype=object)
        filled = column[column != ""]
        typed = len(filled) > 0 and filled.map(_value_like).mean() >= 0.8
        if not cell:
            holes += int(len(column) > 0 and len(filled) == len(column))
            continue
        if typed and _value_like(cell):
            return False  # a value where the column holds values: a data row
        if _is_subheading_word(cell) or (header[j] and _cell_key(cell) == _cell_key(header[j])):
            describing += 1
        elif typed:
            words_over_values += 1
    return describing >= 1 and describing + words_over_values + holes >= 2


def _subheadings_under(question: list[str], cells: list[str]) -> bool:
    """Whether ``cells``, taken for the header, is a SurveyMonkey sub-heading row under its question row (which a
    matrix made narrower than the data): it holds a sub-heading ("Response"), no number or date, and is blank
    under at least two of the question row's cells (the respondent's columns: id, collector, dates). A report
    title above a header is no question row: it stands over one or two cells, and a header is seldom blank."""
    if any(_value_like(c) for c in cells) or not any(_is_subheading_word(c) for c in cells):
        return False
    return sum(1 for q, c in zip(question, cells, strict=True) if q and not c) >= 2


def _merged_header(header: list[str], subheadings: list[str]) -> list[str]:
    """The header with a SurveyMonkey sub-heading row taken in where it names a column of its own: a matrix's
    (or a checkbox question's) text stands over its first column only, the row labels (options) in the row
    under it, so each of its columns is named "question - label"; a column of its own keeps its header."""
    out, question = [], ""
    for j, (head, sub) in enumerate(zip(header, subheadings, strict=True)):
        label = sub if sub and not _is_subheading_word(sub) and _cell_key(sub) != _cell_key(head) else ""
        if head:
            question = head
            grouped = j + 1 < len(header) and not header[j + 1]  # a question over the next columns too
            out.append(f"{head} - {label}" if label and grouped else head)
        else:
            out.append(f"{question} - {label}" if question and label else label)
    return out


def _header_rows(table: pd.DataFrame, header_row: int, blank: pd.Series) -> tuple[int, list[int], list[str]]:
    """The header's rows: the row found (``_header_row_position``), or the one above it when the row found is a
    sub-heading row (a SurveyMonkey matrix makes the question row narrower than the data), and the rows under it
    that belong to it (``_import_id_row``, ``_describes_header``). Returns the first header row, the rows under
    it and the header cells (a sub-heading row's labels taken in: ``_merged_header``)."""
    header = [h.strip() for h in table.loc[header_row].tolist()]
    above = header_row - 1
    if above >= 1 and not blank.loc[above]:
        question = [h.strip() for h in table.loc[above].tolist()]
        if _subheadings_under(question, header):
            return above, [header_row], _merged_header(question, header)
    rows = [r for r in table.index[header_row:] if not blank.loc[r]][:EXTRA_HEADER_ROWS]
    cells = {r: table.loc[r].tolist() for r in rows}
    import_ids = [i for i, r in enumerate(rows) if _import_id_row(cells[r])]
    extra = rows[: import_ids[-1] + 1] if import_ids else []  # Qualtrics: every row down to its ImportId row
    if not extra and rows:
        below = table.loc[rows[0] + 1 :][~blank.loc[rows[0] + 1 :]].iloc[:_TYPE_SAMPLE]
        if _describes_header(header, cells[rows[0]], below):
            extra = [rows[0]]
            header = _merged_header(header, [c.strip() for c in cells[rows[0]]])
    return header_row, extra, header


def _split_header(
    table: pd.DataFrame, ragged_is_error: bool = False
) -> tuple[list[str], pd.DataFrame, HeaderRows]:
    """Find the header row (see ``_header_row_position``) and the rows under it that belong to it
    (``_header_rows``); refuse a file without a recognisable header. Returns the header, the data rows (index =
    spreadsheet row number) and where the header is."""
    table = table.astype(str)
    table.index = pd.RangeIndex(1, len(table) + 1)  # spreadsheet row numbers
    blank = _is_blank(table)
    if blank.all():
        raise FileRefused("ingest.refused.empty", "The file is empty.")
    header_row, extra, header = _header_rows(table, int(table.index[_header_row_position(table)]), blank)
    last = max([header_row, *extra])
    body = table.loc[last + 1 :]
    body = body[~blank.loc[last + 1 :]]
    if ragged_is_error:
        # a CSV row with cells beyond the header's last named column: a delimiter or quoting problem
        named = max((i for i, h in enumerate(header) if h), default=-1) + 1
        beyond = body.iloc[:, named:].apply(lambda col: col.str.strip() != "").any(axis=1)
        if named < body.shape[1] and beyond.any():
            line = int(beyond.idxmax())
            seen = int((body.loc[line] != "").to_numpy().nonzero()[0].max()) + 1
            raise FileRefused(
                "ingest.refused.ragged",
                "Line {line} has {seen} fields but the header has {expected}. Check the delimiter and the quotes "
                "on that line.",
                line=line,
                seen=seen,
                expected=named,
            )
    # a trailing delimiter gives a nameless column with nothing in it: drop it quietly
    keep = [i for i, h in enumerate(header) if h or (body.iloc[:, i].str.strip() != "").any()]
    header = [header[i] for i in keep]
    body = body.iloc[:, keep]
    labels = [h for h in header if h]
    # a header names columns: a date in it, or mostly numbers, means the first row is already data
    if (
        not labels
        or any(_DATE_LIKE.match(h) for h in labels)
        or sum(bool(_NUMBER_LIKE.match(h)) for h in labels) * 2 > len(labels)
    ):
        raise FileRefused(
            "ingest.refused.no_header",
            "Row {row} does not look like a header (its cells are blank, numbers or dates). The first row must "
            "name the columns; download the template to see them.",
            row=header_row,
        )
    header = [h or f"column {i + 1}" for i, h in enumerate(header)]
    seen: dict[str, int] = {}
    for h in header:
        seen[h.casefold()] = seen.get(h.casefold(), 0) + 1
    doubled = sorted(h for h in {x for x in header} if seen[h.casefold()] > 1)
    if doubled:
        raise FileRefused(
            "ingest.refused.duplicate_headers",
            "The header names {columns} more than once. Rename the repeated columns so that each name is unique.",
            columns=listed(doubled),
        )
    if body.empty:
        raise FileRefused("ingest.refused.no_rows", "The file has a header but no data rows.")
    body = body.copy()
    body.columns = header
    return header, body, HeaderRows(header_row, tuple(extra))
