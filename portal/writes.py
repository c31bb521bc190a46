"""The one write path: every change to the database goes through a function of this module.

Each function is one short transaction (``db.in_transaction``: bounded retry of DuckDB write-write
conflicts), named for what it changes, and idempotent where it can be. Write SQL lives in named files under
``queries/writes/`` (``statement(name)``), values always bound. No other module executes an insert, update
or delete (``tests/test_write_path.py`` checks the source). The scale-out step routes exactly these
functions to a single writer process.

Sections: accounts (users, sign-in counters), audit, settings, column mappings, imports (commit, undo),
5S workflow (inspections, corrective actions), scorecard workflow (sign-offs, disputes, weights).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any, TypeVar

from portal import audit, db
from portal.config import PROJECT_ROOT
from portal.qa import rules

WRITES_DIR = PROJECT_ROOT / "queries" / "writes"
T = TypeVar("T")


@cache
def statement(name: str) -> db.NamedQuery:
    """A write statement from queries/writes/<name>.sql; its first comment line is its description."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"Bad write statement name {name!r}")
    sql = (WRITES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    first = next((ln for ln in sql.splitlines() if ln.startswith("--")), "-- ")
    code = "\n".join(ln.split("--", 1)[0] for ln in sql.splitlines())
    return db.NamedQuery(name, sql, first.lstrip("- ").strip(), frozenset(db._PARAM_RE.findall(code)))


def run(cur, name: str, params: Mapping[str, Any] | None = None):
    """Execute a named write statement on ``cur`` (inside the caller's transaction of this module)."""
    query = statement(name)
    return cur.execute(query.sql, db.bind(query, params or {}))


def transaction(con, work: Callable[[Any], T]) -> T:
    """One short write transaction with bounded conflict retry; the only way a write reaches the database."""
    return db.in_transaction(con, work)


# ---------------------------------------------------------------- accounts (users, sign-in counters)

# ---------------------------------------------------------------- audit

# ---------------------------------------------------------------- settings

# ---------------------------------------------------------------- column mappings

# ---------------------------------------------------------------- imports (commit, undo)

# ---------------------------------------------------------------- 5S workflow

# ---------------------------------------------------------------- scorecard workflow

# reviews, sign-offs, disputes (the rules: portal/qa/rules.py; the effective score: models/qa_review_scores.sql)


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _qa_review_facts(row) -> rules.ReviewFacts:
    return rules.ReviewFacts(
        int(row[0]), int(row[1]), row[2], bool(row[3]), None if row[4] is None else int(row[4])
    )


def raise_qa_dispute(con, user, qa_review_id: int, reason: str) -> int:
    """The agent disputes one of their QA reviews; returns the dispute's id (``rules.QaRefused`` if refused)."""

    def work(cur) -> int:
        params = {**user.scope.sql_params(), "qa_review_id": int(qa_review_id)}
        row = run(cur, "qa_review_in_scope", params).fetchone()
        text = rules.check_dispute(user, None if row is None else _qa_review_facts(row), reason)
        dispute_id = run(
            cur,
            "qa_dispute_insert",
            {"qa_review_id": int(qa_review_id), "agent_id": int(row[1]), "reason": text}
            | {"username": user.username, "now": _utc_now()},
        ).fetchone()[0]
        audit.record(
            cur, user.username, "qa_dispute", f"qa_review:{qa_review_id}", {"dispute_id": dispute_id}
        )
        return int(dispute_id)

    return transaction(con, work)


def decide_qa_dispute(
    con,
    user,
    dispute_id: int,
    decision: str,
    corrected_score: float | None = None,
    comment: str | None = None,
) -> None:
    """Decide an open dispute: ``decision`` correct (with ``corrected_score``), remove or reject (with a
    comment). Never by the review's own reviewer; ``rules.QaRefused`` if refused."""

    def work(cur) -> None:
        row = run(cur, "qa_dispute_in_scope", {**user.scope.sql_params(), "dispute_id": int(dispute_id)})
        row = row.fetchone()
        facts = None if row is None else rules.DisputeFacts(int(row[0]), row[1], _qa_review_facts(row[2:]))
        status, resolution, score, text = rules.check_decision(
            user, facts, decision, corrected_score, comment
        )
        values = {"status": status, "resolution": resolution, "corrected_score": score, "comment": text}
        done = run(
            cur,
            "qa_dispute_decide",
            values | {"dispute_id": int(dispute_id), "username": user.username, "now": _utc_now()},
        ).fetchone()
        if done is None:  # decided by someone else since it was read
            raise rules.QaRefused("qa.err.dispute_decided", status="?")
        details = {"dispute_id": int(dispute_id), "qa_review_id": int(row[2]), **values}
        audit.record(cur, user.username, "qa_dispute_decision", f"qa_review:{row[2]}", details)

    transaction(con, work)


def sign_off_period(con, user, agent_id: int, grain: str, period_start, note: str, today) -> int:
    """The team lead signs off an agent's period with a coaching note; returns the sign-off's id."""

    def work(cur) -> int:
        found = run(cur, "scorecard_agent_in_scope", {**user.scope.sql_params(), "agent_id": int(agent_id)})
        in_scope = found.fetchone() is not None
        text = rules.check_sign_off(user, in_scope, grain, period_start, note, today)
        params = {"agent_id": int(agent_id), "grain": grain, "period_start": period_start, "note": text}
        sign_off_id = run(
            cur, "scorecard_sign_off_insert", params | {"username": user.username, "now": _utc_now()}
        ).fetchone()[0]
        details = {"sign_off_id": int(sign_off_id), "grain": grain, "period_start": str(period_start)}
        audit.record(cur, user.username, "qa_sign_off", f"agent:{agent_id}", details)
        return int(sign_off_id)

    return transaction(con, work)
