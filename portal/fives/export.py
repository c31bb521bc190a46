"""5S results for scheduled reports: JSON (``kpi 5s --json``), a short text summary, and CSV of the store
ranking with each store's section percentages (formula-leading cells neutralised by portal.export)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from portal import export
from portal.fives.display import band_label
from portal.fives.figures import FivesFigures
from portal.i18n import t
from portal.rounding import fixed, half_up


def _clean(value, digits: int = 4):
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):  # a flag (is_low_confidence) stays true / false, not 1 / 0
        return bool(value)
    number = float(value)
    if math.isnan(number):
        return None
    return int(number) if number.is_integer() and digits == 0 else half_up(number, digits)


def _rows(df: pd.DataFrame, columns: dict[str, int]) -> list[dict[str, Any]]:
    """Records of the named columns; the value is the number of decimals (0: a whole number or a text)."""
    return [{c: _clean(row[c], d) for c, d in columns.items()} for _, row in df.iterrows()]


def trend_rows(trend: pd.DataFrame) -> list[dict[str, Any]]:
    """The fives_trend rows for JSON: month, store (none for the whole selection), mean overall % and its n, and
    how the page draws the month (portal.fives.figures.trend): still under way (``is_in_progress``), or only
    partly in the period (``is_partial_month``: ``days_in_period`` of its ``month_days``), its mean resting on
    those days' inspections alone."""
    columns = {"month_start": 0, "store_code": 0, "mean_pct": 2, "inspections_n": 0, "is_in_progress": 0}
    columns |= {"is_partial_month": 0, "days_in_period": 0, "month_days": 0}
    rows = _rows(trend, columns)
    for row in rows:
        row["month"] = str(row.pop("month_start"))[:7]
    return rows


def section_wide(figs: FivesFigures) -> pd.DataFrame:
    """One row per store: ranking columns and the mean % of each section (column ``<section>_pct``)."""
    stores = figs.heatmap[~figs.heatmap["is_chain"]]
    wide = stores.pivot_table(index="store_id", columns="section_code", values="mean_pct", aggfunc="first")
    order = stores.sort_values("section_position").drop_duplicates("section_code")["section_code"]
    wide = wide.reindex(columns=list(order)).add_suffix("_pct").reset_index()
    cols = ["rank", "store_id", "store_code", "store_name", "region_name_en", "band", "is_low_confidence"]
    cols += ["mean_pct", "scored_n"]  # band: none on fewer than the low-confidence n (is_low_confidence)
    cols += ["latest_pct", "latest_on", "failed_items_n", "repeat_findings_n", "repeat_basis_n"]
    return figs.ranking[cols].merge(wide, on="store_id", how="left")


def to_json(figs: FivesFigures, lang: str = "en") -> dict[str, Any]:
    f = figs.filters
    prev = f.previous()
    headline = {}
    for fig in figs.headline.all():
        item = fig.to_json(lang)
        if "band" in fig.extra:
            item["band"] = fig.extra["band"] if fig.status != "low_confidence" else None
        if "unjudged_stores" in fig.extra:  # stores inspected on fewer than the low-confidence n: not counted
            item["unjudged_stores_n"] = int(fig.extra["unjudged_stores"])
            item["judged_min_inspections"] = int(fig.extra["judged_min_inspections"])
        headline[fig.key] = item
    chain = figs.heatmap[figs.heatmap["is_chain"]]
    wide = section_wide(figs)
    section_cols = [c for c in wide.columns if c.endswith("_pct") and c not in ("mean_pct", "latest_pct")]
    return {
        "period": {
            "from": f.start.isoformat(),
            "to": f.end.isoformat(),
            "previous_from": prev.start.isoformat(),
            "previous_to": prev.end.isoformat(),
            # as kpi complaints: the zone whose days the period counts, and the day the actions are counted on
            "timezone": f.timezone,
            "today": figs.today.isoformat(),
        },
        "headline": headline,
        "sections": _rows(
            chain, {"section_code": 0, "mean_pct": 2, "inspections_n": 0, "excluded_items_n": 0}
        ),
        "stores": [
            {
                **rec,
                "sections": {c.removesuffix("_pct"): rec.pop(c) for c in section_cols},
            }
            for rec in _rows(
                wide,
                {
                    "rank": 0,
                    "store_code": 0,
                    "store_name": 0,
                    "region_name_en": 0,
                    "band": 0,
                    "is_low_confidence": 0,
                    "mean_pct": 2,
                    "scored_n": 0,
                    "latest_pct": 2,
                    "latest_on": 0,
                    "failed_items_n": 0,
                    "repeat_findings_n": 0,
                    "repeat_basis_n": 0,  # its n: the failed items that could repeat (null with it)
                    **dict.fromkeys(section_cols, 2),
                },
            )
        ],
        "inspectors": _rows(
            figs.consistency,
            {
                "inspector": 0,
                "inspector_name": 0,
                "inspections_n": 0,
                "own_mean_pct": 2,
                "shared_stores_n": 0,
                "own_shared_mean_pct": 2,
                "others_shared_mean_pct": 2,
                "others_inspections_n": 0,
                "difference_pp": 2,
            },
        ),
        "action_loop": _rows(
            figs.action_loop,
            {
                "store_code": 0,
                "inspections_n": 0,
                "opened_n": 0,
                "closed_in_time_n": 0,
                "closed_late_n": 0,
                "overdue_n": 0,
                "open_n": 0,
                "awaiting_verification_n": 0,
                "repeat_findings_n": 0,
            },
        ),
        "repeat_findings": _rows(
            figs.repeat_findings,
            {
                "store_code": 0,
                "inspected_on": 0,
                "previous_inspected_on": 0,
                "item_code": 0,
                "section_code": 0,
                "score": 0,
                "previous_score": 0,
                "action_id": 0,
                "action_status": 0,
            },
        ),
    }


