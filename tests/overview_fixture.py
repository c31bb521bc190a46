"""Complaints for the overview tests, on the master data of tests/fixtures.py, with hand-worked figures.

Now (UTC) = NOW, Thursday 2026-11-26 12:00: the last complete week is 2026-W47 (Mon 11-16 .. Sun 11-22), the
window the twelve weeks 2026-W36 (08-31) .. W47; 2026-W48 (11-23 ..) is under way. Report time zone UTC.
Every complaint is received on a Wednesday 10:00, answered 2 h later (within 24 h) or 30 h later (a breach),
resolved 40 h after receipt, never reopened.

Per week W36 .. W46:   S001 40 complaints, all answered in time ('other');  S003 5, all late ('price').
                       chain: 40 met of 45 elapsed = 88.9%.
W47 (the last complete week): S001 40, 20 answered late ('delivery'), 20 in time; S003 5 late ('price').
                       chain: 20 / 45 = 44.4%, n = 45; S001 20 / 40 = 50.0% (n = 40); S003 0 / 5 (n = 5 < 30).
W48 (partial, Mon 11-23 .. now): S001 40 complaints, all late: never judged (an incomplete week).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.complaints_fixture import add_complaints

NOW = datetime(2026, 11, 26, 12, 0)
FIRST_WEEK = datetime(2026, 8, 31)  # W36
LAST_WEEK = datetime(2026, 11, 16)  # W47


def _row(source_id, store, week: datetime, late: bool, category: str) -> dict:
    received = week + timedelta(days=2, hours=10)
    return {
        "source_id": source_id,
        "store_id": store,
        "agent_id": 1 if store == 1 else 3,
        "channel": "hotline",
        "category_group": category,
        "severity": "normal",
        "received_at": received,
        "received_date_only": False,
        "first_response_at": received + timedelta(hours=30 if late else 2),
        "first_response_date_only": False,
        "resolved_at": received + timedelta(hours=40),
        "resolved_date_only": False,
        "closed_at": None,
        "status": "resolved",
        "reopen_count": 0,
        "post_resolution_csat": None,
    }


def rows() -> list[dict]:
    out = []
    for w in range(12):
        week = FIRST_WEEK + timedelta(weeks=w)
        last = week == LAST_WEEK
        for i in range(40):
            late = last and i < 20
            out.append(_row(f"w{w}s1c{i}", 1, week, late, "delivery" if late else "other"))
        for i in range(5):
            out.append(_row(f"w{w}s3c{i}", 3, week, True, "price"))
    partial = LAST_WEEK + timedelta(weeks=1)
    out += [_row(f"partial{i}", 1, partial - timedelta(days=2), True, "delivery") for i in range(40)]
    return out


def load(con) -> None:
    con.execute(
        "insert into settings (key, value) values ('report_timezone', '\"UTC\"') on conflict do nothing"
    )
    add_complaints(con, rows())
