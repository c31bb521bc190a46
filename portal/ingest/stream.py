"""A large CSV imported in chunks (issue 14): the memory an import holds is bounded by the chunk, not the file.

The command line reads a CSV of a kind that can (``Kind.rows_frame``: complaint exports) in chunks of rows when
the file is over ``PORTAL_IMPORT_STREAM_MB`` (default 32 MB). Each chunk goes through the same steps as a whole
file (``reading`` for the cells, ``pipeline.prepare`` for mapping, typing and the rules); its valid rows are
written to a spool (``Spool``: a Parquet file per chunk in a temporary folder of its own), and the commit reads
them from there in the batch's one transaction. Nothing of the portal's database is written
before that commit; a refused import leaves it as it was.

What a chunk cannot know alone is decided for the whole file, so the stored rows and the messages are those of
reading the file at once (a test compares both ways on a messy file cut into small chunks):

- a key repeated anywhere in the file: each chunk's keys are looked up among all keys read so far (the row
  named is the first in the file);
- the day order of d/m/y dates and the "all stamps at midnight: a date-only column" rule: each chunk records
  what it showed (``stamps.Decisions``); when a chunk decided otherwise than the whole file does, every
  chunk is read again with the file's decisions;
- counts in the preview's notices add up; values and codes are listed over the whole file;
- a report's footer or totals rows at the file's end: looked for in the last chunk (``chunked_csv``).

The chunks come from ``portal.ingest.chunked_csv``: a file it does not read exactly as the whole-file reader
would raises ``NotStreamable`` before anything is written, and the caller reads it whole.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
import os
import shutil
import tempfile
import time
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as parquet

from portal import db, writes
from portal.auth import User
from portal.i18n import listed
from portal.ingest import cells, codes, date_order, pipeline, stamps, validation
from portal.ingest import values as value_maps
from portal.ingest.chunked_csv import (  # noqa: F401 - re-exported: the command line reads through this module
    CsvChunks,
    NotStreamable,
    chunk_rows,
    env_mb,
    open_csv,
    stream_threshold_mb,
    streamable,
    streamable_file,
)
from portal.ingest.core import ImportOptions, NothingWritten, Prepared
from portal.ingest.errors import ErrorLog
from portal.ingest.kinds import Kind
from portal.ingest.raw import RawTable

VALUE_NOTICES = (
    "ingest.notice.values_suggested",
    "ingest.notice.values_other",
    "ingest.notice.values_other_not_kept",
    "ingest.notice.values_inferred",
)
RAW_NOTES = (
    "ingest.notice.rows_above_header",
    "ingest.notice.footer_rows",
    "ingest.notice.invisible_removed",
    "ingest.notice.mojibake",
)


def memory_limit_mb() -> int:
    """DuckDB's memory while the chunks are read (``PORTAL_IMPORT_DUCKDB_MB``, default 160): it holds every row's
    key (the repeated-key look-up), spilling to disk beyond it; the rows themselves wait in the spool's files."""
    return env_mb("PORTAL_IMPORT_DUCKDB_MB", 160)


def commit_memory_mb() -> int:
    """DuckDB's memory during the commit of a chunked import (``PORTAL_IMPORT_COMMIT_MB``, default 256): the
    chunks are gone by then, and the new rows' key indexes must stay in memory. A million rows commit within
    256 MB (the process peaked at 638 MB against 747-758 MB with 384, 3 Dec 2026); a commit that runs out is
    rolled back and runs again under DuckDB's own limit (cli_import)."""
    return env_mb("PORTAL_IMPORT_COMMIT_MB", 256)


# ---------------------------------------------------------------- the spool
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

    def spellings(self, field_name: str) -> codes.Spellings:
        """A code field's new-code spellings over the chunks (``codes.Spellings``), with the file's choice when
        an earlier pass made it."""
        given = None if self.spellings_given is None else self.spellings_given.get(field_name, {})
        return self.spelled.setdefault(field_name, codes.Spellings(given))

    def add_rows(self, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        path = self.folder / f"chunk_{len(self.files):05d}.parquet"
        self.check()
        try:
            parquet.write_table(pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False), path)
        except OSError as exc:  # disk full, read-only, the folder removed
            raise _temp_folder_failed(self.folder.parent, exc) from exc
        self.files.append(path)
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

    def add_derived(self, given: pd.DataFrame) -> None:
        """A chunk's new distinct rows of an id-less export (source, key_id, legacy_id, ordinal: the derived ids
        it gave, queries/writes/complaints_derived_ids.sql), which the next chunks number on from."""
        if given.empty:
            return
        with db.registered(self.held, "complaint_derived_chunk", given):
            writes.run(self.held, "ingest_spool_derived_add")

    def alike_decision(self) -> tuple[pd.DataFrame, bool]:
        """The whole file's keys whose rows are refused as alike but unmatched (source, key_id), and whether
        some chunk decided otherwise from its rows so far (then the chunks are read again with the file's)."""
        keys = writes.run(self.held, "ingest_spool_alike_refused").df()
        refused = keys.loc[keys["is_refused"], ["source", "key_id"]].reset_index(drop=True)
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


