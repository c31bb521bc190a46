"""The complaint export kind: row rules, the set-based commit (queries/writes/complaints_*.sql) and the tables
undo restores (the core undoes, from ``KIND.tables``). Fields and their spellings: portal.ingest.complaints_fields.

Rules (each has a test in tests/test_ingest_*.py)
-------------------------------------------------
- Key: (source, source_id). ``source`` comes from a mapped source column, else from the import's
  ``--source`` option (default "ticketing"). A key seen twice in one file: the repeats are invalid rows. A file
  without an id column: ``derived_ids`` (the cells a complaint keeps while it is handled).
- A re-imported complaint is updated in place (status, times and every other field the file carries);
  a field the file does not carry at all (its column is absent or not mapped) keeps its stored value.
  Its status history gains a row whenever its status changes; nothing is overwritten there. A row that would
  take it back to an earlier state (an older export: portal.ingest.complaints_older) is refused or named.
  Before an update the complaint's whole row is kept in ``batch_row_snapshots`` so undo restores it.
- Status, when not mapped (or blank), follows from the stamps: closed_at -> closed, resolved_at -> resolved,
  first_response_at -> responded, else open. A mapped status wins: a *cancelled* complaint that carries a
  closed date stays cancelled (the dashboard counts it as cancelled, never as resolved). ``reopened``
  without a reopen-count column adds one to the stored reopen count (a new complaint: 1).
- Status history: one row per status an import saw, ``changed_at`` = the stamp of that status
  (open: received_at, responded: first_response_at, resolved: resolved_at, closed and cancelled: closed_at),
  else the batch's time (reopened always, and any status whose stamp is missing).
- Region: the store's region on the complaint's received date in the reporting zone (store_region_history, else
  its current region; as a survey response or inspection of that store and day), set when the complaint is first
  imported (or its store changes); a re-import with the same store keeps the region the complaint was filed under.
- Category: the source's text is kept (``category_raw``); its standard group (``category_group``) comes from
  the value map, the group's own name, whole-word keywords, else other (portal.ingest.categories).
- Values nobody mapped (channel, severity, status) never reject a row: they count as other / normal / the
  status the stamps give, the file's text kept beside (portal.ingest.values); a file without a channel column
  counts each complaint it adds as other (no text kept; a stored one keeps its channel). A later stamp that is
  unreadable, in the future or before received_at (compared on the calendar date when either side is
  date-only) is left out of the durations and counted in a notice; a resolution left out is never replaced by the
  close time (``resolved_left_out``, migration 032).
- A first response or resolution given as a duration after the received time (首响时长(秒), 处理时长 "2天3小时"):
  received_at + duration where the row has no stamp; a stamp beside it wins, a disagreement over a minute is
  counted in a notice (portal.ingest.complaints_durations).
- A re-import's date-only stamp keeps a stored precise one on that local date (the import's zone); a date on another
  day replaces it, named in a notice (portal.ingest.complaints_precise).
- Invalid rows: received_at missing, unparseable or in the future; csat outside 1-5; reopen count not a
  whole number >= 0; unknown store or agent code (unless a manager or admin chose to add them to the master
  data: they are then created with the code as their name and the import's time zone, ``created_batch_id``
  set, no region, and removed again by undo); a store outside the uploader's scope; a complaint without a store uploaded by someone without chain-wide scope; a key
  that already belongs to a complaint of a store outside the uploader's scope.
- Codes that lost their leading zeros (Excel turns 0042 into 42, S001 into S1 rarely, but "42" often):
  a code not found as written is matched, case-insensitively, to the master code that is equal once leading
  zeros of every digit run are dropped, when exactly one such code exists; else a store or agent given by its
  name (a store also by its Chinese name; NFKC, trimmed, case-insensitive) is matched to the code of the one
  store or agent so named, and never added as a new code; a name several share is an invalid row naming their
  codes (ingest.error.ambiguous_store / ambiguous_agent), as is a code written like several master codes
  (ingest.error.alike_store / alike_agent: S0001 beside S001 and S01). The preview lists each repair (its column as the
  file has it).
- Time zones: naive stamps are local time of the import's time zone and stored in UTC; see
  portal.ingest.validation for formats, offsets and the midnight rule.

How dashboards treat date-only stamps (``*_date_only`` true)
------------------------------------------------------------
A date-only stamp is stored as that calendar date at 00:00 *without* a time-zone shift (it is a date, not
an instant). The figures read it as that date of the reporting zone (models/complaint_facts.sql): it counts
for volume, backlog membership, status and every count by day/week/month on its own date in every zone. Its
durations are counted in whole days, not hours (portal/complaints/__init__.py). Ordering checks at import
compare such stamps on the calendar date only.

What the file told (issue 9): ``status_known`` (a mapped status, or the stamps of a file with resolution or
close times) and ``reopen_known`` (a reopen count; or readable statuses of a complaint first seen open or
responded, each later export's status recorded and a later "reopened" counted: a status alone cannot tell whether
a complaint first seen resolved, closed or reopened was reopened before, or how often) are stored per complaint; a
re-import that carries none of those columns keeps them. A status change is recorded at the file's stamp for it
only when no later change is recorded, else at the import's time.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd

from portal import db, settings, writes
from portal.i18n import Both, listed
from portal.ingest import categories, subtotals
from portal.ingest.cells import one_space_column, shared_objects
from portal.ingest.complaints_durations import stamps_from_durations
from portal.ingest.complaints_fields import FIELDS, TEMPLATE_ROWS
from portal.ingest.complaints_kept import check_kept_stamps
from portal.ingest.complaints_older import check_older_state, refuse_older_at_commit
from portal.ingest.complaints_order import check_order, derived_status
from portal.ingest.complaints_precise import keep_precise_stamps
from portal.ingest.complaints_zone_shift import check_derived_shift
from portal.ingest.core import CheckContext, CommitContext
from portal.ingest.kinds import Counts, Kind, Table
from portal.ingest.validation import clean_cells
from portal.vocab import CATEGORY_GROUPS, SEVERITIES
from portal.vocab import COMPLAINT_CHANNELS as CHANNELS
from portal.vocab import COMPLAINT_STATUSES as STATUSES

__all__ = ["CATEGORY_GROUPS", "CHANNELS", "SEVERITIES", "STATUSES"]
RAW_KEPT = (
    "channel",
    "status",
    "severity",
)  # the file's text kept beside the standard value (channel_raw ...)


# ---------------------------------------------------------------- checks
# the mapped fields a derived id rests on: what a complaint keeps while it is handled (never its status, stamps,
# agent, severity, reopen count or satisfaction, which a later export of it changes)
# the cells every complaint has one of and a subtotal row none (``subtotals``)
NO_SUBTOTAL_CELLS = ("store_code", "status", "channel", "agent_code", "first_response_at", "resolved_at")
LASTING = ("received_at", "store_code", "store_name_zh", "channel", "category")


def derived_ids(ctx: CheckContext, spaced: dict[str, pd.Series]) -> pd.Series:
    """A stable id for each row of a file without an id column (queries/writes/complaints_derived_ids.sql): ``h-``
    and 16 hex digits of the SHA-256 of the row's lasting cells (``LASTING``, those the file maps), ``-k`` for the
    k-th row alike in them, so a later export of the same complaints, their status and times changed, gets the same
    ids. A complaint stored under the id of an earlier version (a hash of every mapped cell) keeps it. Needs
    ``store_code`` matched (``match_codes``) and ``source``; ``spaced``: the channel and category cells as they are
    stored (``check_rows``), compared with the stored complaints'."""
    v, raw = ctx.values, ctx.raw
    cols = sorted(raw.columns)  # the earlier id's text: every mapped cell, "field=cell" in field order
    legacy = pd.Series("", index=raw.index, dtype=object)
    for i, col in enumerate(cols):
        legacy = legacy + ("\x1f" if i else "") + col + "=" + raw[col].fillna("").astype(str).str.strip()

    def column(name: str, values: pd.DataFrame | dict[str, pd.Series]) -> pd.Series:
        if name not in values:  # a frame's column or a dict's key
            return pd.Series(None, index=v.index, dtype=object)
        return values[name].astype(object).where(values[name].notna(), None)

    keys = pd.DataFrame(
        {
            "source": column("source", v),
            "received_at": v["received_at"] if "received_at" in v.columns else pd.NaT,
            "received_text": column("received_at", raw),
            "store_code": column("store_code", v),
            "store_name_zh": column("store_name_zh", raw),
            "channel_raw": column("channel_raw", v),
            "category_raw": column("category_raw", v),
            # as they are stored (one space, none between Chinese characters): what a stored complaint's cells are
            # compared with; the id itself rests on the cells above, so that no stored id changes
            "channel_clean": column("channel_raw", spaced),
            "category_clean": column("category_raw", spaced),
            "legacy_text": legacy.astype(object),
        },
        index=v.index,
    )
    present = ctx.present
    flags = {
        "has_store": "store_code" in present,
        "has_store_name": "store_name_zh" in present,
        "has_channel": "channel" in present,
        "has_category": "category" in present,
    }
    keys = keys.reset_index(names="row_no")
    decided = ctx.spool is not None and ctx.spool.alike_refused is not None
    refused = ctx.spool.alike_refused if decided else NO_KEYS
    with contextlib.ExitStack() as stack:
        if ctx.spool is None:  # read whole: no earlier chunk
            cur = ctx.cur
            stack.enter_context(db.registered(cur, "complaint_derived_earlier", NO_EARLIER))
        else:  # a chunk: numbered on from the earlier chunks' rows, on the spool's cursor (its temporary table)
            cur = ctx.spool.held
        stack.enter_context(db.registered(cur, "complaint_alike_refused", refused))
        stack.enter_context(db.registered(cur, "complaint_derived_keys", keys))
        ids = writes.run(cur, "complaints_derived_ids", flags | {"alike_decided": decided}).df()
    if ctx.spool is not None:
        ctx.spool.add_derived(ids.loc[ids["is_new"], list(NO_EARLIER.columns)])
    ids.index = v.index
    # review of 802d10a: rows alike that stored complaints alike cannot be matched to one to one (another count)
    ctx.add_error(ids["is_alike_unmatched"], "received_at", "ingest.error.alike_unmatched")
    return pd.Series(ids["source_id"].to_numpy(dtype=object), index=v.index)


