"""The ``inspections`` upload kind on filled-in sheets (split from tests/test_fives_intake_kind.py, unchanged): sheets
import like flat rows, their errors name the sheet, row and column letter, words and marks read as scores, the
store cell matched, the date and the inspector as the sheet gives them."""

from __future__ import annotations

import io
from datetime import date

import pytest

from portal.fives_intake import template as tpl
from portal.fives_intake.fields import FLAT_HEADERS
from portal.fives_intake.kind import KIND
from portal.i18n import listed, t
from portal.ingest import batches, pipeline, reading, validation
from tests import test_fives_intake_kind as kind_tests
from tests.fives_intake_fixture import ADMIN, INSPECTOR_S001
from tests.test_fives_intake_kind import BASE, corpus, flat, opts, rows

db = kind_tests.db  # its fixture


def test_filled_sheets_import_like_flat_rows(db):
    default = tpl.default_template(tpl.load_all(db))
    data = corpus.two_sheets(default)
    prepared, result = pipeline.import_bytes(db, KIND, data, "two.xlsx", None, opts(), ADMIN)
    assert result.rows_added == 50
    read = dict(prepared.notices)["fives_intake.notice.sheets_read"]
    assert t("fives_intake.notice.sheets_read", "en", **read) == (
        "2 inspection sheets read (S001 Store One on 2026-11-02, S002 Store Two on 2026-11-02); each item is a "
        "row below."
    )
    assert rows(db, "select source_id, inspector_name from fives_inspections order by 1") == [
        ("S001-20261102-AAAA", "Ivan Inspector"),
        ("S002-20261102-BBBB", "Ivan Inspector"),
    ]
    assert rows(db, "select count(*) from corrective_actions") == [(2,)]  # S001's SO2 and SE4; S002 all 3
    # a flat file with the same inspection ids and scores afterwards: unchanged
    sheet_rows = pipeline.read(db, KIND, data, "two.xlsx").frame
    assert list(sheet_rows.index[:2]) == [9, 10] and list(sheet_rows.index[25:27]) == [1009, 1010]


def test_the_sheets_read_notice_names_each_inspections_store_as_the_receipt_does(db):
    """The notice named the worksheets ("1 inspection sheet read (Sheet1)"), whatever store the sheet is of; now
    each inspection's store code and name (the page's language's) and its date, as the tablet form's receipt
    does. A store outside the uploader's scope is named by its code alone (its name is not theirs to read)."""
    default = tpl.default_template(tpl.load_all(db))
    db.execute("update stores set name_zh = '一号店' where store_code = 'S001'")
    data = corpus.two_sheets(default)
    raw = pipeline.read(db, KIND, data, "two.xlsx", scope=INSPECTOR_S001.scope)
    read = dict(raw.notes)["fives_intake.notice.sheets_read"]
    assert t("fives_intake.notice.sheets_read", "en", **read) == (
        "2 inspection sheets read (S001 Store One on 2026-11-02, S002 on 2026-11-02); each item is a row below."
    )
    assert t("fives_intake.notice.sheets_read", "zh", **read) == (
        "已读取 2 张检查表(S001 一号店 2026-11-02、S002 2026-11-02)；以下每行为一个检查项。"
    )


def test_a_file_without_a_checklist_column_reads_like_a_blank_one(db):
    """No template column at all is the same as a blank one: every inspection on the current checklist (a
    missing column once gave NaN, not None, and every row was refused as an unknown checklist)."""
    blank = flat({("C-1", "S003", "2026-11-04"): BASE}).decode().splitlines()
    at = FLAT_HEADERS.index("template")
    without = "\n".join(",".join(c for k, c in enumerate(ln.split(",")) if k != at) for ln in blank)
    assert "template" not in without.splitlines()[0]
    prepared, result = pipeline.import_bytes(db, KIND, without.encode(), "no_col.csv", None, opts(), ADMIN)
    assert prepared.errors.empty
    assert (result.rows_added, result.rows_skipped) == (25, 0)
    default = tpl.default_template(tpl.load_all(db))
    assert rows(db, "select source_id, template_id from fives_inspections") == [("C-1", default.template_id)]


