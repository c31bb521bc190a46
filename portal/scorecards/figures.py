"""Agent scorecards (SPEC.md §3): the figure set of the team view and the agent card, for the pages, the CLI
(``kpi scorecards``), the exports and the bench.

One named query (queries/scorecard_agent_periods.sql over models/agent_period_metrics.sql) gives the raw counts
of every agent in the caller's scope for the period and the five before it (the trend); scoring.py turns them
into scores. Each period is scored with the weights version effective for it and saved before it ended
(weights.version_for), and its SLA attainment counted against the response commitment in force when it ended
(settings.value_at over the setting's history), so a past period keeps the version and the hours it was scored
with. Metric definitions:
models/agent_period_metrics.sql; scoring rules: portal/scorecards/scoring.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from portal import db, settings
from portal.kpi import Figure
from portal.rounding import half_up
from portal.scope import Scope
from portal.scorecards import period_scores, scoring
from portal.scorecards.periods import TREND_PERIODS, Period, sql_params
from portal.scorecards.types import AREA, AgentCard, MetricResult, ScorecardSet, TeamPoint  # noqa: F401 - the API
from portal.scorecards.weights import WeightsVersion, load_versions, version_for

Runner = Callable[[str, Mapping[str, Any]], pd.DataFrame]

# A card opened alone (the agent's own, My scorecard) shows its team's mean composite only when at least this many
# agents are ranked in the period: with two, twice the mean less one's own composite is the teammate's (SPEC §1: an
# agent sees only their own scorecard). The team view (team lead, manager, admin) shows every mean.
TEAM_MEAN_MIN_RANKED = 3


# ---------------------------------------------------------------- computing


def runner(con, scope: Scope) -> Runner:
    return lambda name, params: db.run_query(con, name, params, scope)


def _cards_for_period(
    rows_all: period_scores.Rows,
    at: np.ndarray,
    period: Period,
    version: WeightsVersion,
    previous_by_agent: Mapping[int, AgentCard],
    before: period_scores.Before,
    low_n: int,
    today: date,
    sla_hours: float = 24.0,
) -> tuple[list[AgentCard], period_scores.Before]:
    """The period's cards, each metric scored, the composite with rescaled weights, rank within the team; and
    the period's values by agent (the next period's ``before``). The cards' metric results are built when first
    read (``period_scores.LazyMetrics``)."""
    plans = period_scores.plans(version, period)
    sc = period_scores.score(rows_all, at, plans, [rule.weight for rule in version.rules])
    records = rows_all.records
    rows = [records[i] for i in at.tolist()]
    ranks, pcts, ranked_ns = scoring.rank_arrays(
        np.array([np.nan if c is None else c for c in sc.composite], dtype=float),
        [r["team_id"] for r in rows],
    )
    in_progress = period.in_progress(today)
    agent_ids = [int(r["agent_id"]) for r in rows]
    previous = [previous_by_agent.get(a) for a in agent_ids]
    results = period_scores.PeriodResults(version.rules, plans, sc, agent_ids, before, low_n)
    cards = []
    for i, r in enumerate(rows):
        agent_id, prev, value = agent_ids[i], previous[i], sc.composite[i]
        metrics = period_scores.LazyMetrics(results, i)
        days_in_scope = (
            None if r["scope_days"] is None or r["scope_days"] >= r["period_days"] else int(r["scope_days"])
        )
        # a card on part of a period is no base of a change, nor has one (its days are not the other's)
        part = days_in_scope is not None or (prev is not None and prev.days_in_scope is not None)
        cards.append(
            AgentCard.of(
                agent_id=agent_id,
                agent_code=r["agent_code"] or "",
                agent_name=r["agent_name"] or "",
                team_id=None if r["team_id"] is None else int(r["team_id"]),
                team_code=r["team_code"],
                team_name=r["team_name"],
                period=period,
                version=version.version,
                version_from=version.effective_from,
                metrics=metrics,
                composite=value,
                weight_share=sc.share[i],
                rank=ranks[i],
                ranked_n=ranked_ns[i],
                percentile=pcts[i],
                previous_composite=prev.composite if prev and not part else None,
                previous_card=prev is not None,
                open_disputes=int(r["qa_open_disputes"]),
                in_progress=in_progress,
                sla_hours=sla_hours,
                days_in_scope=days_in_scope,
                previous_part=prev is not None and prev.days_in_scope is not None,
            )
        )
    ordered = sorted(
        cards, key=lambda c: (c.team_code or "", c.rank is None, c.rank or 0, c.agent_code, c.agent_id)
    )
    return ordered, period_scores.Before.of(version.rules, sc, agent_ids)


def _composites(
    rows: period_scores.Rows, at: np.ndarray, period: Period, version: WeightsVersion
) -> list[tuple[Any, float | None]]:
    """(team_id, composite) of the rows at positions ``at``: a team's standing, scored like the cards."""
    sc = period_scores.score(
        rows, at, period_scores.plans(version, period), [rule.weight for rule in version.rules]
    )
    teams = rows.team_ids
    return [(teams[i], c) for i, c in zip(at.tolist(), sc.composite, strict=True)]


