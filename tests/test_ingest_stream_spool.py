"""The chunked import's spool and keys (split from tests/test_ingest_stream.py, unchanged): each chunk's rows kept in
a file with the declared types, two spools of one connection apart, repeated keys found in Arrow across the parts,
and the chunks' keys dropped before the commit."""

from __future__ import annotations

from portal import db
from portal.ingest import registry, stream
from tests import fixtures
from tests.test_ingest_stream import messy_csv


def test_the_spool_keeps_each_chunks_rows_in_a_file_with_the_declared_types(tmp_path):
    """Issue 14 (import by columns): each chunk's rows were inserted into a temporary table (2-3 s of a 1M-row
    import, spilling to disk past DuckDB's limit); they are written as a Parquet file of the spool's own folder,
    cast to the columns ``complaints_spool_create`` declares, and read back as ``ingest_rows`` in one relation
    (a column blank in one chunk and not in another keeps its type); the files go with the spool."""
    from datetime import datetime

    import pandas as pd

    from portal.ingest import complaints

    con = fixtures.build_fixture_db(tmp_path / "spool.duckdb")
    kind = registry.kind("complaints")
    spool = stream.Spool(con, kind)
    assert spool.held.execute("select count(*) from ingest_rows").fetchone() == (0,)  # no chunk yet
    for first, status in ((2, None), (4, "closed")):
        rows = pd.DataFrame(
            {
                "source": ["crm", "crm"],
                "source_id": [f"T-{first}", f"T-{first + 1}"],
                "received_at": pd.to_datetime(["2026-03-01 09:00", "2026-03-02 10:30"]).as_unit("us"),
                "status_given": [status, None],
                "reopen_count": pd.array([None, 2], dtype="Int64"),
            },
            index=[first, first + 1],
        )
        spool.add_rows(complaints._rows_frame(rows))
    assert sorted(p.name for p in spool.folder.iterdir()) == [
        "chunk_00000.parquet",
        "chunk_00001.parquet",
        "owner.lock",
    ]
    types = dict(spool.held.execute("select column_name, column_type from (describe ingest_rows)").fetchall())
    assert (types["row_no"], types["received_at"], types["status_given"], types["reopen_count"]) == (
        "BIGINT",
        "TIMESTAMP",
        "VARCHAR",
        "BIGINT",
    )
    assert spool.held.execute(
        "select row_no, source_id, received_at, status_given, reopen_count, received_date_only "
        "from ingest_rows order by row_no"
    ).fetchall() == [
        (2, "T-2", datetime(2026, 3, 1, 9), None, None, False),
        (3, "T-3", datetime(2026, 3, 2, 10, 30), None, 2, False),
        (4, "T-4", datetime(2026, 3, 1, 9), "closed", None, False),
        (5, "T-5", datetime(2026, 3, 2, 10, 30), None, 2, False),
    ]
    folder = spool.folder
    spool.close()
    assert not folder.exists()
    con.close()


def test_two_spools_of_one_connection_each_read_their_own_rows_and_leave_no_view(tmp_path):
    """Review of the Parquet spool: ``ingest_rows`` was made with ``create_view``, a view in the database file
    itself (not the held cursor's): two uploads checked at once on the server's one connection shared it, and the
    first one's commit stored the second's rows under its batch; the view also stayed in the file after the
    import. Each spool's rows are now registered on its own cursor."""
    import pandas as pd

    from portal.ingest import complaints

    con = fixtures.build_fixture_db(tmp_path / "two.duckdb")
    kind = registry.kind("complaints")
    alice, bob = stream.Spool(con, kind), stream.Spool(con, kind)
    for spool, name, n in ((alice, "ALICE", 3), (bob, "BOB", 2)):
        rows = pd.DataFrame(
            {
                "source": ["crm"] * n,
                "source_id": [f"{name}-{i}" for i in range(n)],
                "received_at": pd.to_datetime(["2026-03-01 09:00"] * n).as_unit("us"),
            },
            index=range(2, 2 + n),
        )
        spool.add_rows(complaints._rows_frame(rows))
    assert alice.held.execute("select source_id from ingest_rows order by 1").fetchall() == [
        ("ALICE-0",),
        ("ALICE-1",),
        ("ALICE-2",),
    ]
    assert bob.held.execute("select source_id from ingest_rows order by 1").fetchall() == [
        ("BOB-0",),
        ("BOB-1",),
    ]
    alice.close()
    bob.close()
    assert con.execute("select count(*) from duckdb_views() where view_name = 'ingest_rows'").fetchone() == (
        0,
    )
    con.close()


