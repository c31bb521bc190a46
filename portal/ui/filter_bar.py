"""The one sidebar filter: a period, then one multiselect per dimension the page declares.

Filters apply on change (each pick reruns at once, so a click on "Apply filters" with a list still open never
loses the pick: issue 10), are kept for the session across pages (``portal_filters``) and in the address
(``?period=last_30&store=3``: a link or a reload reproduces the view); under the page title a caption says the
period, each applied selection and the user's scope in words (``portal.filter_state``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import streamlit as st

from portal import filter_state, navigation, zones
from portal.filter_state import PRESETS, Applied, preset_range
from portal.filters import DIMENSIONS, LEGACY_FIELDS, Filters, report_day_bounds, today_in
from portal.i18n import listed
from portal.text import code_name
from portal.ui.core import current_user, lang, query, report_timezone, t

STATE = "portal_filters"  # the applied filter, shared by every dashboard page of the session


def _preset_range(preset: str, today: date) -> tuple[date, date]:
    return preset_range(preset, today)


def _dimensions_of(page_key: str, extra: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The page's declared dimensions (``PageSpec.dimensions``); a page that declares none gets region and
    store plus the dimensions its legacy ``extra`` lists name (channels, categories, severities)."""
    try:
        declared = navigation.page(page_key).dimensions
    except KeyError:
        declared = ()
    if declared:
        return declared
    return ("region", "store", *(LEGACY_FIELDS.get(field, field) for field in (extra or {})))


def _vocabulary_options(name: str) -> list[tuple[str, str]]:
    dim = DIMENSIONS[name]
    return [(v, t(f"{dim.value_label_prefix}.{v}")) for v in dim.values or ()]


def applied_filter() -> Applied:
    """The session's applied filter (the address's when it names one and the session has none yet)."""
    return st.session_state.get(STATE) or Applied()


def _options(name: str, chosen_regions: Sequence[int]) -> dict:
    if name == "region":
        regions = query("filter_regions")
        return {
            int(r): name
            for r, name in zip(regions["region_id"], regions["region_name_" + lang()], strict=False)
        }
    if name == "store":
        return store_labels(query("filter_stores"), chosen_regions)
    return dict(_vocabulary_options(name))


def store_labels(stores, chosen_regions: Sequence[int]) -> dict[int, str]:
    """{store id: "S001 name"} of ``filter_stores`` under the regions chosen (none: all). A store is listed under
    every region of the reader's scope it is or was in (its ``region_ids``), not only its current one: a store
    that moved keeps its rows of before under the old region (SPEC §2), so picking that region keeps it."""
    chosen = {int(r) for r in chosen_regions}
    return {
        int(s): f"{code} {store_name}"
        for s, code, store_name, held in zip(
            stores["store_id"], stores["store_code"], stores["store_name"], stores["region_ids"], strict=True
        )
        if not chosen or chosen & {int(r) for r in held}
    }


def scope_words() -> str:
    """The signed-in user's scope in words (stores and agents they may see)."""
    scope = current_user().scope
    if scope.all_stores:
        stores = t("filters.scope.all_stores")
    elif scope.store_ids or scope.region_ids:
        codes = list(query("filter_stores")["store_code"])
        stores = t("filters.scope.stores", n=len(codes), codes=listed(codes[:4], more=len(codes) > 4))
    else:
        stores = t("filters.scope.no_stores")
    if scope.all_agents:
        return stores
    if scope.team_id is not None:
        return t(
            "filters.scope.and", stores=stores, other=t("filters.scope.team", team=team_label(scope.team_id))
        )
    if scope.agent_id is not None:
        return t("filters.scope.and", stores=stores, other=t("filters.scope.agent"))
    return stores


def team_label(team_id: int) -> str:
    """A team as its users know it, "T1 Team Alpha" (the caption said "team 1", the team's id); its id when the
    scope's team list does not hold it."""
    teams = query("master_teams_agents")
    row = teams[teams["team_id"] == team_id].head(1)
    if row.empty:
        return str(team_id)
    return code_name(str(row["team_code"].iloc[0]), row["team_name"].iloc[0])


def holds_no_store() -> bool:
    """The signed-in user's scope holds no store (no store list, no region, not the chain): every store-based figure
    is empty, for that reason and not for the period or the filters."""
    scope = current_user().scope
    return not (scope.all_stores or scope.store_ids or scope.region_ids)


def no_store_warning() -> None:
    """Say why a scope without stores sees no complaint, survey or 5S figure, and what to do: a team lead's team
    has no region when its agents' home stores lie in more than one region (README, Agents and teams)."""
    if holds_no_store():
        lead = current_user().scope.team_id is not None
        st.warning(t("filters.scope.none_held_team" if lead else "filters.scope.none_held"))


