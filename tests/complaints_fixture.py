"""Complaint rows for the Complaints tests, on the master data of tests/fixtures.py, with hand-worked figures.

Stores S001 (id 1), S002 (2) in R1; S003 (3) in R2; all Asia/Shanghai (UTC+8), open 09:00-21:00 every day.
Agents A001, A002 (team T1), A003, A004 (team T2). All times below are UTC.

Current period 2024-03-04 (Monday) .. 2024-03-17 (Sunday), as of 2024-03-18 00:00 (its end).
Previous period 2024-02-19 .. 2024-03-03, as of 2024-03-04 00:00. 2024 is a leap year (02-29).

id   store agent chan         category           sev    received            first response      resolution          status
c1   S001  A001  hotline      product_quality    normal 03-04 10:00         03-04 12:00 (2 h)   03-05 10:00 (24 h)  resolved, csat 5
c2   S001  A001  hotline      product_quality    high   03-05 08:00         03-05 18:00 (10 h)  03-07 08:00 (48 h)  closed (closed_at 03-08), csat 3
c3   S002  A002  online       service_attitude   normal 03-06 00:00         03-07 06:00 (30 h)  03-09 00:00 (72 h)  resolved, reopened once, csat 4
c4   S002  A002  in_store     delivery           low    03-10 12:00         —                   —                   open (unanswered)
c5   S003  A003  email        price              normal 03-17 12:00         —                   —                   open, inside its 24 h
c6   S003  A003  email        price              normal 03-17 06:00         03-17 08:00 (2 h)   —                   responded, inside its 24 h
c7   S001  A004  app          other              normal 03-12 00:00         03-12 01:00         closed_at 03-13     cancelled
c8   S002  A001  social_media product_quality    normal 03-08 (date only)   03-08 05:00         03-10 00:00         resolved, no csat
c9   S001  A002  hotline      service_attitude   normal 03-11 00:00         03-11 (date only)   03-12 12:00 (36 h)  resolved, csat 4
c10  —     A003  online       delivery           normal 03-13 00:00         03-13 20:00 (20 h)  03-14 00:00 (24 h)  resolved, csat 2 (no store)
c11  S001  A004  email        delivery           normal 02-28 00:00         02-28 01:00 (1 h)   03-06 00:00 (168 h) resolved, csat 5
c12  S003  A003  hotline      price              normal 03-01 00:00         03-01 03:00 (3 h)   03-05 00:00 earlier reopened (count 1)
c13  S002  A001  hotline      service_attitude   high   03-16 00:00         03-16 23:00 (23 h)  03-17 23:00 (47 h)  resolved, csat 4
c14  S001  A001  hotline      other              normal 01-10 00:00         01-10 02:00         —                   responded (old backlog)
"""

from __future__ import annotations

from datetime import date, datetime

from portal.filters import Filters

CURRENT = Filters(start=date(2024, 3, 4), end=date(2024, 3, 17))
AS_OF = datetime(2024, 3, 18)
PREVIOUS_AS_OF = datetime(2024, 3, 4)

_COLUMNS = (
    "source_id",
    "store_id",
    "agent_id",
    "channel",
    "category_group",
    "severity",
    "received_at",
    "received_date_only",
    "first_response_at",
    "first_response_date_only",
    "resolved_at",
    "resolved_date_only",
    "closed_at",
    "status",
    "reopen_count",
    "post_resolution_csat",
)
_REGION = {1: 1, 2: 1, 3: 2, None: None}


def ts(text: str) -> datetime:
    """'03-04 10:00' -> 2024-03-04 10:00 (UTC); '01-10 00:00' likewise."""
    return datetime.strptime(f"2024-{text}", "%Y-%m-%d %H:%M")


def complaint(
    source_id: str,
    *,
    store=1,
    agent=1,
    channel="hotline",
    category="other",
    severity="normal",
    received: str,
    received_date_only=False,
    first_response: str | None = None,
    first_response_date_only=False,
    resolved: str | None = None,
    resolved_date_only=False,
    closed: str | None = None,
    status="open",
    reopen_count=0,
    csat=None,
) -> dict:
    return {
        "source_id": source_id,
        "store_id": store,
        "agent_id": agent,
        "channel": channel,
        "category_group": category,
        "severity": severity,
        "received_at": ts(received),
        "received_date_only": received_date_only,
        "first_response_at": ts(first_response) if first_response else None,
        "first_response_date_only": first_response_date_only,
        "resolved_at": ts(resolved) if resolved else None,
        "resolved_date_only": resolved_date_only,
        "closed_at": ts(closed) if closed else None,
        "status": status,
        "reopen_count": reopen_count,
        "post_resolution_csat": csat,
    }


