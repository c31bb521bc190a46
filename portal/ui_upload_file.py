"""The file an upload holds between reruns, and its checked import (issue 14: memory bounded by the chunk).

A file is read whole (``pipeline.read``), except a CSV of a kind that can be read in chunks (complaint exports)
over ``PORTAL_IMPORT_STREAM_MB``: it is copied to a temporary folder and read in chunks of rows from there, as
the command line reads it (``portal.ingest.stream``). The server then holds one chunk of it at a time instead
of the whole file parsed (a 48 MB export took 1.1 GB read whole), and the valid rows wait in a spool (temporary
tables of a connection of its own) until the commit. The rows stored and every message are those of reading
it whole (``stream``'s own guarantee; a file the chunked reader cannot read exactly so is read whole).

The checked import (``Prepared``) is kept in the session under ``upload_prepared``; ``keep``, ``drop`` and
``forget_file`` close a spool as soon as its import is replaced, committed or its file changes (the copy's
folder also goes when the session ends).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import streamlit as st

from portal import config, ui
from portal.auth import User
from portal.ingest import mapping, pipeline, reading, stream
from portal.ingest.core import ImportOptions, Prepared
from portal.ingest.kinds import Kind
from portal.ingest.raw import RawTable

RAW = "upload_raw"  # the file as read: a RawTable (read in chunks: its first chunk's header, no rows) or why not
PREPARED = "upload_prepared"
CHUNKS = "upload_chunks"


STALE_SECONDS = 24 * 3600  # an upload folder this old belongs to no live session: a server that was killed
_swept = threading.Lock()  # held once the process has swept the folders a killed server left behind


def sweep_stale_copies(folder: Path | None = None, now: float | None = None) -> int:
    """Remove the ``portal-upload-*`` folders older than ``STALE_SECONDS`` in the temporary folder: a killed or
    aborted server never ran their finalizers (reliability probe: 44 such folders, one with 25 MB of complaint
    data). Returns how many were removed."""
    folder = Path(folder or tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = 0
    for path in folder.glob("portal-upload-*"):
        try:
            if path.is_dir() and now - path.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        except OSError:  # gone meanwhile, or another user's
            continue
    return removed


class Copy:
    """An upload copied to a temporary folder to be read in chunks; the folder goes with ``remove()``, or when
    this object is collected (a session that ends). The first copy a process makes sweeps the stale folders."""

    def __init__(self, data: bytes, name: str) -> None:
        if _swept.acquire(blocking=False):  # never released: once per process
            sweep_stale_copies()
        self.name = name
        self.folder = Path(tempfile.mkdtemp(prefix="portal-upload-"))
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.folder), True)
        self.path = self.folder / ("upload" + Path(name).suffix.lower())
        try:
            self.path.write_bytes(data)
        except BaseException:  # a full or read-only temporary folder: no half-written copy left behind
            self.remove()
            raise
        self.chunks: stream.CsvChunks | None = None

    def remove(self) -> None:
        self._finalizer()


def read(kind: Kind, upload, sheet: str | None = None) -> RawTable | reading.FileRefused:
    """The upload read (or why it cannot be), for the mapping form: whole, or in chunks (the first chunk's
    header and counts, and its first rows as the suggestions' sample; its rows are not kept). ``sheet``: the
    workbook's sheet chosen (``ui_upload.sheet_choice``)."""
    forget_file()
    data = upload.getvalue()
    try:
        copy = None
        if stream.streamable_file(kind, upload.name, len(data)):
            try:
                copy = Copy(data, upload.name)
            except OSError:  # a full or read-only temporary folder: the file is read whole instead
                copy = None
        if copy is not None:
            del data
            try:
                copy.chunks = stream.open_csv(copy.path, config.upload_limit_mb(), file_name=upload.name)
            except stream.NotStreamable:
                data = copy.path.read_bytes()
                copy.remove()
            except BaseException:
                copy.remove()
                raise
            else:
                st.session_state[CHUNKS] = copy
                first = copy.chunks.first
                return RawTable(  # what the page and the mapping form read: no rows (the chunks hold them)
                    first.file_name,
                    first.file_hash,
                    first.size_bytes,
                    list(first.headers),
                    # a new empty frame: an empty slice of the chunk would keep its Arrow buffers alive
                    pd.DataFrame({c: pd.Series([], dtype=object) for c in first.frame.columns}),
                    encoding=first.encoding,
                    delimiter=first.delimiter,
                    notes=list(first.notes),
                    sample=sample_rows(first.frame),  # what the suggestions and the times offered look at
                )
        scope = ui.current_user().scope
        return pipeline.read(
            ui.connection(), kind, data, upload.name, lang=ui.lang(), sheet=sheet, scope=scope
        )
    except reading.FileRefused as exc:
        return exc


def sample_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The first rows of a chunk that a mapping suggestion looks at (``mapping.SAMPLE_ROWS``), copied out of it:
    a slice would keep the whole chunk's Arrow buffers alive."""
    head = frame.iloc[: mapping.SAMPLE_ROWS]
    return pd.DataFrame(
        {c: head[c].to_numpy(dtype=object, copy=True) for c in head.columns},
        index=head.index.to_numpy(copy=True),
    )


def in_chunks(raw: RawTable) -> stream.CsvChunks | None:
    """The chunks of ``raw``'s file when it is read in chunks."""
    copy = st.session_state.get(CHUNKS)
    if copy is None or copy.chunks is None or copy.chunks.file_hash != raw.file_hash:
        return None
    return copy.chunks


def prepare(
    kind: Kind,
    raw: RawTable,
    column_mapping: Mapping[str, str | None] | None,
    options: ImportOptions,
    user: User,
) -> Prepared:
    """``pipeline.prepare`` of the upload (in chunks when it is read so, with a progress bar), kept in the
    session in place of the import checked before (whose spool is closed first). A later chunk that does not
    read as the first: the file is read whole and checked so; a file refused on the way: the page says why."""
    drop()
    con = ui.connection()
    chunks = in_chunks(raw)
    if chunks is not None:
        bar = st.progress(0.0, text=ui.t("ingest.chunks.progress", rows=chunks.rows, share=0))
        try:
            prepared = stream.prepare(
                con,
                kind,
                chunks,
                column_mapping,
                options,
                user,
                limit_memory=False,  # DuckDB's limit is the server's: the other users' pages run under it
                progress=lambda share: bar.progress(
                    share, text=ui.t("ingest.chunks.progress", rows=chunks.rows, share=share)
                ),
            )
        except stream.NotStreamable:
            copy = st.session_state[CHUNKS]
            try:
                scope = ui.current_user().scope
                raw = pipeline.read(con, kind, copy.path.read_bytes(), copy.name, lang=ui.lang(), scope=scope)
            except reading.FileRefused as exc:
                raw = exc
            st.session_state[RAW] = raw  # before the copy goes: the page never holds a copyless header
            forget_file()
            if isinstance(raw, reading.FileRefused):
                st.rerun()
        except reading.FileRefused as exc:
            st.session_state[RAW] = exc
            forget_file()
            st.rerun()
        except stream.SpoolFailed as exc:  # the server's temporary folder: the file is kept, to check again
            st.error(ui.t(exc.reason, **exc.values))
            st.stop()
        else:
            try:
                return keep(prepared)
            except BaseException:  # a rerun landing here: the spool is not left open
                prepared.staged.close()
                raise
        finally:
            bar.empty()
    return keep(pipeline.prepare(con, kind, raw, column_mapping, options, user))


def keep(prepared: Prepared) -> Prepared:
    drop()
    st.session_state[PREPARED] = prepared
    return prepared


def drop() -> None:
    """Forget the checked import, closing its spool (a file read in chunks)."""
    prepared = st.session_state.pop(PREPARED, None)
    if prepared is not None and prepared.staged is not None:
        prepared.staged.close()


def forget_file() -> None:
    """Forget the checked import and the temporary copy of a file read in chunks (the file is gone or
    replaced: the page reads the new one before it uses ``upload_raw`` again)."""
    drop()
    copy = st.session_state.pop(CHUNKS, None)
    if copy is not None:
        copy.remove()