NO_KEYS = pd.DataFrame({"source": pd.Series(dtype=str), "alike_id": pd.Series(dtype="UInt64")})
NO_EARLIER = pd.DataFrame(
    {
        "source": pd.Series(dtype=str),
        "key_id": pd.Series(dtype=str),
        "legacy_id": pd.Series(dtype=str),
        "ordinal": pd.Series(dtype="int64"),
        "stored_n": pd.Series(dtype="int64"),
        "is_alike_unmatched": pd.Series(dtype=bool),
        "alike_id": pd.Series(dtype="UInt64"),
    }
)


def check_rows(ctx: CheckContext) -> None:
    # a 小计 / 合计 row under a day's tickets (its date beside it): no complaint (it was stored as the open complaint
    # "小计", and the next one refused as its repeat)
    subtotals.pass_over_subtotals(ctx, NO_SUBTOTAL_CELLS, "ingest.notice.subtotal_rows")
    v, present, opts = ctx.values, ctx.present, ctx.options
    stamps_from_durations(ctx)  # first: a file with a duration and no stamp column gets the stamp here
    if "source_id" in present:
        ctx.add_error(v["source_id"].isna(), "source_id", "ingest.error.required")
    if "source" in present:
        v["source"] = v["source"].fillna(opts.source)
    else:
        v["source"] = opts.source
    v["category_raw"] = v["category"] if "category" in present else None
    v["category_group"] = (
        categories.groups(v["category_raw"], opts.value_map.get("category"))
        if "category" in present
        else "other"
    )
    v["severity"] = v["severity"].fillna("normal") if "severity" in present else "normal"
    if "channel" not in present:  # an export without a channel column: each new complaint counts as other
        v["channel"] = "other"
        ctx.add_notice("ingest.notice.no_channel_column", n=len(v))
    v["status_given"] = v["status"] if "status" in present else None
    for name in RAW_KEPT:
        if name in present:
            cells, _ = clean_cells(ctx.raw[name].fillna("").astype(str))
            v[f"{name}_raw"] = shared_objects(cells.where(cells != "", None))

    ctx.match_codes("store_code")
    ctx.match_codes("agent_code")
    # one space, none between Chinese characters (3923533), as stored; once per column
    spaced = {
        f"{name}_raw": shared_objects(one_space_column(v[f"{name}_raw"]))
        for name in ("category", *RAW_KEPT)
        if name in present
    }
    if "source_id" not in present:  # no id column: a derived id, said in the preview (issue 9)
        v["source_id"] = derived_ids(ctx, spaced)
        lasting = [ctx.column_of(f) for f in LASTING if f in present]
        ctx.add_notice("ingest.notice.derived_ids", n=len(v), columns=listed(lasting))
    # after the derived ids, which read the cells as before (3923533 changed them first: new ids, duplicates)
    for name, cells in spaced.items():
        v[name] = cells
    ctx.check_scope(
        "complaints",
        {"source": "source", "source_id": "source_id"},
        "ingest.error.key_out_of_scope",
        row_on=_received_on(ctx),
    )
    keep_precise_stamps(ctx)  # before the order check, which then orders the stored times kept
    check_order(ctx)
    _check_other_system(ctx)
    check_derived_shift(ctx)
    check_older_state(ctx)
    check_kept_stamps(ctx)
    v["status"] = (
        v["status_given"].where(v["status_given"].notna(), derived_status(v, present))
        if "status" in present
        else derived_status(v, present)
    )


