"""A rating column is read as a whole: a scale running the other way is turned in every cell, never half; a
column on another scale than the field's is refused as a whole (probe of survey exports)."""

from __future__ import annotations

import pytest

from portal.i18n import t
from portal.ingest import pipeline, reading, surveys
from tests.test_survey_import import ADMIN, HEAD, opts


def load(con, content: bytes, mapping=None, **kw) -> pipeline.Prepared:
    kind = surveys.configure(con, {})
    return pipeline.prepare(con, kind, reading.read_upload(content, "s.csv"), mapping, opts(**kw), ADMIN)


def survey_csv(*overall: str) -> bytes:
    rows = [f"R-{i},S001,2026-03-02,{cell},8," for i, cell in enumerate(overall, start=1)]
    return ("\n".join([HEAD, *rows]) + "\n").encode()


def test_a_reversed_scale_labelled_at_its_ends_is_turned_in_every_cell(con):
    # 问卷星, a scale whose 1 is the best, its labels shown at the ends only: "1（非常满意）", 2, 3, 4,
    # "5（非常不满意）", 2, 2 were stored 5, 2, 3, 4, 1, 2, 2 (the labelled ends turned, the numbers alone not)
    prepared = load(con, survey_csv("1（非常满意）", "2", "3", "4", "5（非常不满意）", "2", "2"))
    assert prepared.file_errors == [] and prepared.errors.empty
    assert prepared.values["overall_satisfaction"].tolist() == [5, 4, 3, 2, 1, 4, 4]
    notes = {k: v for k, v in prepared.notices if k.startswith("ingest.notice.scale_reversed")}
    assert notes["ingest.notice.scale_reversed"]["n"] == 2
    numbers = notes["ingest.notice.scale_reversed_numbers"]
    assert (numbers["column"], numbers["n"], numbers["top"]) == ("overall_satisfaction", 5, 5)
    text = t("ingest.notice.scale_reversed_numbers", "en", **notes["ingest.notice.scale_reversed_numbers"])
    assert text.startswith(
        "overall_satisfaction: its answers' words show a scale where 1 is the best, so the 5 "
    )
    assert text.endswith(
        "(1 = 5, 2 = 4, 3 = 3, 4 = 2, 5 = 1). If those numbers were meant with 5 as the best, correct the file."
    )
    assert "只写序号的 5 个答案也按此量表读取" in t(
        "ingest.notice.scale_reversed_numbers", "zh", **notes["ingest.notice.scale_reversed_numbers"]
    )
    # a scale whose labels agree with their numbers keeps its numbers
    prepared = load(con, survey_csv("5（非常满意）", "2", "1（非常不满意）"))
    assert prepared.values["overall_satisfaction"].tolist() == [5, 2, 1]
    assert not [k for k, _ in prepared.notices if k.startswith("ingest.notice.scale_reversed")]


def test_labels_that_contradict_each_other_beside_numbers_alone_refuse_the_column(con):
    # "1 - Very satisfied" says 1 is the best, "4 - Satisfied" that 5 is: the "2" written alone is either 2 or 4
    prepared = load(con, survey_csv("1 - Very satisfied", "4 - Satisfied", "2"), skip_invalid=True)
    assert prepared.file_errors == [("ingest.file.scale_mixed", {"column": "overall_satisfaction", "n": 1})]
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(con, prepared, ADMIN)
    assert con.execute("select count(*) from survey_responses").fetchone() == (0,)
    text = t("ingest.file.scale_mixed", "en", column="总体满意度", n=1)
    assert text.startswith("总体满意度: some answers' words say otherwise than their number")
    assert "the 1 answer written as a number alone cannot be read either way; nothing was written" in text
    assert "未写入任何数据" in t("ingest.file.scale_mixed", "zh", column="总体满意度", n=1)


def _other_scale_csv(overall_header: str, *overall: str) -> bytes:
    head = f"编号,门店编码,日期,{overall_header},推荐(0-10分)"
    rows = [f"T{i},S001,2026-03-02,{cell},9" for i, cell in enumerate(overall, start=1)]
    return ("\n".join([head, *rows]) + "\n").encode()


