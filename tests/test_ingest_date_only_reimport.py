"""A later export that carries only dates (date-only stamps) for a complaint stored earlier with precise stamps:
the precise stamp is kept where the date falls on its local date in the import's zone (the same moment, said less
precisely); where it falls on another date, the new date is taken and a notice names the column and rows. Before,
the dates replaced the stored times silently: durations in hours became whole days, a 07:30 receipt became a date.

Every expected value is worked out by hand in the comments."""

from __future__ import annotations

from datetime import datetime

from portal.auth import User
from portal.ingest import pipeline, registry
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
NOW = datetime(2026, 6, 1)
HEADER = "source_id,received_at,channel,store_code,first_response_at,resolved_at"
NOTICE = "ingest.notice.precise_stamps_replaced"


def do_import(con, *lines: str, end: str = "\n"):
    data = ("\n".join((HEADER, *lines)) + end).encode()
    options = pipeline.ImportOptions(now=NOW, timezone="Asia/Shanghai")
    prepared, result = pipeline.import_bytes(con, KIND, data, "export.csv", None, options, ADMIN)
    assert prepared.errors.empty, prepared.errors
    return prepared, result


def stored(con) -> list[tuple]:
    return con.execute(
        "select source_id, received_at, received_date_only, first_response_at, first_response_date_only, "
        "resolved_at, resolved_date_only from complaints order by source_id"
    ).fetchall()


def test_a_date_only_export_keeps_the_precise_stamps_of_its_dates_and_names_the_others(con):
    # P1 received 2026-03-02 07:30 in Shanghai (UTC+8) = 2026-03-01 23:30 UTC: its local date is the 2nd, its UTC
    # date the 1st; answered 2026-03-02 09:00 (01:00 UTC), resolved 2026-03-03 18:00 (10:00 UTC)
    do_import(con, "P1,2026-03-02 07:30,hotline,S001,2026-03-02 09:00,2026-03-03 18:00")
    # the ticketing system's later export: dates only. Received and answered on the 2nd: the same local dates, the
    # stored times are kept. Resolved on the 5th: another date than the stored 3rd, taken, and said (row 2, P1)
    prepared, result = do_import(con, "P1,2026-03-02,hotline,S001,2026-03-02,2026-03-05")
    assert stored(con) == [
        (
            "P1",
            datetime(2026, 3, 1, 23, 30), False,  # before: 2026-03-02 00:00, date only
            datetime(2026, 3, 2, 1, 0), False,  # before: 2026-03-02 00:00, date only
            datetime(2026, 3, 5), True,  # a date, stored at its midnight
        )
    ]  # fmt: skip
    notes = [(v["column"], v["n"], str(v["rows"])) for k, v in prepared.notices if k == NOTICE]
    assert notes == [("resolved_at", 1, "2 (P1)")]
    # the same dates again (a blank line more: not the same file): the stored times stand for them, nothing
    # changes and nothing is said
    prepared, again = do_import(con, "P1,2026-03-02,hotline,S001,2026-03-02,2026-03-05", end="\n\n")
    assert (again.rows_updated, again.rows_unchanged) == (0, 1)
    assert not [k for k, _ in prepared.notices if k == NOTICE]
