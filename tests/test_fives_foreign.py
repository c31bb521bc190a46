"""Another company's 5S sheet (its own items, a 1-5 or 0/1/2/4 point scale) read as a draft checklist, saved as a
new template version and its scores imported as an inspection (portal.fives_intake.foreign).

ACME's sheet (``acme_sheet``): a header block (store S001, date 2026-11-02, auditor Ann), then "Category | Check
item | 1 | 2 | 3 | 4 | 5 | N/A | Remarks" with an x per row, sections by their Japanese names, a total row:
  Seiri   No clutter at the counter 5; Stockroom tidy 1 (fails: 1 <= 0.25 x 5)
  Seiton  Labels on shelves 4 | Seiso Floor clean 3 | Seiketsu Cleaning rota signed 5 | Shitsuke Uniform worn N/A
Hand-worked on the saved checklist (every weight 1, max 5): sort (5 + 1) / 10 = 60 %, set in order 4 / 5 = 80 %,
shine 3 / 5 = 60 %, standardize 5 / 5 = 100 %, sustain nothing applicable (no %, not 0);
overall (60 + 80 + 60 + 100) / 4 = 75.0 %. One corrective action: SO2.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from portal import writes
from portal.fives_intake import foreign
from portal.fives_intake import template as tpl
from portal.fives_intake.template import check
from portal.i18n import t
from portal.ingest import pipeline
from tests.fives_intake_fixture import ADMIN

NOW = datetime(2026, 11, 30, 12, 0)
ACME_ROWS = [
    ("Seiri", "No clutter at the counter", 5),
    ("", "Stockroom tidy", 1),
    ("Seiton", "Labels on shelves", 4),
    ("Seiso", "Floor clean", 3),
    ("Seiketsu", "Cleaning rota signed", 5),
    ("Shitsuke", "Uniform worn", "N/A"),
]


def _bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def acme_sheet(rows=ACME_ROWS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Audit"
    ws.append(["ACME Retail 5S Audit"])
    ws.append(["Store:", "S001 Store One"])
    ws.append(["Date:", "2026-11-02"])
    ws.append(["Auditor:", "Ann"])
    ws.append([])
    marks = [1, 2, 3, 4, 5, "N/A"]
    ws.append(["Category", "Check item", *marks, "Remarks"])
    for section, text, score in rows:
        ws.append([section, text, *["x" if m == score else None for m in marks], ""])
    ws.append([])
    ws.append(["Total", None, "#REF!"])
    return _bytes(wb)


def zero_one_two_four_sheet() -> bytes:
    """A score column headed with its scale; codes like 1.1 (not usable: made from the section); a 3 that the
    scale does not allow (row 5) and a section no S fits (row 7)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Check"
    ws.append(["Store", "S002"])
    ws.append(["Date", "2026-11-03"])
    ws.append(["No.", "Area", "Item", "Score (0/1/2/4)", "Comment"])
    ws.append(["1.1", "Sort", "Aisles free", 4, ""])
    ws.append(["1.2", "Sort", "Old posters removed", 3, ""])
    ws.append(["2.1", "Set in order", "Price tags right", 2, ""])
    ws.append(["3.1", "Safety", "Extinguisher checked", 4, ""])
    return _bytes(wb)


def test_a_1_to_5_sheet_reads_items_scale_and_scores():
    sheet = foreign.read_foreign(acme_sheet(), "acme.xlsx")
    assert sheet.errors == []
    assert (sheet.store, sheet.inspected_on, sheet.inspector) == ("S001 Store One", date(2026, 11, 2), "Ann")
    assert sheet.scale == (1, 2, 3, 4, 5)
    assert [(i.section, i.code, i.score, i.not_applicable) for i in sheet.items] == [
        ("sort", "SO1", 5, False),
        ("sort", "SO2", 1, False),
        ("set_in_order", "SE1", 4, False),
        ("shine", "SH1", 3, False),
        ("standardize", "ST1", 5, False),
        ("sustain", "SU1", None, True),
    ]
    assert sheet.items[1].text == "Stockroom tidy" and sheet.items[1].row == 8
    assert foreign.suggested_code(sheet) == "ACME"


def test_a_0_1_2_4_sheet_is_refused_cell_by_cell():
    sheet = foreign.read_foreign(zero_one_two_four_sheet(), "other.xlsx")
    assert sheet.scale == (0, 1, 2, 4)
    texts = [m.text("en") for m in sheet.errors]
    assert "Sheet Check, row 7, column B: 'Safety' is not one of the five S" in texts[0]
    assert any(t.startswith("Sheet Check, row 5, column D: ") and "0, 1, 2, 4" in t for t in texts), texts
    # the codes 1.1, 1.2 are not usable codes: made from the section
    assert [i.code for i in sheet.items] == ["SO1", "SO2", "SE1"]


