"""The QA-review upload kind: a QA tool's form export (one row per review x criterion, or one row per review
scored as one number) in the shared import pipeline (portal.ingest: mapping, preview, all-or-nothing, batches,
undo). The row rules are portal/qa/form.py; the writes queries/writes/qa_reviews_*.sql.

- Key: the review id. A review seen again is updated when its content changed (its criteria replaced; the
  before-images kept for undo) and counted unchanged otherwise. Disputes and sign-offs are not touched, and a
  disputed review's agent and reviewer cannot change (a row error).
- Who: a team lead uploads reviews of their own team's agents only; a manager the agents whose home store is
  in their stores (models/agent_in_scope.sql); an admin any.
  A row of an agent outside the uploader's scope, or a review id that belongs to such an agent, is invalid.
  Unknown agent codes are listed; a manager or an admin may add them to the master data in the same commit.
- A complaint id links the review to the complaint with that source id; an unknown one is an error.
- Counts are of reviews (a review of five criteria is one review added), rows in file of rows.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from portal import db, writes
from portal.i18n import Both, listed
from portal.ingest import cells, master_rows, scales, validation
from portal.ingest.codes import name_key
from portal.ingest.core import CheckContext, CommitContext
from portal.ingest.errors import values_detail
from portal.ingest.kinds import AGENT_CODE_ALIASES, Counts, Field, Kind, Table, agent_code_field, choice_map
from portal.qa import form, own_max, reused_ids, score_columns, subtotals
from portal.text import code_name

CRITICAL_CHOICES = choice_map(
    {
        "yes": ("y", "true", "1", "x", "critical", "是", "关键", "致命"),
        "no": ("n", "false", "0", "否", "非关键"),
    }
)
FIELDS = (
    # a blank review id below a review's first row is that review's (merged id cells saved to CSV): filled from
    # the row above before the checks, the cells still blank then refused as required (_fill_review_ids)
    Field("review_id", "质检编号", "text", required=True, required_cells=False, label_en="Review id",
          example="QA-2026-0001",
          aliases=("review id", "review no", "evaluation id", "qa id", "质检单号", "评估编号", "评审编号")),
    # a review's own columns may stand on its first row only: the agent's and the date's columns are required,
    # their cells checked per review (form.row_errors). A 质检表 names the agent under 姓名 alone (matched to the
    # agents by name, as codes.resolve_codes matches a name given for a code), after every code alias
    replace(
        agent_code_field(required=True),
        required_cells=False,
        aliases=(*AGENT_CODE_ALIASES, "姓名"),
    ),
    Field("reviewed_on", "质检日期", "date", required=True, required_cells=False, label_en="Review date",
          example="2026-10-12",
          aliases=("review date", "evaluated on", "evaluation date", "date", "评分日期", "评审日期", "日期")),
    Field("reviewer", "质检员", "text", label_en="Reviewer", example="质检 李娜",
          aliases=("evaluator", "qa reviewer", "reviewed by", "评估人", "质检人员")),
    Field("score", "总分", "number", min_value=0, max_value=100, score_scale=True, max_field="max_score",
          fractions=True, label_en="Overall score (0-100)",
          aliases=("total score", "overall score", "final score", "qa score", "得分", "质检得分")),
    Field("criterion", "评分项", "text", label_en="Criterion",
          aliases=("criterion code", "item", "question", "section", "评分项目", "考核项")),
    Field("criterion_score", "评分项得分", "number", min_value=0, fractions=True, label_en="Criterion score",
          aliases=("item score", "points", "points earned", "项目得分", "得分项分数"),
          # 得分 is first the overall score's; beside 总分 and 评分项 it is the criterion's
          leftover_aliases=(("得分", "criterion"),)),
    Field("max_score", "满分", "number", min_value=0, label_en="Maximum score",
          aliases=("max points", "possible points", "out of", "max score", "max", "maximum", "possible",
                   "max possible", "total possible", "分值")),
    Field("weight", "权重", "number", min_value=0, label_en="Weight", aliases=("item weight", "criterion weight")),
    Field("critical", "关键项", "choice", choices=CRITICAL_CHOICES, label_en="Critical (yes/no)",
          aliases=("is critical", "auto fail", "fatal", "fatal error", "致命项", "是否关键项", "致命错误",
                   "是否致命错误")),
    Field("complaint_id", "投诉编号", "text", label_en="Complaint id", aliases=("ticket id", "case id", "工单号")),
    Field("comment", "评语", "text", label_en="Comment", aliases=("comments", "remarks", "notes", "备注", "质检意见")),
)  # fmt: skip
_R1 = {
    "review_id": "QA-2026-0001",
    "agent_code": "A001",
    "reviewed_on": "2026-10-12",
    "reviewer": "质检 李娜",
    "score": "76",
    "max_score": "",
    "weight": "",
    "critical": "no",
    "comment": "Missed the refund rule",
}
TEMPLATE_ROWS = (
    _R1 | {"criterion": "greeting", "criterion_score": "5", "max_score": "5", "weight": "1"},
    _R1 | {"criterion": "solution", "criterion_score": "6", "max_score": "10", "weight": "3"},
    _R1 | {"criterion": "identity_check", "criterion_score": "10", "max_score": "10", "weight": "1", "critical": "yes"},
    {"review_id": "QA-2026-0002", "agent_code": "A002", "reviewed_on": "2026-10-13", "reviewer": "质检 王磊",
     "score": "88", "comment": "处理规范，沟通清晰"},
)  # fmt: skip
TABLES = (
    Table("qa_review_criteria", batch_column=None, snapshot=True, parent=("qa_review_id", "qa_reviews")),
    Table("qa_reviews", key="qa_review_id", snapshot=True, master=(("agent_id", "agents"),)),
)


# ---------------------------------------------------------------- checks
def check_rows(ctx: CheckContext) -> None:
    master_rows.note_unread_columns(ctx)  # a 质检表's per-item columns (服务态度) and its 班组: said
    subtotals.pass_over_subtotals(ctx)  # a 小计 / 平均 row partway through the file: no review's
    score_columns.check_other_score_columns(ctx)  # 总分 100 beside 得分 85: which is the score is not told
    _fill_review_ids(ctx)
    fractions = own_max.score_fractions(ctx)
    own_max.criterion_fractions(ctx)
    raw_values = ctx.values.copy()
    for name in form.REVIEW_FIELDS:
        if name not in ctx.values.columns:
            ctx.values[name] = None
    for mask, name, reason in form.disagreements(raw_values):
        ctx.add_error(mask, name, reason)
    _check_criteria_scale(ctx)
    score_text = ctx.raw["criterion_score"] if "criterion_score" in ctx.raw.columns else None
    v = form.criteria_columns(form.fill_review_columns(ctx.values), score_text)
    ctx.values = v
    if v["not_applicable"].any():
        ctx.add_notice("qa.import.notice.not_applicable", n=int(v["not_applicable"].sum()))
    own_max.overall_out_of_max(ctx, v, raw_values, fractions)
    ctx.add_error(form.critical_without_criteria(v), "critical", "qa.import.error.critical_without_criterion")
    ctx.match_codes("agent_code")
    scores = form.review_scores(v)
    score_unmapped = _criterion_score_unmapped(ctx)
    for mask, name, reason in form.row_errors(v, _date_given(ctx, v), _score_given(ctx)):
        if not (score_unmapped and reason == "qa.import.error.criterion_score_missing"):  # said once instead
            ctx.add_error(mask, name, reason)
    _check_mixed_maxima(ctx, v, raw_values)
    row_bad = pd.Series(v.index.isin(list(ctx.errors.rows())), index=v.index)
    for mask, name, reason in form.review_errors(v, scores, row_bad):
        detail = None
        if (
            reason == "qa.import.error.total_mismatch"
        ):  # the score the criteria give, to compare with the file's
            computed = scores["criteria_score"].reindex(v["review_id"]).set_axis(v.index)
            detail = computed.round(2).map(lambda x: f"{x:g}", na_action="ignore")
        ctx.add_error(mask, name, reason, detail=detail)
    _check_agent_scope(ctx)
    _check_disputed(ctx)
    reused_ids.check_reused_ids(ctx)  # another agent and another date: another review, not a correction
    _link_complaints(ctx)
    v["form_score"] = (
        scores["criteria_score"].where(scores["n_criteria"] > 0).reindex(v["review_id"]).to_numpy()
    )
    # numeric both: with no overall score column and no readable criterion score, both are all None (a crash)
    v["form_score"] = pd.to_numeric(v["form_score"], errors="coerce").astype(float)
    v["form_score"] = v["form_score"].fillna(pd.to_numeric(v["score"], errors="coerce")).round(2)
    # a review given again on a row without a criterion (a one-row review twice, even identical) is a repeat, as
    # a criterion given twice is (the core reports those): reported, not merged into one review unsaid
    overall_rows = v[v["criterion"].isna()]
    validation.duplicate_keys(overall_rows, ("review_id",), ctx.errors, ctx.column_of("review_id"))
    invalid = pd.Series(v.index.isin(list(ctx.errors.rows())), index=v.index)
    invalid |= v["criterion"].notna() & v.duplicated(["review_id", "criterion"])  # the core reports these
    ctx.add_error(form.whole_reviews(v, invalid), "review_id", "qa.import.error.review_incomplete")


def _fill_review_ids(ctx: CheckContext) -> None:
    """A row with a criterion whose review id and review columns (its remark aside) are blank continues the review above
    (``form.fill_review_ids``); a blank id left then is "a value is required", as the core says of required
    cells."""
    blank = {name: _blank_cells(ctx, name) for name in ("review_id", "criterion", *form.REVIEW_FIELDS)}
    continuation = blank["review_id"] & ~blank["criterion"]
    for name in form.CONTINUATION_FIELDS:  # a criterion's remark (备注) does not start a review
        continuation &= blank[name]
    ids = form.fill_review_ids(ctx.values["review_id"], continuation)
    ctx.values["review_id"] = ids
    ctx.add_error(blank["review_id"] & ids.isna(), "review_id", "ingest.error.required")


def _blank_cells(ctx: CheckContext, name: str) -> pd.Series:
    """The file's blank cells of a field (placeholders such as N/A count as blank; an unmapped field: all)."""
    if name not in ctx.raw.columns:
        return pd.Series(True, index=ctx.values.index)
    text, _ = cells.clean_cells(ctx.raw[name].fillna("").astype(str))
    return pd.Series(text.eq("").to_numpy(), index=ctx.raw.index).reindex(ctx.values.index, fill_value=True)


