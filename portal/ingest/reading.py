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
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePath

import pandas as pd

from portal import config

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls (and other Office binaries)
DELIMITERS = (",", ";", "\t", "|")
SNIFF_BYTES = 65536

# Two characters that UTF-8 text shows when it was decoded as Windows-1252/Latin-1 and saved again as
# UTF-8 ("æŠ•è¯‰" for 投诉): a lead byte 0xC2-0xF4 followed by a continuation byte 0x80-0xBF, as cp1252.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
_NUMBER_LIKE = re.compile(r"^[\s\d.,+\-]+$")
_DATE_LIKE = re.compile(r"^\s*\d{1,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,4}")


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
    sheet: str | None = None
    delimiter: str | None = None
    repaired_cells: int = 0  # double-encoded UTF-8 cells repaired
    notes: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.frame)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_upload(data: bytes, file_name: str, limit_mb: int | None = None) -> RawTable:
    """Read an uploaded CSV or XLSX into a ``RawTable``; raise ``FileRefused`` with a clear reason."""
    limit_mb = config.upload_limit_mb() if limit_mb is None else limit_mb
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
        headers, frame, sheet = _read_spreadsheet(data)
        raw = RawTable(file_name, file_hash(data), len(data), headers, frame, sheet=sheet)
    else:
        if is_zip or data.startswith(OLE_MAGIC):
            raise FileRefused(
                "ingest.refused.binary_named_csv",
                "The file {name} is a binary file (an Excel workbook or an archive), not a text CSV. "
                "Upload the workbook as .xlsx, or save it as CSV.",
                name=file_name,
            )
        text, encoding = decode_text(data, file_name)
        delimiter = sniff_delimiter(text)
        headers, frame = _read_csv_text(text, delimiter)
        raw = RawTable(
            file_name, file_hash(data), len(data), headers, frame, encoding=encoding, delimiter=delimiter
        )
    _repair_mojibake(raw)
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
    return best


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the candidate seen most often outside quotes (comma on a tie)."""
    first = next((ln for ln in text[:SNIFF_BYTES].splitlines() if ln.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 0 else ","


def _read_csv_text(text: str, delimiter: str) -> tuple[list[str], pd.DataFrame]:
    try:
        table = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_MINIMAL,
            engine="c",
        )
    except pd.errors.EmptyDataError as exc:
        raise FileRefused("ingest.refused.empty", "The file is empty.") from exc
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found:
            raise FileRefused(
                "ingest.refused.ragged",
                "Line {line} has {seen} fields but the header has {expected}. Check the delimiter and the quotes "
                "on that line.",
                line=int(found.group(2)),
                seen=int(found.group(3)),
                expected=int(found.group(1)),
            ) from exc
        raise FileRefused(
            "ingest.refused.unreadable_csv",
            "The CSV cannot be read: {detail}",
            detail=str(exc).splitlines()[0],
        ) from exc
    return _split_header(table.fillna(""))


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


def _read_spreadsheet(data: bytes) -> tuple[list[str], pd.DataFrame, str]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise FileRefused(
            "ingest.refused.bad_spreadsheet",
            "The workbook cannot be opened ({detail}). Open it in Excel and save it again as .xlsx.",
            detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
        ) from exc
    for name in book.sheet_names:
        try:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=True)
        except Exception:  # noqa: S112 - a chart sheet or a damaged sheet: try the next one
            continue
        if not any(any(_cell_text(c).strip() for c in row) for row in rows):
            continue
        width = max(len(r) for r in rows)
        table = pd.DataFrame(
            [[_cell_text(c) for c in row] + [""] * (width - len(row)) for row in rows], dtype=object
        )
        headers, frame = _split_header(table)
        return headers, frame, name
    raise FileRefused(
        "ingest.refused.no_data_sheet",
        "The workbook has no sheet with data. Put the header in row 1 of the first sheet and the rows below it.",
    )


# ---------------------------------------------------------------- header
def _is_blank(frame: pd.DataFrame) -> pd.Series:
    return frame.apply(lambda col: col.str.strip() == "").all(axis=1)


def _split_header(table: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    """Take the first non-blank row as the header; refuse a file without a recognisable one."""
    table = table.astype(str)
    table.index = pd.RangeIndex(1, len(table) + 1)  # spreadsheet row numbers
    blank = _is_blank(table)
    if blank.all():
        raise FileRefused("ingest.refused.empty", "The file is empty.")
    header_row = int(blank.idxmin())
    header = [h.strip() for h in table.loc[header_row].tolist()]
    body = table.loc[header_row + 1 :]
    body = body[~blank.loc[header_row + 1 :]]
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
            columns=", ".join(doubled),
        )
    if body.empty:
        raise FileRefused("ingest.refused.no_rows", "The file has a header but no data rows.")
    body = body.copy()
    body.columns = header
    return header, body


# ---------------------------------------------------------------- double-encoded UTF-8
def _repair_mojibake(raw: RawTable) -> None:
    """Repair text that was UTF-8, read as Windows-1252 and saved again as UTF-8 (ftfy.fix_encoding)."""
    import ftfy

    headers = [ftfy.fix_encoding(h) if MOJIBAKE_RE.search(h) else h for h in raw.headers]
    if headers != raw.headers:
        raw.headers = headers
        raw.frame.columns = headers
    repaired = 0
    for col in raw.frame.columns:
        series = raw.frame[col]
        suspect = series.str.contains(MOJIBAKE_RE, regex=True)
        if not suspect.any():
            continue
        fixed = series[suspect].map(ftfy.fix_encoding)
        changed = fixed != series[suspect]
        repaired += int(changed.sum())
        raw.frame.loc[fixed.index, col] = fixed
    if repaired:
        raw.repaired_cells = repaired
        raw.notes.append(("ingest.notice.mojibake", {"n": repaired}))
