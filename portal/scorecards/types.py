"""The typed results of the agent scorecards (SPEC.md §3): one metric's result, an agent's card, a point of the team
trend and the whole figure set. Computed by portal/scorecards/figures.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cached_property
from typing import Any

from portal.kpi import Figure
from portal.scorecards.periods import Period
from portal.scorecards.weights import METRIC_SPECS, WeightsVersion, version_for

AREA = "scorecard"


@dataclass(frozen=True)
class MetricResult:
    """One metric of one agent's period: raw value with its n (and interval), its score, how it counts.

    Its ``figure`` (the raw value as the portal's one figure type) is built when it is first read: a page's
    figure set holds thousands of results (every agent, seven periods) and reads the figures of a few (issue 14).
    """

    metric: str
    value: float | None  # raw: count, percent, hours or points; the score is computed from it (a rate's too)
    n: int  # the items it rests on
    interval: tuple[float, float] | None  # 95 % Wilson, percent (rates only): shown beside the value
    score: float | None  # 0-100; None when there is no value
    weight: float  # the version's weight
    effective_weight: float  # after rescaling (0 when left out or unweighted)
    floor: float  # for this period (a monthly count scaled to its length)
    target: float
    min_n: int
    left_out: bool  # weighted, but below its min n (or without a value): not in the composite
    # for the figure: the previous period's value and n, and the low-confidence bound
    previous_value: float | None = field(default=None, repr=False)
    previous_n: int = field(default=0, repr=False)
    low_confidence_n: int = field(default=5, repr=False)
    # why there is no value where the data lacks its inputs (an i18n key: period_scores.no_data_reasons); else the
    # figure's own reason (nothing in the period: n = 0)
    no_data_reason: str | None = field(default=None, repr=False)
    # the items left out of its n, said beside it (the SLA: answers on a date only, not judged in hours)
    left_out_n: int = field(default=0, repr=False)

    @property
    def counted(self) -> bool:
        return self.counts(self.effective_weight)

    @staticmethod
    def counts(effective_weight: float) -> bool:
        """Whether a metric of that effective weight is counted in the composite (``counted``; the scored columns'
        ``period_scores.LazyMetrics.counted_ns`` asks it of ``period_scores.counted_weight``)."""
        return effective_weight > 0

    @classmethod
    def of(cls, *values: Any) -> MetricResult:
        """``MetricResult(*values)`` (every field, in order) without a frozen dataclass's one
        ``object.__setattr__`` per field: a page's figure set builds thousands (issue 14). No ``__post_init__``
        runs (MetricResult has none; one added later would have to be called here too)."""
        result = object.__new__(cls)
        result.__dict__.update(zip(_METRIC_RESULT_FIELDS, values, strict=True))
        return result

    @cached_property
    def figure(self) -> Figure:
        """The raw value as the portal's one figure type, with the previous period's value."""
        spec = METRIC_SPECS[self.metric]
        return Figure(
            self.metric,
            spec.unit,
            self.value,
            self.n,
            area=AREA,
            previous_value=self.previous_value,
            previous_n=self.previous_n,
            better=spec.better,
            low_confidence_n=self.low_confidence_n,
            no_data_reason=self.no_data_reason,
            extra={"interval": self.interval} if self.interval else {},
        )


_METRIC_RESULT_FIELDS = tuple(f.name for f in fields(MetricResult))


@dataclass(frozen=True)
class AgentCard:
    agent_id: int
    agent_code: str
    agent_name: str
    team_id: int | None
    team_code: str | None
    team_name: str | None
    period: Period
    version: int  # weights version it is scored with
    version_from: date
    metrics: Sequence[MetricResult]  # SCORECARD_METRICS order (a tuple, or period_scores.LazyMetrics)
    composite: float | None  # None: insufficient data
    weight_share: float  # percent of the total weight its scored metrics carry
    rank: int | None = None
    ranked_n: int = 0  # ranked agents in the team
    percentile: float | None = None
    previous_composite: float | None = None
    # the agent had a card in the period before in the reader's view (False: not on the team, not in the scope or
    # not hired then); with previous_composite None, one of insufficient data: why the change is "no data"
    previous_card: bool = False
    open_disputes: int = 0  # of the reviews of ``period`` (a dispute of another period's review: the tile's)
    in_progress: bool = False
    sla_hours: float = 24.0  # the response commitment its SLA attainment is counted against (the setting)
    # a manager's card of a period whose agent's home store was in her stores on only part of its days (the month
    # it moved region): those days (of ``period.days``); its figures rest on their rows alone, so it is not ranked
    # against the whole period's cards of the team. None: every day of the period
    days_in_scope: int | None = None
    # the previous period's card in the reader's view rests on part of its period (``days_in_scope`` set): no
    # change against it (previous_composite None), as none for a card on part of the period itself
    previous_part: bool = False

    @classmethod
    def of(cls, **values: Any) -> AgentCard:
        """``AgentCard(**values)`` with every field named, without a frozen dataclass's one
        ``object.__setattr__`` per field: a page's figure set builds a thousand cards (issue 14). No
        ``__post_init__`` runs (AgentCard has none)."""
        if values.keys() != _AGENT_CARD_FIELDS:
            raise TypeError(f"AgentCard.of needs every field: {sorted(_AGENT_CARD_FIELDS ^ values.keys())}")
        card = object.__new__(cls)
        card.__dict__.update(values)
        return card

    @property
    def insufficient(self) -> bool:
        return self.composite is None

    @property
    def status(self) -> str:
        return "insufficient_data" if self.composite is None else "scored"

    @property
    def change(self) -> float | None:
        if self.composite is None or self.previous_composite is None:
            return None
        return self.composite - self.previous_composite

    @property
    def change_reason(self) -> str | None:
        """Why there is no change against the previous period (an i18n key), None when there is one or when this
        period has no composite itself (the card says why: insufficient data)."""
        if self.change is not None or self.composite is None:
            return None
        if self.days_in_scope is not None or self.previous_part:
            return "scorecards.change.part_of_period"
        return (
            "scorecards.change.previous_insufficient"
            if self.previous_card
            else "scorecards.change.no_previous"
        )

    @property
    def left_out(self) -> tuple[str, ...]:
        return tuple(m.metric for m in self.metrics if m.left_out)

    @property
    def rescaled(self) -> bool:
        return self.composite is not None and bool(self.left_out)

    def metric(self, code: str) -> MetricResult:
        for m in self.metrics:
            if m.metric == code:
                return m
        raise KeyError(code)

    @property
    def composite_figure(self) -> Figure:
        return Figure(
            "composite",
            "points",
            self.composite,
            n=sum(1 for m in self.metrics if m.counted),
            area=AREA,
            previous_value=self.previous_composite,
            low_confidence_n=1,
            no_data_reason=None if self.composite is not None else "scorecard.no_data.insufficient",
        )


_AGENT_CARD_FIELDS = frozenset(f.name for f in fields(AgentCard))


@dataclass(frozen=True)
class TeamPoint:
    """A team's period on the trend: the mean composite of its ranked agents."""

    team_id: int | None
    team_code: str | None
    period: Period
    mean_composite: float | None
    ranked_n: int
    agents_n: int


@dataclass(frozen=True)
class ScorecardSet:
    """Everything the team view and the cards show for one period, for the caller's scope."""

    period: Period
    periods: tuple[Period, ...]  # the trend's periods, oldest first, ending with ``period``
    cards: tuple[AgentCard, ...]  # the period's cards: by team, then rank (unranked last)
    history: Mapping[int, tuple[AgentCard, ...]]  # agent_id -> its cards over ``periods``, oldest first
    team_trend: tuple[TeamPoint, ...]
    versions: tuple[WeightsVersion, ...]
    timezone: str
    sla_as_of: datetime
    open_disputes: int = 0  # of the shown agents, every period's (the tile; each card counts its period's)
    in_progress: bool = False  # the period is still under way (its figures will change)
    sla_hours: float = 24.0  # the response commitment the SLA attainment is counted against (the setting)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def card(self, agent_id: int) -> AgentCard | None:
        for c in self.cards:
            if c.agent_id == agent_id:
                return c
        return None

    @property
    def version(self) -> WeightsVersion:
        return version_for(self.versions, self.period.start, self.period.end_at(self.timezone))

    @property
    def previous_period(self) -> Period | None:
        """The period the headline's composite is compared with: the one before ``period`` in the trend."""
        return self.periods[-2] if len(self.periods) > 1 else None
