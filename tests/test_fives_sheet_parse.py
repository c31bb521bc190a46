"""The 5S sheet parser on the corpus written by tests/corpus/inspections/make_corpus.py: each messy sheet is
read with the scores worked out by hand (BASE: 20 items at 4, SO2 1, SE4 0, ST1 2, SU4 3, SH3 N/A: sum 86 over
24 scored items), each bad one refused with its message (key, sheet, row, column) checked."""

from __future__ import annotations

import dataclasses
import importlib.util
from datetime import date
from pathlib import Path

import pytest

from portal import db
from portal.fives_intake import sheet_download, sheet_parse, words
from portal.fives_intake import template as tpl
from portal.i18n import listed

_spec = importlib.util.spec_from_file_location(
    "inspection_corpus", Path(__file__).parent / "corpus" / "inspections" / "make_corpus.py"
)
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    con = db.connect(tmp_path_factory.mktemp("tpl") / "t.duckdb")
    found = tpl.load_all(con)
    con.close()
    return found


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
    ],
)
def test_section_words(text, expected):
    assert words.section_of(text) == expected


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


# ---------------------------------------------------------------- header dates written day first (tester, E1)


def _with_dates(default, *dates) -> bytes:
    """The two-sheet workbook (sheets S001, S002 after "Instructions") with the header dates typed as text."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(corpus.CASES["two_sheets.xlsx"](default)))
    for name, value in zip(("S001", "S002"), dates, strict=False):
        wb[name].cell(3, 2).value = value
    if len(dates) == 1:
        del wb["S002"]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "day_first", "expected", "order", "ambiguous"),
    [
        ("23/11/2026", None, date(2026, 11, 23), "dmy", False),  # 23 > 12: only a day
        ("11/23/2026", None, date(2026, 11, 23), "mdy", False),  # 23 > 12 second: month first
        ("23-11-2026", None, date(2026, 11, 23), "dmy", False),
        ("2.11.2026", None, date(2026, 11, 2), "dmy", False),  # dotted: day first, as complaint files
        ("23.11.2026", None, date(2026, 11, 23), "dmy", False),
        ("3/11/2026", None, date(2026, 3, 11), "mdy", True),  # nothing tells: month first (the default)
        ("3/11/2026", True, date(2026, 11, 3), "dmy", True),  # the workbook's other dates are day first
        ("3/11/2026", False, date(2026, 3, 11), "mdy", True),
        ("5/5/2026", None, date(2026, 5, 5), "mdy", False),  # both readings the same day
        ("２３/１１/２０２６", None, date(2026, 11, 23), "dmy", False),  # full-width digits
        ("23/11/2026 星期一", None, date(2026, 11, 23), "dmy", False),
        ("2026-11-23", None, date(2026, 11, 23), "", False),
        ("31/02/2026", None, None, "dmy", False),
        ("13/13/2026", None, None, "dmy", False),
        ("11月23日", None, None, "", False),  # no year
    ],
)
def test_header_date_spellings(text, day_first, expected, order, ambiguous):
    reading = words.read_date(text, day_first)
    assert (reading.value, reading.order if expected or order else "", reading.ambiguous) == (
        expected,
        order,
        ambiguous,
    )


@pytest.mark.parametrize(
    ("value", "zone", "expected", "in_zone"),
    [
        ("Tue, 10 Feb 2025 03:22:08 +0000", "Asia/Shanghai", date(2025, 2, 10), True),  # RFC 2822
        ("Tue, 10 Feb 2025 20:22:08 GMT", "Asia/Shanghai", date(2025, 2, 11), True),  # 04:22 in Beijing
        ("Tue, 10 Feb 2025 20:22:08 GMT", "UTC", date(2025, 2, 10), True),
        ("10 Feb 2025", "Asia/Shanghai", date(2025, 2, 10), False),  # a date only: as written, in any zone
        ("1739218928", "Asia/Shanghai", date(2025, 2, 11), True),  # Unix time: 2025-02-10 20:22:08 UTC
        ("1739218928", "UTC", date(2025, 2, 10), True),
        ("1739218928000", "Asia/Shanghai", date(2025, 2, 11), True),  # milliseconds
        (1739218928, "Asia/Shanghai", date(2025, 2, 11), True),  # a number cell
        ("20250210", "Asia/Shanghai", date(2025, 2, 10), False),  # compact
        (20250210, "Asia/Shanghai", date(2025, 2, 10), False),  # a bare 8-digit number is a compact date
        (20250210.0, "Asia/Shanghai", date(2025, 2, 10), False),  # ... also as a float cell
        ("２０２５０２１０", "Asia/Shanghai", date(2025, 2, 10), False),  # full-width digits
        ("20250210032208", "Asia/Shanghai", date(2025, 2, 10), False),  # no offset: local time as written
        ("2026-11-23T20:00:00Z", "Asia/Shanghai", date(2026, 11, 24), True),  # an ISO moment: as RFC 2822's
        ("20251302", "UTC", None, False),  # no month 13
        ("12345678", "UTC", None, False),
        ("17391577280", "UTC", None, False),  # 11 digits: no Unix time
        ("Tue, 10 Feb 2025 03:22:08 CST", "UTC", None, False),  # US Central or China Standard Time?
        ("45698", "UTC", date(2025, 2, 10), False),  # a serial day as text (a CSV saved from Excel): a date
        ("19999", "UTC", None, False),  # below the serial range (1954): no stamp
    ],
)
def test_header_date_takes_the_complaint_imports_stamps(value, zone, expected, in_zone):
    """RFC 2822, Unix time and compact dates (commit cdd66e4), read by portal.ingest.stamps: a moment's date in
    the zone given (the reporting zone), as a flat file's date column is read; refused before."""
    reading = words.read_date(value, None, zone)
    assert (reading.value, reading.order, reading.zone) == (
        expected,
        "stamp" if expected else "",
        zone if in_zone else "",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (45698, date(2025, 2, 10)),  # a number cell: an Excel serial day, not a stamp
        (45698.0, date(2025, 2, 10)),
        (45698.5, date(2025, 2, 10)),
        ("2026-11-23 20:00", date(2026, 11, 23)),  # no offset: the date written
    ],
)
def test_a_serial_day_and_a_time_without_offset_are_read_as_before(value, expected):
    assert words.read_date(value, None, "Asia/Shanghai") == words.DateReading(expected)


