"""The .xlsx bounds read each worksheet's XML with expat handlers (bounds._SheetScan) instead of ElementTree's
iterparse (issue 14: 18 s of CPU on a 200,000 x 15 sheet, now about half). The decisions must not move: the same
used range, value-cell count and lowest / rightmost cells, and the same refusal with the same words, on sheets as
Excel, LibreOffice, WPS and hand-made exports write them. ``reference`` is the iterparse loop the scan replaced."""

from __future__ import annotations

import io
from xml.etree.ElementTree import ParseError, iterparse

import pytest
import python_calamine

from portal.ingest import bounds
from portal.ingest.raw import FileRefused
from tests.test_ingest_bounds import _xlsx

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def reference(xml: bytes, cells_before: int = 0) -> bounds.UsedRange:
    """The replaced loop, verbatim but for its surroundings."""
    used = bounds.UsedRange()
    cell = ""
    for event, element in iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "c":
                cell = element.get("r", "")
            continue
        if tag == "c" and len(element):
            found = bounds._CELL_REF.match(element.get("r", ""))
            if found and used.add(int(found.group(2)), bounds._column_number(found.group(1))):
                if used.columns > bounds.max_columns():
                    raise bounds._too_wide(used.columns)
                if cells_before + used.rows * used.columns > bounds.max_cells():
                    raise bounds._too_many_cells(used.rows, used.columns)
        elif tag in ("v", "t") and element.text and len(element.text) > bounds.max_cell_chars():
            raise bounds._too_long_cell(cell, len(element.text))
        if tag in ("row", "c"):
            element.clear()
    return used


def outcome(scan, xml: bytes):
    """What a scan decided: the used range it found, or the refusal (key and words) it raised."""
    try:
        used = scan(xml)
    except FileRefused as refused:
        return ("refused", refused.reason, refused.values)
    except (ParseError, bounds.ExpatError) as exc:  # both are expat's words
        return ("damaged", str(exc))
    return ("read", used.rows, used.columns, used.filled, used.lowest, used.rightmost)


def new(xml: bytes, cells_before: int = 0) -> bounds.UsedRange:
    used = bounds.UsedRange()
    bounds._SheetScan(used, cells_before).read(io.BytesIO(xml))
    return used


def sheet(rows: str, prefix: str = "", ns: str = NS) -> bytes:
    p = f"{prefix}:" if prefix else ""
    decl = f'xmlns:{prefix}="{ns}"' if prefix else f'xmlns="{ns}"'
    return (
        (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet {decl}>'
            f'<{p}dimension ref="A1:C3"/><{p}sheetData>{rows}</{p}sheetData></{p}worksheet>'
        )
        .replace("<c ", f"<{p}c ")
        .replace("</c>", f"</{p}c>")
        .replace("<v>", f"<{p}v>")
        .replace("</v>", f"</{p}v>")
        .replace("<row ", f"<{p}row ")
        .replace("</row>", f"</{p}row>")
        .encode()
    )


LONG = "x" * 40
SHEETS = {
    "numbers": '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>2</v></c></row><row r="3"><c r="B3"><v>3</v></c></row>',
    "shared strings and styles": '<row r="2"><c r="A2" t="s" s="3"><v>0</v></c><c r="D2" s="1"/></row>',
    "explicit empty cell": '<row r="5"><c r="E5" s="1"></c><c r="A5"><v>1</v></c></row>',
    "inline string": '<row r="2"><c r="B2" t="inlineStr"><is><t>hi</t></is></c></row>',
    "rich inline": '<row r="4"><c r="C4" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>',
    "formula only": '<row r="7"><c r="G7"><f>SUM(A1:A2)</f></c></row>',
    "long text": f'<row r="1"><c r="A1" t="inlineStr"><is><t>{LONG}</t></is></c></row>',
    "long value": f'<row r="2"><c r="B2"><v>{LONG}</v></c></row>',
    "entities": '<row r="3"><c r="C3" t="inlineStr"><is><t>&lt;&amp;&#x4E2D;&#25991;</t></is></c></row>',
    "cdata": '<row r="3"><c r="C3" t="inlineStr"><is><t><![CDATA[<<>>]]></t></is></c></row>',
    "far cell": '<row r="1"><c r="A1"><v>1</v></c></row><row r="900"><c r="CV900"><v>1</v></c></row>',
    "wide": '<row r="1"><c r="ZZ1"><v>1</v></c></row>',
    "mismatched tag": '<row r="1"><c r="A1"><v>1</c></v></row>',
    "whitespace": '<row r="1">\n  <c r="A1">\n    <v>1</v>\n  </c>\n  <c r="B1" s="2">\n  </c>\n</row>',
}


