"""The order of a complaint row's stamps (portal.ingest.complaints): a later stamp that did not parse, lies in the
future or is earlier than the received time is left out of the durations and named in a notice; the status the
stamps give where the file gives none."""

from __future__ import annotations

import pandas as pd

from portal.i18n import Both, t
from portal.ingest.complaints_durations import duration_of
from portal.ingest.errors import rows_with_ids

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
                            why=Both(*(t(f"ingest.left_out.{reason}", lang) for lang in ("en", "zh"))),
                            rows=rows_with_ids(v, rows),
                        )


LEFT_OUT_ORDER = (
    "before_received",
    "future",
    "no_such_day",
    "no_year",
    "zone_letters",
    "unreadable",
    "before_floor",
    # a duration's (complaints_durations, durations)
    "not_a_duration",
    "duration_no_unit",
    "received_date_only",
)