def _widget_values(key: str, offered: Sequence[str], previous: Applied) -> Applied:
    state = st.session_state
    preset = state.get(f"{key}_preset", previous.preset)
    start, end = previous.start, previous.end
    picked = state.get(f"{key}_dates")
    if preset == "custom" and isinstance(picked, (tuple, list)) and len(picked) == 2:
        start, end = picked
    chosen = dict(previous.selections)
    for name in offered:
        widget = f"{key}_{DIMENSIONS[name].key_suffix}"
        if widget in state:
            chosen[name] = tuple(state[widget])
    hours = bool(state.get(f"{key}_business_hours", previous.business_hours))
    return Applied(preset, start, end, {k: v for k, v in chosen.items() if v}, hours)


def _apply(key: str, offered: tuple[str, ...]) -> None:
    """on_change of every filter widget: the pick applies at once, to the session and the address."""
    applied = _widget_values(key, offered, applied_filter())
    st.session_state[STATE] = applied
    _write_address(applied, offered)


def _write_address(applied: Applied, offered: Sequence[str]) -> None:
    wanted = filter_state.to_query(applied, offered)
    # a link's start/end were read as the period (``_link_params``): once the address holds the filter they go,
    # else they came back on every run and a preset chosen after following a link never applied
    for name in (*filter_state.QUERY_KEYS, *LINK_PERIOD_KEYS):
        if name in st.query_params and name not in wanted:
            del st.query_params[name]
    for name, value in wanted.items():
        if st.query_params.get(name) != value:
            st.query_params[name] = value


def _from_address(offered: Sequence[str], today: date) -> Applied:
    """The applied filter for this run: the address wins when it names a filter the session does not hold
    (a link, a reload); the dimensions this page does not offer stay as the session has them. Dates outside
    ``report_day_bounds`` are left out, and said."""
    session = applied_filter()
    url = filter_state.from_query(_link_params(st.query_params.to_dict()), today)
    if url is None:
        return session
    mine = {n: url.selected(n) for n in offered if url.selected(n)}
    others = {n: v for n, v in session.selections.items() if n not in offered and v}
    merged = Applied(url.preset, url.start, url.end, {**others, **mine}, url.business_hours)
    if url.refused_days:
        first, last = report_day_bounds(today)
        st.warning(
            t(
                "filters.date_refused",
                values=", ".join(url.refused_days),
                first=first.isoformat(),
                last=last.isoformat(),
                period=t(f"filters.preset.{merged.preset}"),
            )
        )
    return merged


