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
    library_detail,
    max_cell_chars,
    max_cells,
    max_columns,
    max_xml_bytes,
)
from portal.ingest.header import HEADER_SEARCH_ROWS, HeaderRows, note_rows_above, split_header
from portal.ingest.mojibake import MOJIBAKE_RE, repair_mojibake  # noqa: F401 - MOJIBAKE_RE re-exported
from portal.ingest.quotes import refuse_swallowed_rows
from portal.ingest.raw import Cell, FileRefused, RawTable, SheetCells  # noqa: F401 - re-exported
from portal.ingest.sheet_pick import SheetPick, sheet_tables, sheets_by_visibility
from portal.ingest.xls_bounds import check_xls_bounds
from portal.ingest.xlsx_formulas import cells_note

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls (and other Office binaries)
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
    data: bytes, file_name: str, limit_mb: int | None = None, sheet: str | None = None
) -> RawTable:
    """Read an uploaded CSV, XLSX or legacy XLS into a ``RawTable``; raise ``FileRefused`` with a clear reason. A
    workbook's used range is bounded before python-calamine opens it (``bounds``, ``xls_bounds``). ``sheet``: the
    workbook's sheet to read (a sheet with data; a CSV has none), else the one with the widest header."""
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
            data, sheet, hidden_by_sheet
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


# ---------------------------------------------------------------- decoding
# the openings of binary files people rename to .csv (beside the workbooks and archives refused by name above)
BINARY_MAGICS = (
    ZIP_MAGIC,
    OLE_MAGIC,
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF",
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"SQLite format 3\x00",
)


def _looks_binary(sample: bytes) -> bool:
    """Binary by a known opening or by the share of control bytes (NUL included): more than 1 % of the sample
    (at least 3). A text file with a stray NUL is text, refused naming the NUL's line (``_refuse_nul``); any NUL
    made a 300-row CSV 'not a text file' where a longer one, its NUL past the first 64 KB, had its line named."""
    if sample.startswith(BINARY_MAGICS):
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
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not gbk_read_as_utf8(data, text):
            return text, "utf-8"
        return data.decode("gb18030"), "gb18030"
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


# GBK bytes whose every character is a GB2312 one (lead byte A1-F7, trail byte A1-FE: the common hanzi and
# Chinese punctuation); such a pair can also be a valid two-byte UTF-8 character (郑爽, D6A3 CBAC, is UTF-8 for
# "\u05a3\u02ec"). Two-byte UTF-8 whose every trail byte is A1-BF passes the byte test.
_NOT_GB2312_TRAIL = re.compile(rb"[\x80-\xa0]")
_BEYOND_TWO_BYTES = re.compile("[^\x00-\u07ff]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_IMPLAUSIBLE = frozenset({"Lm", "Cc", "Cn", "Co"})  # modifier letters, C1 controls, unassigned, private use
_MARKS = frozenset({"Mn", "Mc", "Me"})


def gbk_read_as_utf8(data: bytes, text: str) -> bool:
    """Whether ``data``, valid UTF-8 (read as ``text``), is GBK after all: a short GBK file whose few Chinese
    characters happen to form valid UTF-8. Only a short file (the first ``SNIFF_BYTES``: a longer GBK file all
    but never passes as UTF-8), only when every byte pair is a GB2312 character and every character of the
    UTF-8 reading a two-byte one (U+0080-U+07FF, no CJK), and only when that reading is no text anyone writes:
    a modifier letter or control character, a combining mark that composes with nothing before it, or letters
    of two scripts in one run (Hebrew beside Greek). Accented European names (Hélène, O´Brien, «José», decomposed
    ones as macOS writes them), Cyrillic and Greek keep their UTF-8."""
    if len(data) > SNIFF_BYTES or text.isascii() or _BEYOND_TWO_BYTES.search(text):
        return False
    if _NOT_GB2312_TRAIL.search(data):  # a two-byte UTF-8 character with a trail byte below A1: not GB2312
        return False
    for found in _NON_ASCII_RUN.finditer(text):
        scripts = set()
        for at, ch in enumerate(found.group(), found.start()):
            kind = unicodedata.category(ch)
            if kind in _IMPLAUSIBLE or (kind == "Sk" and ch >= "\u02b0"):  # tone bars, not Latin-1's ´ ¨ ¸
                return True
            if kind in _MARKS:
                before = text[at - 1] if at else ""
                if not before or len(unicodedata.normalize("NFC", before + ch)) != 1:
                    return True  # a mark on nothing it composes with (郑: a Hebrew accent after a comma)
            elif kind.startswith("L"):
                scripts.add(unicodedata.name(ch, "?").split(" ")[0])
        if len(scripts) > 1:
            return True
    return False


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
        best = _korean_or_japanese(sample)
    if best == "cp949" and "gb18030" in chaos and not _reads_as_korean(sample):
        # a short GBK file (配送延迟 read as 토箇儺넨): charset-normalizer's chaos score cannot tell on a few
        # characters; Korean is taken only when the text holds mostly the commonest syllables, as real Korean does
        return "gb18030"
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


def _reads_as_korean(sample: bytes) -> bool:
    """Whether ``sample`` read as CP949 is Korean: no hanja (GBK bytes read as CP949 give many: 配送延迟 as
    토箇儺넨) and mostly the commonest syllables of Korean words and names (GBK bytes give rare ones: 收银错误
    as 쳔듦뻔쓱)."""
    text = sample.decode("cp949", errors="replace")
    if _HANJA.search(text):
        return False
    return _share(text, lambda ch: ch in _COMMON_HANGUL or ch in _NAME_HANGUL) >= KOREAN_SHARE


KOREAN_SHARE = 0.4  # the common syllables' share of the letters: real Korean 0.6-1.0, misread GBK 0-0.25
_HANJA = re.compile("[\u4e00-\u9fff\uf900-\ufaff]")
# the syllables of the commonest Korean surnames and given names (a column of names holds few of the others)
_NAME_HANGUL = set(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함"
    "변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용준영예린호재경혜희승태동미빈건훈철상규수아"
    "별솔찬혁율람슬담온결빛솜봄새늘찬웅범섭식환률필익택근욱열형혼"
)


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
    data: bytes, sheet: str | None = None, hidden_by_sheet: dict[str, list[int]] | None = None
) -> tuple[list[str], pd.DataFrame, HeaderRows, list[str], SheetPick, list[int], tuple | None]:
    from python_calamine import CalamineError, CalamineWorkbook

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
    visible, hidden_sheets = sheets_by_visibility(book)
    # a hidden sheet (a stale copy of last month's data, a drop-down list, a blank master) is not what the user
    # sees in Excel: read only when no visible sheet holds data
    candidates = sheet_tables(book, visible, midnights, percents) or sheet_tables(
        book, hidden_sheets, midnights, percents
    )
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