def _check_criteria_scale(ctx: CheckContext) -> None:
    """Criteria without a max score count out of 100: a file whose criterion score header states another scale
    (``得分（满分5分）``) or whose scores show a small one (4, 5, 4) is refused as a whole, never stored as 4.33."""
    without_max = form.criteria_without_max(ctx.values)
    if not without_max.any():
        return
    column = ctx.column_of("criterion_score")
    max_field = ctx.kind.field("max_score")
    values = {
        "column": column,
        "n": int(without_max.sum()),
        "max_field": Both(max_field.label("en"), max_field.label("zh")),
    }
    words = scales.other_header_scale(column, 0, 100)
    if words is not None:
        ctx.add_file_error("qa.import.file.criteria_scale_header", scale=words, **values)
        return
    small = form.criteria_on_small_scale(ctx.values)
    if small is not None:
        top, _, most = small
        ctx.add_file_error("qa.import.file.criteria_scale_values", top=top, most=f"{most:g}", **values)


def _check_mixed_maxima(ctx: CheckContext, v: pd.DataFrame, typed: pd.DataFrame) -> None:
    """A review whose criteria have different max scores and no weights reads as two scores (``form.
    unweighted_mixed_maxima``): an error of the weight column on its first row naming both (it is then not judged
    against its total, whose message would tell to keep one of them)."""
    weights = typed["weight"].notna() if "weight" in typed.columns else pd.Series(False, index=v.index)
    found = form.unweighted_mixed_maxima(v, weights)
    first = ~v["review_id"].duplicated() & v["review_id"].isin(found.index)
    detail = v.loc[first, "review_id"].map(
        lambda r: values_detail(
            maxima=listed(found.at[r, "maxima"]),
            points=f"{round(found.at[r, 'points'], 2):g}",
            equal=f"{round(found.at[r, 'equal'], 2):g}",
        )
    )
    ctx.add_error(first, "weight", "qa.import.error.unweighted_maxima", detail=detail)


