"""The order of a complaint row's stamps (portal.ingest.complaints): a later stamp that did not parse, lies in the
future or is earlier than the received time is left out of the durations and named in a notice; the status the
stamps give where the file gives none."""

from __future__ import annotations

import pandas as pd

from portal.i18n import Both, t
from portal.ingest.complaints_durations import duration_of
from portal.ingest.errors import rows_with_ids
from portal.ingest.stamp_reasons import elapsed_clocks
from portal.ingest.validation import clean_cells

STAMPS = ("first_response_at", "resolved_at", "closed_at")


def derived_status(v: pd.DataFrame, present) -> pd.Series:
    """The status the stamps give; a stamp left out (``check_order``) still says what happened."""
    status = pd.Series("open", index=v.index, dtype=object)
    for stamp, value in (
        ("first_response_at", "responded"),
        ("resolved_at", "resolved"),
        ("closed_at", "closed"),
    ):
        if stamp in present:
            given = v[stamp].notna()
            if f"{stamp}_left_out" in v:
                given = given | v[f"{stamp}_left_out"]
            status = status.where(~given, value)
    return status


def check_order(ctx) -> None:
    """A later stamp that did not parse, lies in the future or is earlier than the received time is left out
    (blank: the complaint counts for volume, not for the durations that need it) and counted in a notice.
    ``<stamp>_left_out`` marks those rows: the file gave a stamp, so the complaint was answered, resolved or
    closed at a time nobody knows (the status follows; a stored complaint keeps its stamp; a first response
    left out is stored as ``first_response_left_out``: answered, in neither part of the 24 h commitment)."""
    v = ctx.values
    if "received_at" not in v:
        return
    for stamp in STAMPS:
        if stamp not in ctx.present:
            continue
        both = v[stamp].notna() & v["received_at"].notna()
        coarse = v[f"{stamp}_date_only"] | v["received_at_date_only"]
        precise_before = both & ~coarse & (v[stamp] < v["received_at"])
        date_before = both & coarse & (v[f"{stamp}_local_date"] < v["received_at_local_date"])
        before = precise_before | date_before
        unusable = v[f"{stamp}_left_out"] if f"{stamp}_left_out" in v else False
        left_out = before | unusable
        v[f"{stamp}_left_out"] = left_out.astype(bool)
        if left_out.any():
            v.loc[before, stamp] = pd.NaT
            v.loc[before, f"{stamp}_local_date"] = pd.NaT
            v.loc[before, f"{stamp}_date_only"] = False
            # one notice per reason, naming its rows (the probe could not tell which reason a row had)
            why = (
                v[f"{stamp}_left_out_why"] if f"{stamp}_left_out_why" in v else pd.Series(None, index=v.index)
            )
            why = why.where(~before, "before_received").where(left_out).fillna("unreadable")
            why, said = _clocks_said(ctx, stamp, why)
            # a stamp a duration was to give (complaints_durations) is named by the duration's column
            duration = duration_of(ctx, stamp)
            by_duration = v[f"{stamp}_by_duration"] if duration else pd.Series(False, index=v.index)
            for reason in LEFT_OUT_ORDER:
                for part, column in ((~by_duration, stamp), (by_duration, duration)):
                    rows = left_out & (why == reason) & part
                    if rows.any():
                        ctx.add_notice(
                            "ingest.notice.stamps_left_out",
                            column=ctx.column_of(column),
                            n=int(rows.sum()),
                            why=Both(
                                *(t(f"ingest.left_out.{reason}", lang, **said) for lang in ("en", "zh"))
                            ),
                            rows=rows_with_ids(v, rows),
                        )


def _clocks_said(ctx, stamp: str, why: pd.Series) -> tuple[pd.Series, dict]:
    """``why`` with the unreadable cells of a stamp column of clocks (``stamp_reasons.elapsed_clocks``: 00:45:12,
    26:10:00 under 首次响应时间) given the clocks' reason, and the values its message names: the duration field to
    map the column to (the kind's field that gives ``stamp``) and an example clock. A stamp no duration gives (the
    close), or a column of stamps with a few clocks: ``why`` as it was. The cells stay left out: the message says
    what the column looks like, nothing reads it as a duration."""
    field = next((f for f in ctx.kind.fields if f.gives == stamp), None)
    if field is None or stamp not in ctx.raw.columns:
        return why, {}
    # a clock is never read as a stamp: with no more cells unreadable than read, no more than half are clocks (a
    # large export with a few bad stamps is not searched cell by cell for clocks)
    unread = (why == "unreadable") & ctx.values[f"{stamp}_left_out"]
    if int(unread.sum()) <= int(ctx.values[stamp].notna().sum()):
        return why, {}
    cells, _ = clean_cells(ctx.raw[stamp].fillna("").astype(str))
    found = elapsed_clocks(cells)
    if found is None:
        return why, {}
    reason, clock, example = found
    said = {"field": Both(field.label("en"), field.label("zh")), "example": example}
    return why.where(~(clock & (why == "unreadable")).to_numpy(dtype=bool), reason), said


LEFT_OUT_ORDER = (
    "before_received",
    "future",
    "no_such_day",
    "no_year",
    "zone_letters",
    "unreadable",
    "clock_duration",
    "clock_no_date",
    "before_floor",
    # a duration's (complaints_durations, durations)
    "not_a_duration",
    "duration_no_unit",
    "received_date_only",
)
