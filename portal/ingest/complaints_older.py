"""Complaint rows that would take a stored complaint back to an earlier state: an export older than one imported
before (imported after it by mistake, or a scheduled job run out of order). Before, such a file was committed
as any re-import: a stored first response, resolution and close time went blank, the status went back and the
reopen count down, and the status history gained a change "observed" at the import — the complaint read as
unanswered and open again, a breach of the 24 h commitment.

What never happens to a complaint is refused by row, naming the column, the stored value and what to do
(queries/writes/complaints_older_state.sql decides): a stored first response the file leaves blank (a complaint
once answered stays answered), a reopen count below the stored one, and a stored resolution or close time of a
resolved or closed complaint the file leaves blank while its reopen count says it was not reopened since. A
file without a reopen count cannot tell an older export from a reopen (a reopened complaint may come back open
or in progress with its resolution cleared, or kept, or a file may have no resolution column): such rows stay
valid, are named in a notice before the commit and count as a reopen (complaints_stage).
A stamp the file gives but the import left out (unreadable, before the received time) is no blank: the stored
stamp is kept (complaints_stage)."""

from __future__ import annotations

import pandas as pd

from portal import db, settings, writes, zones
from portal.ingest.core import CheckContext, CommitContext, NothingWritten
from portal.ingest.errors import rows_with_ids, values_detail

STAMP_RULES = (
    ("first_response_at", "lost_response", "ingest.error.older_export_response"),
    ("resolved_at", "lost_resolved", "ingest.error.older_export_resolved"),
    ("closed_at", "lost_closed", "ingest.error.older_export_closed"),
)


# the staged rows' columns the check reads (complaints.ROW_COLUMNS), from the typed frame's columns
_CHECKED = {
    "source": "source",
    "source_id": "source_id",
    "first_response_at": "first_response_at",
    "first_response_left_out": "first_response_at_left_out",
    "resolved_at": "resolved_at",
    "resolved_left_out": "resolved_at_left_out",
    "resolved_date_only": "resolved_at_date_only",
    "closed_at": "closed_at",
    "closed_left_out": "closed_at_left_out",
    "reopen_count": "reopen_count",
    "status_given": "status_given",
    "older_noticed": "older_noticed",
}


REFUSING = ("lost_response", "fewer_reopens", "lost_resolved", "lost_closed")  # the rules that refuse a row


def _flags(present, file_counts: bool) -> dict:
    return {
        "has_first_response": "first_response_at" in present,
        "has_resolved": "resolved_at" in present,
        "has_closed": "closed_at" in present,
        "has_reopen": "reopen_count" in present,
        "file_counts": file_counts,
    }


COUNTED = "reopens_counted"  # Prepared.decided: some row of the whole file has a reopen count above 0


def _file_counts(ctx: CheckContext) -> bool:
    """Whether the whole file has a reopen count above 0 (any row, valid or not), kept for the commit's check
    again (``CheckContext.decided``). A chunk of a file read in chunks goes by the file's (``Spool.decide``): a
    count above 0 only after the first chunk decided it per chunk, and the commit, deciding for the whole file,
    then refused every try (session 38's probe)."""
    counts = ctx.values["reopen_count"] if "reopen_count" in ctx.present else pd.Series(dtype=float)
    shown = bool((pd.to_numeric(counts, errors="coerce") > 0).any())
    counted = shown if ctx.spool is None else ctx.spool.decide(COUNTED, shown)
    ctx.decided[COUNTED] = counted
    return counted


