"""Scorecard weights, floors, targets and minimum n, versioned by the period from which they apply.

Tables ``scorecard_weight_versions`` / ``scorecard_weight_rules`` (migration 008). A period is scored with
the version whose ``effective_from`` is the latest on or before the period's first day (ties: the higher
version) among those saved (``created_at``) before the period ended: a version applies to the periods not yet
ended when it was saved, so a change made today, effective from this month, rescores this month and this week
but no week (or month) that had already ended; every earlier card stays as it was.
Writes: ``portal.writes.save_scorecard_weights`` (audited).

The defaults (version 1), for a Chinese retail customer-service team's monthly appraisal (考核方案):
- QA score 40: the quality of the handling is what the agent controls most; floor 60 (a failing review
  mark), target 90 (an excellent one); at least 3 reviews a period (a common monthly QA sample is 4-6).
- Post-resolution CSAT 25: share of answers 4-5 (满意/非常满意) after resolution; floor 45 %, target 80 %;
  at least 10 answers.
- 24 h response SLA 20: the 24-hour response commitment; floor 75 %, target 95 %; at least 10 complaints
  whose 24 h have run out.
- Resolution 15: median resolution time; floor 72 h (3 days, the normal-severity target), target 24 h;
  at least 5 resolved complaints with hour-precision stamps.
- Reopen rate 0 (available): floor 20 %, target 5 % (lower is better); at least 10.
- Complaints handled 0 (available): workload depends on the queue, not only the agent; floor 20, target 60
  complaints a month (scaled to a week's or a quarter's length); at least 1.

Rates are scored on their value (scoring.py), and these floors and targets are on that scale: the shares a team
commits to and appraises (95 % of complaints answered within 24 h, 80 % satisfied, at most 5 % reopened), so
they stand as they were. (They never suited a Wilson bound: 10 of 10 answered in time has a lower bound of
72.2 %, below the 75 % floor, and scored 0.) The minimum n keeps a rate resting on few items out of the
composite.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from portal.vocab import SCORECARD_METRICS

WEIGHT_TOTAL = 100.0


@dataclass(frozen=True)
class MetricSpec:
    """What a metric is: its unit, which direction is better, whether it is a rate with a Wilson interval."""

    code: str
    unit: str  # portal.kpi UNITS: count, pct, hours, points
    better: str  # higher | lower
    is_rate: bool
    scaled_by_length: bool = False  # floor and target are per month, scaled to the period's length


METRIC_SPECS: dict[str, MetricSpec] = {
    "complaints_handled": MetricSpec("complaints_handled", "count", "higher", False, scaled_by_length=True),
    "sla_attainment": MetricSpec("sla_attainment", "pct", "higher", True),
    "resolution_median": MetricSpec("resolution_median", "hours", "lower", False),
    "reopen_rate": MetricSpec("reopen_rate", "pct", "lower", True),
    "post_resolution_csat": MetricSpec("post_resolution_csat", "pct", "higher", True),
    "qa_score": MetricSpec("qa_score", "points", "higher", False),
}
assert tuple(METRIC_SPECS) == SCORECARD_METRICS


@dataclass(frozen=True)
class MetricRule:
    metric: str
    weight: float
    floor: float  # the raw value scoring 0
    target: float  # the raw value scoring 100
    min_n: int

    @property
    def spec(self) -> MetricSpec:
        return METRIC_SPECS[self.metric]


@dataclass(frozen=True)
class WeightsVersion:
    version: int
    effective_from: date
    rules: tuple[MetricRule, ...]  # in SCORECARD_METRICS order
    note: str | None = None
    created_by: str | None = None  # who made it, as the page names them (load_versions: the display name)
    created_at: datetime | None = None

    def rule(self, metric: str) -> MetricRule:
        for r in self.rules:
            if r.metric == metric:
                return r
        raise KeyError(metric)


DEFAULT_RULES: tuple[MetricRule, ...] = (
    MetricRule("complaints_handled", 0.0, 20.0, 60.0, 1),
    MetricRule("sla_attainment", 20.0, 75.0, 95.0, 10),
    MetricRule("resolution_median", 15.0, 72.0, 24.0, 5),
    MetricRule("reopen_rate", 0.0, 20.0, 5.0, 10),
    MetricRule("post_resolution_csat", 25.0, 45.0, 80.0, 10),
    MetricRule("qa_score", 40.0, 60.0, 90.0, 3),
)
DEFAULT_VERSION = WeightsVersion(1, date(1900, 1, 1), DEFAULT_RULES, "initial", "system")

_VERSIONS_SQL = (
    # created_by as the page names the person (models/user_label.sql: the display name, else the name stored)
    "select version, effective_from, note, user_label(created_by), created_at from scorecard_weight_versions "
    "order by effective_from, version"
)
_RULES_SQL = (
    "select version, metric_code, weight, floor_value, target_value, min_n from scorecard_weight_rules"
)


def load_versions(con) -> tuple[WeightsVersion, ...]:
    """Every version, oldest effective first (configuration, the same for every role: no scope)."""
    cur = con.cursor()
    try:
        heads = cur.execute(_VERSIONS_SQL).fetchall()
        rows = cur.execute(_RULES_SQL).fetchall()
    finally:
        cur.close()
    by_version: dict[int, dict[str, MetricRule]] = {}
    for version, metric, weight, floor, target, min_n in rows:
        by_version.setdefault(version, {})[metric] = MetricRule(
            metric, float(weight), float(floor), float(target), int(min_n)
        )
    out = []
    for version, effective_from, note, created_by, created_at in heads:
        rules = by_version.get(version, {})
        ordered = tuple(
            rules.get(m) or MetricRule(m, 0.0, d.floor, d.target, d.min_n)
            for m, d in zip(SCORECARD_METRICS, DEFAULT_RULES, strict=True)
        )
        out.append(WeightsVersion(version, effective_from, ordered, note, created_by, created_at))
    return tuple(out) or (DEFAULT_VERSION,)


def version_for(
    versions: Sequence[WeightsVersion], period_start: date, ends_at: datetime | None = None
) -> WeightsVersion:
    """The version a period starting on ``period_start`` is scored with. ``ends_at``: when the period ends (UTC,
    naive, as ``created_at`` is stored: ``Period.end_at``); a version saved at or after it is not the period's
    (it had ended, and keeps the version it was scored with). Without ``ends_at`` (a month a new version would
    start from, not yet ended) and for a version whose creation time is unknown, only ``effective_from`` counts.
    A period that ended before any version was saved (history imported later) has the first version."""
    applicable = [
        v
        for v in versions
        if v.effective_from <= period_start
        and (ends_at is None or v.created_at is None or v.created_at < ends_at)
    ]
    if not applicable:
        return min(versions, key=lambda v: (v.effective_from, v.version))
    return max(applicable, key=lambda v: (v.effective_from, v.version))


def unchanged(
    versions: Sequence[WeightsVersion], rules: Sequence[MetricRule], effective_from: date
) -> int | None:
    """The version already in force from ``effective_from`` when ``rules`` are its own (saving them would
    only make an identical version), else None."""
    if not versions:
        return None
    current = version_for(versions, effective_from)
    mine = {r.metric: (float(r.weight), float(r.floor), float(r.target), int(r.min_n)) for r in rules}
    theirs = {
        r.metric: (float(r.weight), float(r.floor), float(r.target), int(r.min_n)) for r in current.rules
    }
    return current.version if mine == theirs else None


def validate(rules: Sequence[MetricRule], effective_from: date, earliest: date) -> list[tuple[str, dict]]:
    """What is wrong with a new version: (i18n key, values) pairs; empty when it can be saved.

    Weights are 0-100 and sum to 100; every metric with a weight has a floor different from its target;
    min n at least 1; percentages within 0-100; effective from the first day of a month not before
    ``earliest`` (the current period: a past period keeps the weights it was scored with).
    """
    errors: list[tuple[str, dict]] = []
    if sorted(r.metric for r in rules) != sorted(SCORECARD_METRICS):
        errors.append(("scorecard.weights.error.metrics", {}))
        return errors
    total = sum(r.weight for r in rules)
    if any(r.weight < 0 or r.weight > WEIGHT_TOTAL for r in rules):
        errors.append(("scorecard.weights.error.weight_range", {}))
    if abs(total - WEIGHT_TOTAL) > 1e-6:
        errors.append(("scorecard.weights.error.sum", {"total": f"{total:g}"}))
    for r in rules:
        if r.floor == r.target:
            errors.append(("scorecard.weights.error.floor_target", {"metric": r.metric}))
        if r.min_n < 1:
            errors.append(("scorecard.weights.error.min_n", {"metric": r.metric}))
        if r.spec.unit in ("pct", "points") and not (0 <= r.floor <= 100 and 0 <= r.target <= 100):
            errors.append(("scorecard.weights.error.pct_range", {"metric": r.metric}))
        if r.spec.unit in ("hours", "count") and (r.floor < 0 or r.target < 0):
            errors.append(("scorecard.weights.error.negative", {"metric": r.metric}))
    if effective_from.day != 1:
        errors.append(("scorecard.weights.error.month_start", {}))
    if effective_from < earliest:
        errors.append(("scorecard.weights.error.past", {"earliest": f"{earliest:%Y-%m}"}))
    return errors


def rules_from(values: Mapping[str, Mapping[str, float]]) -> tuple[MetricRule, ...]:
    """Rules from ``{metric: {"weight":, "floor":, "target":, "min_n":}}`` (the page's editor, the CLI)."""
    return tuple(
        MetricRule(
            m,
            float(values[m]["weight"]),
            float(values[m]["floor"]),
            float(values[m]["target"]),
            int(values[m]["min_n"]),
        )
        for m in SCORECARD_METRICS
    )