def test_errors_of_sheets_name_the_sheet_its_row_and_column_letter(db, capsys):
    """sheet_v10_copied_id.xlsx: the S002 sheet copied from S001 with its inspection id unchanged. Every error
    says the worksheet, the row as Excel shows it and the column letter, as the sheet parser's own messages do
    ("Sheet S001, row 9, column D"), on the Upload page (both languages), in the error export and on the command
    line; it once said "row 1009, column item_code" (rows + 1000 per sheet, columns by internal name). The
    corpus sheet: store in B2, inspection id in B6, item codes in column B from row 9, scores in D."""
    import openpyxl

    from portal import cli_import
    from portal.ingest import preview

    wb = openpyxl.load_workbook(io.BytesIO(corpus.two_sheets(tpl.default_template(tpl.load_all(db)))))
    copied = next(c for r in wb["S002"].iter_rows() for c in r if c.value == "S002-20261102-BBBB")
    assert copied.coordinate == "B6"
    copied.value = "S001-20261102-AAAA"
    out = io.BytesIO()
    wb.save(out)
    raw = pipeline.read(db, KIND, out.getvalue(), "copied.xlsx")
    prepared = pipeline.prepare(db, KIND, raw, None, opts(), ADMIN)
    en, zh = preview.error_table(prepared, "en"), preview.error_table(prepared, "zh")
    assert list(en.columns) == ["Sheet", "Row", "Column", "Value", "Reason"]
    assert list(zh.columns) == ["工作表", "行号", "列", "值", "原因"]
    # the copied sheet is one message at its id cell (S002!B6; it was 25 repeated keys at each item code and the
    # differing store at each sheet's store cell: test_fives_sheet_copied_header.py)
    assert (len(en), len(prepared.errors)) == (1, 1)
    assert en[["Sheet", "Row", "Column", "Value"]].values.tolist() == [["S002", 6, "B", "S001-20261102-AAAA"]]
    assert en["Reason"].iloc[0].startswith("B6 holds 'S001-20261102-AAAA', as sheet S001 does (B6)")
    assert zh[["工作表", "行号", "列"]].values.tolist() == [["S002", 6, "B"]]
    # the first rows: each with its sheet and row (the refused sheet's message has a row of its own)
    rows_en = preview.first_rows(prepared, "en", n=50)
    assert rows_en[["Sheet", "Row"]].iloc[[0, 24]].values.tolist() == [["S001", 9], ["S001", 33]]
    # the error export (skipped rows' report), in the import's language
    report = batches.build_error_report(prepared.errors, raw.frame, "zh", raw.cells).splitlines()
    assert report[0].startswith("工作表,行号,列,值,原因")
    assert any(
        line.startswith("S002,6,B,S001-20261102-AAAA,") and "该工作表未导入" in line for line in report
    )
    # the command line
    cli_import._print_errors(prepared, ADMIN)
    err = capsys.readouterr().err
    assert "Sheet S002, row 6, column B: " in err and "B6 holds 'S001-20261102-AAAA'" in err
    assert "row 1009" not in err and "column item_code" not in err and "column store_code" not in err


def test_flat_workbook_with_a_title_row(db):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["5S export November"])
    for line in flat({("C-1", "S003", "2026-11-04"): {}}).decode().splitlines():
        wb.active.append(line.split(","))
    out = io.BytesIO()
    wb.save(out)
    _, result = pipeline.import_bytes(db, KIND, out.getvalue(), "export.xlsx", None, opts(), ADMIN)
    assert result.rows_added == 25
    assert rows(db, "select source_id, store_id, region_id from fives_inspections") == [("C-1", 3, 2)]


def test_a_refused_sheet_names_every_cell(db):
    default = tpl.default_template(tpl.load_all(db))
    with pytest.raises(reading.FileRefused) as exc:
        pipeline.read(db, KIND, corpus.bad_scores(default), "bad.xlsx")
    assert exc.value.reason == "fives_intake.refused.sheet"
    assert "Sheet S001, row 9, column D: Item SO1: the score 5 is outside 0 to 4." in str(exc.value)
    assert "row 18, column D: Item SE5 has no score" in str(exc.value)


WORDED = {"SO1": "满分", "SO2": "✓", "SO3": "√", "SO4": "✔", "SO5": "✗", "SE1": "×", "SE2": "✘"}
# SO1-SO4 full marks (4 of 4), SO5, SE1, SE2 failed (0: an action each); 18 items at 4: 4 x 4 + 18 x 4 = 88


def _worded_sheet(default) -> bytes:
    """The downloaded sheet of S001, every score 4 but those of WORDED, written as the inspector wrote them."""
    import openpyxl

    from portal.fives_intake import sheet_download

    data = sheet_download.build_sheet(default, "S001", "Store One", date(2026, 11, 2), "Ivan", "zh", "W-1")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    for r in range(9, 34):
        sheet.cell(r, 4).value = WORDED.get(sheet.cell(r, 2).value, 4)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("layout", ["flat", "sheet"])
