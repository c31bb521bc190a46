"""The overview over a database: complaints source, alerts, the brief in both languages, acknowledgements,
the brief command. Fixture and hand-worked numbers: tests/overview_fixture.py."""

from __future__ import annotations

import json
from datetime import date

import pytest

from portal import cli, db, kpi, writes
from portal.overview import brief, records
from portal.overview import figures as overview
from portal.overview.sources import window_for
from portal.scope import Scope
from tests import fixtures
from tests import overview_fixture as fx


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("overview") / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.load(con)
    con.close()
    return path


@pytest.fixture
def con(db_path):
    con = db.connect(db_path)
    yield con
    con.close()


def figs_for(con, scope=None):
    window = window_for(fx.NOW, timezone="UTC")
    return overview.figures(kpi.runner(con, scope or Scope.everything()), window, con)


def test_window_is_the_last_complete_week(con):
    figs = figs_for(con)
    assert figs.window.label == "2026-W47" and figs.window.start == date(2026, 8, 31)
    assert all(figs.window.complete(w) for w in figs.window.weeks)
    assert not figs.window.complete(date(2026, 11, 23))  # W48 is under way at NOW


def test_headline_sla_figure_and_its_test(con):
    sla = figs_for(con).area("complaints").figures[1]
    # W47: 20 / 45 = 44.4%; W46: 40 / 45 = 88.9%; pooled 60/90, se = 0.09938, z = -4.47: significant
    assert sla.key == "sla_attainment" and sla.n == 45
    assert sla.value == pytest.approx(44.444, abs=0.01) and sla.previous_value == pytest.approx(
        88.889, abs=0.01
    )
    assert sla.significant is True


def test_alerts_raised_and_not_raised(con):
    got = {a.condition_key: a for a in figs_for(con).alerts}
    assert set(got) == {
        "complaints:below_target:sla_attainment:*",
        "complaints:chart_out:sla_attainment:*",
        "complaints:below_target:sla_attainment:S001",
        "complaints:worse_than_recent:sla_attainment:*",
    }
    # S003 (n = 5 a week, all late) never raises: fewer than 30; the partial W48 (all late) is never judged
    assert all(a.week == date(2026, 11, 16) for a in got.values())
    # p-chart over the 12 weeks: (11 * 40 + 20) / 540 = 0.85185, sigma = sqrt(.85185 * .14815 / 45) = 0.052958,
    # lower = 0.85185 - 3 * 0.052958 = 69.30%
    assert got["complaints:chart_out:sla_attainment:*"].comparison == pytest.approx(69.298, abs=0.01)
    recent = got["complaints:worse_than_recent:sla_attainment:*"]
    assert recent.comparison == pytest.approx(88.889, abs=0.01) and recent.comparison_n == 180
    assert got["complaints:below_target:sla_attainment:S001"].value == pytest.approx(50.0)


def test_a_store_scope_sees_only_its_store(con):
    keys = {a.condition_key for a in figs_for(con, Scope(store_ids=(3,), all_agents=True)).alerts}
    # S003 alone: 0 / 5 a week, n = 5 < 30: nothing may be raised
    assert keys == set()


EN = [
    "Response SLA attainment fell to 44.4% from 88.9% (n = 45, 2026-W47 vs 2026-W46, significant).",
    "80% of the 25 response-SLA breaches in 2026-W47 were Delivery complaints, most of them at S001.",
]
ZH = [
    "响应达标率降至 44.4%，此前为 88.9%(n = 45，2026-W47 对比 2026-W46，差异显著)。",
    "2026-W47 的 25 起响应超时中，80% 为配送类投诉，主要集中在：S001。",
]


@pytest.mark.parametrize(("lang", "expected"), [("en", EN), ("zh", ZH)])
def test_brief_sentences_hand_worked(con, lang, expected):
    # breaches in W47: S001 20 delivery + S003 5 price = 25; delivery 20 / 25 = 80%, all at S001
    got = brief.build(figs_for(con), lang, "all")
    assert [s.text for s in got.sentences[:2]] == expected
    in_lang = "&lang=zh" if lang == "zh" else ""  # a Chinese brief's links open the page in Chinese
    assert got.sentences[0].link == "/complaints?start=2026-11-09&end=2026-11-22" + in_lang
    assert got.sentences[1].link == "/complaints?start=2026-11-16&end=2026-11-22&category=delivery" + in_lang
    assert all(s.n > 0 and s.window and s.link.startswith("/") for s in got.sentences)
    assert len(got.sentences) == 2 + 4  # the four alerts follow


def test_acknowledgement_is_stored_audited_and_quiets_the_alert(db_path):
    con = db.connect(db_path)
    try:
        figs = figs_for(con)
        alert = next(a for a in figs.alerts if a.store == "S001")
        key = records.scope_key(Scope.everything())
        writes.acknowledge_alert(
            con, scope_key=key, condition_key=alert.condition_key, fingerprint=alert.fingerprint,
            action="acknowledge", note="talked to the store manager", username="mgr", now=fx.NOW,
        )  # fmt: skip
        open_, quiet = overview.split(figs.alerts, records.latest_acks(con, key), fx.NOW.date())
        assert [a.condition_key for a, _ in quiet] == [alert.condition_key] and len(open_) == 3
        # another scope's view is untouched
        other = records.latest_acks(con, records.scope_key(Scope(store_ids=(1,), all_agents=True)))
        assert other == {}
        audit = con.execute("select action, target from audit_log where action = 'alert_ack'").fetchall()
        assert audit == [("alert_ack", f"alert:{alert.condition_key}")]
        with pytest.raises(ValueError):
            writes.acknowledge_alert(
                con, scope_key=key, condition_key="x", fingerprint="y", action="acknowledge", note=" ",
                username="mgr", now=fx.NOW,
            )  # fmt: skip
    finally:
        con.execute("delete from overview_alert_acks")
        con.close()