def _criterion_score_unmapped(ctx: CheckContext) -> bool:
    """Criteria in a file with no criterion score column mapped: said once for the file, not as "the criterion
    has no score" on each row (the column is missing, not the scores)."""
    named = ctx.values["criterion"].notna()
    if "criterion_score" in ctx.present or not named.any():
        return False
    f = ctx.kind.field("criterion_score")
    ctx.add_file_error(
        "qa.import.file.criterion_score_unmapped",
        column=ctx.column_of("criterion"),
        n=int(named.sum()),
        field=Both(f.label("en"), f.label("zh")),
    )
    return True


def _date_given(ctx: CheckContext, v: pd.DataFrame) -> pd.Series | None:
    """Rows of reviews with a date cell in the file (placeholders such as N/A count as blank): a date refused
    as unreadable or in the future is that error alone, not also "no date"."""
    if "reviewed_on" not in ctx.raw.columns:
        return None
    text, _ = cells.clean_cells(ctx.raw["reviewed_on"].fillna("").astype(str))
    return form.date_cells_given(v, text)


def _score_given(ctx: CheckContext) -> pd.Series | None:
    """Rows with a criterion score cell in the file, readable or not (placeholders such as N/A count as blank)."""
    if "criterion_score" not in ctx.raw.columns:
        return None
    text, _ = cells.clean_cells(ctx.raw["criterion_score"].fillna("").astype(str))
    return text != ""