def test_full_marks_ticks_and_crosses_are_scores_said_in_a_notice(db, layout):
    """满分 and a tick (✓ √ ✔) are the item's maximum, a cross (✗ × ✘) 0 (reviewers: each was "not a score"),
    in a flat file and on a filled-in sheet, and the preview lists how each was read."""
    if layout == "flat":
        data, name = flat({("W-1", "S001", "2026-11-02"): WORDED}), "worded.csv"
    else:
        data, name = _worded_sheet(tpl.default_template(tpl.load_all(db))), "worded.xlsx"
    prepared, result = pipeline.import_bytes(db, KIND, data, name, None, opts(), ADMIN)
    assert prepared.errors.empty and result.rows_added == 25
    scores = dict(rows(db, "select item_code, score from fives_item_scores"))
    assert {code: scores[code] for code in WORDED} == {
        "SO1": 4, "SO2": 4, "SO3": 4, "SO4": 4, "SO5": 0, "SE1": 0, "SE2": 0
    }  # fmt: skip
    assert sum(scores.values()) == 88
    assert rows(db, "select item_code from corrective_actions order by 1") == [("SE1",), ("SE2",), ("SO5",)]
    if layout == "flat":
        [notice] = [v for k, v in prepared.notices if k == "fives_intake.notice.score_words"]
        readings = ["满分 = 4", "✓ = 4", "√ = 4", "✔ = 4", "✗ = 0", "× = 0", "✘ = 0"]
        assert notice == {"column": "score", "n": 7, "readings": listed(readings)}
        assert t("fives_intake.notice.score_words", "en", **notice).startswith(
            "score: 7 scores were written as a word or a mark and read as points: 满分 = 4, ✓ = 4,"
        )
        assert t("fives_intake.notice.score_words", "zh", **notice).startswith(
            "score：7 个得分以文字或符号填写，已按分值读取：满分 = 4、✓ = 4、"
        )
    else:
        [note] = [
            v["text"].en
            for k, v in prepared.notices
            if k == "fives_intake.parse.note" and "SO1" in v["text"].en
        ]
        assert note == (
            "Sheet S001: 7 scores were written as a word or a mark and read as points: "
            "SO1 满分 = 4, SO2 ✓ = 4, SO3 √ = 4, SO4 ✔ = 4, SO5 ✗ = 0, SE1 × = 0, SE2 ✘ = 0 (full marks and a "
            "tick: the item's maximum; a cross: 0). If that is not what the inspector meant, write the points."
        )


def test_another_word_is_still_not_a_score(db):
    data = flat({("W-2", "S001", "2026-11-02"): {"SO1": "✗", "SO2": "好"}})
    prepared = pipeline.prepare(db, KIND, reading.read_upload(data, "w.csv"), None, opts(), ADMIN)
    bad = prepared.errors[prepared.errors["column"] == "score"]
    assert bad[["row", "value", "reason"]].values.tolist() == [[3, "好", "fives_intake.error.bad_score"]]
    assert [v["readings"] for k, v in prepared.notices if k == "fives_intake.notice.score_words"] == [
        listed(["✗ = 0"])
    ]


def _sheet_of_store(default, store_cell: str) -> bytes:
    """The downloaded sheet of S001, every item 4, its store cell (B2) overwritten with ``store_cell``."""
    import openpyxl

    from portal.fives_intake import sheet_download

    data = sheet_download.build_sheet(default, "S001", "Store One", date(2026, 11, 2), "Ivan", "zh", "")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet["A2"].value == "门店"
    sheet["B2"] = store_cell
    for r in range(9, 34):
        sheet.cell(r, 4).value = 4
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("cell", "store"),
    [
        ("南京东路 旗舰店", "S003"),  # the store's full name (reviewers: only "南京东路" was looked up)
        ("南京东路旗舰店", "S003"),
        ("Store S002 Nanjing Rd", "S002"),  # its code anywhere in the cell (only "Store" was looked up)
        ("Nanjing Rd (s002)", "S002"),
        ("S001 Store One", "S001"),  # a code first, as before
    ],
)
def test_a_sheets_store_cell_is_matched_by_a_code_anywhere_in_it_or_the_full_name(db, cell, store):
    db.execute("update stores set name_zh = '南京东路 旗舰店' where store_code = 'S003'")
    default = tpl.default_template(tpl.load_all(db))
    prepared = pipeline.prepare(
        db, KIND, pipeline.read(db, KIND, _sheet_of_store(default, cell), "s.xlsx"), None, opts(), ADMIN
    )
    assert prepared.errors.empty and prepared.unknown_codes == {}
    assert set(prepared.values["store_code"]) == {store}