def release_memory() -> None:
    """Give the memory the chunks used back to the system before the commit needs it: pyarrow's pool (the
    cells' Arrow strings) and the C allocator keep freed memory for reuse, and it would count as this
    process's until it ends."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # glibc only
        ctypes.CDLL("libc.so.6").malloc_trim(0)


# ---------------------------------------------------------------- preparing a file in chunks
def prepare(
    con,
    kind: Kind,
    chunks: CsvChunks,
    column_mapping: Mapping[str, str | None] | None,
    options: ImportOptions,
    user: User,
    *,
    limit_memory: bool = True,
    progress: Callable[[float], None] | None = None,
) -> Prepared:
    """``pipeline.prepare`` of the whole file, chunk by chunk (``Prepared.staged``: the spool; close it after
    the commit). Raises ``NotStreamable`` when a later chunk does not read as the first.

    With ``limit_memory`` (the command line, a process of its own) DuckDB's memory is limited while the chunks
    are read (``memory_limit_mb``: the keys spill to disk) and then set for the commit
    (``commit_memory_mb``); DuckDB's own limit is kept in ``Spool.memory_limit`` for a commit that needs more
    (the command line runs it again with that). The upload page passes ``limit_memory=False``: DuckDB's limit
    is the whole server's, and the other users' pages must not run under an import's. ``progress(share)``:
    called after each chunk with the share of the file's lines read so far (0-1)."""
    cur = con.cursor()  # the server's connection is shared: a cursor of its own for the statement
    try:
        own_limit = str(cur.execute("select current_setting('memory_limit')").fetchone()[0])
    finally:
        cur.close()

    def set_limit(size: str) -> None:
        if limit_memory:
            db.set_memory_limit(con, size)

    set_limit(f"{memory_limit_mb()}MB")
    decisions = stamps.Decisions()
    for _ in range(PASSES):
        spool = Spool(con, kind)
        spool.memory_limit = own_limit
        spool.alike_refused, spool.spellings_given = decisions.alike_refused, decisions.spellings
        try:
            prepared, again = _prepare_chunks(
                con, kind, chunks, column_mapping, options, user, spool, decisions, progress
            )
        except BaseException:
            spool.close()
            set_limit(own_limit)
            raise
        if again is None:
            release_memory()
            set_limit(f"{commit_memory_mb()}MB")
            return prepared
        spool.close()
        decisions = again  # read again with the file's decisions
    set_limit(own_limit)
    raise NotStreamable(f"the chunks did not settle on one reading in {PASSES} passes")


