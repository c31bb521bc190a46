"""kill -9 of the portal server during a web commit (issue 15 item 6), in Chromium: an admin uploads a file of
``N_ROWS`` complaints, checks it, clicks "Commit the import", and the server process is killed (SIGKILL) at
several moments: right after the click, while the commit runs, and after the page said it committed. After
each kill the server starts again over the same file: the database opens, every batch is all or nothing
(a batch in the list has all its rows, rows without their batch do not exist), and the Import history page
shows exactly the batches the database holds. The command line's kill -9 is in tests/test_faults.py."""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from datetime import date, timedelta

import duckdb
import pytest

from tests.browser.conftest import (
    _WATCH_SCRIPT_STATE,
    _free_port,
    choose,
    open_page,
    sign_in,
    start_portal,
    stop_portal,
    wait_idle,
)

N_ROWS = 2000
# seconds from the click to the kill; None: once the page shows "Batch n committed"
MOMENTS = (0.0, 0.6, None)


def _file(tmp_path, n: int):
    day = date.today() - timedelta(days=3)
    lines = ["Ticket No,Opened,Route,Shop,Handler"] + [
        f"KILL-{n}-{k},{day:%Y-%m-%d} 09:30,hotline,S00{k % 3 + 1},A001" for k in range(N_ROWS)
    ]
    path = tmp_path / f"kill_{n}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _state(db_path) -> tuple[dict[int, int], dict[int, int], int]:
    """(batch id -> rows_added of the committed batches, batch id -> rows stored, rows with no batch)."""
    con = duckdb.connect(str(db_path))  # opens (replays the write-ahead log) after the kill
    try:
        listed = dict(
            con.execute(
                "select batch_id, rows_added from import_batches where status = 'committed'"
            ).fetchall()
        )
        stored = dict(
            con.execute(
                "select batch_id, count(*) from complaints where source_id like 'KILL-%' group by 1"
            ).fetchall()
        )
        orphans = con.execute(
            "select count(*) from complaints c where source_id like 'KILL-%' "
            "and not exists (select 1 from import_batches b where b.batch_id = c.batch_id)"
        ).fetchone()[0]
        return listed, stored, orphans
    finally:
        con.close()


@pytest.mark.parametrize("chunked", [False, True], ids=["whole", "in_chunks"])
def test_kill_9_of_the_server_during_a_web_commit(browser, portal_db, tmp_path, monkeypatch, chunked):
    # in_chunks: the upload read in chunks (a file over PORTAL_IMPORT_STREAM_MB; here every file, 500 rows a
    # chunk), its valid rows in the session's spool until the commit; two of the moments
    moments = MOMENTS
    if chunked:
        monkeypatch.setenv("PORTAL_IMPORT_STREAM_MB", "0")  # the server started below inherits it
        monkeypatch.setenv("PORTAL_IMPORT_CHUNK_ROWS", "500")
        moments = (0.6, None)
    db_path = tmp_path / "kill.duckdb"
    shutil.copy(portal_db, db_path)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 - closed below
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.set_default_timeout(60_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()
    proc, _url = start_portal(db_path, log, port)
    outcomes = []
    try:
        sign_in(page, url, "admin")
        for n, moment in enumerate(moments):
            if n:  # the cookie signs the browser in again on the restarted server
                page.goto(url)
                page.locator("[data-testid='stSidebar'] button:has-text('Sign out')").first.wait_for()
                wait_idle(page)
            open_page(page, "Upload", "Upload")
            path = _file(tmp_path, n)
            page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
            page.get_by_text(re.compile(f"^{re.escape(path.name)}: ")).first.wait_for()
            if chunked:
                page.get_by_text(re.compile("checked in chunks of 500 rows")).first.wait_for()
            wait_idle(page)
            choose(page, "channel", "Route")
            wait_idle(page)
            page.get_by_role("button", name="Check the file").click()
            page.locator("button:has-text('Commit the import'):not([disabled])").wait_for()
            wait_idle(page)
            page.get_by_role("button", name="Commit the import").click()
            if moment is None:
                page.get_by_text(re.compile(r"Batch (\d+) committed")).first.wait_for()
            else:
                time.sleep(moment)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)

            listed, stored, orphans = _state(db_path)
            assert orphans == 0
            assert stored == {b: rows for b, rows in listed.items() if rows}  # all or nothing, per batch
            assert all(rows == N_ROWS for rows in stored.values())
            outcomes.append((moment, sum(stored.values()) // N_ROWS))
            if moment is None:
                assert outcomes[-1][1] == (outcomes[-2][1] if len(outcomes) > 1 else 0) + 1  # it was kept

            proc, _url = start_portal(db_path, log, port)  # the same file opens in the portal again
        page.goto(url)
        page.locator("[data-testid='stSidebar'] button:has-text('Sign out')").first.wait_for()
        open_page(page, "Import history", "Import history")
        page.locator("[data-testid='stSelectbox']").filter(has_text="Batch").first.click()
        options = page.get_by_role("option").all_inner_texts()
        shown = sorted(int(o.split(" · ")[0]) for o in options if "kill_" in o)
        proc.terminate()  # DuckDB: one process holds the file; read it once the server has stopped
        proc.wait(timeout=20)
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            in_db = [
                r[0]
                for r in con.execute(
                    "select batch_id from import_batches where file_name like 'kill_%' order by 1"
                ).fetchall()
            ]
        finally:
            con.close()
        assert shown == in_db  # the page's batch list is the database's (committed ones; no half batch)
        print("kill moments (seconds after the click; None: after the message) -> batches kept:", outcomes)
    finally:
        stop_portal(proc, timeout=20)
        log.close()
        context.close()
