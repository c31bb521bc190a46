"""``portal brief`` against the Overview page: the day a snooze runs to, the weeks it may be asked for.

Fixture: tests/overview_fixture.py (2026-W47 the last complete week), reporting zone Asia/Shanghai; now is
Thursday 2026-11-26 20:00 UTC, already Friday 2026-11-27 04:00 in Shanghai.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pandas as pd
import pytest

from portal import cli, db, kpi, settings, users, writes
from portal.overview import brief, records, sources_fives
from portal.overview import figures as overview
from portal.overview.sources import window_for
from portal.scope import Scope
from tests import fixtures
from tests import overview_fixture as fx

NOW = datetime(2026, 11, 26, 20, 0)
ZONE = "Asia/Shanghai"


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "portal.duckdb"
    con = fixtures.build_fixture_db(path)
    fx.load(con)
    settings.put(con.cursor(), "report_timezone", ZONE, "test")
    con.close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setattr(users, "utc_now", lambda: NOW)
    return path


def test_a_snooze_runs_to_the_reporting_zones_day_as_on_the_overview_page(db_path, capsys):
    con = db.connect(db_path)
    window = window_for(NOW, timezone=ZONE)
    figs = overview.figures(kpi.runner(con, Scope.everything()), window, con)
    snoozed = next(a for a in figs.alerts if a.condition_key == "complaints:below_target:sla_attainment:S001")
    key = records.scope_key(Scope.everything())
    # snoozed until Friday 11-27: over on Friday in Shanghai, though the UTC date is still Thursday 11-26
    writes.acknowledge_alert(
        con, scope_key=key, condition_key=snoozed.condition_key, fingerprint=snoozed.fingerprint,
        action="snooze", snooze_until=date(2026, 11, 27), note="until Friday", username="mgr", now=NOW,
    )  # fmt: skip
    page_open, _ = overview.split(figs.alerts, records.latest_acks(con, key), window.today)
    con.close()
    assert snoozed in page_open
    assert cli.main(["brief", "--json", "--dry-run"]) == 0
    texts = [s["text"] for s in json.loads(capsys.readouterr().out)["sentences"]]
    assert (
        "Response SLA attainment at S001 Store One was 50.0% in 2026-W47 (n = 40), missing its target 90.0% "
        "(significant; since 2026-W47)." in texts
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Corrective actions overdue at S002: 3 (n = 5 open, as of 2026-11-27)."),
        ("zh", "S002：有 3 项整改逾期(n = 5 项未关闭，截至 2026-11-27)。"),
    ],
)
def test_overdue_actions_are_counted_as_of_today_and_say_so(lang, expected):
    # counted on the reporting zone's day (window.today), not over the brief's week 2026-W47
    window = window_for(NOW, timezone=ZONE)
    actions = pd.DataFrame({"store_code": ["S002"], "overdue_count": [3], "open_count": [5]})
    (alert,) = sources_fives.store_alerts(pd.DataFrame(), actions, pd.DataFrame(), window, None)
    assert brief.alert_sentence(window, alert, lang).text == expected


@pytest.mark.parametrize(
    ("week", "lang", "message"),
    [
        (
            "2027-W10",
            "en",
            "2027-W10 has not begun (it starts on 2027-03-08): there is no brief of it yet. "
            "The last complete week is 2026-W47.",
        ),
        ("2027-W10", "zh", "2027-W10 尚未开始(始于 2027-03-08)，还没有它的简报。最近一个完整周为 2026-W47。"),
        (
            "2026-W49",
            "en",
            "2026-W49 has not begun (it starts on 2026-11-30): there is no brief of it yet. "
            "The last complete week is 2026-W47.",
        ),
        ("2025-W53", "en", "2025-W53 is not a week: 2025 has ISO weeks W01 to W52."),
        ("2025-W53", "zh", "2025-W53 不是有效的周：2025 年的 ISO 周为 W01 至 W52。"),
        ("2026-47", "en", "2026-47 is not a week: write it as YYYY-Www, e.g. 2026-W47."),
    ],
)
def test_a_week_that_has_not_begun_or_does_not_exist_is_refused(db_path, capsys, week, lang, message):
    assert cli.main(["brief", "--week", week, "--lang", lang, "--markdown"]) == 1
    assert capsys.readouterr().err == f"error: {message}\n"
    con = db.connect(db_path)
    assert con.execute("select count(*) from overview_briefs").fetchone()[0] == 0
    con.close()


def test_the_week_under_way_may_be_briefed(db_path, capsys):
    assert cli.main(["brief", "--week", "2026-W48", "--markdown", "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("## Weekly brief, 2026-W48")


def test_a_chinese_briefs_links_open_the_pages_in_chinese(db_path, capsys):
    # the 详情 links open in a new tab, a new session that reads the language from the address alone
    assert cli.main(["brief", "--lang", "zh", "--markdown"]) == 0
    issued = capsys.readouterr().out
    links = [line.rsplit("](", 1)[1].rstrip(")") for line in issued.splitlines() if line.startswith("- ")]
    assert links[0] == "/complaints?start=2026-11-09&end=2026-11-22&lang=zh"
    assert "/complaints?start=2026-11-16&end=2026-11-22&category=delivery&lang=zh" in links
    assert "/complaints?start=2026-11-16&end=2026-11-22&store=S001&lang=zh" in links  # an alert's link
    assert len(links) >= 3 and all(link.endswith("&lang=zh") for link in links)
    assert cli.main(["brief", "--lang", "zh", "--json", "--dry-run"]) == 0
    sentences = json.loads(capsys.readouterr().out)["sentences"]
    assert [s["link"] for s in sentences] == links
    con = db.connect(db_path)
    (brief_id,) = con.execute("select brief_id from overview_briefs").fetchone()
    con.close()
    assert cli.main(["brief", "--show", str(brief_id), "--markdown"]) == 0
    assert capsys.readouterr().out == issued  # read back as issued, its links in Chinese
    assert cli.main(["brief", "--markdown", "--dry-run"]) == 0
    assert "lang=" not in capsys.readouterr().out  # English is the default: no lang in the address


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Repeat 5S findings at S001 in the 12 weeks to 2026-W47: 2 (items failed again at the next "
                "inspection; n = 3 failed items at 1 inspection).",
                "Repeat 5S findings at S002 in the 12 weeks to 2026-W47: 1 (items failed again at the next "
                "inspection; n = 1 failed item at 1 inspection).",
            ],
        ),
        (
            "zh",
            [
                "S001：截至 2026-W47 的 12 周内有 2 项 5S 重复问题(下次检查再次不合格；n = 1 次检查中的 3 项不合格)。",
                "S002：截至 2026-W47 的 12 周内有 1 项 5S 重复问题(下次检查再次不合格；n = 1 次检查中的 1 项不合格)。",
            ],
        ),
    ],
)
def test_a_repeat_finding_alert_carries_the_failed_items_it_rests_on(lang, expected):
    # n: the items the store failed at its inspections of the window that had an earlier one (repeat_basis_n, the
    # 5S tile's n since f8e1237), not every failed item of the window (S001's 4: one at its first inspection), at
    # the inspections those were (repeat_basis_inspections_n: S001's second alone, not both of the window)
    window = window_for(NOW, timezone=ZONE)
    ranking = pd.DataFrame(
        {"store_code": ["S001", "S002"], "band": ["good", "good"], "scored_n": [2, 1], "mean_pct": [85.0, 82.0],
         "inspections_n": [2, 1], "failed_items_n": [4, 1], "repeat_basis_n": [3, 1],
         "repeat_basis_inspections_n": [1, 1]}
    )  # fmt: skip
    repeats = pd.DataFrame({"store_code": ["S001", "S001", "S002"], "item_code": ["SO1", "SH2", "SO1"]})
    got = sources_fives.store_alerts(ranking, pd.DataFrame(columns=["overdue_count"]), repeats, window, None)
    assert [(a.value, a.n) for a in got] == [(2.0, 3), (1.0, 1)]
    assert [brief.alert_sentence(window, a, lang).text for a in got] == expected
    assert [brief.alert_sentence(window, a, lang).n for a in got] == [3, 1]  # the brief's JSON n