def test_a_satisfaction_column_whose_header_states_another_scale_is_refused_as_a_whole(con):
    # 腾讯问卷 "（1-7分）": 6 and 7 were refused row by row as outside 1–5, and with skip-invalid the 5s of the 1-7
    # scale were stored as 5 of 5 (index 100 for a "fairly satisfied" answer)
    header = "1.您对本次服务的总体满意度（1-7分）"
    mapping = {"response_id": "编号", "store_code": "门店编码", "responded_on": "日期"}
    mapping |= {"overall_satisfaction": header, "recommend_score": "推荐(0-10分)"}
    data = _other_scale_csv(header, "7", "6", "5", "5", "4")
    prepared = load(con, data, skip_invalid=True, mapping=mapping)
    label = prepared.file_errors[0][1]["field"]
    assert prepared.file_errors == [
        (
            "ingest.file.other_scale_header",
            {"column": header, "scale": "1-7", "field": label, "expected": "1–5"},
        )
    ]
    assert prepared.errors.empty  # one message for the column, not one per row
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(con, prepared, ADMIN)
    assert con.execute("select count(*) from survey_responses").fetchone() == (0,)
    assert t("ingest.file.other_scale_header", "en", **prepared.file_errors[0][1]) == (
        "1.您对本次服务的总体满意度（1-7分）: its header gives a 1-7 scale, but Overall satisfaction (1-5) takes "
        "1–5; nothing was written. Convert the answers to 1–5, or leave the column unmapped."
    )
    assert t("ingest.file.other_scale_header", "zh", **prepared.file_errors[0][1]) == (
        "1.您对本次服务的总体满意度（1-7分）：表头标明的量表为 1-7，而总体满意度的取值为 1–5；未写入任何数据。"
        "请将答案换算为 1–5 后再上传，或不映射该列。"
    )


def test_a_satisfaction_column_whose_answers_show_another_scale_is_refused_as_a_whole(con):
    mapping = {"response_id": "编号", "store_code": "门店编码", "responded_on": "日期"}
    mapping |= {"overall_satisfaction": "总体满意度", "recommend_score": "推荐(0-10分)"}
    prepared = load(
        con, _other_scale_csv("总体满意度", "7", "6", "5", "3"), skip_invalid=True, mapping=mapping
    )
    assert [(k, v["n"], v["most"], v["top"]) for k, v in prepared.file_errors] == [
        ("ingest.file.other_scale_values", 2, 7, "5")
    ]
    assert prepared.errors.empty
    assert t("ingest.file.other_scale_values", "en", **prepared.file_errors[0][1]) == (
        "总体满意度: 2 answers are above 5 (up to 7): the column is on another scale than Overall satisfaction "
        "(1-5), which takes 1–5; nothing was written. Convert the answers to 1–5, or leave the column unmapped."
    )
    # one answer beyond the scale is that row's error, as before (a slip of the keyboard)
    prepared = load(con, _other_scale_csv("总体满意度", "6", "5", "3"), skip_invalid=True, mapping=mapping)
    assert prepared.file_errors == []
    assert [(r.row, r.reason) for r in prepared.errors.itertuples()] == [(2, "ingest.error.out_of_range")]


@pytest.mark.parametrize(
    ("header", "low", "high", "found"),
    [
        ("1.您对本次服务的总体满意度（1-7分）", 1, 5, "1-7"),
        ("How satisfied were you overall? (1-10)", 1, 5, "1-10"),
        ("总体满意度（7分制）", 1, 5, "7分制"),
        ("Overall satisfaction (10-point scale)", 1, 5, "10-point scale"),
        ("满意度（满分10分）", 1, 5, "满分10"),
        ("Overall satisfaction (0-5)", 1, 5, "0-5"),
        ("Overall satisfaction (1-5)", 1, 5, None),
        ("2.您有多大可能向朋友推荐我们？(0-10分)", 0, 10, None),
        ("Likelihood to recommend (1-10)", 0, 10, None),  # the same answers
        ("Q1-7 satisfaction 2020-10", 1, 5, None),  # an item number and a date are no scale
        # a legend of the options (a helper's probe: a 3-level legend over 1-5 was stored as it came)
        ("2、总体满意度（1=满意 2=一般 3=不满意）", 1, 5, "1=满意 … 3=不满意"),
        ("Overall (5: very satisfied, 1: very dissatisfied)", 1, 5, None),
        (
            "Overall (1: very dissatisfied 4: very satisfied)",
            1,
            5,
            "1: very dissatisfied … 4: very satisfied",
        ),
        ("How likely (0 = not at all, 10 = extremely)", 0, 10, None),
        ("Q1=overall; answered 10:30", 1, 5, None),  # one option, a time of day: no legend
        # a question's number before the brackets is no option (a review: "1–8" refused a 1-5 column)
        ("题目8:您对本次服务是否满意(1=非常不满意,5=非常满意)", 1, 5, None),
        ("Question 7: overall satisfaction (1 = very dissatisfied, 5 = very satisfied)", 1, 5, None),
        ("质检得分（90:优秀 80:良好 60:合格）", 0, 100, None),  # grades, not a scale's options
        # a helper's probe: each was stored as given over 1-5 when every answer was 5 or below
        ("满意度（10分）", 1, 5, "(10分)"),
        ("满意度(0-100)", 1, 5, "0-100"),
        ("总体满意度（满分100）", 1, 5, "满分100"),
        ("满意度（百分制）", 1, 5, "百分制"),
        ("满意度 /10", 1, 5, "/10"),
        ("满意度（5分）", 1, 5, None),
        ("质检总分（100分）", 0, 100, None),
        ("第1/2部分 满意度", 1, 5, None),  # a part's number, no scale
        ("服务时长(10分钟内)", 1, 5, None),
    ],
)
def test_the_scale_a_header_states(header, low, high, found):
    from portal.ingest.scales import other_header_scale

    assert other_header_scale(header, low, high) == found


