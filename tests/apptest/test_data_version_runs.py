"""The data version is read once per script run (issue 14, ``ui.core.data_version``), never kept across runs: a
batch committed by another process (the command line: this process's ``writes.data_writes`` does not move)
shows on the next run of an open page. (Checked to fail with the memo kept for the process instead of the run.)"""

from __future__ import annotations

from portal import db
from portal.ingest import pipeline, registry
from portal.writes import imports as write_imports
from tests.apptest.conftest import ROLE_USERS, make_app


def complaint_rows(at) -> int:
    table = at.dataframe[0].value
    kinds = table.iloc[:, 0].tolist()
    return int(table.iloc[kinds.index("Complaints"), 1])


def test_a_batch_committed_elsewhere_shows_on_the_next_run(own_db, monkeypatch):
    at = make_app("admin").run()
    at.switch_page("pages/data_status.py").run()
    assert not at.exception, [e.value for e in at.exception]
    before = complaint_rows(at)
    at.run()
    assert complaint_rows(at) == before  # nothing new: the same figures

    written = write_imports.data_writes()
    data = b"source_id,received_at,channel,store_code\nCLI-1,2026-03-01 09:30,hotline,S001\n"
    con = db.connect(own_db)
    try:
        pipeline.import_bytes(
            con,
            registry.kind("complaints"),
            data,
            "cli.csv",
            None,
            pipeline.ImportOptions(),
            ROLE_USERS["admin"],
        )
    finally:
        con.close()
    # as if another process had committed it: this process's counter does not say so
    monkeypatch.setattr(write_imports, "_data_writes", written)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert complaint_rows(at) == before + 1