@pytest.mark.parametrize("prefix", ["", "x"])
@pytest.mark.parametrize("name", sorted(SHEETS))
def test_the_scan_decides_as_iterparse_did(name, prefix, monkeypatch):
    monkeypatch.setenv("PORTAL_MAX_CELL_CHARS", "30")
    monkeypatch.setenv("PORTAL_MAX_COLUMNS", "600")
    monkeypatch.setenv("PORTAL_MAX_CELLS", "50000")
    xml = sheet(SHEETS[name], prefix)
    assert outcome(new, xml) == outcome(reference, xml)


def test_the_cases_reach_every_decision(monkeypatch):
    """The sheets above are not all read alike: each kind of refusal and a damaged sheet are among them."""
    monkeypatch.setenv("PORTAL_MAX_CELL_CHARS", "30")
    monkeypatch.setenv("PORTAL_MAX_COLUMNS", "600")
    monkeypatch.setenv("PORTAL_MAX_CELLS", "50000")
    seen = {outcome(new, sheet(rows))[:2] for rows in SHEETS.values()}
    assert {
        ("refused", "ingest.refused.workbook_cell_too_long"),
        ("refused", "ingest.refused.too_many_cells"),
        ("refused", "ingest.refused.too_many_columns"),
    } <= seen
    assert any(kind == "damaged" for kind, _ in seen)
    assert outcome(new, sheet(SHEETS["numbers"])) == ("read", 3, 3, 3, "B3", "C1")


def test_cells_of_earlier_sheets_count_against_the_bound(monkeypatch):
    monkeypatch.setenv("PORTAL_MAX_CELLS", "20")
    xml = sheet(SHEETS["numbers"])
    assert outcome(lambda x: new(x, 15), xml) == outcome(lambda x: reference(x, 15), xml)
    assert outcome(lambda x: new(x, 15), xml)[1] == "ingest.refused.too_many_cells"


def _workbook(sheet_xml: bytes) -> bytes:
    """A minimal .xlsx whose one sheet is ``sheet_xml``."""
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(_xlsx({"A1": "x"}))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            is_sheet = member.filename == "xl/worksheets/sheet1.xml"
            target.writestr(member.filename, sheet_xml if is_sheet else source.read(member.filename))
    return out.getvalue()


WITHOUT_R = {
    # rows: a row's r, else the one after the previous row; cells: the column after the row's previous cell
    "row 5, two cells": '<row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c><v>2</v></c><c><v>3</v></c></row>',
    "after a cell with r": '<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c><c r="E1"><v>3</v></c><c><v>4</v></c></row>',
    "rows without r": "<row><c><v>1</v></c></row><row><c><v>2</v></c></row><row><c><v>3</v></c></row>",
    "far row": '<row r="1"><c r="A1"><v>1</v></c></row><row r="200000"><c><v>1</v></c><c><v>1</v></c></row>',
}


@pytest.mark.parametrize("name", sorted(WITHOUT_R))
def test_a_cell_without_its_reference_counts_where_calamine_puts_it(name):
    """The iterparse loop passed a cell without ``r`` over, so a far cell so written escaped every bound (a
    reviewer's workbook: 200,000 x 26 cells read, +213 MB). The scan places it as python-calamine does."""
    xml = sheet(WITHOUT_R[name])
    used = new(xml)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(_workbook(xml)))
    last_row, last_column = book.get_sheet_by_index(0).end
    assert (used.rows, used.columns) == (last_row + 1, last_column + 1)


def test_a_far_cell_without_its_reference_is_refused_as_sparse():
    used = new(sheet(WITHOUT_R["far row"]))
    assert (used.rows, used.columns, used.filled, used.lowest) == (200000, 2, 3, "A200000")
    with pytest.raises(FileRefused) as refused:
        bounds.check_workbook_bounds(
            _workbook(
                sheet(
                    '<row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c/><c/><c/><c><v>1</v></c></row>'
                )
            )
        )
    assert refused.value.reason == "ingest.refused.sparse_sheet"
    assert refused.value.values["range"] == "A1:D900000"
