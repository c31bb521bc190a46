"""A store's own 5S sheet with a column giving each item's maximum (标准分, 满分). A helper's probe: a sheet of
items out of 5 (标准分 5 on every row, 84 of 120 points: 70 %) was read on the checklist's 0-4, stored as 87.8 %
("good"), the column only listed among the cells not imported. Now a maximum other than the checklist's refuses
the sheet in one message at that column's header, naming the items; the checklist's own maximum is read and
checked, and the sheet imported as before."""

from __future__ import annotations

import pytest

from portal.fives_intake.kind import KIND
from portal.i18n import t
from portal.ingest import pipeline, reading
from tests.fives_intake_fixture import ADMIN, add_manager_user
from tests.fives_own_sheet import own_sheet
from tests.test_fives_intake_kind import opts


@pytest.fixture
def db(con):
    add_manager_user(con)
    return con


@pytest.mark.parametrize("header", ["标准分", "满分"])
def test_items_out_of_another_maximum_refuse_the_sheet_at_the_column(db, header):
    data = own_sheet(db, max_header=header, default_max=5, maxima={"SO1": 4}, default_score=3)
    with pytest.raises(reading.FileRefused) as refused:
        pipeline.import_bytes(db, KIND, data, "own.xlsx", None, opts(), ADMIN)
    lines = str(refused.value).splitlines()[1:]
    assert lines == [
        f"Sheet S001, row 2, column F: The column {header!r} gives 24 items (SO2, SO3, SO4, SO5, SE1, …) a "
        "maximum of 5 points, but checklist FIVES_RETAIL v1 scores its items 0-4. Nothing of this sheet was read "
        "(scores are not rescaled): score the items 0-4, or have an admin add a checklist scored so."
    ]
    assert db.execute("select count(*) from fives_inspections").fetchone() == (0,)


def test_the_message_in_chinese_names_the_column_the_items_and_the_scale():
    values = {
        "header": "标准分",
        "n": 2,
        "stated": "5",
        "items": "SO1、SO2",
        "expected": "0-4",
        "template": "X v1",
    }
    assert t("fives_intake.parse.max_differs", "zh", **values) == (
        "列 '标准分' 注明 2 个检查项(SO1、SO2)的满分为 5 分，但检查表 X v1 的检查项分值为 0-4。"
        "此工作表未读取(不会自动换算分值)：请按 0-4 打分，或请管理员添加按此分值打分的检查表。"
    )


def test_the_checklists_own_maximum_is_read_and_the_sheet_imported(db):
    data = own_sheet(db, max_header="标准分", default_max=4, default_score=3)
    prepared, result = pipeline.import_bytes(db, KIND, data, "own.xlsx", None, opts(), ADMIN)
    assert result.rows_added == 25
    # the column was read (checked), not named among the cells not imported
    assert not any("标准分" in str(v) for _, v in prepared.notices), prepared.notices
    assert db.execute("select sum(score), count(*) from fives_item_scores").fetchone() == (75, 25)