def test_brief_command_stores_the_brief_unchanged(db_path, monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_DB", str(db_path))
    assert cli.main(["brief", "--week", "2026-W47", "--lang", "zh", "--markdown"]) == 0
    printed = capsys.readouterr().out
    assert ZH[0] in printed
    con = db.connect(db_path)
    brief_id = con.execute("select max(brief_id) from overview_briefs").fetchone()[0]
    con.close()
    assert cli.main(["brief", "--show", str(brief_id), "--markdown"]) == 0
    assert capsys.readouterr().out == printed
    assert cli.main(["brief", "--week", "2026-W47", "--json", "--dry-run", "--scope", "store:S001"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["week"] == "2026-W47" and body["sentences"]
    assert cli.main(["brief", "--json", "--scope", "store:S999"]) == 1


def test_every_tile_series_and_alert_of_the_demo_overview_has_its_words_in_both_languages(tmp_path):
    # the demo data holds every area; a label key without a translation shows as the key itself (it did for the
    # four scorecard tiles: "scorecard.tile.team_composite")
    from datetime import UTC, datetime

    from portal import demo
    from portal.i18n import TABLE

    con = fixtures.fresh_db(tmp_path / "demo.duckdb")
    demo.generate(con, scale=0.05, seed=11)
    now = datetime.now(UTC).replace(tzinfo=None)
    figs = overview.figures(
        kpi.runner(con, Scope.everything()), window_for(now, timezone="Asia/Shanghai"), con
    )
    assert [a.area for a in figs.areas] == ["complaints", "sat", "fives", "scorecard"]
    keys = {f.label for a in figs.areas for f in a.figures}
    keys |= {s.label_key for a in figs.areas for s in a.series} | {a.label_key for a in figs.alerts}
    keys |= {a.title_key for a in figs.areas}
    assert len(keys) >= 12 and figs.alerts
    assert sorted(k for k in keys if k not in TABLE) == []
    assert all(TABLE[k][0] and TABLE[k][1] for k in keys)


def test_the_settings_are_read_once_for_every_area(con):
    # issue 14: each area's source read its settings one statement a setting (16 a run); gather reads them once
    from bench.run import recorded_statements

    window = window_for(fx.NOW, timezone="UTC")
    statements = recorded_statements(
        con, lambda c: overview.figures(kpi.runner(c, Scope.everything()), window, c)
    )
    reads = [sql for sql, _ in statements if "from settings" in sql.lower()]
    assert len(reads) == 1, reads
    assert {a.area for a in figs_for(con).areas} == {
        "complaints",
        "sat",
        "scorecard",
    }  # no 5S in this fixture


def test_the_brief_command_names_stores_by_code_and_name(db_path, monkeypatch, capsys):
    """As the overview's alerts do (reviewers: the command line's brief said "at S001" only): the driver's stores
    and the alerts of a store by code and name, in the brief's language (store_label: the Chinese name when the
    store has one)."""
    monkeypatch.setenv("PORTAL_DB", str(db_path))
    assert cli.main(["brief", "--week", "2026-W47", "--markdown", "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "were Delivery complaints, most of them at S001 Store One." in printed
    assert "- Response SLA attainment at S001 Store One was 50.0% in 2026-W47 (n = 40)" in printed
    assert "at S001." not in printed and "at S001 was" not in printed
    con = db.connect(db_path)
    con.execute("update stores set name_zh = '北京王府井店' where store_code = 'S001'")
    con.close()
    try:
        assert cli.main(["brief", "--week", "2026-W47", "--lang", "zh", "--json", "--dry-run"]) == 0
        texts = [s["text"] for s in json.loads(capsys.readouterr().out)["sentences"]]
        assert texts[1] == "2026-W47 的 25 起响应超时中，80% 为配送类投诉，主要集中在：S001 北京王府井店。"
        assert any(text.startswith("S001 北京王府井店：") for text in texts)
    finally:
        con = db.connect(db_path)
        con.execute("update stores set name_zh = null where store_code = 'S001'")
        con.close()


def test_a_scope_whose_5s_inspections_lapsed_keeps_its_5s_row_saying_why(tmp_path):
    # the 5S fixture's inspections are of January 2026, long before the twelve weeks to 2026-W47, and opened no
    # action: the 5S row vanished from the overview as for a chain that never inspected (above: no 5S row), hiding
    # that no store had been audited for ten months (probe of session 36, one store inspected in June 2026)
    from tests import fives_fixture

    con = fixtures.build_fixture_db(tmp_path / "lapsed.duckdb")
    fx.load(con)
    fives_fixture.load_templates(con)
    fives_fixture.load_users(con)
    fives_fixture.load_inspections(con, open_actions=False)
    figs = figs_for(con)
    assert [a.area for a in figs.areas] == ["complaints", "sat", "fives", "scorecard"]
    tiles = {f.key: f for f in figs.area("fives").figures}
    assert tiles["chain_overall"].value is None and tiles["chain_overall"].n == 0
    assert kpi.caption(tiles["chain_overall"], "en") == "no data: no inspection in this period"
    con.close()
