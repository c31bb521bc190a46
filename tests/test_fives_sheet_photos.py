"""A store's own 5S sheet with a photo column (照片, 图片, Photo) naming a photo on some item rows (IMG_0012.jpg, 见照片):
the photos are not in the sheet and the portal's photos come through the tablet form, so one notice at the column's
header names the rows naming a photo that was not imported, as on another company's sheets (``foreign_rows.photos_named``,
the same code). Before, the column's cells were listed among the cells in no column read, with no word of photos."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import sheet_parse
from portal.fives_intake import template as tpl
from portal.i18n import t

PHOTOS = {"SO2": "IMG_0012.jpg", "SH1": "见照片"}


def _sheet(default, header: str) -> bytes:
    """The header block on row 1, the table's header on row 2 (the photo column F), items from row 3 in the
    checklist's order, every item scored 3."""
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"])
    ws.append(["区分", "编号", "检查项目", "得分", "备注", header])
    for item in default.ordered_items():
        ws.append([item.section, item.code, item.text_zh, 3, None, PHOTOS.get(item.code)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("header", ["照片", "图片", "Photo"])
def test_rows_naming_a_photo_are_said_in_one_notice_at_the_photo_header(fives_templates, header):
    default = tpl.default_template(fives_templates)
    codes = [i.code for i in default.ordered_items()]
    rows = sorted(3 + codes.index(code) for code in PHOTOS)  # the item table's rows start at 3
    result = sheet_parse.parse_workbook(_sheet(default, header), "s.xlsx", fives_templates, default)
    assert result.errors == []
    photos = [m for m in result.notices if m.key == "fives_intake.foreign.photos_not_imported"]
    assert [(m.row, m.column) for m in photos] == [(2, "F")]
    values = photos[0].values
    assert (values["header"], values["n"], str(values["rows"].text("en"))) == (
        header,
        2,
        f"{rows[0]}, {rows[1]}",
    )
    assert f"{rows[0]}, {rows[1]}" in t(photos[0].key, "en", **values)
    assert f"{rows[0]}、{rows[1]}" in t(photos[0].key, "zh", **values)
    # said once: not again among the cells of no column read
    assert [m for m in result.notices if m.key == "fives_intake.parse.cells_outside"] == []
    (inspection,) = result.inspections
    assert {(s.score, s.comment) for s in inspection.scores} == {(3, "")}
