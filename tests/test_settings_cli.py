"""``python -m portal settings show|set-zone|set-store-zone`` (issue 9 item 4): admin only, audited; an import
then reads naive stamps in the reporting zone and a store it adds takes the import's zone."""

from __future__ import annotations

import json

import pytest

from portal import cli, db, settings, users
from tests import fixtures


@pytest.fixture
def portal_db(tmp_path, monkeypatch):
    path = tmp_path / "s.duckdb"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("USER", "t_cli")
    return path


def query(path, sql):
    con = db.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_show_set_zone_and_store_zone_audited(portal_db, capsys):
    assert cli.main(["settings", "show"]) == 0
    out = capsys.readouterr().out
    # the fixture's three stores are all Asia/Shanghai and no zone is set: the stores' zone is in use
    assert "Reporting time zone: Asia/Shanghai (not set: the stores' most common zone)" in out
    assert "S001       Asia/Shanghai" in out and "response_sla_hours = 24" in out

    assert cli.main(["settings", "set-zone", "America/New_York"]) == 0
    assert "Reporting time zone: America/New_York; was not set." in capsys.readouterr().out
    assert cli.main(["settings", "set-store-zone", "S002", "Europe/Berlin"]) == 0
    assert "Store S002: time zone Europe/Berlin (was Asia/Shanghai)." in capsys.readouterr().out

    assert cli.main(["settings", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["report_timezone"] == shown["report_timezone_setting"] == "America/New_York"
    assert {s["store_code"]: s["timezone"] for s in shown["stores"]} == {
        "S001": "Asia/Shanghai",
        "S002": "Europe/Berlin",
        "S003": "Asia/Shanghai",
    }
    # 'auto' clears the setting: back to the stores' most common zone (2 of 3 in Shanghai)
    assert cli.main(["settings", "set-zone", "auto"]) == 0
    assert (
        "Asia/Shanghai (not set: the stores' most common zone); was America/New_York"
        in capsys.readouterr().out
    )
    assert query(
        portal_db,
        "select username, target, details from audit_log where action = 'settings' order by audit_id",
    ) == [
        ("os:t_cli", "setting:report_timezone", '{"value": "America/New_York", "was": null}'),
        ("os:t_cli", "store:S002", '{"timezone": "Europe/Berlin", "was": "Asia/Shanghai"}'),
        ("os:t_cli", "setting:report_timezone", '{"value": null, "was": "America/New_York"}'),
    ]


def test_bad_zone_or_store_exit_2_and_write_nothing(portal_db, capsys):
    assert cli.main(["settings", "set-zone", "Mars/Olympus"]) == 2
    assert "unknown time zone 'Mars/Olympus'" in capsys.readouterr().err
    assert cli.main(["settings", "set-store-zone", "S999", "UTC"]) == 2
    assert "no store with code 'S999'" in capsys.readouterr().err
    assert cli.main(["settings", "set-store-zone", "S001", "Nowhere"]) == 2
    assert query(portal_db, "select count(*) from audit_log where action = 'settings'") == [(0,)]
    assert query(portal_db, "select count(*) from stores where timezone <> 'Asia/Shanghai'") == [(0,)]


def test_only_an_admin_changes_settings(portal_db, capsys, monkeypatch):
    con = db.connect(portal_db)
    users.create_user(con, username="mgr", display_name="M", password="long-password", roles=["manager"])
    con.close()
    monkeypatch.setenv("PORTAL_CLI_PASSWORD", "long-password")
    assert cli.main(["settings", "set-zone", "UTC", "--user", "mgr"]) == 1
    assert "only an admin changes settings" in capsys.readouterr().err
    # `settings set --lang zh` says it in Chinese (review: its refusal was English only)
    assert cli.main(["settings", "set", "low_confidence_n=40", "--lang", "zh", "--user", "mgr"]) == 1
    assert capsys.readouterr().err == "已拒绝：只有管理员可以修改设置(mgr 不是管理员)；未写入任何内容。\n"
    assert cli.main(["settings", "show", "--user", "mgr"]) == 0  # reading is fine (their stores)
    # but not the Settings page's other settings (targets, lockout), which only an admin reads (fault probe)
    shown = capsys.readouterr().out
    assert "Reporting time zone:" in shown and "Other settings" not in shown and "lockout" not in shown
    assert cli.main(["settings", "show", "--json", "--user", "mgr"]) == 0
    assert "settings" not in json.loads(capsys.readouterr().out)
    con = db.connect(portal_db)
    try:
        assert settings.get(con, "report_timezone") is None
    finally:
        con.close()


FILE = "Ticket,Opened,Via,Shop\nT-1,2026-03-01 09:30,hotline,S001\nT-2,2026-03-01 23:30,hotline,NEW1\n"


def test_import_reads_naive_stamps_in_the_reporting_zone_and_says_so(portal_db, tmp_path, capsys):
    assert cli.main(["settings", "set-zone", "America/New_York"]) == 0
    path = tmp_path / "us.csv"
    path.write_text(FILE, encoding="utf-8")
    args = ["--map", "source_id=Ticket", "--map", "received_at=Opened", "--map", "channel=Via"]
    assert cli.main(["import", "complaints", str(path), *args, "--add-missing"]) == 0
    out = capsys.readouterr().out
    # the preview (here: the notes) names the zone the stamps without one were read in, and how to change it
    assert "Opened: 2 times carry no time zone; they are read as America/New_York" in out
    assert "(times read as America/New_York)" in out
    # 2026-03-01 is EST (UTC-5): 09:30 -> 14:30 UTC, 23:30 -> 04:30 UTC the next day; NEW1 takes the zone
    assert query(portal_db, "select source_id, received_at::varchar from complaints order by 1") == [
        ("T-1", "2026-03-01 14:30:00"),
        ("T-2", "2026-03-02 04:30:00"),
    ]
    assert query(portal_db, "select timezone from stores where store_code = 'NEW1'") == [
        ("America/New_York",)
    ]


def test_the_loaded_settings_give_what_the_database_gives(portal_db):
    """A page reads its settings from the cached ``load_all`` mapping (issue 14): every setting, the admin's
    overrides and the defaults alike, and the targets built from it, equal those read statement by statement."""
    from portal import complaints, writes
    from portal import satisfaction as sat
    from portal.fives import figures as fives

    con = db.connect(portal_db)
    try:
        writes.put_setting(con, "response_sla_hours", 12, "t_cli")
        writes.put_setting(con, "nps_target", 40, "t_cli")
        loaded = settings.load_all(con)
        for key in (*settings.DEFAULTS, "no_such_setting"):
            assert settings.get(loaded, key) == settings.get(con, key), key
        assert complaints.targets(loaded) == complaints.targets(con)
        assert complaints.targets(loaded).sla_hours == 12.0
        assert sat.load_settings(loaded) == sat.load_settings(con)
        assert sat.load_settings(loaded).nps_target == 40.0
        assert fives.load_settings(loaded) == fives.load_settings(con)
    finally:
        con.close()


def test_a_store_code_and_zone_in_another_case_are_found(portal_db, capsys):
    # "no store with code 's001'" and "unknown time zone 'asia/shanghai'" (audit of the admin pages)
    assert cli.main(["settings", "set-store-zone", "s001", "europe/berlin"]) == 0
    assert "Store S001: time zone Europe/Berlin (was Asia/Shanghai)." in capsys.readouterr().out


def test_set_gives_the_servqual_weights_and_the_low_confidence_n_checked_and_audited(portal_db, capsys):
    """SPEC §3: weighted SERVQUAL uses weights "where none, from the admin's settings"; the admin could set
    neither those nor the three low-confidence n anywhere (only portal/settings.py's defaults)."""
    refused = [
        (
            ["servqual_default_weights.empathy=30"],
            "The SERVQUAL default weights sum to 110; they must sum to 100.",
        ),
        (
            ["low_confidence_n=0"],
            "Low confidence below n (complaints, survey responses): enter a number from 1 to 1000.",
        ),
        (
            ["scorecard_low_confidence_n=2.5"],
            "Scorecards: low confidence below n (items): enter a whole number.",
        ),
        (
            ["fives_low_confidence_n=many"],
            "5S: low confidence below n (inspections): enter a number from 1 to 100.",
        ),
        (
            ["servqual_default_weights.tangibles=-5"],
            "SERVQUAL default weight, tangibles: enter a number from 0 to 100.\n"
            "error: The SERVQUAL default weights sum to 75; they must sum to 100.",
        ),
    ]
    for given, said in refused:
        assert cli.main(["settings", "set", *given]) == 2, given
        assert capsys.readouterr().err == f"error: {said}\n"
    assert cli.main(["settings", "set", "servqual_default_weights.empathy=30", "--lang", "zh"]) == 2
    assert capsys.readouterr().err == "error: SERVQUAL服务质量模型默认权重合计为110，须为100。\n"
    assert cli.main(["settings", "set", "low_confidence=3"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: There is no setting 'low_confidence'; the settings are: "
    )
    assert query(portal_db, "select count(*) from settings") == [(0,)]
    assert query(portal_db, "select count(*) from audit_log where action = 'settings'") == [(0,)]

    weights = ["servqual_default_weights.tangibles=10", "servqual_default_weights.empathy=30"]
    args = ["settings", "set", *weights, "low_confidence_n=40", "scorecard_low_confidence_n=8"]
    assert cli.main([*args, "fives_low_confidence_n=4"]) == 0
    assert capsys.readouterr().out == (
        'servqual_default_weights = {"tangibles": 10, "reliability": 20, "responsiveness": 20, "assurance": 20, '
        '"empathy": 30} (was {"tangibles": 20, "reliability": 20, "responsiveness": 20, "assurance": 20, '
        '"empathy": 20})\n'
        "low_confidence_n = 40 (was 30)\n"
        "scorecard_low_confidence_n = 8 (was 5)\n"
        "fives_low_confidence_n = 4 (was 3)\n"
        "Saved: 4 settings changed.\n"
    )
    con = db.connect(portal_db)
    try:
        loaded = settings.load_all(con)
    finally:
        con.close()
    assert loaded["servqual_default_weights"] == {
        "tangibles": 10,
        "reliability": 20,
        "responsiveness": 20,
        "assurance": 20,
        "empathy": 30,
    }
    assert (
        loaded["low_confidence_n"],
        loaded["scorecard_low_confidence_n"],
        loaded["fives_low_confidence_n"],
    ) == (
        40,
        8,
        4,
    )
    assert query(
        portal_db,
        "select username, target, details from audit_log where action = 'settings' order by audit_id",
    )[1:] == [
        ("os:t_cli", "setting:low_confidence_n", '{"value": 40, "was": 30}'),
        ("os:t_cli", "setting:scorecard_low_confidence_n", '{"value": 8, "was": 5}'),
        ("os:t_cli", "setting:fives_low_confidence_n", '{"value": 4, "was": 3}'),
    ]
    assert cli.main(["settings", "set", "low_confidence_n=40", "--lang", "zh"]) == 0
    assert capsys.readouterr().out == "没有修改任何设置。\n"
