"""A complaint file of new keys only is inserted straight from its rows (queries/writes/complaints_insert_new.sql,
issue 14), not through the stage: every stored column, the status history and what the command line says are
those of the stage's way (complaints_stage + complaints_insert), read whole or in chunks, for files carrying
every column and files carrying few (each ``$has_*`` flag both ways); ids follow the file's row order."""

from __future__ import annotations

import shutil
from contextlib import closing

import numpy as np
import pandas as pd
import pytest

from portal import cli, db
from portal.auth import User
from portal.ingest import complaints
from portal.ingest.core import CommitContext, ImportOptions
from portal.scope import Scope
from tests import fixtures

HEADER = "Ticket,Opened,Status,Reopens,Via,Shop,Handler,Replied,Resolved,Closed,CSAT,Category,Severity"
ROWS = [
    # a plain one, and one each side of midnight on the day S002 moves to region R2 (its region by received date)
    "T-1,2026-03-02 09:00,,,hotline,S001,A001,2026-03-02 10:00,2026-03-03 10:00,2026-03-04 10:00,5,refund,high",
    "T-2,2026-03-09 23:30,,,web,S002,A002,,,,,delivery late,",
    "T-3,2026-03-10 00:30,,,web,S002,A002,2026-03-10 08:00,,,4,产品质量,low",
    # a status given: reopened (no count), cancelled with a close stamp, closed without one, open with stamps
    "T-4,2026-03-03 09:00,reopened,,fax,S003,A003,2026-03-03 09:30,2026-03-04 09:00,,3,other stuff,urgent",
    "T-5,2026-03-03 10:00,cancelled,,Phone,S001,A004,,,2026-03-05 10:00,,refund,",
    "T-6,2026-03-03 11:00,closed,2,hotline,S001,A001,,,,2,refund,normal",
    "T-7,2026-03-03 12:00,open,,hotline,S002,,2026-03-03 13:00,,,1,delivery late,minor",
    # stamps left out: a reply before the complaint, an unreadable one, a resolution in the future
    "T-8,2026-03-04 09:00,,,hotline,S001,A001,2026-03-04 08:00,2026-03-05 09:00,,5,refund,",
    "T-9,2026-03-04 09:00,,1,app,S003,A003,soon,,,,refund,",
    "T-10,2026-03-04 09:00,,,email,S001,A002,2026-03-04 10:00,2099-01-01 10:00,,,refund,",
    # date-only stamps, a store and an agent the import adds, no store at all
    "T-11,2026-03-05,,,hotline,S001,A001,2026-03-06,,,,refund,",
    "T-12,2026-03-05 09:00,,,hotline,S777,A777,,,,,refund,",
    "T-13,2026-03-05 09:00,,,hotline,,A001,,,,,refund,",
    "T-14,2026-03-06 09:00,re-opened,3,weird-channel,S001,A001,2026-03-06 10:00,2026-03-06 11:00,2026-03-06 12:00,,x,",
]
COLUMNS = {  # field -> the file's column
    "source_id": "Ticket",
    "received_at": "Opened",
    "status": "Status",
    "reopen_count": "Reopens",
    "channel": "Via",
    "store_code": "Shop",
    "agent_code": "Handler",
    "first_response_at": "Replied",
    "resolved_at": "Resolved",
    "closed_at": "Closed",
    "post_resolution_csat": "CSAT",
    "category": "Category",
    "severity": "Severity",
}
CARRIED = {  # which of the file's columns an export carries
    "every_column": list(COLUMNS),
    "no_status_columns": [f for f in COLUMNS if f not in ("status", "reopen_count")],
    "id_and_time_only": ["source_id", "received_at"],
    "status_no_stamps": ["source_id", "received_at", "status", "store_code", "channel"],
    "stamps_no_store": [
        "source_id",
        "received_at",
        "first_response_at",
        "resolved_at",
        "closed_at",
        "agent_code",
    ],
}
TABLES = {  # all but the moments of the import itself (the batch's time stands in as "batch")
    "complaints": "select * exclude (created_at, updated_at) from complaints order by complaint_id",
    "complaint_status_history": "select h.complaint_id, h.status, case when h.changed_at = b.created_at "
    "then 'batch' else h.changed_at::varchar end, h.changed_date_only, h.batch_id from complaint_status_history as h "
    "join import_batches as b using (batch_id) order by all",
    "stores": "select store_code, region_id from stores order by all",
}


