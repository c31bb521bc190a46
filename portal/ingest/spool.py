"""Where the valid rows of a file read in chunks wait for the commit (``portal.ingest.stream``): each chunk's rows
in a Parquet file of a folder ``portal-spool-<pid>-…`` in the temporary folder, locked by its owner while the spool
lives, removed when it closes or is collected, and swept by a later import once nobody holds its lock."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
import weakref
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as parquet

from portal import db, writes
from portal.ingest import cells, codes
from portal.ingest.core import NothingWritten
from portal.ingest.kinds import Kind


class SpoolFailed(NothingWritten):
    """The spool's folder could not be written (full, read-only, removed) or its files are gone by the commit:
    the server's temporary folder, not the database, and nothing was written (review: the Upload page showed a
    traceback, the command line said the database's disk was full). The page and the command line say it."""


def _temp_folder_failed(folder, exc: OSError) -> SpoolFailed:
    return SpoolFailed(
        "ingest.spool_failed",
        "The server's temporary folder {folder} is full or cannot be written ({detail}); nothing was written.",
        folder=str(folder),
        detail=exc.strerror or str(exc) or type(exc).__name__,
    )


class Spool:
    """Where the valid rows of a file read in chunks wait for the commit: each chunk's ``rows_frame`` as a Parquet
    file in a temporary folder of its own, all of them the relation ``ingest_rows`` that the kind's commit
    statements read (a view over DuckDB's ``read_parquet``), on a connection of its own (``held``, a
    ``db.HeldCursor``; the commit's transaction runs on it); ``ingest_spool_keys``, a temporary table of every
    row's natural key, to find a key repeated across chunks; and ``complaint_derived_earlier``, the derived ids of
    an id-less export's rows so far (``add_derived``), so rows alike in different chunks are numbered on. The rows' columns and types are those the temporary
    table of ``queries/writes/<kind>_spool_create.sql`` declares (``ingest_spool_rows``, left empty): each chunk
    is cast to them. A chunk written as a file costs well under half of inserting it into a temporary table, which
    spilled to disk past DuckDB's memory limit anyway (issue 14). ``names``: what ``CommitContext.names_zh``
    reads (the first Chinese name of each store code)."""

    def __init__(self, con, kind: Kind) -> None:
        self.held = db.HeldCursor(con.cursor())
        self.memory_limit = ""  # DuckDB's own limit, before the import's (the commit's fallback; see prepare)
        self.files: list[Path] = []
        self.n_rows = 0  # rows spooled so far
        self._remove = None
        try:  # the folder made inside: the held cursor is closed when it cannot be
            sweep_spools()
            try:
                self.folder, lock = _locked_folder()
            except OSError as exc:
                raise _temp_folder_failed(tempfile.gettempdir(), exc) from exc
            # the folder goes with close(), or when the spool is collected unclosed (a session ending between
            # Check and Commit: it was kept for the server's life), as ui_upload_file.Copy's does
            self._remove = weakref.finalize(self, _remove_folder, self.folder, lock)
            writes.run(self.held, f"{kind.name}_spool_create")
            self.schema = self.held.execute("select * from ingest_spool_rows").to_arrow_table().schema
            # the text columns only in a dictionary: one of the row numbers, stamps or counts (nearly every value
            # distinct) cost more to build than it saved, 40 % of a chunk's write (issue 14)
            self.dictionary_columns = [
                f.name for f in self.schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)
            ]
            writes.run(self.held, "ingest_spool_keys_create")
            writes.run(self.held, "ingest_spool_derived_create")
            self.held.register("ingest_rows", self.schema.empty_table())
        except BaseException:
            self.close()
            raise
        self.names: pd.DataFrame = pd.DataFrame(columns=["store_code", "store_name_zh"])
        # the file's choices (Decisions), once an earlier pass made them: rows alike refused, new codes' spellings
        self.alike_refused: pd.DataFrame | None = None
        self.spellings_given: dict[str, dict[str, str]] | None = None
        self.spelled: dict[str, codes.Spellings] = {}  # per code field: new codes' spellings over the chunks
        # a kind's yes/no decisions of the whole file (Prepared.decided, ``decide``): what the chunks showed so far,
        # the values chunks used where their rows depended on them, and the file's once an earlier pass made them
        self.decided: dict[str, bool] = {}
        self.decided_used: dict[str, set[bool]] = {}
        self.decided_given: dict[str, bool] | None = None

    def spellings(self, field_name: str) -> codes.Spellings:
        """A code field's new-code spellings over the chunks (``codes.Spellings``), with the file's choice when
        an earlier pass made it."""
        given = None if self.spellings_given is None else self.spellings_given.get(field_name, {})
        return self.spelled.setdefault(field_name, codes.Spellings(given))

    def decide(self, key: str, shown: bool) -> bool:
        """A decision of the whole file that is yes when any of its rows shows it (``shown``: this chunk's rows): the
        value this chunk goes by, the file's when an earlier pass made it, else what the chunks so far showed. A
        chunk whose rows depended on it says so (``used``): read before a later chunk showed it, it is read again."""
        self.decided[key] = self.decided.get(key, False) or bool(shown)
        return self.decided[key] if self.decided_given is None else self.decided_given.get(key, False)

    def used(self, key: str, value: bool) -> None:
        self.decided_used.setdefault(key, set()).add(value)

    def decided_otherwise(self) -> bool:
        """Whether some chunk's rows went by another value of a decision than the whole file's."""
        return any(v != self.decided.get(key, False) for key, used in self.decided_used.items() for v in used)

    def add_rows(self, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        path = self.folder / f"chunk_{len(self.files):05d}.parquet"
        self.check()
        # each row's place among the spooled rows (a kind numbers new rows by it, in file order)
        if "row_seq" in self.schema.names:
            frame = frame.assign(row_seq=np.arange(self.n_rows, self.n_rows + len(frame), dtype="int64"))
        try:
            parquet.write_table(
                pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False),
                path,
                use_dictionary=self.dictionary_columns,
            )
        except OSError as exc:  # disk full, read-only, the folder removed
            raise _temp_folder_failed(self.folder.parent, exc) from exc
        self.files.append(path)
        self.n_rows += len(frame)
        # registered on the held cursor only: ``create_view`` made a view in the database file itself, which a
        # second spool of the same connection replaced (one upload committed another's rows) and which outlived
        # the spool's files
        self.held.unregister("ingest_rows")
        self.held.register("ingest_rows", self.held.read_parquet([str(f) for f in self.files]))

    def check(self) -> None:
        """``SpoolFailed`` when a file of the spool is gone (removed by someone meanwhile): the commit would read
        the rows of the others only, and the chunks must be read again."""
        gone = [f for f in self.files if not f.exists()]
        if gone:
            raise SpoolFailed(
                "ingest.spool_gone",
                "The checked rows waiting in the server's temporary folder {folder} are gone (removed meanwhile); "
                "nothing was written. Check the file again.",
                folder=str(self.folder.parent),
            )

    def repeated_keys(self, keys: pd.DataFrame) -> pd.Series:
        """Rows of ``keys`` (index: row numbers; one text column per key field) whose key an earlier row of
        the file has: the first such row's number, by row."""
        if keys.empty:
            return pd.Series(dtype="int64")
        # each part with its length in front ("3:abc"): no cell text can make two keys join alike; column-wide
        # in Arrow, and handed to DuckDB as Arrow (a frame of Python strings is read a cell at a time)
        parts = [pc.cast(cells.as_arrow(keys[c].astype(str)), pa.string()) for c in keys.columns]
        parts = [pc.binary_join_element_wise(pc.cast(pc.utf8_length(p), pa.string()), p, ":") for p in parts]
        joined = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, "|")
        frame = pa.table({"row_no": pa.array(keys.index.to_numpy(dtype="int64")), "row_key": joined})
        self.held.register("ingest_spool_chunk_keys", frame)
        try:
            writes.run(self.held, "ingest_spool_keys_add")
            found = self.held.execute(
                "select c.row_no, min(k.row_no) as first_row from ingest_spool_chunk_keys as c "
                "join ingest_spool_keys as k using (row_key) group by c.row_no having min(k.row_no) < c.row_no"
            ).fetchall()
        finally:
            self.held.unregister("ingest_spool_chunk_keys")
        return pd.Series({int(r): int(f) for r, f in found}, dtype="int64").sort_index()

    def keys_read(self) -> None:
        """Every chunk is read: the keys' table dropped (the commit reads the rows, not their keys)."""
        writes.run(self.held, "ingest_spool_keys_drop")

    def add_derived(self, given: pd.DataFrame) -> None:
        """A chunk's new distinct rows of an id-less export (source, key_id, legacy_id, ordinal: the derived ids
        it gave, queries/writes/complaints_derived_ids.sql), which the next chunks number on from."""
        if given.empty:
            return
        with db.registered(self.held, "complaint_derived_chunk", given):
            writes.run(self.held, "ingest_spool_derived_add")

    def alike_decision(self) -> tuple[pd.DataFrame, bool]:
        """The whole file's keys whose rows are refused as alike but unmatched (source, alike_id), and whether
        some chunk decided otherwise from its rows so far (then the chunks are read again with the file's)."""
        keys = writes.run(self.held, "ingest_spool_alike_refused").df()
        refused = keys.loc[keys["is_refused"], ["source", "alike_id"]].reset_index(drop=True)
        return refused, bool(keys["is_decided_otherwise"].any())

    def add_names(self, rows: pd.DataFrame) -> None:
        if "store_name_zh" not in rows.columns or "store_code" not in rows.columns:
            return
        named = rows[["store_code", "store_name_zh"]].dropna()
        named = named[named["store_name_zh"].astype(str).str.strip() != ""].drop_duplicates("store_code")
        if not named.empty:
            self.names = pd.concat([self.names, named]).drop_duplicates("store_code")

    def close(self) -> None:
        """Drop the temporary tables (they belong to the held cursor) and the rows' files, then the folder's lock."""
        try:
            self.held.release().close()
        finally:
            if self._remove is not None:
                self._remove()  # once: a second close() must not close a lock descriptor reused since


