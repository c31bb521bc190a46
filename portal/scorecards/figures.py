"""Agent scorecards (SPEC.md §3): the figure set of the team view and the agent card, for the pages, the CLI
(``kpi scorecards``), the exports and the bench.

One named query (queries/scorecard_agent_periods.sql over models/agent_period_metrics.sql) gives the raw counts
of every agent in the caller's scope for the period and the five before it (the trend); scoring.py turns them
into scores. Each period is scored with the weights version effective for it (weights.version_for), so a past
period keeps the version it was scored with. Metric definitions: models/agent_period_metrics.sql; scoring
rules: portal/scorecards/scoring.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from portal import db, settings
from portal.kpi import Figure
from portal.scope import Scope
from portal.scorecards import scoring
from portal.scorecards.periods import TREND_PERIODS, Period, sql_params
from portal.scorecards.types import AREA, AgentCard, MetricResult, ScorecardSet, TeamPoint  # noqa: F401 - the API
from portal.scorecards.weights import MetricRule, WeightsVersion, load_versions, version_for

Runner = Callable[[str, Mapping[str, Any]], pd.DataFrame]


# ---------------------------------------------------------------- computing


def runner(con, scope: Scope) -> Runner:
    return lambda name, params: db.run_query(con, name, params, scope)


@dataclass(frozen=True)
class _Plan:
    """One metric rule as one period scores it: its columns, floor and target (a count's scaled to the
    period's length), worked out once per period instead of once per agent (issue 14)."""

    rule: MetricRule
    value_key: str
    n_key: str
    lo_key: str | None  # rates only: the Wilson bounds' columns
    hi_key: str | None
    better: str
    floor: float
    target: float


def _plans(version: WeightsVersion, period: Period) -> tuple[_Plan, ...]:
    out = []
    for rule in version.rules:
        spec = rule.spec
        floor, target = rule.floor, rule.target
        if spec.scaled_by_length:
            floor, target = floor * period.months_long, target * period.months_long
        out.append(
            _Plan(
                rule,
                f"{rule.metric}_value",
                f"{rule.metric}_n",
                f"{rule.metric}_lo" if spec.is_rate else None,
                f"{rule.metric}_hi" if spec.is_rate else None,
                spec.better,
                floor,
                target,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class _Scored:
    """One period's rows scored, column-wise (issue 14): per metric its raw values, n, interval, scored value,
    score and whether it has enough data, as plain Python lists; the composite, weight share and effective
    weights per row."""

    values: list[list[float | None]]
    ns: list[list[int]]
    intervals: list[list[tuple[float, float] | None]]
    scored: list[list[float | None]]
    scores: list[list[float | None]]
    enough: list[list[bool]]
    composite: list[float | None]
    share: list[float]
    effective: list[list[float]]


def _listed(values: np.ndarray) -> list[float | None]:
    return [None if v != v else v for v in values.tolist()]


_RATES = (
    ("sla_attainment", "sla_met_n", "sla_elapsed_n"),
    ("reopen_rate", "reopened_n", "resolved_n"),
    ("post_resolution_csat", "csat_satisfied_n", "csat_answer_n"),
)
_PLAIN = (  # metric: (value column, n column)
    ("complaints_handled", "handled_n", "handled_n"),
    ("resolution_median", "resolution_median_hours", "resolution_n"),
    ("qa_score", "qa_mean", "qa_n"),
)


class _Rows:
    """The raw rows (agent x period) of queries/scorecard_agent_periods.sql as arrays: each metric's value, n and
    (rates) Wilson bounds, vectorised, and the card's columns as records; each period takes its rows by
    position, so no frame is built per period (issue 14)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.period_no = frame["period_no"].to_numpy()
        arrays: dict[str, np.ndarray] = {}
        for metric, x, n in _RATES:
            xs, ns = frame[x].to_numpy(dtype=float), frame[n].to_numpy(dtype=float)
            with np.errstate(invalid="ignore", divide="ignore"):
                arrays[f"{metric}_value"] = np.where(ns > 0, 100.0 * xs / ns, np.nan)
            arrays[f"{metric}_lo"], arrays[f"{metric}_hi"] = scoring.wilson_arrays(xs, ns)
            arrays[f"{metric}_n"] = frame[n].to_numpy(dtype=np.int64)
        for metric, value, n in _PLAIN:
            arrays[f"{metric}_value"] = frame[value].to_numpy(dtype=float, na_value=np.nan)
            arrays[f"{metric}_n"] = frame[n].to_numpy(dtype=np.int64)
        self.arrays = arrays

    def period(self, no: int) -> np.ndarray:
        """The positions of period ``no``'s rows, in their order."""
        return np.flatnonzero(self.period_no == no)

    @cached_property
    def records(self) -> list[dict[str, Any]]:
        return _records(self.frame[list(_CARD_COLUMNS)])

    @cached_property
    def team_ids(self) -> list[Any]:
        return [r["team_id"] for r in _records(self.frame[["team_id"]])]


def _score(rows: _Rows, at: np.ndarray, plans: tuple[_Plan, ...], weights: list[float]) -> _Scored:
    """The rows at positions ``at`` (one period) scored with its plans (the rules of scoring.py, over arrays)."""
    values, ns, intervals, scored_l, scores_l, enough_l, score_arrays, enough_arrays = ([] for _ in range(8))
    for plan in plans:
        value = rows.arrays[plan.value_key][at]
        n = rows.arrays[plan.n_key][at]
        n_list = n.tolist()
        if plan.lo_key is not None:
            lo = rows.arrays[plan.lo_key][at]
            hi = rows.arrays[plan.hi_key][at]
            has = n > 0
            scored = np.where(has, lo if plan.better == "higher" else hi, np.nan)
            interval = [
                (a, b) if k > 0 else None for a, b, k in zip(lo.tolist(), hi.tolist(), n_list, strict=True)
            ]
        else:
            scored = value
            interval = [None] * len(n_list)
        score = scoring.metric_score_array(scored, plan.floor, plan.target)
        enough = (n >= plan.rule.min_n) & ~np.isnan(score)
        values.append(_listed(value))
        ns.append(n_list)
        intervals.append(interval)
        scored_l.append(_listed(scored))
        scores_l.append(_listed(score))
        enough_l.append(enough.tolist())
        score_arrays.append(score)
        enough_arrays.append(enough)
    composite, share, effective = scoring.composite_arrays(score_arrays, weights, enough_arrays)
    return _Scored(
        values,
        ns,
        intervals,
        scored_l,
        scores_l,
        enough_l,
        _listed(composite),
        share.tolist(),
        [e.tolist() for e in effective],
    )


def _results(
    rules, plans: tuple[_Plan, ...], sc: _Scored, previous: list[AgentCard | None], low_n: int
) -> list[tuple[MetricResult, ...]]:
    """Every row's metric results of a scored period (metric by metric, for all rows at once), each with its
    previous period's value and n from ``previous`` (the row's card of the period before, or None)."""
    columns = []
    for j, (rule, plan) in enumerate(zip(rules, plans, strict=True)):
        metric, weight = rule.metric, rule.weight
        before = [_metric_of(p, j, metric) if p is not None else None for p in previous]
        columns.append(
            [
                MetricResult.of(
                    metric,
                    value,
                    n,
                    interval,
                    scored,
                    score,
                    weight,
                    effective if composite is not None else 0.0,
                    plan.floor,
                    plan.target,
                    rule.min_n,
                    weight > 0 and not enough,
                    b.value if b is not None else None,
                    b.n if b is not None else 0,
                    low_n,
                )
                for value, n, interval, scored, score, enough, effective, composite, b in zip(
                    sc.values[j],
                    sc.ns[j],
                    sc.intervals[j],
                    sc.scored[j],
                    sc.scores[j],
                    sc.enough[j],
                    sc.effective[j],
                    sc.composite,
                    before,
                    strict=True,
                )
            ]
        )
    return list(zip(*columns, strict=True)) if columns else [() for _ in previous]


def _metric_of(card: AgentCard, j: int, metric: str) -> MetricResult | None:
    """The card's result of ``metric`` (at position ``j`` when the card's version lists the metrics alike)."""
    if j < len(card.metrics) and card.metrics[j].metric == metric:
        return card.metrics[j]
    return next((m for m in card.metrics if m.metric == metric), None)


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain values, None for every missing one (NaN, NA, NaT).

    Column by column (issue 14): a column without a missing value is taken as it is, the others checked value
    by value; the same values as ``to_dict("records")`` with the missing ones replaced."""
    names = list(frame.columns)
    columns = []
    for name in names:
        values = frame[name].tolist()
        if frame[name].hasnans:
            values = [None if _missing(v) else v for v in values]
        columns.append(values)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _cards_for_period(
    rows_all: _Rows,
    at: np.ndarray,
    period: Period,
    version: WeightsVersion,
    previous_by_agent: Mapping[int, AgentCard],
    low_n: int,
    today: date,
) -> list[AgentCard]:
    """The period's cards, each metric scored, the composite with rescaled weights, rank within the team."""
    plans = _plans(version, period)
    sc = _score(rows_all, at, plans, [rule.weight for rule in version.rules])
    records = rows_all.records
    rows = [records[i] for i in at.tolist()]
    ranks, pcts, ranked_ns = scoring.rank_arrays(
        np.array([np.nan if c is None else c for c in sc.composite], dtype=float),
        [r["team_id"] for r in rows],
    )
    in_progress = period.in_progress(today)
    agent_ids = [int(r["agent_id"]) for r in rows]
    previous = [previous_by_agent.get(a) for a in agent_ids]
    results = _results(version.rules, plans, sc, previous, low_n)
    cards = []
    for i, r in enumerate(rows):
        agent_id, prev, metrics, value = agent_ids[i], previous[i], results[i], sc.composite[i]
        cards.append(
            AgentCard(
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
                previous_composite=prev.composite if prev else None,
                open_disputes=int(r["qa_open_disputes"]),
                in_progress=in_progress,
            )
        )
    return sorted(
        cards, key=lambda c: (c.team_code or "", c.rank is None, c.rank or 0, c.agent_code, c.agent_id)
    )


_CARD_COLUMNS = (
    "agent_id",
    "agent_code",
    "agent_name",
    "team_id",
    "team_code",
    "team_name",
    "qa_open_disputes",
)


def _composites(
    rows: _Rows, at: np.ndarray, period: Period, version: WeightsVersion
) -> list[tuple[Any, float | None]]:
    """(team_id, composite) of the rows at positions ``at``: a team's standing, scored like the cards."""
    sc = _score(rows, at, _plans(version, period), [rule.weight for rule in version.rules])
    teams = rows.team_ids
    return [(teams[i], c) for i, c in zip(at.tolist(), sc.composite, strict=True)]


def _ranked_among(card: AgentCard, standing: list[tuple[Any, float | None]]) -> AgentCard:
    """The card ranked among its whole team's composites (which hold its own, unnamed)."""
    team = [c for t, c in standing if t == card.team_id and c is not None]
    if card.composite is None or not team:
        return replace(card, rank=None, percentile=None, ranked_n=len(team))
    others = len(team) - 1
    below = sum(1 for c in team if c < card.composite)
    return replace(
        card,
        rank=1 + sum(1 for c in team if c > card.composite),
        ranked_n=len(team),
        percentile=100.0 if others == 0 else 100.0 * below / others,
    )


def _standing_trend(points: Mapping[Period, list[tuple[Any, float | None]]], cards) -> tuple[TeamPoint, ...]:
    """The team trend from the whole teams' standing (the mean composite of the ranked members)."""
    codes = {c.team_id: c.team_code for c in cards}
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
                    float(np.mean(scored)) if scored else None,
                    len(scored),
                    len(team),
                )
            )
    return tuple(out)


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
    low_confidence_n: int = 5,
    team_ids: Sequence[int] = (),
    agent_ids: Sequence[int] = (),
    sla_as_of: datetime | None = None,
    today: date | None = None,
) -> ScorecardSet:
    """The period's cards and the trend over the TREND_PERIODS periods ending with it (plus the one before,
    for the first trend point's change), for the caller's scope (bound in ``run``)."""
    sla_as_of = sla_as_of or datetime.now(UTC).replace(tzinfo=None, second=0, microsecond=0)
    today = today or sla_as_of.date()
    periods = period.last(TREND_PERIODS + 1)
    params = sql_params(periods, timezone) | {
        "sla_as_of": sla_as_of,
        "sla_hours": float(sla_hours),
        "team_ids": [int(t) for t in team_ids],
        "agent_ids": [int(a) for a in agent_ids],
    }
    rows = _Rows(run("scorecard_agent_periods", params))
    history: dict[Period, list[AgentCard]] = {}
    previous: dict[int, AgentCard] = {}
    # with a selection (an agent's own card, one agent on the command line) rank among the whole team
    members = _Rows(run("scorecard_team_members", params)) if agent_ids else None
    team_points: dict[Period, list[tuple[Any, float | None]]] = {}
    for no, p in enumerate(periods):
        version = version_for(versions, p.start)
        cards = _cards_for_period(rows, rows.period(no), p, version, previous, low_confidence_n, today)
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
    disputes = run(
        "scorecard_open_disputes", {"team_ids": params["team_ids"], "agent_ids": params["agent_ids"]}
    )
    open_by_agent = dict(zip(disputes["agent_id"], disputes["open_disputes"], strict=False))
    current = [replace(c, open_disputes=int(open_by_agent.get(c.agent_id, 0))) for c in history[period]]
    return ScorecardSet(
        period=period,
        periods=trend_periods,
        cards=tuple(current),
        history={a: tuple(cs) for a, cs in by_agent.items()},
        team_trend=_team_trend({p: history[p] for p in trend_periods})
        if members is None
        else _standing_trend({p: team_points[p] for p in trend_periods}, current),
        versions=tuple(versions),
        timezone=timezone,
        sla_as_of=sla_as_of,
        open_disputes=sum(c.open_disputes for c in current),
    )


