"""Survey tools' extra header rows (split from tests/test_ingest_reading.py, unchanged): Qualtrics' question texts and
import ids and SurveyMonkey's sub-headings are header rows, not data; an ordinary first data row is kept."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from portal.ingest import reading
from tests.test_ingest_reading import _workbook


# ---------------------------------------------------------------- survey tools' extra header rows
def _csv_bytes(rows: list[list[str]]) -> bytes:
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


QUALTRICS_IDS = ["StartDate", "EndDate", "Progress", "RecordedDate", "ResponseId", "Q1", "Q2", "Store"]
QUALTRICS_TEXTS = [
    "Start Date",
    "End Date",
    "Progress",
    "Recorded Date",
    "Response ID",
    "Overall, how satisfied are you with your visit?",
    "How likely are you to recommend us to a friend?",
    "Store",
]
QUALTRICS_IMPORT_IDS = [
    '{"ImportId":"startDate","timeZone":"America/Denver"}',
    '{"ImportId":"endDate","timeZone":"America/Denver"}',
    '{"ImportId":"progress"}',
    '{"ImportId":"recordedDate","timeZone":"America/Denver"}',
    '{"ImportId":"_recordId"}',
    '{"ImportId":"QID1"}',
    '{"ImportId":"QID2"}',
    '{"ImportId":"QID4_TEXT"}',
]


def qualtrics_rows(*answers: tuple[str, str, str]) -> list[list[str]]:
    """A Qualtrics CSV export: column ids, question texts, the ImportId row, then one row per (id, Q1, Q2)."""
    rows = [QUALTRICS_IDS, QUALTRICS_TEXTS, QUALTRICS_IMPORT_IDS]
    for i, (rid, q1, q2) in enumerate(answers, start=1):
        stamp = f"2026-03-0{i} 09:00:00"
        rows.append([stamp, stamp, "100", stamp, rid, q1, q2, "S001"])
    return rows


def surveymonkey_rows(*answers: tuple[str, str, str]) -> list[list[str]]:
    """A SurveyMonkey export: question texts, the sub-heading row, then one row per (respondent, overall, comment)."""
    rows = [
        ["Respondent ID", "Collector ID", "Start Date", "IP Address", "Which store did you visit?",
         "Overall, how satisfied were you?", "Any comments?"],
        ["", "", "", "", "Response", "Response", "Open-Ended Response"],
    ]  # fmt: skip
    for i, (rid, overall, comment) in enumerate(answers, start=1):
        rows.append([rid, "400001", f"03/0{i}/2026 09:00:00 AM", "10.0.0.1", "S001", overall, comment])
    return rows


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_qualtrics_question_texts_and_import_ids_are_header_rows_not_data(fmt):
    rows = qualtrics_rows(("R_1", "4", "9"), ("R_2", "5", "10"))
    data = _csv_bytes(rows) if fmt == "csv" else _workbook(rows)
    raw = reading.read_upload(data, f"qualtrics.{fmt}")
    assert raw.headers == QUALTRICS_IDS
    assert list(raw.frame.index) == [4, 5]  # the file's own row numbers: rows 2 and 3 are header rows
    assert raw.frame["ResponseId"].tolist() == ["R_1", "R_2"]
    notes = [v for k, v in raw.notes if k == "ingest.notice.header_rows"]
    assert len(notes) == 1 and str(notes[0]["rows"]) == "2, 3" and notes[0]["rows"].zh == "2、3"


def test_a_qualtrics_legacy_export_without_import_ids_loses_its_question_text_row():
    rows = [r for i, r in enumerate(qualtrics_rows(("R_1", "4", "9"), ("R_2", "5", "10"))) if i != 2]
    raw = reading.read_upload(_csv_bytes(rows), "legacy.csv")
    assert list(raw.frame.index) == [3, 4]
    assert ("ingest.notice.header_rows", {"rows": reading.listed([2]), "n": 1}) in raw.notes


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_surveymonkey_sub_headings_are_a_header_row_not_data(fmt):
    rows = surveymonkey_rows(("114001", "4", "Nice staff"), ("114002", "2", "Queue too long"))
    data = _csv_bytes(rows) if fmt == "csv" else _workbook(rows)
    raw = reading.read_upload(data, f"monkey.{fmt}")
    assert raw.headers == rows[0]
    assert list(raw.frame.index) == [3, 4]
    assert ("ingest.notice.header_rows", {"rows": reading.listed([2]), "n": 1}) in raw.notes


LABELS = ["设施", "环境", "着装", "资料"]


def _two_row_header_book(merge: bool, width: int) -> bytes:
    """A hand-made survey sheet: "期望" and "感知" merged across the ``width`` labels under each, the respondent's
    columns merged down the two header rows (or, ``merge=False``, as a CSV saves it: the cells under them blank).
    With four labels the upper row names half the columns, too few to be taken for the header; with two, enough."""
    labels, gap = LABELS[:width], [None] * (width - 1)
    answers = [[7, 6, 6, 5, 6, 6, 5, 5], [7, 7, 7, 7, 5, 4, 4, 3]]
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "提交答卷时间", "门店", "总体满意度", "期望", *gap, "感知", *gap])
    sheet.append([None, None, None, None, *labels, *labels])
    for i, (store, overall) in enumerate((("S001", 5), ("S002", 4))):
        stamp = f"2026-11-03 1{4 + i}:03:27"
        sheet.append([i + 1, stamp, store, overall, *answers[i][:width], *answers[i][4 : 4 + width]])
    if merge:
        for col in "ABCD":
            sheet.merge_cells(f"{col}1:{col}2")
        sheet.merge_cells(start_row=1, start_column=5, end_row=1, end_column=4 + width)
        sheet.merge_cells(start_row=1, start_column=5 + width, end_row=1, end_column=4 + 2 * width)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("width", [4, 2])
@pytest.mark.parametrize("fmt", ["xlsx merged", "xlsx", "csv"])
def test_a_two_row_header_with_groups_merged_across_names_each_column_once(fmt, width):
    # before, four labels: each file was refused ("The header names 环境, 着装, 设施, 资料 more than once": the
    # lower row alone was taken for the header); two labels: the unmerged sheet read row 2 as data under the
    # headers "期望", "column 6", …, its CSV was refused as ragged (row 2 wider than the upper row's names)
    data = _two_row_header_book(fmt == "xlsx merged", width)
    if fmt == "csv":  # the sheet saved as CSV: the cells under the merged ones blank
        from openpyxl import load_workbook

        values = load_workbook(io.BytesIO(data)).active.values
        data = _csv_bytes([["" if v is None else str(v) for v in row] for row in values])
    raw = reading.read_upload(data, f"survey.{fmt.split()[0]}")
    groups = [f"{g} - {label}" for g in ("期望", "感知") for label in LABELS[:width]]
    assert raw.headers == ["序号", "提交答卷时间", "门店", "总体满意度", *groups]
    assert list(raw.frame.index) == [3, 4]  # the file's own row numbers
    assert raw.frame[f"感知 - {LABELS[width - 1]}"].tolist() == (["5", "3"] if width == 4 else ["6", "4"])
    assert raw.frame["门店"].tolist() == ["S001", "S002"]
    assert ("ingest.notice.header_rows", {"rows": reading.listed([2]), "n": 1}) in raw.notes


def test_a_header_repeating_a_name_under_a_title_line_keeps_the_repeated_name():
    # a title above the header spans every column alike: it tells no repeated column from the other, and the
    # two columns are told apart by their position (the mapping refuses either only when a field reads it)
    rows = [["Open cases", "", "", ""], ["Case", "Opened", "Tags", "Tags"], ["C-1", "2026-11-03", "a", "b"]]
    raw = reading.read_upload(_csv_bytes(rows), "report.csv")
    assert raw.headers == ["Case", "Opened", "Tags (column 3)", "Tags (column 4)"]


@pytest.mark.parametrize(
    ("title", "header"),
    [
        (["Complaints report", "", "", "Exported by: Li Lei"], ["Case", "Opened", "Tags", "Tags"]),
        (["投诉明细", "", "", "导出时间：2026-11-03 10:00"], ["工单号", "备注", "处理人", "备注"]),
    ],
)
def test_a_title_line_of_two_cells_over_a_header_repeating_a_name_is_passed_over(title, header):
    # before (99613f6): read with the title taken into the header ("Complaints report - Tags", …): a title line
    # is one group over the columns, no matrix (two groups of two or more columns with the same labels)
    rows = [title, header, ["C-1", "2026-11-03", "a", "b"]]
    raw = reading.read_upload(_csv_bytes(rows), "report.csv")
    twice = header[1] if header[1] == header[3] else header[2]
    assert raw.headers == [h if h != twice else f"{h} (column {i + 1})" for i, h in enumerate(header)]


def test_a_first_data_row_under_a_header_cell_spanning_two_columns_stays_a_data_row():
    # before (99613f6): S001's row was taken for labels under 门店 (headers "门店 - S001", "门店 - 徐汇店")
    rows = [["门店", "", "区域", "店长"], ["S001", "徐汇店", "", ""], ["S002", "静安店", "华东", "李雷"]]
    raw = reading.read_upload(_csv_bytes(rows), "stores.csv")
    assert raw.headers[0] == "门店" and raw.headers[2:] == ["区域", "店长"]
    assert list(raw.frame.index) == [2, 3]
    assert raw.frame["门店"].tolist() == ["S001", "S002"]


def test_a_surveymonkey_matrix_takes_its_row_labels_into_the_header():
    # a matrix question: its text stands over its first column only, the row labels are in row 2; row 1 is
    # then narrower than the data, and row 2 alone would name two columns "Response"
    rows = [
        ["Respondent ID", "Start Date", "Which store did you visit?", "Please rate our store", "", "",
         "Overall, how satisfied were you?"],
        ["", "", "Response", "Staff", "Cleanliness", "Prices", "Response"],
        ["114001", "03/01/2026", "S001", "5", "4", "3", "4"],
        ["114002", "03/02/2026", "S002", "4", "4", "2", "5"],
    ]  # fmt: skip
    raw = reading.read_upload(_csv_bytes(rows), "matrix.csv")
    assert raw.headers == [
        "Respondent ID",
        "Start Date",
        "Which store did you visit?",
        "Please rate our store - Staff",
        "Please rate our store - Cleanliness",
        "Please rate our store - Prices",
        "Overall, how satisfied were you?",
    ]
    assert list(raw.frame.index) == [3, 4]
    assert raw.frame["Please rate our store - Prices"].tolist() == ["3", "2"]
    assert ("ingest.notice.header_rows", {"rows": reading.listed([2]), "n": 1}) in raw.notes


@pytest.mark.parametrize(
    "first",
    [
        ["T-1", "2026-03-01 09:00", "Response", "hotline"],  # a data row with a sub-heading word in it
        ["", "", "Complaint", "hotline"],  # no typed cell, but nothing that names or describes a column
    ],
)
def test_an_ordinary_first_data_row_is_kept(first):
    rows = [["id", "received", "type", "channel"], first, ["T-2", "2026-03-02 10:00", "Complaint", "app"]]
    raw = reading.read_upload(_csv_bytes(rows), "plain.csv")
    assert list(raw.frame.index) == [2, 3]
    assert not [k for k, _ in raw.notes if k == "ingest.notice.header_rows"]


def test_a_report_title_over_a_header_with_a_response_column_stays_a_title():
    rows = [
        ["Complaint export", "", "", ""],
        ["Id", "Created", "Response", "Channel"],
        ["T-1", "2026-03-01 09:00", "2026-03-01 10:00", "Email"],
        ["T-2", "2026-03-02 09:00", "", "Phone"],
    ]
    raw = reading.read_upload(_csv_bytes(rows), "report.csv")
    assert raw.headers == rows[1] and list(raw.frame.index) == [3, 4]
    assert raw.notes == [("ingest.notice.rows_above_header", {"header_row": 2})]