def test_saved_as_a_new_checklist_and_its_scores_as_an_inspection(con):
    data = acme_sheet()
    sheet = foreign.read_foreign(data, "acme.xlsx")
    templates = tpl.load_all(con)
    draft = foreign.draft_template(
        sheet, "acme", "ACME 5S", "ACME 5S检查", tpl.default_template(templates), templates
    )
    assert (draft.code, draft.version, draft.allowed_scores) == ("ACME", 1, (1, 2, 3, 4, 5))
    assert {i.max_score for i in draft.items} == {5}
    # every section has an item; texts in both languages (the sheet's own until edited): it can be saved
    assert check(draft) == []
    template_id, version = writes.add_fives_template_version(con, draft, ADMIN.username)
    saved = tpl.load(con, template_id)
    assert (saved.label, saved.allowed_scores) == ("ACME v1", (1, 2, 3, 4, 5))
    prepared, result = foreign.import_scores(con, sheet, saved, data, ADMIN, now=NOW)
    assert (result.rows_added, prepared.n_invalid) == (6, 0)
    got = con.execute(
        "select s.section_code, s.section_pct, i.overall_pct from fives_section_facts s "
        "join fives_inspection_facts i using (inspection_id) order by s.section_position"
    ).fetchall()
    assert [(c, None if p is None else round(p, 3)) for c, p, _ in got] == [
        ("sort", 60.0),
        ("set_in_order", 80.0),
        ("shine", 60.0),
        ("standardize", 100.0),
        ("sustain", None),
    ]
    assert round(got[0][2], 3) == 75.0
    assert con.execute("select item_code from corrective_actions").fetchall() == [("SO2",)]
    assert con.execute("select inspector_name from fives_inspections").fetchall() == [("Ann",)]
    # the same sheet again: nothing new (identical file)
    with pytest.raises(pipeline.NothingWritten):
        foreign.import_scores(con, sheet, saved, data, ADMIN, now=NOW)


def test_a_code_is_made_usable_and_a_scale_parsed():
    sheet = foreign.read_foreign(acme_sheet(), "acme.xlsx")
    default = tpl.TemplateSpec("FIVES_RETAIL", 1, "x", "x", (), ())
    assert foreign.draft_template(sheet, "acme co.", "", "", default, {}).label == "ACME_CO v1"
    assert foreign.parse_scale("0/1/2/4") == (0, 1, 2, 4)
    assert foreign.parse_scale("1, 2, 3, 4, 5") == (1, 2, 3, 4, 5)
    assert foreign.parse_scale("1-5") == (1, 2, 3, 4, 5)
    assert foreign.parse_scale("5") is None and foreign.parse_scale("1 to 5") is None
    assert foreign.parse_scale("0, 12") is None


