"""The complaint list behind every complaint figure: what to list, one page of it in SQL, its table and CSV.

A ``ListRequest`` is the shared filter plus the list's own choices (which complaints, statuses, age buckets,
overdue, agents and their team on the received date), a sort key from ``SORTS`` (the allow-list: the SQL only knows these keys) and a page.
``drill_params`` turns a click on a chart bar or a table row into the list's address parameters, and
``request_from_query`` reads them back, dropping whatever does not parse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from portal import export, vocab
from portal.complaints.figures import Targets, as_of_for, query_params, rounded_now
from portal.filters import Filters
from portal.i18n import listed, t
from portal.rounding import half_up_all
from portal.text import code_name

Runner = Callable[[str, Mapping[str, Any]], pd.DataFrame]

WHICH = ("received", "open", "resolved")
AGE_BUCKETS = ("lt_1d", "d1_3", "d3_7", "gt_7d")
OVERDUE = ("", "sla", "resolution")
SORTS = (
    "received_at",
    "age",
    "first_response",
    "resolution",
    "store",
    "agent",
    "category",
    "status",
    "severity",
)
PAGE_SIZES = (25, 50, 100)
EXPORT_LIMIT = 50_000  # rows in one CSV export
EARLIEST = datetime(1, 1, 2)  # $received_from of a list that may hold complaints received at any time
# address parameters of the list's own choices (the shared filter has its own: portal.filter_state)
LIST_KEYS = ("which", "status", "age", "overdue", "agent", "agent_team", "sort", "desc", "page")


@dataclass(frozen=True)
class ListRequest:
    filters: Filters
    which: str = "received"
    statuses: tuple[str, ...] = ()
    age_buckets: tuple[str, ...] = ()
    overdue: str = ""
    agent_ids: tuple[int, ...] = ()
    agent_team_id: int | None = (
        None  # the agents' team on the received date (a by-agent row: agent x team held; 0: no team)
    )
    sort: str = "received_at"
    descending: bool = True
    page: int = 1  # 1-based
    page_size: int = 50
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.which not in WHICH:
            raise ValueError(f"which must be one of {WHICH}")
        if self.sort not in SORTS:  # the allow-list: nothing else reaches the SQL
            raise ValueError(f"sort must be one of {SORTS}")
        if self.overdue not in OVERDUE:
            raise ValueError(f"overdue must be one of {OVERDUE}")
        if any(b not in AGE_BUCKETS for b in self.age_buckets):
            raise ValueError("unknown age bucket")
        if any(s not in vocab.COMPLAINT_STATUSES for s in self.statuses):
            raise ValueError("unknown status")
        if self.page < 1 or self.page_size < 1:
            raise ValueError("page and page_size start at 1")


def list_params(
    req: ListRequest, goals: Targets, as_of: datetime | None = None, sla_as_of: datetime | None = None
) -> dict[str, Any]:
    """The bound parameters of queries/complaint_list.sql (the scope is added by the runner)."""
    as_of = as_of_for(req.filters) if as_of is None else as_of
    params = query_params(req.filters, goals, as_of, sla_as_of or rounded_now())
    params.update(
        which=req.which,
        statuses=list(req.statuses),
        age_buckets=list(req.age_buckets),
        agent_ids=[int(a) for a in req.agent_ids],
        agent_team_id=req.agent_team_id,
        overdue=req.overdue,
        sort=req.sort,
        descending=req.descending,
        limit=req.page_size,
        offset=(req.page - 1) * req.page_size,
        # the list "received in the period" needs no complaint received before it: a range the scan uses
        received_from=params["start_at"] if req.which == "received" else EARLIEST,
    )
    return params


def page_of(run: Runner, req: ListRequest, goals: Targets, **when) -> tuple[pd.DataFrame, int]:
    """One page of the list and the list's total row count (limit / offset in the SQL)."""
    frame = run("complaint_list", list_params(req, goals, **when))
    total = int(frame["total_count"].iloc[0]) if not frame.empty else 0
    return frame, total


