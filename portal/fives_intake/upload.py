"""Reading an ``inspections`` upload: filled-in sheets become the kind's flat rows; a flat file is read as usual.

``read_inspections(con, data, file_name, limit_mb, lang, scope)`` (``Kind.read``) -> ``reading.RawTable`` in the flat layout. A workbook of
several flat sheets (one per store, no item-table sheet) is read whole (``flat_sheets``). A workbook whose
first data row is not the flat header is read as inspection sheets (``sheet_parse``): each item a row, the
row number the item's row in its sheet (sheets after the first: + 1000 x the sheet's position, so that rows
stay distinct; ``RawTable.cells`` keeps each row's sheet and row and each value's cell, so that every error names
the sheet, its row and column letter, never that number), the parser's notices as the table's notes. A sheet the
parser refuses is an invalid row per message (``refused_rows``, each with its sheet, row and column): refused with
the file by default, skipped with the other invalid rows when the user chooses so; a workbook none of whose sheets
is read is refused (``reading.FileRefused``, every message with its sheet, row and column).
"""

from __future__ import annotations

import pandas as pd

from portal import config, settings
from portal.fives_intake import sheet_parse, words
from portal.fives_intake import template as tpl
from portal.fives_intake.fields import FIELDS, FLAT_HEADERS
from portal.fives_intake.flat_sheets import read_flat_sheets
from portal.fives_intake.sheet_layout import find_table
from portal.i18n import Both, listed, t
from portal.ingest import reading
from portal.ingest.errors import values_detail

SHEET_ROW_OFFSET = 1000
# a sheet's header block label (sheet_parse) -> the flat field its value fills
HEADER_FIELDS = {
    "store": "store_code",
    "date": "inspected_on",
    "inspector": "inspector",
    "template": "template",
    "inspection_id": "inspection_id",
}


def _field_of_header() -> dict[str, str]:
    return {words.norm(h): f.name for f in FIELDS for h in f.headers}


def is_flat(grid: list[list]) -> bool:
    """One of the first ten non-blank rows is a flat-file header (a title may stand above it): its cells name
    the store, the item code and the score (English, Chinese or an alias). A sheet's item table names no store."""
    field_of = _field_of_header()
    rows = [[words.norm(c) for c in row if c is not None and str(c).strip()] for row in grid]
    need = {"store_code", "item_code", "score"}
    return any(need <= {field_of.get(c) for c in cells} for cells in [r for r in rows if r][:10])


def _filled(row: list) -> int:
    return sum(1 for c in row if c is not None and str(c).strip())


def read_inspections(
    con, data: bytes, file_name: str, limit_mb: int | None = None, lang: str = "en", scope=None
) -> reading.RawTable:
    if not data.startswith(sheet_parse.ZIP_MAGIC):
        return reading.read_upload(data, file_name, limit_mb)
    try:
        grids = sheet_parse.read_grids(data)
    except Exception:  # noqa: BLE001 - let the generic reader give its refusal
        return reading.read_upload(data, file_name, limit_mb)
    # the first sheet with a table: a sheet of notes alone (填写说明: a line of text a row) before it is passed over
    first = next((g for _, g in grids if any(_filled(r) > 1 for r in g)), [])
    flat = [name for name, grid in grids if is_flat(grid)]
    if len(flat) > 1 and not any(find_table(g) for name, g in grids if name not in flat):  # a sheet per store
        others = [name for name, grid in grids if name not in flat and any(_filled(r) for r in grid)]
        return read_flat_sheets(data, file_name, limit_mb, flat, others)
    if is_flat(first):
        return reading.read_upload(data, file_name, limit_mb)
    limit = config.upload_limit_mb() if limit_mb is None else limit_mb
    if len(data) > limit * 1024 * 1024:
        raise reading.FileRefused(
            "ingest.refused.too_large",
            "The file is {size_mb:.1f} MB, over the upload limit of {limit_mb} MB. Split it into smaller files.",
            size_mb=len(data) / 1024 / 1024,
            limit_mb=limit,
        )
    templates = tpl.load_all(con)
    zone = settings.report_timezone(con)  # the zone the upload form offers the inspections kind
    result = sheet_parse.parse_workbook(data, file_name, templates, tpl.default_template(templates), zone)
    if result.errors and not result.inspections:
        raise reading.FileRefused(
            "fives_intake.refused.sheet",
            "The inspection sheet cannot be imported; nothing was written. Correct these cells and upload it "
            "again:\n{messages}",
            messages=_both(result.errors, "\n"),
        )
    raw = raw_table(result.inspections, data, file_name)
    refused_rows(raw, result.errors, len(result.inspections))
    raw.notes.append(
        (
            "fives_intake.notice.sheets_read",
            {"n": len(result.inspections), "inspections": sheets_named(con, result.inspections, scope)},
        )
    )
    raw.notes.extend(("fives_intake.parse.note", {"text": _both([m])}) for m in result.notices)
    return raw


