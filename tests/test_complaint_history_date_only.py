"""A complaint's status history (the detail panel) shows a status recorded at a date-only stamp as that date
(SPEC §2: "A date-only stamp is kept as a date-only stamp, not as a precise midnight: it counts on its own date in
every reporting zone"). Before, the history read the stored midnight as a precise UTC time, so a reporting zone west
of UTC showed it on the day before (2026-03-02 -> "2026-03-01 19:00" in New York)."""

from __future__ import annotations

from datetime import datetime

from portal import complaints, db
from portal.auth import User
from portal.ingest import pipeline, registry
from portal.scope import Scope

KIND = registry.kind("complaints")
ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
NOW = datetime(2026, 6, 1)
HEADER = "source_id,received_at,channel,store_code,resolved_at,status"
WHEN = "Changed at (America/New_York time)"


def do_import(con, *lines: str, timezone: str = "Asia/Shanghai"):
    data = ("\n".join((HEADER, *lines)) + "\n").encode()
    options = pipeline.ImportOptions(now=NOW, timezone=timezone)
    prepared, result = pipeline.import_bytes(con, KIND, data, "export.csv", None, options, ADMIN)
    assert prepared.errors.empty, prepared.errors
    return result


def history(con, source_id: str) -> list[list[str]]:
    def run(name, params):
        return db.run_query(con, name, params, Scope.everything())

    [detail] = complaints.complaint_details(run, source_id, "en", "America/New_York")
    return detail.history[[WHEN, "Status"]].values.tolist()


def test_a_status_at_a_date_only_stamp_shows_on_its_own_date_in_every_zone(con):
    # D1: received on 2026-03-02 (a date), first seen open -> "open" at that date; D2 at a precise time (Shanghai
    # 09:30 = 01:30 UTC = 2026-03-01 20:30 in New York, EST UTC-5) stays a time
    do_import(con, "D1,2026-03-02,hotline,S001,,open", "D2,2026-03-02 09:30,hotline,S001,,open")
    assert history(con, "D1") == [["2026-03-02 (date only)", "Open"]]  # before: 2026-03-01 19:00
    assert history(con, "D2") == [["2026-03-01 20:30", "Open"]]
    # a re-import resolves D1 on 2026-03-04 (a date) and adds D3, received on 2026-03-05 (the stage's paths)
    do_import(con, "D1,2026-03-02,hotline,S001,2026-03-04,resolved", "D3,2026-03-05,hotline,S002,,open")
    assert history(con, "D1") == [["2026-03-02 (date only)", "Open"], ["2026-03-04 (date only)", "Resolved"]]
    assert history(con, "D3") == [["2026-03-05 (date only)", "Open"]]


def test_the_migration_marks_the_stored_changes_recorded_at_a_date_only_stamp(con):
    # a database before migration 031: M1 received on 2026-03-02 (date only), resolved 2026-03-04 10:00 (a time),
    # closed on 2026-03-05 (date only); its history: open at the received date, resolved at the time, closed at the
    # date, reopened at an import's time
    from portal.db import MIGRATIONS_DIR

    con.execute("alter table complaint_status_history drop column changed_date_only")
    con.execute(
        "insert into complaints (complaint_id, source, source_id, received_at, received_date_only, channel, "
        "resolved_at, closed_at, closed_date_only, status) values (1, 'test', 'M1', timestamp '2026-03-02', true, "
        "'hotline', timestamp '2026-03-04 10:00', timestamp '2026-03-05', true, 'reopened')"
    )
    con.execute(
        "insert into complaint_status_history (complaint_id, status, changed_at) values "
        "(1, 'open', timestamp '2026-03-02'), (1, 'resolved', timestamp '2026-03-04 10:00'), "
        "(1, 'closed', timestamp '2026-03-05'), (1, 'reopened', timestamp '2026-03-06 08:00')"
    )
    con.execute((MIGRATIONS_DIR / "031_status_history_date_only.sql").read_text(encoding="utf-8"))
    assert history(con, "M1") == [
        ["2026-03-02 (date only)", "Open"],
        ["2026-03-04 05:00", "Resolved"],  # 10:00 UTC = 05:00 EST (UTC-5; summer time from 2026-03-08)
        ["2026-03-05 (date only)", "Closed"],
        ["2026-03-06 03:00", "Reopened"],
    ]