def worded_sheet(scores, header="Score") -> bytes:
    """ACME's six items (SO1, SO2, SE1, SH1, ST1, SU1) with ``scores`` in one score column headed ``header``."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Check"
    ws.append(["Store", "S001"])
    ws.append(["Date", "2026-11-02"])
    ws.append(["Area", "Item", header, "Comment"])
    for (section, text, _), score in zip(ACME_ROWS, scores, strict=True):
        ws.append([section, text, score, ""])
    return _bytes(wb)


def test_full_marks_ticks_and_crosses_are_read_on_the_scale_the_sheet_shows():
    """满分 and a tick are the top of the inferred scale, a cross 0, listed in the portal sheet's notice (before:
    each was "not a score"). Numbers beside them: 0 to the highest (5). A scale in the header (1-5): a tick is 5,
    and a cross is refused as any 0 would be; another word is still not a score."""
    sheet = foreign.read_foreign(worded_sheet([3, "满分", "✓", "✗", 5, "N/A"]), "w.xlsx")
    assert sheet.errors == []
    assert sheet.scale == (0, 1, 2, 3, 4, 5)
    assert [(i.code, i.score, i.written) for i in sheet.items] == [
        ("SO1", 3, ""), ("SO2", 5, "满分"), ("SE1", 5, "✓"), ("SH1", 0, "✗"), ("ST1", 5, ""), ("SU1", None, "")
    ]  # fmt: skip
    (note,) = sheet.notices
    assert note.key == "fives_intake.parse.score_words"
    assert note.text("en") == (
        "Sheet Check: 3 scores were written as a word or a mark and read as points: SO2 满分 = 5, "
        "SE1 ✓ = 5, SH1 ✗ = 0 (full marks and a tick: the item's maximum; a cross: 0). If that is not what the "
        "inspector meant, write the points."
    )
    assert "3 个得分以文字或符号填写，已按分值读取：SO2 满分 = 5、SE1 ✓ = 5、SH1 ✗ = 0" in note.text("zh")

    ranged = foreign.read_foreign(worded_sheet([3, "满分", "✓", "✗", 5, 2], "Score (1-5)"), "w.xlsx")
    assert [i.score for i in ranged.items] == [3, 5, 5, 0, 5, 2]
    (refused,) = ranged.errors
    assert (
        refused.text("en")
        == "Sheet Check, row 7, column C: Item SH1: the checklist scores only 1, 2, 3, 4, 5, not 0."
    )

    other = foreign.read_foreign(worded_sheet([3, "好", "✓", "✗", 5, 2]), "w.xlsx")
    assert [(m.key, m.row, m.values["value"]) for m in other.errors] == [
        ("fives_intake.foreign.bad_score_unstated", 5, "好")
    ]


def test_a_column_of_ticks_and_crosses_is_a_pass_fail_checklist(con):
    """Only ticks and crosses (no number, no scale in the header): a pass/fail checklist, scale 0, 1 (a tick 1,
    a cross 0), not 0-4 with a tick at 4, which would let later inspections score a pass/fail item 2 of 4.
    Saved and imported: sort (1 + 0) / 2 = 50 %, set in order 100 %, shine 100 %, standardize 0 %, sustain N/A;
    overall (50 + 100 + 100 + 0) / 4 = 62.5 %; each cross (0 <= 0.25 x 1) opens an action. Confirmed on another
    scale (0-4), a tick is that item's maximum, 4."""
    from portal.fives_intake import editor

    data = worded_sheet(["✓", "✗", "√", "✔", "×", "N/A"])
    sheet = foreign.read_foreign(data, "pass_fail.xlsx")
    assert sheet.errors == []
    assert sheet.scale == (0, 1)
    assert [i.score for i in sheet.items] == [1, 0, 1, 1, 0, None]
    assert sheet.notices[0].values["readings"].en == "SO1 ✓ = 1, SO2 ✗ = 0, SE1 √ = 1, SH1 ✔ = 1, ST1 × = 0"
    templates = tpl.load_all(con)
    draft = foreign.draft_template(sheet, "PF", "", "", tpl.default_template(templates), templates)
    assert draft.allowed_scores == (0, 1) and {i.max_score for i in draft.items} == {1}
    assert check(draft) == []

    on_four, problems = foreign.confirmed(draft, editor.items_table(draft), (0, 1, 2, 3, 4))
    assert problems == []
    assert [s.score for s in foreign.parsed_inspection(sheet, on_four).scores] == [4, 0, 4, 4, 0, None]

    saved = tpl.load(con, writes.add_fives_template_version(con, draft, ADMIN.username)[0])
    _, result = foreign.import_scores(con, sheet, saved, data, ADMIN, now=NOW)
    assert result.rows_added == 6
    got = con.execute(
        "select s.section_pct, i.overall_pct from fives_section_facts s "
        "join fives_inspection_facts i using (inspection_id) order by s.section_position"
    ).fetchall()
    assert [None if p is None else round(p, 3) for p, _ in got] == [50.0, 100.0, 100.0, 0.0, None]
    assert round(got[0][1], 3) == 62.5
    assert con.execute("select item_code from corrective_actions order by 1").fetchall() == [
        ("SO2",),
        ("ST1",),
    ]


def _dated_sheet(day) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Audit"
    ws.append(["Store", "S002"])
    ws.append(["Date", day])
    ws.append(["Area", "Item", "Score (1-5)"])
    ws.append(["Sort", "Aisles free", 4])
    return _bytes(wb)


def test_another_sheets_date_is_read_and_noticed_as_the_portals_own_sheets():
    """Another company's sheet read its date with no word on how: a day-first date, an ambiguous one or an
    unreadable one now get the notices and the error (at the date's cell) the portal's own sheet gives."""
    day_first = foreign.read_foreign(_dated_sheet("13/03/2026"), "a.xlsx")
    assert day_first.inspected_on == date(2026, 3, 13) and day_first.errors == []
    notes = [(m.key, m.cell) for m in day_first.messages if m.level == "notice"]
    assert ("fives_intake.parse.date_day_first", "B2") in notes
    ambiguous = foreign.read_foreign(_dated_sheet("03/11/2026"), "b.xlsx")
    assert ambiguous.inspected_on is not None
    assert any(m.key.startswith("fives_intake.parse.date_ambiguous") for m in ambiguous.messages)
    unreadable = foreign.read_foreign(_dated_sheet("next Tuesday"), "c.xlsx")
    assert unreadable.inspected_on is None
    assert [(m.key, m.cell) for m in unreadable.errors] == [("fives_intake.parse.bad_date", "B2")]


