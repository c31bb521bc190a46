"""The import spool's folder (``portal.ingest.stream.Spool``): each chunk's rows in a Parquet file of a folder
``portal-spool-<pid>-…`` in the temporary folder, locked by its owner while it lives and swept once nobody holds
it."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time

import pytest

from portal.ingest import registry, spool, stream
from tests import fixtures
from tests.test_ingest_stream import MAP, _run, _state, messy_csv

HOLDER = (  # a process that locks a spool folder's lock file as its owner does, says so, and lives on
    "import fcntl, os, sys, time\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


def _gone_pid() -> int:
    """The id of a process that has ended (as an owner in another PID namespace looks from here)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(done.stdout)


def _spool_folder(parent, pid: int, name: str):
    folder = parent / f"{stream.SPOOL_PREFIX}{pid}-{name}"
    folder.mkdir()
    (folder / "chunk_00000.parquet").write_bytes(b"x")
    return folder


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(spool.tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_a_live_spool_is_kept_whatever_its_pid_says_and_a_dead_ones_is_swept(temp_dir):
    """Review: the sweep asked ``os.kill(pid, 0)`` of the pid in a folder's name; an import on a server in another
    container sharing /tmp has a pid this PID namespace does not know, and its live spool (checked, not yet
    committed) was deleted. The sweep now removes a folder only when it takes its lock file's lock without
    waiting: a live owner's folder stays (here: a holder process, and this process itself, both behind a pid
    that is gone), and once the holder is killed its folder goes."""
    gone = _gone_pid()
    elsewhere = _spool_folder(temp_dir, gone, "elsewhere")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(elsewhere / stream.SPOOL_LOCK)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        here = _spool_folder(temp_dir, gone, "here")
        held_here = os.open(here / stream.SPOOL_LOCK, os.O_RDWR | os.O_CREAT)
        fcntl.flock(held_here, fcntl.LOCK_EX)
        dead = _spool_folder(temp_dir, os.getpid(), "dead")  # its owner let go (an unlocked lock file)
        (dead / stream.SPOOL_LOCK).write_bytes(b"")
        stream.sweep_spools()
        assert (elsewhere.exists(), here.exists(), dead.exists()) == (True, True, False)
        os.close(held_here)
    finally:
        holder.kill()
        holder.wait()
    stream.sweep_spools()
    assert (elsewhere.exists(), here.exists()) == (False, False)


def test_a_folder_without_a_lock_file_goes_only_once_it_is_a_day_old(temp_dir):
    """A folder without a lock file (a portal before the locks, or an import killed as it made its folder) is
    nobody's only when it is old: one just made is an owner about to lock it."""
    young = _spool_folder(temp_dir, _gone_pid(), "young")
    old = _spool_folder(temp_dir, _gone_pid(), "old")
    day_ago = time.time() - stream.UNLOCKED_STALE_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    other = temp_dir / "portal-spool-notapid"
    other.mkdir()
    stream.sweep_spools()
    assert (young.exists(), old.exists(), other.exists()) == (True, False, True)


def test_a_spools_folder_is_locked_while_it_lives_and_swept_by_no_one(temp_dir):
    """The spool holds its folder's lock from the start: another spool's sweep (this process's or another's)
    leaves it, and its close() removes the folder."""
    con = fixtures.build_fixture_db(temp_dir / "sweep.duckdb")
    kind = registry.kind("complaints")
    first = stream.Spool(con, kind)
    assert first.folder.parent == temp_dir and first.folder.name.startswith(f"portal-spool-{os.getpid()}-")
    probe = os.open(first.folder / stream.SPOOL_LOCK, os.O_RDONLY)
    with pytest.raises(BlockingIOError):
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.close(probe)
    second = stream.Spool(con, kind)  # sweeps first
    assert first.folder.exists()
    first.close()
    second.close()
    assert not first.folder.exists() and not second.folder.exists()
    con.close()


ENOSPC = "No space left on device"


def _full(*_args, **_kwargs):
    raise OSError(28, ENOSPC)


def test_a_full_temporary_folder_is_said_by_the_command_line_not_the_databases_disk(
    temp_dir, monkeypatch, capsys
):
    """Review: a chunk's Parquet file written to a full temporary folder (OSError 28) reached ``cli.main``, which
    said "the database … could not be written: the disk is full". The spool refuses naming its folder; exit 3."""
    path = temp_dir / "full.duckdb"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("USER", "t_stream")
    csv_path = temp_dir / "export.csv"
    csv_path.write_text(messy_csv(), encoding="utf-8")
    monkeypatch.setattr(spool.parquet, "write_table", _full)
    code, _, err = _run(path, csv_path, [*MAP, "--skip-invalid"], monkeypatch, capsys, chunked=True)
    assert code == 3
    assert err.splitlines() == [
        f"error: The server's temporary folder {temp_dir} is full or cannot be written ({ENOSPC}); nothing was "
        "written."
    ]
    assert _state(path)["import_batches"] == []
    assert list(temp_dir.glob("portal-spool-*")) == []  # the spool closed


def test_a_temporary_folder_that_cannot_hold_a_spool_is_named(tmp_path, monkeypatch):
    """The spool's folder cannot be made (here: the temporary folder is a file): the same refusal, in both
    languages."""
    from portal.i18n import t

    con = fixtures.build_fixture_db(tmp_path / "db.duckdb")
    not_a_folder = tmp_path / "tmp"
    not_a_folder.write_text("")
    monkeypatch.setattr(spool.tempfile, "tempdir", str(not_a_folder))
    with pytest.raises(stream.SpoolFailed) as refused:
        stream.Spool(con, registry.kind("complaints"))
    con.close()
    assert str(refused.value) == (
        f"The server's temporary folder {not_a_folder} is full or cannot be written (Not a directory); nothing was "
        "written."
    )
    assert t(refused.value.reason, "zh", **refused.value.values) == (
        f"服务器的临时文件夹 {not_a_folder} 已满或无法写入(Not a directory)；未写入任何数据。"
    )


def test_a_spool_file_removed_before_the_commit_asks_to_check_the_file_again(temp_dir, monkeypatch):
    """A spool file gone at the commit (removed by hand or by a sweep) made DuckDB's read fail inside the commit,
    said as "The database could not write this import": the commit now refuses before it writes, naming the
    temporary folder, and asks for the file to be checked again."""
    from portal.auth import User
    from portal.ingest import pipeline
    from portal.scope import Scope

    monkeypatch.setenv("PORTAL_IMPORT_CHUNK_ROWS", "9")
    csv_path = temp_dir / "export.csv"
    csv_path.write_text(messy_csv(), encoding="utf-8")
    con = fixtures.build_fixture_db(temp_dir / "gone.duckdb")
    kind = registry.kind("complaints")
    chunks = stream.open_csv(csv_path, 100)
    chosen = {"source_id": "Ticket No", "received_at": "Opened", "channel": "Via"}
    options = pipeline.ImportOptions(timezone="Europe/Berlin", skip_invalid=True)
    user = User("t_admin", "T", ("admin",), Scope.everything())
    prepared = stream.prepare(con, kind, chunks, chosen, options, user, limit_memory=False)
    try:
        prepared.staged.files[1].unlink()
        with pytest.raises(pipeline.NothingWritten) as refused:
            pipeline.commit(con, prepared, user)
        assert refused.value.reason == "ingest.spool_gone"
        assert str(refused.value) == (
            f"The checked rows waiting in the server's temporary folder {temp_dir} are gone (removed meanwhile); "
            "nothing was written. Check the file again."
        )
        assert con.execute("select count(*) from import_batches").fetchone() == (0,)
    finally:
        prepared.staged.close()
        con.close()


def test_a_spool_dropped_unclosed_takes_its_folder_with_it(temp_dir):
    """Review: a spool dropped without close() (an Upload-page session ending between Check and Commit) kept its
    Parquet folder for the server's whole life (the sweep leaves a live process's folders). It goes when the spool
    is collected, as an upload's copy does."""
    import gc

    import pandas as pd

    from portal.ingest import complaints

    con = fixtures.build_fixture_db(temp_dir / "drop.duckdb")
    dropped = stream.Spool(con, registry.kind("complaints"))
    rows = pd.DataFrame(
        {"source_id": ["a"], "received_at": pd.to_datetime(["2026-01-01"]).as_unit("us")}, index=[2]
    )
    dropped.add_rows(complaints._rows_frame(rows))
    folder = dropped.folder
    assert (folder / "chunk_00000.parquet").exists()
    del dropped
    gc.collect()
    assert not folder.exists()
    con.close()


def test_a_spool_file_keeps_its_text_columns_only_in_a_dictionary(temp_dir):
    """Issue 14: a dictionary of each chunk's row numbers, stamps and counts (nearly every value distinct) was 40 %
    of the spool's write; the text columns (few distinct values: channels, codes) keep theirs. The rows read
    back as written."""
    import pandas as pd
    import pyarrow.parquet as parquet

    from portal.ingest import complaints

    con = fixtures.build_fixture_db(temp_dir / "dict.duckdb")
    spooled = stream.Spool(con, registry.kind("complaints"))
    try:
        rows = pd.DataFrame(
            {
                "source_id": ["a", "b", None],
                "channel": ["hotline", "hotline", "email"],
                "received_at": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03"]).as_unit("us"),
                "reopen_count": pd.array([1, None, 3], dtype="Int64"),
            },
            index=[2, 3, 5],
        )
        spooled.add_rows(complaints._rows_frame(rows))
        file = parquet.ParquetFile(spooled.files[0])
        group = file.metadata.row_group(0)
        in_dictionary = {
            group.column(i).path_in_schema: any("DICTIONARY" in e for e in group.column(i).encodings)
            for i in range(group.num_columns)
        }
        assert in_dictionary["source_id"] and in_dictionary["channel"] and in_dictionary["store_code"]
        assert not any(in_dictionary[c] for c in ("row_no", "row_seq", "received_at", "reopen_count"))
        back = spooled.held.execute(
            "select row_no, source_id, channel, received_at, reopen_count from ingest_rows order by row_no"
        ).fetchall()
        assert [(r[0], r[1], r[2], str(r[3]), r[4]) for r in back] == [
            (2, "a", "hotline", "2026-01-01 00:00:00", 1),
            (3, "b", "hotline", "2026-01-02 00:00:00", None),
            (5, None, "email", "2026-01-03 00:00:00", 3),
        ]
    finally:
        spooled.close()
        con.close()


def test_a_spool_whose_folder_cannot_be_made_closes_its_cursor(tmp_path, monkeypatch):
    """The folder was made outside the spool's try: when it could not be, the cursor held for the spool stayed
    open on the server's connection."""
    import duckdb

    con = fixtures.build_fixture_db(tmp_path / "db.duckdb")
    given = []

    class Connection:  # the server's connection, noting the cursors it gives
        def cursor(self):
            given.append(con.cursor())
            return given[-1]

    not_a_folder = tmp_path / "tmp"
    not_a_folder.write_text("")
    monkeypatch.setattr(spool.tempfile, "tempdir", str(not_a_folder))
    with pytest.raises(stream.SpoolFailed):
        stream.Spool(Connection(), registry.kind("complaints"))
    assert len(given) == 1
    with pytest.raises(duckdb.ConnectionException, match="closed"):
        given[0].execute("select 1")
    con.close()
