"""The weights page's tables: the versions so far, the editor's frame and back, the validation messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from portal import zones
from portal.i18n import t
from portal.scorecards.weights import METRIC_SPECS, MetricRule, WeightsVersion, rules_from
from portal.vocab import SCORECARD_METRICS


def versions_table(versions: Sequence[WeightsVersion], lang: str, timezone: str = "UTC") -> pd.DataFrame:
    """The weight versions, newest first; when each was created in ``timezone`` (its column says which)."""
    zone = zones.zone_name(timezone, lang)
    rows = []
    for v in reversed(versions):
        row = {
            t("scorecards.weights.col.version", lang): v.version,
            t("scorecards.weights.col.from", lang): "—"
            if v.effective_from.year < 1950
            else f"{v.effective_from:%Y-%m}",
        }
        for r in v.rules:
            row[t(f"scorecard.metric.{r.metric}", lang)] = (
                f"{r.weight:g} · {r.floor:g}→{r.target:g} · n≥{r.min_n}"
            )
        row[t("scorecards.weights.col.by", lang)] = v.created_by
        row[t("scorecards.weights.col.at", lang, zone=zone)] = zones.local(v.created_at, timezone)
        row[t("scorecards.weights.col.note", lang)] = v.note
        rows.append(row)
    return pd.DataFrame(rows)


def editor_frame(version: WeightsVersion, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "metric": r.metric,
                "label": t(f"scorecard.metric.{r.metric}", lang),
                "unit": t(f"scorecards.weights.unit.{METRIC_SPECS[r.metric].unit}", lang),
                "weight": r.weight,
                "floor": r.floor,
                "target": r.target,
                "min_n": r.min_n,
            }
            for r in version.rules
        ]
    )


def rules_from_frame(frame: pd.DataFrame) -> tuple[MetricRule, ...]:
    values = {
        r["metric"]: {"weight": r["weight"], "floor": r["floor"], "target": r["target"], "min_n": r["min_n"]}
        for r in frame.fillna(0).to_dict("records")
    }
    return rules_from(values)


def weight_sum(frame: pd.DataFrame) -> str:
    return f"{pd.to_numeric(frame['weight'], errors='coerce').fillna(0).sum():g}"


def month_choices(today: date, ahead: int = 12) -> list[date]:
    """The current month's first day and the next ``ahead`` months' (a version cannot start in the past)."""
    out = []
    y, m = today.year, today.month
    for _ in range(ahead + 1):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def error_messages(errors, lang: str) -> list[str]:
    out = []
    for key, values in errors:
        values = dict(values)
        if "metric" in values and values["metric"] in SCORECARD_METRICS:
            values["metric"] = t(f"scorecard.metric.{values['metric']}", lang)
        out.append(t(key, lang, **values))
    return out
