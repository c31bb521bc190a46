"""The agents upload kind (admin): the chain's agents with their teams and home stores (SPEC §2), the twin of
the stores upload (portal/ingest/master_stores.py) on the same helpers (portal/ingest/master_rows.py). One row
per agent.

- A team the file names that the master data lacks is created with the file's team name (its code where none is)
  and, when every one of its agents in the file has a home store in one region, that region (else none: give it
  on the Users page's team lead's stores, or upload the agents with their home stores). Team names the file gives
  rename stored teams.
- A new agent is created with its name (its code where none is), team, home store (a known store), active flag
  (yes unless the file says no) and hiring date. A stored agent gets the file's name, active flag and hiring
  date; a blank cell keeps the stored value (before-images kept for undo). A stored agent the file gives another
  team or home store is moved: they are kept in agent_assignments (the agent's own columns stay those it was
  created with: DuckDB cannot change a referenced row's key column; portal/ingest/master_rows.py). A move (of
  team, home store or both) also ends the agent's open history row (agent_team_history: team and home store,
  migrations 027 and 030) on the batch's date in the reporting zone and starts the new one there: a scorecard
  period counts the agent under the team and home store of its last day (models/agent_team_spans.sql), so the
  periods that ended before the move stay the old team's (and its lead's) and the old home store's region's (its
  manager's), and the new team's lead and region have the agent from the period under way on.
- Undo puts renamed and moved agents (their assignment and team history with them) and renamed teams back and
  removes the agents and teams the batch created; it is refused while other data refer to agents or teams the
  batch created.
"""

from __future__ import annotations

import pandas as pd

from portal import settings
from portal.i18n import Both, listed
from portal.ingest import master_rows
from portal.ingest.core import CheckContext, CommitContext
from portal.ingest.errors import values_detail
from portal.ingest.kinds import AGENT_CODE_ALIASES, Counts, Field, Kind, Table, choice_map

ACTIVE_CHOICES = choice_map(
    {
        # an HR roster's 在职状态: a probationer (试用期), one on leave (休产假, 休假, 病假) or serving notice (待离职) is
        # still employed (a helper's probe: their rows were refused)
        "yes": (
            "是",
            "y",
            "true",
            "1",
            "active",
            "在职",
            "有效",
            "试用期",
            "试用",
            "probation",
            "待离职",
            "休假",
            "休产假",
            "产假",
            "病假",
            "停薪留职",
            "on leave",
            "notice period",
        ),
        # BambooHR's and Workday's Terminated, a retiree (退休)
        "no": (
            "否",
            "n",
            "false",
            "0",
            "inactive",
            "离职",
            "已离职",
            "停用",
            "left",
            "resigned",
            "terminated",
            "separated",
            "former",
            "retired",
            "退休",
            "已退休",
        ),
    }
)
FIELDS = (
    Field("agent_code", "客服专员编码", "code", required=True, label_en="Agent code", example="A001",
          # an HR system's employee number (BambooHR's "Employee #", Workday's "Employee ID")
          aliases=(*AGENT_CODE_ALIASES, "employee id", "employee number", "employee no", "员工编号", "员工工号"),
          fallback_aliases=("employee #", "assigned to")),
    Field("name", "客服专员姓名", "text", label_en="Agent name", example="Li Na",
          aliases=("agent name", "staff name", "姓名", "客服姓名")),
    Field("team_code", "班组编码", "code", label_en="Team code", example="T1",
          aliases=("team", "team id", "班组", "班组代码", "团队编码")),
    Field("team_name", "班组名称", "text", label_en="Team name", example="Team One",
          aliases=("团队名称", "班组名"),
          marked_aliases=("team name (english)", "班组名称(英文)", "班组英文名称", "班组英文名")),
    Field("team_name_zh", "班组中文名称", "text", label_en="Team name in Chinese", example="一组",
          aliases=("team name (chinese)", "team name zh", "班组中文名", "班组名称(中文)", "团队名称(中文)"),
          leftover_aliases=(("班组名称", "team_name"), ("团队名称", "team_name"))),
    Field("home_store_code", "常驻门店编码", "code", label_en="Home store code", example="S001",
          aliases=("home store", "store code", "store", "常驻门店", "门店编码", "所属门店"),
          fallback_aliases=("location",)),
    Field("active", "是否在职", "choice", choices=ACTIVE_CHOICES, label_en="Active (yes/no)", example="yes",
          aliases=("is active", "在职", "在职状态", "员工状态", "employment status")),
    Field("hired_on", "入职日期", "date", label_en="Hired on", example="2024-03-01",
          aliases=("hire date", "hired", "入职时间")),
    # an HR roster's leave date: it decides the active flag where the status cell is blank (check_rows); not kept
    Field("left_on", "离职日期", "date", label_en="Left on", in_template=False, future_ok=True,
          aliases=("leave date", "left on", "termination date", "离职时间")),
)  # fmt: skip
TEMPLATE_ROWS = (
    {"agent_code": "A001", "name": "Li Na", "team_code": "T1", "team_name": "Team One", "team_name_zh": "一组",
     "home_store_code": "S001", "active": "yes", "hired_on": "2024-03-01"},
    {"agent_code": "A002", "name": "Wang Wei", "team_code": "T1", "team_name": "Team One", "team_name_zh": "一组",
     "home_store_code": "S002", "active": "", "hired_on": ""},
)  # fmt: skip
TABLES = (
    # history rows the batch wrote are deleted; a moved agent's list (its old row reopened) is put back whole
    Table("agent_team_history", batch_column="batch_id", snapshot=True, parent=("agent_id", "agents")),
    Table("agent_assignments", batch_column=None, snapshot=True, parent=("agent_id", "agents")),
    Table("agents", key="agent_id", batch_column=None, snapshot=True),
    Table("teams", key="team_id", batch_column=None, snapshot=True),
)
OWN_TABLES = ("agent_team_history", "agent_assignments", "agents", "teams")
OPTIONAL = (
    "name",
    "team_code",
    "team_name",
    "team_name_zh",
    "home_store_code",
    "active",
    "hired_on",
    "left_on",
)


