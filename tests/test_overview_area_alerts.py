"""The 5S and scorecard alerts of the overview on hand-made rows: raised and not raised."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pandas as pd

from portal.fives.figures import FivesSettings
from portal.overview.brief import alert_sentence
from portal.overview.sources import window_for
from portal.overview.sources_fives import store_alerts
from portal.overview.sources_scorecards import falling_agents
from portal.scorecards.periods import Period

WINDOW = window_for(datetime(2026, 11, 26, 12), timezone="UTC")


def test_fives_failing_band_overdue_and_repeat_findings():
    ranking = pd.DataFrame(
        [
            {
                "store_code": "S001",
                "band": "failing",
                "mean_pct": 52.0,
                "scored_n": 2,
            },  # raised: 8 points short
            {"store_code": "S002", "band": "good", "mean_pct": 85.0, "scored_n": 3},  # not failing
            {
                "store_code": "S003",
                "band": "failing",
                "mean_pct": 40.0,
                "scored_n": 0,
            },  # no scored inspection
        ]
    )
    actions = pd.DataFrame(
        [
            {"store_code": "S001", "open_count": 4, "overdue_count": 3},
            {"store_code": "S002", "open_count": 2, "overdue_count": 0},
        ]
    )
    repeats = pd.DataFrame({"store_code": ["S002", "S002", "S001"]})
    got = {a.condition_key: a for a in store_alerts(ranking, actions, repeats, WINDOW, FivesSettings())}
    assert set(got) == {
        "fives:fives_failing:chain_overall:S001",
        "fives:fives_overdue:overdue_actions:S001",
        "fives:fives_repeat:repeat_findings:S001",
        "fives:fives_repeat:repeat_findings:S002",
    }
    failing = got["fives:fives_failing:chain_overall:S001"]
    assert (failing.value, failing.n, failing.comparison, failing.score) == (52.0, 2, 60.0, 8.0)
    overdue = got["fives:fives_overdue:overdue_actions:S001"]
    assert (overdue.value, overdue.n) == (3.0, 4) and overdue.fingerprint.endswith("|3")
    assert got["fives:fives_repeat:repeat_findings:S002"].value == 2.0


def _card(agent, period, composite):
    return SimpleNamespace(
        agent_code=agent, period=period, composite=composite, metrics=(SimpleNamespace(n=40, left_out=False),)
    )


def test_composite_falling_two_periods_in_a_row():
    p = [Period(date(2026, m, 1), "month") for m in (8, 9, 10)]
    history = {
        1: (_card("A001", p[0], 80.0), _card("A001", p[1], 75.0), _card("A001", p[2], 70.0)),  # fell twice
        2: (_card("A002", p[0], 80.0), _card("A002", p[1], 75.0), _card("A002", p[2], 76.0)),  # rose again
        3: (_card("A003", p[0], 80.0), _card("A003", p[1], None), _card("A003", p[2], 60.0)),  # insufficient
    }
    sset = SimpleNamespace(periods=tuple(p), history=history)
    got = falling_agents(sset, WINDOW)
    assert [a.condition_key for a in got] == ["scorecard:composite_falling:composite:A001"]
    assert (got[0].value, got[0].comparison, got[0].n, got[0].since) == (70.0, 80.0, 40, date(2026, 8, 1))


def test_composite_falling_sentence_names_the_month_it_fell_since():
    p = [Period(date(2026, m, 1), "month") for m in (9, 10, 11)]
    history = {1: (_card("A021", p[0], 75.6), _card("A021", p[1], 60.0), _card("A021", p[2], 23.9))}
    (alert,) = falling_agents(SimpleNamespace(periods=tuple(p), history=history), WINDOW)
    assert alert.fingerprint == "2026-09-01|2026-11-01"  # acknowledgements keep matching
    assert alert_sentence(WINDOW, alert, "en").text == (
        "Composite score of agent A021 fell two periods in a row, to 23.9 from 75.6 (n = 40; since 2026-09)."
    )
    assert alert_sentence(WINDOW, alert, "zh").text == (
        "客服专员 A021：综合得分连续两期下降，由 75.6 降至 23.9(n = 40；自 2026-09 起)。"
    )


def test_fives_store_alerts_read_rows_without_a_series_a_row(monkeypatch):
    """Issue 14: iterrows built a Series for each of the chain's stores (8-12 ms a page); the rows are read as
    records, with the same alerts."""

    def refused(self):
        raise AssertionError("iterrows")

    monkeypatch.setattr(pd.DataFrame, "iterrows", refused)
    ranking = pd.DataFrame([{"store_code": "S001", "band": "failing", "mean_pct": 52.0, "scored_n": 2}])
    actions = pd.DataFrame([{"store_code": "S001", "open_count": 4, "overdue_count": 3}])
    got = store_alerts(ranking, actions, pd.DataFrame(), WINDOW, FivesSettings())
    assert [(a.kind, a.value, a.n, a.state) for a in got] == [
        ("fives_failing", 52.0, 2, "failing"),
        ("fives_overdue", 3.0, 4, "3"),
    ]