def text_summary(out: dict[str, Any], lang: str = "en") -> str:
    """A few lines for people reading ``kpi 5s`` without --json, in ``lang`` (``out``: ``to_json`` in the same
    language)."""

    def fmt(v, spec=".1f"):
        return "-" if v is None else format(v, spec)

    def line(key, tile, text):
        """``text`` for a figure with data; "no data: " and the reason for one without (as ``kpi satisfaction``
        and ``kpi complaints`` say it, README Command line), never a bare "-"."""
        if tile.get("no_data_reason"):
            text = t("kpi.caption.no_data", lang, reason=tile["no_data_reason"])
        return t("text.label_value", lang, label=t(f"fives.tile.{key}", lang), value=text)

    def unjudged(tile):
        """The stores left out of the count (fewer scored inspections than the 5S low-confidence n), as the tile
        says it."""
        count = tile.get("unjudged_stores_n") or 0
        least = tile.get("judged_min_inspections")
        return (
            t("fives.cli.unjudged", lang, text=t("fives.tile.unjudged", lang, count=count, min=least))
            if count
            else ""
        )

    h = out["headline"]
    p = out["period"]
    overall = h["chain_overall"]
    more = ""
    if overall["change"] is not None:
        more += t(
            "fives.cli.change", lang, change=t("kpi.change.pp", lang, v=fixed(overall["change"], 1, "+"))
        )
    if overall.get("band"):
        more += t("fives.cli.band", lang, band=band_label(overall["band"], lang))
    if overall["status"] == "low_confidence":
        more += t("fives.cli.low_confidence", lang)
    lines = [
        t(
            "fives.cli.period",
            lang,
            start=p["from"],
            end=p["to"],
            previous_start=p["previous_from"],
            previous_end=p["previous_to"],
        ),
        line(
            "chain_overall",
            overall,
            t("fives.cli.overall", lang, pct=fmt(overall["value"]), n=overall["n"], more=more),
        ),
        line(
            "failing_stores",
            h["failing_stores"],
            t(
                "fives.cli.failing",
                lang,
                value=fmt(h["failing_stores"]["value"], ".0f"),
                n=h["failing_stores"]["n"],
            ),
        )
        + unjudged(h["failing_stores"]),
        t(  # each count with the n it rests on, as the tiles (the probe: the two counts alone)
            "fives.cli.actions",
            lang,
            open=fmt(h["open_actions"]["value"], ".0f"),
            n=h["open_actions"]["n"],
            overdue=fmt(h["overdue_actions"]["value"], ".0f"),
            unverified_n=h["overdue_actions"]["n"],
        ),
        line(
            "repeat_findings",
            h["repeat_findings"],
            t(
                "fives.cli.repeats",
                lang,
                value=fmt(h["repeat_findings"]["value"], ".0f"),
                n=h["repeat_findings"]["n"],
            ),
        ),
    ]
    note = next(
        filter(
            None, (h[k].get("change_note") for k in ("chain_overall", "failing_stores", "repeat_findings"))
        ),
        None,
    )
    if note:  # why no change is shown, or that the period is in progress (portal.kpi.Comparison)
        lines.insert(1, "  " + note)
    for s in out["stores"][:5]:
        if (
            s["mean_pct"] is None
        ):  # inspected, every item N/A: no score, no rank, no band ("#None S001 -% None")
            reason = t("fives.no_data.all_not_applicable", lang)
            lines.append(f"  #- {s['store_code']} " + t("kpi.caption.no_data", lang, reason=reason))
            continue
        band = band_label(s["band"], lang, low_confidence=bool(s.get("is_low_confidence")))
        lines.append(
            "  "
            + t(
                "fives.cli.store",
                lang,
                rank=s["rank"],
                store=s["store_code"],
                pct=fmt(s["mean_pct"]),
                band=band,
                n=s["scored_n"],
            )
        )
    if len(out["stores"]) > 5:
        lines.append("  " + t("fives.cli.more_stores", lang, n=len(out["stores"]) - 5))
    return "\n".join(lines)


def to_csv_bytes(figs: FivesFigures) -> bytes:
    return export.to_csv_bytes(section_wide(figs))