def test_repeated_keys_are_found_in_arrow_by_every_part(tmp_path, monkeypatch):
    """Issue 14 (import by columns): the keys of each chunk were joined as pandas text and handed to DuckDB as a
    frame of Python strings (read a cell at a time: ~0.3 s of CPU a million rows); they are built and handed
    over in Arrow. A key is repeated only when every part is equal, whatever the parts hold (the separators, text
    beyond ASCII), and the row named is the file's first with it."""
    import pandas as pd
    import pyarrow as pa

    con = fixtures.build_fixture_db(tmp_path / "keys.duckdb")
    spool = stream.Spool(con, registry.kind("complaints"))
    handed: list[type] = []
    register = spool.held.register

    def spy(name, relation):
        handed.append(type(relation))
        return register(name, relation)

    monkeypatch.setattr(spool.held, "register", spy)
    first = pd.DataFrame(
        {"source": ["crm", "crm|1:x", "crm"], "source_id": ["1:x", "y", "中文|2"]}, index=[2, 3, 4]
    )
    later = pd.DataFrame(
        {
            "source": ["crm", "crm|1:x", "crm", "crm", "crm"],
            "source_id": ["1:x", "y", "中文|2", "中文", "1:x"],
        },
        index=[5, 6, 7, 8, 9],
    )
    assert spool.repeated_keys(first).empty
    assert spool.repeated_keys(later).to_dict() == {5: 2, 6: 3, 7: 4, 9: 2}
    assert handed == [pa.Table, pa.Table]
    spool.close()
    con.close()


def test_the_keys_of_the_chunks_are_dropped_before_the_commit(tmp_path):
    """Issue 14 (an import under 700 MB): every row's key waits in the spool's temporary table while the chunks
    are read, to find a key repeated across them; the commit reads the rows, not the keys, so the table is
    dropped once the last chunk is read (it held 13 MB of the commit's memory for the messy bench export). The
    repeated key is still named, and the rows commit."""
    from portal.auth import User
    from portal.ingest import pipeline
    from portal.scope import Scope

    admin = User("t_admin", "Test Admin", ("admin",), Scope.everything())
    path = tmp_path / "own.duckdb"
    fixtures.build_fixture_db(path).close()
    csv_path = tmp_path / "upload.csv"
    lines = messy_csv(30).splitlines()
    csv_path.write_text(
        "\n".join([*lines, lines[1]]) + "\n", encoding="utf-8"
    )  # the first row again at the end
    kind = registry.kind("complaints")
    picks = {"source_id": "Ticket No", "received_at": "Opened", "channel": "Via", "category": "Category"}
    options = pipeline.ImportOptions(timezone="Europe/Berlin", skip_invalid=True)
    con = db.connect(path)
    try:
        prepared = stream.prepare(con, kind, stream.open_csv(csv_path, 200, rows=9), picks, options, admin)
        try:
            spool_tables = "select table_name from duckdb_tables() where table_name like 'ingest_spool_%'"
            assert [r[0] for r in prepared.staged.held.execute(spool_tables).fetchall()] == [
                "ingest_spool_rows"
            ]
            repeated = prepared.errors[prepared.errors["reason"] == "ingest.error.duplicate"]
            assert prepared.values.index.max() in set(repeated["row"])  # the last row: the first one's key
            result = pipeline.commit(con, prepared, admin)
        finally:
            prepared.staged.close()
        assert (
            result.rows_skipped == prepared.n_invalid > 1
            and result.rows_added == prepared.n_rows - prepared.n_invalid
        )
    finally:
        con.close()