def _prepare_chunks(con, kind, chunks, column_mapping, options, user, spool, decisions, progress=None):
    first = None
    errors, error_cells, index, valid, notices, reports, seen, head = [], [], [], [], [], [], [], []
    unknown: dict[str, set[str]] = {}
    key_fields = list(kind.key_fields)
    for raw in chunks:
        p = pipeline.prepare(
            con,
            kind,
            raw,
            column_mapping,
            options,
            user,
            decisions=decisions,
            find_duplicates=False,
            spool=spool,
        )
        if first is None:  # what the whole file's Prepared takes from its first chunk (not the chunk itself)
            first = (p.mapping, p.file_errors, p.duplicate_of)
        seen.append(decisions.seen)
        short = HEAD_ROWS - sum(map(len, head))
        if short > 0:  # the preview's first rows (a chunk may hold fewer)
            head.append(p.values.head(short).copy())
        chunk_errors, chunk_valid = p.errors, p.valid_mask.to_numpy(dtype=bool)
        if not p.file_errors and all(k in p.values.columns for k in key_fields):
            keys = p.values[key_fields]
            keys = keys[keys.notna().all(axis=1)]
            repeated = spool.repeated_keys(keys.astype(str))
            if not repeated.empty:  # as validation.duplicate_keys words it, naming the file's first row
                log = ErrorLog()
                # the key's column as read whole names it (CheckContext.column_of): a derived id's key has
                # no column of the file, its label is said ("row 4, column source_id" before)
                column = p.mapping.get(key_fields[-1]) or kind.field(key_fields[-1]).label(options.lang)
                shown = validation.key_text(keys.loc[repeated.index])
                log.add(repeated.index, column, "ingest.error.duplicate", shown, detail=repeated)
                chunk_errors = pd.concat([chunk_errors, log.frame()], ignore_index=True).sort_values(
                    ["row", "column"], kind="stable", ignore_index=True
                )
                chunk_valid = chunk_valid & ~p.values.index.isin(repeated.index)
        if not p.file_errors and chunk_valid.any():
            rows = p.values[chunk_valid]
            spool.add_rows(kind.rows_frame(rows))
            spool.add_names(rows)
        errors.append(chunk_errors)
        error_cells.append(raw.frame.loc[raw.frame.index.isin(chunk_errors["row"])])
        index.append(p.values.index.to_numpy(dtype="int64"))
        valid.append(chunk_valid)
        notices.append(p.notices)
        reports.append(p.value_report)
        for name, found in p.unknown_codes.items():
            unknown.setdefault(name, set()).update(found)
        if progress is not None and chunks.lines:
            progress(min(1.0, (int(raw.frame.index[-1]) if len(raw.frame) else 0) / chunks.lines))
        del p, raw  # before the next chunk is read
        rows = keys = None
    if first is None:
        raise NotStreamable("no chunk")
    file, order_notes = file_decisions(seen)
    file.alike_refused, alike_otherwise = spool.alike_decision()
    spelt = {name: s.file_choice() for name, s in spool.spelled.items()}
    file.spellings = {name: choice for name, (choice, _) in spelt.items()}
    if _decided_otherwise(seen, file) or alike_otherwise or any(other for _, other in spelt.values()):
        return None, file
    report = _merge_reports(reports)
    chosen, file_errors, duplicate_of = first
    column_of = lambda f: chosen.get(f) or f  # noqa: E731 - as pipeline.prepare's (mapped fields)
    raw = RawTable(
        chunks.file_name,
        chunks.file_hash,
        chunks.size_bytes,
        list(chunks.headers),
        pd.concat(error_cells),
        encoding=chunks.encoding,
        delimiter=chunks.delimiter,
    )
    all_rows = pd.Index(np.concatenate(index))
    prepared = Prepared(
        kind=kind,
        raw=raw,
        mapping=chosen,
        options=options,
        values=pd.DataFrame(index=all_rows),
        errors=pd.concat(errors, ignore_index=True),
        file_errors=file_errors,
        notices=_merge_notices(
            notices,
            value_maps.notices(kind, report, column_of),
            [
                (notice[0], {"column": column_of(n), **notice[1]})
                for n, (note, examples) in order_notes.items()
                if (notice := date_order.order_notice(note, examples)) is not None
            ],
        ),
        unknown_codes={name: sorted(codes) for name, codes in unknown.items()},
        duplicate_of=duplicate_of,
        valid_mask=pd.Series(np.concatenate(valid), index=all_rows),
        value_report=report,
        staged=spool,
        head=pd.concat(head) if len(head) > 1 else head[0],
    )
    raw.notes = [n for n in prepared.notices if n[0] in RAW_NOTES]
    return prepared, None


HEAD_ROWS = 100  # rows of the first chunk kept for the preview (it shows preview.PREVIEW_ROWS of them)
PASSES = 3  # the file's decisions can move once more when read with the file's day order (the midnight rule)