def _check_agent_scope(ctx: CheckContext) -> None:
    """Rows of agents outside the uploader's scope, and review ids held by such an agent's review, are invalid.
    A team lead's team is the agent's on the review's date (after a move, the reviews dated before it are the old
    team's: models/qa_review_scores.sql)."""
    scope, v = ctx.user.scope, ctx.values
    if scope.all_agents and scope.all_stores:  # the whole chain; a regional manager: their stores' agents
        return
    keys = v[["review_id", "agent_id"]].reset_index(names="row_no")
    keys["reviewed_on"] = pd.to_datetime(v["reviewed_on"], errors="coerce").to_numpy()
    with db.registered(ctx.cur, "qa_check_rows", keys):
        params = scope.sql_params()
        agents = writes.run(ctx.cur, "qa_reviews_agents_out_of_scope", params).fetchall()
        taken = {r[0] for r in writes.run(ctx.cur, "qa_reviews_keys_out_of_scope", params).fetchall()}
    outside = {r[0] for r in agents}
    moved_in, moved_out, (in_reason, out_reason) = _out_of_scope_details(ctx, agents)
    none = pd.Series(None, index=v.index, dtype=object)
    # a row whose cell is blank took the review's id or agent from the rows above (``_fill_review_ids``,
    # ``form.fill_review_columns``): its message names the review, not the blank cell ("(value '')")
    for rows, name, reason in (
        (outside, "agent_code", "qa.import.error.agent_out_of_scope"),
        (taken, "review_id", "qa.import.error.key_out_of_scope"),
    ):
        found = pd.Series(v.index.isin(list(rows)), index=v.index)
        filled = _blank_cells(ctx, name) & v[name].notna()
        named, left = (moved_in, moved_out) if name == "agent_code" else (none, none)
        ctx.add_error(found & ~filled & named.isna() & left.isna(), name, reason)
        ctx.add_error(found & ~filled & named.notna(), name, in_reason, detail=named)
        ctx.add_error(found & ~filled & left.notna(), name, out_reason, detail=left)
        ctx.add_error(found & filled, name, f"{reason}_of_review", detail=v["review_id"])
    if ctx.may_add_missing and not scope.all_stores:
        # a new agent has no home store, so a regional manager would not see the reviews just imported
        new = v["agent_code"].isin(ctx.unknown_codes.get("agent_code", []))
        ctx.add_error(new, "agent_code", "qa.import.error.new_agent_out_of_scope")


_TEAM_REASONS = ("qa.import.error.agent_team_out_of_scope", "qa.import.error.agent_left_team")
_REGION_REASONS = ("qa.import.error.agent_region_out_of_scope", "qa.import.error.agent_not_in_your_stores")


