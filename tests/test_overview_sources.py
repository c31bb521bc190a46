"""The overview's window (portal/overview/sources.py): its days are the reporting zone's."""


def test_the_window_s_today_is_the_reporting_zone_s_day():
    # 17:30 UTC on 4 Dec is 01:30 on 5 Dec in Beijing: actions due on 4 Dec are overdue there (the overview used
    # the UTC day: 51 overdue against the 5S page's 52; consistency probe)
    from datetime import date, datetime

    from portal.overview.sources import window_for

    now = datetime(2026, 12, 4, 17, 30)
    assert window_for(now, timezone="Asia/Shanghai").today == date(2026, 12, 5)
    assert window_for(now, timezone="America/New_York").today == date(2026, 12, 4)
    assert window_for(datetime(2026, 12, 5, 2, 0), timezone="America/New_York").today == date(2026, 12, 4)