def _both(messages: list[sheet_parse.Message], sep: str = "") -> Both:
    """The parser's messages with their places in both languages, so that a refusal or a note is said in the
    language it is shown in (the preview's may not be the read's: each language's own words, never a mix)."""
    return Both(*(sep.join(m.text(lang) for m in messages) for lang in ("en", "zh")))


def sheets_named(con, inspections: list[sheet_parse.ParsedInspection], scope) -> Both:
    """The inspections read, each by its store's code and name and its date, as the tablet form's receipt names
    an inspection ("S001 Store One on 2026-11-02"; the notice named the worksheets). A store outside ``scope``
    (None: no caller's scope) or unknown is named by its code alone."""
    from portal.db import run_query

    codes = sorted({i.store for i in inspections})
    names = (
        run_query(con, "fives_sheet_stores", {"store_codes": codes}, scope).set_index("store_code")
        if scope is not None and codes
        else None
    )
    out = []
    for lang in ("en", "zh"):
        column = f"name_{lang}"
        labels = []
        for i in inspections:
            name = names[column].get(i.store) if names is not None else None
            store = f"{i.store} {name}" if name else i.store
            labels.append(
                t("fives_intake.notice.sheet_of", lang, store=store, day=f"{i.inspected_on:%Y-%m-%d}")
            )
        out.append(listed(labels).text(lang))
    return Both(*out)


def refused_rows(raw: reading.RawTable, errors: list[sheet_parse.Message], first: int) -> None:
    """The errors of the sheets the parser refused, in a workbook whose other sheets it read, as rows of ``raw``
    that only an error holds (``RawTable.read_errors``, each at its message's cell): the import refuses them as
    invalid rows, so that choosing to skip invalid rows imports the other sheets and keeps these in the batch's
    error report (the whole workbook was refused, a valid sheet lost with it). The message is kept in both
    languages (``errors.values_detail``): the preview and the error report render it in theirs, as its suffix is
    (it was rendered in the read's: "Item SE1: ... 该工作表未导入。"). Sheets after the read ones: ``first`` on."""
    sheets = list(dict.fromkeys(m.sheet for m in errors))
    blank = {h: "" for h in raw.headers}
    for n, m in enumerate(errors, start=1):
        row = (first + sheets.index(m.sheet)) * SHEET_ROW_OFFSET + n
        raw.cells.rows[row] = (m.sheet or "", m.row or 0)
        raw.cells.cells[(row, "sheet")] = reading.Cell(m.sheet or "", m.row or 0, m.column)
        raw.frame.loc[row] = blank
        value = str(m.values.get("value", ""))
        raw.read_errors[row] = (
            "sheet",
            value,
            "fives_intake.error.sheet_refused",
            values_detail(detail=Both(t(m.key, "en", **m.values), t(m.key, "zh", **m.values))),
        )


def raw_table(
    inspections: list[sheet_parse.ParsedInspection], data: bytes, file_name: str
) -> reading.RawTable:
    """Parsed inspections as the kind's flat rows (one per item; the row number the item's row in its sheet,
    + 1000 x the sheet's position, only to keep rows distinct), the file's hash and size from ``data``, and
    where each row and value was (``cells``: errors name the sheet, its row and the column letter; a header
    field's value is the cell beside its label above the item table; a sheet without an inspection-id cell: its
    inspection id is the sheet's, no row or column)."""
    records, index = [], []
    rows: dict[int, tuple[str, int]] = {}
    cells: dict[tuple[int, str], reading.Cell] = {}
    for k, insp in enumerate(inspections):
        above = {
            HEADER_FIELDS[key]: reading.Cell(insp.sheet, row, letter)
            for key, (row, letter) in insp.header_cells.items()
            if key in HEADER_FIELDS
        }
        # no inspection-id cell: the inspection is the whole sheet's, so that a problem of it (rescored, another
        # row invalid) is said once for the sheet, not once per item row (24 times "row 10: ... other scores")
        above.setdefault("inspection_id", reading.Cell(insp.sheet, None))
        for s in insp.scores:
            index.append(s.row + k * SHEET_ROW_OFFSET)
            rows[index[-1]] = (insp.sheet, s.row)
            cells |= {(index[-1], name): cell for name, cell in above.items()}
            cells |= {
                (index[-1], name): reading.Cell(insp.sheet, s.row, letter)
                for name, letter in s.columns.items()
            }
            records.append(
                {
                    "inspection_id": insp.inspection_id or "",
                    "store_code": insp.store,
                    "inspected_on": insp.inspected_on.isoformat(),
                    "inspector": insp.inspector,
                    "template": insp.template.label,
                    "item_code": s.item_code,
                    "score": "N/A" if s.not_applicable else str(s.score),
                    "comment": s.comment,
                    "photo": "",
                }
            )
    frame = pd.DataFrame(
        records, columns=list(FLAT_HEADERS), index=pd.Index(index, dtype="int64"), dtype=object
    )
    return reading.RawTable(
        file_name=file_name,
        file_hash=reading.file_hash(data),
        size_bytes=len(data),
        headers=list(FLAT_HEADERS),
        frame=frame.fillna(""),
        sheet=", ".join(i.sheet for i in inspections),
        cells=reading.SheetCells(rows, cells),
    )
