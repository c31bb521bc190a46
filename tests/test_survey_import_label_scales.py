"""A labelled answer column whose labels are the options of another scale than its field's (a 7-point satisfaction
set on the 1-5 overall question; agreement labels on it; satisfaction labels on a 1-7 SERVQUAL item) is one
problem of the whole file naming the column and the scale found, never an error on each row nor a silent reading
(the Chinese seven levels 满意 and 比较满意 were both read as 4)."""

from __future__ import annotations

import pytest

from portal.i18n import t
from tests.test_survey_import import HEAD, load

SATISFACTION_7_EN = [
    "Extremely satisfied",
    "Moderately satisfied",
    "Slightly satisfied",
    "Neither satisfied nor dissatisfied",
    "Slightly dissatisfied",
    "Moderately dissatisfied",
    "Extremely dissatisfied",
]
SATISFACTION_7_ZH = ["非常满意", "满意", "比较满意", "一般", "比较不满意", "不满意", "非常不满意"]
AGREEMENT_5 = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]


def _overall(*cells: str) -> bytes:
    rows = [f"R-{i},S001,2026-03-02,{cell},8," for i, cell in enumerate(cells, start=1)]
    return ("\n".join([HEAD, *rows]) + "\n").encode()


def _file_errors(prepared, key: str) -> list[dict]:
    return [values for k, values in prepared.file_errors if k == key]


@pytest.mark.parametrize(
    ("cells", "scale_en", "scale_zh"),
    [
        (SATISFACTION_7_EN, "a 7-point satisfaction scale", "7级满意度量表"),
        (SATISFACTION_7_ZH, "a 7-point satisfaction scale", "7级满意度量表"),
        (AGREEMENT_5, "an agreement scale (strongly disagree … strongly agree)", "同意程度量表"),
        (["4", "5 - Strongly agree", "2 - Disagree"], "an agreement scale", "同意程度量表"),
    ],
)
def test_overall_satisfaction_labelled_on_another_scale_is_one_file_problem(con, cells, scale_en, scale_zh):
    prepared = load(con, _overall(*cells))
    found = _file_errors(prepared, "ingest.file.other_scale_labels")
    assert len(found) == 1 and found[0]["column"] == "overall_satisfaction"
    assert found[0]["scale"].en.startswith(scale_en) and found[0]["scale"].zh.startswith(scale_zh)
    # no error on each row
    assert not (prepared.errors["reason"] == "ingest.error.not_a_scale_answer").any()
    text = t("ingest.file.other_scale_labels", "en", **found[0])
    assert text.startswith(f"overall_satisfaction: its answers are the options of {scale_en}")
    assert "but Overall satisfaction (1-5) takes 1–5; nothing was written" in text
    assert t("ingest.file.other_scale_labels", "zh", **found[0]).startswith("overall_satisfaction：其答案是")


def test_satisfaction_labels_on_a_1_7_servqual_item_are_one_file_problem(con):
    head = "response_id,store_code,responded_on,overall_satisfaction,recommend_score,E1,P1"
    rows = [
        "R-1,S001,2026-03-02,4,8,Very satisfied,Satisfied",
        "R-2,S001,2026-03-02,4,8,Dissatisfied,Neutral",
    ]
    prepared = load(con, ("\n".join([head, *rows]) + "\n").encode())
    found = {v["column"]: v for k, v in prepared.file_errors if k == "ingest.file.other_scale_labels"}
    assert set(found) == {"E1", "P1"}
    assert found["E1"]["scale"].en == "a satisfaction scale (very dissatisfied … very satisfied)"
    assert not (prepared.errors["reason"] == "ingest.error.not_a_scale_answer").any()


def test_the_five_satisfaction_levels_and_words_the_portal_does_not_know_stay_as_they_were(con):
    # the field's own five levels are read; a word of no scale is that row's error, as before
    prepared = load(con, _overall("非常满意", "满意", "一般", "不满意", "非常不满意", "还行吧"))
    assert not prepared.file_errors
    assert prepared.values["overall_satisfaction"].tolist()[:5] == [5, 4, 3, 2, 1]
    assert list(prepared.errors["reason"]) == ["ingest.error.not_a_scale_answer"]


def test_the_usual_variants_of_the_five_chinese_levels_are_read(con):
    # 问卷星 / 腾讯问卷 wordings a helper's probe found refused row by row ("neither a number on the scale 1–5 nor
    # an answer word"), so that skipping invalid rows dropped exactly the unhappy answers
    # 基本满意 is the middle of 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意 (a review: not 满意's 4)
    prepared = load(con, _overall("非常满意", "满意", "基本满意", "不太满意", "不大满意", "非常不满意"))
    assert not prepared.file_errors and prepared.errors.empty
    assert prepared.values["overall_satisfaction"].tolist() == [5, 4, 3, 2, 2, 1]


AGREEMENT_5_ZH = ["非常同意", "同意", "一般", "不同意", "非常不同意"]


