"""How the Complaints page shows its figures: value labels, the store and agent tables, the words around
the tiles (the numbers themselves are formatted by ``portal.kpi``)."""

from __future__ import annotations

import pandas as pd

from portal import kpi
from portal.complaints.figures import TILE_SPECS, ComplaintFigures, Targets, tile_target
from portal.filters import Filters
from portal.i18n import TABLE, t
from portal.kpi import Figure, TileText
from portal.rounding import half_up_all


def target_text(fig: Figure, goals: Targets, lang: str = "en") -> str:
    """A tile's target in words (the targets by severity; the SLA window when no attainment target is set)."""
    if fig.targets_by:
        return kpi.format_target(fig, lang)
    if fig.target is None:
        if fig.key == "sla_attainment":
            return t("complaints.target.sla_window", lang, hours=goals.sla_hours)
        return t("complaints.target.none", lang)
    return kpi.format_target(fig, lang)


def tile_texts(figs: ComplaintFigures, lang: str = "en") -> list[TileText]:
    """The words around each tile: n and target, then the status (grey low confidence, green meets, red misses),
    under the median resolution time the share resolved within its severity's target, under the median first
    response time how many complaints of the period nobody has answered yet (not in the response times), and under
    the SLA how many answers on a date only its dates could not judge (not in its n), under the reopen rate how many
    resolved complaints' reopens are not told (not in its n)."""
    out = []
    within = figs.summary.get("resolution_within_target_pct")
    unanswered = int(figs.summary.get("unanswered_count") or 0)  # see the package docstring: not answered yet
    undecided = int(figs.summary.get("sla_undecided_count") or 0)  # answers on a date the dates cannot judge
    unknown_reopens = int(figs.summary.get("reopen_unknown_count") or 0)  # resolved, reopens not told
    for fig in figs.tiles:
        captions = [
            (t("complaints.tile.caption", lang, n=fig.n, target=target_text(fig, figs.targets, lang)), None)
        ]
        if fig.status == "no_data" and fig.reason:  # "no data" and why, never a colour (issue 9)
            captions = [(kpi.caption(fig, lang), None)]
        else:
            line = kpi.status_line(fig, lang, target="")  # the line above names the target
            if line is not None:
                captions.append(line)
        if fig.key == "resolution_median" and fig.unit == "hours" and within is not None:
            captions.append(
                (t("complaints.within_target", lang, pct=kpi.format_number("pct", within, lang)), None)
            )
        if fig.key == "first_response_median" and fig.status != "no_data" and unanswered:
            # a median of response times says nothing of the complaints nobody has answered: say how many
            captions.append((t("complaints.unanswered", lang, n=unanswered), None))
        if fig.key == "reopen_rate" and fig.status != "no_data" and unknown_reopens:
            # the reopen rate's n leaves out complaints first seen resolved (their reopens before are not told, an
            # observed one too: counting only those would count the reopened alone): say how many (a probe read
            # "0.0 % (n = 1)" beside a reopen the portal had seen)
            captions.append((t("complaints.reopen_unknown", lang, n=unknown_reopens), None))
        if fig.key == "sla_attainment" and fig.status != "no_data" and undecided:
            # the SLA's n leaves out the answers on a date whose dates cannot place them: say how many
            captions.append((t("complaints.sla_undecided", lang, n=undecided), None))
        out.append(
            TileText(
                label=t(fig.label, lang),
                captions=tuple(captions),
                help=t("complaints.tile.change_help", lang),
                vs_previous=t("complaints.tile.vs_previous", lang),
            )
        )
    return out


