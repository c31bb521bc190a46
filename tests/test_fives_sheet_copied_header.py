"""A workbook of store sheets where one sheet was copied from another and its header left unchanged (the inspection
id of the sheet copied, or, on a sheet without an id, the other store's code, date and inspector): the copy is
one message at its header cell saying what the cell holds and which sheet holds the same. Before, the two sheets
were one inspection: 25 "The same key appears earlier in the file" messages, one per item row at its item code,
none naming the header cell (plus "rows of one inspection differ" at each store cell)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import sheet_parse
from portal.fives_intake import template as tpl
from portal.fives_intake.kind import KIND
from portal.ingest import pipeline, preview
from tests.fives_intake_fixture import ADMIN
from tests.test_fives_intake_kind import opts


def _workbook(default, headers: dict[str, list[tuple[str, str]]]) -> bytes:
    """One sheet per entry: its header block (a label in A, its value in B, from row 1), then the item table with
    every item at 4 on the first sheet, 3 on the others."""
    wb = Workbook()
    wb.remove(wb.active)
    for k, (name, header) in enumerate(headers.items()):
        ws = wb.create_sheet(name)
        for label, value in header:
            ws.append([label, value])
        ws.append(["Section", "Code", "Item", "Score"])
        for item in default.ordered_items():
            ws.append([item.section, item.code, item.text_en, 4 if k == 0 else 3])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


HEADER = [("Store", "S001"), ("Date", "2026-11-02"), ("Inspector", "Ivan Inspector")]
CASES = {
    # the S002 sheet made from S001's: store and date changed, the inspection id (B4) left as it was
    "id": (
        {
            "S001": [*HEADER, ("Inspection ID", "S001-20261102-AAAA")],
            "S002": [
                ("Store", "S002"),
                ("Date", "2026-11-03"),
                HEADER[2],
                ("Inspection ID", "S001-20261102-AAAA"),
            ],
        },
        (4, "B", "S001-20261102-AAAA"),
    ),
    # no id: S001's sheet copied and only its scores changed: store B1 still S001, the same date and inspector
    "store": ({"S001": HEADER, "S002": HEADER}, (1, "B", "S001")),
}


@pytest.mark.parametrize("case", CASES)
def test_the_copy_is_one_message_at_its_header_cell(fives_templates, case):
    headers, (row, column, value) = CASES[case]
    default = tpl.default_template(fives_templates)
    result = sheet_parse.parse_workbook(_workbook(default, headers), "copied.xlsx", fives_templates, default)
    assert [i.sheet for i in result.inspections] == ["S001"]
    assert [(m.key, m.sheet, m.row, m.column) for m in result.errors] == [
        ("fives_intake.parse.header_copied", "S002", row, column)
    ]
    (error,) = result.errors
    assert error.values["value"] == value and error.values["other"] == "S001"
    assert value in error.text("en") and f"{column}{row}" in error.text("en")
    assert value in error.text("zh") and "S001" in error.text("zh")


@pytest.mark.parametrize("case", CASES)
def test_the_import_says_it_once_naming_the_header_cell(con, case):
    headers, (row, column, value) = CASES[case]
    default = tpl.default_template(tpl.load_all(con))
    raw = pipeline.read(con, KIND, _workbook(default, headers), "copied.xlsx")
    prepared = pipeline.prepare(con, KIND, raw, None, opts(), ADMIN)
    table = preview.error_table(prepared, "en")
    assert table[["Sheet", "Row", "Column"]].values.tolist() == [["S002", row, column]]
    assert value in table["Reason"].iloc[0]


@pytest.mark.parametrize(
    "header, cell, value",
    [
        (
            [("门店", "门店编号"), ("日期", "2026-11-02")],
            (1, "B"),
            "门店编号",
        ),  # the blank master's placeholder
        ([("Store", "S001"), ("日期", "检查日期")], (2, "B"), "检查日期"),
        ([("Store", "Store code"), ("Date", "2026-11-02")], (1, "B"), "Store code"),
    ],
)
def test_a_header_cell_left_holding_a_label_is_named_with_what_it_holds(fives_templates, header, cell, value):
    # the header block refuses a label as the value beside a label: the sheet named no store / no date, and the
    # message did not say that B1 holds the master copy's placeholder
    default = tpl.default_template(fives_templates)
    result = sheet_parse.parse_workbook(
        _workbook(default, {"S001": header}), "x.xlsx", fives_templates, default
    )
    assert [(m.key, m.row, m.column) for m in result.errors] == [
        ("fives_intake.parse.header_placeholder", *cell)
    ]
    (error,) = result.errors
    assert error.values["value"] == value
    assert f"{value!r}" in error.text("en") and f"{value!r}" in error.text("zh")