def _remove_folder(folder: Path, lock: int) -> None:
    """A spool's folder removed, then its lock let go."""
    try:
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(lock)


SPOOL_PREFIX = (
    "portal-spool-"  # then the creating process's id, for a person reading it: portal-spool-<pid>-<random>
)
SPOOL_LOCK = "owner.lock"  # in each spool folder: its owner holds flock(LOCK_EX) on it while the spool lives
UNLOCKED_STALE_SECONDS = (
    24 * 3600
)  # a spool folder without a lock file this old is nobody's (see sweep_spools)


def _locked_folder() -> tuple[Path, int]:
    """A new spool folder and its lock file's descriptor, locked (``flock``) until the spool closes it: the kernel
    lets go of the lock when the process ends, however it ends. A sweep that opened the lock file before this
    process locked it removes the folder (the lock file is then unlinked): another folder is made."""
    while True:
        folder = Path(tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-"))
        try:
            lock = os.open(folder / SPOOL_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        except FileNotFoundError:  # swept meanwhile
            continue
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits only for a sweep that got there first
        if os.fstat(lock).st_nlink:
            return folder, lock
        os.close(lock)


def sweep_spools() -> None:
    """Remove the spool folders no live process holds (an import killed before it closed its spool): a temporary
    table died with its process, a file does not. A folder is nobody's when this process takes its lock file's
    lock without waiting. The process id in its name is not asked (review: an import on a server in another
    container sharing /tmp has an id that does not exist in this PID namespace, and its live spool was deleted;
    a gone owner's id may also be reused). A folder without a lock file (a portal before the locks, or an import
    killed between making the folder and locking it) goes once it is ``UNLOCKED_STALE_SECONDS`` old."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SPOOL_PREFIX}*-*"):
        try:
            lock = os.open(folder / SPOOL_LOCK, os.O_RDONLY)
        except FileNotFoundError:
            with contextlib.suppress(OSError):
                if time.time() - folder.stat().st_mtime > UNLOCKED_STALE_SECONDS:
                    shutil.rmtree(folder, ignore_errors=True)
            continue
        except OSError:  # another user's folder (it is theirs alone), or no folder
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: a live import's, in whichever process or PID namespace
            os.close(lock)
            continue
        try:
            shutil.rmtree(
                folder, ignore_errors=True
            )  # its lock file unlinked while held: an owner locking it sees that
        finally:
            os.close(lock)
