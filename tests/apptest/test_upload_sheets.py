"""Upload page, a workbook with one sheet per month: the note names the sheet not read, the sheet chooser reads
the other one, and each sheet is its own import (the second sheet of a workbook whose first was imported is not
"already imported"; the same sheet again is)."""

from __future__ import annotations

from portal.i18n import t
from tests.apptest.conftest import make_app, texts
from tests.apptest.test_upload_pages import button, rows
from tests.test_ingest_sheet_pick import monthly_book


def sheet_box(at):
    return next(s for s in at.selectbox if s.label == t("ingest.sheet", "en"))


def check_and_commit(at):
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    button(at, "Commit the import").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_choosing_the_second_sheet_imports_it_as_its_own_batch(own_db):
    at = make_app("admin").switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_file").upload(
        "monthly.xlsx", monthly_book(), "application/vnd.ms-excel"
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    box = sheet_box(at)
    assert box.options == ["10月", "11月"] and box.value == "10月"  # today's choice: the first widest header
    assert "monthly.xlsx: 2 rows, 5 columns (10月)." in texts(at)

    box.set_value("11月").run()
    assert not at.exception, [e.value for e in at.exception]
    assert sheet_box(at).value == "11月"
    assert "monthly.xlsx: 2 rows, 5 columns (11月)." in texts(at)
    button(at, "Check the file").click().run()
    chosen = t("ingest.notice.sheet_chosen", "en", sheet="11月", others="10月")
    assert (
        chosen
        == "The sheet “11月” was read, as chosen; the workbook's other sheets holding a table (10月) were not."
    )
    assert chosen in texts(at)
    button(at, "Commit the import").click().run()
    assert "Batch 1 committed: 2 added, 0 updated, 0 unchanged, 0 skipped." in texts(at)
    assert rows(own_db, "select source_id from complaints order by 1") == [["M11-1"], ["M11-2"]]

    # the first sheet of the same workbook is another import, not "already imported as batch 1"
    sheet_box(at).set_value("10月").run()
    assert "monthly.xlsx: 2 rows, 5 columns (10月)." in texts(at)
    check_and_commit(at)
    assert "Batch 2 committed: 2 added, 0 updated, 0 unchanged, 0 skipped." in texts(at)
    assert rows(own_db, "select batch_id, options->>'sheet' from import_batches order by 1") == [
        [1, "11月"],
        [2, None],
    ]

    # the second sheet again is the same file: refused, naming batch 1
    sheet_box(at).set_value("11月").run()
    button(at, "Check the file").click().run()
    assert "This file was already imported as batch 1 on" in texts(at)
    assert button(at, "Commit the import").disabled


def test_a_qa_workbook_read_as_one_still_offers_each_sheet_alone(own_db):
    # a 质检表 workbook of a sheet per month is read whole (Kind.sheets_as_one); before this test's commit the page
    # then offered no sheet chooser at all, so one month could no longer be imported alone
    from tests.test_qa_import_workbook import workbook

    header = ["质检编号", "工号", "质检日期", "总分"]
    data = workbook(
        {
            "9月": [header, ["Q9-1", "A001", "2026-09-05", 80], ["Q9-2", "A002", "2026-09-06", 70]],
            "10月": [header, ["Q10-1", "A001", "2026-10-05", 90]],
        }
    )
    at = make_app("admin").switch_page("pages/upload.py").run()
    at.selectbox(key="upload_kind").set_value("qa_reviews").run()
    at.file_uploader(key="upload_file").upload("质检表.xlsx", data, "application/vnd.ms-excel").run()
    assert not at.exception, [e.value for e in at.exception]
    box = sheet_box(at)
    assert box.options == ["All of: 9月, 10月", "9月", "10月"] and box.value == "9月, 10月"
    assert "质检表.xlsx: 3 rows, 4 columns (9月, 10月)." in texts(at)

    box.set_value("10月").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "质检表.xlsx: 1 rows, 4 columns (10月)." in texts(at)
    check_and_commit(at)
    assert rows(own_db, "select source_id from qa_reviews order by 1") == [["Q10-1"]]

    # and back to all of them: the other month is added, the chosen one unchanged
    sheet_box(at).set_value("9月, 10月").run()
    assert "质检表.xlsx: 3 rows, 4 columns (9月, 10月)." in texts(at)
    check_and_commit(at)
    assert rows(own_db, "select source_id from qa_reviews order by 1") == [["Q10-1"], ["Q9-1"], ["Q9-2"]]