def value_label(kind: str, value, lang: str = "en") -> str:
    """The label of a channel, category, severity or age bucket (``kind``); an unknown value shows as itself."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return t("complaints.no_store", lang) if kind == "store" else t("complaints.unassigned", lang)
    key = f"complaints.{kind}.{value}"
    return t(key, lang) if key in TABLE else str(value)


def display_formats(frame: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """How ``display_table(frame, lang)`` shows its figures: ``{column label: printf format}`` for
    ``st.column_config.NumberColumn`` — hours and percentages with one fixed decimal, counts whole with
    thousands separators."""
    out = {}
    for column in frame.columns:
        key = f"complaints.col.{column}"
        if key not in TABLE:
            continue
        if column.endswith(("_hours", "_pct")):
            out[t(key, lang)] = "%,.1f"
        elif column.endswith(("_count", "_n")):
            out[t(key, lang)] = "%,d"
    return out


MISSING_CODE = "—"  # a store code cell of the complaints without a store


def display_table(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A store or agent table for people: labelled columns in ``lang``, figures rounded to 0.1, counts whole
    (``display_formats`` says how to show them). The count of answers on a date only that the dates cannot judge
    (out of the SLA's n, as under the tile) is a column where any row has one."""
    dropped = [c for c in ("store_id", "agent_id") if c in frame.columns]
    if "sla_undecided_count" in frame.columns and not frame["sla_undecided_count"].fillna(0).any():
        dropped.append("sla_undecided_count")
    out = frame.drop(columns=dropped).copy()
    no_store = out["store_code"].isna() if "store_code" in out.columns else None
    if {"agent_id", "team_code"} <= set(frame.columns):
        # an agent's row of the days in no team (agent_team_id 0) says so, as the list's caption; the unassigned
        # row has no team cell
        no_team = frame["agent_id"].notna() & frame["team_code"].isna()
        out["team_code"] = out["team_code"].astype("object").where(~no_team, t("clist.agent_team.none", lang))
    for name in ("store_name", "agent_name"):
        if name in out.columns:
            out[name] = out[name].astype("object").where(out[name].notna(), t("common.none", lang))
    if no_store is not None:
        # the row of complaints without a store: "No store (online)" in the wide name column (the code
        # column, sized for codes, cut it), a dash for its code
        out["store_code"] = out["store_code"].astype("object").where(~no_store, MISSING_CODE)
        if "store_name" in out.columns:
            out["store_name"] = out["store_name"].where(~no_store, t("complaints.no_store", lang))
        else:
            out["store_code"] = out["store_code"].where(~no_store, t("complaints.no_store", lang))
    if "agent_code" in out.columns:
        out["agent_code"] = (
            out["agent_code"]
            .astype("object")
            .where(out["agent_code"].notna(), t("complaints.unassigned", lang))
        )
    shown = [c for c in out.columns if f"complaints.col.{c}" in TABLE]
    out = half_up_all(out[shown], 1)
    for column in shown:
        if column.endswith(("_count", "_n")):
            out[column] = out[column].astype("Int64")
    return out.rename(columns={c: t(f"complaints.col.{c}", lang) for c in shown})


def table_statuses(
    frame: pd.DataFrame, goals: Targets, filters: Filters, lang: str = "en"
) -> dict[str, list[str | None]]:
    """Per shown column label of ``display_table(frame, lang)``, each row's status against the tile's target
    (``portal.kpi.status_of``: the one rule; a row on fewer than the low-confidence n is never pass or fail)."""
    out: dict[str, list[str | None]] = {}
    for spec in TILE_SPECS:
        if spec.value not in frame.columns or spec.unit == "count":
            continue
        target, _ = tile_target(spec, goals, filters)
        if target is None:  # several targets (resolution by severity): not one cell's
            continue
        out[t(f"complaints.col.{spec.value}", lang)] = [
            kpi.status_of(v, n, target, spec.better, goals.low_confidence_n, spec.unit)
            for v, n in zip(frame[spec.value], frame[spec.n], strict=True)
        ]
    return out


def trend_sla_note(trend: pd.DataFrame, lang: str = "en") -> str | None:
    """Under the weekly SLA trend: how many answers on a date only the dates cannot judge are out of the weeks' n
    (None when none are)."""
    undecided = int(trend["sla_undecided_count"].fillna(0).sum()) if "sla_undecided_count" in trend else 0
    return t("complaints.trend.sla_undecided", lang, n=undecided) if undecided else None