def _ranked_among(card: AgentCard, standing: list[tuple[Any, float | None]]) -> AgentCard:
    """The card ranked among its whole team's composites (which hold its own, unnamed); a card on part of the
    period (``days_in_scope``: a manager's of the month its agent's home store moved region) is not ranked against
    the whole period's."""
    team = [c for t, c in standing if t == card.team_id and c is not None]
    if card.composite is None or not team or card.days_in_scope is not None:
        return replace(card, rank=None, percentile=None, ranked_n=len(team))
    others = len(team) - 1
    below = sum(1 for c in team if c < card.composite)
    return replace(
        card,
        rank=1 + sum(1 for c in team if c > card.composite),
        ranked_n=len(team),
        percentile=100.0 if others == 0 else 100.0 * below / others,
    )


def _standing_trend(
    points: Mapping[Period, list[tuple[Any, float | None]]], history: Mapping[Period, list[AgentCard]]
) -> tuple[TeamPoint, ...]:
    """The team trend from the whole teams' standing (the mean composite of the ranked members), for a card opened
    alone: no mean (None) where fewer than ``TEAM_MEAN_MIN_RANKED`` are ranked, else rounded as shown (0.1). Team
    codes: from the cards of every period (a moved agent's old team has none in the period shown)."""
    codes = {c.team_id: c.team_code for cards in history.values() for c in cards}
    out = []
    for period, standing in points.items():
        for team_id in sorted({t for t, _ in standing}, key=lambda t: codes.get(t) or ""):
            team = [c for t, c in standing if t == team_id]
            scored = [c for c in team if c is not None]
            out.append(
                TeamPoint(
                    team_id,
                    codes.get(team_id),
                    period,
                    half_up(np.mean(scored), 1) if len(scored) >= TEAM_MEAN_MIN_RANKED else None,
                    len(scored),
                    len(team),
                )
            )
    return tuple(out)


def card_team_points(sset: ScorecardSet, history: Sequence[AgentCard]) -> list[TeamPoint]:
    """The team mean beside each period of an agent's trend (``history``: the agent's cards): the point of the team
    the agent was in that period (each card's team, its last day's), so a moved agent's months in the old team
    stand beside the old team's mean, not the new one's; a period without such a point has none."""
    points = {(p.team_id, p.period): p for p in sset.team_trend}
    found = (points.get((c.team_id, c.period)) for c in history)
    return [p for p in found if p is not None]


def _team_trend(history: Mapping[Period, list[AgentCard]]) -> tuple[TeamPoint, ...]:
    points = []
    for period, cards in history.items():
        teams: dict[int | None, list[AgentCard]] = {}
        for c in cards:
            teams.setdefault(c.team_id, []).append(c)
        for team_id, members in sorted(teams.items(), key=lambda kv: kv[1][0].team_code or ""):
            scored = [c.composite for c in members if c.composite is not None]
            points.append(
                TeamPoint(
                    team_id,
                    members[0].team_code,
                    period,
                    float(np.mean(scored)) if scored else None,
                    len(scored),
                    len(members),
                )
            )
    return tuple(points)


