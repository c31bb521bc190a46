"""Demo data of the review loop: a few disputes (open; accepted, corrected or removed; rejected) and last month's
sign-offs, so that the demo team lead has disputes to decide and the demo agent reads coaching notes. Called by
portal/demo/write.py inside its write transaction, after the QA reviews (the SQL: queries/writes/qa_demo_*.sql)."""

from __future__ import annotations

from datetime import datetime

from portal import writes

# children of qa_reviews, deleted before the demo replaces the reviews
TABLES = ("qa_disputes", "scorecard_sign_offs", "qa_review_criteria")


def add_review_loop(cur, as_of: datetime) -> dict[str, int]:
    """The disputes and sign-offs, none dated after ``as_of`` (the demo's generation time, naive UTC): a dispute
    raised two days after a review of the last days lay in the future (raised 12-07, decided 12-09 on 12-05)."""
    counts = {}
    for table, statement in (
        ("qa_disputes", "qa_demo_disputes"),
        ("scorecard_sign_offs", "qa_demo_sign_offs"),
    ):
        writes.run(cur, statement, {"as_of": as_of})
        counts[table] = int(cur.execute(f"select count(*) from {table}").fetchone()[0])  # noqa: S608 - constant
    return counts