@pytest.mark.parametrize(
    "cell, reason",
    [
        ("S001 / S002", "Unknown store code."),
        ("Store Nine", "Unknown store code."),
        # part of a name: the error names the store whose name it is part of
        ("南京东路", "No store code: part of the name of S003 南京东路 旗舰店."),
    ],
)
def test_a_store_cell_no_single_store_fits_is_refused_naming_the_cell(db, cell, reason):
    """Two codes, none, or a part of a name: a store error, at the store cell (sheet, row, column)."""
    db.execute("update stores set name_zh = '南京东路 旗舰店' where store_code = 'S003'")
    default = tpl.default_template(tpl.load_all(db))
    raw = pipeline.read(db, KIND, _sheet_of_store(default, cell), "s.xlsx")
    prepared = pipeline.prepare(db, KIND, raw, None, opts(), ADMIN)
    shown = validation.error_messages(prepared.errors, "en", raw.cells)
    store_errors = shown[shown["reason"].str.startswith(reason)]
    assert store_errors[["sheet", "row", "column", "value"]].drop_duplicates().values.tolist() == [
        ["S001", 2, "B", cell]
    ]


@pytest.mark.parametrize("layout", ["flat", "sheet"])
def test_a_unix_time_date_is_the_same_day_in_a_sheet_as_in_a_flat_file(db, layout):
    """1793563200 is 2026-11-01 20:00 UTC, 2026-11-02 04:00 in Beijing (the reporting zone: the stores'): a flat
    file's date column read it so; the sheet's header date refused it ("cannot be read") before."""
    if layout == "flat":
        data, name = flat({("U-1", "S001", "1793563200"): {}}), "unix.csv"
    else:
        import openpyxl

        from portal.fives_intake import sheet_download

        default = tpl.default_template(tpl.load_all(db))
        sheet = sheet_download.build_sheet(
            default, "S001", "Store One", date(2026, 11, 2), "Ivan", "en", "U-1"
        )
        book = openpyxl.load_workbook(io.BytesIO(sheet))
        book.active["B3"] = 1793563200  # typed over the date in its yyyy-mm-dd cell
        for r in range(9, 34):
            book.active.cell(r, 4).value = 4
        out = io.BytesIO()
        book.save(out)
        data, name = out.getvalue(), "unix.xlsx"
    prepared, result = pipeline.import_bytes(db, KIND, data, name, None, opts(), ADMIN)
    assert prepared.errors.empty and result.rows_added == 25
    assert rows(db, "select inspected_on from fives_inspections") == [(date(2026, 11, 2),)]


def test_the_inspector_is_the_one_the_sheet_names(db):
    """A clerk's (here the admin's) upload of sheets naming their inspectors: a user named by display name with
    other spaces and width is that user; a name of no user is kept as the name; a sheet naming nobody is the
    uploader's (the clerk was the inspector of every sheet before: audit)."""
    db.execute(
        "insert into users (username, display_name, password_hash, roles, scope_store_ids) values "
        "('ivanp', 'Ivan Petrov', 'x', ['inspector'], [1])"
    )
    data = flat({("N-1", "S001", "2026-11-02"): {}, ("N-2", "S001", "2026-11-09"): {},
                 ("N-3", "S002", "2026-11-03"): {}})  # fmt: skip
    text = data.decode().splitlines()
    names = {"N-1": "ＩＶＡＮ  petrov", "N-2": "Olga Outside", "N-3": ""}
    out = [text[0]] + [line.replace(",Ivan,", f",{names[line.split(',')[0]]},") for line in text[1:]]
    pipeline.import_bytes(db, KIND, ("\n".join(out) + "\n").encode(), "named.csv", None, opts(), ADMIN)
    got = dict(
        rows(db, "select source_id, inspector_username from fives_inspections where source_id like 'N-%'")
    )
    assert got == {"N-1": "ivanp", "N-2": None, "N-3": ADMIN.username}
    names_kept = dict(
        rows(db, "select source_id, inspector_name from fives_inspections where source_id like 'N-%'")
    )
    assert names_kept["N-2"] == "Olga Outside" and names_kept["N-3"] == ADMIN.display_name


def test_a_sheets_notice_names_the_store_field_not_its_id(db):
    # a sheet's store typed "S001 一号店" is matched by the code it holds; the notice said so under the flat
    # layout's internal header, "store_code: values matched …" (zh "store_code：以下取值…")
    default = tpl.default_template(tpl.load_all(db))
    raw = pipeline.read(db, KIND, corpus.x_columns(default), "x.xlsx")
    prepared = pipeline.prepare(db, KIND, raw, None, opts(), ADMIN)
    [(key, values)] = [n for n in prepared.notices if n[0] == "ingest.notice.codes_repaired"]
    assert t(key, "en", **values).startswith("Store code: values matched to codes of the master data")
    assert t(key, "zh", **values).startswith("门店编码：以下取值")
    assert t(key, "en", **values).endswith(": S001 一号店 → S001.")
