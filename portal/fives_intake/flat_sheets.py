"""A flat 5S workbook holding one sheet per store (each sheet the flat layout: store, date, inspector, item, score)
read as one table: every such sheet's rows, so that the import commits them all in one batch or none.

Each sheet is read as a flat file is (``reading.read_upload`` with that sheet); their headers must be the same
columns (in any order), else the file is refused naming the first sheet that differs. They are read as one by
``portal.ingest.sheets_as_one`` (each error names its sheet, row and column letter); the sheets not read (a
summary, notes) are named in the notice of the sheets read.
"""

from __future__ import annotations

from portal.fives_intake import words
from portal.fives_intake.fields import FIELDS
from portal.i18n import listed
from portal.ingest import reading
from portal.ingest.sheets_as_one import combine, same_columns


def read_flat_sheets(
    data: bytes, file_name: str, limit_mb: int | None, names: list[str], others: list[str]
) -> reading.RawTable:
    """The flat sheets ``names`` (workbook order) as one ``RawTable``; ``others``: the sheets with data not read."""
    raws = [reading.read_upload(data, file_name, limit_mb, sheet=name) for name in names]
    headers = raws[0].headers
    for name, raw in zip(names[1:], raws[1:], strict=True):
        if not same_columns(headers, raw.headers):
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
    table = combine(data, list(zip(names, raws, strict=True)), lambda h: field_of.get(words.norm(h)))
    values = {"n": len(names), "sheets": listed(names), "others": listed(others) if others else "-"}
    table.notes.append(("fives_intake.notice.flat_sheets_read", values))
    return table
