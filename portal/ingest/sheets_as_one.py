"""Several sheets of a workbook read as one table: their rows in one ``RawTable``, so that the import commits them
all in one batch or none, each row keeping its sheet and row and each value its cell (``RawTable.cells``: every
error names the sheet, its row and column letter).

The 5S upload's flat workbook of one sheet per store uses it (``portal.fives_intake.flat_sheets``). Each sheet is
read as a one-sheet file is (``reading.read_upload`` with that sheet); their headers are the same columns, in any
order.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from portal.ingest import reading
from portal.ingest.sheets import col_letter

# a sheet's rows are numbered from sheet position x this in the combined table (a sheet holds fewer rows)
SHEET_ROW_OFFSET = 10_000_000


def same_columns(headers: list[str], others: list[str]) -> bool:
    """Two sheets' headers are the same columns, in any order."""
    return sorted(headers) == sorted(others)


def combine(
    data: bytes,
    raws: list[tuple[str, reading.RawTable]],
    field_of: Callable[[str], str | None] | None = None,
) -> reading.RawTable:
    """The sheets ``raws`` ((name, the sheet read alone), workbook order, the same columns) as one table, in the
    first one's column order. ``field_of``: the field a header names, when the reader's messages name the field
    rather than the column (5S: a flat header's field); its cells are found under the field too. Each sheet's own
    notices are kept, but not which sheet was read: all were."""
    names = [name for name, _ in raws]
    headers = raws[0][1].headers
    frames, rows, cells = [], {}, {}
    for k, (name, raw) in enumerate(raws):
        frame = raw.frame[headers].copy()
        sheet_rows = list(frame.index)
        frame.index = pd.Index([k * SHEET_ROW_OFFSET + int(r) for r in sheet_rows], dtype="int64")
        letters = {h: col_letter(raw.headers.index(h)) for h in headers}
        for new, row in zip(frame.index, sheet_rows, strict=True):
            rows[int(new)] = (name, int(row))
            for h, letter in letters.items():
                cell = reading.Cell(name, int(row), letter)
                cells[(int(new), h)] = cell
                if field_of is not None and (field := field_of(h)) is not None:
                    cells.setdefault((int(new), field), cell)
        frames.append(frame)
    table = reading.RawTable(
        file_name=raws[0][1].file_name,
        file_hash=reading.file_hash(data),
        size_bytes=len(data),
        headers=list(headers),
        frame=pd.concat(frames),
        sheet=", ".join(names),
        cells=reading.SheetCells(rows, cells),
    )
    for _, raw in raws:
        table.notes.extend(n for n in raw.notes if not n[0].startswith("ingest.notice.sheet_"))
    return table