@pytest.mark.parametrize("header", ["检查结果", "结果", "Result", "是否合格"])
def test_a_result_column_of_ticks_and_crosses_is_the_score_column(header):
    # a column headed 检查结果 (√ / ×) was no score column: "holds no 5S inspection sheet" (probe)
    sheet = foreign.read_foreign(worded_sheet(["√", "×", "√", "√", "×", "N/A"], header), "result.xlsx")
    assert sheet.errors == [] and sheet.scale == (0, 1)
    assert [i.score for i in sheet.items] == [1, 0, 1, 1, 0, None]


def test_a_score_column_wins_over_a_result_column_left_of_it():
    wb = Workbook()
    ws = wb.active
    ws.append(["Store", "S001"])
    ws.append(["Date", "2026-11-02"])
    ws.append(["Area", "Item", "检查结果", "得分"])
    ws.append(["Sort", "Aisles free", "符合", 4])
    sheet = foreign.read_foreign(_bytes(wb), "both.xlsx")
    assert sheet.errors == [] and [i.score for i in sheet.items] == [4]


def test_a_sheet_without_an_item_table_names_the_headers_looked_for():
    wb = Workbook()
    wb.active.append(["序号", "检查内容要点", "判定"])
    (refused,) = foreign.read_foreign(_bytes(wb), "none.xlsx").errors
    assert t(refused.key, "en", **refused.values) == (
        "none.xlsx holds no 5S inspection sheet: no worksheet has an item table, a header row with an item column "
        "(headed item, check item, checkpoint, standard, criteria, 检查项, 检查项目, 检查内容, 检查标准, 项目, 内容) "
        "and a "
        "score column (headed score, points, rating, 得分, 实得分, 评分, 分数, 打分, result, results, check result, 检查结果, "
        "结果, 是否合格, or one column per score: 0 1 2 3 4). Download the inspection sheet to see the layout."
    )
    assert t(refused.key, "zh", **refused.values).startswith(
        "none.xlsx 中没有5S检查表：没有任何工作表包含检查项表格，即带有检查项列(表头为item、check item、"
    )


SIGNING_ROWS = [
    ("Seiri", "No clutter at the counter", 5),
    ("", "是否签字", 4),
    ("", "交接记录签字", 3),
    ("", "员工签名", 5),
    ("", "清洁记录表签字确认", "N/A"),
    ("", "Visitor log signature", 2),
    ("Seiton", "Labels on shelves", 4),
]


@pytest.mark.parametrize("marks", [True, False])
def test_short_items_naming_a_signature_are_read_up_to_the_signature_line(marks):
    # 是否签字, 员工签名, "Visitor log signature" ... first in their rows (the category cell merged) ended the
    # table like a signature line: they and every row after them were dropped without a word. An item with a
    # score or a mark is read; the signature line "Inspector signature: | | Bob" (no score, no mark) ends it.
    wb = Workbook()
    ws = wb.active
    ws.append(["Store:", "S001"])
    ws.append(["Date:", "2026-11-02"])
    scale = [1, 2, 3, 4, 5, "N/A"]
    ws.append(["Category", "Check item", *(scale if marks else ["Score (1-5)"]), "Remarks"])
    for section, text, score in SIGNING_ROWS:
        ws.append([section, text, *(["x" if m == score else None for m in scale] if marks else [score]), ""])
    ws.append(["Inspector signature:", None, "Bob", None, "Carol"])
    ws.append(["", "Not an item: below the signature line", *(["x"] if marks else [5])])
    sheet = foreign.read_foreign(_bytes(wb), "signing.xlsx")
    assert sheet.errors == []
    assert [(i.section, i.code, i.text, i.score, i.row) for i in sheet.items] == [
        ("sort", "SO1", "No clutter at the counter", 5, 4),
        ("sort", "SO2", "是否签字", 4, 5),
        ("sort", "SO3", "交接记录签字", 3, 6),
        ("sort", "SO4", "员工签名", 5, 7),
        ("sort", "SO5", "清洁记录表签字确认", None, 8),
        ("sort", "SO6", "Visitor log signature", 2, 9),
        ("set_in_order", "SE1", "Labels on shelves", 4, 10),
    ]