def test_agreement_words_are_read_on_a_1_7_servqual_item_and_never_on_1_5_satisfaction(con):
    """Probe (session 38): the seven agreement levels a survey tool exports for a SERVQUAL statement (非常不同意 ..
    非常同意, Strongly disagree .. Strongly agree) were refused cell by cell on the 1-7 items. They are read there
    (strongly disagree 1 .. strongly agree 7); on the 1-5 overall satisfaction they stay refused (一般 or "agree"
    would be read on another scale's meaning)."""
    words_zh = ["非常不同意", "不同意", "有点不同意", "一般", "有点同意", "同意", "非常同意"]
    words_en = [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
    ]
    head = "response_id,store_code,responded_on,overall_satisfaction,recommend_score,E1,P1"
    rows = [
        f"R-{i},S001,2026-03-02,4,8,{zh},{en}"
        for i, (zh, en) in enumerate(zip(words_zh, words_en, strict=True), 1)
    ]
    prepared = load(con, ("\n".join([head, *rows]) + "\n").encode())
    assert prepared.errors.empty  # (the file lacks items 2-22: refused as a whole, for that alone)
    assert prepared.values["e1"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert prepared.values["p1"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert {v["column"] for k, v in prepared.notices if k == "ingest.notice.scale_labels"} == {"E1", "P1"}
    # (since: one problem of the whole file naming the scale, not an error on each row:
    # tests/test_survey_import_label_scales.py)
    refused = load(con, survey_csv("同意", "Strongly agree", "4"))
    assert refused.errors.empty
    assert [v["scale"].en for k, v in refused.file_errors if k == "ingest.file.other_scale_labels"] == [
        "an agreement scale (strongly disagree … strongly agree)"
    ]


def _recommend_csv(*scores: str) -> bytes:
    header = "序号,日期,门店,总体满意度,3、您是否愿意向亲友推荐本店？"
    rows = [f"{i},2026-03-02,S001,4,{s}" for i, s in enumerate(scores, start=1)]
    return ("\n".join([header, *rows]) + "\n").encode()


def test_a_recommend_column_with_no_answer_above_5_is_said_to_look_like_a_1_5_question(con):
    # probe p9: 40 answers of 3, 4 and 5 to a 1-5 "would you recommend" question, mapped to recommend_score,
    # were read on 0-10 unsaid: every one a detractor, NPS = 0% - 100% = -100 (-95.2 beside the stored ones).
    column = "3、您是否愿意向亲友推荐本店？"
    mapping = {
        "response_id": "序号",
        "store_code": "门店",
        "responded_on": "日期",
        "overall_satisfaction": "总体满意度",
        "recommend_score": column,
    }
    key = "sat.import.notice.recommend_small_scale"
    prepared = load(con, _recommend_csv(*(["3", "4", "5", "5"] * 10)), mapping)
    assert prepared.file_errors == [] and prepared.errors.empty  # a notice, not a refusal: the rows commit
    notes = [v for k, v in prepared.notices if k == key]
    assert notes == [{"column": column, "n": 40}]
    assert t(key, "en", **notes[0]).startswith(
        f"{column}: none of its 40 likelihood-to-recommend answers is above 5, so the question may have been "
        "asked on a 1–5 scale; NPS needs 0–10"
    )
    assert t(key, "zh", **notes[0]).startswith(
        f"{column}：其 40 个推荐意愿答案均不大于 5，该题可能使用 1–5 的量表"
    )
    # one answer above 5 among the 41 (a 6): a 0-10 question, no notice
    prepared = load(con, _recommend_csv(*(["3", "4", "5", "5"] * 10 + ["6"])), mapping)
    assert not [k for k, _ in prepared.notices if k == key]
    # fewer than 20 answers (19, all 3-5): a few unhappy respondents, no notice
    prepared = load(con, _recommend_csv(*(["3", "4", "5"] * 6 + ["4"])), mapping)
    assert not [k for k, _ in prepared.notices if k == key]
    # exactly 20 answers of 0-5 (a bad store on 0-10 looks the same): said
    prepared = load(con, _recommend_csv(*(["0", "2", "5", "5"] * 5)), mapping)
    assert [v["n"] for k, v in prepared.notices if k == key] == [20]


def test_a_survey_file_is_never_read_in_chunks_so_the_recommend_notice_sees_every_answer(con):
    # the "none above 5" notice needs 20 answers of the whole file: a large survey CSV is read whole, never in
    # chunks of which each could hold fewer (portal.ingest.stream reads only kinds with a rows_frame in chunks)
    from portal.ingest import stream

    kind = surveys.configure(con, {})
    assert kind.rows_frame is None
    assert not stream.streamable_file(kind, "surveys.csv", 10**12, threshold_mb=1)


def test_a_recommend_column_of_option_numbers_1_to_11_is_refused_as_a_whole(con):
    # 问卷星 "按选项序号下载": the eleven options of a 0-10 question numbered 1-11 (0分 is 1, 10分 is 11). The
    # answers 10, 10, 0, 9, 6 came as 11, 11, 1, 10, 7: the two 11s were each row's "outside 0-10" and, with
    # "skip invalid rows", 1, 10 and 7 were stored one point too high (the 6 a passive, not a detractor): NPS
    # 0 of 3 (1 promoter - 1 detractor) where the customers gave +20 of 5 (3 promoters - 2 detractors).
    column = "3、您向朋友推荐我们的可能性有多大？(0-10分)"
    mapping = {
        "store_code": "门店",
        "responded_on": "提交答卷时间",
        "overall_satisfaction": "总体满意度",
        "recommend_score": column,
    }
    head = f"序号,提交答卷时间,门店,总体满意度,{column}"
    cells = ["11", "11", "1", "10", "7"]
    rows = [f"{i},2026/3/2 10:0{i}:00,S001,4,{c}" for i, c in enumerate(cells, start=1)]
    data = ("\n".join([head, *rows]) + "\n").encode()
    prepared = load(con, data, mapping, skip_invalid=True)
    assert [(k, v["column"], v["n"], v["last"]) for k, v in prepared.file_errors] == [
        ("ingest.file.option_numbers", column, 2, 11)
    ]
    assert prepared.errors.empty  # one message for the column, never each 11 as its row's error
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(con, prepared, ADMIN)
    assert con.execute("select count(*) from survey_responses").fetchone() == (0,)
    values = prepared.file_errors[0][1]
    assert t("ingest.file.option_numbers", "en", **values) == (
        f"{column}: 2 answers are 11 and none is 0: the answers look like the options' numbers 1–11 (the "
        "first option, 0, numbered 1), not Likelihood to recommend (0-10) on 0–10, so each would be read one point "
        "too high; nothing was written. Export the answers as the options' text or their scores, or leave the "
        "column unmapped."
    )
    assert "选项序号 1–11" in t("ingest.file.option_numbers", "zh", **values)
    # a 0 among them: the answers are on 0-10, an 11 is its row's slip of the keyboard, as before
    cells = ["11", "11", "0", "10", "7"]
    rows = [f"{i},2026/3/2 10:0{i}:00,S001,4,{c}" for i, c in enumerate(cells, start=1)]
    prepared = load(con, ("\n".join([head, *rows]) + "\n").encode(), mapping, skip_invalid=True)
    assert prepared.file_errors == []
    assert [(r.row, r.reason) for r in prepared.errors.itertuples()] == [
        (2, "ingest.error.out_of_range"),
        (3, "ingest.error.out_of_range"),
    ]


def test_a_label_with_its_point_in_brackets_after_it_is_read(con):
    # a helper's probe: 腾讯问卷's "非常愿意推荐(10)" was refused cell by cell, while "10(非常愿意)" was read
    rows = [
        "R-1,S001,2026-03-02,满意（4）,非常愿意推荐(10),",
        "R-2,S001,2026-03-02,非常满意(5分),不太愿意(3),",
    ]
    prepared = load(con, ("\n".join([HEAD, *rows]) + "\n").encode())
    assert prepared.file_errors == [] and prepared.errors.empty
    assert prepared.values["overall_satisfaction"].tolist() == [4, 5]
    assert prepared.values["recommend_score"].tolist() == [10, 3]
    # a question's number or an option's letter before the point is no label (a review): errors of their rows
    rows = ["R-1,S001,2026-03-02,Q3(2),8,", "R-2,S001,2026-03-02,第3题(2),8,", "R-3,S001,2026-03-02,A(1),8,"]
    prepared = load(con, ("\n".join([HEAD, *rows]) + "\n").encode(), skip_invalid=True)
    assert sorted(prepared.errors["row"]) == [2, 3, 4]
