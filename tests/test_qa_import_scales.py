"""A QA score is 0-100 (SPEC §3): a file whose overall score or criteria are on another scale is refused as a whole,
with the shared scale words of the survey kinds (portal/ingest/scales.py), never stored as 0.85 or 4.5 of 100
(probe: A001's QA score fell from 61.5 to 49.37 after a 0-1 export; criteria 4, 5, 4 without a max score made a
review of 4.33)."""

from __future__ import annotations

import pytest

from portal.i18n import t
from portal.ingest import pipeline, reading
from tests.test_qa_import import ADMIN, KIND, OPTIONS, run


def prepare(con, text: str) -> pipeline.Prepared:
    return pipeline.prepare(con, KIND, reading.read_upload(text.encode(), "qa.csv"), None, OPTIONS, ADMIN)


def one_row_reviews(header: str, *scores: str) -> str:
    rows = [f"E-{i},A00{i},2026-10-0{i},Wang Lei,{score}\n" for i, score in enumerate(scores, start=1)]
    return f"Evaluation ID,Agent,Evaluation Date,Evaluator,{header}\n" + "".join(rows)


def criteria(header: str, *scores: str) -> str:
    rows = [f"M-1,A001,2026-10-06,Wang Lei,c{i},{score}\n" for i, score in enumerate(scores, start=1)]
    return f"review_id,agent_code,reviewed_on,reviewer,criterion,{header}\n" + "".join(rows)


def stored(con) -> list:
    return con.execute("select source_id, score from qa_reviews order by 1").fetchall()


def only_file_error(prepared) -> tuple[str, dict]:
    ((key, values),) = prepared.file_errors
    return key, values


def test_overall_scores_on_0_1_are_refused_as_a_whole_naming_the_column_and_the_scale(con):
    text = one_row_reviews("Final Score", "0.85", "0.92", "0.7")
    key, values = only_file_error(prepare(con, text))
    assert key == "ingest.file.smaller_scale_values"
    assert t(key, "en", **values) == (
        "Final Score: all 3 scores are between 0 and 1 (the highest 0.92): the column looks to be on a 0–1 scale, "
        "but Overall score (0-100) takes 0–100; nothing was written. Convert the scores to 0–100 (0.92 of 1 is "
        "92), or leave the column unmapped."
    )
    assert t(key, "zh", **values) == (
        "Final Score：全部 3 个分数都在 0 到 1 之间(最高为 0.92)，该列看来是 0–1 的量表，而总分的取值为 0–100；"
        "未写入任何数据。请将分数换算为 0–100 后再上传(满分 1 的 0.92 即 92)，或不映射该列。"
    )
    with pytest.raises(pipeline.NothingWritten):  # "skip invalid rows" cannot pass a refused column
        run(con, text, skip_invalid=True)
    assert stored(con) == []


def test_overall_scores_out_of_5_are_refused_and_so_is_a_header_that_states_5(con):
    key, values = only_file_error(prepare(con, one_row_reviews("Final Score", "4.5", "3.8", "4")))
    assert (key, values["top"], values["most"], values["as_expected"]) == (
        "ingest.file.smaller_scale_values",
        5,
        "4.5",
        "90",
    )
    key, values = only_file_error(prepare(con, one_row_reviews("总分（满分5分）", "4.5", "3.8", "4")))
    assert t(key, "en", **values) == (
        "总分（满分5分）: its header gives a 满分5 scale, but Overall score (0-100) takes 0–100; nothing was "
        "written. Convert the answers to 0–100, or leave the column unmapped."
    )
    with pytest.raises(pipeline.NothingWritten):
        run(
            con, one_row_reviews("总分（满分5分）", "45", "38", "40")
        )  # the header decides, whatever the scores
    assert stored(con) == []


def test_scores_on_0_100_are_kept_even_low_ones_and_failed_reviews(con):
    # two reviews failed to 0 and one scored 8: no small scale (too few scores above 0); percent cells read as 0-100
    assert prepare(con, one_row_reviews("Final Score", "0", "0", "8")).file_errors == []
    _, result = run(con, one_row_reviews("总分（满分100分）", "85%", "7", "92"))
    assert result.rows_added == 3
    assert stored(con) == [("E-1", 85.0), ("E-2", 7.0), ("E-3", 92.0)]


def test_criteria_without_a_max_score_on_a_5_point_form_are_refused(con):
    key, values = only_file_error(prepare(con, criteria("criterion_score", "4", "5", "4")))
    assert t(key, "en", **values) == (
        "criterion_score: 3 criterion scores have no maximum score, so each would count out of 100, but all of "
        "them are between 0 and 5 (the highest 5): the form looks to be on a 0–5 scale; nothing was written. "
        "Give each criterion's maximum score in a Maximum score column (e.g. 5), or convert the scores to 0–100."
    )
    assert t(key, "zh", **values) == (
        "criterion_score：3 个评分项得分没有满分，将按满分 100 计算，但它们都在 0 到 5 之间(最高为 5)，评分表看来是 "
        "0–5 的量表；未写入任何数据。请在“满分”列中填写各评分项的满分(如 5)，或将得分换算为 0–100。"
    )
    with pytest.raises(pipeline.NothingWritten):
        run(con, criteria("criterion_score", "4", "5", "4"), skip_invalid=True)
    assert stored(con) == []


def test_a_criterion_header_stating_its_scale_without_max_scores_is_refused(con):
    key, values = only_file_error(prepare(con, criteria("评分项得分（满分10分）", "40", "50", "40")))
    assert t(key, "en", **values) == (
        "评分项得分（满分10分）: its header gives a 满分10 scale, but 3 criterion scores have no maximum score, so "
        "each would count out of 100; nothing was written. Give each criterion's maximum score in a Maximum score "
        "column, or convert the scores to 0–100."
    )


def test_criteria_with_their_max_score_or_out_of_100_are_read_as_before(con):
    with_max = "review_id,agent_code,reviewed_on,reviewer,criterion,criterion_score,max_score\n"
    with_max += (
        "M-1,A001,2026-10-06,Q,greet,4,5\nM-1,A001,2026-10-06,Q,solve,5,5\nM-1,A001,2026-10-06,Q,close,4,5\n"
    )
    _, result = run(con, with_max)
    assert result.rows_added == 1
    _, result = run(con, criteria("criterion_score", "80", "95").replace("M-1", "M-2"))
    assert stored(con) == [("M-1", 86.67), ("M-2", 87.5)]
