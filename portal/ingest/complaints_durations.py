"""A complaint's first response and resolution given as durations after its received time (portal.ingest.complaints):
Chinese ticketing exports give 首响时长(秒) = 5400, 首次响应时长 "1小时23分", 处理时长(分钟), "2天3小时" and no stamp; read
nowhere, such a file's complaints were all open. A ``duration`` field (``Field.gives``: the stamp it gives) is read
by ``portal.ingest.durations`` and gives the stamp received_at + duration, exactly, on the rows whose stamp the file
leaves blank (a file without the stamp's column: on every row). Where a row has both, the stamp wins; a duration
that puts it more than a minute away (on another date, for a date-only stamp) is counted in a notice naming the
rows. A duration that is no duration, one that would end in the future, and one after a received date without a
time of day give no stamp: the row's stamp is left out as an unusable stamp is (the complaint still answered or
resolved, left out of the durations; ``complaints_order.check_order`` names the duration's column and the rows).
The stamps a duration gave are counted in a notice that says how its numbers were read (the header's unit). A
resolution duration beside a status saying the complaint is still open is the time so far: no stamp (``_still_open``)."""

from __future__ import annotations

import pandas as pd

from portal.i18n import Both, t
from portal.ingest import durations
from portal.ingest.core import CheckContext
from portal.ingest.errors import rows_with_ids
from portal.ingest.validation import clean_cells

AGREE = pd.Timedelta(minutes=1)  # a stamp and its duration further apart than this disagree
RECEIVED_DATE_ONLY = "received_date_only"  # why a duration gave no stamp (i18n ingest.left_out.<why>)


def duration_of(ctx: CheckContext, stamp: str) -> str | None:
    """The mapped duration field that gives ``stamp``, or None."""
    return next((f.name for f in ctx.kind.fields if f.gives == stamp and ctx.mapping.get(f.name)), None)


OPEN_STATUSES = ("open", "responded", "reopened")


def _still_open(ctx: CheckContext, duration: str, stamp: str, filled: pd.Series) -> pd.Series:
    """The rows whose duration would give a resolution (close) time while their status says the complaint is still
    open (处理中, 待受理, 挂起): the duration is the time so far (a helper's probe: 处理时长 of 5小时 beside 处理中
    gave the open complaint a resolution 5 h after it came, and 待受理, 挂起 counted as resolved). No stamp from it,
    said in a notice; a row without a readable status is read as before."""
    v = ctx.values
    if stamp not in ("resolved_at", "closed_at") or "status" not in v.columns:
        return pd.Series(False, index=v.index)
    still = filled & v["status"].isin(OPEN_STATUSES).fillna(False).astype(bool)
    if still.any():
        ctx.add_notice(
            "ingest.notice.duration_still_open",
            column=ctx.column_of(duration),
            status=ctx.column_of("status"),
            n=int(still.sum()),
            rows=rows_with_ids(v, still),
        )
    return still


def stamps_from_durations(ctx: CheckContext) -> None:
    """Give each mapped duration's stamp where the row has none; mark ``<stamp>_by_duration`` (the rows whose stamp
    is the duration's to give, used or left out) and count a stamp that disagrees with its duration. Runs first in
    the kind's check: a file with the duration and no stamp column gets the stamp's typed columns here."""
    v = ctx.values
    if "received_at" not in v:
        return
    for f in ctx.kind.fields:
        if not f.gives or not ctx.mapping.get(f.name):
            continue
        stamp, has_stamp = f.gives, f.gives in v.columns
        if not has_stamp:  # the file's stamp for it: only the duration
            v[stamp] = pd.Series(pd.NaT, index=v.index, dtype="datetime64[us]")
            v[f"{stamp}_date_only"] = False
            v[f"{stamp}_local_date"] = pd.Series(pd.NaT, index=v.index, dtype="datetime64[us]")
        cells, _ = clean_cells(ctx.raw[f.name].fillna("").astype(str))
        micros, why = durations.parse(cells, ctx.column_of(f.name))
        received = v["received_at"].astype("datetime64[us]")
        coarse = v["received_at_date_only"].fillna(False).astype(bool)
        delta = micros.fillna(0).to_numpy(dtype="int64").astype("timedelta64[us]")
        at = (received + delta).where(micros.notna() & received.notna() & ~coarse)
        local = (
            at.dt.tz_localize("UTC").dt.tz_convert(ctx.options.timezone).dt.tz_localize(None).dt.normalize()
        )
        left_before = v[f"{stamp}_left_out"].astype(bool) if f"{stamp}_left_out" in v else False
        given = v[stamp].notna() | left_before
        if has_stamp:
            both = v[stamp].notna() & at.notna()
            stamp_coarse = v[f"{stamp}_date_only"].fillna(False).astype(bool)
            apart = (v[stamp].astype("datetime64[us]") - at).abs() > AGREE
            other_day = v[f"{stamp}_local_date"].astype("datetime64[us]") != local
            disagree = both & ((~stamp_coarse & apart) | (stamp_coarse & other_day))
            if disagree.any():
                ctx.add_notice(
                    "ingest.notice.durations_disagree",
                    column=ctx.column_of(stamp),
                    duration=ctx.column_of(f.name),
                    n=int(disagree.sum()),
                    rows=rows_with_ids(v, disagree),
                )
        filled = ~given & micros.notna() & received.notna()
        filled = filled & ~_still_open(ctx, f.name, stamp, filled)
        future = filled & ~coarse & (at > pd.Timestamp(ctx.options.now_utc()))
        undated = filled & coarse
        bad = ~given & why.notna()
        used = filled & ~(future | undated)
        if used.any():
            unit = durations.header_unit(ctx.column_of(f.name)) or "cell"
            ctx.add_notice(
                "ingest.notice.stamps_from_durations",
                column=ctx.column_of(f.name),
                n=int(used.sum()),
                stamp=Both(*(ctx.kind.field(stamp).label(lang) for lang in ("en", "zh"))),
                unit=Both(*(t(f"ingest.duration_unit.{unit}", lang) for lang in ("en", "zh"))),
            )
            v.loc[used, stamp] = at[used]
            v.loc[used, f"{stamp}_local_date"] = local[used]
            v.loc[used, f"{stamp}_date_only"] = False
        left = future | undated | bad
        if left.any():
            reasons = (
                v[f"{stamp}_left_out_why"]
                if f"{stamp}_left_out_why" in v
                else pd.Series(None, index=v.index, dtype=object)
            )
            reasons = reasons.astype(object).where(~bad, why).where(~future, "future")
            v[f"{stamp}_left_out_why"] = reasons.where(~undated, RECEIVED_DATE_ONLY)
            v[f"{stamp}_left_out"] = (left_before | left).astype(bool)
        v[f"{stamp}_by_duration"] = (filled | bad).astype(bool)
