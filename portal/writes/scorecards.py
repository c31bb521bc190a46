"""The one write path: scorecard workflow: weights versions, QA disputes and decisions, sign-offs.

Part of ``portal.writes`` (callers import the package: ``from portal import writes``)."""

from __future__ import annotations

from datetime import UTC, datetime

from portal import writes as _w
from portal.qa import rules

# ---------------------------------------------------------------- scorecard workflow

# ---- weights (scorecard weights, floors, targets and min n, versioned by the period they apply from)


def save_scorecard_weights(con, username: str, effective_from, rules, note: str | None = None) -> int:
    """A new weights version effective from ``effective_from`` (a month's first day), with one rule per
    metric (``portal.scorecards.weights.MetricRule``), and its audit row; returns the version number.
    The caller validates first (``weights.validate``); the table's checks are the last guard."""

    def work(cur) -> int:
        version = _w.run(
            cur,
            "scorecard_weight_version_insert",
            {"effective_from": effective_from, "note": note, "created_by": username},
        ).fetchone()[0]
        for r in rules:
            _w.run(
                cur,
                "scorecard_weight_rule_insert",
                {
                    "version": version,
                    "metric_code": r.metric,
                    "weight": float(r.weight),
                    "floor_value": float(r.floor),
                    "target_value": float(r.target),
                    "min_n": int(r.min_n),
                },
            )
        _w.audit_row(
            cur,
            username,
            "settings",
            "scorecard_weights",
            {
                "version": version,
                "effective_from": str(effective_from),
                "note": note,
                "rules": {r.metric: [r.weight, r.floor, r.target, r.min_n] for r in rules},
            },
        )
        return int(version)

    return _w.transaction(con, work)


# reviews, sign-offs, disputes (the rules: portal/qa/rules.py; the effective score: models/qa_review_scores.sql)


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _qa_review_facts(row) -> rules.ReviewFacts:
    return rules.ReviewFacts(
        int(row[0]), int(row[1]), row[2], bool(row[3]), None if row[4] is None else int(row[4])
    )


def raise_qa_dispute(con, stale, qa_review_id: int, reason: str) -> int:
    """The agent disputes one of their QA reviews; returns the dispute's id (``rules.QaRefused`` if refused)."""

    def work(cur) -> int:
        user = _w.acting_user(cur, stale)  # rights as stored now, not as when the page was drawn
        params = {**user.scope.sql_params(), "qa_review_id": int(qa_review_id)}
        row = _w.run(cur, "qa_review_in_scope", params).fetchone()
        text = rules.check_dispute(user, None if row is None else _qa_review_facts(row), reason)
        dispute_id = _w.run(
            cur,
            "qa_dispute_insert",
            {"qa_review_id": int(qa_review_id), "agent_id": int(row[1]), "reason": text}
            | {"username": user.username, "now": _utc_now()},
        ).fetchone()[0]
        _w.audit_row(
            cur, user.username, "qa_dispute", f"qa_review:{qa_review_id}", {"dispute_id": dispute_id}
        )
        return int(dispute_id)

    return _w.transaction(con, work)


def decide_qa_dispute(
    con,
    stale,
    dispute_id: int,
    decision: str,
    corrected_score: float | None = None,
    comment: str | None = None,
) -> None:
    """Decide an open dispute: ``decision`` correct (with ``corrected_score``), remove or reject (with a
    comment). Never by the review's own reviewer; ``rules.QaRefused`` if refused."""

    def work(cur) -> None:
        user = _w.acting_user(cur, stale)  # rights as stored now, not as when the page was drawn
        row = _w.run(cur, "qa_dispute_in_scope", {**user.scope.sql_params(), "dispute_id": int(dispute_id)})
        row = row.fetchone()
        facts = None if row is None else rules.DisputeFacts(int(row[0]), row[1], _qa_review_facts(row[2:]))
        status, resolution, score, text = rules.check_decision(
            user, facts, decision, corrected_score, comment
        )
        values = {"status": status, "resolution": resolution, "corrected_score": score, "comment": text}
        done = _w.run(
            cur,
            "qa_dispute_decide",
            values | {"dispute_id": int(dispute_id), "username": user.username, "now": _utc_now()},
        ).fetchone()
        if done is None:  # decided by someone else since it was read
            raise rules.QaRefused("qa.err.dispute_decided_meanwhile")
        details = {"dispute_id": int(dispute_id), "qa_review_id": int(row[2]), **values}
        _w.audit_row(cur, user.username, "qa_dispute_decision", f"qa_review:{row[2]}", details)

    _w.transaction(con, work)


def sign_off_period(con, stale, agent_id: int, grain: str, period_start, note: str, today) -> int:
    """The team lead signs off an agent's period with a coaching note; returns the sign-off's id."""

    def work(cur) -> int:
        user = _w.acting_user(cur, stale)  # rights as stored now, not as when the page was drawn
        placed = {"agent_id": int(agent_id), "grain": grain, "period_start": period_start}
        found = _w.run(cur, "scorecard_agent_in_scope", {**user.scope.sql_params(), **placed}).fetchone()
        in_scope = found is not None and bool(found[1])
        # an agent of the caller's now, in another team in that period (moved since): say whose period it is
        other_team = None if found is None or in_scope else rules.OtherTeam(*found[2:6])
        text = rules.check_sign_off(user, in_scope, grain, period_start, note, today, other_team)
        params = {"agent_id": int(agent_id), "grain": grain, "period_start": period_start, "note": text}
        sign_off_id = _w.run(
            cur, "scorecard_sign_off_insert", params | {"username": user.username, "now": _utc_now()}
        ).fetchone()[0]
        details = {"sign_off_id": int(sign_off_id), "grain": grain, "period_start": str(period_start)}
        _w.audit_row(cur, user.username, "qa_sign_off", f"agent:{agent_id}", details)
        return int(sign_off_id)

    return _w.transaction(con, work)
