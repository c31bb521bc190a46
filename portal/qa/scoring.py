"""The arithmetic of a QA review's score, as pure functions (SPEC §3; no database, no Streamlit).

A review is scored either as one overall number 0-100, or on a QA form's criteria: each criterion scores
``0..max_score`` with a ``weight``, or is *not applicable* (N/A: the interaction had no such step); the form
score is ``100 x sum(weight x score / max_score) / sum(weight)`` over the applicable criteria: an N/A criterion
is left out of both sums (the others' weights rescaled), never counted 0, as the 5S items (SPEC §3). A review
whose every criterion is N/A has no form score (the import refuses it). ``criterion_parts`` and
``form_score`` are that arithmetic, used for one review (``criteria_score``) and over a file's rows
(``portal.qa.form.review_scores``). A *critical* criterion scored below its ``max_score`` fails the review: it
counts 0 (critical items are all-or-nothing, e.g. "verified the customer's identity"); an N/A one does not fail. A dispute decided for the agent either corrects the
review (a new score, which stands instead of the form and of a critical failure: that is what was disputed) or
removes it from the score. ``effective_score`` is that rule; ``models/qa_review_scores.sql`` is the same rule
in SQL (tests/test_qa_scoring.py checks both on the same cases).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

SCORE_TOLERANCE = 0.5  # a file's total may be rounded to the nearest point (or half point)
FAILED_CRITICAL_SCORE = (
    0.0  # what a review with a failed critical criterion counts (SPEC: "makes the review 0")
)


@dataclass(frozen=True)
class Criterion:
    code: str
    score: float | None  # None: not applicable (N/A)
    max_score: float = 100.0
    weight: float = 1.0
    critical: bool = False

    @property
    def applicable(self) -> bool:
        return self.score is not None and not math.isnan(self.score)

    @property
    def failed_critical(self) -> bool:
        return self.critical and self.applicable and self.score < self.max_score


def criterion_parts(score, max_score, weight) -> tuple[np.ndarray, np.ndarray]:
    """(points, counted weight) of criteria, element-wise (numbers or columns): ``weight x score / max_score``
    and ``weight``; both 0 for an N/A criterion (score None or NaN), which is thus left out of the form score."""
    score = np.asarray(score, dtype=float)
    max_score = np.asarray(max_score, dtype=float)
    weight = np.asarray(weight, dtype=float)
    applicable = ~np.isnan(score)
    with np.errstate(divide="ignore", invalid="ignore"):
        points = np.where(applicable, weight * score / max_score, 0.0)
    return points, np.where(applicable, weight, 0.0)


def form_score(points, weight):
    """``100 x points / weight`` (sums over a review's criteria); NaN where the counted weight is 0 (every
    criterion N/A, or weighing 0). Element-wise, as ``criterion_parts``."""
    points = np.asarray(points, dtype=float)
    weight = np.asarray(weight, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(weight > 0, 100.0 * points / weight, np.nan)


def criteria_score(criteria: Iterable[Criterion]) -> float | None:
    """The weighted form score 0-100 of a review's criteria (N/A ones left out); None when there are none, when
    every one is N/A, or when the applicable ones weigh 0."""
    items = list(criteria)
    if not items:
        return None
    points, weight = criterion_parts(
        [math.nan if c.score is None else c.score for c in items],
        [c.max_score for c in items],
        [c.weight for c in items],
    )
    score = float(form_score(points.sum(), weight.sum()))
    return None if math.isnan(score) else score


def critical_failed(criteria: Iterable[Criterion]) -> bool:
    return any(c.failed_critical for c in criteria)


def effective_score(
    form_score: float,
    critical_failure: bool = False,
    resolution: str | None = None,
    corrected_score: float | None = None,
) -> float | None:
    """The score the review counts with; None when a dispute removed it from the agent's score."""
    if resolution == "removed":
        return None
    if resolution == "corrected":
        if corrected_score is None:
            raise ValueError("a corrected review needs its corrected score")
        return float(corrected_score)
    if resolution is not None:
        raise ValueError(f"unknown resolution {resolution!r}")
    return FAILED_CRITICAL_SCORE if critical_failure else float(form_score)


def total_matches(total: float | None, computed: float | None, critical_failure: bool = False) -> bool:
    """A file's own total agrees with the score worked out from its criteria (blank totals agree). With a failed
    critical criterion the review counts 0: a total of 0 (a tool that applies the critical rule itself) agrees
    as well as the weighted score (a tool that leaves it to the portal); either way the review counts 0.
    ``portal.qa.form.review_errors`` is the same rule over a file's reviews."""
    if total is None or computed is None or (isinstance(total, float) and math.isnan(total)):
        return True
    if critical_failure and abs(float(total) - FAILED_CRITICAL_SCORE) <= SCORE_TOLERANCE:
        return True
    return abs(float(total) - float(computed)) <= SCORE_TOLERANCE


def valid_score(value: float | None) -> bool:
    return value is not None and not math.isnan(value) and 0.0 <= float(value) <= 100.0


# ---------------------------------------------------------------- periods (sign-offs)


def period_start(day: date, grain: str) -> date:
    """The first day of the week (Monday), month or quarter holding ``day``."""
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    raise ValueError(f"unknown grain {grain!r}")


def period_end(start: date, grain: str) -> date:
    """The last day of the period that starts on ``start``."""
    if grain == "week":
        return start + timedelta(days=6)
    months = 1 if grain == "month" else 3 if grain == "quarter" else None
    if months is None:
        raise ValueError(f"unknown grain {grain!r}")
    year, month = divmod(start.month - 1 + months, 12)
    return date(start.year + year, month + 1, 1) - timedelta(days=1)


def recent_periods(today: date, grain: str, count: int = 6) -> list[date]:
    """The starts of the ``count`` newest periods up to the one holding ``today``, newest first."""
    starts = [period_start(today, grain)]
    while len(starts) < count:
        starts.append(period_start(starts[-1] - timedelta(days=1), grain))
    return starts
