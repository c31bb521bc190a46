"""The complaint export's post-resolution satisfaction (1-5, optional) keeps its own reading of answer words: the
survey answers' rule that a column labelled with another scale's options is one problem of the whole file
(cells.other_scale_labels, for the survey's overall satisfaction and SERVQUAL items) does not refuse a complaint
export, whose complaints count for volume and times whatever their satisfaction column holds."""

from __future__ import annotations

from tests.test_ingest_complaints import csv, do_import

HEADER = "source_id,received_at,post_resolution_csat"


def _import(*cells: str):
    rows = [f"C-{i},2026-03-01 09:{i:02d},{cell}" for i, cell in enumerate(cells, start=1)]
    return rows, csv(*rows, header=HEADER)


def _stored(con) -> list:
    return [
        r[0] for r in con.execute("select post_resolution_csat from complaints order by source_id").fetchall()
    ]


def test_satisfaction_words_of_a_ticketing_export_are_read_as_before(con):
    # 满意 with 比较满意 (and "Satisfied" with "Somewhat satisfied") are the survey rule's sign of seven levels; on
    # a complaint they are read as the five levels' words, as before that rule (非常满意 5, 满意 and 比较满意 4,
    # 一般 3, 比较不满意 and 不满意 2, 非常不满意 1). Since the rule, the whole export was refused: no complaint stored
    _, data = _import("非常满意", "满意", "比较满意", "一般", "比较不满意", "不满意", "非常不满意", "3")
    prepared, result = do_import(con, data, timezone="UTC")
    assert prepared.file_errors == [] and prepared.errors.empty
    assert result.rows_added == 8
    assert _stored(con) == [5, 4, 4, 3, 2, 2, 1, 3]


def test_words_of_no_five_level_scale_are_their_rows_errors_as_before(con):
    # Qualtrics' seven levels' own words and agreement words are no 1-5 satisfaction answer: each such row's
    # error (skip invalid rows keeps the others), not the whole export refused
    _, data = _import("Extremely satisfied", "Moderately satisfied", "Strongly agree", "4")
    prepared, result = do_import(con, data, timezone="UTC", skip_invalid=True)
    assert prepared.file_errors == []
    assert prepared.errors[["row", "reason"]].values.tolist() == [
        [3, "ingest.error.not_a_scale_answer"],
        [4, "ingest.error.not_a_scale_answer"],
    ]
    assert result.rows_added == 2
    assert _stored(con) == [5, 4]
