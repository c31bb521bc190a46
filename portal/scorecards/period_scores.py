"""Agent scorecards: the rows of queries/scorecard_agent_periods.sql scored column-wise, period by period (issue 14).

The rules are scoring.py's, over arrays (``scoring.metric_score_array``, ``composite_arrays``, ``rank_arrays``);
portal/scorecards/figures.py turns the scored rows into cards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from portal.complaints.partial import NO_FIRST_RESPONSE, NO_REOPEN, NO_RESOLUTION, NOT_RESOLVED
from portal.scorecards import scoring
from portal.scorecards.periods import Period
from portal.scorecards.types import MetricResult
from portal.scorecards.weights import MetricRule, WeightsVersion


@dataclass(frozen=True)
class Plan:
    """One metric rule as one period scores it: its columns, floor and target (a count's scaled to the
    period's length), worked out once per period instead of once per agent (issue 14)."""

    rule: MetricRule
    value_key: str
    n_key: str
    lo_key: str | None  # rates only: the Wilson bounds' columns (shown beside the value)
    hi_key: str | None
    floor: float
    target: float


def plans(version: WeightsVersion, period: Period) -> tuple[Plan, ...]:
    out = []
    for rule in version.rules:
        spec = rule.spec
        floor, target = rule.floor, rule.target
        if spec.scaled_by_length:
            floor, target = floor * period.months_long, target * period.months_long
        out.append(
            Plan(
                rule,
                f"{rule.metric}_value",
                f"{rule.metric}_n",
                f"{rule.metric}_lo" if spec.is_rate else None,
                f"{rule.metric}_hi" if spec.is_rate else None,
                floor,
                target,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Scored:
    """One period's rows scored, column-wise (issue 14): per metric its raw values (what its score is computed
    from, a rate's too), n, interval, score and whether it has enough data, as plain Python lists; the composite,
    weight share and effective weights per row."""

    values: list[list[float | None]]
    ns: list[list[int]]
    intervals: list[tuple[np.ndarray, np.ndarray] | None]  # a rate's Wilson bounds (shown, not scored)
    scores: list[list[float | None]]
    enough: list[list[bool]]
    composite: list[float | None]
    share: list[float]
    effective: list[list[float]]
    reasons: list[list[str | None]]  # per metric: why a row has no value where the data lacks its input
    # per metric: the items it could not rest on (_LEFT_OUT: the SLA's answers on a date only); None: none
    left_outs: list[list[int] | None] | None = None


def _listed(values: np.ndarray) -> list[float | None]:
    return [None if v != v else v for v in values.tolist()]


_RATES = (
    ("sla_attainment", "sla_met_n", "sla_elapsed_n"),
    ("reopen_rate", "reopened_n", "reopen_base_n"),
    ("post_resolution_csat", "csat_satisfied_n", "csat_answer_n"),
)
_PLAIN = (  # metric: (value column, n column)
    ("complaints_handled", "handled_n", "handled_n"),
    ("resolution_median", "resolution_median_hours", "resolution_n"),
    ("qa_score", "qa_mean", "qa_n"),
)
# (metric, its reason, the column of the items it could rest on): no value although there were such items,
# because the data lacks the input (SPEC §3: "no data" and why, never 0); a metric's first rule that holds gives
# its reason. The complaints dashboard's reasons where the cause is the same (portal/complaints/partial.py): the
# SLA whose answers of the period all rest on a date-only stamp that the dates cannot judge (its words without the
# dashboard's example); a metric of the resolved complaints with none resolved says whether the data cannot tell resolutions
# (resolution_unknown_n) or the agent's complaints of the period were not resolved in it (handled_n);
# otherwise the figure's own (nothing in the period, n = 0).
# (metric: the column of the items left out of its n, said beside it): the SLA leaves out the answers on a
# date-only stamp whose dates cannot judge them (is_sla_undecided, as the dashboard, which says how many too); the
# value rests on the others, hour-precise or judged on their dates
_LEFT_OUT = {"sla_attainment": "sla_date_only_n"}
_NO_DATA = (
    ("sla_attainment", NO_FIRST_RESPONSE, "response_unknown_n"),
    ("sla_attainment", "scorecard.no_data.sla_date_only", "sla_date_only_n"),
    ("resolution_median", "scorecard.no_data.resolution_median", "resolved_n"),
    ("reopen_rate", NO_REOPEN, "resolved_n"),
    ("post_resolution_csat", "scorecard.no_data.post_resolution_csat", "resolved_n"),
    *(
        (metric, reason, items)
        for reason, items in ((NO_RESOLUTION, "resolution_unknown_n"), (NOT_RESOLVED, "handled_n"))
        for metric in ("resolution_median", "reopen_rate", "post_resolution_csat")
    ),
)


class Rows:
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
            values = frame[value].to_numpy(dtype=float, na_value=np.nan)
            if value == n:  # a count (complaints handled): nothing counted is no data, never 0 (SPEC §3)
                values = np.where(values > 0, values, np.nan)
            arrays[f"{metric}_value"] = values
            arrays[f"{metric}_n"] = frame[n].to_numpy(dtype=np.int64)
        for metric, column in _LEFT_OUT.items():
            arrays[f"{metric}_left_out_n"] = frame[column].to_numpy(dtype=np.int64)
        self.reasons = no_data_reasons(frame, arrays)
        self.arrays = arrays

    def reason_list(self, metric: str, at: np.ndarray) -> list[str | None]:
        """The no-data reasons of ``metric`` at positions ``at`` (None: none of its own)."""
        reasons = self.reasons.get(metric)
        return [None] * len(at) if reasons is None else reasons[at].tolist()

    def period(self, no: int) -> np.ndarray:
        """The positions of period ``no``'s rows, in their order."""
        return np.flatnonzero(self.period_no == no)

    @cached_property
    def records(self) -> list[dict[str, Any]]:
        return frame_records(self.frame[list(CARD_COLUMNS)])

    @cached_property
    def team_ids(self) -> list[Any]:
        return [r["team_id"] for r in frame_records(self.frame[["team_id"]])]


def score(rows: Rows, at: np.ndarray, plans: tuple[Plan, ...], weights: list[float]) -> Scored:
    """The rows at positions ``at`` (one period) scored with its plans (the rules of scoring.py, over arrays)."""
    values, ns, intervals, scores_l, enough_l, score_arrays, enough_arrays = ([] for _ in range(7))
    for plan in plans:
        value = rows.arrays[plan.value_key][at]
        n = rows.arrays[plan.n_key][at]
        rate = plan.lo_key is not None
        interval = (rows.arrays[plan.lo_key][at], rows.arrays[plan.hi_key][at]) if rate else None
        # a rate too is scored on its value, the share itself (SPEC §3); its interval is only shown
        score = scoring.metric_score_array(value, plan.floor, plan.target)
        enough = (n >= plan.rule.min_n) & ~np.isnan(score)
        values.append(_listed(value))
        ns.append(n.tolist())
        intervals.append(interval)
        scores_l.append(_listed(score))
        enough_l.append(enough.tolist())
        score_arrays.append(score)
        enough_arrays.append(enough)
    composite, share, effective = scoring.composite_arrays(score_arrays, weights, enough_arrays)
    return Scored(
        values,
        ns,
        intervals,
        scores_l,
        enough_l,
        _listed(composite),
        share.tolist(),
        [e.tolist() for e in effective],
        [rows.reason_list(plan.rule.metric, at) for plan in plans],
        [
            rows.arrays[f"{plan.rule.metric}_left_out_n"][at].tolist()
            if f"{plan.rule.metric}_left_out_n" in rows.arrays
            else None
            for plan in plans
        ],
    )


@dataclass(frozen=True)
class Before:
    """A scored period's raw values by agent, for the next period's "previous" (issue 14: read from the scored
    columns, so the period's metric results need not be built for it): ``columns`` metric -> (values, ns) by
    position, ``position`` agent_id -> position."""

    columns: Mapping[str, tuple[list[float | None], list[int]]]
    position: Mapping[int, int]

    @classmethod
    def of(cls, rules, sc: Scored, agent_ids: list[int]) -> Before:
        return cls(
            {rule.metric: (sc.values[j], sc.ns[j]) for j, rule in enumerate(rules)},
            {a: k for k, a in enumerate(agent_ids)},
        )


NOTHING_BEFORE = Before({}, {})


class PeriodResults:
    """Every row's metric results of a scored period, built when first read (issue 14): a page's figure set
    scores seven periods of every agent and reads the results of the current period and of one agent's history;
    building them all (thousands of ``MetricResult``) was most of the scorecards' Python time. Each result
    carries its previous period's value and n (``before``: that period's ``Before``, by agent)."""

    def __init__(
        self, rules, plans: tuple[Plan, ...], sc: Scored, agent_ids: list[int], before: Before, low_n
    ):
        self._args = (rules, plans, sc, agent_ids, before, low_n)
        self.scored = sc

    @cached_property
    def rows(self) -> list[tuple[MetricResult, ...]]:
        return results(*self._args)


class LazyMetrics(Sequence):
    """One card's metric results (a tuple's behaviour: index, length, iteration, equality, hash), taken from its
    period's ``PeriodResults`` when first read."""

    __slots__ = ("_source", "_i")

    def __init__(self, source: PeriodResults, i: int):
        self._source, self._i = source, i

    def _all(self) -> tuple[MetricResult, ...]:
        return self._source.rows[self._i]

    def __getitem__(self, index):
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self):
        return iter(self._all())

    def __eq__(self, other) -> bool:
        if isinstance(other, (tuple, LazyMetrics)):
            return self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self):
        return (tuple, (self._all(),))

    def counted_ns(self) -> list[int]:
        """The n of each metric counted in the composite (``MetricResult.counted``: an effective weight above 0, which
        a row without a composite has none of), read from the scored columns without building the period's results
        (issue 14: the overview's falling agents read only these; building three periods' results for them cost
        ~7 ms of a figure set's ~60 ms of Python)."""
        sc, i = self._source.scored, self._i
        composite = sc.composite[i]
        return [
            ns[i]
            for ns, effective in zip(sc.ns, sc.effective, strict=True)
            if MetricResult.counts(counted_weight(effective[i], composite))
        ]


def counted_weight(effective: float, composite: float | None) -> float:
    """A metric's effective weight in a row as its result carries it (``MetricResult.effective_weight``, counted
    where ``MetricResult.counts`` it): the composite's, none in a row without a composite. The one rule both
    ``results`` and ``LazyMetrics.counted_ns`` read."""
    return effective if composite is not None else 0.0


def counted_ns(metrics: Sequence[MetricResult]) -> list[int]:
    """The n of each metric of a card counted in its composite (``LazyMetrics.counted_ns``, or a tuple's own)."""
    if isinstance(metrics, LazyMetrics):
        return metrics.counted_ns()
    return [m.n for m in metrics if m.counted]


def results(
    rules, plans: tuple[Plan, ...], sc: Scored, agent_ids: list[int], before: Before, low_n: int
) -> list[tuple[MetricResult, ...]]:
    """Every row's metric results of a scored period (metric by metric, for all rows at once), each with its
    previous period's value and n (``before``: the period before's values by agent; none for an agent it did
    not have or a metric its version did not list)."""
    at_before = [before.position.get(a) for a in agent_ids]
    left_outs = sc.left_outs or [None] * len(plans)
    columns = []
    for j, (rule, plan) in enumerate(zip(rules, plans, strict=True)):
        metric, weight = rule.metric, rule.weight
        had = before.columns.get(metric)
        if had is None:
            b_values, b_ns = [None] * len(agent_ids), [0] * len(agent_ids)
        else:
            b_values = [None if k is None else had[0][k] for k in at_before]
            b_ns = [0 if k is None else had[1][k] for k in at_before]
        bounds = sc.intervals[j]
        if bounds is None:
            intervals = [None] * len(agent_ids)
        else:
            intervals = [
                (a, b) if k > 0 else None
                for a, b, k in zip(bounds[0].tolist(), bounds[1].tolist(), sc.ns[j], strict=True)
            ]
        columns.append(
            [
                MetricResult.of(
                    metric,
                    value,
                    n,
                    interval,
                    score,
                    weight,
                    counted_weight(effective, composite),
                    plan.floor,
                    plan.target,
                    rule.min_n,
                    weight > 0 and not enough,
                    b_value,
                    b_n,
                    low_n,
                    reason,
                    left,
                )
                for value, n, interval, score, enough, effective, composite, b_value, b_n, reason, left in zip(
                    sc.values[j],
                    sc.ns[j],
                    intervals,
                    sc.scores[j],
                    sc.enough[j],
                    sc.effective[j],
                    sc.composite,
                    b_values,
                    b_ns,
                    sc.reasons[j],
                    left_outs[j] or [0] * len(agent_ids),
                    strict=True,
                )
            ]
        )
    return list(zip(*columns, strict=True)) if columns else [() for _ in agent_ids]


def no_data_reasons(frame: pd.DataFrame, arrays: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """metric -> its no-data reason per row (``_NO_DATA``, the first of its rules that holds): where it rests on
    nothing (n = 0) although the period had items it could have rested on, so the data lacks its input; None
    elsewhere."""
    reasons: dict[str, np.ndarray] = {}
    for metric, reason, items in _NO_DATA:
        lacking = (arrays[f"{metric}_n"] == 0) & (frame[items].to_numpy(dtype=np.int64) > 0)
        given = reasons.get(metric, np.full(len(frame), None, dtype=object))
        reasons[metric] = np.where(pd.isna(given) & lacking, reason, given).astype(object)
    return reasons


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
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


CARD_COLUMNS = (
    "agent_id",
    "agent_code",
    "agent_name",
    "team_id",
    "team_code",
    "team_name",
    "qa_open_disputes",
    "scope_days",
    "period_days",
)
