"""The generic flow: prepare (map, type, check, find duplicates) and commit (one transaction, one batch)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from portal import db, settings, writes
from portal.auth import User
from portal.i18n import Both
from portal.ingest import (
    batches,
    codes,
    mapping,
    split_stamps,
    stamps,
    stated_year,
    validation,
    values,
    xlsx_1904,
)
from portal.ingest.batches import BatchResult
from portal.ingest.core import (
    DEFAULT_SOURCE,
    DEFAULT_TIMEZONE,
    CheckContext,
    CommitContext,
    ImportOptions,
    NothingWritten,
    Prepared,
    refusals,
    same_file,
    valid_timezone,
)
from portal.ingest.errors import ErrorLog
from portal.ingest.header import column_label
from portal.ingest.kinds import Kind
from portal.ingest.reading import RawTable, read_upload

__all__ = [
    "DEFAULT_SOURCE",
    "DEFAULT_TIMEZONE",
    "CheckContext",
    "CommitContext",
    "ImportOptions",
    "NothingWritten",
    "Prepared",
    "commit",
    "import_bytes",
    "prepare",
    "read",
    "valid_timezone",
]


def _found_batch(con, batch: dict | None, user: User) -> dict | None:
    """The committed batch that imported the same file, as its refusal (``core.same_file``) needs it: with the
    reporting time zone (``report_timezone``: the refusal shows its time there) and whether ``user`` may undo it
    (``may_undo``, ``batches.can_undo``: an admin, or the batch's own uploader). Anyone else is not told its
    number nor to undo it: it is another user's batch, of rows that may lie outside their scope."""
    if batch is None:
        return None
    return batch | {
        "report_timezone": settings.report_timezone(con),
        "may_undo": batches.can_undo(user, batch | {"status": "committed"}),
    }


def _named_columns(kind: Kind, raw: RawTable, notices: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """A table read from worksheets (5S sheets, ``RawTable.cells``) has no columns a person wrote: its headers are
    the flat layout's, the fields' ids (store_code), which its errors turn into the cells they came from. A
    notice names such a column by its field's label in the reader's language (Store code, 门店编码). A file's
    column named by its position (``header.column_label``: Tags (column 4), column 2) is named in each language's
    words (Tags(第 4 列), 第 2 列: a Chinese notice said "column")."""
    if raw.cells is None:
        positional = {h: label for h in raw.headers if isinstance(label := column_label(h), Both)}
        if not positional:
            return notices
        return [
            (key, {k: positional.get(v, v) if isinstance(v, str) else v for k, v in values.items()})
            for key, values in notices
        ]
    fields = {f.name: f for f in kind.fields}
    return [
        (key, values | {"column": Both(f.label("en"), f.label("zh"))})
        if (f := fields.get(str(values.get("column")))) is not None
        else (key, values)
        for key, values in notices
    ]


def prepare(
    con,
    kind: Kind,
    raw: RawTable,
    column_mapping: Mapping[str, str | None] | None,
    options: ImportOptions,
    user: User,
    *,
    decisions: stamps.Decisions | None = None,
    find_duplicates: bool = True,
    spool=None,
) -> Prepared:
    """Map, type and check every row of ``raw``; nothing is written. A chunk of a file read in chunks
    (``portal.ingest.stream``) passes the file-wide ``decisions``, finds repeated keys across chunks itself and
    passes its ``spool`` (what the earlier chunks gave: ``CheckContext.spool``)."""
    frame = raw.frame.drop(index=list(raw.read_errors)) if raw.read_errors else raw.frame
    chosen = (
        dict(column_mapping)
        if column_mapping is not None
        else mapping.suggest_mapping(kind, raw.headers, frame)
    )
    chosen = {f: chosen.get(f) or None for f in kind.field_names} | {
        f: c for f, c in chosen.items() if f not in kind.field_names
    }
    file_errors = mapping.check_mapping(kind, raw.headers, chosen)
    usable = {f: c for f, c in chosen.items() if c and f in kind.field_names and c in raw.headers}
    errors = ErrorLog()
    mapped = mapping.apply_mapping(frame, usable)
    date_notices = []  # how the file's dates were read: the 1904 count, a year stated in the title
    if raw.date1904:  # a workbook counting dates from 1904: its serial-number dates onto the 1900 count
        stamp_fields = {f.name: usable[f.name] for f in kind.fields if f.type in ("timestamp", "date")
                        and f.name in usable}  # fmt: skip
        shifted = xlsx_1904.shift_serials(mapped, stamp_fields)
        date_notices += [shifted] if shifted else []
    # a stamp split over a date and a time-of-day column is read as one (受理日期 + 受理时刻)
    text = split_stamps.join_times(
        frame, mapped, split_stamps.pairs_of(chosen, set(usable), raw.headers), errors
    )
    if kind.year_from_title:  # 10月3日 under a title naming 2026年10月 (portal.ingest.stated_year)
        for f in kind.fields:
            if f.type == "date" and f.name in usable:
                date_notices += stated_year.fill_years(raw, text, f.name, usable[f.name], errors)
    report = values.value_report(kind, text, options.value_map)
    parse_notices = date_notices + values.notices(kind, report, lambda f: usable.get(f) or f)
    positions = {c: i for i, c in enumerate(raw.headers)}
    column_errors: list[tuple[str, dict]] = []  # a column that cannot be read at all (validation)
    typed = validation.parse_fields(
        kind,
        values.apply_values(text, report, kind),
        lambda f: usable.get(f) or f,
        errors,
        timezone=options.timezone,
        column_zones={
            f: raw.column_zones[positions[c]] for f, c in usable.items() if positions[c] in raw.column_zones
        },
        now_utc=options.now_utc(),
        notices=parse_notices,
        decisions=decisions,
        file_errors=column_errors,
    )
    cur = con.cursor()
    try:
        ctx = CheckContext(
            kind,
            typed,
            text,
            kind.present(usable),
            options,
            user,
            cur,
            errors,
            usable,
            headers=list(raw.headers),
            spool=spool,
            frame=frame,
        )
        if not file_errors and not column_errors:  # (a refused column's rows are not checked one by one)
            kind.check(ctx)
            if find_duplicates:
                key_column = ctx.column_of(kind.key_fields[-1])
                validation.duplicate_keys(ctx.values, kind.key_fields, errors, key_column)
        codes.note_unused_code_columns(ctx, frame)
    finally:
        cur.close()
    for row, (
        column,
        value,
        reason,
        detail,
    ) in raw.read_errors.items():  # refused by the reader: invalid as such
        errors.add([row], column, reason, value, detail)
    if raw.read_errors:
        ctx.values = ctx.values.reindex(ctx.values.index.append(pd.Index(list(raw.read_errors))))
    error_frame = errors.frame()
    valid_mask = pd.Series(~ctx.values.index.isin(error_frame["row"].unique()), index=ctx.values.index)
    return Prepared(
        kind=kind,
        raw=raw,
        mapping=chosen,
        options=options,
        values=ctx.values,
        errors=error_frame,
        file_errors=file_errors + column_errors + ctx.file_errors,
        notices=_named_columns(kind, raw, list(raw.notes) + parse_notices + ctx.notices),
        unknown_codes=ctx.unknown_codes,
        duplicate_of=_found_batch(
            con,
            batches.find_committed_by_hash(
                con,
                kind.name,
                raw.file_hash,
                batches.stored_options(options, chosen, raw),
            ),
            user,
        ),
        valid_mask=valid_mask,
        value_report=report,
        decided=ctx.decided,
    )


def commit(con, prepared: Prepared, user: User) -> BatchResult:
    """Write the prepared rows as one import batch, in one transaction (see the package docstring); refused by
    the first of ``core.refusals`` (``NothingWritten``)."""
    refused = refusals(prepared, user)
    if refused:
        raise refused[0].error()
    kind, options = prepared.kind, prepared.options
    writes.sweep_master_data(con)
    skipped = prepared.n_invalid
    staged = prepared.staged  # a file read in chunks: its valid rows wait in a spool (portal.ingest.stream)
    if staged is not None:
        staged.check()  # its files are all there (``stream.SpoolFailed``: check the file again)
        rows = staged.names
    else:  # every row valid (the usual case): the typed frame itself, not a copy (kinds only read ctx.rows)
        rows = prepared.values[prepared.valid_mask] if skipped else prepared.values
    report = None
    if skipped:
        report = batches.build_error_report(
            prepared.errors,
            prepared.raw.frame,
            options.lang,
            prepared.raw.cells,
            rendered=prepared.error_messages(options.lang),  # as the preview rendered them
        )
        if staged is not None:  # a file read in chunks: the report's frames given back before the commit
            from portal.ingest.stream import release_memory

            release_memory()
    batch = writes.BatchWrite(
        kind=kind.name,
        file_name=prepared.raw.file_name,
        file_hash=prepared.raw.file_hash,
        size_bytes=prepared.raw.size_bytes,
        source=options.source,
        created_by=user.username,
        rows_in_file=prepared.n_rows,
        options=batches.stored_options(options, prepared.mapping, prepared.raw),
        rows_skipped=skipped,
        error_report_csv=report,
    )

    def write_rows(cur, batch_id: int, batched_at):
        # the preview's check again, in this transaction: another session may have committed the same file since
        # (before, both commits were written: "50 unchanged" beside the first, and after the first was undone
        # none of the rows was stored while the file was refused as already imported)
        again = batches.committed_by_hash_in(
            cur, kind.name, prepared.raw.file_hash, batch.options, other_than=batch_id
        )
        if again is not None:
            raise same_file(_found_batch(con, again, user)).error()
        ctx = CommitContext(
            cur,
            batch_id,
            rows,
            prepared.present,
            options,
            user,
            batched_at,
            options.add_missing,
            kind,
            staged=staged is not None,
            decided=prepared.decided,
        )
        return kind.commit(cur, ctx)

    # spooled rows are temporary tables of the spool's own connection: the transaction runs there
    try:
        batch_id, counts = writes.commit_import(con if staged is None else staged.held, batch, write_rows)
    except db.WriteFailed as exc:  # rolled back whole: a refusal every caller says (never a traceback)
        if staged is not None:
            staged.check()  # a spool file removed during the commit: not the database's failure
        reason = db.cause(exc)
        if db.is_duplicate_key(reason) or db.is_conflict(reason):
            # another session's commit of the same rows won the race (a duplicate key, a conflict): after it
            # committed, the same file is "already imported as batch N"; other rows, say who wrote them
            again = batches.find_committed_by_hash(con, kind.name, prepared.raw.file_hash, batch.options)
            if again is not None:
                raise same_file(_found_batch(con, again, user)).error() from exc
            raise NothingWritten(
                "ingest.commit_raced",
                "Another upload wrote these rows at the same moment; nothing of this import was written. Check "
                "the file again to see what is stored now.",
            ) from exc
        if db.reopen_if_fatal(
            con, exc
        ):  # DuckDB invalidated the database: the server's connection opens anew
            raise _not_written(exc, "ingest.commit_fatal") from exc
        raise _not_written(exc) from exc
    return BatchResult(
        batch_id,
        kind.name,
        prepared.n_rows,
        counts.added,
        counts.updated,
        counts.unchanged,
        skipped,
        counts.master_added,
    )


_NOT_WRITTEN = {
    "ingest.commit_failed": "The database could not write this import ({detail}). Nothing of it was written; the "
    "check above still holds. Try again in a moment; if it fails again, ask an admin (the server may be short of "
    "memory or disk space).",
    "ingest.commit_fatal": "The database stopped while writing this import ({detail}) and has been opened again. "
    "Nothing of it was written; the check above still holds. The server is likely short of disk space: ask an "
    "admin to free some before trying again.",
}


def _not_written(exc: db.WriteFailed, reason: str = "ingest.commit_failed") -> NothingWritten:
    """The commit the database could not write (disk full, out of memory, the file locked; ``commit_fatal``: the
    database invalidated by it, ``db.is_fatal``), as the refusal the upload page, its multi-file form, the
    tablet form and the command line say: the database's own words."""
    cause = db.cause(exc)
    detail = f"{type(cause).__name__}: {(str(cause).splitlines() or [''])[0][:200]}"
    return NothingWritten(reason, _NOT_WRITTEN[reason], detail=detail)


def read(
    con,
    kind: Kind,
    data: bytes,
    file_name: str,
    limit_mb: int | None = None,
    lang: str = "en",
    sheet: str | None = None,
    scope=None,
) -> RawTable:
    """Read an upload of ``kind``: its own reader when it has one (``Kind.read``, which reads every sheet: no
    ``sheet`` to choose; ``scope``: the uploader's, whose stores its notices may name), else
    ``reading.read_upload`` (``sheet``: a workbook's sheet to read; none chosen, a kind with ``sheets_as_one``
    reads its sheets of the same columns as one table)."""
    if kind.read is not None:
        return kind.read(con, data, file_name, limit_mb, lang, scope)
    raw = read_upload(data, file_name, limit_mb, sheet, zero_padded=kind.zero_padded_codes)
    if kind.sheets_as_one and sheet is None:  # a sheet per month: all of them (``Kind.sheets_as_one``)
        from portal.ingest.sheets_as_one import read_like_sheets

        return read_like_sheets(kind, data, raw, limit_mb)
    return raw


def import_bytes(
    con,
    kind: Kind,
    data: bytes,
    file_name: str,
    column_mapping: Mapping[str, str | None] | None,
    options: ImportOptions,
    user: User,
    limit_mb: int | None = None,
) -> tuple[Prepared, BatchResult]:
    """Read, prepare and commit in one call (the CLI and the benchmark use this path). A refused commit's
    ``NothingWritten`` carries ``prepared`` (its rows' errors: where each is and why)."""
    raw = read(con, kind, data, file_name, limit_mb, options.lang, scope=user.scope)
    prepared = prepare(con, kind, raw, column_mapping, options, user)
    try:
        return prepared, commit(con, prepared, user)
    except NothingWritten as exc:
        exc.prepared = prepared
        raise
