"""Another company's 5S sheet with a photo column (照片, 图片, Photo) naming a photo on some rows (IMG_0012.jpg, 见照片):
the photos are not in the sheet and the portal's photos come through the tablet form, so one notice at the column's
header names the rows that name a photo that was not imported. Before, the column was passed over unsaid."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import foreign
from portal.i18n import t

ROWS = [
    ("整理", "通道无杂物", 4, None, None),
    ("整理", "仓库物品分类", 2, "纸箱堆放", "IMG_0012.jpg"),  # row 4
    ("整顿", "价签与商品一致", 4, None, None),
    ("清扫", "地面干净", 1, "有水渍", "见照片"),  # row 6
    ("清洁", "清洁记录签字", 4, None, None),
    ("素养", "员工穿工服", 3, None, None),
]


def _sheet(photo_header: str) -> bytes:
    """The header block on row 1, the table's header on row 2 (the photo column E), items from row 3."""
    wb = Workbook()
    ws = wb.active
    ws.title = "5S"
    ws.append(["门店", "S001", "日期", "2026-11-02", "检查人", "王五"])
    ws.append(["类别", "检查项目", "得分", "备注", photo_header])
    for row in ROWS:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("header", ["照片", "图片", "Photo"])
def test_rows_naming_a_photo_are_said_in_one_notice_at_the_photo_header(header):
    sheet = foreign.read_foreign(_sheet(header), "other.xlsx")
    assert sheet.errors == []
    photos = [m for m in sheet.notices if m.key == "fives_intake.foreign.photos_not_imported"]
    assert [(m.row, m.column) for m in photos] == [(2, "E")]
    values = photos[0].values
    assert (values["header"], values["n"], str(values["rows"].text("en"))) == (header, 2, "4, 6")
    assert "4, 6" in t(photos[0].key, "en", **values)
    assert "4、6" in t(photos[0].key, "zh", **values)
    # the scores and comments are read as before: the photo's name is no comment
    assert [(i.score, i.comment) for i in sheet.items] == [
        (4, ""), (2, "纸箱堆放"), (4, ""), (1, "有水渍"), (4, ""), (3, ""),
    ]  # fmt: skip
