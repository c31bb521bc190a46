"""The Complaints figures as JSON and as a few lines of text (``kpi complaints``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

import pandas as pd

from portal import kpi
from portal.complaints.display import target_text
from portal.complaints.figures import TILE_SPECS, ComplaintFigures, _plain, tiles, to_local
from portal.complaints.slices import BACKLOG_AGE_COLUMNS, SERIES_N
from portal.filters import Filters
from portal.i18n import t
from portal.vocab import AGE_BUCKETS


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _period(filters: Filters, as_of: datetime) -> dict[str, Any]:
    return {
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        "timezone": filters.timezone,
        "as_of": as_of.isoformat(),
    }


def to_json(figs: ComplaintFigures, lang: str = "en") -> dict[str, Any]:
    """The figure set as plain JSON data: hours for durations, percentages 0-100 for rates (the words a figure
    carries, why it has no data or no change, and the stores' names in ``lang``)."""
    filters = figs.filters
    backlog = figs.backlog
    known = figs.tile("backlog").reason is None
    return {
        "period": _period(filters, figs.as_of),
        "previous_period": _period(figs.previous_filters, figs.previous_as_of),
        "sla_judged_at": figs.sla_as_of.isoformat(),  # both periods' 24 h windows
        "filters": {
            "region_ids": list(filters.region_ids),
            "store_ids": list(filters.store_ids),
            "channels": list(filters.channels),
            "categories": list(filters.categories),
            "severities": list(filters.severities),
            "business_hours": filters.business_hours,
        },
        "targets": {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in asdict(figs.targets).items()},
        "summary": _without_no_data(figs.summary, figs.tiles),
        # the previous period's values null where its own tiles (as its page shows them) have no data
        "previous_summary": _without_no_data(
            figs.previous, tiles(figs.previous, {}, figs.targets, figs.previous_filters)
        ),
        # target_by_severity: the name this key had before the shared figure type (targets_by)
        "tiles": [{**fig.to_json(lang), "target_by_severity": _by(fig)} for fig in figs.tiles],
        # null counts where the backlog has no data (its tile says why), never 0s
        "backlog_by_age": {b: _bucket(backlog, b) if known else None for b in AGE_BUCKETS},
        "backlog_by_age_and_severity": _records(
            backlog if known else backlog.assign(backlog_count=None).astype({"backlog_count": "object"})
        ),
        "channels": _records(figs.channels),
        "categories": _records(figs.categories),
        # the source's own categories with their counts and standard group (null category_raw: none given)
        "source_categories": _records(figs.source_categories),
        "weekly": _records(figs.trend[WEEKLY_COLUMNS]),
        "stores": _records(figs.stores),
        "agents": _records(figs.agents),
    }


# the summary's columns that rest on a tile's data beside its value: null with it (the backlog's age buckets)
RESTING_ON = {"backlog": BACKLOG_AGE_COLUMNS}


def _bucket(backlog: pd.DataFrame, bucket: str) -> int:
    return int(backlog.loc[backlog["age_bucket"] == bucket, "backlog_count"].sum())


def _without_no_data(summary: Mapping[str, Any], tiles) -> dict[str, Any]:
    """The summary row with the value of every tile that has no data set to null, and the columns resting on the
    same data (``RESTING_ON``: the backlog's age buckets), never a 0 beside a reason."""
    out = dict(summary)
    columns = {spec.key: spec.value for spec in TILE_SPECS}
    for fig in tiles:
        if fig.reason and fig.key in columns:
            for column in (columns[fig.key], *RESTING_ON.get(fig.key, ())):
                out[column] = None
    return out


def _by(fig: kpi.Figure) -> dict[str, float] | None:
    return dict(fig.targets_by) if fig.targets_by else None


WEEKLY_COLUMNS = [
    "week_start",
    "days_in_period",
    "complaint_count",
    "first_response_n",
    "first_response_median_hours",
    "sla_elapsed_count",
    "sla_met_count",
    "sla_attainment_pct",
    "resolution_n",
    "resolution_median_hours",
    "reopen_base_count",
    "reopened_count",
    "reopen_rate_pct",
    "recovery_n",
    "recovered_count",
    "recovery_rate_pct",
    # the trend charts' points and control limits, as the page draws them (slices.weekly_trend): complaints per day
    # (the week with a day under way: over its finished days), the week in progress and a week only partly in
    # the period (both left out of the limits, never flagged), then per series its centre line, limits, whether
    # the week lies outside them and whether it rests on fewer than the low-confidence n (left out, never flagged)
    "complaints_per_day",
    "finished_days",
    "is_in_progress",
    "is_partial_week",
    *(
        f"{series}_{part}"
        for series in SERIES_N
        for part in ("center", "lower", "upper", "is_out", "is_low_confidence")
    ),
]


def _value_texts(fig: kpi.Figure, figs: ComplaintFigures, lang: str) -> tuple[str, str | None, str]:
    """A tile's value, change and target as the text summary writes them: a duration counted in business hours
    says so in its unit ("5.0 business h"), as does its target; otherwise as the tiles write them."""
    value, change = kpi.format_value(fig, lang), kpi.format_change(fig, lang)
    target = target_text(fig, figs.targets, lang)
    if not figs.filters.business_hours or fig.unit != "hours":
        return value, change, target
    value = t("complaints.cli.business_hours.value", lang, v=fig.value)
    if fig.change is not None:
        change = t(
            "complaints.cli.business_hours.change", lang, v=kpi.signed(fig.change, kpi.DECIMALS["hours"])
        )
    if fig.targets_by:
        parts = [f"{t(f'complaints.severity.{s}', lang)} {v:g}" for s, v in fig.targets_by.items()]
        target = t("complaints.cli.business_hours.by_severity", lang, targets=" / ".join(parts))
    elif fig.target is not None:
        word = "kpi.target.at_most" if fig.better == "lower" else "kpi.target.at_least"
        target = t(word, lang, value=t("complaints.cli.business_hours.value", lang, v=fig.target))
    return value, change, target


def text_summary(figs: ComplaintFigures, lang: str = "en") -> str:
    """A few lines for people reading ``kpi complaints`` without --json."""
    filters = figs.filters
    lines = [
        t(
            "complaints.cli.period",
            lang,
            start=filters.start.isoformat(),
            end=filters.end.isoformat(),
            tz=filters.timezone,
            as_of=to_local(figs.as_of, filters.timezone).isoformat(sep=" ", timespec="minutes"),
        )
    ]
    # why no change is shown (the data begins after the previous period's start) or that the period is in
    # progress: the same for every tile (portal.kpi.Comparison), said once
    if filters.business_hours:  # as the page says it under its filters
        counted = figs.summary.get("complaint_count") or 0
        lines.append(
            "  "
            + t(
                "complaints.business_hours_note",
                lang,
                total=counted,
                calendar=counted - (figs.summary.get("business_hours_count") or 0),
            )
        )
    note = next(filter(None, (fig.change_note(lang) for fig in figs.tiles)), None)
    if note:
        lines.append("  " + note)
    for fig in figs.tiles:
        if fig.reason:  # "no data" and why (issue 9)
            lines.append(
                "  " + t("text.label_value", lang, label=t(fig.label, lang), value=kpi.caption(fig, lang))
            )
            continue
        value, change, target = _value_texts(fig, figs, lang)
        lines.append(
            "  "
            + t("text.label_value", lang, label=t(fig.label, lang), value=value)
            + f"  (n = {fig.n:,}; {target}"
            + (
                f"; {change} {kpi.vs_previous(fig, t('complaints.tile.vs_previous', lang), lang)}"
                if change
                else ""
            )
            + ")"
        )
    why = figs.tile("backlog").reason  # no data: the tile's reason, not four 0s
    backlog = figs.backlog.groupby("age_bucket", sort=False)["backlog_count"].sum()
    lines.append(
        "  "
        + t(
            "text.label_value",
            lang,
            label=t("complaints.backlog_by_age", lang),
            value=t("kpi.caption.no_data", lang, reason=t(why, lang))
            if why
            else t("text.list_separator", lang).join(
                f"{t(f'complaints.age.{b}', lang)} {int(backlog.get(b, 0)):,}" for b in AGE_BUCKETS
            ),
        )
    )
    return "\n".join(lines)
