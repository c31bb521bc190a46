"""What an upload of filled-in 5S sheets says about a sheet it refuses (probe h3): a problem of the sheet's header
is said once, not once per item; a changed score names its own cell."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from portal import cli_import
from portal.fives_intake import template as tpl
from portal.fives_intake.kind import KIND
from portal.fives_intake.sheet_download import build_sheet
from portal.ingest import batches, pipeline, preview
from tests.fives_intake_fixture import ADMIN, INSPECTOR_S001, add_manager_user
from tests.test_fives_intake_kind import corpus, opts


@pytest.fixture
def db(con):
    add_manager_user(con)
    return con


def sheet(con, store="S001", day=date(2026, 11, 2), iid="S001-20261102-AAAA", **scores) -> bytes:
    """A downloaded sheet filled in: every item 4 unless given (item code -> score)."""
    import openpyxl

    default = tpl.default_template(tpl.load_all(con))
    wb = openpyxl.load_workbook(
        io.BytesIO(build_sheet(default, store, "Store", day, "Ivan Inspector", "en", iid))
    )
    corpus._fill(wb.active, corpus.base_scores(default) | scores)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def errors_of(con, data: bytes, user=ADMIN, lang="en"):
    raw = pipeline.read(con, KIND, data, "s.xlsx")
    prepared = pipeline.prepare(con, KIND, raw, None, opts(), user)
    return prepared, preview.error_table(prepared, lang).values.tolist()


def test_a_header_problem_of_a_sheet_is_said_once(db, capsys):
    """e_out_of_scope.xlsx and k_future_date.xlsx said their one problem 25 times, once per item row."""
    prepared, table = errors_of(db, sheet(db, store="S003", iid="S003-X"), INSPECTOR_S001)
    assert prepared.n_invalid == 25
    assert table == [["S003", 2, "B", "S003", "This store is outside your scope."]]
    assert errors_of(db, sheet(db, store="S003", iid="S003-X"), INSPECTOR_S001, "zh")[1] == [
        ["S003", 2, "B", "S003", "该门店不在您的权限范围内。"]
    ]
    _, table = errors_of(db, sheet(db, day=date(2026, 12, 20)))
    assert table == [["S001", 3, "B", "2026-12-20", "The date is in the future."]]
    # the error report (skipped rows) and the command line say it once too
    report = batches.build_error_report(prepared.errors, prepared.raw.frame, "en", prepared.raw.cells)
    lines = report.splitlines()
    assert len(lines) == 2 and lines[1].startswith(
        "S003,2,B,S003,This store is outside your scope.,S003-X,S003,"
    )
    cli_import._print_errors(prepared, INSPECTOR_S001)
    assert capsys.readouterr().err.count("outside your scope") == 1


def test_a_changed_score_names_the_cell_that_differs(db):
    """a2_changed_score.xlsx: SO5 3 -> 2 under the same id named only the id cell B6, 25 times."""
    _, first = pipeline.import_bytes(db, KIND, sheet(db, SO5=3), "a.xlsx", None, opts(), ADMIN)
    prepared, table = errors_of(db, sheet(db, SO5=2))
    b = first.batch_id
    assert prepared.n_invalid == 25
    assert table == [
        ["S001", 6, "B", "S001-20261102-AAAA", f"This inspection was imported in batch {b} with other scores; an "
         "inspection is never rescored. Undo that batch first."],
        ["S001", 13, "D", "2", f"This inspection was imported in batch {b} with the score 3 for this item (this "
         "file: 2); an inspection is never rescored. Undo that batch first."],
    ]  # fmt: skip
    assert errors_of(db, sheet(db, SO5=2), lang="zh")[1][1] == [
        "S001", 13, "D", "2", f"该检查已在批次 {b} 中导入，此检查项的得分为 3(此文件为 2)；检查结果不会被重新评分。"
        "请先撤销该批次。"
    ]  # fmt: skip


def store_made(con, **scores) -> bytes:
    """A store's own sheet: the downloaded one with its inspection-id label and cell (A6, B6) removed, as the
    stores' hand-made sheets have none (probe: scratch/store_sheets.xlsx)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(sheet(con, **scores)))
    assert wb.active["B6"].value == "S001-20261102-AAAA"
    wb.active["A6"] = wb.active["B6"] = None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_rescored_sheet_without_an_id_cell_is_refused_once_plus_each_changed_cell(db, capsys):
    """store_sheets_rescored.xlsx (no inspection-id cell, one score changed at 西单!D9) was refused with the
    whole-inspection message on each of its 24 unchanged item rows ("Sheet 西单, row 10: ... other scores")
    beside the changed cell's: the inspection had no id cell to say it once at. Now: once for the sheet (no row
    or column), plus each score cell that differs with the stored score and the file's; nothing written."""
    _, first = pipeline.import_bytes(db, KIND, store_made(db, SO5=3), "a.xlsx", None, opts(), ADMIN)
    assert first.rows_added == 25
    stored = db.execute("select count(*), sum(score) from fives_item_scores").fetchall()
    b = first.batch_id
    prepared, table = errors_of(db, store_made(db, SO5=2, SE1="N/A"))
    assert (prepared.n_rows, prepared.n_valid, prepared.n_invalid) == (25, 0, 25)
    assert [[None if r is pd.NA else r for r in row] for row in table] == [
        ["S001", None, "-", "", f"This inspection was imported in batch {b} with other scores; an inspection is "
         "never rescored. Undo that batch first."],
        ["S001", 13, "D", "2", f"This inspection was imported in batch {b} with the score 3 for this item (this "
         "file: 2); an inspection is never rescored. Undo that batch first."],
        ["S001", 14, "D", "N/A", f"This inspection was imported in batch {b} with the score 4 for this item (this "
         "file: N/A); an inspection is never rescored. Undo that batch first."],
    ]  # fmt: skip
    zh = errors_of(db, store_made(db, SO5=2, SE1="N/A"), lang="zh")[1]
    assert [row[4] for row in zh] == [
        f"该检查已在批次 {b} 中以不同得分导入；检查结果不会被重新评分。请先撤销该批次。",
        f"该检查已在批次 {b} 中导入，此检查项的得分为 3(此文件为 2)；检查结果不会被重新评分。请先撤销该批次。",
        f"该检查已在批次 {b} 中导入，此检查项的得分为 4(此文件为 不适用)；检查结果不会被重新评分。请先撤销该批次。",
    ]
    cli_import._print_errors(prepared, ADMIN)
    assert capsys.readouterr().err.splitlines() == [
        f"Sheet S001: This inspection was imported in batch {b} with other scores; an inspection is never "
        "rescored. Undo that batch first.",  # a blank cell's value is not quoted
        f"Sheet S001, row 13, column D: This inspection was imported in batch {b} with the score 3 for this item "
        "(this file: 2); an inspection is never rescored. Undo that batch first. (value '2')",
        f"Sheet S001, row 14, column D: This inspection was imported in batch {b} with the score 4 for this item "
        "(this file: N/A); an inspection is never rescored. Undo that batch first. (value 'N/A')",
    ]
    report = batches.build_error_report(prepared.errors, prepared.raw.frame, "en", prepared.raw.cells)
    assert [line.split(",")[:3] for line in report.splitlines()[1:]] == [
        ["S001", "", "'-"],
        ["S001", "13", "D"],
        ["S001", "14", "D"],
    ]
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(db, prepared, ADMIN)
    assert db.execute("select count(*), sum(score) from fives_item_scores").fetchall() == stored


