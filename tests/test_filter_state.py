"""The applied filter: presets worked out by hand, the address form and back, the caption in words."""

from datetime import date

import pytest

from portal import filter_state as fs
from portal import zones
from portal.i18n import t

TODAY = date(2026, 11, 30)  # a Monday


@pytest.mark.parametrize(
    ("preset", "start", "end"),
    [
        ("yesterday", date(2026, 11, 29), date(2026, 11, 29)),
        # last week: Monday 11-23 .. Sunday 11-29 (today is Monday 11-30)
        ("last_week", date(2026, 11, 23), date(2026, 11, 29)),
        ("this_month", date(2026, 11, 1), date(2026, 11, 30)),
        ("last_month", date(2026, 10, 1), date(2026, 10, 31)),
        # November is in Q4, so the last quarter is Q3: July 1 .. September 30
        ("last_quarter", date(2026, 7, 1), date(2026, 9, 30)),
        ("last_30", date(2026, 11, 1), date(2026, 11, 30)),
        ("this_year", date(2026, 1, 1), date(2026, 11, 30)),
    ],
)
def test_presets(preset, start, end):
    assert fs.preset_range(preset, TODAY) == (start, end)


def test_last_quarter_and_month_across_the_new_year():
    # 2027-02-10 is in Q1 2027: last quarter is Q4 2026; last month January 2027
    assert fs.preset_range("last_quarter", date(2027, 2, 10)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert fs.preset_range("last_month", date(2027, 1, 5)) == (date(2026, 12, 1), date(2026, 12, 31))
    # a Sunday: last week is the Monday..Sunday before this week's Monday 2026-11-23
    assert fs.preset_range("last_week", date(2026, 11, 29)) == (date(2026, 11, 16), date(2026, 11, 22))


def test_address_round_trip_and_junk_dropped():
    applied = fs.Applied(
        "last_30", selections={"store": (3, 5), "category": ("delivery",)}, business_hours=True
    )
    query = fs.to_query(applied)
    assert query == {"period": "last_30", "store": "3,5", "category": "delivery", "hours": "1"}
    assert fs.from_query(query, TODAY) == applied
    junk = fs.from_query({"period": "drop table", "store": "3,x;1=1", "category": "delivery,nonsense"}, TODAY)
    assert junk == fs.Applied("last_90", selections={"store": (3,), "category": ("delivery",)})
    assert fs.from_query({"lang": "zh"}, TODAY) is None  # no filter in the address: the session's applies
    custom = fs.from_query({"from": "2026-03-01", "to": "2026-03-31"}, TODAY)
    assert custom.period(TODAY) == (date(2026, 3, 1), date(2026, 3, 31))
    assert fs.to_query(custom) == {"from": "2026-03-01", "to": "2026-03-31"}
    # only the dimensions a page offers go into its address
    assert fs.to_query(applied, ("store",)) == {"period": "last_30", "store": "3,5", "hours": "1"}


def test_caption_names_period_selection_and_scope():
    applied = fs.Applied("last_week", selections={"store": (2,)})
    text = fs.caption(
        applied,
        TODAY,
        ("region", "store"),
        "all stores",
        lambda k, **v: t(k, "en", **v),
        lambda n, v: {2: "S002 Beijing 02"}[v],
        zones.zone_name("Asia/Shanghai", "en"),
    )
    assert (
        text
        == "Last week: 2026-11-23 – 2026-11-29 (Beijing time) · Store: S002 Beijing 02 · Your scope: all stores"
    )
    two = fs.Applied("last_week", selections={"store": (2, 3)})
    zh = fs.caption(
        two,
        TODAY,
        ("store",),
        "全部门店",
        lambda k, **v: t(k, "zh", **v),
        lambda n, v: {2: "S002 北京02店", 3: "S003 上海01店"}[v],
        zones.zone_name("Asia/Shanghai", "zh"),
    )
    assert " · 门店：S002 北京02店、S003 上海01店 · " in zh  # Chinese writes 、 and ：


def test_zone_names_and_local_times():
    assert zones.zone_name("Asia/Shanghai", "zh") == "北京时间"
    assert zones.zone_name("Europe/Berlin", "en") == "Europe/Berlin time"
    # 01:30 UTC is 09:30 in Beijing (UTC+8)
    assert zones.stamp_text("2026-03-01 01:30:00", "Asia/Shanghai") == "2026-03-01 09:30"
    assert zones.stamp_text(None, "Asia/Shanghai") == ""


@pytest.mark.parametrize(
    ("query", "refused"),
    [
        ({"from": "2025-01-01", "to": "9999-12-31"}, ("9999-12-31",)),
        ({"from": "0001-01-01", "to": "0001-02-01"}, ("0001-01-01", "0001-02-01")),
        ({"from": "1999-12-31", "to": "2027-12-01"}, ("1999-12-31", "2027-12-01")),
    ],
)
def test_address_dates_outside_the_reported_days_are_left_out_and_named(query, refused):
    """A far-off date in the address made every dashboard an OverflowError (the previous period of
    2025-01-01..9999-12-31 began before year 1). Days run 2000-01-01 (PORTAL_MIN_DATE) to a year after today."""
    applied = fs.from_query(query, TODAY)
    assert (applied.preset, applied.refused_days) == ("last_90", refused)
    assert applied.period(TODAY) == (date(2026, 9, 2), TODAY)
    assert fs.to_query(applied) == {}  # the address is rewritten without them
    edges = fs.from_query({"from": "2000-01-01", "to": "2027-11-30"}, TODAY)  # both bounds are kept
    assert (edges.preset, edges.start, edges.end, edges.refused_days) == (
        "custom",
        date(2000, 1, 1),
        date(2027, 11, 30),
        (),
    )


def test_refused_dates_are_said_in_both_languages():
    values = {"values": "9999-12-31", "first": "2000-01-01", "last": "2027-11-30", "period": "Last 90 days"}
    assert t("filters.date_refused", "en", **values) == (
        "Left out of the address: 9999-12-31, outside the days the portal reports on (2000-01-01 to "
        "2027-11-30). The period is Last 90 days."
    )
    assert t("filters.date_refused", "zh", **{**values, "period": "近90天"}) == (
        "地址中的日期已忽略：9999-12-31，超出看板可报告的日期范围(2000-01-01 至 2027-11-30)。周期为近90天。"
    )
