"""Formula cells of an XLSX sheet that hold no result: calamine reads them as blank.

Excel, WPS and LibreOffice store each formula's last result beside it (``<f>B3+1/24</f><v>46329.79</v>``), and
that result is what the portal reads. A workbook written by a program (openpyxl, a reporting tool) may store the
formula alone (``<f>…</f><v/>``, or no ``<v>``): the cell was read as blank without a word, a received time
refused as "a value is required" and a first response time taken as never given (probe of real-world files,
session 40). Such cells are found by the bounds scan, which walks the sheet XML anyway (``bounds._SheetScan``: a
second reading with a pattern cost 0.6 s of CPU per 100,000 x 15 cells with formulas), and named here in the
preview. A formula whose result is an empty text (``t="str"`` with an empty ``<v>``) has its result: it is not
named.
"""

from __future__ import annotations

from portal.ingest.sheets import col_letter


def cells_note(marks, sheet: str, rows) -> tuple[str, dict] | None:
    """The notice naming the formula cells without a result in the table's ``rows`` (the sheet's row numbers, as
    the frame's index holds them), or None. ``marks``: what the bounds scan found (``bounds.SheetMarks``; a
    legacy .xls's hidden rows carry no formulas)."""
    from portal.i18n import listed

    wanted = set(rows)
    found = getattr(marks, "uncomputed", {}).get(sheet, [])
    cells = [f"{col_letter(c)}{r + 1}" for r, c in found if r + 1 in wanted]
    if not cells:
        return None
    shown = listed(cells[:10], more=len(cells) > 10)
    return ("ingest.notice.formulas_without_result", {"cells": shown, "n": len(cells), "sheet": sheet})
