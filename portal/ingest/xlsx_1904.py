"""Workbooks that count dates from 1904 (``<workbookPr date1904="1"/>``: the Mac Excel default before 2011, kept by
every workbook made from such a one). A cell formatted as a date is read right (the reader applies the setting); a
date kept as its serial number in a General-formatted cell is not: the stamp parser counts serial numbers from
1899-12-30, so a helper's probe's dates were read four years and a day early (1,462 days). The serial numbers of
such a workbook's date and stamp columns are moved onto the 1900 count before they are parsed, said in a notice.
"""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pyarrow.compute as pc

from portal.i18n import listed
from portal.ingest.cells import EXCEL_SERIAL, as_arrow

OFFSET_DAYS = 1462  # 1904-01-01 is serial 1462 of the 1900 count
_FLAG = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']")
NOTICE = "ingest.notice.date1904"


def uses_1904(data: bytes) -> bool:
    """Whether an .xlsx workbook counts its dates from 1904 (False for anything unreadable: the reader says so)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return bool(_FLAG.search(archive.read("xl/workbook.xml")[:20000]))
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return False


def shift_serials(text: pd.DataFrame, fields: dict[str, str]) -> tuple[str, dict] | None:
    """Move the serial numbers among ``text``'s cells of ``fields`` (field -> the file's column: the date and stamp
    fields mapped) onto the 1900 count, in place; the notice saying so, or None where there were none."""
    moved: dict[str, int] = {}
    for name, column in fields.items():
        if name not in text.columns:
            continue
        cells = text[name].astype("string").str.strip()
        serial = pc.fill_null(pc.match_substring_regex(as_arrow(cells), "^" + EXCEL_SERIAL + "$"), False)
        mask = pd.Series(serial.to_numpy(zero_copy_only=False).astype(bool), index=text.index)
        if not mask.any():
            continue
        days = pd.to_numeric(cells[mask], errors="coerce") + OFFSET_DAYS
        text.loc[mask, name] = days.map(lambda d: f"{d:.10f}".rstrip("0").rstrip("."))
        moved[column] = int(mask.sum())
    if not moved:
        return None
    return NOTICE, {"n": sum(moved.values()), "columns": listed(moved)}
