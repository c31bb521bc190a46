"""A stamp column holding clocks of elapsed time (a work order's 首次响应时间 of ``00:45:12``, ``1:23``, ``26:10:00``:
the time taken, not a moment): its cells were left out as "not a date or time", which did not tell the user that
the column is a duration to map to the duration field. The notice now says so, in both languages, naming that field;
the cells are still left out (their meaning is never guessed)."""

from __future__ import annotations

from portal.i18n import t
from portal.ingest import pipeline, registry
from tests.test_ingest_complaints import ADMIN, NOW

KIND = registry.kind("complaints")


def _left_out(con, header: str, *cells: str) -> tuple[list[tuple[str, str]], pipeline.Prepared]:
    """The stamps-left-out notices of a file whose column ``header`` holds ``cells`` (one complaint each), in
    English and Chinese."""
    lines = [f"工单编号,创建时间,门店,{header}"]
    lines += [f"Q{i},2026-03-02 10:15,S001,{cell}" for i, cell in enumerate(cells, start=1)]
    data = ("\n".join(lines) + "\n").encode("gbk")
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai")
    prepared = pipeline.prepare(con, KIND, pipeline.read_upload(data, "工单.csv"), None, options, ADMIN)
    notices = [
        (t(k, "en", **v), t(k, "zh", **v))
        for k, v in prepared.notices
        if k == "ingest.notice.stamps_left_out"
    ]
    return notices, prepared


def test_a_first_response_column_of_elapsed_clocks_is_said_to_be_a_duration(con):
    # 26:10:00 is no time of day: the column's clocks (3 of its 4 cells) are the time taken
    notices, prepared = _left_out(con, "首次响应时间", "00:45:12", "1:23", "26:10:00", "2026-03-02 11:00")
    assert prepared.mapping["first_response_at"] == "首次响应时间"
    assert len(notices) == 1
    en, zh = notices[0]
    assert "3 stamps" in en and "rows 2 (Q1), 3 (Q2), 4 (Q3)" in en
    assert "looks like a duration" in en and "“First response time (after received)”" in en
    assert "26:10:00" in en and "not a date or time" not in en
    assert "看来是时长" in zh and "“首次响应时长”" in zh and "无法识别为日期或时间" not in zh
    # left out, never read as a duration on the quiet: the row with a stamp keeps it
    first = prepared.values.set_index("source_id")["first_response_at"]
    assert first[["Q1", "Q2", "Q3"]].isna().all() and str(first["Q4"]) == "2026-03-02 03:00:00"


def test_clocks_under_a_day_name_the_duration_field_and_the_missing_date(con):
    # 00:45:12, 01:23:00, 00:05:10 may be the time taken or times of day whose date is missing: both are said
    notices, _ = _left_out(con, "首次响应时间", "00:45:12", "01:23:00", "00:05:10")
    ((en, zh),) = notices
    assert "00:45:12" in en and "“First response time (after received)”" in en and "date is missing" in en
    assert "looks like a duration" not in en
    assert "“首次响应时长”" in zh and "缺少日期" in zh


def test_a_few_clocks_in_a_stamp_column_or_clocks_no_duration_gives_stay_not_a_date(con):
    # one clock of four cells: the column is stamps, its unreadable cells are not dates
    notices, _ = _left_out(con, "首次响应时间", "2026-03-02 11:00", "2026-03-02 12:00", "尽快", "00:45")
    ((en, zh),) = notices
    assert "not a date or time" in en and "(after received)" not in en
    # the close has no duration field to map clocks to
    notices, _ = _left_out(con, "关闭时间", "26:10:00", "00:45:12")
    ((en, zh),) = notices
    assert "not a date or time" in en and "无法识别为日期或时间" in zh
