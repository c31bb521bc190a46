"""SERVQUAL answer columns as Chinese survey tools name them (Q1_期望, Q1_感知 ...): found and mapped, and a file
whose answer-like columns are left unmapped says so (probe: 44 columns of a 问卷星 export ignored unsaid)."""

from __future__ import annotations

from portal.i18n import t
from portal.ingest import mapping, pipeline, reading, surveys
from portal.ingest.servqual_columns import item_like_headers
from tests.test_survey_import import ADMIN, opts

HEADERS = ["序号", "门店", "提交答卷时间", "总体满意度"]


def test_question_numbered_expectation_and_perception_columns_are_mapped(con):
    kind = surveys.configure(con, {})
    items = [f"Q{n}_期望" for n in range(1, 23)] + [f"Q{n}_感知" for n in range(1, 23)]
    got = mapping.suggest_mapping(kind, HEADERS + items)
    assert [got[f"e{n}"] for n in range(1, 23)] == items[:22]
    assert [got[f"p{n}"] for n in range(1, 23)] == items[22:]
    others = ["Q1 expectation", "期望Q2", "Q3_感知值", "4感知值", "Q05_期望"]
    got = mapping.suggest_mapping(kind, others)
    assert (got["e1"], got["e2"], got["p3"], got["p4"], got["e5"]) == tuple(others)
    assert item_like_headers(["Q12_期望", "12感知", "期望Q3", "Q4 perception", "Q4", "备注"]) == {
        "Q12_期望": 12,
        "12感知": 12,
        "期望Q3": 3,
        "Q4 perception": 4,
    }


def test_answer_like_columns_left_unmapped_are_named_in_a_notice(con):
    head = ",".join(
        ["response_id", "store_code", "responded_on", "overall_satisfaction"]
        + [f"Q{n}_期望" for n in range(1, 6)]
    )
    data = (head + "\nR-1,S001,2026-03-02,4,6,6,5,7,6\n").encode()
    chosen = {"response_id": "response_id", "store_code": "store_code", "responded_on": "responded_on"}
    chosen["overall_satisfaction"] = "overall_satisfaction"
    kind = surveys.configure(con, {})
    prepared = pipeline.prepare(con, kind, reading.read_upload(data, "s.csv"), chosen, opts(), ADMIN)
    [notice] = [v for k, v in prepared.notices if k == "sat.import.notice.items_unmapped"]
    assert notice["n"] == 5
    assert t("sat.import.notice.items_unmapped", "en", **notice) == (
        "5 columns look like SERVQUAL answers (expectation or perception of an item) but are not mapped, so they "
        "are not imported: Q1_期望, Q2_期望, Q3_期望, Q4_期望, Q5_期望. Map them (E and P fields, or by pattern such "
        "as E{n} = Q{n}_期望)."
    )
    assert "看似 SERVQUAL 答案" in t("sat.import.notice.items_unmapped", "zh", **notice)