def check_rows(ctx: CheckContext) -> None:
    v = ctx.values
    for name in OPTIONAL:
        if name not in v.columns:
            v[name] = None
    # 123 for the stored agent 00123, s2 for the stored store S002 (Excel, case): those, not new or unknown ones
    master_rows.match_stored_codes(ctx, "agent_code", "master_agent_codes", "ingest.error.alike_agent")
    master_rows.match_stored_codes(ctx, "home_store_code", "master_store_codes", "ingest.error.alike_store")
    _match_teams(ctx)
    master_rows.chinese_names_to_zh(ctx, "team_name", "team_name_zh")
    _check_leave_dates(ctx)
    master_rows.note_unread_columns(ctx)
    homes = v["home_store_code"].astype(object)
    named = sorted(homes.dropna().astype(str).unique())
    known = set(master_rows.stored_rows(ctx.cur, "master_store_codes_known", named)["store_code"])
    ctx.add_error(homes.notna() & ~homes.isin(list(known)), "home_store_code", "ingest.error.unknown_store")
    # last: of the valid rows only (an invalid row's team name is not committed)
    master_rows.note_renames(
        ctx,
        "team_code",
        ("team_name", "team_name_zh"),
        "teams",
        ("team_code", "name", "name_zh"),
        Both("Teams", "班组"),
    )


def _check_leave_dates(ctx: CheckContext) -> None:
    """An HR roster that marks leavers only by their leave date (离职日期, no status column): a leave date on or
    before the import day (in the reporting zone) makes a row with a blank status inactive, as 离职 does, said in
    a notice with how many; a later one keeps the agent active. Before, the column was read by no field and every
    leaver was created active. A leave date before the row's hire date ends an earlier employment (a rehire keeps
    the old leave date beside the new hire date): not applied, said in a notice. A status saying employed beside a
    leave date already past (and no later hire date) is an error of the row naming both columns: neither cell is
    taken over the other."""
    v = ctx.values
    if not v["left_on"].notna().any():
        return
    left, hired = pd.to_datetime(v["left_on"]), pd.to_datetime(v["hired_on"])
    zone = settings.report_timezone(ctx.cur)
    today = (
        pd.Timestamp(ctx.options.now_utc()).tz_localize("UTC").tz_convert(zone).tz_localize(None).normalize()
    )
    earlier = left < hired  # NaT on either side: False
    if earlier.any():
        _note_codes(ctx, "master.notice.left_before_hired", v.loc[earlier, "agent_code"])
    gone = ~earlier & (left <= today)
    status = v["active"].astype(object)
    detail = values_detail(column=ctx.column_of("active"), today=f"{today:%Y-%m-%d}")
    ctx.add_error(gone & (status == "yes"), "left_on", "master.error.employed_but_left", detail=detail)
    inactive = gone & status.isna()
    if inactive.any():
        v.loc[inactive, "active"] = "no"
        _note_codes(
            ctx, "master.notice.left_inactive", v.loc[inactive, "agent_code"], day=f"{today:%Y-%m-%d}"
        )


