"""A rating column is read as a whole: a scale running the other way is turned in every cell, never half; a
column on another scale than the field's is refused as a whole (probe of survey exports)."""

from __future__ import annotations

import pytest

from portal.i18n import t
from portal.ingest import pipeline
from tests.test_survey_import import ADMIN, HEAD, load


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
    assert notes["ingest.notice.scale_reversed_numbers"] == {"column": "overall_satisfaction", "n": 5}
    text = t("ingest.notice.scale_reversed_numbers", "en", **notes["ingest.notice.scale_reversed_numbers"])
    assert text.startswith(
        "overall_satisfaction: its answers' words show a scale where 1 is the best, so the 5 "
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
