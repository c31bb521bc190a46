"""The areas' settings read from a connection take one statement (issue 14: the 5S figures of the command line and
the bench read their three settings one statement each, the satisfaction settings five, the complaint targets six),
with the admin's overrides and the defaults as ``settings.get`` gives them."""

from __future__ import annotations

import pytest

from portal import complaints, settings
from portal.fives import figures as fives
from portal.satisfaction.figures import load_settings as satisfaction_settings
from tests import fixtures


class _Counting:
    """A connection that notes the text of every statement sent through its cursors."""

    def __init__(self, con, sent: list[str]):
        self._con, self.sent = con, sent

    def cursor(self):
        return _Counting(self._con.cursor(), self.sent)

    def execute(self, sql, parameters=None):
        self.sent.append(sql)
        return self._con.execute(sql) if parameters is None else self._con.execute(sql, parameters)

    def __getattr__(self, name):
        return getattr(self._con, name)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = fixtures.build_fixture_db(tmp_path_factory.mktemp("settings_values") / "settings.duckdb")
    cur = con.cursor()
    settings.put(cur, "fives_bands", {"excellent": 95, "good": 85, "needs_improvement": 70}, "test")
    settings.put(cur, "nps_target", 40, "test")
    settings.put(cur, "reopen_rate_target_pct", 4, "test")
    cur.close()
    yield con
    con.close()


def test_the_5s_settings_are_one_statement(con):
    sent: list[str] = []
    cfg = fives.load_settings(_Counting(con, sent))
    assert sent == ["select key, value from settings"]  # were three, one a setting
    assert (cfg.excellent_min, cfg.good_min, cfg.needs_improvement_min) == (95.0, 85.0, 70.0)
    assert (cfg.due_days, cfg.low_confidence_n) == (14, 3)  # the defaults


def test_the_satisfaction_settings_are_one_statement(con):
    sent: list[str] = []
    cfg = satisfaction_settings(_Counting(con, sent))
    assert sent == ["select key, value from settings"]  # were five
    assert (cfg.target, cfg.csat_target_pct, cfg.nps_target, cfg.low_confidence_n) == (85.0, 85.0, 40.0, 30)


def test_the_complaint_targets_are_one_statement(con):
    sent: list[str] = []
    goals = complaints.targets(_Counting(con, sent))
    assert sent == ["select key, value from settings"]  # were six
    assert (goals.sla_hours, goals.reopen_rate_pct, goals.recovery_rate_pct) == (24.0, 4.0, 70.0)
    assert dict(goals.resolution_hours) == {"high": 48.0, "normal": 72.0, "low": 168.0}


def test_the_settings_read_once_are_taken_as_they_are(con):
    loaded = settings.load_all(con)
    assert settings.values(loaded) is loaded
    assert fives.load_settings(loaded) == fives.load_settings(con)
