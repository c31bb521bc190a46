"""Stores' opening hours as an admin sets them (portal/store_hours.py, writes.set_store_hours, the command
line): parsed in both languages, written whole per store and audited, and read by the business-hours figures."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import pytest

from portal import cli, complaints, db, kpi, store_hours, writes
from portal.filters import Filters
from portal.i18n import t
from portal.scope import Scope
from tests import complaints_fixture as fx
from tests import fixtures

T = time


@pytest.mark.parametrize(
    ("text", "week"),
    [
        ("mon-fri 09:00-21:00; sat,sun 10:00-18:00", {**dict.fromkeys(range(1, 6), (T(9), T(21))),
                                                       6: (T(10), T(18)), 7: (T(10), T(18))}),
        ("周一至周五 9:00-22:00；周六 10-18；周日 休息", {**dict.fromkeys(range(1, 6), (T(9), T(22))),
                                                      6: (T(10), T(18)), 7: None}),
        ("daily 08:30-20:30", dict.fromkeys(range(1, 8), (T(8, 30), T(20, 30)))),
        ("fri-mon 10:00-24:00", {1: (T(10), T(0)), 2: None, 3: None, 4: None, 5: (T(10), T(0)),
                                 6: (T(10), T(0)), 7: (T(10), T(0))}),
        ("mon 00:00-24:00", {1: (T(0), T(0)), **dict.fromkeys(range(2, 8))}),
    ],
)  # fmt: skip
def test_a_week_is_read_from_text(text, week):
    assert store_hours.parse_week(text) == week


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("mon-fri 9-21; fri 10-18", "hours.err.twice"),
        ("mon-fri 25:00-21:00", "hours.err.time"),
        ("someday 9-21", "hours.err.day"),
        ("mon-fri 09:00-09:00", "hours.err.same"),
        ("mon-fri nine to five", "hours.err.clause"),
        ("", "hours.err.empty"),
        ("sat-sun off", "hours.err.all_closed"),  # saved as "no hours" it meant calendar hours (review)
        ("fri 18:00-02:00", "hours.err.overnight"),  # counted 18:00-24:00 only (review)
    ],
)
def test_a_week_that_cannot_be_used_says_why(text, key):
    with pytest.raises(store_hours.HoursError) as refused:
        store_hours.parse_week(text)
    assert refused.value.key == key


def test_the_readme_and_the_settings_caption_say_what_closing_times_mean():
    # the README and the Settings caption said "closing at or before opening is open until midnight", but
    # "mon 21:00-09:00" and "09:00-09:00" are refused: only a closing time of 00:00 (or 24:00) means midnight
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert (
        "a closing time of 00:00 (or 24:00) means midnight, the end of the day (09:00-00:00 is 09:00-24:00; "
        "00:00-00:00 is open all day). Hours past midnight are not counted: a closing time before the opening one "
        "(`mon 21:00-09:00`) is refused"
    ) in readme
    assert "closing at or before opening" not in readme.lower()
    assert store_hours.parse_week("mon 09:00-00:00") == store_hours.parse_week("mon 09:00-24:00")
    assert store_hours.parse_week("mon 00:00-00:00")[1] == (T(0), T(0))
    for text, key in (("mon 21:00-09:00", "hours.err.overnight"), ("mon 09:00-09:00", "hours.err.same")):
        with pytest.raises(store_hours.HoursError) as refused:
            store_hours.parse_week(text)
        assert refused.value.key == key
    assert t("settings.hours.caption", "en").split(". ")[2:4] == [
        "Closing at 00:00 means midnight, the end of the day (00:00 to 00:00: all day); hours past midnight are not "
        "counted, so a closing time before the opening one is refused",
        "A store without hours keeps calendar hours.",
    ]
    assert (
        "关门时间 00:00 表示午夜，即当天结束(00:00 至 00:00 为全天营业)；午夜之后的时间不计，因此关门时间早于开门时间将被拒绝。"
        in (t("settings.hours.caption", "zh"))
    )


def test_a_week_is_described_in_both_languages():
    week = store_hours.parse_week("mon-fri 09:00-21:00; sat 10:00-24:00")
    assert store_hours.describe(week) == "Mon–Fri 09:00–21:00, Sat 10:00–24:00"
    assert store_hours.describe(week, "zh") == "周一–周五 09:00–21:00，周六 10:00–24:00"
    assert store_hours.describe(dict.fromkeys(range(1, 8))) == "no opening hours (calendar hours)"


def test_the_editor_rows_round_trip_and_refuse_an_open_day_without_times():
    week = store_hours.parse_week("mon-fri 09:00-21:00")
    rows = store_hours.editor_rows(week, "en")
    assert [r["open"] for r in rows] == [True] * 5 + [False] * 2
    assert store_hours.week_from_rows(rows, "en") == week
    closed = [{**r, "open": False} for r in rows]
    with pytest.raises(store_hours.HoursError) as refused:
        store_hours.week_from_rows(closed, "en")
    assert refused.value.key == "hours.err.all_closed"
    rows[6] = {**rows[6], "open": True, "closes": None}
    with pytest.raises(store_hours.HoursError) as refused:
        store_hours.week_from_rows(rows, "en")
    assert refused.value.key == "hours.err.missing" and refused.value.values == {"day": "Sun"}


def test_setting_hours_replaces_the_week_audits_it_and_the_business_hours_follow(con):
    # S001 (Asia/Shanghai): received Monday 16:00 local, first answered Tuesday 10:00 local
    fx.add_complaints(
        con, [fx.complaint("h1", store=1, received="03-04 08:00", first_response="03-05 02:00", status="responded")]
    )  # fmt: skip
    period = Filters(start=date(2024, 3, 4), end=date(2024, 3, 10), business_hours=True)

    def frt():
        run = kpi.runner(con, Scope.everything())
        return complaints.summary(run, period, complaints.Targets(), as_of=datetime(2024, 3, 11))[
            "first_response_median_hours"
        ]

    before = writes.set_store_hours(con, ["S001"], store_hours.parse_week("mon-fri 09:00-17:00"), "t_admin")
    assert before["S001"] == "Mon–Sun 09:00–21:00"  # the fixture's hours
    assert frt() == pytest.approx(2.0)  # 16:00-17:00 Monday, 09:00-10:00 Tuesday
    writes.set_store_hours(con, ["S001"], store_hours.parse_week("mon-fri 09:00-24:00"), "t_admin")
    assert frt() == pytest.approx(9.0)  # 16:00-24:00 Monday, 09:00-10:00 Tuesday
    rows = con.execute("select iso_dow from store_hours where store_id = 1 order by 1").fetchall()
    assert rows == [(1,), (2,), (3,), (4,), (5,)]  # the weekend closed: no rows
    audited = con.execute(
        "select target, details from audit_log where action = 'settings' order by audit_id"
    ).fetchall()
    assert [t for t, _ in audited] == ["store:S001", "store:S001"]
    assert json.loads(audited[-1][1]) == {
        "opening_hours": "Mon–Fri 09:00–24:00",
        "was": "Mon–Fri 09:00–17:00",
    }
    with pytest.raises(KeyError):
        writes.set_store_hours(con, ["S002", "S999"], store_hours.parse_week("daily 9-17"), "t_admin")
    assert (
        store_hours.describe(
            store_hours.week_of(
                dict(zip(("iso_dow", "opens_at", "closes_at"), r, strict=True))
                for r in con.execute(
                    "select iso_dow, opens_at, closes_at from store_hours where store_id = 2"
                ).fetchall()
            )
        )
        == "Mon–Sun 09:00–21:00"
    )  # nothing of the refused call written


def test_the_command_line_sets_hours_for_admins_only(tmp_path, monkeypatch, capsys):
    path = tmp_path / "s.duckdb"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("USER", "t_cli")
    assert cli.main(["settings", "set-store-hours", "s001,S002", "mon-sat 10:00-22:00"]) == 0
    out = capsys.readouterr().out
    assert "Store S001: opening hours Mon–Sat 10:00–22:00 (was Mon–Sun 09:00–21:00)." in out
    assert cli.main(["settings", "set-store-hours", "S009", "daily 9-17"]) == 2
    assert "no store with code 'S009'" in capsys.readouterr().err
    assert cli.main(["settings", "set-store-hours", "S001", "mon 9-9"]) == 2
    assert cli.main(["settings", "show", "--json"]) == 0
    shown = {s["store_code"]: s["opening_hours"] for s in json.loads(capsys.readouterr().out)["stores"]}
    assert shown["S002"] == "Mon–Sat 10:00–22:00" and shown["S003"] == "Mon–Sun 09:00–21:00"
    con = db.connect(path)
    try:
        assert con.execute("select count(*) from audit_log where target like 'store:%'").fetchone() == (2,)
    finally:
        con.close()