def _items(*rows: tuple[str, str]) -> bytes:
    head = "response_id,store_code,responded_on,overall_satisfaction,recommend_score,E1,P1"
    lines = [f"R-{i},S001,2026-03-02,4,8,{e},{p}" for i, (e, p) in enumerate(rows, start=1)]
    return ("\n".join([head, *lines]) + "\n").encode()


def test_five_agreement_levels_on_a_1_7_servqual_item_are_one_file_problem(con):
    # the five levels (no "somewhat" ones) on a 1-7 item: SPEC maps them to no point of 1-7 (a linear reading gives
    # agree 5.5, disagree 2.5). Before, they were read as 7, 6, 4, 2, 1 without a word
    prepared = load(con, _items(*zip(AGREEMENT_5, AGREEMENT_5_ZH, strict=True)))
    found = {v["column"]: v for k, v in prepared.file_errors if k == "ingest.file.other_scale_labels"}
    assert set(found) == {"E1", "P1"}
    assert (
        found["E1"]["scale"].en
        == "a 5-point agreement scale (strongly disagree, disagree, neutral, agree, strongly agree)"
    )
    assert found["P1"]["scale"].zh.startswith("5级同意程度量表")
    assert found["P1"]["labels"].en == "非常同意, 同意, 一般, 不同意, 非常不同意"
    assert found["E1"]["expected"] == "1–7"
    assert not (prepared.errors["reason"] == "ingest.error.not_a_scale_answer").any()
    text = t("ingest.file.other_scale_labels", "en", **found["E1"])
    assert text.startswith("E1: its answers are the options of a 5-point agreement scale")


def test_seven_agreement_levels_and_the_scale_ends_alone_are_read_as_before(con):
    # a "somewhat" level shows the seven-level set: agree 6, somewhat agree 5 (E1); the ends and the middle alone
    # are alike on both sets (strongly agree 7, neutral 4, strongly disagree 1: P1): read, no file problem
    prepared = load(
        con,
        _items(
            ("Agree", "Strongly agree"),
            ("Somewhat agree", "Neither agree nor disagree"),
            ("Disagree", "Strongly disagree"),
        ),
    )
    assert not [v for k, v in prepared.file_errors if k == "ingest.file.other_scale_labels"]
    assert prepared.values["e1"].tolist() == [6, 5, 2]
    assert prepared.values["p1"].tolist() == [7, 4, 1]


def _column(column: str, *cells: str) -> bytes:
    # one labelled column among answers on the columns' own scales (overall 4, recommend 8, E1 and P1 5)
    head = "response_id,store_code,responded_on,overall_satisfaction,recommend_score,E1,P1"
    lines = []
    for i, cell in enumerate(cells, start=1):
        row = {"overall_satisfaction": "4", "recommend_score": "8", "E1": "5", "P1": "5", column: cell}
        lines.append(f"R-{i},S001,2026-03-02," + ",".join(row[c] for c in head.split(",")[3:]))
    return ("\n".join([head, *lines]) + "\n").encode()


@pytest.mark.parametrize(
    ("column", "cells", "scale", "labels"),
    [
        # the top of the five agreement levels on a 1-7 item: before, read by its number as 5 of 7
        ("E1", ("5 - Strongly agree", "3", "1 - Strongly disagree"), "agreement_5", "5 - Strongly agree"),
        # the top of seven satisfaction levels on the 1-5 question: before, 'a scale running the other way'
        (
            "overall_satisfaction",
            ("7 - Extremely satisfied", "4"),
            "satisfaction_7",
            "7 - Extremely satisfied",
        ),
        # a 1-5 satisfaction question's labels on the 0-10 recommend question: before, read 5, 3 and 1 of 10
        (
            "recommend_score",
            ("5分 非常满意", "3分 一般", "1分 非常不满意"),
            "satisfaction",
            "5分 非常满意、1分 非常不满意",
        ),
        ("recommend_score", ("1 = Very dissatisfied", "9"), "satisfaction", "1 = Very dissatisfied"),
    ],
)
def test_a_numbered_label_naming_the_end_of_another_scale_is_one_file_problem(
    con, column, cells, scale, labels
):
    prepared = load(con, _column(column, *cells))
    found = {v["column"]: v for k, v in prepared.file_errors if k == "ingest.file.other_scale_labels"}
    assert set(found) == {column}
    assert found[column]["scale"].en == t(f"ingest.scale.{scale}", "en")
    assert found[column]["scale"].zh == t(f"ingest.scale.{scale}", "zh")
    assert found[column]["labels"].zh == labels
    assert not [k for k, _ in prepared.file_errors if k == "ingest.file.scale_mixed"]
    assert not (prepared.errors["reason"] == "ingest.error.not_a_scale_answer").any()
    field = {"E1": "e1"}.get(column, column)
    assert prepared.values[field].isna().all()  # nothing read by its number
    en = t("ingest.file.other_scale_labels", "en", **found[column])
    assert en.startswith(f"{column}: its answers are the options of {t(f'ingest.scale.{scale}', 'en')}")
    zh = t("ingest.file.other_scale_labels", "zh", **found[column])
    assert zh.startswith(f"{column}：其答案是{t(f'ingest.scale.{scale}', 'zh')}的选项({labels})")