def figures(con, scope: Scope, period: Period, **kwargs) -> ScorecardSet:
    """``compute`` with the database's weights versions and settings (CLI, exports, bench, tests)."""
    kwargs.setdefault("timezone", settings.report_timezone(con))
    kwargs.setdefault("sla_hours", float(settings.get(con, "response_sla_hours")))
    kwargs.setdefault("low_confidence_n", int(settings.get(con, "scorecard_low_confidence_n")))
    return compute(runner(con, scope), load_versions(con), period, **kwargs)


def qa_reviews(run: Runner, agent_id: int, period: Period) -> pd.DataFrame:
    """The QA reviews behind an agent's QA score of the period (scoped: another team's agent gives none)."""
    return run(
        "scorecard_qa_reviews",
        {"agent_ids": [int(agent_id)], "start_on": period.start, "end_on": period.last_day},
    )


def headline(sset: ScorecardSet) -> tuple[Figure, ...]:
    """The team view's tiles as the portal's one figure type (the overview can gather them): the mean composite
    of the ranked agents (with the previous period's), agents ranked, agents with insufficient data, open
    disputes."""
    scored = [c.composite for c in sset.cards if c.composite is not None]
    previous = sset.periods[-2] if len(sset.periods) > 1 else None
    before = [
        c.composite
        for cards in sset.history.values()
        for c in cards
        if c.period == previous and c.composite is not None
    ]
    return (
        Figure(
            "team_composite",
            "points",
            float(np.mean(scored)) if scored else None,
            len(scored),
            area=AREA,
            previous_value=float(np.mean(before)) if before else None,
            previous_n=len(before),
            low_confidence_n=1,
            no_data_reason=None if scored else "scorecard.no_data.insufficient",
        ),
        Figure("agents_ranked", "count", float(len(scored)), len(sset.cards), area=AREA, low_confidence_n=0),
        Figure(
            "agents_insufficient",
            "count",
            float(len(sset.cards) - len(scored)),
            len(sset.cards),
            area=AREA,
            better="lower",
            low_confidence_n=0,
        ),
        Figure(
            "open_disputes",
            "count",
            float(sset.open_disputes),
            len(sset.cards),
            area=AREA,
            better="lower",
            low_confidence_n=0,
        ),
    )
