"""Formula cells of an XLSX sheet that hold no result: calamine reads them as blank.

Excel, WPS and LibreOffice store each formula's last result beside it (``<f>B3+1/24</f><v>46329.79</v>``), and
that result is what the portal reads. A workbook written by a program (openpyxl, a reporting tool) may store the
formula alone (``<f>…</f><v/>``, or no ``<v>``): the cell was read as blank without a word, a received time
refused as "a value is required" and a first response time taken as never given (probe of real-world files,
session 40). Such cells are found here, so the preview can name them. A formula whose result is an empty text
(``t="str"`` with an empty ``<v>``) has its result: it is not named. Any problem reading the sheet: none found.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import ParseError

from portal.ingest.sheets import col_letter
from portal.ingest.xlsx_stamps import _column_index, _sheet_paths

# a cell whose formula is followed by no value, or an empty one, before the cell ends
_NO_RESULT = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_TEXT_RESULT = re.compile(rb'\bt="(?:str|inlineStr)"')


def uncomputed(data: bytes, sheet: str) -> list[tuple[int, int]]:
    """(row, column) from 0, as in the sheet (A1 is (0, 0)), of ``sheet``'s formula cells without a result."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(_sheet_paths(archive)[sheet])
    except (KeyError, ParseError, ValueError, OSError, zipfile.BadZipFile):
        return []
    if b"<f" not in xml and b":f" not in xml:
        return []
    found = []
    for match in _NO_RESULT.finditer(xml):
        ref = _REF.search(match.group(1))
        if ref is not None and not _TEXT_RESULT.search(match.group(1)):
            found.append((int(ref.group(2)) - 1, _column_index(ref.group(1))))
    return found


def cells_note(data: bytes, sheet: str, rows) -> tuple[str, dict] | None:
    """The notice naming the formula cells without a result in the table's ``rows`` (the sheet's row numbers, as
    the frame's index holds them), or None."""
    from portal.i18n import listed

    wanted = set(rows)
    cells = [f"{col_letter(c)}{r + 1}" for r, c in uncomputed(data, sheet) if r + 1 in wanted]
    if not cells:
        return None
    shown = listed(cells[:10], more=len(cells) > 10)
    return ("ingest.notice.formulas_without_result", {"cells": shown, "n": len(cells), "sheet": sheet})
