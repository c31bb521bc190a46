"""A store's own 5S sheet extended to 6S / 7S: a section the 5S checklist does not have (安全, 节约) after 素养, its
items scored. The five S are read as before; the extra section's items are not read and do not count, and the
sheet says so plainly in a notice naming the section and its rows. Before, the only word of it was "The item table
ends here ('安全'); what follows is not read", which does not say that scored items were dropped."""

from __future__ import annotations

import pytest

from tests.fives_own_sheet import own_sheet, parse


def _sheet(con, extra: list[list[object]]) -> bytes:
    """The sheet of tests/fives_own_sheet.py, each item scored 4, then the rows ``extra`` from row 28 on."""
    return own_sheet(con, below=extra)


def _parse(con, data: bytes):
    return parse(con, data, "6s.xlsx")


SAFETY = [["安全", "SA1", "灭火器在有效期内", 2, None], ["安全", "SA2", "安全出口无堵塞", 0, None]]


@pytest.mark.parametrize(
    ("extra", "section", "rows"),
    [
        (SAFETY, "安全", "28, 29"),  # in the section column, beside each item
        (
            [["六、安全"], [None, "SA1", "灭火器在有效期内", 2], [None, "SA2", "安全出口无堵塞", 0]],
            "六、安全",
            "29, 30",
        ),
        (SAFETY + [["节约", "SV1", "随手关灯", 3, None], ["合计", None, None, 105]], "安全", "28, 29"),
    ],
)
def test_items_of_a_section_beyond_the_five_s_are_said_not_read(con, extra, section, rows):
    result = _parse(con, _sheet(con, extra))
    assert result.errors == []
    (inspection,) = result.inspections
    # the five S as written: 25 items at 4; nothing of 安全 counted
    assert [s.item_code for s in inspection.scores][-1] == "SU5"
    assert sum(s.score for s in inspection.scores) == 100
    notices = [m for m in result.notices if m.key == "fives_intake.parse.beyond_five_s"]
    assert [(m.row, m.column) for m in notices] == [(28, "A")]
    en, zh = notices[0].text("en"), notices[0].text("zh")
    assert f"'{section}'" in en and f"rows {rows}" in en and "not read" in en and "do not count" in en
    assert f"'{section}'" in zh and rows.replace(", ", "、") in zh and "未读取" in zh and "不计入" in zh
    # no second notice calling the section the end of the table
    assert all(m.key != "fives_intake.parse.below_table" or m.row > 29 for m in result.notices)


def test_both_extra_sections_are_named(con):
    extra = SAFETY + [["节约", "SV1", "随手关灯", 3, None]]
    result = _parse(con, _sheet(con, extra))
    (notice,) = [m for m in result.notices if m.key == "fives_intake.parse.beyond_five_s"]
    en = notice.text("en")
    assert "'安全', '节约'" in en and "rows 28, 29, 30" in en and "the 3 item rows" in en