def page_count(total: int, page_size: int) -> int:
    return max(1, -(-total // page_size))


# ---------------------------------------------------------------- the address
def _split(text: Any) -> list[str]:
    return [p.strip() for p in str(text or "").split(",") if p.strip()]


def request_from_query(params: Mapping[str, Any], filters: Filters, page_size: int = 50) -> ListRequest:
    """The list's choices from its address; values that do not parse are dropped."""
    which = str(params.get("which", "received"))
    overdue = str(params.get("overdue", ""))
    sort = str(params.get("sort", "received_at"))
    page = str(params.get("page", "1"))
    team = str(params.get("agent_team", ""))
    return ListRequest(
        filters,
        which=which if which in WHICH else "received",
        statuses=tuple(s for s in _split(params.get("status")) if s in vocab.COMPLAINT_STATUSES),
        age_buckets=tuple(b for b in _split(params.get("age")) if b in AGE_BUCKETS),
        overdue=overdue if overdue in OVERDUE else "",
        agent_ids=tuple(int(a) for a in _split(params.get("agent")) if a.isdigit()),
        agent_team_id=int(team) if team.isdigit() else None,
        sort=sort if sort in SORTS else "received_at",
        descending=str(params.get("desc", "1")) != "0",
        page=int(page) if page.isdigit() and int(page) > 0 else 1,
        page_size=page_size,
    )


def request_to_query(req: ListRequest) -> dict[str, str]:
    out: dict[str, str] = {}
    if req.which != "received":
        out["which"] = req.which
    if req.statuses:
        out["status"] = ",".join(req.statuses)
    if req.age_buckets:
        out["age"] = ",".join(req.age_buckets)
    if req.overdue:
        out["overdue"] = req.overdue
    if req.agent_ids:
        out["agent"] = ",".join(str(a) for a in req.agent_ids)
    if req.agent_team_id is not None:
        out["agent_team"] = str(req.agent_team_id)
    if req.sort != "received_at":
        out["sort"] = req.sort
    if not req.descending:
        out["desc"] = "0"
    if req.page > 1:
        out["page"] = str(req.page)
    return out


def drill_params(kind: str, value: Any, extra: Any = None) -> dict[str, str]:
    """The list's address parameters for a click: a Pareto bar (category), a heat-map cell (category, store
    id), a backlog bar (age bucket, severity), a store row (store id), an agent row (agent id, and the team its
    complaints were received in where the row names one: a moved agent has a row per team)."""
    if kind == "category":
        return {"category": str(value)}
    if kind == "category_store":
        out = {"category": str(value)}
        if extra is not None and not pd.isna(extra):
            out["store"] = str(int(extra))
        return out
    if kind == "backlog":
        out = {"which": "open", "age": str(value)}
        if extra:
            out["severity"] = str(extra)
        return out
    if kind == "store":
        return {"store": str(int(value))} if value is not None and not pd.isna(value) else {}
    if kind == "agent":
        if value is None or pd.isna(value):
            return {}
        out = {"agent": str(int(value))}
        if extra is not None and not pd.isna(extra):
            out["agent_team"] = str(int(extra))
        return out
    raise ValueError(f"unknown drill kind {kind!r}")


# the clicked point or row -> the list's address (None: not a drill point); plotly's selection point carries
# the trace's customdata (the bar's category, the backlog bar's [bucket, severity], the cell's "cat|store")
def _custom(point: Mapping[str, Any]) -> Any:
    data = point.get("customdata")
    return data


def pareto(point: Mapping[str, Any]) -> dict[str, str] | None:
    data = _custom(point)
    if isinstance(data, list):
        data = data[0] if data else None
    return drill_params("category", data) if isinstance(data, str) and data in vocab.CATEGORY_GROUPS else None


def heat_cell(point: Mapping[str, Any]) -> dict[str, str] | None:
    data = _custom(point)
    if isinstance(data, list):
        data = data[0] if data else None
    if not isinstance(data, str) or "|" not in data:
        return None
    category, store = data.split("|", 1)
    if category not in vocab.CATEGORY_GROUPS:
        return None
    return drill_params("category_store", category, int(store) if store.isdigit() else None)


def backlog_bar(point: Mapping[str, Any]) -> dict[str, str] | None:
    data = _custom(point)
    if not isinstance(data, list) or len(data) != 2 or data[0] not in AGE_BUCKETS:
        return None
    return drill_params("backlog", data[0], data[1] if data[1] in vocab.SEVERITIES else None)


def store_row(row: Mapping[str, Any]) -> dict[str, str] | None:
    return drill_params("store", row.get("store_id")) or None


def agent_row(row: Mapping[str, Any]) -> dict[str, str] | None:
    return drill_params("agent", row.get("agent_id"), row.get("agent_team_id")) or None


# ---------------------------------------------------------------- display
COLUMNS = (
    "source_id",
    "received_local",
    "store",
    "agent_code",
    "channel",
    "category_group",
    "severity",
    "status",
    "first_response_hours",
    "resolution_hours",
    "age_hours",
    "overdue",
)


def display_table(frame: pd.DataFrame, lang: str, zone: str) -> pd.DataFrame:
    """The page's rows with labelled columns and values (statuses, channels ... in words; times local)."""
    out = pd.DataFrame(
        {
            "source_id": frame["source_id"],
            "received_local": pd.to_datetime(frame["received_local"]),
            "store": [
                f"{c} {n}" if isinstance(c, str) else "—"
                for c, n in zip(frame["store_code"], frame["store_name"], strict=False)
            ],
            "agent_code": [  # another team's agent is not named (queries/complaint_list.sql)
                t("clist.agent.other_team", lang) if other else code
                for code, other in zip(frame["agent_code"], frame["is_other_team_agent"], strict=False)
            ],
            "channel": [t(f"complaints.channel.{v}", lang) for v in frame["channel"]],
            "category_group": [t(f"complaints.category.{v}", lang) for v in frame["category_group"]],
            "severity": [t(f"complaints.severity.{v}", lang) for v in frame["severity"]],
            "status": [t(f"{vocab.LABEL_PREFIX['COMPLAINT_STATUSES']}.{v}", lang) for v in frame["status"]],
            "first_response_hours": half_up_all(frame["first_response_hours"], 1),
            "resolution_hours": half_up_all(frame["resolution_hours"], 1),
            "age_hours": half_up_all(frame["age_hours"], 1),
            "overdue": [
                overdue_text(bool(s), bool(r), lang)
                for s, r in zip(frame["is_sla_missed"], frame["is_resolution_overdue"], strict=False)
            ],
        }
    )
    labels = {c: t(f"clist.col.{c}", lang, zone=zone) for c in COLUMNS}
    return out.rename(columns=labels)


def caption_names(run: Runner, req: ListRequest, lang: str) -> tuple[str | None, str | None]:
    """The caption's agents and team on the received date (None: none asked for), by code and name
    (queries/complaint_list_names.sql: also a team outside the reader's own list, a moved agent's former one); an
    agent or team the reader's agent scope does not reach is "Other team", a by-agent row's "no team" (0) so."""
    if not req.agent_ids and req.agent_team_id is None:
        return None, None
    params = {
        "caption_agent_ids": list(req.agent_ids),
        "caption_team_id": req.agent_team_id,
        "report_tz": req.filters.timezone,
    }
    names = run("complaint_list_names", params)
    ids = names["agent_id"].fillna(names["team_id"]).astype(int)
    known = {
        (k, i): code_name(c, n)
        for k, i, c, n in zip(names["kind"], ids, names["code"], names["name"], strict=True)
    }
    other = t("clist.agent.other_team", lang)
    agents = (
        listed([known.get(("agent", a), other) for a in req.agent_ids]).text(lang) if req.agent_ids else None
    )
    if req.agent_team_id is None:
        return agents, None
    team = (
        t("clist.agent_team.none", lang) if req.agent_team_id == 0 else known.get(("team", req.agent_team_id))
    )
    return agents, team or other


def overdue_text(sla: bool, resolution: bool, lang: str) -> str:
    parts = []
    if sla:
        parts.append("⚠ " + t("clist.overdue.sla", lang))
    if resolution:
        parts.append("⚠ " + t("clist.overdue.resolution", lang))
    return " · ".join(parts)


def file_name(filters: Filters) -> str:
    """The export's name carries its period (``portal.export.period_file_name``)."""
    return export.period_file_name("complaints", filters.start, filters.end)