def filter_sidebar(
    page_key: str,
    *,
    today: date | None = None,
    dimensions: Sequence[str] | None = None,
    extra: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    business_hours: bool = False,
    show_caption: bool = True,
) -> Filters:
    """The one sidebar filter: the period, then the dimensions the page offers, region and store within the
    user's scope; every change applies at once and is kept for the session and in the address. Draws the
    filter in words under the page title (``show_caption``). ``dimensions`` overrides the page's declaration
    in ``navigation.PAGES``; ``extra`` (the former field -> (value, label) lists) is accepted for pages not
    yet moved, its options unused when the page declares its dimensions.
    """
    timezone = report_timezone()
    today = today or today_in(timezone)
    offered = tuple(dimensions or _dimensions_of(page_key, extra))
    unknown = [d for d in offered if d not in DIMENSIONS]
    if unknown:
        raise ValueError(f"unknown filter dimensions {unknown}")
    key = f"{page_key}_filters"
    applied = _from_address(offered, today)
    state = st.session_state
    st.sidebar.markdown(f"**{t('filters.title')}**")
    preset_names = {p: t(f"filters.preset.{p}") for p in PRESETS}
    if applied.preset not in PRESETS:
        applied = Applied(selections=applied.selections, business_hours=applied.business_hours)
    state[f"{key}_preset"] = applied.preset
    preset = st.sidebar.selectbox(
        t("filters.preset"),
        PRESETS,
        format_func=preset_names.get,  # a plain dict: AppTest formats outside the session
        key=f"{key}_preset",
        on_change=_apply,
        args=(key, offered),
        placeholder=t("common.no_options"),
    )
    start, end = applied.period(today)
    box = st.sidebar.container(border=True)
    if preset == "custom":
        if state.get(f"{key}_dates") != (start, end):
            state[f"{key}_dates"] = (start, end)
        first, last = report_day_bounds(today)  # the days the address and the command line accept
        box.date_input(
            t("filters.date_range"),
            min_value=first,
            max_value=last,
            key=f"{key}_dates",
            on_change=_apply,
            args=(key, offered),
        )
    else:
        box.caption(f"{start:%Y-%m-%d} – {end:%Y-%m-%d}")
    zone = zones.zone_name(timezone, lang())
    box.caption(t("filters.timezone_note", tz=zone))
    chosen: dict[str, tuple] = {}
    labels_of: dict[str, dict] = {}
    for name in offered:
        dim = DIMENSIONS[name]
        labels = _options(name, chosen.get("region", ()))
        labels_of[name] = labels
        widget = f"{key}_{dim.key_suffix}"
        valid = [v for v in applied.selected(name) if v in labels]
        # a link or an address naming what the reader cannot choose at all: said, not silently dropped (a store
        # outside the regions chosen just now goes without a word: the region narrowed it)
        anywhere = _options(name, ()) if name == "store" and chosen.get("region") else labels
        dropped = [v for v in applied.selected(name) if v not in anywhere]
        if dropped:
            st.warning(
                t("filters.dropped", dimension=t(dim.label_key), values=", ".join(str(v) for v in dropped))
            )
        if list(state.get(widget, ())) != valid:
            state[widget] = valid
        picked = box.multiselect(
            t(dim.label_key),
            list(labels),
            filter_mode="contains",
            format_func=labels.get,
            placeholder=t("filters.all"),
            key=widget,
            on_change=_apply,
            args=(key, offered),
        )
        chosen[name] = tuple(int(v) for v in picked) if name in ("region", "store") else tuple(picked)
    # a page without the switch keeps the session's choice for the pages that have it (visiting Satisfaction
    # turned business hours off for Complaints), and computes in calendar hours itself
    hours = applied.business_hours
    if business_hours:
        state[f"{key}_business_hours"] = applied.business_hours
        hours = box.toggle(
            t("filters.business_hours"), key=f"{key}_business_hours", on_change=_apply, args=(key, offered)
        )
    # filters apply on change; the button is kept for the habit (a click reruns, never loses a pick)
    box.button(t("filters.apply"), key=f"{key}_apply", width="stretch")
    applied = Applied(preset, applied.start, applied.end, {**applied.selections, **chosen}, hours)
    applied = Applied(
        applied.preset, applied.start, applied.end, {k: v for k, v in applied.selections.items() if v}, hours
    )
    state[STATE] = applied
    _write_address(applied, offered)
    if show_caption:
        st.caption(
            filter_state.caption(
                applied if business_hours else replace(applied, business_hours=False),  # what this page uses
                today,
                offered,
                scope_words(),
                t,
                lambda n, v: str(labels_of.get(n, {}).get(v, v)),
                zone,
            )
        )
        no_store_warning()  # every figure below is empty for the scope, not for the period or the filters
        # a period not begun, or under way, said as such (SPEC 3): its counts are not a whole period's
        if start > today:
            st.info(t("filters.not_started", start=f"{start:%Y-%m-%d}"))
        elif end >= today:
            days, total = (today - start).days + 1, (end - start).days + 1
            if days < total:
                st.caption(t("filters.in_progress", days=days, total=total))
    return Filters(
        start=start,
        end=end,
        business_hours=hours and business_hours,
        timezone=timezone,
        selections=chosen,
        rolling=applied.preset in filter_state.ROLLING_PRESETS,
    )


LINK_PERIOD_KEYS = ("start", "end")  # the overview's and the brief's links name a period so


def _link_params(params: dict[str, Any]) -> dict[str, Any]:
    """The overview's alert and brief links name a period as ``start``/``end`` and a store by its code
    (``?start=YYYY-MM-DD&end=...&store=CODE&category=X``): read as the address's ``from``/``to`` and store id."""
    params = dict(params)
    if "start" in params and "end" in params and "from" not in params:
        params["from"], params["to"] = params.pop("start"), params.pop("end")
    store = str(params.get("store", ""))
    if store and not all(part.strip().isdigit() for part in store.split(",")):
        stores = query("filter_stores")
        ids = stores.loc[stores["store_code"].isin(store.split(",")), "store_id"]
        params["store"] = ",".join(str(int(i)) for i in ids)
    return params


def period_params(start: date, end: date) -> dict[str, Any]:
    """``$start_at`` / ``$end_at`` (end exclusive) for a pair of inclusive dates."""
    return {
        k: v
        for k, v in Filters(start=min(start, end), end=max(start, end), timezone=report_timezone())
        .sql_params()
        .items()
        if k in ("start_at", "end_at", "start_on", "end_on")
    }