def check_older_state(ctx: CheckContext) -> None:
    """Refuse (or, without a reopen count, name) the rows that would take a stored complaint back (module doc).
    Needs ``source``, ``source_id``, the stamps after ``check_order`` and ``status_given``."""
    v, present = ctx.values, ctx.present
    counted = _file_counts(ctx)  # decided for every file: the commit's check again needs it
    if not ({"first_response_at", "resolved_at", "closed_at", "reopen_count", "status"} & present) or v.empty:
        return
    rows = pd.DataFrame(
        {
            col: (v[typed] if typed in v else pd.Series(None, index=v.index, dtype=object))
            for col, typed in _CHECKED.items()
        },
        index=v.index,
    ).dropna(subset=["source", "source_id"])
    rows["reopen_count"] = pd.to_numeric(rows["reopen_count"], errors="coerce").astype("Int64")
    # a row already refused (a key of a complaint outside the uploader's scope among them) is not written either:
    # its stored state is not told
    rows = rows[~rows.index.isin(list(ctx.errors.rows()))]
    if rows.empty:
        return
    with db.registered(ctx.cur, "ingest_older_rows", rows.reset_index(names="row_no")):
        found = writes.run(ctx.cur, "complaints_older_state", _flags(present, counted)).df()
    if found.empty:
        return
    if ctx.spool is not None and found[["lost_resolved", "lost_closed", "unreopened"]].any(axis=None):
        ctx.spool.used(
            COUNTED, counted
        )  # these rows go by it: a chunk read before the file decided is read again
    found = found.set_index("row_no")
    zone = settings.report_timezone(ctx.cur)
    names = zones.zone_names(zone)
    for stamp, flag, reason in STAMP_RULES:
        hit = found[found[flag].fillna(False).astype(bool)]
        if hit.empty:
            continue
        # one detail per distinct time, mapped to its rows (one json.dumps a row cost 5.4 s of 200k rows)
        texts = pd.Series(_stamp_texts(hit, stamp, zone), index=hit.index)
        detail = texts.map({at: values_detail(at=at, zone=names) for at in texts.unique()})
        ctx.add_error(pd.Series(v.index.isin(hit.index), index=v.index), stamp, reason, detail=detail)
    fewer = found[found["fewer_reopens"].fillna(False).astype(bool)]
    if not fewer.empty:
        counts = fewer["stored_reopen_count"].astype("int64")
        detail = counts.map({n: values_detail(stored=int(n)) for n in counts.unique()})
        ctx.add_error(
            pd.Series(v.index.isin(fewer.index), index=v.index),
            "reopen_count",
            "ingest.error.older_export_reopens",
            detail=detail,
        )
    earlier = found["earlier_resolution"].fillna(False).astype(bool)
    if earlier.any():  # a probe: the 3 h of an older export replaced the stored 27 h without a word
        mask = pd.Series(v.index.isin(found.index[earlier]), index=v.index)
        ctx.add_notice(
            "ingest.notice.earlier_resolution",
            column=ctx.column_of("resolved_at"),
            n=int(mask.sum()),
            rows=rows_with_ids(v, mask),
        )
    unreopened = found[found["unreopened"].fillna(False).astype(bool)]
    if not unreopened.empty:
        mask = pd.Series(v.index.isin(unreopened.index), index=v.index)
        ctx.add_notice("ingest.notice.older_state", n=int(mask.sum()), rows=rows_with_ids(v, mask))
        v["older_noticed"] = mask  # staged with the row: the commit's check again knows it was told


def refuse_older_at_commit(ctx: CommitContext) -> None:
    """The preview's check again, inside the commit's transaction, over the rows about to be written
    (``ingest_rows``: the whole file's valid rows, or a file read in chunks' spool): a newer export committed since
    the preview (another session, the command line) would otherwise be taken back by the older file the preview
    found nothing against. Any row the preview would now refuse refuses the commit: nothing written; so does a row
    it would now name in its notice but did not (a newer import stored the complaint resolved or closed since):
    committing would clear its times without a word (session 38's probe). Each refusal names how many rows and
    the first of them with their ids, as the preview's notice does. The preview decides whether the file counts
    reopens from any of its rows, valid or not (``_file_counts``); the commit sees only the valid ones, so without
    that decision it refuses (check the file again) rather than decide from fewer rows."""
    counted = ctx.decided.get(COUNTED)
    if counted is None:
        raise NothingWritten(
            "ingest.refused.older_undecided",
            "This file's check did not record whether its rows count reopens, which the commit's check of older "
            "exports needs. Nothing was written; check the file again.",
        )
    with db.registered(ctx.cur, "ingest_older_rows", ctx.cur.table("ingest_rows")):
        found = writes.run(ctx.cur, "complaints_older_state", _flags(ctx.present, counted)).df()
    found = found.set_index("row_no")
    refusing = found[list(REFUSING)].fillna(False).astype(bool).any(axis=1)
    if refusing.any():
        raise NothingWritten(
            "ingest.refused.older_since_preview",
            "A newer export of {n} of these complaints (rows {rows}) was imported since this file was checked: "
            "committing it would take them back to an earlier state. Nothing was written; check the file again.",
            **_named(found, refusing),
        )
    unnamed = found["unreopened"].fillna(False).astype(bool) & ~found["noticed"].fillna(False).astype(bool)
    if unnamed.any():
        raise NothingWritten(
            "ingest.refused.older_notice_since_preview",
            "{n} of these complaints (rows {rows}) were stored as resolved or closed since this file was checked, "
            "and this file leaves their resolution or close time blank. Nothing was written; check the file "
            "again: the preview names those rows.",
            **_named(found, unnamed),
        )


def _named(found: pd.DataFrame, mask: pd.Series) -> dict:
    """A refusal's rows: how many, and the first of them as the sheet numbers them with their ids."""
    return {"n": int(mask.sum()), "rows": rows_with_ids(found, mask)}


def _stamp_texts(found: pd.DataFrame, stamp: str, zone: str) -> list[str]:
    """The stored stamps as the reader knows them, column-wide: a date-only stamp as its date, else local time in
    the reporting zone to the minute (each distinct stamp formatted once)."""
    stamps = pd.to_datetime(found[stamp])
    distinct = pd.Series(stamps.unique())
    local = dict(zip(distinct, zones.local_column(distinct, zone).dt.strftime("%Y-%m-%d %H:%M"), strict=True))
    dates = dict(zip(distinct, distinct.dt.strftime("%Y-%m-%d"), strict=True))
    date_only = found[f"{stamp.removesuffix('_at')}_date_only"].fillna(False).astype(bool)
    return stamps.map(dates).where(date_only, stamps.map(local)).tolist()
