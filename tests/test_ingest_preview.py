"""The upload preview's first rows, for people: field labels in the user's language, ✓ / ✗, blanks for
nothing, minutes without seconds, date-only stamps as dates."""

from __future__ import annotations

from datetime import datetime

from portal import settings
from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, preview, reading, registry, templates
from portal.scope import Scope

ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())


def prepared(con, kind_name: str, lang: str):
    kind = registry.kind(kind_name)
    data = templates.template_bytes(kind, lang, "csv")
    raw = reading.read_upload(data, templates.template_file_name(kind, lang, "csv"))
    return pipeline.prepare(con, kind, raw, None, pipeline.ImportOptions(now=datetime(2026, 6, 1)), ADMIN)


def test_complaint_preview_in_chinese(con):
    rows = preview.first_rows(prepared(con, "complaints", "zh"), "zh")
    assert list(rows.columns) == [
        "行号",
        "有效",
        "投诉编号",
        "接收时间",
        "渠道",
        "类别",
        "严重程度",
        "门店编码",
        "门店中文名称",  # optional (issue 10): the Chinese name of a store the import adds
        "客服专员编码",
        "首次响应时间",
        "解决时间",
        "关闭时间",
        "状态",
        "重开次数",
        "解决后满意度",
        "来源系统",
        "类别(标准分类)",
    ]
    first, second = rows.to_dict(orient="records")
    # the template's 09:30 Asia/Shanghai is 01:30 UTC; 2026-03-02 16:00 -> 08:00 UTC; closed 2026-03-03 was
    # given as a date only and stays a date (no "00:00:00"); the file's row numbers are 2 and 3
    assert (first["行号"], first["有效"], first["投诉编号"]) == (2, "✓", "T-000123")
    assert (first["接收时间"], first["解决时间"], first["关闭时间"]) == (
        "2026-03-01 01:30",
        "2026-03-02 08:00",
        "2026-03-03",
    )
    # values as they will be stored (the Chinese 热线 / 产品质量 / 已关闭 mapped to the standard values), shown
    # by their labels (issue 10: the preview showed `in_store`), the file's own category text as it is
    assert (first["渠道"], first["类别"], first["状态"], first["类别(标准分类)"]) == (
        t("complaints.channel.hotline", "zh"),
        "产品质量",
        t("complaints.state.closed", "zh"),
        t("complaints.category.product_quality", "zh"),
    )
    assert (first["重开次数"], first["解决后满意度"]) == ("0", "4")
    # nothing given: blank cells, never "None" / "NaT" / "<NA>"
    assert (second["门店编码"], second["解决时间"], second["关闭时间"], second["解决后满意度"]) == (
        "",
        "",
        "",
        "",
    )


def test_survey_preview_in_english_shows_labels_and_dates(con):
    rows = preview.first_rows(prepared(con, "surveys", "en"), "en")
    assert list(rows.columns[:6]) == [
        "Row",
        "Valid",
        "Response id",
        "Store code",
        "Store name in Chinese",  # optional (issue 10): the Chinese name of a store the import adds
        "Date",
    ]
    assert "Expectation 1" in rows.columns and "e1" not in rows.columns
    assert "has_servqual_block" not in rows.columns and "instrument_id" not in rows.columns
    # responded_on is a date field: no time; importance points 20 (a float) without ".0"
    assert rows["Date"].tolist() == ["2026-03-01", "2026-03-02"]
    assert rows["Importance: Tangibles"].tolist()[0] == "20"
    assert rows["Valid"].tolist() == ["✓", "✓"]


def test_preview_times_in_the_reporting_zone_saying_so(con):
    """Issue 10: the preview showed UTC (09:30 entered showed as 01:30); now the reporting zone, named."""
    rows = preview.first_rows(prepared(con, "complaints", "zh"), "zh", timezone="Asia/Shanghai")
    first = rows.to_dict(orient="records")[0]
    # 09:30 Beijing time as entered; the date-only closed stamp stays its date
    assert first["接收时间(北京时间)"] == "2026-03-01 09:30"
    assert first["解决时间(北京时间)"] == "2026-03-02 16:00"
    assert first["关闭时间(北京时间)"] == "2026-03-03"
    en = preview.first_rows(prepared(con, "complaints", "en"), "en", timezone="Asia/Shanghai")
    assert "Received (date and time), Beijing time" in en.columns
    assert en["Channel"].tolist()[0] == "Hotline"


def test_survey_channel_by_its_label(con):
    rows = preview.first_rows(prepared(con, "surveys", "en"), "en")
    assert "in_store" not in rows.to_string()
    assert set(rows["Channel"]) <= {
        t(f"sat.channel.{c}", "en") for c in ("in_store", "app", "online", "hotline")
    }


def test_time_zone_choices_offer_the_stores_zones_first_then_every_iana_zone(con):
    # probe repro 8: store S052 in Asia/Urumqi, yet the Upload form offered a fixed 17 zones without it
    con.execute("update stores set timezone = 'Asia/Urumqi' where store_code in ('S002', 'S003')")
    con.execute("update stores set timezone = 'Europe/Berlin' where store_code = 'S001'")
    settings.put(con.cursor(), "report_timezone", "Asia/Tokyo", "test")
    zones = preview.timezone_choices(con, "America/Chicago", Scope.everything())
    # the saved mapping's zone, the reporting zone, the stores' (2 stores before 1), then the common ones
    assert zones[:5] == ["America/Chicago", "Asia/Tokyo", "Asia/Urumqi", "Europe/Berlin", "Asia/Shanghai"]
    # an inspector of S001 is offered its store's zone first, not the zones of stores outside the scope
    mine = preview.timezone_choices(con, "America/Chicago", Scope(store_ids=(1,)))
    assert mine[:4] == ["America/Chicago", "Asia/Tokyo", "Europe/Berlin", "Asia/Shanghai"]
    assert len(zones) == len(set(zones)) == len(settings.known_timezones())
    assert "Asia/Kathmandu" in zones and zones.index("Asia/Kathmandu") > zones.index("UTC")


def test_the_first_rows_caption_names_a_zone_only_for_a_kind_whose_files_hold_stamps():
    # the page said "(times in China Standard Time, …)" above a stores or agents preview, which shows no time
    stores, agents, complaints = (registry.kind(n) for n in ("stores", "agents", "complaints"))
    for kind in (stores, agents):
        assert preview.first_rows_caption(kind, "UTC+8", "en") == (
            "First rows as they will be stored (standard values by their names)"
        )
        assert preview.first_rows_caption(kind, "UTC+8", "zh") == "前几行的入库结果(标准值显示为名称)"
    assert preview.first_rows_caption(complaints, "UTC+8", "en") == (
        "First rows as they will be stored (times in UTC+8, standard values by their names)"
    )
    assert (
        preview.first_rows_caption(complaints, "UTC+8", "zh")
        == "前几行的入库结果(时间为UTC+8，标准值显示为名称)"
    )
