"""The 5S sheet parser on the corpus written by tests/corpus/inspections/make_corpus.py: each messy sheet is
read with the scores worked out by hand (BASE: 20 items at 4, SO2 1, SE4 0, ST1 2, SU4 3, SH3 N/A: sum 86 over
24 scored items), each bad one refused with its message (key, sheet, row, column) checked."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from portal.fives_intake import sheet_download, sheet_parse, words
from portal.fives_intake import template as tpl
from portal.i18n import listed

_spec = importlib.util.spec_from_file_location(
    "inspection_corpus", Path(__file__).parent / "corpus" / "inspections" / "make_corpus.py"
)
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


@pytest.fixture(scope="module")
def templates(fives_templates):
    return fives_templates


@pytest.fixture(scope="module")
def default(templates):
    return tpl.default_template(templates)


def parse(name, templates, default):
    return sheet_parse.parse_workbook(corpus.CASES[name](default), name, templates, default)


def keys(result, level="error"):
    return [(m.key, m.sheet, m.row, m.column) for m in result.messages if m.level == level]


def totals(inspection):
    return (
        sum(s.score for s in inspection.scores if s.score is not None),
        sorted(s.item_code for s in inspection.scores if s.not_applicable),
    )


def test_corpus_has_at_least_ten_cases():
    assert len(corpus.CASES) >= 10


def test_clean_sheet(templates, default):
    r = parse("clean.xlsx", templates, default)
    assert r.messages == []
    (insp,) = r.inspections
    assert (insp.store, insp.inspected_on, insp.inspector) == ("S001", date(2026, 11, 2), "Ivan Inspector")
    assert insp.inspection_id == "S001-20261102-AAAA"
    assert insp.template.label == "FIVES_RETAIL v1"
    assert totals(insp) == (86, ["SH3"])
    by_code = {s.item_code: s for s in insp.scores}
    assert by_code["SO2"].comment == "Expired yoghurt on shelf 3"
    assert by_code["SO2"].row == 10  # header row 8, SO1 on row 9
    assert [s.item_code for s in insp.scores][:6] == ["SO1", "SO2", "SO3", "SO4", "SO5", "SE1"]


@pytest.mark.parametrize("name", ["blank_rows_spaces.xlsx", "summary_and_tables_below.xlsx"])
def test_messy_sheets_read_same_scores(templates, default, name):
    r = parse(name, templates, default)
    assert r.errors == []
    (insp,) = r.inspections
    assert totals(insp) == (86, ["SH3"])


def test_synonyms_and_a_typo(templates, default):
    r = parse("synonyms_typos.xlsx", templates, default)
    (insp,) = r.inspections
    assert totals(insp) == (86, ["SH3"])
    # only the typo is a guess worth telling; Seiri, Straighten, 清扫, Systematize are synonyms
    assert [(m.key, m.values["value"], m.values["section"], m.row, m.column) for m in r.notices] == [
        ("fives_intake.parse.section_guessed", "Substain", "Sustain", 29, "A")
    ]


def test_text_scores(templates, default):
    # 86 - 1 (SO1 3分) - 1 (SO3 三) - 4 (SE1 不适用) - 2 (SE3 2/4) - 1 (SH1 3.0) - 4 (SU1 n/a) = 73
    (insp,) = parse("text_scores_zh.xlsx", templates, default).inspections
    assert totals(insp) == (73, ["SE1", "SH3", "SU1"])


def test_x_columns_other_layout(templates, default):
    r = parse("x_columns_zh.xlsx", templates, default)
    assert r.errors == []
    (insp,) = r.inspections
    assert (insp.store, insp.inspected_on, insp.inspector, insp.inspection_id) == (
        "S001 一号店",  # the cell as written: the import matches the store by the code it holds
        date(2026, 11, 2),
        "李检查",
        None,
    )
    assert totals(insp) == (86, ["SH3"])
    assert keys(r, "notice") == [("fives_intake.parse.below_table", "门店5S", 33, "A")]


def test_summary_cells_and_tables_below(templates, default):
    r = parse("summary_and_tables_below.xlsx", templates, default)
    notices = {m.key: m for m in r.notices}
    assert notices["fives_intake.parse.below_table"].values["text"] == "Total"
    # 25 "#DIV/0!" in the Section % column, "#REF!" in the total, "#N/A" in the action table: 27
    assert notices["fives_intake.parse.formula_ignored"].values["n"] == 27


def test_two_sheets_and_an_instructions_sheet(templates, default):
    r = parse("two_sheets.xlsx", templates, default)
    assert [(i.store, i.inspection_id, totals(i)[0]) for i in r.inspections] == [
        ("S001", "S001-20261102-AAAA", 86),
        ("S002", "S002-20261102-BBBB", 75),  # 25 x 3
    ]
    assert keys(r, "notice") == [("fives_intake.parse.sheet_skipped", "Instructions", None, None)]


REFUSED = {
    "score_formula_error.xlsx": [("fives_intake.parse.score_formula", "S001", 22, "D")],
    "bad_scores.xlsx": [
        ("fives_intake.parse.out_of_range", "S001", 9, "D"),
        ("fives_intake.parse.bad_score", "S001", 11, "D"),
        ("fives_intake.parse.fraction", "S001", 15, "D"),
        ("fives_intake.parse.no_score", "S001", 18, "D"),
    ],
    "missing_and_duplicate.xlsx": [
        ("fives_intake.parse.duplicate_item", "S001", 15, "B"),
        ("fives_intake.parse.missing_items", "S001", 8, None),
    ],
    "unknown_section.xlsx": [
        ("fives_intake.parse.unknown_section", "S001", 19, "A"),
        ("fives_intake.parse.missing_items", "S001", 8, None),
    ],
    "no_store_bad_date.xlsx": [
        ("fives_intake.parse.no_store", "S001", 2, "B"),
        ("fives_intake.parse.bad_date", "S001", 3, "B"),
    ],
    "two_marks.xlsx": [
        ("fives_intake.parse.two_marks", "门店5S", 7, "C"),
        ("fives_intake.parse.score_formula", "门店5S", 8, "C"),
    ],
    "unknown_template.xlsx": [("fives_intake.parse.unknown_template", "S001", 5, "B")],
    "csv_renamed.xlsx": [("fives_intake.parse.not_xlsx", None, None, None)],
    "no_item_table.xlsx": [("fives_intake.parse.no_sheet", None, None, None)],
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_sheets(templates, default, name):
    r = parse(name, templates, default)
    assert r.inspections == []
    assert keys(r) == REFUSED[name]
    for m in r.errors:  # every message reads in both languages with its values filled in
        assert "{" not in m.text("en") and "{" not in m.text("zh")


def test_refusal_messages_say_what_to_do(templates, default):
    r = parse("bad_scores.xlsx", templates, default)
    assert [m.text("en") for m in r.errors][:2] == [
        "Sheet S001, row 9, column D: Item SO1: the score 5 is outside 0 to 4.",
        "Sheet S001, row 11, column D: Item SO3: 'good' is not a score. Enter 0 to 4, or N/A.",
    ]
    missing = parse("missing_and_duplicate.xlsx", templates, default).errors[1]
    assert missing.values == {"items": listed(["SO3", "SE2"]), "n": 2}
    assert "SO3、SE2" in missing.text("zh")  # listed with the enumeration comma in Chinese


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seiri", ("sort", False)),
        ("Straighten", ("set_in_order", False)),
        ("Sweep", ("shine", False)),
        ("Systematize", ("standardize", False)),
        ("Self-discipline", ("sustain", False)),
        ("清扫", ("shine", False)),
        ("素养", ("sustain", False)),
        ("1. Sort 整理", ("sort", False)),
        ("Seiketsu (Standardize)", ("standardize", False)),
        ("Substain", ("sustain", True)),
        ("Safety", (None, False)),
        # Chinese sheets number their sections, note the points or add a word (probe p3, p10)
        ("一、整理", ("sort", False)),
        ("整顿（20分）", ("set_in_order", False)),
        ("清扫区域", ("shine", False)),
        ("清洁小计", ("standardize", False)),
        ("1S 整理 SEIRI", ("sort", False)),
        ("整理整顿", (None, False)),  # two S: no section
    ],
)
def test_section_words(text, expected):
    assert words.section_of(text) == expected


def test_chinese_section_labels_with_numbering_points_or_a_suffix_are_read(default):
    """Probe p3/p10: 一、整理, 整理（20分）, 整理区域 in the section column were refused as "not one of the five S",
    and the row's item then said missing; each is read as its S. Every item scores 3: 25 x 3 = 75. A label
    naming two S (整理整顿) is still refused, and the item on its row is then missing."""
    labels = {
        "sort": "一、整理",
        "set_in_order": "二、整顿（20分）",
        "shine": "清扫区域",
        "standardize": "四、清洁",
    }
    grid = [
        ["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"],
        ["类别", "编号", "检查项目", "得分", "备注"],
    ]
    for item in default.ordered_items():
        label = labels.get(item.section, "素养（20分）") if item.position == 1 else None
        grid.append([label, item.code, item.text_zh, 3, None])
    inspection, messages, _ = sheet_parse.parse_grid(grid, "S001", {}, default)
    assert inspection is not None, [m.text() for m in messages]
    assert messages == [] and totals(inspection) == (75, [])
    grid[2][0] = "整理整顿"  # SO1's row
    inspection, messages, _ = sheet_parse.parse_grid(grid, "S001", {}, default)
    assert inspection is None
    assert [(m.key, m.row, m.column) for m in messages] == [
        ("fives_intake.parse.unknown_section", 3, "A"),
        ("fives_intake.parse.missing_items", 2, None),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3),
        (3.0, 3),
        ("3分", 3),
        ("三", 3),
        ("３", 3),
        ("2/4", 2),
        (" 4 ", 4),
        ("2.5", 2.5),
        ("good", None),
        ("零", 0),
    ],
)
def test_score_spellings(value, expected):
    assert words.score_of(value) == expected


def test_a_sections_subtotal_row_with_items_below_is_passed_over(default):
    """Probe p3 (case p3c), p2: 小计 in the item column after the 整理 block ended the item table ("The item table
    ends here") and the 20 items below were then said missing; 整理小计 in the section column was refused. A
    subtotal row with items below it is passed over; the 合计 row at the end still ends the table.
    Rows: 1 header block, 2 table header, items from row 3 with a subtotal after each block of five: SO 3-7,
    subtotal 8, SE 9-13, 14, SH 15-19, 20, ST 21-25, 26, SU 27-31, 合计 32. Every item 4, SO2 1: 100 - 3 = 97."""
    subtotals = {
        "sort": [None, None, "小计", 17, None],
        "set_in_order": ["整顿小计", None, None, 20, None],
        "shine": ["Shine subtotal", None, None, 20, None],
        "standardize": [None, None, "小计：", 20, None],
        "sustain": ["合计", None, None, 97, None],
    }
    grid = [
        ["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"],
        ["类别", "编号", "检查项目", "得分", "备注"],
    ]
    for item in default.ordered_items():
        label = default.section(item.section).name_zh if item.position == 1 else None
        grid.append([label, item.code, item.text_zh, 1 if item.code == "SO2" else 4, None])
        if item == default.items_of(item.section)[-1]:
            grid.append(subtotals[item.section])
    assert grid[7][2] == "小计" and grid[31][0] == "合计"
    inspection, messages, _ = sheet_parse.parse_grid(grid, "S001", {}, default)
    assert inspection is not None, [m.text() for m in messages]
    assert totals(inspection) == (97, [])
    assert [(m.key, m.row, m.column) for m in messages] == [("fives_intake.parse.below_table", 32, "A")]


def test_section_heading_rows_are_read_in_a_table_without_a_section_column(default):
    """Probe p23/p23d: a row holding only 整理 between the item blocks of a table with no section column (merged
    across the table, or typed in column A or B) was read as an item: "The item '整理' is not on the checklist"
    five times and the sheet refused. Such a row heads its S. Every item scores 2: 25 x 2 = 50. A section name
    with a score beside it is no heading: still refused."""
    headings = {
        "sort": ["整理"] * 4,  # merged across A:D (the reader copies the value into every cell)
        "set_in_order": ["整顿", None, None, None],
        "shine": [None, "三、清扫（20分）", None, None],
        "standardize": ["清洁"] * 4,
        "sustain": [None, "Sustain", None, None],
    }
    grid = [
        ["门店", "S001", "检查日期", "2026-03-05", "检查人", "张三"],
        ["编号", "检查项目", "得分", "备注"],
    ]
    for item in default.ordered_items():
        if item.position == 1:
            grid.append(headings[item.section])
        grid.append([item.code, item.text_zh, 2, None])
    inspection, messages, _ = sheet_parse.parse_grid(grid, "S001", {}, default)
    assert inspection is not None, [m.text() for m in messages]
    assert messages == [] and totals(inspection) == (50, [])
    grid[2] = ["整理", None, 4, None]  # a score: no heading
    inspection, messages, _ = sheet_parse.parse_grid(grid, "S001", {}, default)
    assert inspection is None
    assert [(m.key, m.row, m.column) for m in messages] == [("fives_intake.parse.unknown_item", 3, "A")]


def test_downloaded_sheet_is_a4_with_validation(default):
    import io

    import openpyxl

    data = sheet_download.build_sheet(default, "S001", "Store One", date(2026, 11, 2), "Ivan", "zh", "X-1")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws["A2"].value, ws["B2"].value, ws["A3"].value) == ("门店", "S001", "日期")
    assert ws["C9"].value == "卖场和仓库只存放需要的商品、陈列道具和工具。"  # SO1 in Chinese
    (dv,) = ws.data_validations.dataValidation
    assert dv.formula1 == '"0,1,2,3,4,N/A"'
    assert str(dv.sqref).split()[0] == "D9" and len(str(dv.sqref).split()) == 25
    # an empty download parses back to 25 "no score" refusals: the layout is the parser's own
    r = sheet_parse.parse_workbook(data, "x.xlsx", {(default.code, default.version): default}, default)
    assert {m.key for m in r.errors} == {"fives_intake.parse.no_score"} and len(r.errors) == 25


def test_hand_made_grid_variants(default):
    """A sheet typed by hand: labels and values in one cell, bilingual labels, an Excel serial date, a score
    header with its range, items known by text (one under a wrong code), one under the wrong section."""
    items = list(default.ordered_items())
    grid = [
        ["Store / 门店: S002 Store Two"],
        ["Inspection date", 46328],  # Excel's day number of 2026-11-02
        ["检查人 Inspector", "  Li  "],
        [],
        ["S", "No.", "Check item", "Score (0-4)", "Remarks"],
    ]
    for k, item in enumerate(items):
        code = item.code
        text = ""
        if k == 0:
            code, text = "XX9", item.text_en  # a wrong code, the right text
        elif k == 1:
            code, text = "", item.text_zh + " "  # text only, Chinese, trailing space
        section = default.section(item.section).name_en if item.position == 1 else None
        if item.code == "SE1":
            section = "Shine"  # SE1 typed under the wrong S
        if item.code == "SE2":
            section = "Set in order"
        grid.append([section, code, text, 2, None])
    grid.append(["Area to improve", None, "#REF!"])
    inspection, messages, is_sheet = sheet_parse.parse_grid(grid, "Hand", {}, default)
    assert is_sheet and inspection is not None, [m.text() for m in messages]
    assert (inspection.store, inspection.inspected_on, inspection.inspector) == (
        "S002 Store Two",  # the cell as written (the import: S002)
        date(2026, 11, 2),
        "Li",
    )
    assert totals(inspection) == (50, [])  # 25 x 2
    assert [(m.key, m.row, m.column) for m in messages] == [
        ("fives_intake.parse.item_by_text", 6, "B"),
        ("fives_intake.parse.other_section", 11, "A"),
        ("fives_intake.parse.below_table", 31, "A"),
        ("fives_intake.parse.formula_ignored", None, None),
    ]


def test_another_point_scale(default):
    """A checklist scored 0/1/2/4 (another company's scale; fives_templates.allowed_scores): a 3 is refused, the
    downloaded sheet's validation lists only the allowed scores."""
    import dataclasses
    import io

    import openpyxl

    scale = dataclasses.replace(default, allowed_scores=(0, 1, 2, 4))
    assert scale.scores_for(scale.item("SO1")) == (0, 1, 2, 4)
    data = sheet_download.build_sheet(scale, "S001", "Store One", date(2026, 11, 2), "Ivan", "en", "X-2")
    (dv,) = openpyxl.load_workbook(io.BytesIO(data)).active.data_validations.dataValidation
    assert dv.formula1 == '"0,1,2,4,N/A"'
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for r in range(9, 34):
        wb.active.cell(r, 4).value = 3 if r == 9 else 4
    out = io.BytesIO()
    wb.save(out)
    r = sheet_parse.parse_workbook(out.getvalue(), "x.xlsx", {(scale.code, scale.version): scale}, scale)
    assert [(m.key, m.row, m.column, m.values) for m in r.errors] == [
        (
            "fives_intake.parse.not_allowed",
            9,
            "D",
            {"value": 3, "item": "SO1", "allowed": listed([0, 1, 2, 4])},
        )
    ]


def test_a_hidden_blank_master_sheet_is_passed_over(templates, default):
    # a workbook whose blank master copy of the sheet is hidden (store staff copy it for each store): the
    # inspections of the visible sheets are read, the hidden master is not a sheet with missing scores
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(corpus.CASES["two_sheets.xlsx"](default)))
    master = wb.copy_worksheet(wb["S001"])
    master.title = "模板"
    for row in master.iter_rows(min_row=9):
        for cell in row[3:4]:  # column D: the scores
            if isinstance(cell.value, int | float):
                cell.value = None
    master.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    r = sheet_parse.parse_workbook(out.getvalue(), "x.xlsx", templates, default)
    assert keys(r) == []
    assert [(i.store, totals(i)[0]) for i in r.inspections] == [("S001", 86), ("S002", 75)]
    # the same sheet visible is read, and refused for its missing scores: the check above is not vacuous
    master.sheet_state = "visible"
    out = io.BytesIO()
    wb.save(out)
    r = sheet_parse.parse_workbook(out.getvalue(), "x.xlsx", templates, default)
    assert any(m.sheet == "模板" for m in r.messages if m.level == "error")


def test_an_empty_date_or_store_names_the_cell_beside_its_label(templates, default):
    """c_missing_date.xlsx (probe h3): the date cell B3 beside "Date" (A3) left empty said "row 8, column -" (the
    item table's header row); it names B3, and an empty store B2. A "Date:" label in a merged pair of cells names
    the cell after the pair; a sheet with no date label at all still names the table's header row."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(corpus.clean(default)))
    assert (wb.active["A3"].value, wb.active["A2"].value) == ("Date", "Store")
    wb.active["B3"] = None
    wb.active["B2"] = wb.active["C2"] = None
    out = io.BytesIO()
    wb.save(out)
    result = sheet_parse.parse_workbook(out.getvalue(), "c.xlsx", templates, default)
    assert keys(result) == [
        ("fives_intake.parse.no_store", "S001", 2, "B"),
        ("fives_intake.parse.no_date", "S001", 3, "B"),
    ]
    assert result.errors[1].text("en") == (
        "Sheet S001, row 3, column B: The header names no inspection date. Fill in the date next to “Date”."
    )
    assert (
        result.errors[1].text("zh")
        == "工作表 S001，第 3 行，第 B 列：表头没有检查日期。请在“日期”旁填写日期。"
    )
    rows = [[c.code, c.text_en, 4] for c in default.ordered_items()]
    grid = [["Store", "S001"], ["Date:", "Date:", None], ["Code", "Item", "Score"], *rows]
    _, messages, _ = sheet_parse.parse_grid(grid, "Typed", {}, default)
    assert [(m.key, m.row, m.column) for m in messages if m.level == "error"] == [
        ("fives_intake.parse.no_date", 2, "C")
    ]
    _, messages, _ = sheet_parse.parse_grid([["Store", "S001"], *grid[2:]], "Typed", {}, default)
    assert [(m.key, m.row, m.column) for m in messages if m.level == "error"] == [
        ("fives_intake.parse.no_date", 2, None)
    ]


def test_an_empty_inspector_names_its_cell_and_a_whole_sheet_notice_no_row_or_column(templates, default):
    """f03_two_sheets_one_bad.xlsx (probe): an empty inspector cell B4 said "Sheet S001, row 8, column -" (the
    item table's header row); it names B4. A notice of the whole sheet said "row -, column -"; a refusal of the
    whole file "Sheet -, row -, column -": the place is left out where there is none."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(corpus.clean(default)))
    assert wb.active["A4"].value == "Inspector"
    wb.active["B4"] = None
    wb.active["D9"] = "满分"
    out = io.BytesIO()
    wb.save(out)
    result = sheet_parse.parse_workbook(out.getvalue(), "f.xlsx", templates, default)
    assert keys(result, "notice") == [
        ("fives_intake.parse.score_words", "S001", None, None),
        ("fives_intake.parse.no_inspector", "S001", 4, "B"),
    ]
    words_read, no_inspector = result.notices
    assert no_inspector.text("en") == (
        "Sheet S001, row 4, column B: No inspector is named; the inspection is recorded under the uploading user."
    )
    assert no_inspector.text("zh").startswith("工作表 S001，第 4 行，第 B 列：")
    assert words_read.text("en").startswith("Sheet S001: 1 score was written as a word or a mark")
    assert words_read.text("zh").startswith("工作表 S001：")
    (refused,) = sheet_parse.parse_workbook(b"PK\x03\x04", "x.xlsx", templates, default).errors
    assert refused.text("en").startswith("x.xlsx cannot be read as a workbook")
    assert sheet_parse.where("en", "S001", 9) == "Sheet S001, row 9"
    assert sheet_parse.where("zh", "S001", 9) == "工作表 S001，第 9 行"


def test_a_picture_and_cells_in_no_column_read_are_said_in_notices(templates, default, tmp_path):
    """i_s002_embedded_photo.xlsx and a_s001_s002_handfilled.xlsx (probe h3): a photo pasted beside a failed item
    and an extra column F "整改人" (who corrects it) were dropped without a word; the sheet is still read."""
    import io

    from openpyxl import load_workbook
    from openpyxl.drawing.image import Image
    from PIL import Image as Pil

    Pil.new("RGB", (8, 6), "red").save(tmp_path / "p.png")
    wb = load_workbook(io.BytesIO(corpus.clean(default)))
    ws = wb.active
    ws["F8"], ws["F10"] = "整改人", "张三"
    ws.add_image(Image(tmp_path / "p.png"), "F14")
    out = io.BytesIO()
    wb.save(out)
    result = sheet_parse.parse_workbook(out.getvalue(), "i.xlsx", templates, default)
    assert len(result.inspections) == 1 and not result.errors
    said = {m.key: m for m in result.notices}
    outside, pictures = said["fives_intake.parse.cells_outside"], said["fives_intake.parse.pictures"]
    assert outside.text("en") == (
        "Sheet S001: 2 cells of the item table are in no column the portal reads (section, item, "
        "score, comment) and were not imported: F8 “整改人”, F10 “张三”."
    )
    assert outside.text("zh") == (
        "工作表 S001：检查项表格中有 2 个单元格不在门户读取的列(分区、检查项、得分、备注)中，未导入："
        "F8 “整改人”、F10 “张三”。"
    )
    assert pictures.text("en") == (
        "Sheet S001: 1 picture in this sheet (F14) was not imported: pictures in a sheet are not "
        "read. To keep a photo of a finding, take it in the tablet form."
    )
    assert pictures.text("zh") == (
        "工作表 S001：此工作表中的 1 张图片(F14)未导入：检查表中的图片不会被读取。如需保留问题照片，"
        "请在平板表单中拍摄。"
    )
    clean = sheet_parse.parse_workbook(corpus.clean(default), "c.xlsx", templates, default)
    assert not {"fives_intake.parse.cells_outside", "fives_intake.parse.pictures"} & {
        m.key for m in clean.notices
    }


@pytest.mark.parametrize("header", ["检查项", "检查项目", "项目"])
def test_the_item_column_reads_under_the_glossary_word_and_the_words_sheets_used_before(default, header):
    """The sheet's item column is headed 检查项 (GLOSSARY) now; sheets filled in under 检查项目 (the download said so
    before) or 项目 still read; so do the flat layout's 检查项编号 and its former 项目编号."""
    grid = [
        ["门店", "S002"],
        ["检查日期", "2026-11-02"],
        ["检查员", "Li"],
        [],
        ["分区", "编号", header, "得分", "备注"],
    ]
    grid += [[None, item.code, item.text_zh, 3, None] for item in default.ordered_items()]
    inspection, messages, is_sheet = sheet_parse.parse_grid(grid, "Sheet", {}, default)
    assert is_sheet and inspection is not None, [m.text() for m in messages]
    assert (inspection.inspector, totals(inspection)) == ("Li", (75, []))
    assert words.match_label(header, words.COLUMN_LABELS) == "item"
    for code in ("检查项编号", "项目编号"):
        assert words.match_label(code, words.COLUMN_LABELS) == "code"


def test_a_title_row_above_the_header_block_is_no_label(default):
    """Probe p7: an unmerged title 门店5S检查表 in A1 (a form number 表单编号：QR-5S-01 in E1) was read as the store
    label, 门店 being a run of Chinese inside it, and the form number as the store: "Unknown store code". A Chinese
    word written against Latin or digits is part of a title; the store is the S001 beside 门店 in row 2, and
    5S检查表 is no checklist label either. A bilingual label still reads on either part."""
    items = [[None, item.code, item.text_zh, 4, None] for item in default.ordered_items()]
    header = [
        ["门店", "S001", "日期", "2026-03-05", "检查人", "张三"],
        ["类别", "编号", "检查项目", "得分", "备注"],
    ]
    for title in (
        ["门店5S检查表", None, None, None, "表单编号：QR-5S-01"],
        ["5S检查表", None, None, None, "第1页"],
    ):
        inspection, messages, _ = sheet_parse.parse_grid([title, *header, *items], "Sheet1", {}, default)
        assert inspection is not None, [m.text() for m in messages]
        assert (inspection.store, inspection.header_cells["store"]) == ("S001", (2, "B"))
        assert totals(inspection) == (100, [])  # 25 x 4
    assert words.match_label("门店5S检查表", words.HEADER_LABELS) is None
    for label in ("门店 Store", "Store / 门店", "门店Store", "检查日期 Date of inspection"):
        assert words.match_label(label, words.HEADER_LABELS) in ("store", "date")


def test_the_flat_layout_reads_its_former_chinese_headers():
    """The flat template's headers are 检查员 and 检查项编号 now (GLOSSARY); files made from the earlier template
    (检查人, 项目编号) still map without a hand."""
    from portal.ingest import mapping, registry

    kind = registry.kind("inspections")
    for inspector, code in (("检查员", "检查项编号"), ("检查人", "项目编号")):
        suggested = mapping.suggest_mapping(
            kind, ["检查编号", "门店编码", "检查日期", inspector, code, "得分"]
        )
        assert (suggested["inspector"], suggested["item_code"]) == (inspector, code)


def test_an_unreadable_workbook_is_said_in_the_page_language(templates, default):
    """A file that starts as a zip but is no workbook: the reason is the portal's words on a Chinese page, not the
    reader's exception class ("BadZipFile"); the reader's own words on an English one (session 37's probe)."""
    from portal.fives_intake import foreign

    data = sheet_parse.ZIP_MAGIC + b"\x00" * 64  # a zip header and nothing a zip holds
    for errors in (
        sheet_parse.parse_workbook(data, "broken.xlsx", templates, default).errors,
        foreign.read_foreign(data, "broken.xlsx").errors,
    ):
        assert [m.key for m in errors] == ["fives_intake.parse.unreadable"]
        zh, en = errors[0].text("zh"), errors[0].text("en")
        assert "文件已损坏或不是 Excel 工作簿" in zh and "Error" not in zh and "Zip" not in zh
        assert "broken.xlsx" in en and "BadZipFile" not in en