def file_decisions(seen: list[dict]) -> tuple[stamps.Decisions, dict[str, tuple[str, dict[str, str]]]]:
    """The decisions the whole file gives from what its chunks showed (``Decisions.seen`` of each), and each
    stamp column's d/m/y note (``date_order.order_note``) as the whole column gives it, with the column's first
    cell showing each reading (``date_order.order_notice``)."""
    first_big = any(s["day_order"][0] for s in seen)
    second_big = any(s["day_order"][1] for s in seen)
    day_first = date_order.day_order(first_big, second_big)
    columns: dict[str, bool] = {}
    notes: dict[str, str] = {}
    for name in dict.fromkeys(n for s in seen for n, shown in s["columns"].items() if shown):
        parts = [s["columns"][name] for s in seen if s["columns"].get(name)]
        shown = {k: any(p[k] for p in parts) for k in ("first_big", "second_big", "differ", "slashed")}
        columns[name] = date_order.column_order(shown, day_first)
        first: dict[str, tuple] = {}  # note -> (row, cell): the whole column's earliest cell showing it
        for part in parts:
            date_order.keep_earliest(first, part.get("examples", {}).items())
        notes[name] = (
            date_order.order_note(shown, columns[name]),
            {n: cell for n, (_r, cell) in first.items()},
        )
    midnight: dict[str, bool] = {}
    for name in dict.fromkeys(n for s in seen for n in s["midnight"]):
        marks = [s["midnight"][name] for s in seen if name in s["midnight"]]
        midnight[name] = any(m[0] for m in marks) and all(m[1] for m in marks if m[0])
    return stamps.Decisions(day_first=day_first, midnight=midnight, column_day_first=columns), notes


def _decided_otherwise(seen: list[dict], file: stamps.Decisions) -> bool:
    """Whether some chunk read its stamps otherwise than the whole file does: a d/m/y column read in another
    order, or the midnight rule decided otherwise. The file's day order itself is not compared: it reaches a
    chunk's stamps only through each column's order (``used``), so a chunk whose dates did not tell it (a short
    last chunk) but read every column as the file does needs no second pass."""
    for s in seen:
        if any(shown and shown["used"] != file.column_day_first[n] for n, shown in s["columns"].items()):
            return True
        if any(m[0] and m[2] != file.midnight[n] for n, m in s["midnight"].items()):
            return True
    return False


def _merge_reports(reports: list[list[value_maps.ValueRow]]) -> list[value_maps.ValueRow]:
    """One value report of the whole file: each field's values with their rows added up, most frequent first
    (as ``values.value_report`` orders them: equal counts by the row the value first appears in)."""
    rows: dict[tuple[str, str], value_maps.ValueRow] = {}
    for report in reports:
        for r in report:
            had = rows.get((r.field, r.value))
            rows[(r.field, r.value)] = (
                r
                if had is None
                else value_maps.ValueRow(
                    r.field, r.value, had.rows + r.rows, had.standard, had.how, had.first_row
                )
            )
    fields = list(dict.fromkeys(f for f, _ in rows))
    out: list[value_maps.ValueRow] = []
    for name in fields:
        out += sorted((r for (f, _), r in rows.items() if f == name), key=lambda r: (-r.rows, r.first_row))
    return out


def _pairs(listed_pairs) -> list[str]:
    """The "given → code" pairs of a repaired-codes notice (``listed``: its English text), a given name that
    holds the list's comma ("Wang, Li → A003") kept whole: every pair ends in its arrow and code."""
    pairs, given = [], []
    for part in str(listed_pairs).split(", "):
        given.append(part)
        if " → " in part:
            pairs.append(", ".join(given))
            given = []
    return pairs


def _merge_notices(
    parts: list[list[tuple[str, dict]]], value_notices: list, order_notices: list
) -> list[tuple[str, dict]]:
    """The chunks' notices as one file's: the same notice once, its count (``n``) added up and its repaired
    codes (``pairs``) listed once each; the value notices (``value_notices``) are those of the merged report,
    the d/m/y notes (``order_notices``) those of whole columns."""
    merged: dict[tuple, tuple[str, dict]] = {}
    for notices in parts:
        for key, values in notices:
            if key in VALUE_NOTICES or key in date_order.ORDER_NOTICE_KEYS:
                continue
            ident = (key, tuple(sorted((k, str(v)) for k, v in values.items() if k not in ("n", "pairs"))))
            had = merged.get(ident)
            if had is None:
                merged[ident] = (key, dict(values))
                continue
            kept = had[1]
            if "n" in values:
                kept["n"] = kept.get("n", 0) + values["n"]
            if "pairs" in values:
                pairs = dict.fromkeys(_pairs(kept["pairs"]) + _pairs(values["pairs"]))
                kept["pairs"] = listed(sorted(pairs))
    out = list(merged.values())
    head = sorted((n for n in out if n[0] in RAW_NOTES), key=lambda n: RAW_NOTES.index(n[0]))  # as read whole
    return head + list(value_notices) + list(order_notices) + [n for n in out if n[0] not in RAW_NOTES]
