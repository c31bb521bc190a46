"""Which column a QA export's criterion scores are read from (portal/qa/kind.py's fields through
portal/ingest/mapping.suggest_mapping): 得分 beside 总分 and 评分项 is the criterion score; criteria without a
criterion score column are said once for the file, not on every row."""

from __future__ import annotations

from portal.i18n import t
from portal.ingest import mapping, pipeline, reading
from tests.test_qa_import import ADMIN, KIND, OPTIONS

# the probe's Chinese export: 总分 the overall score, 得分 each criterion's
ZH_HEADER = "质检单号,坐席工号,质检日期,质检员,总分,评分项,得分,满分,权重,是否关键项,工单号,评语"
ZH_FILE = (
    ZH_HEADER + "\nQP-1,A001,2026-10-21,质检 李娜,70,问候语,5,5,1,否,,整体良好\n"
    "QP-1,,,,,解决方案,6,10,3,否,,\nQP-2,A002,2026-10-21,质检 李娜,88,,,,,,,\n"
)


def suggested(header: str) -> dict:
    return mapping.suggest_mapping(KIND, header.split(","))


def prepare(con, text: str, column_mapping=None) -> pipeline.Prepared:
    raw = reading.read_upload(text.encode(), "qa.csv")
    return pipeline.prepare(con, KIND, raw, column_mapping, OPTIONS, ADMIN)


def test_defen_beside_zongfen_and_a_criterion_column_is_the_criterion_score(con):
    # every criterion row said "the criterion has no score": 得分 was offered to no field (probe)
    chosen = suggested(ZH_HEADER)
    assert (chosen["score"], chosen["criterion"], chosen["criterion_score"]) == ("总分", "评分项", "得分")
    prepared = prepare(con, ZH_FILE)
    assert prepared.errors.empty and not prepared.file_errors
    assert list(prepared.values["form_score"]) == [70.0, 70.0, 88.0]


def test_defen_stays_the_overall_score_alone_or_without_criteria():
    assert (suggested("质检单号,坐席工号,质检日期,得分,评分项")["score"]) == "得分"
    without_criteria = suggested("质检单号,坐席工号,质检日期,总分,得分")
    assert (without_criteria["score"], without_criteria["criterion_score"]) == ("总分", None)


def test_criteria_without_a_criterion_score_column_are_said_once(con):
    chosen = suggested(ZH_HEADER) | {"criterion_score": None}
    prepared = prepare(con, ZH_FILE, chosen)
    assert "qa.import.error.criterion_score_missing" not in set(prepared.errors["reason"])
    ((key, values),) = prepared.file_errors
    assert t(key, "en", **values) == (
        "评分项: 2 rows name criteria, but no column is mapped to “Criterion score”, so no criterion has a score; "
        "nothing was written. Map the column that holds the criteria's scores to “Criterion score”."
    )
    assert t(key, "zh", **values) == (
        "评分项：2 行填写了评分项，但“评分项得分”尚未映射到任何列，评分项均无得分；未写入任何数据。"
        "请将评分项得分所在的列映射到“评分项得分”。"
    )


# a 质检表 scored as one number with two score columns: 总分 100 (the sheet's maximum) and 得分 (the review's score)
TWO_SCORES = (
    "质检编号,坐席工号,质检日期,总分,得分\nZJ-1,A001,2026-10-05,100,85\nZJ-2,A002,2026-10-06,100,72分\n"
)


def test_two_overall_score_columns_that_differ_are_refused_naming_both(con):
    # before: 总分 was read as the score and 得分 left unread, unsaid: both reviews stored as 100
    prepared = prepare(con, TWO_SCORES)
    assert prepared.mapping["score"] == "总分" and prepared.mapping["criterion_score"] is None
    shown = prepared.error_messages("en")
    assert shown[["row", "column"]].values.tolist() == [[2, "总分"], [3, "总分"]]
    assert shown["reason"].tolist()[1] == (
        "another column, 得分, also holds an overall score (72), which differs from this one (100): which is the "
        "review's score cannot be told. Map the column that holds the score to “Overall score (0-100)”, and the "
        "other to “Maximum score” if it is the maximum (or remove it from the file)"
    )
    zh = prepared.error_messages("zh")["reason"].tolist()[0]
    assert zh == (
        "另一列“得分”也是总分(85)，与本列(100)不同，无法判断哪一个是该质检的得分。请将得分所在的列映射到“总分”；"
        "另一列如为满分，请映射到“满分”(或从文件中删除该列)"
    )
    # mapped as the message says: 85 and 72 of 满分 100
    chosen = {"score": "得分", "max_score": "总分"}
    prepared = prepare(con, TWO_SCORES, suggested(TWO_SCORES.splitlines()[0]) | chosen)
    assert prepared.errors.empty and list(prepared.values["form_score"]) == [85.0, 72.0]


def test_two_overall_score_columns_that_agree_are_read_as_one(con):
    prepared = prepare(con, "质检编号,坐席工号,质检日期,总分,得分\nZJ-1,A001,2026-10-05,85,85分\n")
    assert prepared.errors.empty and list(prepared.values["form_score"]) == [85.0]