@pytest.mark.parametrize(
    ("column", "cells", "read"),
    [
        # number and words agree with the column's scale: read by the number, as before
        ("E1", ("7 - Strongly agree", "4 - Neutral", "1 - Strongly disagree"), [7, 4, 1]),
        ("overall_satisfaction", ("5 = Very satisfied", "3", "1 = Very dissatisfied"), [5, 3, 1]),
        ("recommend_score", ("10 - Extremely likely", "0 - Not at all likely", "7"), [10, 0, 7]),
    ],
)
def test_a_numbered_label_at_the_end_of_the_columns_own_scale_is_read_by_its_number(con, column, cells, read):
    prepared = load(con, _column(column, *cells))
    assert not [k for k, _ in prepared.file_errors if k == "ingest.file.other_scale_labels"]
    assert prepared.values[{"E1": "e1"}.get(column, column)].tolist() == read


def _column_problems(prepared) -> list:
    # the file's problems but SERVQUAL's items 2-22 missing (the fixture answers E1 and P1 only)
    return [(k, v) for k, v in prepared.file_errors if k != "sat.import.file.items_missing"]


def test_a_1_7_item_whose_numbered_agreement_labels_run_the_other_way_is_read_by_its_words(con):
    # a tool whose 1 is the best: "1 - Strongly agree" is 7 and "7 - Strongly disagree" 1, as "1 - Very satisfied"
    # is 5 on a 1-5 column; every labelled point its label's mirror (2 - Agree is 6, 4 - Neutral 4), so the "3"
    # written alone is on that scale too: 8 - 3 = 5. Before, read 1, 7, 2, 4, 3 by the numbers
    prepared = load(
        con, _column("E1", "1 - Strongly agree", "7 - Strongly disagree", "2 - Agree", "4 - Neutral", "3")
    )
    assert _column_problems(prepared) == [] and prepared.errors.empty
    assert prepared.values["e1"].tolist() == [7, 1, 6, 4, 5]
    notes = {k: v for k, v in prepared.notices if k.startswith("ingest.notice.scale_reversed")}
    assert notes["ingest.notice.scale_reversed"]["column"] == "E1"
    assert notes["ingest.notice.scale_reversed"]["n"] == 3  # 4 - Neutral agrees with its number
    assert notes["ingest.notice.scale_reversed_numbers"]["n"] == 1
    en = t("ingest.notice.scale_reversed", "en", **notes["ingest.notice.scale_reversed"])
    assert "1 - Strongly agree = 7" in en and "7 - Strongly disagree = 1" in en and "4 - Neutral" not in en
    assert "7 = strongly agree" in en and "very satisfied" not in en
    zh = t("ingest.notice.scale_reversed_numbers", "zh", **notes["ingest.notice.scale_reversed_numbers"])
    assert "1 = 7、2 = 6、3 = 5、4 = 4、5 = 3、6 = 2、7 = 1" in zh


def test_a_1_7_item_whose_numbered_labels_contradict_each_other_beside_numbers_alone_is_refused(con):
    # "1 - Strongly agree" says 1 is the best, "6 - Agree" that 7 is: the "3" alone is 3 or 5 (the 1-5 rule)
    prepared = load(con, _column("E1", "1 - Strongly agree", "6 - Agree", "3"))
    assert _column_problems(prepared) == [("ingest.file.scale_mixed", {"column": "E1", "n": 1})]


@pytest.mark.parametrize(
    ("cells", "labels"),
    [
        # the five levels' middle points by their numbers: agree is 4 of 5 (6 of 7), neutral 3 of 5 (4 of 7); the
        # 2 - Disagree is 2 on both sets and shows nothing. Before, read 4, 3, 2 as points of 1-7
        (("4 - Agree", "3 - Neutral", "2 - Disagree"), "4 - Agree、3 - Neutral"),
        # the five levels running the other way: disagree 4 and neutral 3 are points of five levels only
        (("4 - Disagree", "3 - 一般", "2 - Agree", "6"), "4 - Disagree、3 - 一般"),
    ],
)
def test_five_agreement_levels_by_their_numbers_on_a_1_7_item_are_one_file_problem(con, cells, labels):
    prepared = load(con, _column("E1", *cells))
    found = [v for k, v in prepared.file_errors if k == "ingest.file.other_scale_labels"]
    assert [k for k, _ in _column_problems(prepared)] == ["ingest.file.other_scale_labels"]
    assert found[0]["column"] == "E1" and found[0]["labels"].zh == labels
    assert found[0]["scale"].en == t("ingest.scale.agreement_5", "en")
    assert prepared.errors.empty and prepared.values["e1"].isna().all()
