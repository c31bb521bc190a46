"""Several sheets of a workbook read as one table: their rows in one ``RawTable``, so that the import commits them
all in one batch or none, each row keeping its sheet and row and each value its cell (``RawTable.cells``: every
error names the sheet, its row and column letter).

Two readers use it: the 5S upload's flat workbook of one sheet per store (``portal.fives_intake.flat_sheets``),
and a kind whose workbooks keep one sheet per month with the same columns (``Kind.sheets_as_one``: a 质检表
workbook of 1月, 2月 ...), through ``pipeline.read`` (``read_like_sheets``). Each sheet is read as a one-sheet
file is (``reading.read_upload`` with that sheet); their headers are the same columns, in any order.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from portal.i18n import listed
from portal.ingest import reading
from portal.ingest.kinds import Kind
from portal.ingest.sheets import col_letter

# a sheet's rows are numbered from sheet position x this in the combined table (a sheet holds fewer rows)
SHEET_ROW_OFFSET = 10_000_000
# the notice of the sheets read as one (``read_like_sheets``)
READ_AS_ONE = "ingest.notice.sheets_read_as_one"


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
        date1904=raws[0][1].date1904,  # one workbook's sheets: one date system
    )
    for _, raw in raws:
        table.title_rows.update(raw.title_rows)  # each sheet's own title rows (and name) may state its month
        table.notes.extend(n for n in raw.notes if not n[0].startswith("ingest.notice.sheet_"))
    return table


def holds_kinds_table(kind: Kind, raw: reading.RawTable) -> bool:
    """A sheet looks like a table of ``kind`` when the columns suggested for its headers give every required field
    (a summary sheet of 姓名 and 平均分 gives no review id)."""
    from portal.ingest.mapping import suggest_mapping

    chosen = suggest_mapping(kind, raw.headers, raw.frame)
    return all(chosen.get(name) for name in kind.required_fields)


def read_like_sheets(
    kind: Kind, data: bytes, raw: reading.RawTable, limit_mb: int | None
) -> reading.RawTable:
    """A workbook read by default (``raw``: the sheet with the widest header, no sheet chosen) whose sheets
    holding a table include several of the same columns (one per month) is read as one table of all of them:
    the same columns as the first sheet that looks like a table of ``kind`` (else as the sheet read). A sheet of
    other columns is named in the notice as not read, unless it too looks like a table of ``kind``: which of the
    two tables to read as the other's cannot be told, so the file is refused naming both (``FileRefused``). One
    sheet of those columns alone: ``raw`` as it was read (its notice offers the other sheets)."""
    if raw.chosen_sheet is not None or len(raw.sheets) < 2:
        return raw
    names = list(raw.sheets)
    raws = {
        name: raw if name == raw.sheet else reading.read_upload(data, raw.file_name, limit_mb, sheet=name)
        for name in names
    }
    like = {name: holds_kinds_table(kind, r) for name, r in raws.items()}
    first = next((name for name in names if like[name]), raw.sheet)
    headers = raws[first].headers
    same = [name for name in names if same_columns(headers, raws[name].headers)]
    others = [name for name in names if name not in same]
    if (other := next((name for name in others if like[name]), None)) is not None:
        one, two = sorted((first, other), key=names.index)
        raise reading.FileRefused(
            "ingest.refused.sheets_differ",
            "The sheets {first} and {sheet} both hold a table of this upload, in columns that differ ({first}: "
            "{first_headers}; {sheet}: {headers}). Give them the same columns (or upload each as its own file) and "
            "upload the workbook again.",
            first=one,
            sheet=two,
            first_headers=listed(raws[one].headers),
            headers=listed(raws[two].headers),
        )
    if len(same) < 2:
        return raw
    table = combine(data, [(name, raws[name]) for name in same])
    # the sheets read are part of the file's identity (``batches.stored_options``), as a sheet chosen is: a batch
    # of the same workbook that read its default sheet alone is another table, not this file already imported
    table.chosen_sheet = table.sheet
    table.sheets = raw.sheets  # each may still be chosen alone (the upload page's sheet chooser)
    values = {"n": len(same), "sheets": listed(same), "others": listed(others) if others else "-"}
    table.notes.append((READ_AS_ONE, values))
    return table
