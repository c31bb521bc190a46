"""The 5S sheet parser on a district's pass/fail sheets and the signature lines below a sheet's items (split from
tests/test_fives_sheet_parse.py, unchanged)."""

from __future__ import annotations

import dataclasses

import pytest

from portal.fives_intake import sheet_parse, words
from tests import test_fives_sheet_parse as parse_tests

templates, default = parse_tests.templates, parse_tests.default  # its fixtures


def _pass_fail_sheet(default, below, leave_out=""):
    """A district's pass/fail sheet (区域|检查内容|是否合格|问题描述), items by their Chinese text, ``leave_out``
    deleted by the store, ``below`` the rows under the items."""
    grid = [
        ["5S检查记录表"],
        ["门店", "S003", "日期", "2024/11/27"],
        ["检查员", "区域督导 赵六"],
        ["区域", "检查内容", "是否合格", "问题描述", "整改期限"],
    ]
    names = {s.code: s.name_zh for s in default.sections}
    grid += [[names[i.section], i.text_zh, "是", None, None] for i in default.items if i.code != leave_out]
    return grid + below


@pytest.mark.parametrize(
    ("below", "end_row"),
    [
        ([["合格率", None, '=COUNTIF(C5:C28,"是")/24'], [], ["督导签字：", None, "店长签字："]], 29),
        ([[], ["督导签字：", None, "店长签字："]], 30),
        ([["区域督导签字：张三", None, "门店经理签名：李四"]], 29),
    ],
)
def test_a_signature_line_below_a_sheet_missing_an_item_ends_the_table(default, below, end_row):
    # the sheet lacks SH3: its one error says so; the signature line "督导签字： | | 店长签字：" was read as an item
    # row and gave a second, misleading one ("row 31, column B: A score without an item"), as "签字" was only
    # an end label written alone
    grid = _pass_fail_sheet(default, below, leave_out="SH3")
    inspection, messages, is_sheet = sheet_parse.parse_grid(grid, "S003", {}, default)
    assert is_sheet and inspection is None
    assert [(m.key, m.row, m.column) for m in messages if m.level == "error"] == [
        ("fives_intake.parse.missing_items", 4, None)
    ]
    assert ("fives_intake.parse.below_table", end_row, "A") in [(m.key, m.row, m.column) for m in messages]


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("督导签字：", True),
        ("检查人员签字确认", True),
        ("Store manager signature:", True),
        ("合格率", True),
        ("交接班按标准清单进行并签字", False),  # an item's text ending in 签字 is no signature line
        ("清洁计划表已张贴并按时签字确认", False),
        ("Checklist is signed", False),
    ],
)
def test_end_labels_of_signature_lines(text, ends):
    # a totals label ends the table by itself, a signature label on a row with no score and no item
    assert (words.is_end_label(text) or words.is_signature_label(text)) is ends


# Short items naming a signature, in a sheet with no code column and a section cell written on its first row only
# (merged): each item's text is its row's first filled cell
_SIGNING_ITEMS = {
    "ST2": ("zh", "清洁记录表签字确认"),
    "ST4": ("zh", "是否签字"),
    "ST5": ("zh", "交接记录签字"),
    "SU2": ("zh", "员工签名"),
    "SU3": ("en", "Visitor log signature"),
}


def _signing_sheet(default, score_header, score, below, blank=""):
    """The checklist with ``_SIGNING_ITEMS`` renamed and its sheet: 区域|检查内容|<score_header>|备注, every item
    scored ``score`` (``blank`` left without one), ``below`` the rows under the items."""
    items = []
    for i in default.items:
        lang, text = _SIGNING_ITEMS.get(i.code, ("", ""))
        items.append(dataclasses.replace(i, **({f"text_{lang}": text} if lang else {})))
    template = dataclasses.replace(default, items=tuple(items))
    grid = [
        ["5S检查记录表"],
        ["门店", "S003", "日期", "2024/11/27"],
        ["检查员", "区域督导 赵六"],
        ["区域", "检查内容", score_header, "备注"],
    ]
    for section in template.sections:
        for k, i in enumerate(template.items_of(section.code)):
            text = i.text_en if _SIGNING_ITEMS.get(i.code, ("",))[0] == "en" else i.text_zh
            grid.append([section.name_zh if k == 0 else None, text, None if i.code == blank else score, None])
    return template, grid + below


@pytest.mark.parametrize(("score_header", "score"), [("得分", 3), ("是否合格", "是")])
def test_short_items_naming_a_signature_are_read_and_the_signature_line_below_ends_the_table(
    default, score_header, score
):
    # 是否签字, 员工签名, "Visitor log signature" ... ended the table as if a signature line (a short label, a
    # role and 签字): the items after them were not read ("row 23: 2 items ... not in the sheet"). A label with
    # a score is an item; the signature line "督导签字： | | 店长签字：" below still ends the table.
    below = [[], ["督导签字：", None, "店长签字："], ["2024年11月27日"]]
    template, grid = _signing_sheet(default, score_header, score, below)
    inspection, messages, _ = sheet_parse.parse_grid(grid, "S003", {}, template)
    assert [(m.key, m.row, m.column) for m in messages if m.level == "error"] == []
    assert ("fives_intake.parse.below_table", 31, "A") in [(m.key, m.row, m.column) for m in messages]
    assert len(inspection.scores) == 25
    expected = 3 if score == 3 else 4
    assert {s.item_code: (s.score, s.row) for s in inspection.scores if s.item_code in _SIGNING_ITEMS} == {
        "ST2": (expected, 21),
        "ST4": (expected, 23),
        "ST5": (expected, 24),
        "SU2": (expected, 26),
        "SU3": (expected, 27),
    }


def test_a_short_item_naming_a_signature_left_unscored_is_an_item_without_a_score(default):
    # its text is the checklist's: an item row, refused for its blank score, not the end of the table
    template, grid = _signing_sheet(default, "得分", 3, [["督导签字：张三"]], blank="ST4")
    inspection, messages, _ = sheet_parse.parse_grid(grid, "S003", {}, template)
    assert inspection is None
    assert [(m.key, m.row, m.column) for m in messages if m.level == "error"] == [
        ("fives_intake.parse.no_score", 23, "C")
    ]
    assert [(m.key, m.row) for m in messages if m.key == "fives_intake.parse.below_table"] == [
        ("fives_intake.parse.below_table", 30)
    ]