def workbook(*sheets: bytes) -> bytes:
    """One workbook of the given one-sheet workbooks' values, a worksheet each (named by its store cell)."""
    import openpyxl

    out = openpyxl.Workbook()
    out.remove(out.active)
    for data in sheets:
        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        target = out.create_sheet(str(ws["B2"].value))
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and c.coordinate not in ws.merged_cells:
                    target[c.coordinate] = c.value
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def test_skipping_invalid_rows_imports_the_sheets_read_and_reports_the_refused_one(db):
    """j_two_sheets_one_bad.xlsx: S001 fine, S002 with SE1 = 5. The whole workbook was refused while reading, so
    --skip-invalid (and the Upload page's option) could not keep the valid S001 inspection."""
    data = workbook(sheet(db), sheet(db, store="S002", iid="S002-X", SE1=5))
    raw = pipeline.read(db, KIND, data, "j.xlsx")
    prepared = pipeline.prepare(db, KIND, raw, None, opts(), ADMIN)
    message = "Item SE1: the score 5 is outside 0 to 4. This sheet is not imported."
    assert (prepared.n_rows, prepared.n_invalid) == (26, 1)
    assert preview.error_table(prepared, "en").values.tolist() == [["S002", 14, "D", "5", message]]
    with pytest.raises(pipeline.NothingWritten) as refused:  # by default: nothing written
        pipeline.commit(db, prepared, ADMIN)
    assert refused.value.reason == "ingest.refused.invalid_rows"
    skip = pipeline.prepare(db, KIND, raw, None, opts(skip_invalid=True), ADMIN)
    result = pipeline.commit(db, skip, ADMIN)
    assert (result.rows_added, result.rows_skipped) == (25, 1)
    assert db.execute("select source_id from fives_inspections").fetchall() == [("S001-20261102-AAAA",)]
    report = db.execute("select error_report_csv from import_batches").fetchone()[0].splitlines()
    assert report[1].startswith(f"S002,14,D,5,{message},")
    # the refused sheet's message is rendered in the language it is shown in (test_fives_sheet_message_lang)
    zh = pipeline.prepare(db, KIND, pipeline.read(db, KIND, data, "j.xlsx", lang="zh"), None, opts(), ADMIN)
    assert (
        preview.error_table(zh, "zh").values.tolist()[0][4]
        == "检查项 SE1：得分 5 超出 0 至 4 的范围。 该工作表未导入。"
    )
