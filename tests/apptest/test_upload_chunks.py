"""A large complaint CSV on the Upload page is read in chunks (issue 14: memory bounded by the chunk, not the
file), as the command line reads it: the preview, the errors, the value table and the stored rows are those of
reading it whole. The threshold and the chunk size are set low (``PORTAL_IMPORT_STREAM_MB=0``,
``PORTAL_IMPORT_CHUNK_ROWS=3``) so a small file goes through several chunks."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal import db
from portal.i18n import t
from portal.ingest import reading
from tests import fixtures
from tests.apptest.conftest import make_app, texts

# 8 rows: a bad time (row 4), a value no one mapped ("Noise", in two chunks), a key repeated in a later chunk
# (row 9 repeats H-2 of row 3)
EXPORT = (
    b"Ticket No,Opened,Via,Shop,Handler,Kind of problem\n"
    b"H-1,2026-03-01 09:30,hotline,S001,A001,late delivery\n"
    b"H-2,2026-03-01 10:00,web,S002,A002,Noise\n"
    b"H-3,not a date,web,S002,A002,price\n"
    b"H-4,2026-03-02 11:00,hotline,S001,A001,rude staff\n"
    b"H-5,2026-03-02 12:00,web,S001,A002,late delivery\n"
    b"H-6,2026-03-03 08:15,web,S002,A001,Noise\n"
    b"H-7,2026-03-03 09:45,hotline,S002,A002,price\n"
    b"H-2,2026-03-04 10:00,web,S002,A002,rude staff\n"
)
FORM = f"upload_map_complaints_{reading.file_hash(EXPORT)[:12]}__"


def button(at, label):
    return next(b for b in at.button if b.label == label)


def stored(path: Path) -> list[list]:
    con = db.connect(path)
    try:
        return [
            list(r)
            for r in con.execute(
                "select source_id, received_at, channel, category_raw, category_group from complaints order by 1"
            ).fetchall()
        ]
    finally:
        con.close()


def upload_check_commit(
    monkeypatch, path: Path, chunked: bool, data: bytes = EXPORT, picks=None, rows: int = 3, noise=True
) -> dict:
    """Upload ``data``, map (``picks``: field -> column, beside the suggestions), check (skipping invalid
    rows), map "Noise" and check again (``noise``), commit: what was shown and stored."""
    from portal import ui

    form = f"upload_map_complaints_{reading.file_hash(data)[:12]}__"
    values = f"upload_values_complaints_{reading.file_hash(data)[:12]}"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_IMPORT_STREAM_MB", "0" if chunked else "100000")
    monkeypatch.setenv("PORTAL_IMPORT_CHUNK_ROWS", str(rows))
    ui.clear_caches()
    at = make_app("admin").switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_file").upload("helpdesk.csv", data, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    read_caption = [c.value for c in at.caption if c.value.startswith("helpdesk.csv")]
    for field, column in (picks or {"field_channel": "Via", "field_category": "Kind of problem"}).items():
        at.selectbox(key=f"{form}{field}").set_value(column)
    at.checkbox(key=f"{form}opt_skip").check()
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    first = {"texts": texts(at), "frames": [d.value for d in at.dataframe]}
    second = first
    if noise:
        pick = next(s for s in at.selectbox if s.key.startswith(f"{values}_category_") and "Noise" in s.label)
        pick.set_value("store_environment")
        button(at, "Apply the values and check again").click().run()
        assert not at.exception, [e.value for e in at.exception]
        second = {"texts": texts(at), "frames": [d.value for d in at.dataframe]}
    held = at.session_state["upload_chunks"] if "upload_chunks" in at.session_state else None
    spool = at.session_state["upload_prepared"].staged
    button(at, "Commit the import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return {
        "caption": read_caption,
        "first": first,
        "second": second,
        "committed": [x for x in texts(at).splitlines() if x.startswith("Batch ")],
        "rows": stored(path),
        "copy": held,
        "spool": spool,
        "after": "upload_prepared" in at.session_state,
        "at": at,
    }


def same_pages(whole: dict, chunks: dict) -> None:
    """The same preview, errors and messages both ways (but for the caption of the file read)."""
    for step in ("first", "second"):
        # the same lines but for the caption of the file read; the notes of a file read in chunks may come in
        # another order (stream._merge_notices: the chunks' notes merged, as the command line prints them)
        shown = [
            sorted(way[step]["texts"].replace(way["caption"][0], "").splitlines()) for way in (chunks, whole)
        ]
        assert shown[0] == shown[1], step
        assert len(chunks[step]["frames"]) == len(whole[step]["frames"]) == 2  # preview, errors
        for got, want in zip(chunks[step]["frames"], whole[step]["frames"], strict=True):
            assert got.equals(want), step
    assert chunks["committed"] == whole["committed"] and len(whole["committed"]) == 1
    assert chunks["rows"] == whole["rows"]


def mapped_in_chunks(tmp_path, monkeypatch, skip_invalid: bool = True):
    """The Upload page with EXPORT uploaded (read in chunks of 3 rows) and mapped, not yet checked; its own
    database. Returns (AppTest, database path)."""
    from portal import ui

    path = tmp_path / "own.duckdb"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("PORTAL_IMPORT_STREAM_MB", "0")
    monkeypatch.setenv("PORTAL_IMPORT_CHUNK_ROWS", "3")
    ui.clear_caches()
    at = make_app("admin").switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_file").upload("helpdesk.csv", EXPORT, "text/csv").run()
    at.selectbox(key=f"{FORM}field_channel").set_value("Via")
    at.selectbox(key=f"{FORM}field_category").set_value("Kind of problem")
    if skip_invalid:
        at.checkbox(key=f"{FORM}opt_skip").check()
    return at, path


def test_a_csv_over_the_threshold_is_read_in_chunks_and_imported_as_if_whole(tmp_path, monkeypatch):
    whole = upload_check_commit(monkeypatch, tmp_path / "whole.duckdb", chunked=False)
    chunks = upload_check_commit(monkeypatch, tmp_path / "chunks.duckdb", chunked=True)
    # read whole: rows counted at once; in chunks: counted when checked
    assert whole["caption"] == ["helpdesk.csv: 8 rows, 6 columns (utf-8)."]
    assert chunks["caption"][0].startswith(
        "helpdesk.csv: 0.0 MB, 6 columns (utf-8). A CSV over 0 MB is checked"
    )
    assert "chunks of 3 rows" in chunks["caption"][0]
    assert whole["copy"] is None and whole["spool"] is None
    assert chunks["copy"] is not None and chunks["spool"] is not None
    same_pages(whole, chunks)
    shown = whole["first"]["texts"]
    assert "8 rows: 6 valid, 2 invalid." in shown
    errors = whole["first"]["frames"][1]
    assert errors[t("ingest.col.row", "en")].tolist() == [4, 9]  # the bad time; the repeat of row 3's key
    preview = whole["second"]["frames"][0]
    assert preview["Category (standard group)"].tolist()[:2] == ["Delivery", "Store environment"]
    assert (
        chunks["committed"]
        == whole["committed"]
        == ["Batch 1 committed: 6 added, 0 updated, 0 unchanged, 2 skipped."]
    )
    assert chunks["rows"] == whole["rows"] and len(whole["rows"]) == 6
    assert [r[4] for r in whole["rows"] if r[3] == "Noise"] == ["store_environment", "store_environment"]
    # committed: the spool is closed and the check forgotten; the file is still in the uploader (its copy
    # stays) and can be checked again, e.g. to import it under another source: all its rows, read anew
    assert chunks["after"] is False and whole["after"] is False
    with pytest.raises(Exception, match="closed|Connection"):
        chunks["spool"].held.execute("select 1")
    assert chunks["copy"].folder.exists()
    for way in (whole, chunks):
        at = way["at"]
        assert [c.value for c in at.caption if c.value.startswith("helpdesk.csv")] == way["caption"]
        at.text_input(key=f"{FORM}opt_source").set_value("helpdesk")
        button(at, "Check the file").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert "8 rows: 6 valid, 2 invalid." in texts(at)
    at.file_uploader(key="upload_file").set_value(None).run()  # the file removed: its copy goes
    assert not chunks["copy"].folder.exists() and "upload_chunks" not in at.session_state


def test_a_new_file_or_none_drops_the_copy_and_the_spool(tmp_path, monkeypatch):
    at, _ = mapped_in_chunks(tmp_path, monkeypatch, skip_invalid=False)
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    copy, spool = at.session_state["upload_chunks"], at.session_state["upload_prepared"].staged
    assert copy.folder.exists()
    second = EXPORT.replace(b"H-1,", b"H-10,")
    at.file_uploader(key="upload_file").set_value(("next.csv", second, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not copy.folder.exists()
    with pytest.raises(Exception, match="closed|Connection"):
        spool.held.execute("select 1")
    again = at.session_state["upload_chunks"]
    assert again.folder.exists() and again is not copy
    at.file_uploader(key="upload_file").set_value(None).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not again.folder.exists() and "upload_chunks" not in at.session_state
    assert t("ingest.choose_file", "en") in texts(at)


def test_a_messy_export_in_chunks_is_checked_and_stored_as_whole(tmp_path, monkeypatch):
    # the command line's messy export (tests/test_ingest_stream.py): d/m/y dates whose order only rows far down
    # tell (the chunks are read twice), keys repeated across chunks, bad and future dates, unknown stores, a
    # CSAT out of range, double-encoded UTF-8, a blank line; 9 rows a chunk
    from tests.test_ingest_stream import messy_csv

    data = messy_csv(80).encode("utf-8")
    picks = {
        "field_source_id": "Ticket No",
        "field_received_at": "Opened",
        "field_first_response_at": "Replied",
        "field_channel": "Via",
        "field_post_resolution_csat": "CSAT",
        "field_category": "Category",
        "opt_tz": "Europe/Berlin",
    }
    passes = []
    from portal.ingest import stream

    real = stream._prepare_chunks
    whole = upload_check_commit(monkeypatch, tmp_path / "w.duckdb", False, data, picks, rows=9, noise=False)
    monkeypatch.setattr(stream, "_prepare_chunks", lambda *a: passes.append(1) or real(*a))
    chunks = upload_check_commit(monkeypatch, tmp_path / "c.duckdb", True, data, picks, rows=9, noise=False)
    assert len(passes) == 2  # read again with the file's day order
    same_pages(whole, chunks)
    errors = whole["first"]["frames"][1]
    assert len(errors) >= 5 and len(whole["rows"]) >= 60
    assert "checked in chunks of 9 rows" in chunks["caption"][0] and len(whole["caption"]) == 1


def test_a_commit_the_database_cannot_write_says_so_and_can_be_tried_again(tmp_path, monkeypatch):
    # DuckDB short of memory in the commit (PORTAL_DUCKDB_MEMORY_MB set low, a large file): the page says what
    # happened and the checked file can be committed again (its spool is kept). The commit is made to fail here
    # before it writes; that a failing commit leaves nothing is tests/test_ingest_stream.py's
    import duckdb

    from portal.ingest import pipeline

    real, calls = pipeline.commit, []

    def short_of_memory_once(con, prepared, user):
        calls.append(1)
        if len(calls) == 1:
            raise duckdb.OutOfMemoryException("Out of Memory Error: failed to pin block of size 256.0 KiB")
        return real(con, prepared, user)

    monkeypatch.setattr(pipeline, "commit", short_of_memory_once)
    at, path = mapped_in_chunks(tmp_path, monkeypatch)
    button(at, "Check the file").click().run()
    button(at, "Commit the import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    [error] = [e.value for e in at.error]
    assert error.startswith(
        "The database could not write this import (OutOfMemoryException: Out of Memory Error: failed to pin block"
    )
    assert stored(path) == []
    assert at.session_state["upload_prepared"].staged is not None  # the check (and its spool) kept
    button(at, "Commit the import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(calls) == 2 and len(stored(path)) == 6


def test_a_file_whose_later_chunk_does_not_read_as_the_first_is_checked_whole(tmp_path, monkeypatch):
    # stream.prepare raises NotStreamable (a later chunk wider than the header, say): the page reads the copy
    # whole and checks it so; the copy goes, the rows and the commit are the whole file's
    from portal.ingest import stream

    def not_streamable(*args, **kwargs):
        raise stream.NotStreamable("a later chunk is not as wide as the header")

    monkeypatch.setattr(stream, "prepare", not_streamable)
    at, path = mapped_in_chunks(tmp_path, monkeypatch)
    copy = at.session_state["upload_chunks"]
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "8 rows: 6 valid, 2 invalid." in texts(at)
    assert "upload_chunks" not in at.session_state and not copy.folder.exists()
    assert at.session_state["upload_prepared"].staged is None
    button(at, "Commit the import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(stored(path)) == 6
    at.run()
    assert [c.value for c in at.caption if c.value.startswith("helpdesk.csv")] == [
        "helpdesk.csv: 8 rows, 6 columns (utf-8)."
    ]


def test_a_full_temporary_folder_while_checking_is_said_and_the_file_kept(tmp_path, monkeypatch):
    """Review: a chunk's Parquet file written to a full temporary folder (OSError 28) showed a traceback on the
    page. It says which folder, nothing is kept checked, and the file stays to be checked again."""
    import errno

    from portal.ingest import spool

    at, _ = mapped_in_chunks(tmp_path, monkeypatch)
    monkeypatch.setattr(spool.tempfile, "tempdir", str(tmp_path))
    real = spool.parquet.write_table

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(spool.parquet, "write_table", full)
    button(at, "Check the file").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"The server's temporary folder {tmp_path} is full or cannot be written (No space left on device); "
        "nothing was written."
    ]
    assert "upload_prepared" not in at.session_state and list(tmp_path.glob("portal-spool-*")) == []
    monkeypatch.setattr(spool.parquet, "write_table", real)
    button(at, "Check the file").click().run()
    assert not at.exception and not at.error
    assert "upload_prepared" in at.session_state


def test_a_full_temporary_folder_reads_the_file_whole_without_a_traceback(tmp_path, monkeypatch):
    # fault probe (session 33, left open): the copy for chunked reading written to a full temporary folder raised
    # OSError out of the Upload page. The file is now read whole from memory instead, and no half-written copy
    # stays behind
    import pathlib
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    real_write = pathlib.Path.write_bytes

    def full_disk(self, data):
        if "portal-upload-" in str(self):
            raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", full_disk)
    done = upload_check_commit(monkeypatch, tmp_path / "full.duckdb", chunked=True)
    assert done["caption"] == ["helpdesk.csv: 8 rows, 6 columns (utf-8)."]  # read whole
    assert done["copy"] is None
    assert done["committed"] == ["Batch 1 committed: 6 added, 0 updated, 0 unchanged, 2 skipped."]
    assert len(done["rows"]) == 6
    assert not list(scratch.glob("portal-upload-*"))
