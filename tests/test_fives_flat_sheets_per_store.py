"""A flat 5S workbook holding one sheet per store (each the flat layout: store, date, inspector, item, score) is
imported whole: every such sheet, in one batch, or nothing when a row of any sheet is invalid (its error naming
that sheet and row). Before, only the first sheet was read, with a notice to choose another sheet that the
inspections upload does not offer: the other stores' inspections were not imported."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import template as tpl
from portal.fives_intake.kind import KIND
from portal.i18n import t
from portal.ingest import pipeline, preview
from tests.fives_intake_fixture import ADMIN
from tests.test_fives_intake_kind import opts

HEADER = ["门店编码", "检查日期", "检查员", "检查项编号", "得分", "备注"]


def _workbook(items: list[str], scores: dict[str, int | str], summary: bool = True) -> bytes:
    """A summary sheet first (no flat header), then a sheet per store in ``scores``: every item at that score."""
    wb = Workbook()
    first = wb.active
    first.title = "汇总"
    first.append(["门店", "得分率"])
    first.append(["S001", "100%"])
    if not summary:
        wb.remove(first)
    for store, score in scores.items():
        ws = wb.create_sheet(store)
        ws.append(HEADER)
        for code in items:
            ws.append([store, "2026-03-05", "张三", code, score, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def items(con):
    return [i.code for i in tpl.default_template(tpl.load_all(con)).ordered_items()]


@pytest.mark.parametrize("summary", [True, False])
def test_every_store_sheet_is_imported_in_one_batch(con, items, summary):
    data = _workbook(items, {"S001": 4, "S002": 2}, summary)
    prepared, result = pipeline.import_bytes(con, KIND, data, "stores.xlsx", None, opts(), ADMIN)
    assert prepared.errors.empty
    assert result.rows_added == 2 * len(items) == 50
    stored = con.execute(
        "select s.store_code, count(*), sum(i.score) from fives_item_scores i join fives_inspections f "
        "using (inspection_id) join stores s using (store_id) group by 1 order by 1"
    ).fetchall()
    # hand-worked: 25 items at 4 = 100 (S001), 25 at 2 = 50 (S002)
    assert stored == [("S001", 25, 100), ("S002", 25, 50)]
    assert con.execute("select count(distinct batch_id) from fives_inspections").fetchone() == (1,)
    read = dict(prepared.notices)["fives_intake.notice.flat_sheets_read"]
    assert t("fives_intake.notice.flat_sheets_read", "en", **read) == (
        f"2 sheets of inspections read as one import (S001, S002); not read: {'汇总' if summary else '-'}."
    )


def test_an_invalid_row_of_one_sheet_writes_nothing_and_names_its_sheet_and_row(con, items):
    data = _workbook(items, {"S001": 4, "S002": 9})  # 9: outside 0 to 4 on every row of sheet S002
    raw = pipeline.read(con, KIND, data, "stores.xlsx")
    prepared = pipeline.prepare(con, KIND, raw, None, opts(), ADMIN)
    table = preview.error_table(prepared, "en")
    assert set(table["Sheet"]) == {"S002"}
    assert sorted(table["Row"])[:2] == [2, 3] and set(table["Column"]) == {"E"}
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(con, prepared, ADMIN)
    assert con.execute("select count(*) from fives_inspections").fetchone() == (0,)


@pytest.mark.parametrize("score_header", [("得分",), ("是", "否")])
def test_an_item_sheet_beside_store_sheets_is_read_as_one_whether_it_scores_or_ticks(
    con, items, score_header
):
    """A workbook of two flat store sheets and one item sheet of the portal's own layout goes to the item-sheet
    reader whether the item sheet writes scores (得分) or pass/fail ticks (是 | 否). Before, the upload's choice
    knew no 是 | 否 table: that workbook was read as store sheets, the item sheet only named among those not read."""
    default = tpl.default_template(tpl.load_all(con))
    wb = Workbook()
    ws = wb.active
    ws.title = "S003"
    ws.append(["门店", "S003", "检查日期", "2026-03-06", "检查人", "李四"])
    ws.append(["区分", "编号", "检查项目", *score_header, "备注"])
    for item in default.ordered_items():
        ws.append(
            [item.section, item.code, item.text_zh, *((4,) if len(score_header) == 1 else ("✓", None)), None]
        )
    for store in ("S001", "S002"):
        sheet = wb.create_sheet(store)
        sheet.append(HEADER)
        for code in items:
            sheet.append([store, "2026-03-05", "张三", code, 4, None])
    out = io.BytesIO()
    wb.save(out)
    raw = pipeline.read(con, KIND, out.getvalue(), "mixed.xlsx")
    notices = dict(pipeline.prepare(con, KIND, raw, None, opts(), ADMIN).notices)
    assert "fives_intake.notice.sheets_read" in notices
    assert "fives_intake.notice.flat_sheets_read" not in notices