def _received_on(ctx: CheckContext) -> pd.Series:
    """Each row's received date in the reporting zone (models/complaint_received_on.sql): the day a new complaint's
    region is taken on (complaints_stage), so the scope check decides by the region the row will be stored with."""
    v = ctx.values
    if ctx.user.scope.all_stores or "received_at" not in v.columns:
        return pd.Series(pd.NaT, index=v.index)
    date_only = v["received_at_date_only"] if "received_at_date_only" in v.columns else False
    stamps = pd.DataFrame({"received_at": v["received_at"], "received_date_only": date_only}, index=v.index)
    params = {"report_tz": settings.report_timezone(ctx.cur)}
    with db.registered(ctx.cur, "complaint_stamps", stamps.reset_index(names="row_no")):
        days = writes.run(ctx.cur, "complaints_received_on", params).df()
    return pd.Series(days["received_on"].to_numpy(), index=v.index)


# a re-imported complaint whose received time moved by more than this is more likely another system's ticket
# of the same id than a correction
MOVED_HOURS = 24


def _check_other_system(ctx: CheckContext) -> None:
    """Rows whose key is a stored complaint's but whose received time lies over MOVED_HOURS from it, or whose
    store is another: two systems imported under one source (the default "ticketing") share ids, and the file
    would overwrite the other system's complaints. And rows whose id is new but a stored complaint's once
    leading zeros are ignored (Excel re-saved the export): they would be added a second time. And rows whose
    received time is a stored complaint's moved by whole hours (the file's times in another zone than chosen).
    Each said in a notice (the source and the count) before the commit; the rows themselves are valid."""
    v = ctx.values
    if "received_at" not in v.columns:
        return
    keys = v[["source", "source_id", "received_at", "store_id"]].dropna(subset=["source", "source_id"])
    if keys.empty:
        return
    with db.registered(ctx.cur, "ingest_moved_keys", keys.reset_index(names="row_no")):
        moved = ctx.cur.execute(
            "select k.source, count(*) from ingest_moved_keys as k join complaints as c "
            "on c.source = k.source and c.source_id = k.source_id "
            "where abs(epoch(k.received_at) - epoch(c.received_at)) > $hours * 3600 "
            "or (k.store_id is not null and c.store_id is not null and k.store_id <> c.store_id) "
            "group by 1 order by 1",
            {"hours": MOVED_HOURS},
        ).fetchall()
        # an id Excel re-saved without its leading zeros (00001001 -> 1001) is a new key: the row would be
        # added beside the stored complaint, not update it
        # a later export of the same complaints written in another zone (a helper's probe: the same tickets in UTC
        # after Beijing time moved every stored received time by 8 hours, unsaid): the stored and the file's
        # received times a whole number of hours apart (the minutes and seconds alike), up to 14
        shifted = ctx.cur.execute(
            "select k.source, ((epoch(k.received_at) - epoch(c.received_at)) / 3600)::integer, count(*) "
            "from ingest_moved_keys as k join complaints as c on c.source = k.source and c.source_id = k.source_id "
            "where epoch(k.received_at) <> epoch(c.received_at) "
            "and (epoch(k.received_at) - epoch(c.received_at)) % 3600 = 0 "
            "and abs(epoch(k.received_at) - epoch(c.received_at)) <= 14 * 3600 "
            "group by all order by 1, 3 desc, 2"
        ).fetchall()
        zeros = ctx.cur.execute(
            "select k.source, count(distinct k.row_no) from ingest_moved_keys as k join complaints as c "
            "on c.source = k.source and c.source_id <> k.source_id "
            "and ltrim(c.source_id, '0') = ltrim(k.source_id, '0') and ltrim(k.source_id, '0') <> '' "
            "where not exists (select 1 from complaints as s where s.source = k.source "
            "and s.source_id = k.source_id) group by 1 order by 1"
        ).fetchall()
    for source, n in moved:
        ctx.add_notice("ingest.notice.other_system", n=int(n), source=source)
    for source, n in zeros:
        ctx.add_notice("ingest.notice.lost_zeros", n=int(n), source=source)
    for source, hours, n in shifted:
        direction = Both("later", "晚") if hours > 0 else Both("earlier", "早")
        ctx.add_notice(
            "ingest.notice.zone_shift", n=int(n), source=source, hours=abs(int(hours)), direction=direction
        )