def test_a_number_typed_in_a_date_cell_is_read_as_the_number():
    """openpyxl gives #VALUE! for 20250210 or a Unix time in a cell formatted yyyy-mm-dd (no such day): the sheet's
    reader takes the number stored; a serial day in such a cell stays a date, an error cell an error."""
    import io
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([20250210, 1739218928, 45698, "#VALUE!"])
    for cell in ws[1][:3]:
        cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    (_, grid), *_ = sheet_parse.read_grids(out.getvalue())
    assert grid == [[20250210, 1739218928, datetime(2025, 2, 10), "#VALUE!"]]


def test_a_header_date_written_as_a_stamp_is_read_with_a_notice(templates, default):
    """Unix time in S001's date cell, a compact date as a number in S002's: read (before: "cannot be read"),
    each said in a notice; the Unix time's date is Beijing's, the zone given."""
    data = _with_dates(default, 1739218928, 20250210)
    r = sheet_parse.parse_workbook(data, "stamps.xlsx", templates, default, "Asia/Shanghai")
    assert r.errors == []
    assert [(i.sheet, i.inspected_on) for i in r.inspections] == [
        ("S001", date(2025, 2, 11)),
        ("S002", date(2025, 2, 10)),
    ]
    notes = [m for m in r.notices if m.key.startswith("fives_intake.parse.date")]
    assert [n.text("en") for n in notes] == [
        "Sheet S001, row 3, column B: The date '1739218928' is a point in time (with its offset, or Unix time, "
        "which is UTC); it is read as 2025-02-11, its date in Beijing time.",
        "Sheet S002, row 3, column B: The date '20250210' is read as 2025-02-10.",
    ]
    assert (
        notes[0]
        .text("zh")
        .endswith(
            "日期 '1739218928' 是带时区的时间点(含时差，或为按 UTC 计的 Unix 时间)；按北京时间读作 2025-02-11。"
        )
    )
    assert notes[1].text("zh").endswith("日期 '20250210' 读作 2025-02-10。")


