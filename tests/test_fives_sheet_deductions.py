"""A store's own 5S sheet scored by deduction (扣分制): 标准分 | 扣分 | 实得分 | 扣分原因 beside each item. Before, the
扣分 and 扣分原因 columns were only listed among the cells not read: a score contradicting its deduction (标准分 4,
扣分 2, 实得分 4: a total typed over, or a formula's stale value) was stored as 4 of 4 and no corrective action
opened, and the reason for every deduction was dropped from the item. Now, as on another company's sheet
(tests/test_fives_foreign_deductions.py), such a score is refused at its cell naming the maximum, the points
deducted and the score they give, and the reason is kept in the item's comment.

Hand-worked on the checklist's items (each scored 0-4): SO1 4 - 2 = 2 with the reason 地面有纸屑; SE1 4 - 3 = 1
(a corrective action: at or below 1 of 4), its comment 价签未更新 and the reason 3处价签错; every other item 4 - 0."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.fives_intake import template as tpl
from portal.fives_intake.kind import KIND
from portal.ingest import pipeline, reading
from tests.fives_intake_fixture import ADMIN, add_manager_user
from tests.test_fives_intake_kind import opts

# item -> (扣分, 实得分, 扣分原因, 备注)
DEDUCTED = {"SO1": (2, 2, "地面有纸屑", None), "SE1": (3, 1, "3处价签错", "价签未更新")}


@pytest.fixture
def db(con):
    add_manager_user(con)
    return con


def _sheet(con, deducted=DEDUCTED) -> bytes:
    """门店 S001, 检查日期 2026-11-03, 检查人 张三 on row 1; 类别 | 编号 | 检查项目 | 标准分 | 扣分 | 实得分 |
    扣分原因 | 备注 on row 2 (实得分 in F); the checklist's 25 items from row 3 (SO1 row 3)."""
    default = tpl.default_template(tpl.load_all(con))
    wb = Workbook()
    ws = wb.active
    ws.title = "S001"
    ws.append(["门店", "S001", "检查日期", "2026-11-03", "检查人", "张三"])
    ws.append(["类别", "编号", "检查项目", "标准分", "扣分", "实得分", "扣分原因", "备注"])
    for item in default.ordered_items():
        minus, score, reason, comment = deducted.get(item.code, (0, 4, None, None))
        ws.append([item.section, item.code, item.text_zh, 4, minus, score, reason, comment])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_score_that_is_not_the_maximum_less_the_deduction_is_refused_at_its_cell(db):
    stale = DEDUCTED | {"SO1": (2, 4, "地面有纸屑", None)}  # 4 - 2 = 2, written 4
    with pytest.raises(reading.FileRefused) as refused:
        pipeline.import_bytes(db, KIND, _sheet(db, stale), "d.xlsx", None, opts(), ADMIN)
    assert str(refused.value).splitlines()[1:] == [
        "Sheet S001, row 3, column F: Item SO1: the score 4 is not its maximum 4 less the points deducted 2 (2). "
        "Correct the score or the points deducted (scores are not recomputed)."
    ]
    assert db.execute("select count(*) from fives_inspections").fetchone() == (0,)


def test_a_consistent_sheet_keeps_each_reason_with_its_item(db):
    prepared, result = pipeline.import_bytes(db, KIND, _sheet(db), "d.xlsx", None, opts(), ADMIN)
    assert result.rows_added == 25
    stored = {
        code: (score, comment)
        for code, score, comment in db.execute(
            "select item_code, score, comment from fives_item_scores"
        ).fetchall()
    }
    assert stored["SO1"] == (2, "地面有纸屑")
    assert stored["SE1"] == (1, "价签未更新; 3处价签错")
    assert stored["SO2"][0] == 4 and not stored["SO2"][1]
    assert sum(score for score, _ in stored.values()) == 100 - 2 - 3
    assert db.execute("select item_code from corrective_actions").fetchall() == [("SE1",)]
    # the 扣分 and 扣分原因 columns are read: no longer listed among the cells not imported
    notes = [v["text"].en for k, v in prepared.notices if k == "fives_intake.parse.note"]
    assert not [n for n in notes if "扣分" in n], notes


def test_a_deduction_that_is_no_number_is_refused_at_its_cell(db):
    bad = DEDUCTED | {"SO1": ("多处", 2, "地面有纸屑", None)}
    with pytest.raises(reading.FileRefused) as refused:
        pipeline.read(db, KIND, _sheet(db, bad), "d.xlsx")
    assert str(refused.value).splitlines()[1:] == [
        "Sheet S001, row 3, column E: Item SO1: the points deducted '多处' are not a number of 0 or more. Write the "
        "points deducted (e.g. 2), or leave the cell empty when none are."
    ]
