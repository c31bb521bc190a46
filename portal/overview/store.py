"""The store view: one store's headline figures beside its region's and the chain's (its open corrective
actions among the 5S figures), its 12-week trend.

The third column is the reader's whole scope, never more: the whole chain for a reader who may see every store
(``whole_chain``), otherwise the stores they may see, and then it is labelled so ("Your stores"), not "Chain".
Likewise the Region column is the region's rows inside the reader's scope: the whole region for a reader scoped
to it (or to the chain), otherwise the region's rows of the reader's own stores, and then it says so ("Region East
(your stores)"; ``column_labels``), never the region's figures beyond the scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from portal import kpi, settings
from portal.i18n import t
from portal.kpi import Runner
from portal.overview.sources import AreaOverview, Window, gather, registered
from portal.rounding import half_up
from portal.scope import Scope
from portal.text import md_plain


@dataclass(frozen=True)
class StoreView:
    store_id: int
    store_code: str
    store_name: str
    region_id: int | None  # the region compared with: ``compared_region``
    window: Window
    store: tuple[AreaOverview, ...]
    region: tuple[AreaOverview, ...]
    chain: tuple[AreaOverview, ...]
    whole_chain: bool = False  # the reader's scope is every store: the third column is the chain
    whole_region: bool = (
        False  # the reader's scope holds the whole compared region (else: its rows of their stores)
    )
    # how the store held that region (the caption's note: ``region_note``)
    region_held: RegionHeld | None = None

    @property
    def wide_side(self) -> str:
        """The i18n key suffix of the third column: ``chain`` or, for a reader scoped to some stores, ``scope``."""
        return wide_side(self.whole_chain)

    @property
    def partial_region(self) -> bool:
        """The Region column is the region's rows of the reader's stores only, not the whole region."""
        return not self.whole_region and self.region_id is not None


@dataclass(frozen=True)
class RegionHeld:
    """The region a store view compares with, as the store held it: ``until`` the day the store left it (its rows
    up to then count under it), ``since`` the day it came in and ``before`` the region of the reader's scope it
    came from, when that was inside the window too."""

    region_id: int
    until: date | None = None
    since: date | None = None
    before: int | None = None


def compared_region(run: Runner, store_id: int, window: Window) -> RegionHeld | None:
    """The region the store's rows of the window count under in the reader's scope (SPEC §2: a store that changes
    region keeps its past figures under the old region), not its current one, which may lie outside the scope (the
    old region's manager saw an empty Region column): the latest region of the scope the store held in the window,
    else the latest of the scope it held at all (queries/store_regions_held.sql); None when it held none."""
    held = run("store_regions_held", {"store_id": store_id, "start_on": window.start, "end_on": window.end})
    if held.empty:
        return None
    first = held.iloc[0]
    earlier = held.iloc[1:]
    earlier = earlier[earlier["is_in_period"] & (earlier["region_id"] != first["region_id"])]
    since = None if pd.isna(first["valid_from"]) else first["valid_from"]
    moved_in = bool(first["is_in_period"]) and not earlier.empty and since is not None
    return RegionHeld(
        region_id=int(first["region_id"]),
        until=None if pd.isna(first["valid_to"]) else pd.Timestamp(first["valid_to"]).date(),
        since=pd.Timestamp(since).date() if moved_in else None,
        before=int(earlier["region_id"].iloc[0]) if moved_in else None,
    )


def region_note(view: StoreView, region_names: dict, lang: str) -> str | None:
    """A line under the caption when the store changed region: which region the Region column is and why."""
    held = view.region_held
    if held is None:
        return None

    def name(region_id: int) -> str:
        return str(region_names.get(region_id, region_id))

    if held.until is not None:
        return t("store.region.left", lang, code=view.store_code, until=f"{held.until:%Y-%m-%d}",
                 region=name(held.region_id))  # fmt: skip
    if held.before is not None:
        return t("store.region.moved_in", lang, code=view.store_code, since=f"{held.since:%Y-%m-%d}",
                 region=name(held.region_id), before=name(held.before))  # fmt: skip
    return None


def wide_side(whole_chain: bool) -> str:
    return "chain" if whole_chain else "scope"


def _region_name(view: StoreView, region_names: dict | None, lang: str) -> str:
    if view.region_id is None:
        return t("common.none", lang)
    return str((region_names or {}).get(view.region_id, view.region_id))


def column_labels(view: StoreView, region_names: dict | None, lang: str) -> dict[str, str]:
    """The headers of the store / region / third column of the view's tables (``region_names``: region id ->
    name in ``lang``). A reader who does not see the whole region (an explicit store list) gets the region's rows
    of their own stores: "Region East (your stores)" / "东区(您的门店)", not "Region" (the probe's reader of S003
    read "Region 2 (n = 2)" while the region had 3); the third column is "Your stores" unless the reader sees the
    whole chain."""
    region = (
        t("store.col.region_part", lang, region=_region_name(view, region_names, lang))
        if view.partial_region
        else t("store.col.region", lang)
    )
    return {
        "store": t("store.col.store", lang),
        "region": region,
        "chain": t(f"store.col.{view.wide_side}", lang),
    }


def caption(view: StoreView, region_names: dict | None, lang: str, week: str) -> str:
    """The line under the title (Markdown: the store's and region's names as typed, ``md_plain``): the store, the
    region it is compared with (and, as its column, whether that is the whole region or the reader's stores in it)
    and the third column's side."""
    key = f"store.caption.{view.wide_side}"
    region = md_plain(_region_name(view, region_names, lang))
    if view.partial_region:
        key, region = "store.caption.scope_part", t("store.region.part", lang, region=region)
    return t(
        key, lang, code=md_plain(view.store_code), name=md_plain(view.store_name), region=region, week=week
    )


def wanted_store(
    stores: pd.DataFrame, asked: str | None, chosen: Sequence[int] = ()
) -> tuple[str | None, bool]:
    """(the code of the store the store view opens on, whether the address named a store ``stores`` (in scope)
    does not hold). ``asked``: the address's ``store``, a store id as every dashboard writes it (``?store=3``;
    of a list, the first) or, as older links do, its code (``?store=S003``). Without one, the dashboards'
    filter's store when it holds exactly one (``chosen``: its store ids), so a store chosen there carries over."""
    if asked:
        first = str(asked).split(",")[0].strip()
        rows = stores[stores["store_id"] == int(first)] if first.isdigit() else stores.iloc[0:0]
        if rows.empty:  # digits are an id first, as the dashboards read them (ui.filter_bar._link_params)
            rows = stores[stores["store_code"] == first]
        return (None, True) if rows.empty else (str(rows["store_code"].iloc[0]), False)
    if len(chosen) == 1:
        rows = stores[stores["store_id"] == int(chosen[0])]
        if not rows.empty:
            return str(rows["store_code"].iloc[0]), False
    return None, False


def find_store(stores: pd.DataFrame, code: str | None) -> pd.Series | None:
    """The row of ``filter_stores`` (already in scope) with this store code, if the reader may see it."""
    if not code:
        return None
    rows = stores[stores["store_code"] == code]
    return None if rows.empty else rows.iloc[0]


def store_view(
    run: Runner,
    window: Window,
    con,
    store: pd.Series,
    today: date,
    areas: tuple[str, ...] | None = None,
    scope: Scope | None = None,
) -> StoreView:
    """``areas``: the overview areas the reader may see (``navigation.visible_areas``; None: all). The Region
    column is ``compared_region``'s. ``scope``: the reader's (``run`` binds it), which names the columns: the
    whole chain, the whole region (None: neither, the labels of a reader of some stores)."""
    held = compared_region(run, int(store["store_id"]), window)
    region_id = None if held is None else held.region_id
    whole_chain = scope is not None and scope.all_stores
    loaded = settings.load_all(con)  # once for the three views
    # the areas a store has: agents are not a store's (the scorecard source has nothing for one), so the
    # region's and the chain's scorecards would be computed for no row of the comparison (a tenth of the view)
    areas = tuple(a for a in (areas if areas is not None else registered()) if a != "scorecard")
    # the view shows no alerts: the sources leave out theirs (``Reading.alerts``)
    sides = {"loaded": loaded, "alerts": False}
    return StoreView(
        store_id=int(store["store_id"]),
        store_code=str(store["store_code"]),
        store_name=str(store["store_name"]),
        region_id=region_id,
        window=window,
        store=tuple(gather(run, window.narrowed("store", [int(store["store_id"])]), con, areas, **sides)),
        region=tuple(gather(run, window.narrowed("region", [region_id]), con, areas, **sides))
        if region_id is not None
        else (),
        chain=tuple(gather(run, window, con, areas, **sides)),
        whole_chain=whole_chain,
        whole_region=whole_chain or (scope is not None and region_id in scope.region_ids),
        region_held=held,
    )


def _cell(fig: kpi.Figure | None, lang: str) -> str:
    if fig is None:
        return t("common.none", lang)
    # no data says why, in the words under a tile (kpi.caption), not "no data (n = 0)"
    text = kpi.no_data_text(fig, lang) or f"{kpi.format_value(fig, lang)} (n = {fig.n:,})"
    band = (fig.extra or {}).get("band")
    if band and fig.status not in ("low_confidence", "no_data"):
        from portal.fives.display import band_label

        text += f" {band_label(band, lang)}"
    note = (fig.extra or {}).get("n_note")  # as under the tile (kpi.caption): the 5S stores not judged
    return f"{text} · {t(note[0], lang, **note[1])}" if note else text


def comparison_table(view: StoreView, lang: str, region_names: dict | None = None) -> pd.DataFrame:
    """One row per headline figure: the store, its region, the chain or the reader's stores (value with n),
    under ``column_labels``."""

    def figs(areas):
        return {(a.area, f.key): f for a in areas for f in a.figures}

    store, region, chain = figs(view.store), figs(view.region), figs(view.chain)
    labels = column_labels(view, region_names, lang)
    rows = []
    for (area, key), fig in store.items():
        rows.append(
            {
                t("store.col.figure", lang): t(fig.label, lang),
                labels["store"]: _cell(fig, lang),
                labels["region"]: _cell(region.get((area, key)), lang),
                labels["chain"]: _cell(chain.get((area, key)), lang),
            }
        )
    # open corrective actions are the 5S area's own figure above (each side's actions by the region of their
    # inspection, as every regional figure counts); a second row by the store's current region disagreed with
    # it (30 against 32 for a region a store moved into: consistency probe)
    return pd.DataFrame(rows)


def _weekly(view: StoreView):
    """The store's weekly series (5S is monthly: it has its own table)."""
    weeks = tuple(view.window.weeks)
    return [s for area in view.store for s in area.series if s.store is None and tuple(s.weeks) == weeks]


def _n_label(label: str, lang: str) -> str:
    return t("store.trend.n", lang, figure=label)


def trend_table(view: StoreView, lang: str) -> pd.DataFrame:
    """The store's weekly series (complete weeks): per figure its value rounded as shown (a count or an NPS
    whole) and, beside it, the n it rests on (a count is its own n), and last the figures of each week that rest
    on fewer than their low-confidence n (none: missing); ``trend_formats`` says how to show each column."""
    data: dict[str, list] = {}
    weeks = list(view.window.weeks)
    low: list[list[str]] = [[] for _ in weeks]  # per week: the figures resting on fewer than their minimum n
    thresholds = set()
    for s in _weekly(view):
        label = t(s.label_key, lang)
        if s.unit != "count":
            thresholds.add(s.low_confidence_n)
            for i, (v, n, ok) in enumerate(zip(s.values, s.n, s.complete, strict=True)):
                if ok and v is not None and n < s.low_confidence_n:
                    low[i].append(label)
        # rounded as shown (``trend_formats``), whole numbers whole (the CSV held 2.0 complaints, 66.66666666666666%)
        digits = kpi.DECIMALS[s.unit]
        shown = [
            half_up(v, digits) if ok and v is not None else None
            for v, ok in zip(s.values, s.complete, strict=True)
        ]
        data[label] = pd.array(shown, dtype="Int64" if digits == 0 else "Float64")
        if s.unit == "count":  # a count is its own n
            continue
        data[_n_label(label, lang)] = pd.array(
            [n if ok and v is not None else None for v, n, ok in zip(s.values, s.n, s.complete, strict=True)],
            dtype="Int64",
        )
    if thresholds:  # SPEC: a figure on fewer than the minimum n is marked low-confidence (the tiles are)
        key = "store.trend.low" if len(thresholds) == 1 else "store.trend.low_any"
        data[t(key, lang, n=min(thresholds))] = [
            ("、" if lang == "zh" else "; ").join(f) or None for f in low
        ]
    return pd.DataFrame(data, index=pd.Index(weeks, name=t("common.week", lang)))


def trend_formats(view: StoreView, lang: str) -> dict[str, str]:
    """``{column: printf format}`` of ``trend_table``: each figure in its unit (%, h / 小时 ...), n whole."""
    out = {}
    for s in _weekly(view):
        label = t(s.label_key, lang)
        out[label] = kpi.column_format(s.unit, lang)
        if s.unit != "count":
            out[_n_label(label, lang)] = "%,d"
    return out