# ---------------------------------------------------------------- commit
ROW_COLUMNS = {
    "source": "object",
    "source_id": "object",
    "received_at": "datetime64[us]",
    "received_date_only": "bool",
    "channel": "object",
    "category_raw": "object",
    "category_group": "object",
    "severity": "object",
    "store_code": "object",
    "agent_code": "object",
    "first_response_at": "datetime64[us]",
    "first_response_date_only": "bool",
    "resolved_at": "datetime64[us]",
    "resolved_date_only": "bool",
    "closed_at": "datetime64[us]",
    "closed_date_only": "bool",
    "first_response_left_out": "bool",
    "resolved_left_out": "bool",
    "closed_left_out": "bool",
    "first_response_stored_before": "bool",  # a stored stamp kept, before the received time (complaints_kept)
    "resolved_stored_before": "bool",
    "closed_stored_before": "bool",
    "status_given": "object",
    "channel_raw": "object",
    "status_raw": "object",
    "severity_raw": "object",
    "reopen_count": "Int64",
    "post_resolution_csat": "Int64",
    "older_noticed": "bool",  # named in the preview's notice of complaints_older (its commit's check again)
}

# typed-frame column -> staged column, where they differ (a timestamp field x gives x_date_only)
_FROM_TYPED = {
    "received_date_only": "received_at_date_only",
    "first_response_date_only": "first_response_at_date_only",
    "resolved_date_only": "resolved_at_date_only",
    "closed_date_only": "closed_at_date_only",
    "first_response_left_out": "first_response_at_left_out",
    "resolved_left_out": "resolved_at_left_out",
    "closed_left_out": "closed_at_left_out",
}