def _csv(fields: list[str]) -> str:
    header = HEADER.split(",")
    keep = [header.index(COLUMNS[f]) for f in fields]
    lines = [HEADER, *ROWS]
    return "\n".join(",".join(line.split(",")[i] for i in keep) for line in lines) + "\n"


@pytest.fixture
def base(tmp_path, monkeypatch):
    path = tmp_path / "base.duckdb"
    con = fixtures.build_fixture_db(path)
    # S002 moves to region R2 on 10 March 2026 (a complaint's region is its store's on its received date)
    con.execute("update store_region_history set valid_to = '2026-03-10' where store_id = 2")
    con.execute(
        "insert into store_region_history (store_id, region_id, valid_from) values (2, 2, '2026-03-10')"
    )
    con.close()
    monkeypatch.setenv("USER", "t_insert_new")
    return path


def _import(path, csv_path, fields, monkeypatch, capsys, *, chunked=False):
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_IMPORT_STREAM_MB", "0" if chunked else "100000")
    monkeypatch.setenv("PORTAL_IMPORT_CHUNK_ROWS", "4")
    args = [arg for f in fields for arg in ("--map", f"{f}={COLUMNS[f]}")]
    args += ["--skip-invalid", "--add-missing", "--timezone", "Asia/Shanghai"]
    capsys.readouterr()
    code = cli.main(["import", "complaints", str(csv_path), *args])
    out, err = capsys.readouterr()
    con = db.connect(path)
    try:
        state = {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        con.close()
    said = sorted(line for line in out.splitlines() if not line.startswith("Read in chunks of"))
    return code, said, err, state


def _staged_way(monkeypatch):
    """Every file through the stage, as before complaints_insert_new (the reference)."""
    monkeypatch.setattr(complaints, "_insert_new", lambda ctx, flags: None)


@pytest.mark.parametrize("carried", sorted(CARRIED))
def test_new_keys_store_what_the_stage_stores(carried, base, tmp_path, monkeypatch, capsys):
    fields = CARRIED[carried]
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(_csv(fields), encoding="utf-8")
    used = []
    real = complaints._insert_new
    monkeypatch.setattr(complaints, "_insert_new", lambda ctx, flags: used.append(1) or real(ctx, flags))
    got = {}
    for way in ("whole", "chunks"):
        path = tmp_path / f"{way}.duckdb"
        shutil.copyfile(base, path)
        got[way] = _import(path, csv_path, fields, monkeypatch, capsys, chunked=way == "chunks")
    assert used == [1, 1]  # both took the new way and wrote through it
    _staged_way(monkeypatch)
    path = tmp_path / "staged.duckdb"
    shutil.copyfile(base, path)
    staged = _import(path, csv_path, fields, monkeypatch, capsys)
    assert staged[0] == 0 and len(staged[3]["complaints"]) >= 13
    assert got["whole"] == staged
    assert got["chunks"] == staged
    ids = [row[0] for row in staged[3]["complaints"]]
    tickets = [row[2] for row in staged[3]["complaints"]]
    assert ids == list(range(ids[0], ids[0] + len(ids)))  # one run of ids ...
    assert tickets == sorted(tickets, key=lambda t: int(t.split("-")[1]))  # ... in the file's order


def test_the_file_says_what_the_new_way_is_checked_on(base, tmp_path, monkeypatch, capsys):
    """The rows above hold what the comparison is about (else it proves little)."""
    fields = CARRIED["every_column"]
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(_csv(fields), encoding="utf-8")
    code, said, _err, state = _import(base, csv_path, fields, monkeypatch, capsys)
    assert code == 0
    by_ticket = {row[2]: row for row in state["complaints"]}
    with closing(db.connect(base)) as con:
        columns = [r[0] for r in con.execute("describe complaints").fetchall()]
    col = {name: i for i, name in enumerate(c for c in columns if c not in ("created_at", "updated_at"))}
    assert by_ticket["T-2"][col["region_id"]] == 1 and by_ticket["T-3"][col["region_id"]] == 2  # S002 moved
    assert by_ticket["T-4"][col["status"]] == "reopened" and by_ticket["T-4"][col["reopen_count"]] == 1
    assert by_ticket["T-6"][col["reopen_count"]] == 2
    assert by_ticket["T-8"][col["first_response_left_out"]] is True
    assert by_ticket["T-9"][col["first_response_left_out"]] is True
    assert by_ticket["T-10"][col["resolved_at"]] is None and by_ticket["T-10"][col["status"]] == "resolved"
    assert by_ticket["T-11"][col["received_date_only"]] is True
    assert by_ticket["T-12"][col["store_id"]] is not None and by_ticket["T-13"][col["store_id"]] is None
    assert any("added" in line and "14 added" in line for line in said)


def test_a_file_with_a_stored_key_goes_through_the_stage(base, tmp_path, monkeypatch, capsys):
    fields = CARRIED["every_column"]
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(_csv(fields).replace("T-14,", "T-15,"), encoding="utf-8")
    lines = _csv(fields).splitlines()
    second.write_text(
        "\n".join([lines[0], lines[1], lines[-1]]) + "\n", encoding="utf-8"
    )  # T-1 stored, T-14 new
    _import(base, first, fields, monkeypatch, capsys)
    staged = []
    real = complaints._insert_new
    monkeypatch.setattr(complaints, "_insert_new", lambda ctx, flags: staged.append(real(ctx, flags)) or None)
    code, said, _err, state = _import(base, second, fields, monkeypatch, capsys)
    assert code == 0 and staged == [None]
    assert any("1 added, 0 updated, 1 unchanged" in line for line in said)
    assert len(state["complaints"]) == 15


def test_ids_taken_meanwhile_send_the_file_through_the_stage(base, tmp_path, monkeypatch, capsys):
    """The block of ids is one run unless another insert took ids between them: then the stage numbers the rows."""
    fields = CARRIED["every_column"]
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(_csv(fields), encoding="utf-8")
    path = tmp_path / "staged.duckdb"
    shutil.copyfile(base, path)
    real_run = CommitContext.run

    def run(self, name, params=None):
        if name == "complaints_reserve_ids":  # another insert's id lands inside the block
            self.cur.execute("select nextval('seq_complaint_id')")
            got = real_run(self, name, params).fetchall()
            first, last, n = got[0]
            return type("Result", (), {"fetchone": lambda _self: (first, last + 1, n)})()
        return real_run(self, name, params)

    monkeypatch.setattr(CommitContext, "run", run)
    inserted = []
    monkeypatch.setattr(complaints.writes, "run", _spy(complaints.writes.run, inserted))
    code, said, _err, state = _import(path, csv_path, fields, monkeypatch, capsys)
    assert code == 0 and "complaints_insert_new" not in inserted and "complaints_stage" in inserted
    assert len(state["complaints"]) == 14
    assert len({r[0] for r in state["complaints"]}) == 14  # every row its own id, through the stage


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12"])
def test_a_region_by_the_received_date_in_zones_either_side_of_utc(zone, base, tmp_path, monkeypatch, capsys):
    """complaints_insert_new lists each store's days from its rows' UTC dates and the days either side (a stamp's
    date in the reporting zone is within a day of its UTC date), turning each row's stamp into its date once: in
    zones ahead of UTC and behind it (a local date after or before the UTC one), the rows either side of S002's
    move (one stamped at local midnight itself) keep the regions the stage's way gives. The date-only rows are on
    another store, so that S002's days come from its stamps alone and each zone needs its own shift."""
    rows = [
        "T-1,2026-03-09 23:30,S002",
        "T-2,2026-03-10 00:00,S002",
        "T-3,2026-03-10,S001",
        "T-4,2026-03-09,S001",
        "T-5,2026-03-10 12:00,S001",
    ]
    csv_path = tmp_path / "export.csv"
    csv_path.write_text("Ticket,Opened,Shop\n" + "\n".join(rows) + "\n", encoding="utf-8")
    fields = ["source_id", "received_at", "store_code"]
    con = db.connect(base)
    con.execute("insert into settings (key, value) values ('report_timezone', to_json(?::varchar))", [zone])
    con.close()
    monkeypatch.setattr(cli, "main", _in_zone(cli.main, zone))
    got = {}
    for way in ("new", "staged"):
        if way == "staged":
            _staged_way(monkeypatch)
        path = tmp_path / f"{way}.duckdb"
        shutil.copyfile(base, path)
        got[way] = _import(path, csv_path, fields, monkeypatch, capsys)
    assert got["new"] == got["staged"]
    with closing(db.connect(base)) as con:
        columns = [r[0] for r in con.execute("describe complaints").fetchall()]
    col = {name: i for i, name in enumerate(c for c in columns if c not in ("created_at", "updated_at"))}
    regions = {row[col["source_id"]]: row[col["region_id"]] for row in got["new"][3]["complaints"]}
    assert regions == {"T-1": 1, "T-2": 2, "T-3": 1, "T-4": 1, "T-5": 1}


def _in_zone(main, zone):
    """cli.main with the import's stamps read in ``zone`` (``_import`` passes Asia/Shanghai)."""

    def run(args):
        return main([zone if a == "Asia/Shanghai" else a for a in args])

    return run


def _spy(real, names):
    def run(cur, name, params=None):
        names.append(name)
        return real(cur, name, params)

    return run


def test_ids_follow_the_files_rows_when_duckdb_inserts_in_parallel(con):
    """150,000 new rows committed with DuckDB's own memory (the Upload page's way): ids in row order. Before, the
    insert sorted by row (``order by row_no``) and DuckDB's parallel insert still numbered its row groups out of
    file order (14 rows whose id did not follow the row before's, at 150,000 rows; none below one row group)."""
    n = 150_000
    rows = pd.DataFrame(
        {
            "source": "t",
            "source_id": [f"K{i}" for i in range(n)],
            "received_at": pd.Timestamp("2026-01-01") + pd.to_timedelta(np.arange(n), unit="s"),
            "received_at_date_only": False,
        },
        index=pd.RangeIndex(2, n + 2),
    )
    cur = con.cursor()
    cur.execute("begin transaction")
    batch_id, batched_at = cur.execute(
        "insert into import_batches (kind, created_at) values ('complaints', current_timestamp) "
        "returning batch_id, created_at"
    ).fetchone()
    user = User("t_insert_new", "T", ("admin",), Scope.everything())
    present = frozenset({"source_id", "received_at"})
    ctx = CommitContext(
        cur, batch_id, rows, present, ImportOptions(), user, batched_at, False, complaints.KIND
    )
    assert complaints.commit_rows(cur, ctx).added == n
    cur.execute("commit")
    out_of_order = con.execute(
        "select count(*) filter (where step <> 1) from (select complaint_id - lag(complaint_id) over "
        "(order by cast(substr(source_id, 2) as bigint)) as step from complaints)"
    ).fetchone()[0]
    assert out_of_order == 0


def test_a_chunked_file_with_skipped_rows_takes_one_run_of_ids_and_its_undo_removes_exactly_it(
    base, tmp_path, monkeypatch, capsys
):
    """Rows left out by the checks (an unreadable received time) and a key repeated in a later chunk do not reach
    the spool, so the rows' places stay 0 .. n - 1 and their ids one run in file order; undoing the batch leaves
    the tables as they were before it (the review's case; it was checked by hand through the command line)."""
    fields = list(COLUMNS)
    lines = _csv(fields).splitlines()
    bad = "T-15,not a time,,,hotline,S001,A001,,,,,refund,"
    text = "\n".join([*lines[:4], bad, *lines[4:], lines[1]]) + "\n"  # T-1 again, in the last chunk
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(text, encoding="utf-8")
    con = db.connect(base)
    before = {name: con.execute(sql).fetchall() for name, sql in TABLES.items() if name != "stores"}
    con.close()
    used = []
    real = complaints._insert_new
    monkeypatch.setattr(
        complaints, "_insert_new", lambda ctx, flags: used.append(real(ctx, flags)) or used[-1]
    )
    code, said, _err, state = _import(base, csv_path, fields, monkeypatch, capsys, chunked=True)
    assert code == 0 and used == [14]  # the 14 good rows, through the new way
    ids = [row[0] for row in state["complaints"]]
    tickets = [row[2] for row in state["complaints"]]
    assert ids == list(range(ids[0], ids[0] + 14))
    assert tickets == [f"T-{i}" for i in range(1, 15)]
    capsys.readouterr()
    assert cli.main(["batches", "undo", "1"]) == 0, capsys.readouterr()
    con = db.connect(base)
    after = {name: con.execute(sql).fetchall() for name, sql in TABLES.items() if name != "stores"}
    con.close()
    assert after == before and before["complaints"] == []