def _out_of_scope_details(ctx: CheckContext, agents) -> tuple[pd.Series, pd.Series, tuple[str, str]]:
    """The rows of an agent outside the scope on the review's date that the refusal explains (``agents``: row_no,
    team code, team name, is_former, then the home store's code, name and Chinese name and its region's names that
    day, then the team's Chinese name, all of an agent the scope holds now only), each with the detail of its message, and the two messages.
    For a team lead, of her agent now: that team and day ("A003 was in team T2 Team Two on 2026-12-05, not yours:
    the reviews of that day are that team's lead's to upload": he moved in, so she learns whose review it is); of
    her former agent, the day alone ("A003 was not in your team on 2026-12-05: the reviews of that day are the
    lead's of the team they were in then": where he went is another team's business); none for the others. For a
    regional manager, of her agent now: the home store and its region that day ("A003's home store on 2026-10-20
    was S003 Store Three, in region South then, outside your stores that day: the reviews of that day are that
    region's manager's to upload": the store or the agent moved in); of any other agent, the day alone ("A003's
    home store on 2026-10-20 was not one of your stores: the reviews of that day are the manager's of the region it
    was in then": whose the store was is another region's business). Before, a manager was told only "the agent is
    outside your scope (your team, or the agents of your stores)"."""
    named = pd.Series(None, index=ctx.values.index, dtype=object)
    left = pd.Series(None, index=ctx.values.index, dtype=object)
    scope = ctx.user.scope
    lead = scope.team_id is not None and not scope.all_agents
    manager = scope.all_agents and not scope.all_stores and scope.team_id is None and scope.agent_id is None
    if not (lead or manager):
        return named, left, _TEAM_REASONS
    on = pd.to_datetime(ctx.values["reviewed_on"], errors="coerce")
    for row_no, code, name, is_former, store, store_en, store_zh, region_en, region_zh, name_zh in agents:
        if row_no not in named.index or pd.isna(on.loc[row_no]):
            continue
        agent, day = str(ctx.values.at[row_no, "agent_code"]), on.loc[row_no].date().isoformat()
        if lead and code is not None:
            team = Both(code_name(code, name), code_name(code, name_zh or name))
            named.loc[row_no] = values_detail(agent=agent, team=team, date=day)
        elif lead and is_former:
            left.loc[row_no] = values_detail(agent=agent, date=day)
        elif manager and store is not None and region_en is not None:
            named.loc[row_no] = values_detail(
                agent=agent,
                store=Both(f"{store} {store_en}", f"{store} {store_zh or store_en}"),
                region=Both(region_en, region_zh or region_en),
                date=day,
            )
        elif manager:
            left.loc[row_no] = values_detail(agent=agent, date=day)
    return named, left, _TEAM_REASONS if lead else _REGION_REASONS


def _check_disputed(ctx: CheckContext) -> None:
    """A disputed review (open or decided) keeps its agent and reviewer: a re-import that moved it to another agent
    left the dispute with the first, and one that renamed the reviewer let the reviewer decide it (SPEC §3)."""
    v = ctx.values
    with db.registered(ctx.cur, "qa_check_rows", v[["review_id"]].reset_index(names="row_no")):
        stored = writes.run(ctx.cur, "qa_reviews_disputed_stored").fetchall()
    if not stored:
        return
    old = (
        pd.DataFrame(stored, columns=["row_no", "agent_id", "reviewer"]).set_index("row_no").reindex(v.index)
    )
    disputed = old["agent_id"].notna()
    same_agent = (v["agent_id"] == old["agent_id"]).fillna(False).astype(bool)
    ctx.add_error(
        disputed & v["agent_code"].notna() & ~same_agent, "agent_code", "qa.import.error.disputed_agent"
    )
    if "reviewer" in ctx.present:
        renamed = disputed & (_name_keys(v["reviewer"]) != _name_keys(old["reviewer"]))
        ctx.add_error(renamed, "reviewer", "qa.import.error.disputed_reviewer")


def _name_keys(names: pd.Series) -> pd.Series:
    return names.map(lambda name: name_key(name) if isinstance(name, str) else "")


