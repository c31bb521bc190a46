"""The complaint export's post-resolution satisfaction (1-5, optional) keeps its own reading of answer words: the
survey answers' rule that a column labelled with another scale's options is one problem of the whole file
(cells.other_scale_labels, for the survey's answers) applies to it only where the portal would read a label on
another point than it means (a seven-level set: 满意 with 比较满意, both once stored as 4; a numbered end of
another scale). A word it never reads is its row's error, and a five-level export is read, never refused."""

from __future__ import annotations

import pytest

from portal.i18n import t
from portal.ingest import pipeline
from tests.test_ingest_complaints import csv, do_import

HEADER = "source_id,received_at,post_resolution_csat"


def _import(*cells: str):
    rows = [f"C-{i},2026-03-01 09:{i:02d},{cell}" for i, cell in enumerate(cells, start=1)]
    return rows, csv(*rows, header=HEADER)


def _stored(con) -> list:
    return [
        r[0] for r in con.execute("select post_resolution_csat from complaints order by source_id").fetchall()
    ]


def test_the_five_satisfaction_levels_of_a_ticketing_export_are_read_as_before(con):
    # the five levels (非常满意 5, 满意 4, 一般 3, 较不满意 2, 非常不满意 1): read, the export never refused
    _, data = _import("非常满意", "满意", "一般", "较不满意", "非常不满意", "3")
    prepared, result = do_import(con, data, timezone="UTC")
    assert prepared.file_errors == [] and prepared.errors.empty
    assert result.rows_added == 6
    assert _stored(con) == [5, 4, 3, 2, 1, 3]


SEVEN_ZH = ("非常满意", "满意", "比较满意", "一般", "比较不满意", "不满意", "非常不满意")


@pytest.mark.parametrize(
    ("cells", "labels"),
    [
        # the seven levels: 满意 is 6 of 7 and 比较满意 5 of 7, both were stored as 4 (比较不满意 and 不满意 as 2)
        (SEVEN_ZH + ("3",), "满意、比较满意、不满意、比较不满意"),
        (("Satisfied", "Somewhat satisfied", "5"), "satisfied、somewhat satisfied"),
        # the top of seven levels by its number: was read as 5 with a notice of a scale running the other way
        (("7 - Extremely satisfied", "4"), "7 - Extremely satisfied"),
    ],
)
def test_a_seven_level_satisfaction_set_is_one_file_problem_naming_the_column(con, cells, labels):
    _, data = _import(*cells)
    with pytest.raises(pipeline.NothingWritten) as refused:  # nothing stored, no figure made up
        do_import(con, data, timezone="UTC")
    assert _stored(con) == []
    prepared = refused.value.prepared
    found = [v for k, v in prepared.file_errors if k == "ingest.file.other_scale_labels"]
    assert len(found) == 1 and found[0]["column"] == "post_resolution_csat"
    assert [k for k, _ in prepared.file_errors] == ["ingest.file.other_scale_labels"]
    assert found[0]["labels"].zh == labels
    assert prepared.errors.empty  # the file's problem, not each row's
    en = t("ingest.file.other_scale_labels", "en", **found[0])
    assert en.startswith(
        "post_resolution_csat: its answers are the options of a 7-point satisfaction scale (extremely "
        "dissatisfied … extremely satisfied) ("
    )
    assert en.endswith(
        "but Post-resolution satisfaction (1-5) takes 1–5; nothing was written. Export the answers as numbers "
        "on 1–5, or leave the column unmapped."
    )
    zh = t("ingest.file.other_scale_labels", "zh", **found[0])
    assert zh.startswith(
        f"post_resolution_csat：其答案是7级满意度量表(非常不满意…非常满意)的选项({labels})，而解决后满意度"
    )


def test_words_alike_on_five_and_seven_levels_are_read(con):
    # the ends and the middle mean the same on both sets, and 满意 alone is the five levels' 4
    _, data = _import("非常满意", "一般", "非常不满意", "满意")
    prepared, result = do_import(con, data, timezone="UTC")
    assert prepared.file_errors == [] and prepared.errors.empty
    assert _stored(con) == [5, 3, 1, 4]


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


def test_agreement_words_with_a_number_are_their_rows_errors(con):
    # "5 - Strongly agree" and "4 - Agree" answer no satisfaction question: as the words alone, each its row's
    # error naming row and column (rows 2 and 3; the header is row 1). Before, read by their numbers as 5 and 4
    _, data = _import("5 - Strongly agree", "4 - Agree", "5 - Very satisfied", "3")
    prepared, result = do_import(con, data, timezone="UTC", skip_invalid=True)
    assert prepared.file_errors == []
    assert prepared.errors[["row", "column", "reason"]].values.tolist() == [
        [2, "post_resolution_csat", "ingest.error.not_a_scale_answer"],
        [3, "post_resolution_csat", "ingest.error.not_a_scale_answer"],
    ]
    assert result.rows_added == 2
    assert _stored(con) == [5, 3]