ROWS = [
    complaint(
        "c1",
        store=1,
        agent=1,
        channel="hotline",
        category="product_quality",
        received="03-04 10:00",
        first_response="03-04 12:00",
        resolved="03-05 10:00",
        status="resolved",
        csat=5,
    ),
    complaint(
        "c2",
        store=1,
        agent=1,
        channel="hotline",
        category="product_quality",
        severity="high",
        received="03-05 08:00",
        first_response="03-05 18:00",
        resolved="03-07 08:00",
        closed="03-08 00:00",
        status="closed",
        csat=3,
    ),
    complaint(
        "c3",
        store=2,
        agent=2,
        channel="online",
        category="service_attitude",
        received="03-06 00:00",
        first_response="03-07 06:00",
        resolved="03-09 00:00",
        status="resolved",
        reopen_count=1,
        csat=4,
    ),
    complaint(
        "c4",
        store=2,
        agent=2,
        channel="in_store",
        category="delivery",
        severity="low",
        received="03-10 12:00",
    ),
    complaint("c5", store=3, agent=3, channel="email", category="price", received="03-17 12:00"),
    complaint(
        "c6",
        store=3,
        agent=3,
        channel="email",
        category="price",
        received="03-17 06:00",
        first_response="03-17 08:00",
        status="responded",
    ),
    complaint(
        "c7",
        store=1,
        agent=4,
        channel="app",
        category="other",
        received="03-12 00:00",
        first_response="03-12 01:00",
        closed="03-13 00:00",
        status="cancelled",
    ),
    complaint(
        "c8",
        store=2,
        agent=1,
        channel="social_media",
        category="product_quality",
        received="03-08 00:00",
        received_date_only=True,
        first_response="03-08 05:00",
        resolved="03-10 00:00",
        status="resolved",
    ),
    complaint(
        "c9",
        store=1,
        agent=2,
        channel="hotline",
        category="service_attitude",
        received="03-11 00:00",
        first_response="03-11 00:00",
        first_response_date_only=True,
        resolved="03-12 12:00",
        status="resolved",
        csat=4,
    ),
    complaint(
        "c10",
        store=None,
        agent=3,
        channel="online",
        category="delivery",
        received="03-13 00:00",
        first_response="03-13 20:00",
        resolved="03-14 00:00",
        status="resolved",
        csat=2,
    ),
    complaint(
        "c11",
        store=1,
        agent=4,
        channel="email",
        category="delivery",
        received="02-28 00:00",
        first_response="02-28 01:00",
        resolved="03-06 00:00",
        status="resolved",
        csat=5,
    ),
    complaint(
        "c12",
        store=3,
        agent=3,
        channel="hotline",
        category="price",
        received="03-01 00:00",
        first_response="03-01 03:00",
        resolved="03-05 00:00",
        status="reopened",
        reopen_count=1,
    ),
    complaint(
        "c13",
        store=2,
        agent=1,
        channel="hotline",
        category="service_attitude",
        severity="high",
        received="03-16 00:00",
        first_response="03-16 23:00",
        resolved="03-17 23:00",
        status="resolved",
        csat=4,
    ),
    complaint(
        "c14",
        store=1,
        agent=1,
        channel="hotline",
        category="other",
        received="01-10 00:00",
        first_response="01-10 02:00",
        status="responded",
    ),
]


def add_complaints(con, rows) -> None:
    """Insert complaint dicts (from ``complaint``); region_id is the store's region (null without a store)."""
    # a statement per 500 rows (one per row, each its own transaction, cost ~2.7 ms of CPU a row: ~1.6 s for
    # tests/overview_fixture.py's 580, in every test using them)
    values = [[_REGION[row["store_id"]], *(row[c] for c in _COLUMNS)] for row in rows]
    one = f"('test', {', '.join('?' for _ in range(len(_COLUMNS) + 1))})"
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        con.execute(
            f"insert into complaints (source, region_id, {', '.join(_COLUMNS)}) "  # noqa: S608 - fixed names
            f"values {', '.join(one for _ in chunk)}",
            [v for row in chunk for v in row],
        )


def load(con) -> None:
    add_complaints(con, ROWS)