def compute(
    run: Runner,
    versions: Sequence[WeightsVersion],
    period: Period,
    *,
    timezone: str,
    sla_hours: float = 24.0,
    sla_history: Sequence[tuple[datetime, Any]] = (),
    low_confidence_n: int = 5,
    team_ids: Sequence[int] = (),
    agent_ids: Sequence[int] = (),
    sla_as_of: datetime | None = None,
    today: date | None = None,
    trend_periods: int = TREND_PERIODS,
    whole_teams: bool = True,
) -> ScorecardSet:
    """The period's cards and the trend over the ``trend_periods`` periods ending with it (plus the one before,
    for the first trend point's change), for the caller's scope (bound in ``run``). A period's cards do not depend
    on the periods before it (only their change does, on the one before), so a shorter trend (the overview reads
    three periods) gives the same cards for the periods it holds, from fewer complaints. ``sla_as_of`` (when the
    24-hour windows are judged): default now at the full hour, the dashboards' moment; ``today`` (which period is
    under way): default that moment's day in ``timezone``. ``sla_hours``: the response commitment now;
    ``sla_history``: its values over time (``settings.history``), from which a period that has ended takes the one
    in force when it ended (none: ``sla_hours`` for every period). ``whole_teams``: the caller's scope holds every
    member of the teams it reaches (``Scope.holds_whole_teams``); when not (a regional manager, a team with a member
    whose home store is elsewhere), rank, percentile and the team trend are read from the whole teams' standing, as
    for one agent selected, so a card ranks as on its team lead's view and its agent's own card."""
    from portal.complaints.as_of import rounded_now, to_local

    # the moment the dashboards judge the 24-hour SLA at (now at the full hour), and its day in the reporting zone
    sla_as_of = sla_as_of or rounded_now()
    today = today or to_local(sla_as_of, timezone).date()
    periods = period.last(trend_periods + 1)
    hours = [float(settings.value_at(sla_history, p.end_at(timezone), sla_hours)) for p in periods]
    params = sql_params(periods, timezone) | {
        "sla_as_of": sla_as_of,
        "team_ids": [int(t) for t in team_ids],
        "agent_ids": [int(a) for a in agent_ids],
    }
    rows = period_scores.Rows(_run_by_hours(run, "scorecard_agent_periods", params, hours))
    history: dict[Period, list[AgentCard]] = {}
    previous: dict[int, AgentCard] = {}
    before = period_scores.NOTHING_BEFORE
    # with a selection (an agent's own card, one agent on the command line), or a scope holding only part of a team,
    # rank among the whole team
    members = (
        period_scores.Rows(_run_by_hours(run, "scorecard_team_members", params, hours))
        if agent_ids or not whole_teams
        else None
    )
    team_points: dict[Period, list[tuple[Any, float | None]]] = {}
    for no, p in enumerate(periods):
        version = version_for(versions, p.start, p.end_at(timezone))
        cards, before = _cards_for_period(
            rows, rows.period(no), p, version, previous, before, low_confidence_n, today, hours[no]
        )
        if members is not None:
            standing = _composites(members, members.period(no), p, version)
            cards = [_ranked_among(c, standing) for c in cards]
            team_points[p] = standing
        previous = {c.agent_id: c for c in cards}
        history[p] = cards
    trend_periods = tuple(periods[1:])
    by_agent: dict[int, list[AgentCard]] = {}
    for p in trend_periods:
        for c in history[p]:
            by_agent.setdefault(c.agent_id, []).append(c)
    # open disputes: each card carries its period's (the model's qa_open_disputes, of the reviews its QA score rests
    # on, for every reader alike); the tile's: every period's, in the caller's scope (what she may decide)
    disputes = run(
        "scorecard_open_disputes", {"team_ids": params["team_ids"], "agent_ids": params["agent_ids"]}
    )
    every_period = dict(zip(disputes["agent_id"], disputes["open_disputes"], strict=False))
    current = history[period]
    return ScorecardSet(
        period=period,
        periods=trend_periods,
        cards=tuple(current),
        history={a: tuple(cs) for a, cs in by_agent.items()},
        team_trend=_team_trend({p: history[p] for p in trend_periods})
        if members is None
        else _standing_trend({p: team_points[p] for p in trend_periods}, history),
        versions=tuple(versions),
        timezone=timezone,
        sla_as_of=sla_as_of,
        open_disputes=sum(int(every_period.get(c.agent_id, 0)) for c in current),
        in_progress=period.in_progress(today),
        sla_hours=hours[-1],
    )


