"""A flat 5S workbook holding one sheet per store (each sheet the flat layout: store, date, inspector, item, score)
read as one table: every such sheet's rows, so that the import commits them all in one batch or none.

Each sheet is read as a flat file is (``reading.read_upload`` with that sheet); their headers must be the same
columns (in any order), else the file is refused naming the first sheet that differs. The rows keep where they
were (``RawTable.cells``: each error names its sheet, row and column letter); the sheets not read (a summary, notes)
are named in the notice of the sheets read.
"""

from __future__ import annotations

import pandas as pd

from portal.fives_intake import words
from portal.fives_intake.fields import FIELDS
from portal.i18n import listed
from portal.ingest import reading
from portal.ingest.sheets import col_letter

# a sheet's rows are numbered from sheet position x this in the combined table (a flat sheet holds fewer rows)
SHEET_ROW_OFFSET = 10_000_000


def read_flat_sheets(
    data: bytes, file_name: str, limit_mb: int | None, names: list[str], others: list[str]
) -> reading.RawTable:
    """The flat sheets ``names`` (workbook order) as one ``RawTable``; ``others``: the sheets with data not read."""
    raws = [reading.read_upload(data, file_name, limit_mb, sheet=name) for name in names]
    headers = raws[0].headers
    for name, raw in zip(names[1:], raws[1:], strict=True):
        if sorted(raw.headers) != sorted(headers):
            raise reading.FileRefused(
                "fives_intake.refused.flat_sheets_differ",
                "The sheets {first} and {sheet} hold inspections in columns that differ ({first}: {first_headers}; "
                "{sheet}: {headers}). Give every store's sheet the same columns and upload the workbook again.",
                first=names[0],
                sheet=name,
                first_headers=listed(headers),
                headers=listed(raw.headers),
            )
    field_of = {words.norm(h): f.name for f in FIELDS for h in f.headers}
    frames, rows, cells = [], {}, {}
    for k, (name, raw) in enumerate(zip(names, raws, strict=True)):
        frame = raw.frame[headers].copy()
        sheet_rows = list(frame.index)
        frame.index = pd.Index([k * SHEET_ROW_OFFSET + int(r) for r in sheet_rows], dtype="int64")
        letters = {h: col_letter(raw.headers.index(h)) for h in headers}
        for new, row in zip(frame.index, sheet_rows, strict=True):
            rows[int(new)] = (name, int(row))
            for h, letter in letters.items():
                cell = reading.Cell(name, int(row), letter)
                cells[(int(new), h)] = cell
                if (field := field_of.get(words.norm(h))) is not None:
                    cells.setdefault((int(new), field), cell)
        frames.append(frame)
    table = reading.RawTable(
        file_name=raws[0].file_name,
        file_hash=reading.file_hash(data),
        size_bytes=len(data),
        headers=list(headers),
        frame=pd.concat(frames),
        sheet=", ".join(names),
        cells=reading.SheetCells(rows, cells),
    )
    for raw in raws:  # each sheet's own notices, but not which sheet was read: all were
        table.notes.extend(n for n in raw.notes if not n[0].startswith("ingest.notice.sheet_"))
    values = {"n": len(names), "sheets": listed(names), "others": listed(others) if others else "-"}
    table.notes.append(("fives_intake.notice.flat_sheets_read", values))
    return table