def _note_codes(ctx: CheckContext, key: str, codes: pd.Series, **values) -> None:
    """A notice of the leave-date column naming how many agents and their codes (the first ten)."""
    listed_codes = codes.astype(str).tolist()
    ctx.add_notice(
        key,
        column=ctx.column_of("left_on"),
        n=len(listed_codes),
        codes=listed(listed_codes[:10], more=len(listed_codes) > 10),
        **values,
    )


def _match_teams(ctx: CheckContext) -> None:
    """The file's team codes as the stored teams write them, matched as a store or agent code is
    (``codes.resolve_codes``: case, then leading zeros of each digit run, T01 is T1), new ones written alike
    made one (T03 and T3): each said in a notice. Before, T01 beside a stored T1 created a second team. Only those
    two rules: a code holding a stored one (T1-B) is a new team, not the stored T1 (review of 8fe63a8). A code
    written like several stored teams (T0001 beside T1 and T01, left by the old matching) is an error of its rows
    naming them, never a new team."""
    master_rows.match_stored_codes(ctx, "team_code", "master_team_codes", "master.error.ambiguous_team")


def _frame(ctx: CommitContext) -> pd.DataFrame:
    texts = ("agent_code", "name", "team_code", "team_name", "team_name_zh", "home_store_code")
    return master_rows.staged_frame(ctx.rows, texts, dates=("hired_on",), flags=("active",))


def commit_rows(cur, ctx: CommitContext) -> Counts:
    """Teams first (renamed ones snapshotted, new ones created), then the agents staged against the stored
    ones: changed ones snapshotted and updated, new ones inserted."""
    frame = _frame(ctx)
    cur.register("master_agent_rows", frame)
    try:
        ctx.run("master_teams_stage")
        if cur.execute("select count(*) from master_team_stage").fetchone()[0]:
            ctx.snapshot("teams", "master_team_stage")
            ctx.run("master_teams_update")
        stored_teams = {r[0] for r in master_rows.stored_rows(cur, "master_team_codes_known", sorted(
            frame["team_code"].dropna().unique())).itertuples(index=False)}  # fmt: skip
        new_teams = [c for c in frame["team_code"].dropna().drop_duplicates() if c not in stored_teams]
        ctx.run("master_teams_add")
        ctx.run("master_agents_stage")
        added, updated, unchanged = ctx.counts("master_agent_stage")
        new_agents = [r[0] for r in cur.execute(
            "select agent_code from master_agent_stage where existing_id is null order by row_no").fetchall()]  # fmt: skip
        if (
            updated or unchanged
        ):  # held unchanged too: an undo of the batch that wrote them waits for this one
            ctx.snapshot("agents", "master_agent_stage")
        if updated:
            ctx.run("master_agents_update")
            ctx.run("master_agent_assignments_set")
            timezone = settings.report_timezone(cur)
            ctx.run("master_agent_team_history_fill")
            ctx.run("master_agent_team_history_close", {"timezone": timezone})
            ctx.run("master_agent_team_history_moved", {"timezone": timezone})
        if added:
            ctx.run("master_agents_insert")
        cur.execute("drop table if exists master_agent_stage")
        cur.execute("drop table if exists master_team_stage")
    finally:
        cur.unregister("master_agent_rows")
    master = {k: v for k, v in (("team_code", new_teams), ("agent_code", new_agents)) if v}
    return Counts(added, updated, unchanged, master)


def refuse_undo_of_used(cur, batch_id: int) -> None:
    master_rows.refuse_undo_of_used(cur, batch_id, "agents", "agent_id", "agent_code", OWN_TABLES)
    master_rows.refuse_undo_of_used(
        cur,
        batch_id,
        "teams",
        "team_id",
        "team_code",
        OWN_TABLES,
        kept=(
            ("agents", "agent_id", "created_batch_id"),
            ("agent_assignments", "agent_id", "batch_id"),
            ("agent_team_history", "agent_id", "batch_id"),
        ),
    )


KIND = Kind(
    name="agents",
    title_key="ingest.kind.agents",
    fields=FIELDS,
    key_fields=("agent_code",),
    upload_roles=frozenset({"admin"}),
    check=check_rows,
    commit=commit_rows,
    tables=TABLES,
    template_rows=TEMPLATE_ROWS,
    before_undo=refuse_undo_of_used,
    zero_padded_codes=True,
)
