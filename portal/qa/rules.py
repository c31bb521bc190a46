"""Who may do what in the QA review loop (SPEC §1, §3), as pure checks the write functions call.

- An agent disputes one of their own QA reviews, with a reason; one open dispute per review; a review that a
  dispute removed from the score cannot be disputed again.
- A team lead (their team's agents) or an admin decides an open dispute: accept and correct the score, accept and
  remove the review from the score, or reject with a comment. The review's own reviewer never decides it
  (whatever their role): checked here, on the server. A manager does not (SPEC §1 gives decisions to the team
  lead): they read the disputes and sign-offs of their scope.
- A team lead or an admin signs off an agent's period (week, month or quarter; a period that has begun) with a
  coaching note the agent reads.

Each check raises ``QaRefused`` (an i18n key and its values; ``str()`` is the English text). The facts come from
the database inside the write transaction, read through the caller's scope (a row out of scope is "not found").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal import vocab
from portal.auth import User
from portal.i18n import Both
from portal.ingest.codes import name_key
from portal.qa import scoring
from portal.text import code_name

DECIDER_ROLES = ("team_lead", "admin")  # SPEC §1: the team lead's (admin: everything), not a manager's
SIGN_OFF_ROLES = ("team_lead", "admin")
DECISIONS = ("correct", "remove", "reject")
MAX_TEXT = 4000


class QaRefused(ValueError):
    def __init__(self, key: str, **values) -> None:
        from portal.i18n import t

        self.key, self.values = key, values
        super().__init__(t(key, "en", **values))


@dataclass(frozen=True)
class ReviewFacts:
    """A QA review as the caller's scope sees it (models/qa_review_scores.sql)."""

    qa_review_id: int
    agent_id: int
    reviewer: str | None
    is_excluded: bool
    open_dispute_id: int | None


@dataclass(frozen=True)
class DisputeFacts:
    dispute_id: int
    status: str
    review: ReviewFacts


def _text(value: str | None, key: str) -> str:
    text = (value or "").strip()
    if not text:
        raise QaRefused(key)
    if len(text) > MAX_TEXT:
        raise QaRefused("qa.err.text_long", n=MAX_TEXT)
    return text


def is_reviewer(user: User, reviewer: str | None) -> bool:
    """The user is the review's reviewer (by user name or display name, compared as a file's names are matched:
    width, case and spaces aside, so "Tina　Teamlead" with an ideographic space is Tina Teamlead)."""
    name = name_key(reviewer or "")
    return bool(name) and name in {name_key(user.username), name_key(user.display_name or "")}


def check_dispute(user: User, review: ReviewFacts | None, reason: str | None) -> str:
    """The reason to store; refused unless the caller is the review's agent and it can be disputed."""
    if not user.has_role("agent") or user.scope.agent_id is None:
        raise QaRefused("qa.err.not_agent")
    if review is None or review.agent_id != user.scope.agent_id:
        raise QaRefused("qa.err.review_not_found")
    if review.is_excluded:
        raise QaRefused("qa.err.review_removed")
    if review.open_dispute_id is not None:
        raise QaRefused("qa.err.dispute_open", dispute_id=review.open_dispute_id)
    return _text(reason, "qa.err.reason_required")


def check_decision(
    user: User,
    dispute: DisputeFacts | None,
    decision: str,
    corrected_score: float | None,
    comment: str | None,
) -> tuple[str, str | None, float | None, str | None]:
    """(status, resolution, corrected score, comment) to store; refused unless the caller may decide it."""
    if not user.has_role(*DECIDER_ROLES):
        raise QaRefused("qa.err.not_decider")
    if dispute is None:
        raise QaRefused("qa.err.dispute_not_found")
    if is_reviewer(user, dispute.review.reviewer):
        raise QaRefused("qa.err.own_review")
    if dispute.status != "open":
        raise QaRefused("qa.err.dispute_decided", status=dispute.status)
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    if decision == "reject":
        return "rejected", None, None, _text(comment, "qa.err.comment_required")
    note = (comment or "").strip() or None
    if note is not None and len(note) > MAX_TEXT:
        raise QaRefused("qa.err.text_long", n=MAX_TEXT)
    if decision == "remove":
        return "accepted", "removed", None, note
    if corrected_score is None or not scoring.valid_score(float(corrected_score)):
        raise QaRefused("qa.err.score_range")
    return "accepted", "corrected", float(corrected_score), note


@dataclass(frozen=True)
class OtherTeam:
    """An agent the caller holds now who was in another team on a period's last day (team None: in none)."""

    agent_code: str
    team_code: str | None
    team_name: str | None
    team_name_zh: str | None = None  # its Chinese name, where it has one


def check_sign_off(
    user: User,
    agent_in_scope: bool,
    grain: str,
    period_start: date,
    note: str | None,
    today: date,
    other_team: OtherTeam | None = None,
) -> str:
    """The coaching note to store; refused unless the caller may sign off this agent's period. ``other_team``: the
    agent is the caller's now but was in another team on the period's last day (the period is that team's)."""
    if not user.has_role(*SIGN_OFF_ROLES):
        raise QaRefused("qa.err.not_signer")
    if grain not in vocab.SCORECARD_GRAINS:
        raise QaRefused("qa.err.grain")
    if scoring.period_start(period_start, grain) != period_start:
        raise QaRefused("qa.err.period_start")
    if not agent_in_scope and other_team is not None:
        from portal.scorecards import periods

        code, name = other_team.team_code, other_team.team_name
        team = Both(code_name(code, name), code_name(code, other_team.team_name_zh or name)) if code else ""
        raise QaRefused(
            "qa.err.period_other_team" if team else "qa.err.period_no_team",
            agent=other_team.agent_code,
            period=periods.parse(period_start.isoformat(), grain).label,
            team=team,
        )
    if not agent_in_scope:
        raise QaRefused("qa.err.agent_not_found")
    if period_start > today:
        raise QaRefused("qa.err.period_future")
    return _text(note, "qa.err.note_required")
