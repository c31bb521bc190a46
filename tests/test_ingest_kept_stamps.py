"""A stored stamp a re-import keeps (the file has no such column, or its stamp was left out) that lies before the
received time the file gives (portal.ingest.complaints_kept; SPEC §4: "first_response_at and resolved_at not
before received_at (such a stamp is left out of the durations and reported)"): left out as the file's own would
be, and named in a notice. Before, the kept stamps gave negative durations (-3.0 h) and a met SLA.

Every expected number is worked out by hand in the comments.
"""

from __future__ import annotations

from datetime import date, datetime

from portal import complaints, kpi
from portal.auth import User
from portal.filters import Filters
from portal.ingest import pipeline, registry
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
NOW = datetime(2026, 6, 1)
FULL = "source_id,received_at,channel,store_code,first_response_at,resolved_at,status"
FIRST = [  # received 09:00, answered 10:00, N1 resolved 12:00 (UTC+8: 01:00, 02:00, 04:00 UTC)
    "N1,2026-03-02 09:00,hotline,S001,2026-03-02 10:00,2026-03-02 12:00,resolved",
    "N2,2026-03-02 09:00,hotline,S001,2026-03-02 10:00,,in progress",
]


def do_import(con, header: str, lines: list[str], timezone: str = "Asia/Shanghai"):
    data = ("\n".join((header, *lines)) + "\n").encode()
    options = pipeline.ImportOptions(now=NOW, timezone=timezone)
    return pipeline.import_bytes(con, KIND, data, "export.csv", None, options, ADMIN)


def stored(con) -> list[tuple]:
    return con.execute(
        "select source_id, status, received_at, first_response_at, first_response_left_out, resolved_at "
        "from complaints order by source_id"
    ).fetchall()


def figures(con):
    return complaints.figures(
        kpi.runner(con, Scope.everything()),
        Filters(start=date(2026, 3, 1), end=date(2026, 3, 8), timezone="Asia/Shanghai"),
        complaints.Targets(low_confidence_n=1),
        as_of=datetime(2026, 3, 20),
    ).summary


def kept_notes(prepared) -> dict:
    return {
        v["column"]: (v["n"], str(v["rows"]))
        for k, v in prepared.notices
        if k == "ingest.notice.stored_stamps_before_received"
    }


def test_a_received_time_corrected_later_leaves_the_stored_stamps_out(con):
    do_import(con, FULL, FIRST)
    # the same export with the received time corrected to 13:00 (05:00 UTC): the file's own stamps (10:00,
    # 12:00) are before it, left out, and the stored ones (02:00 and 04:00 UTC), which the import keeps for a
    # stamp left out, are before it too: left out as well. Before the fix: first response -3.0 h (10:00 - 13:00)
    # on n = 2, resolution -1.0 h on n = 1, SLA 2 of 2 met.
    prepared, result = do_import(con, FULL, [line.replace(" 09:00", " 13:00") for line in FIRST])
    assert result.rows_updated == 2
    assert stored(con) == [
        ("N1", "resolved", datetime(2026, 3, 2, 5), None, True, None),
        ("N2", "responded", datetime(2026, 3, 2, 5), None, True, None),
    ]
    s = figures(con)
    # no usable response or resolution time: no duration; both answered at a time nobody knows: neither part of
    # the SLA (elapsed 0)
    assert s["first_response_n"] == 0 and s["sla_elapsed_count"] == 0 and s["unanswered_count"] == 0
    assert s["complaint_count"] == 2
    assert kept_notes(prepared) == {
        "first_response_at": (2, "2 (N1), 3 (N2)"),
        "resolved_at": (1, "2 (N1)"),
    }


def test_a_status_only_export_read_in_another_zone_leaves_the_stored_stamps_out(con):
    do_import(con, FULL, FIRST)
    # a status-only export of the same tickets read as UTC: received 09:00 UTC, 8 h later than stored (01:00
    # UTC); the stored first responses (02:00 UTC) and N1's resolution (04:00 UTC) are kept by a file without
    # those columns, and lie before it: left out (before the fix: -7.0 h and -5.0 h)
    prepared, result = do_import(
        con,
        "source_id,received_at,channel,store_code,status",
        ["N1,2026-03-02 09:00,hotline,S001,resolved", "N2,2026-03-02 09:00,hotline,S001,in progress"],
        timezone="UTC",
    )
    assert result.rows_updated == 2
    assert kept_notes(prepared) == {
        "First response (date and time)": (2, "2 (N1), 3 (N2)"),
        "Resolved (date and time)": (1, "2 (N1)"),
    }
    assert stored(con) == [
        ("N1", "resolved", datetime(2026, 3, 2, 9), None, True, None),
        ("N2", "responded", datetime(2026, 3, 2, 9), None, True, None),
    ]
    assert figures(con)["first_response_n"] == 0


def test_stored_stamps_at_or_after_the_new_received_time_are_kept(con):
    # K1: answered on 03-02 (a date-only stamp); K2: answered 03-02 15:00 (07:00 UTC)
    do_import(
        con,
        "source_id,received_at,channel,store_code,first_response_at",
        ["K1,2026-03-02 09:00,hotline,S001,2026-03-02", "K2,2026-03-02 09:00,hotline,S001,2026-03-02 15:00"],
    )
    # received corrected to 13:00, status only: K1's answer is on the same date (a date-only stamp is compared on
    # the date: not before), K2's 15:00 is after 13:00: both kept, no notice
    prepared, _ = do_import(
        con,
        "source_id,received_at,channel,store_code,status",
        ["K1,2026-03-02 13:00,hotline,S001,responded", "K2,2026-03-02 13:00,hotline,S001,responded"],
    )
    assert kept_notes(prepared) == {}
    got = con.execute(
        "select source_id, first_response_at, first_response_date_only, first_response_left_out "
        "from complaints order by source_id"
    ).fetchall()
    assert got == [
        ("K1", datetime(2026, 3, 2), True, False),
        ("K2", datetime(2026, 3, 2, 7), False, False),
    ]
