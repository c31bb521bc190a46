"""Store and agent codes matched to the master data (``CheckContext.match_codes``, shared by every kind that
carries them): the repair notice names the file's own column, in both languages."""

from __future__ import annotations

from datetime import datetime

from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, reading, registry, surveys
from portal.scope import Scope

NOW = datetime(2026, 6, 1)
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
COMPLAINTS_ZH = "投诉编号,接收时间,渠道,门店编码,客服专员编码\n"
QA_ZH = "质检编号,客服专员编码,质检日期,质检员,总分\n"


def prepare(con, kind, text: str, name: str = "f.csv", user=ADMIN, **options) -> pipeline.Prepared:
    raw = reading.read_upload(text.encode(), name)
    return pipeline.prepare(con, kind, raw, None, pipeline.ImportOptions(now=NOW, **options), user)


def repairs(prepared) -> list[tuple[dict, str, str]]:
    """Each repair notice: its values and its text in English and Chinese."""
    return [
        (values, t(key, "en", **values), t(key, "zh", **values))
        for key, values in prepared.notices
        if key == "ingest.notice.codes_repaired"
    ]


def survey_file(store: str, header: str = "门店") -> str:
    items = ",".join(f"期望{n}" for n in range(1, 23)) + "," + ",".join(f"感知{n}" for n in range(1, 23))
    answers = ",".join(["6"] * 44)
    return f"答卷编号,{header},日期,总体满意度,{items}\nR-1,{store},2026-05-01,4,{answers}\n"


def test_the_repair_notice_names_the_files_column(con):
    prepared = prepare(con, registry.kind("complaints"), COMPLAINTS_ZH + "C-1,2026-03-01 09:30,热线,S1,a1\n")
    assert prepared.n_invalid == 0, prepared.errors
    assert repairs(prepared) == [
        (
            {"column": "门店编码", "pairs": "S1 → S001"},
            "门店编码: codes matched after restoring lost leading zeros or letter case: S1 → S001.",
            "门店编码：编码在补回丢失的前导零或大小写后匹配成功：S1 → S001。",
        ),
        (
            {"column": "客服专员编码", "pairs": "a1 → A001"},
            "客服专员编码: codes matched after restoring lost leading zeros or letter case: a1 → A001.",
            "客服专员编码：编码在补回丢失的前导零或大小写后匹配成功：a1 → A001。",
        ),
    ]


def test_the_repair_notice_names_the_column_in_surveys_and_qa_reviews(con):
    prepared = prepare(con, surveys.configure(con, {}), survey_file("s002"))
    assert prepared.mapping["store_code"] == "门店" and prepared.n_invalid == 0, prepared.errors
    assert [r[1:] for r in repairs(prepared)] == [
        (
            "门店: codes matched after restoring lost leading zeros or letter case: s002 → S002.",
            "门店：编码在补回丢失的前导零或大小写后匹配成功：s002 → S002。",
        )
    ]
    prepared = prepare(con, registry.kind("qa_reviews"), QA_ZH + "Q-1,A3,2026-05-02,Quinn,88\n")
    assert prepared.n_invalid == 0, prepared.errors
    assert [r[1:] for r in repairs(prepared)] == [
        (
            "客服专员编码: codes matched after restoring lost leading zeros or letter case: A3 → A003.",
            "客服专员编码：编码在补回丢失的前导零或大小写后匹配成功：A3 → A003。",
        )
    ]