def test_a_day_first_header_date_is_read_with_a_notice(templates, default):
    # the tester's sheet E1: '23/11/2026' was refused ("cannot be read. Write it as 2026-11-30")
    r = sheet_parse.parse_workbook(_with_dates(default, "23/11/2026"), "e1.xlsx", templates, default)
    assert r.errors == []
    (insp,) = r.inspections
    assert insp.inspected_on == date(2026, 11, 23)
    (note,) = [m for m in r.notices if m.key.startswith("fives_intake.parse.date")]
    assert note.text("en") == (
        "Sheet S001, row 3, column B: The date '23/11/2026' is read day first (DD/MM/YYYY): 2026-11-23."
    )
    assert note.text("zh").endswith("日期 '23/11/2026' 按“日/月/年”读取：2026-11-23。")


def test_an_ambiguous_header_date_takes_the_workbook_order(templates, default):
    # S001's 23/11/2026 shows the workbook writes day first, so S002's 3/11/2026 is 3 November, not 11 March
    data = _with_dates(default, "23/11/2026", "3/11/2026")
    r = sheet_parse.parse_workbook(data, "two.xlsx", templates, default)
    assert r.errors == []
    assert [(i.sheet, i.inspected_on) for i in r.inspections] == [
        ("S001", date(2026, 11, 23)),
        ("S002", date(2026, 11, 3)),
    ]
    (note,) = [m for m in r.notices if m.key == "fives_intake.parse.date_ambiguous_file"]
    assert (note.sheet, note.row, note.column) == ("S002", 3, "B")
    assert note.text("en") == (
        "Sheet S002, row 3, column B: The date '3/11/2026' could be 2026-11-03 (day first) or 2026-03-11 "
        "(month first); it is read as 2026-11-03, the order of the workbook's other dates. If that is wrong, "
        "write it year-month-day."
    )
    assert (
        "可读作 2026-11-03(日/月/年)或 2026-03-11(月/日/年)；按本工作簿其他日期的写法读作 2026-11-03"
        in note.text("zh")
    )


def test_an_ambiguous_header_date_alone_is_read_month_first_naming_both(templates, default):
    r = sheet_parse.parse_workbook(_with_dates(default, "3/11/2026"), "one.xlsx", templates, default)
    assert r.errors == []
    assert r.inspections[0].inspected_on == date(2026, 3, 11)  # month first, the portal's default
    (note,) = [m for m in r.notices if m.key == "fives_intake.parse.date_ambiguous_default"]
    for lang in ("en", "zh"):
        assert "2026-11-03" in note.text(lang) and "2026-03-11" in note.text(lang)
    assert "nothing in the workbook tells, so it is read month first" in note.text("en")
    assert "工作簿中没有可判断的日期，按“月/日/年”" in note.text("zh")


def test_an_unreadable_header_date_gets_an_example_from_its_cell(templates, default):
    # 31 February does not exist either way round: the example keeps the cell's year and month, the day
    # brought to February's last (2026 is no leap year: 28); the message no longer says 2026-11-30 whatever the cell
    r = sheet_parse.parse_workbook(_with_dates(default, "31/02/2026"), "bad.xlsx", templates, default)
    (bad,) = r.errors
    assert (bad.key, bad.row, bad.column) == ("fives_intake.parse.bad_date", 3, "B")
    assert bad.text("en") == (
        "Sheet S001, row 3, column B: The date '31/02/2026' cannot be read. Write it year-month-day, as 2026-02-28."
    )
    assert bad.text("zh").endswith("无法识别日期 '31/02/2026'。请按“年-月-日”填写，如 2026-02-28。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11月23日", "2030-11-23"),  # no year: this year's (today given as 2030-01-05)
        ("31/02/2026", "2026-02-28"),
        ("2026-13-05", "2026-05-13"),  # 13 is no month: the day
        ("next Tuesday", "2030-01-05"),  # nothing to build from: today
    ],
)
def test_date_example(text, expected):
    assert words.date_example(text, today=date(2030, 1, 5)) == expected


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