def _rows_frame(rows: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=rows.index)
    for col, dtype in ROW_COLUMNS.items():
        source = _FROM_TYPED.get(col, col)
        if source in rows.columns:
            series = rows[source]
        elif dtype == "bool":
            series = pd.Series(False, index=rows.index)
        else:
            series = pd.Series(None, index=rows.index, dtype=object)
        if dtype == "object":
            series = series.astype(object).where(series.notna(), None)
        out[col] = series.astype(dtype) if dtype != "object" else series
    out = out.reset_index(names="row_no")
    # the row's place among the valid rows: complaints_insert_new numbers new complaints by it, in file order
    out["row_seq"] = np.arange(len(out), dtype="int64")
    return out


def commit_rows(cur, ctx: CommitContext) -> Counts:
    """Stage the rows against the stored complaints, then update the changed ones (before-images kept) and
    insert the new ones, each with its status history (queries/writes/complaints_*.sql); a file of new keys
    only is inserted without the stage (``_insert_new``)."""
    present = ctx.present
    if not ctx.staged:  # else the rows of a file read in chunks are the relation already
        cur.register("ingest_rows", _rows_frame(ctx.rows))
    try:
        master_added = ctx.add_missing_codes(
            "ingest_rows", [f for f in ("store_code", "agent_code") if f in present]
        )
        flags = {
            "has_category": "category" in present,
            "has_channel": "channel" in present,
            "has_severity": "severity" in present,
            "has_store": "store_code" in present,
            "has_agent": "agent_code" in present,
            "has_first_response": "first_response_at" in present,
            "has_resolved": "resolved_at" in present,
            "has_closed": "closed_at" in present,
            "has_status": "status" in present,
            "has_reopen": "reopen_count" in present,
            "has_csat": "post_resolution_csat" in present,
            "report_tz": settings.report_timezone(cur),  # the day a new complaint's region is taken on
        }
        added = _insert_new(ctx, flags)  # a file of new keys only: no stage (issue 14)
        if added is None:  # a stored key: an older state is refused again (a newer export since the preview)
            refuse_older_at_commit(ctx)
            ctx.run("complaints_stage", flags)
    finally:
        if not ctx.staged:
            cur.unregister("ingest_rows")
    if added is not None:
        return Counts(added, 0, 0, master_added)
    added, updated, unchanged = ctx.counts("ingest_stage")
    if updated or unchanged:  # the rows held unchanged too: a later undo of the batch that wrote them waits
        ctx.snapshot("complaints", "ingest_stage")
    if updated:
        ctx.run("complaints_history_changed")
        ctx.run("complaints_update")
        ctx.run("complaints_update_keys")
    if added:
        ctx.run("complaints_insert")
        ctx.run("complaints_history_new")
    ctx.run("complaints_stage_drop")
    return Counts(added, updated, unchanged, master_added)


