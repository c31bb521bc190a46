"""The applied filter, kept for the session and in the address: presets, the URL form, the caption in words.

No Streamlit here (``portal.ui.filter_bar`` draws the widgets). One ``Applied`` value holds the period (a
preset or custom dates), the selection of every dimension (pages use the ones they offer) and the
business-hours switch; ``to_query`` / ``from_query`` turn it into address parameters and back, so a link
reproduces the view (``?period=last_30&store=3,5``); values that do not parse are dropped, never trusted
(the scope is applied in the SQL anyway).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from portal.filters import DIMENSIONS, report_day_bounds

PRESETS = (
    "yesterday",
    "last_week",
    "this_month",
    "last_month",
    "last_30",
    "last_90",
    "last_quarter",
    "this_year",
    "last_365",
    "custom",
)
DEFAULT_PRESET = "last_90"
# the presets that roll with today: compared with the days just before them (``Filters.rolling``)
ROLLING_PRESETS = frozenset({"last_30", "last_90", "last_365"})
# address parameter of each dimension (the dimension's own name) and of the period
QUERY_KEYS = ("period", "from", "to", "hours", *DIMENSIONS)


def preset_range(preset: str, today: date) -> tuple[date, date]:
    """The inclusive days of a preset, seen from ``today`` (weeks run Monday to Sunday)."""
    if preset == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    if preset == "last_week":
        monday = today - timedelta(days=today.weekday() + 7)
        return monday, monday + timedelta(days=6)
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if preset == "last_quarter":
        first_this = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        last = first_this - timedelta(days=1)
        return date(last.year, 3 * ((last.month - 1) // 3) + 1, 1), last
    if preset == "last_30":
        return today - timedelta(days=29), today
    if preset == "last_365":
        return today - timedelta(days=364), today
    if preset == "this_year":
        return date(today.year, 1, 1), today
    return today - timedelta(days=89), today


@dataclass(frozen=True)
class Applied:
    """The filter the figures rest on (the widgets' last applied values)."""

    preset: str = DEFAULT_PRESET
    start: date | None = None  # custom period only
    end: date | None = None
    selections: Mapping[str, tuple] = field(default_factory=dict)
    business_hours: bool = False
    # the address's dates refused as outside ``report_day_bounds`` (said by the sidebar, never kept)
    refused_days: tuple[str, ...] = ()

    def period(self, today: date) -> tuple[date, date]:
        if self.preset == "custom" and self.start and self.end:
            return min(self.start, self.end), max(self.start, self.end)
        return preset_range(self.preset if self.preset != "custom" else DEFAULT_PRESET, today)

    def selected(self, dimension: str) -> tuple:
        return tuple(self.selections.get(dimension, ()))

    def with_selection(self, dimension: str, values: Sequence) -> Applied:
        chosen = {k: tuple(v) for k, v in self.selections.items() if v}
        chosen[dimension] = tuple(values)
        return replace(self, selections={k: v for k, v in chosen.items() if v})


def _parse_date(text: Any, bounds: tuple[date, date]) -> tuple[date | None, bool]:
    """The day an address names, and whether it was refused as outside ``bounds`` (``report_day_bounds``): a
    period to 9999-12-31 or from 0001-01-01 put its previous period before the first day a date can hold
    (OverflowError). A text that is no date is dropped without a word, as before."""
    try:
        day = date.fromisoformat(str(text).strip())
    except ValueError:
        return None, False
    if not bounds[0] <= day <= bounds[1]:
        return None, True
    return day, False


def _parse_values(dimension: str, text: str) -> tuple:
    dim = DIMENSIONS[dimension]
    parts = [p.strip() for p in str(text).split(",") if p.strip()]
    if dim.values is None:  # ids
        return tuple(int(p) for p in parts if p.isdigit())
    return tuple(p for p in parts if p in dim.values)


def from_query(params: Mapping[str, Any], today: date) -> Applied | None:
    """The applied filter an address names, or None when it names none (then the session's applies). Dates
    outside ``report_day_bounds(today)`` are left out and listed in ``refused_days``."""
    if not any(k in params for k in QUERY_KEYS):
        return None
    preset = str(params.get("period", DEFAULT_PRESET))
    bounds = report_day_bounds(today)
    (start, start_refused), (end, end_refused) = (
        _parse_date(params.get(k, ""), bounds) for k in ("from", "to")
    )
    refused = tuple(str(params[k]).strip() for k, no in (("from", start_refused), ("to", end_refused)) if no)
    if start and end:
        preset = "custom"
    elif preset not in PRESETS or preset == "custom":
        preset = DEFAULT_PRESET
    selections = {}
    for name in DIMENSIONS:
        if name in params:
            values = _parse_values(name, params[name])
            if values:
                selections[name] = values
    return Applied(preset, start, end, selections, str(params.get("hours", "")) == "1", refused)


def to_query(applied: Applied, dimensions: Sequence[str] = tuple(DIMENSIONS)) -> dict[str, str]:
    """Address parameters for the dimensions a page offers (the default period is left out: short links)."""
    out: dict[str, str] = {}
    if applied.preset == "custom" and applied.start and applied.end:
        out["from"], out["to"] = applied.start.isoformat(), applied.end.isoformat()
    elif applied.preset != DEFAULT_PRESET:
        out["period"] = applied.preset
    for name in dimensions:
        values = applied.selected(name)
        if values:
            out[name] = ",".join(str(v) for v in values)
    if applied.business_hours:
        out["hours"] = "1"
    return out


def caption(
    applied: Applied,
    today: date,
    dimensions: Sequence[str],
    scope_words: str,
    t: Callable[..., str],
    value_label: Callable[[str, Any], str],
    zone_words: str,
) -> str:
    """The filter in words, for under a dashboard title: period, each applied selection, the user's scope."""
    start, end = applied.period(today)
    preset = t(f"filters.preset.{applied.preset}")
    parts = [t("filters.caption.period", preset=preset, start=start, end=end, zone=zone_words)]
    for name in dimensions:
        values = applied.selected(name)
        if values:
            label = t(DIMENSIONS[name].label_key)
            listed = t("text.list_separator").join(value_label(name, v) for v in values)
            parts.append(t("text.label_value", label=label, value=listed))
    if applied.business_hours:
        parts.append(t("filters.business_hours"))
    parts.append(t("filters.caption.scope", scope=scope_words))
    return " · ".join(parts)
