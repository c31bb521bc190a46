"""Date-only stamps of a re-import against the precise stamps stored for its complaints: a ticketing system's later
export that carries only dates (a status report, a summary sheet) for complaints imported earlier with times.
A date that falls on the stored time's local date in the import's zone says the same moment less precisely: the
stored time is kept (SPEC §2: a date-only stamp is kept as one, never a precise midnight, and a precise stamp is
not made coarser by a later file that knows less). A date that falls on another date is news: it is taken, as any
re-import's stamp is, and named in a notice (column, rows) so that nobody loses a time without being told. Runs
before ``complaints_order.check_order``, which then orders the kept times as the file's own."""

from __future__ import annotations

import pandas as pd

from portal.ingest import complaints_kept
from portal.ingest.core import CheckContext
from portal.ingest.errors import rows_with_ids

# the typed field (its stored column has the same name) and the stem of its stored *_date_only column
FIELDS = (
    ("received_at", "received"),
    ("first_response_at", "first_response"),
    ("resolved_at", "resolved"),
    ("closed_at", "closed"),
)


def keep_precise_stamps(ctx: CheckContext) -> None:
    """Where a row's stamp is date-only and its stored complaint holds a precise one on that local date, put the
    stored one in its place; where the stored one lies on another date, keep the file's and say so."""
    v = ctx.values
    fields = [(f, stem) for f, stem in FIELDS if f in ctx.present and f"{f}_date_only" in v]
    if v.empty or not fields or "source_id" not in v:
        return
    coarse = pd.concat(
        [v[f"{f}_date_only"].fillna(False).astype(bool) & v[f].notna() for f, _ in fields], axis=1
    )
    stored = complaints_kept.stored_stamps(ctx, v.loc[coarse.any(axis=1), ["source", "source_id"]].dropna())
    if stored.empty:
        return
    rows = stored.index
    for field, stem in fields:
        at = pd.to_datetime(stored[field]).astype("datetime64[us]")
        precise = at.notna() & ~stored[f"{stem}_date_only"].fillna(False).astype(bool)
        date_only = v.loc[rows, f"{field}_date_only"].fillna(False).astype(bool) & v.loc[rows, field].notna()
        local = (
            at.dt.tz_localize("UTC").dt.tz_convert(ctx.options.timezone).dt.tz_localize(None).dt.normalize()
        )
        same_day = local == pd.to_datetime(v.loc[rows, f"{field}_local_date"]).astype("datetime64[us]")
        kept = (precise & date_only & same_day).astype(bool)
        replaced = (precise & date_only & ~same_day).astype(bool)
        if kept.any():
            v.loc[kept[kept].index, field] = at[kept].to_numpy()
            v.loc[kept[kept].index, f"{field}_date_only"] = False
        if replaced.any():
            mask = pd.Series(v.index.isin(replaced[replaced].index), index=v.index)
            ctx.add_notice(
                "ingest.notice.precise_stamps_replaced",
                column=ctx.column_of(field),
                n=int(mask.sum()),
                rows=rows_with_ids(v, mask),
            )