def _insert_new(ctx: CommitContext, flags: dict) -> int | None:
    """Insert the rows (``ingest_rows``) when none of their keys is stored, straight from them with the ids of a
    block taken in file order (queries/writes/complaints_insert_new.sql), and their status history: the number
    added. None (nothing written) when some key is stored, or when the block of ids is not one run (another
    insert took ids meanwhile): the stage then decides each row. Staging a million new rows, sorting them by row
    and joining them back by key for their history cost more than half the commit (issue 14)."""
    n_rows, n_stored, first_seq, last_seq = ctx.run("complaints_keys_stored").fetchone()
    if n_stored or not n_rows or (first_seq, last_seq) != (0, n_rows - 1):
        return None  # a stored key, or places not 0 .. n - 1 (ids past the block would meet later ones): the stage
    first_id, last_id, n = ctx.run("complaints_reserve_ids", {"n": int(n_rows)}).fetchone()
    if last_id - first_id + 1 != n:
        return None
    ids = {"first_id": int(first_id), "last_id": int(last_id)}
    ctx.run("complaints_insert_new", flags | ids)
    ctx.run("complaints_history_inserted", ids)
    return int(n_rows)


KIND = Kind(
    name="complaints",
    title_key="ingest.kind.complaints",
    fields=FIELDS,
    key_fields=("source", "source_id"),
    upload_roles=frozenset({"admin", "manager"}),
    add_missing_roles=frozenset({"admin", "manager"}),
    check=check_rows,
    commit=commit_rows,
    tables=(
        Table("complaint_status_history"),
        Table(
            "complaints",
            key="complaint_id",
            snapshot=True,
            updated_batch_column="updated_batch_id",
            master=(("store_id", "stores"), ("agent_id", "agents")),
        ),
    ),
    template_rows=TEMPLATE_ROWS,
    needs_timezone=True,
    rows_frame=_rows_frame,
)