def _run_by_hours(run: Runner, name: str, params: Mapping[str, Any], hours: Sequence[float]) -> pd.DataFrame:
    """The query's rows of every period, each counted against its own response commitment (``hours``, by
    period_no): one run per distinct value (one run unless the setting changed within the periods read)."""
    if len(set(hours)) == 1:
        return run(name, {**params, "sla_hours": hours[0]})
    parts = []
    for value in sorted(set(hours)):
        frame = run(name, {**params, "sla_hours": value})
        wanted = [no for no, h in enumerate(hours) if h == value]
        parts.append(frame[frame["period_no"].isin(wanted)])
    # each period's rows in the order the query gives them (rows.period takes a period's rows by position)
    return pd.concat(parts).sort_values("period_no", kind="stable").reset_index(drop=True)


def figures(con, scope: Scope, period: Period, **kwargs) -> ScorecardSet:
    """``compute`` with the database's weights versions and settings (CLI, exports, bench, tests)."""
    kwargs.setdefault("timezone", settings.report_timezone(con))
    kwargs.setdefault("sla_hours", float(settings.get(con, "response_sla_hours")))
    kwargs.setdefault("sla_history", settings.history(con, "response_sla_hours"))
    kwargs.setdefault("low_confidence_n", int(settings.get(con, "scorecard_low_confidence_n")))
    kwargs.setdefault("whole_teams", scope.holds_whole_teams)
    return compute(runner(con, scope), load_versions(con), period, **kwargs)


def qa_reviews(run: Runner, agent_id: int, period: Period) -> pd.DataFrame:
    """The QA reviews behind an agent's QA score of the period (scoped: another team's agent gives none)."""
    return run(
        "scorecard_qa_reviews",
        {"agent_ids": [int(agent_id)], "start_on": period.start, "end_on": period.last_day},
    )


def part_of_period_cards(sset: ScorecardSet) -> int:
    """Cards on part of the period (``days_in_scope``) with a composite: neither ranked nor counted insufficient."""
    return sum(1 for c in sset.cards if c.composite is not None and c.days_in_scope is not None)


def _no_team_composite(sset: ScorecardSet) -> str:
    """Why the team has no mean composite: only cards on part of the period are scored, or too little data."""
    return (
        "scorecard.no_data.part_of_period_only"
        if part_of_period_cards(sset)
        else "scorecard.no_data.insufficient"
    )


def headline(sset: ScorecardSet) -> tuple[Figure, ...]:
    """The team view's tiles as the portal's one figure type (the overview can gather them): the mean composite
    of the ranked agents (with the previous period's), agents ranked, agents with insufficient data, open
    disputes (its n: the open disputes themselves, not the agents). A card on part of the period
    (``days_in_scope``) is neither ranked nor of the team's mean, nor of the previous period's."""
    scored = [c.composite for c in sset.cards if c.composite is not None and c.days_in_scope is None]
    previous = sset.previous_period
    before = [
        c.composite
        for cards in sset.history.values()
        for c in cards
        if c.period == previous and c.composite is not None and c.days_in_scope is None
    ]
    return (
        Figure(
            "team_composite",
            "points",
            float(np.mean(scored)) if scored else None,
            len(scored),
            area=AREA,
            label_key="scorecards.tile.team_composite",
            previous_value=float(np.mean(before)) if before else None,
            previous_n=len(before),
            low_confidence_n=1,
            no_data_reason=None if scored else _no_team_composite(sset),
        ),
        Figure(
            "agents_ranked",
            "count",
            float(len(scored)),
            len(sset.cards),
            area=AREA,
            label_key="scorecards.tile.ranked",
            low_confidence_n=0,
        ),
        Figure(
            "agents_insufficient",
            "count",
            float(sum(1 for c in sset.cards if c.composite is None)),
            len(sset.cards),
            area=AREA,
            label_key="scorecards.tile.insufficient",
            better="lower",
            low_confidence_n=0,
        ),
        Figure(
            "open_disputes",
            "count",
            float(sset.open_disputes),
            sset.open_disputes,  # a count rests on what it counts (as the QA page's tile and the backlog)
            area=AREA,
            label_key="scorecards.tile.open_disputes",
            better="lower",
            low_confidence_n=0,
        ),
    )