def _link_complaints(ctx: CheckContext) -> None:
    v = ctx.values
    v["linked_complaint_id"] = pd.Series(pd.NA, index=v.index, dtype="Int64")
    refs = sorted(v["complaint_id"].dropna().unique())
    if not refs:
        return
    found = writes.run(ctx.cur, "qa_reviews_complaint_ids", {"refs": refs}).fetchall()
    v["linked_complaint_id"] = v["complaint_id"].map({r[0]: r[1] for r in found if r[2] == 1}).astype("Int64")
    unknown = v["complaint_id"].notna() & v["linked_complaint_id"].isna()
    ctx.add_error(unknown, "complaint_id", "qa.import.error.unknown_complaint")


# ---------------------------------------------------------------- commit
def _frames(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    reviews = rows.drop_duplicates("review_id").reset_index(names="row_no")
    reviews = pd.DataFrame(
        {
            "row_no": reviews["row_no"],
            "review_id": reviews["review_id"].astype(object),
            "agent_code": reviews["agent_code"].astype(object),
            "reviewed_on": pd.to_datetime(reviews["reviewed_on"]).dt.date,
            "reviewer": reviews["reviewer"].astype(object).where(reviews["reviewer"].notna(), None),
            "score": reviews["form_score"].astype(float),
            "complaint_id": reviews["linked_complaint_id"].astype("Int64"),
            "comment": reviews["comment"].astype(object).where(reviews["comment"].notna(), None),
        }
    )
    criteria = form.criteria_frame(rows).astype(
        {"criterion_score": float, "max_score": float, "weight": float}
    )
    return reviews, criteria.astype({"review_id": object, "criterion": object, "is_critical": bool})


def commit_rows(cur, ctx: CommitContext) -> Counts:
    """Stage the reviews against the stored ones, then replace the changed ones (before-images kept) and insert
    the new ones, each with its criteria (queries/writes/qa_reviews_*.sql)."""
    reviews, criteria = _frames(ctx.rows)
    flags = {f"has_{name}": name in ctx.present for name in ("reviewer", "complaint_id", "comment")}
    cur.register("qa_review_rows", reviews)
    cur.register("qa_criteria_rows", criteria)
    try:
        master_added = ctx.add_missing_codes("qa_review_rows", ["agent_code"], chain_wide_only=("agents",))
        ctx.run("qa_reviews_stage", flags)
        added, updated, unchanged = ctx.counts("qa_stage")
        if (
            updated or unchanged
        ):  # held unchanged too: an undo of the batch that wrote them waits for this one
            ctx.snapshot("qa_reviews", "qa_stage")
        if updated:
            ctx.run("qa_reviews_criteria_clear")
            ctx.run("qa_reviews_update")
            ctx.run("qa_reviews_update_agent")
        if added:
            ctx.run("qa_reviews_insert")
        if added or updated:
            ctx.run("qa_reviews_criteria_insert")
        ctx.run("qa_reviews_stage_drop")
    finally:
        cur.unregister("qa_review_rows")
        cur.unregister("qa_criteria_rows")
    return Counts(added, updated, unchanged, master_added)


def refuse_undo_of_disputed(cur, batch_id: int) -> None:
    """A batch whose added reviews were disputed is not undone: the disputes and their decisions would be lost
    (a corrected file updates the reviews and keeps them)."""
    from portal.i18n import listed
    from portal.ingest.batches import UndoRefused

    disputed = [
        r[0] for r in writes.run(cur, "qa_reviews_disputed_in_batch", {"batch_id": batch_id}).fetchall()
    ]
    if disputed:
        raise UndoRefused(
            "ingest.undo.disputed",
            "Agents disputed QA reviews of this batch ({reviews}); undoing it would lose the disputes.",
            reviews=listed(disputed[:10], more=len(disputed) > 10),
        )


KIND = Kind(
    name="qa_reviews",
    title_key="ingest.kind.qa_reviews",
    fields=FIELDS,
    key_fields=("review_id", "criterion"),
    upload_roles=frozenset({"admin", "manager", "team_lead"}),
    add_missing_roles=frozenset({"admin", "manager"}),
    check=check_rows,
    commit=commit_rows,
    tables=TABLES,
    template_rows=TEMPLATE_ROWS,
    needs_timezone=False,
    before_undo=refuse_undo_of_disputed,
    sheets_as_one=True,  # a team lead's 质检表 keeps a sheet per month: the year's workbook is read whole
    year_from_title=True,  # and writes 10月3日 under a title (or in a sheet) naming 2026年10月
)
