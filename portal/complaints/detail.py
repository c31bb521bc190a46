"""One complaint for people (the detail panel of the Complaints page, reached by ``?complaint=<source id>``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from portal import zones
from portal.complaints.display import value_label
from portal.i18n import t
from portal.kpi import Runner

# One complaint by its source id: no period or filters, the store scope only.
DETAIL_QUERY = "complaint_detail"
HISTORY_QUERY = "complaint_status_history"
RECORD_QUERIES = (DETAIL_QUERY, HISTORY_QUERY)


@dataclass(frozen=True)
class ComplaintDetail:
    """One complaint for people, in one language: (label, value) pairs and its status history."""

    complaint_id: int
    fields: pd.DataFrame  # two columns: the field's label and its value, as text
    history: (
        pd.DataFrame
    )  # when (reporting zone) and which status, oldest first; empty when none was recorded


def _stamp(value, date_only: bool, lang: str, timezone: str = "UTC") -> str:
    """A stored UTC time in the reporting zone; a date-only stamp as its date (stored at midnight)."""
    if value is None or pd.isna(value):
        return t("common.none", lang)
    stamp = pd.Timestamp(value)
    if date_only:
        return t("complaints.detail.date_only", lang, date=stamp.strftime("%Y-%m-%d"))
    return zones.stamp_text(stamp, timezone)


def _detail_fields(row: Mapping[str, Any], lang: str, timezone: str = "UTC") -> pd.DataFrame:
    category = value_label("category", row["category_group"], lang)
    raw = row["category_raw"]
    if raw is not None and not pd.isna(raw) and str(raw).strip():
        category = f"{raw} ({category})"
    store = (
        t("complaints.no_store", lang)
        if row["store_code"] is None or pd.isna(row["store_code"])
        else f"{row['store_code']} {row['store_name']}"
    )
    csat = row["post_resolution_csat"]
    zone = zones.zone_name(timezone, lang)
    pairs = [
        ("source_id", str(row["source_id"])),
        ("source", str(row["source"])),
        ("received", _stamp(row["received_at"], bool(row["received_date_only"]), lang, timezone)),
        ("channel", value_label("channel", row["channel"], lang)),
        ("category", category),
        ("severity", value_label("severity", row["severity"], lang)),
        ("store", store),
        ("status", value_label("state", row["status"], lang)),
        (
            "first_response",
            t("complaints.detail.time_left_out", lang)
            if row.get("first_response_left_out") and pd.isna(row["first_response_at"])
            else _stamp(row["first_response_at"], bool(row["first_response_date_only"]), lang, timezone),
        ),
        (
            "resolved",
            t("complaints.detail.resolution_left_out", lang)
            if row.get("resolved_left_out") and pd.isna(row["resolved_at"])
            else _stamp(row["resolved_at"], bool(row["resolved_date_only"]), lang, timezone),
        ),
        ("closed", _stamp(row["closed_at"], bool(row["closed_date_only"]), lang, timezone)),
        ("reopen_count", f"{int(row['reopen_count']):,}"),
        ("csat", t("common.none", lang) if csat is None or pd.isna(csat) else f"{int(csat)} / 5"),
    ]
    return pd.DataFrame(
        {
            t("complaints.detail.col.field", lang): [
                t(f"complaints.detail.{k}", lang, zone=zone) for k, _ in pairs
            ],
            t("complaints.detail.col.value", lang): [v for _, v in pairs],
        }
    )


def complaint_details(
    run: Runner, source_id: str | None, lang: str = "en", timezone: str = "UTC"
) -> list[ComplaintDetail]:
    """The complaint(s) with this source id that the caller may see (``run`` binds their scope), for people;
    every time in ``timezone`` (the reporting zone), its column saying so.

    Empty when the id is blank, unknown or outside the caller's store scope: the three look the same.
    Several only when several source systems use the same id.
    """
    source_id = (source_id or "").strip()
    if not source_id:
        return []
    found = run(DETAIL_QUERY, {"complaint": source_id})
    if found.empty:
        return []
    history = run(HISTORY_QUERY, {"complaint": source_id})
    zone = zones.zone_name(timezone, lang)
    out = []
    for row in found.to_dict(orient="records"):
        own = history[history["complaint_id"] == row["complaint_id"]]
        out.append(
            ComplaintDetail(
                complaint_id=int(row["complaint_id"]),
                fields=_detail_fields(row, lang, timezone),
                history=pd.DataFrame(
                    {
                        t("complaints.detail.col.changed_at", lang, zone=zone): [
                            _stamp(v, bool(d), lang, timezone)
                            for v, d in zip(own["changed_at"], own["changed_date_only"], strict=True)
                        ],
                        t("complaints.detail.col.status", lang): [
                            value_label("state", v, lang) for v in own["status"]
                        ],
                    }
                ),
            )
        )
    return out
