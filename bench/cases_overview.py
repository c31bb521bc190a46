"""Overview page: every area's headline figures, 12-week series and alerts (portal.overview.figures), and a
pandas twin of its complaints and satisfaction part.

``overview_page`` times what the landing page computes for a chain-wide reader: the registered overview
sources (complaints: 5 queries; satisfaction: 2; 5S: 5; scorecards: the team view's set) and the alert rules.
``overview_page_pandas`` computes the complaints and satisfaction series of the same twelve weeks the way a
competent Streamlit developer would (select the window's rows first, then derive: the Complaints twin's
facts, a weekly group-by for the surveys) and runs the same alert rules on them; 5S and scorecards have their
own twins in bench/cases_fives.py and bench/cases_scorecards.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd

from bench.cases_complaints import complaint_facts_pandas, weekly_pandas
from bench.registry import register
from portal import complaints, kpi
from portal.overview import alerts as rules
from portal.overview import figures as overview
from portal.overview.sources import Series, window_for
from portal.scope import Scope


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0)


def overview_page_duckdb(con) -> overview.OverviewFigures:
    return overview.figures(kpi.runner(con, Scope.everything()), window_for(_now()), con)


def _rate(key, weeks, events, n, complete, target, better) -> Series:
    values = tuple(100.0 * e / m if m else None for e, m in zip(events, n, strict=True))
    return Series(
        area="complaints" if key != "csat" else "sat", key=key, unit="pct", kind="rate", better=better,
        weeks=weeks, values=values, n=tuple(int(v) for v in n), complete=complete, label_key=key, page="",
        target=target, events=tuple(float(e) for e in events),
    )  # fmt: skip


def overview_page_pandas(frames: dict) -> dict:
    window = window_for(_now())
    weeks = window.weeks
    complete = tuple(window.complete(w) for w in weeks)
    goals = complaints.Targets(sla_attainment_pct=90.0)
    filters = window.filters()
    as_of = min(complaints.period_end(filters), window.as_of)
    facts = complaint_facts_pandas(frames["complaints"], filters, as_of, goals, window.as_of)
    weekly = weekly_pandas(facts).set_index("week_start").reindex(pd.to_datetime(list(weeks))).fillna(0)
    series = [
        _rate("sla_attainment", weeks, weekly["sla_met_count"], weekly["sla_elapsed_count"], complete, 90.0,
              "higher"),
        _rate("reopen_rate", weeks, weekly["reopened_count"], weekly["reopen_base_count"], complete, 5.0,
              "lower"),
    ]  # fmt: skip
    r = frames["survey_responses"]
    day = pd.to_datetime(r["responded_on"])
    r = r[(day >= pd.Timestamp(window.start)) & (day <= pd.Timestamp(window.end))]
    r = r.assign(week=pd.to_datetime(r["responded_on"]).dt.to_period("W-SUN").dt.start_time)
    answered = r[r["overall_satisfaction"].notna()]
    sat = answered.groupby("week").agg(
        n=("overall_satisfaction", "size"),
        satisfied=("overall_satisfaction", lambda s: int((s >= 4).sum())),
        index=("overall_satisfaction", lambda s: float(((s - 1) / 4 * 100).mean())),
        sd=("overall_satisfaction", lambda s: float(((s - 1) / 4 * 100).std())),
    )
    sat = sat.reindex(pd.to_datetime(list(weeks)))
    series.append(
        _rate("csat", weeks, sat["satisfied"].fillna(0), sat["n"].fillna(0), complete, 85.0, "higher")
    )
    series.append(
        Series(
            area="sat",
            key="index",
            unit="points",
            kind="mean",
            better="higher",
            weeks=weeks,
            values=tuple(None if np.isnan(v) else float(v) for v in sat["index"]),
            n=tuple(int(v) for v in sat["n"].fillna(0)),
            complete=complete,
            label_key="index",
            page="",
            target=85.0,
            sd=tuple(None if np.isnan(v) else float(v) for v in sat["sd"]),
        )  # fmt: skip
    )
    week_rows = facts[facts["received_at"] >= pd.Timestamp(window.week)]
    return {
        "series": series,
        "alerts": rules.ranked(rules.series_alerts(series)),
        "week_volume": int(week_rows["received_in"].sum()),
        "window": (window.start, window.end - timedelta(days=0)),
    }


register("overview_page", overview_page_duckdb, overview_page_pandas)
