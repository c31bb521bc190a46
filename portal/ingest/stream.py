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
import gc
import re
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa

from portal import db
from portal.auth import User
from portal.i18n import listed
from portal.ingest import date_order, pipeline, stamps, validation
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
from portal.ingest.core import ImportOptions, Prepared
from portal.ingest.errors import ErrorLog
from portal.ingest.kinds import Kind
from portal.ingest.raw import RawTable
from portal.ingest.spool import (  # noqa: F401 - re-exported: the callers and tests know them as stream's
    SPOOL_LOCK,
    SPOOL_PREFIX,
    UNLOCKED_STALE_SECONDS,
    Spool,
    SpoolFailed,
    sweep_spools,
)

VALUE_NOTICES = (
    "ingest.notice.values_suggested",
    "ingest.notice.values_other",
    "ingest.notice.values_other_not_kept",
    "ingest.notice.values_inferred",
)
RAW_NOTES = (
    "ingest.notice.rows_above_header",
    "ingest.notice.footer_rows",
    "ingest.notice.repeated_header",
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
        spool.decided_given = decisions.decided
        try:
            prepared, again = _prepare_chunks(
                con, kind, chunks, column_mapping, options, user, spool, decisions, progress
            )
            if again is None:
                spool.keys_read()
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
    file.decided = dict(spool.decided)
    if (
        _decided_otherwise(seen, file)
        or alike_otherwise
        or any(other for _, other in spelt.values())
        or spool.decided_otherwise()
    ):
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
        decided=dict(spool.decided),
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


# a notice's values the chunks' copies combine (the rest tell notices apart)
_COMBINED = ("n", "pairs", "rows", "words")


def _rows(listed_rows) -> tuple[list[str], bool]:
    """A notice's listed rows ("2 (K-1), 5 (K-4), …", ``errors.rows_with_ids``) as its items and whether the list
    was cut short; an id may hold the list's comma: an item starts at a row number."""
    text = str(listed_rows)
    more = text.endswith(", …")
    text = text.removesuffix(", …")
    return (re.split(r", (?=\d+(?: \(|, |$))", text) if text else []), more


def _merge_notices(
    parts: list[list[tuple[str, dict]]], value_notices: list, order_notices: list
) -> list[tuple[str, dict]]:
    """The chunks' notices as one file's: the same notice once, its count (``n``) added up, its repaired
    codes (``pairs``) and words (``words``) listed once each and its rows (``rows``) the first ten of the file's, as read whole; the value notices (``value_notices``) are those of the merged report,
    the d/m/y notes (``order_notices``) those of whole columns."""
    merged: dict[tuple, tuple[str, dict]] = {}
    for notices in parts:
        for key, values in notices:
            if key in VALUE_NOTICES or key in date_order.ORDER_NOTICE_KEYS:
                continue
            ident = (key, tuple(sorted((k, str(v)) for k, v in values.items() if k not in _COMBINED)))
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
            if "words" in values:  # words of a fixed list (cells.NOT_YET), none holding the list's comma
                words = dict.fromkeys(str(kept["words"]).removesuffix(", …").split(", "))
                words.update(dict.fromkeys(str(values["words"]).removesuffix(", …").split(", ")))
                found = sorted(words)
                kept["words"] = listed(found[:5], more=len(found) > 5)
            if "rows" in values:  # the chunks come in file order: the first ten rows of the file
                (had_rows, had_more), (new_rows, new_more) = _rows(kept["rows"]), _rows(values["rows"])
                rows = had_rows + new_rows
                kept["rows"] = listed(rows[:10], more=had_more or new_more or len(rows) > 10)
    out = list(merged.values())
    head = sorted((n for n in out if n[0] in RAW_NOTES), key=lambda n: RAW_NOTES.index(n[0]))  # as read whole
    return head + list(value_notices) + list(order_notices) + [n for n in out if n[0] not in RAW_NOTES]
