"""Stored stamps a re-import keeps that lie before the received time it gives (helper probe): an export with its
received time corrected later, or a status-only export read in another zone. The stage keeps a stored first
response, resolution or close time where the file gives none (no such column, or a stamp the import left out);
kept as they were, they gave negative durations (-3.0 h) and a met SLA. SPEC §4: a stamp before received_at is
left out of the durations and reported: such a kept stamp is left out as the file's own would be (blank, the
complaint still answered, resolved or closed at a time nobody knows: queries/writes/complaints_stage.sql), and
named in a notice. Compared as ``complaints_order.check_order`` compares a file's stamps: on the calendar date (in the
import's zone) when either side is date-only."""

from __future__ import annotations

import pandas as pd

from portal import db, writes
from portal.ingest.core import CheckContext
from portal.ingest.errors import rows_with_ids

# the typed field, and the stem of its stored and staged columns (first_response_date_only, *_stored_before)
STAMPS = (("first_response_at", "first_response"), ("resolved_at", "resolved"), ("closed_at", "closed"))


def stored_stamps(ctx: CheckContext, keys: pd.DataFrame) -> pd.DataFrame:
    """The stored stamps of the complaints ``keys`` (``source``, ``source_id`` by the file's row numbers) name, rows
    with an error left out: queries/writes/complaints_kept_stamps.sql indexed by row number (empty: none stored)."""
    keys = keys[~keys.index.isin(list(ctx.errors.rows()))]
    if keys.empty:
        return pd.DataFrame()
    with db.registered(ctx.cur, "complaint_kept_keys", keys.reset_index(names="row_no")):
        return writes.run(ctx.cur, "complaints_kept_stamps").df().set_index("row_no")


def check_kept_stamps(ctx: CheckContext) -> None:
    """Mark ``<stem>_stored_before`` on the rows whose stored stamp the stage would keep and that lies before the
    row's received time, with a notice per stamp naming the rows. Needs the stamps after ``check_order``."""
    v, present = ctx.values, ctx.present
    for _, stem in STAMPS:
        v[f"{stem}_stored_before"] = False
    if "received_at" not in v or v.empty:
        return
    keys = v[["source", "source_id"]].dropna()
    stored = stored_stamps(ctx, keys[v.loc[keys.index, "received_at"].notna()])
    if stored.empty:
        return
    received = v.loc[stored.index, "received_at"]
    received_date = v.loc[stored.index, "received_at_local_date"]
    received_coarse = v.loc[stored.index, "received_at_date_only"].astype(bool)
    for stamp, stem in STAMPS:
        kept = v.loc[stored.index, f"{stamp}_left_out"].astype(bool) if stamp in present else True
        at = pd.to_datetime(stored[stamp]).astype("datetime64[us]")
        date_only = stored[f"{stem}_date_only"].fillna(False).astype(bool)
        local = at.dt.tz_localize("UTC").dt.tz_convert(ctx.options.timezone).dt.tz_localize(None)
        local_date = at.where(date_only, local).dt.normalize()
        coarse = date_only | received_coarse
        before = (~coarse & (at < received)) | (coarse & (local_date < received_date))
        before = before & kept & at.notna()
        if not before.any():
            continue
        mask = pd.Series(v.index.isin(before[before].index), index=v.index)
        v[f"{stem}_stored_before"] = mask
        ctx.add_notice(
            "ingest.notice.stored_stamps_before_received",
            column=ctx.column_of(stamp),
            n=int(mask.sum()),
            rows=rows_with_ids(v, mask),
        )
