"""The complaint export kind: fields, row rules, the set-based commit and its undo.

Rules (each has a test in tests/test_ingest_*.py)
-------------------------------------------------
- Key: (source, source_id). ``source`` comes from a mapped source column, else from the import's
  ``--source`` option (default "ticketing"). A key seen twice in one file: the repeats are invalid rows.
- A re-imported complaint is updated in place (status, times and every other field the file carries);
  a field the file does not carry at all (its column is absent or not mapped) keeps its stored value.
  Its status history gains a row whenever its status changes; nothing is overwritten there.
  Before an update the complaint's whole row is kept in ``batch_row_snapshots`` so undo restores it.
- Status, when not mapped (or blank), follows from the stamps: closed_at -> closed, resolved_at -> resolved,
  first_response_at -> responded, else open. A mapped status wins: a *cancelled* complaint that carries a
  closed date stays cancelled (the dashboard counts it as cancelled, never as resolved). ``reopened``
  without a reopen-count column adds one to the stored reopen count (a new complaint: 1).
- Status history: one row per status an import saw, ``changed_at`` = the stamp of that status
  (open: received_at, responded: first_response_at, resolved: resolved_at, closed and cancelled: closed_at),
  else the batch's time (reopened always, and any status whose stamp is missing).
- Region: the store's current region when the complaint is first imported (or its store changes); a
  re-import with the same store keeps the region the complaint was filed under.
- Invalid rows: received_at missing, unparseable or in the future; first_response_at, resolved_at or
  closed_at before received_at (compared on the calendar date when either side is date-only); unknown
  channel, severity or status; csat outside 1-5; reopen count not a whole number >= 0; unknown store or
  agent code (unless a manager or admin chose to add them to the master data: they are then created with
  the code as their name, ``created_batch_id`` set, no region, and removed again by undo); a store outside
  the uploader's scope; a complaint without a store uploaded by someone without chain-wide scope; a key
  that already belongs to a complaint of a store outside the uploader's scope.
- Codes that lost their leading zeros (Excel turns 0042 into 42, S001 into S1 rarely, but "42" often):
  a code not found as written is matched, case-insensitively, to the master code that is equal once leading
  zeros of every digit run are dropped, when exactly one such code exists; the preview lists each repair.
- Time zones: naive stamps are local time of the import's time zone and stored in UTC; see
  portal.ingest.validation for formats, offsets and the midnight rule.

How dashboards treat date-only stamps (``*_date_only`` true)
------------------------------------------------------------
A date-only stamp is stored as that calendar date at 00:00 *without* a time-zone shift (it is a date, not
an instant). It counts for volume, backlog membership, status and every count by day/week/month (its
day is its stored date). It does not count for any hour-precision figure: first response time,
resolution time and the 24 h response SLA leave out a complaint whose received stamp or the other stamp
of that duration is date-only (neither numerator nor denominator) and each such figure says how many it
left out. Ordering checks at import compare such stamps on the calendar date only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from portal.ingest.kinds import Counts, Field, Kind, choice_map
from portal.ingest.kinds import normalise_choice_text as _norm

CHANNELS = ("hotline", "online", "in_store", "social_media", "email", "app")
CATEGORY_GROUPS = (
    "product_quality",
    "service_attitude",
    "delivery",
    "price",
    "returns_after_sales",
    "store_environment",
    "other",
)
SEVERITIES = ("high", "normal", "low")
STATUSES = ("open", "responded", "resolved", "closed", "reopened", "cancelled")
STAMPS = ("first_response_at", "resolved_at", "closed_at")


CHANNEL_CHOICES = choice_map(
    {
        "hotline": (
            "phone",
            "telephone",
            "call",
            "call centre",
            "call center",
            "400",
            "热线",
            "热线电话",
            "电话",
            "客服热线",
        ),
        "online": (
            "web",
            "website",
            "online/web",
            "internet",
            "在线",
            "网络",
            "在线/网络",
            "网站",
            "官网",
            "网页",
        ),
        "in_store": ("in-store", "instore", "store", "counter", "walk in", "门店", "店内", "到店", "柜台"),
        "social_media": ("social", "social media", "weibo", "douyin", "社交媒体", "微博", "抖音", "小红书"),
        "email": ("e-mail", "mail", "电子邮件", "邮件", "邮箱"),
        "app": (
            "mobile app",
            "mini program",
            "miniprogram",
            "应用",
            "小程序",
            "应用/小程序",
            "app/小程序",
            "微信小程序",
        ),
    }
)
SEVERITY_CHOICES = choice_map(
    {
        "high": ("urgent", "critical", "major", "p1", "1", "高", "紧急", "重大", "严重"),
        "normal": ("medium", "mid", "moderate", "p2", "2", "中", "一般", "普通"),
        "low": ("minor", "p3", "3", "低", "轻微"),
    }
)
STATUS_CHOICES = choice_map(
    {
        "open": ("new", "pending", "unassigned", "待处理", "未处理", "新建", "待响应", "开启"),
        "responded": (
            "in progress",
            "replied",
            "answered",
            "acknowledged",
            "processing",
            "已响应",
            "处理中",
            "已回复",
            "跟进中",
        ),
        "resolved": ("solved", "fixed", "已解决", "已处理", "解决"),
        "closed": ("done", "completed", "已关闭", "关闭", "已结案", "结案", "已完成"),
        "reopened": ("re-opened", "reopen", "重开", "已重开", "重新打开"),
        "cancelled": ("canceled", "void", "withdrawn", "已取消", "取消", "撤销", "已撤销", "作废"),
    }
)
# The standard category groups, by words of the source's category (first match in this order wins).
CATEGORY_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "returns_after_sales",
        (
            "return",
            "refund",
            "exchange",
            "after sales",
            "after-sales",
            "aftersales",
            "warranty",
            "repair",
            "退",
            "换货",
            "售后",
            "维修",
            "保修",
        ),
    ),
    (
        "delivery",
        (
            "deliver",
            "shipping",
            "shipment",
            "courier",
            "logistic",
            "late order",
            "配送",
            "物流",
            "送货",
            "快递",
            "发货",
        ),
    ),
    (
        "price",
        (
            "price",
            "pricing",
            "overcharg",
            "charge",
            "billing",
            "discount",
            "价格",
            "收费",
            "价钱",
            "多收",
            "优惠",
        ),
    ),
    (
        "product_quality",
        (
            "product",
            "quality",
            "defect",
            "broken",
            "expired",
            "damaged",
            "产品",
            "质量",
            "商品",
            "过期",
            "破损",
        ),
    ),
    (
        "service_attitude",
        ("attitude", "rude", "staff", "service", "impolite", "态度", "服务", "店员", "不礼貌"),
    ),
    (
        "store_environment",
        (
            "environment",
            "clean",
            "dirty",
            "queue",
            "parking",
            "noise",
            "toilet",
            "环境",
            "卫生",
            "排队",
            "停车",
            "噪音",
        ),
    ),
)

FIELDS = (
    Field(
        "source_id",
        "投诉编号",
        "text",
        label_en="Complaint id (source system)",
        required=True,
        example="T-000123",
        aliases=(
            "ticket id",
            "ticket no",
            "ticket number",
            "ticket",
            "complaint id",
            "case id",
            "case number",
            "id",
            "工单号",
            "工单编号",
            "投诉单号",
            "编号",
        ),
    ),
    Field(
        "received_at",
        "接收时间",
        "timestamp",
        label_en="Received (date and time)",
        required=True,
        example="2026-03-01 09:30",
        aliases=(
            "received",
            "created",
            "created at",
            "created time",
            "create time",
            "opened at",
            "open time",
            "submitted at",
            "date received",
            "投诉时间",
            "创建时间",
            "受理时间",
            "登记时间",
            "提交时间",
        ),
    ),
    Field(
        "channel",
        "渠道",
        "choice",
        label_en="Channel",
        required=True,
        choices=CHANNEL_CHOICES,
        example="hotline",
        aliases=("source channel", "contact channel", "medium", "投诉渠道", "来源渠道"),
    ),
    Field(
        "category",
        "类别",
        "text",
        label_en="Category",
        example="product quality",
        aliases=(
            "category raw",
            "complaint type",
            "type",
            "issue type",
            "reason",
            "投诉类别",
            "投诉类型",
            "问题类型",
            "分类",
        ),
    ),
    Field(
        "severity",
        "严重程度",
        "choice",
        label_en="Severity",
        choices=SEVERITY_CHOICES,
        example="normal",
        aliases=("priority", "urgency", "level", "优先级", "紧急程度", "级别"),
    ),
    Field(
        "store_code",
        "门店编码",
        "code",
        label_en="Store code",
        example="S001",
        aliases=(
            "store",
            "store id",
            "store no",
            "shop code",
            "shop",
            "branch",
            "门店",
            "门店代码",
            "门店编号",
            "店铺编码",
        ),
    ),
    Field(
        "agent_code",
        "客服专员编码",
        "code",
        label_en="Agent code",
        example="A001",
        aliases=(
            "agent",
            "agent id",
            "assignee",
            "handler",
            "owner",
            "staff code",
            "客服专员",
            "客服编码",
            "处理人",
            "负责人",
            "坐席工号",
            "工号",
        ),
    ),
    Field(
        "first_response_at",
        "首次响应时间",
        "timestamp",
        label_en="First response (date and time)",
        example="2026-03-01 10:05",
        aliases=(
            "first response",
            "first reply",
            "first replied at",
            "responded at",
            "response time",
            "首次回复时间",
            "响应时间",
            "首次响应",
        ),
    ),
    Field(
        "resolved_at",
        "解决时间",
        "timestamp",
        label_en="Resolved (date and time)",
        example="2026-03-02 16:00",
        aliases=("resolved", "resolution time", "solved at", "date resolved", "处理完成时间", "解决日期"),
    ),
    Field(
        "closed_at",
        "关闭时间",
        "timestamp",
        label_en="Closed (date and time)",
        example="2026-03-03",
        aliases=("closed", "close time", "closed time", "date closed", "结案时间", "关闭日期"),
    ),
    Field(
        "status",
        "状态",
        "choice",
        label_en="Status",
        choices=STATUS_CHOICES,
        example="closed",
        aliases=("ticket status", "state", "投诉状态", "处理状态", "工单状态"),
    ),
    Field(
        "reopen_count",
        "重开次数",
        "int",
        label_en="Reopen count",
        min_value=0,
        example="0",
        aliases=("reopens", "times reopened", "reopened count", "重新打开次数"),
    ),
    Field(
        "post_resolution_csat",
        "解决后满意度",
        "int",
        label_en="Post-resolution satisfaction (1-5)",
        min_value=1,
        max_value=5,
        example="4",
        aliases=("csat", "satisfaction", "customer satisfaction", "rating", "满意度", "客户满意度", "评分"),
    ),
    Field(
        "source",
        "来源系统",
        "text",
        example="ticketing",
        aliases=("source system", "system", "来源", "系统"),
        label_en="Source system",
    ),
)


# ---------------------------------------------------------------- checks
def category_groups(raw: pd.Series) -> pd.Series:
    """The standard group of each source category ('other' when no keyword matches, or blank)."""
    distinct = pd.Series(raw.dropna().unique())
    groups = {}
    for text in distinct:
        low = str(text).casefold()
        std = next((g for g in CATEGORY_GROUPS if _norm(g.replace("_", " ")) == _norm(low)), None)
        groups[text] = std or next(
            (g for g, words in CATEGORY_KEYWORDS if any(w in low for w in words)), "other"
        )
    return raw.map(groups).fillna("other")


def _zero_key(code: str) -> str:
    return re.sub(r"(?<!\d)0+(?=\d)", "", code.casefold())


def resolve_codes(codes: pd.Series, master: Iterable[str]) -> tuple[pd.Series, pd.Series, dict[str, str]]:
    """Each code as the master data writes it: (resolved codes, unknown mask, {given: master} repairs)."""
    master = list(master)
    exact = set(master)
    by_case: dict[str, list[str]] = {}
    by_zero: dict[str, list[str]] = {}
    for m in master:
        by_case.setdefault(m.casefold(), []).append(m)
        by_zero.setdefault(_zero_key(m), []).append(m)
    repairs: dict[str, str] = {}
    for code in pd.Series(codes.dropna().unique()):
        if code in exact:
            continue
        hit = by_case.get(code.casefold(), [])
        if len(hit) != 1:
            hit = by_zero.get(_zero_key(code), [])
        if len(hit) == 1:
            repairs[code] = hit[0]
    resolved = codes.map(lambda c: repairs.get(c, c) if c is not None else None) if repairs else codes
    unknown = resolved.notna() & ~resolved.isin(exact)
    return resolved, unknown, repairs


def check_rows(ctx) -> None:
    v, present, cur, opts = ctx.values, ctx.present, ctx.cur, ctx.options
    if "source" in present:
        v["source"] = v["source"].fillna(opts.source)
    else:
        v["source"] = opts.source
    v["category_raw"] = v["category"] if "category" in present else None
    v["category_group"] = category_groups(v["category_raw"]) if "category" in present else "other"
    v["severity"] = v["severity"].fillna("normal") if "severity" in present else "normal"
    v["status_given"] = v["status"] if "status" in present else None

    stores = cur.execute("select store_id, store_code, region_id from stores").df()
    agents = cur.execute("select agent_id, agent_code from agents").df()
    for field_name, master, id_col, reason in (
        ("store_code", stores, "store_id", "ingest.error.unknown_store"),
        ("agent_code", agents, "agent_id", "ingest.error.unknown_agent"),
    ):
        if field_name not in present:
            v[id_col] = pd.NA
            continue
        resolved, unknown, repairs = resolve_codes(v[field_name], master[field_name])
        v[field_name] = resolved
        v[id_col] = resolved.map(dict(zip(master[field_name], master[id_col], strict=True))).astype("Int64")
        if repairs:
            ctx.add_notice(
                "ingest.notice.codes_repaired",
                field=field_name,
                pairs=", ".join(f"{a} → {b}" for a, b in sorted(repairs.items())),
            )
        if unknown.any():
            ctx.unknown_codes[field_name] = sorted(resolved[unknown].unique())
            if not ctx.may_add_missing:
                ctx.add_error(unknown, field_name, reason)
    _check_scope(ctx, stores)
    _check_order(ctx)
    v["status"] = (
        v["status_given"].where(v["status_given"].notna(), _derived_status(v, present))
        if "status" in present
        else _derived_status(v, present)
    )


def _derived_status(v: pd.DataFrame, present) -> pd.Series:
    status = pd.Series("open", index=v.index, dtype=object)
    for stamp, value in (
        ("first_response_at", "responded"),
        ("resolved_at", "resolved"),
        ("closed_at", "closed"),
    ):
        if stamp in present:
            status = status.where(v[stamp].isna(), value)
    return status


def _check_scope(ctx, stores: pd.DataFrame) -> None:
    scope, v = ctx.user.scope, ctx.values
    if scope.all_stores:
        return
    allowed = set(scope.store_ids)
    if "store_code" in ctx.present:
        known = v["store_id"].notna()
        outside = known & ~v["store_id"].isin(list(allowed))
        ctx.add_error(outside, "store_code", "ingest.error.store_out_of_scope")
        no_store = v["store_code"].isna()
    else:
        no_store = pd.Series(True, index=v.index)
    ctx.add_error(
        no_store, "store_code", "ingest.error.no_store_out_of_scope", values=pd.Series("", index=v.index)
    )
    keys = v[["source", "source_id"]].dropna()
    if keys.empty:
        return
    ctx.cur.register("ingest_check_keys", keys.reset_index(names="row_no"))
    try:
        taken = ctx.cur.execute(
            "select k.row_no from ingest_check_keys as k join complaints as c "
            "on c.source = k.source and c.source_id = k.source_id "
            "where not in_store_scope($all_stores, $store_ids, c.store_id)",
            {"all_stores": False, "store_ids": list(allowed)},
        ).fetchall()
    finally:
        ctx.cur.unregister("ingest_check_keys")
    if taken:
        mask = pd.Series(v.index.isin([r[0] for r in taken]), index=v.index)
        ctx.add_error(mask, "source_id", "ingest.error.key_out_of_scope")


def _check_order(ctx) -> None:
    v = ctx.values
    if "received_at" not in v:
        return
    for stamp in STAMPS:
        if stamp not in ctx.present:
            continue
        both = v[stamp].notna() & v["received_at"].notna()
        coarse = v[f"{stamp}_date_only"] | v["received_at_date_only"]
        precise_before = both & ~coarse & (v[stamp] < v["received_at"])
        date_before = both & coarse & (v[f"{stamp}_local_date"] < v["received_at_local_date"])
        ctx.add_error(
            precise_before | date_before, stamp, "ingest.error.before_received", detail=ctx.raw["received_at"]
        )


# ---------------------------------------------------------------- commit
ROW_COLUMNS = {
    "source": "object",
    "source_id": "object",
    "received_at": "datetime64[us]",
    "received_date_only": "bool",
    "channel": "object",
    "category_raw": "object",
    "category_group": "object",
    "severity": "object",
    "store_code": "object",
    "agent_code": "object",
    "first_response_at": "datetime64[us]",
    "first_response_date_only": "bool",
    "resolved_at": "datetime64[us]",
    "resolved_date_only": "bool",
    "closed_at": "datetime64[us]",
    "closed_date_only": "bool",
    "status_given": "object",
    "reopen_count": "Int64",
    "post_resolution_csat": "Int64",
}

_STAGE_SQL = """
create or replace temp table ingest_stage as
with
resolved as (
    select r.*, s.store_id as file_store_id, s.region_id as file_region_id, a.agent_id as file_agent_id
    from ingest_rows as r
    left join stores as s on s.store_code = r.store_code
    left join agents as a on a.agent_code = r.agent_code
),

merged as (
    select
        r.row_no,
        r.source,
        r.source_id,
        c.complaint_id as existing_id,
        c.status as old_status,
        c.reopen_count as old_reopen_count,
        r.received_at,
        r.received_date_only,
        r.channel,
        case when $has_category then r.category_raw else c.category_raw end as category_raw,
        coalesce(case when $has_category then r.category_group else c.category_group end, 'other')
            as category_group,
        coalesce(case when $has_severity then r.severity else c.severity end, 'normal') as severity,
        case when $has_store then r.file_store_id else c.store_id end as store_id,
        case
            when not $has_store then c.region_id
            when c.complaint_id is not null and r.file_store_id is not distinct from c.store_id then c.region_id
            else r.file_region_id
        end as region_id,
        case when $has_agent then r.file_agent_id else c.agent_id end as agent_id,
        case when $has_first_response then r.first_response_at else c.first_response_at end as first_response_at,
        coalesce(case when $has_first_response then r.first_response_date_only
            else c.first_response_date_only end, false) as first_response_date_only,
        case when $has_resolved then r.resolved_at else c.resolved_at end as resolved_at,
        coalesce(case when $has_resolved then r.resolved_date_only else c.resolved_date_only end, false)
            as resolved_date_only,
        case when $has_closed then r.closed_at else c.closed_at end as closed_at,
        coalesce(case when $has_closed then r.closed_date_only else c.closed_date_only end, false)
            as closed_date_only,
        case when $has_status then r.status_given end as status_given,
        case when $has_reopen then r.reopen_count end as file_reopen_count,
        case when $has_csat then r.post_resolution_csat else c.post_resolution_csat end as post_resolution_csat
    from resolved as r
    left join complaints as c on c.source = r.source and c.source_id = r.source_id
),

statused as (
    select
        m.*,
        coalesce(
            m.status_given,
            case
                when m.closed_at is not null then 'closed'
                when m.resolved_at is not null then 'resolved'
                when m.first_response_at is not null then 'responded'
                else 'open'
            end
        ) as status
    from merged as m
),

counted as (
    select
        s.* exclude (file_reopen_count, status_given),
        case
            when s.file_reopen_count is not null then s.file_reopen_count
            when s.status = 'reopened' and s.old_status is distinct from 'reopened'
                then coalesce(s.old_reopen_count, 0) + 1
            else coalesce(s.old_reopen_count, 0)
        end as reopen_count
    from statused as s
),

final as (
    select
        n.*,
        coalesce(
            case n.status
                when 'open' then n.received_at
                when 'responded' then n.first_response_at
                when 'resolved' then n.resolved_at
                when 'closed' then n.closed_at
                when 'cancelled' then n.closed_at
            end,
            $batched_at
        ) as status_changed_at,
        n.existing_id is not null and row(
            n.received_at, n.received_date_only, n.channel, n.category_raw, n.category_group, n.severity,
            n.store_id, n.region_id, n.agent_id, n.first_response_at, n.first_response_date_only,
            n.resolved_at, n.resolved_date_only, n.closed_at, n.closed_date_only, n.status, n.reopen_count,
            n.post_resolution_csat
        ) is distinct from row(
            c.received_at, c.received_date_only, c.channel, c.category_raw, c.category_group, c.severity,
            c.store_id, c.region_id, c.agent_id, c.first_response_at, c.first_response_date_only,
            c.resolved_at, c.resolved_date_only, c.closed_at, c.closed_date_only, c.status, c.reopen_count,
            c.post_resolution_csat
        ) as is_changed
    from counted as n
    left join complaints as c on c.complaint_id = n.existing_id
)

select * from final
"""

_UPDATE_SQL = """
update complaints as c set
    received_at = s.received_at,
    received_date_only = s.received_date_only,
    channel = s.channel,
    category_raw = s.category_raw,
    category_group = s.category_group,
    severity = s.severity,
    first_response_at = s.first_response_at,
    first_response_date_only = s.first_response_date_only,
    resolved_at = s.resolved_at,
    resolved_date_only = s.resolved_date_only,
    closed_at = s.closed_at,
    closed_date_only = s.closed_date_only,
    status = s.status,
    reopen_count = s.reopen_count,
    post_resolution_csat = s.post_resolution_csat,
    updated_batch_id = $batch_id,
    updated_at = $batched_at
from ingest_stage as s
where c.complaint_id = s.existing_id and s.is_changed
"""

# Foreign-key columns apart, and only where they change: DuckDB rewrites a row whose foreign-key column is
# in the SET list (index maintenance), which costs ~50 µs a row even when the value stays the same.
_UPDATE_KEYS_SQL = """
update complaints as c set
    store_id = s.store_id,
    region_id = s.region_id,
    agent_id = s.agent_id
from ingest_stage as s
where c.complaint_id = s.existing_id and s.is_changed
  and row(c.store_id, c.region_id, c.agent_id) is distinct from row(s.store_id, s.region_id, s.agent_id)
"""

_INSERT_SQL = """
insert into complaints (
    source, source_id, received_at, received_date_only, channel, category_raw, category_group, severity,
    store_id, region_id, agent_id, first_response_at, first_response_date_only, resolved_at, resolved_date_only,
    closed_at, closed_date_only, status, reopen_count, post_resolution_csat, batch_id, created_at
)
select
    source, source_id, received_at, received_date_only, channel, category_raw, category_group, severity,
    store_id, region_id, agent_id, first_response_at, first_response_date_only, resolved_at, resolved_date_only,
    closed_at, closed_date_only, status, reopen_count, post_resolution_csat, $batch_id, $batched_at
from ingest_stage
where existing_id is null
order by row_no
"""


# typed-frame column -> staged column, where they differ (a timestamp field x gives x_date_only)
_FROM_TYPED = {
    "received_date_only": "received_at_date_only",
    "first_response_date_only": "first_response_at_date_only",
    "resolved_date_only": "resolved_at_date_only",
    "closed_date_only": "closed_at_date_only",
}


def _rows_frame(rows: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=rows.index)
    for col, dtype in ROW_COLUMNS.items():
        source = _FROM_TYPED.get(col, col)
        if source in rows.columns:
            series = rows[source]
        elif dtype == "bool":
            series = pd.Series(False, index=rows.index)
        else:
            series = pd.Series(None, index=rows.index, dtype=object)
        if dtype == "object":
            series = series.astype(object).where(series.notna(), None)
        out[col] = series.astype(dtype) if dtype != "object" else series
    return out.reset_index(names="row_no")


def commit_rows(cur, ctx) -> Counts:
    present = ctx.present
    params = {"batch_id": ctx.batch_id, "batched_at": ctx.batched_at}
    cur.register("ingest_rows", _rows_frame(ctx.rows))
    try:
        master_added: dict[str, list[str]] = {}
        for field_name, table, code_col in (
            ("store_code", "stores", "store_code"),
            ("agent_code", "agents", "agent_code"),
        ):
            if field_name not in present:
                continue
            missing = [
                r[0]
                for r in cur.execute(
                    f"select distinct r.{code_col} from ingest_rows as r where r.{code_col} is not null "  # noqa: S608
                    f"and not exists (select 1 from {table} as m where m.{code_col} = r.{code_col}) order by 1"
                ).fetchall()
            ]
            if missing and not ctx.add_missing:
                from portal.ingest.pipeline import NothingWritten

                raise NothingWritten(
                    "ingest.refused.master_changed",
                    "The master data changed since the preview; check the file again.",
                )
            if missing:
                cur.execute(
                    f"insert into {table} ({code_col}, name, created_batch_id) "  # noqa: S608 - fixed names
                    "select unnest($codes), unnest($codes), $batch_id",
                    {"codes": missing, "batch_id": ctx.batch_id},
                )
                master_added[field_name] = missing
        flags = {
            "has_category": "category" in present,
            "has_severity": "severity" in present,
            "has_store": "store_code" in present,
            "has_agent": "agent_code" in present,
            "has_first_response": "first_response_at" in present,
            "has_resolved": "resolved_at" in present,
            "has_closed": "closed_at" in present,
            "has_status": "status" in present,
            "has_reopen": "reopen_count" in present,
            "has_csat": "post_resolution_csat" in present,
        }
        cur.execute(_STAGE_SQL, flags | {"batched_at": ctx.batched_at})
    finally:
        cur.unregister("ingest_rows")
    added, updated, unchanged = cur.execute(
        "select count(*) filter (where existing_id is null), count(*) filter (where is_changed), "
        "count(*) filter (where existing_id is not null and not is_changed) from ingest_stage"
    ).fetchone()
    if updated:
        cur.execute(
            "create or replace temp table ingest_changed as "
            "select existing_id as row_key from ingest_stage where is_changed"
        )
        from portal.ingest import batches

        batches.snapshot_rows(cur, ctx.batch_id, "complaints", "ingest_changed")
        cur.execute(
            "insert into complaint_status_history (complaint_id, status, changed_at, batch_id) "
            "select existing_id, status, status_changed_at, $batch_id from ingest_stage "
            "where is_changed and status is distinct from old_status",
            {"batch_id": ctx.batch_id},
        )
        cur.execute(_UPDATE_SQL, params)
        cur.execute(_UPDATE_KEYS_SQL)
        cur.execute("drop table ingest_changed")
    if added:
        cur.execute(_INSERT_SQL, params)
        cur.execute(
            "insert into complaint_status_history (complaint_id, status, changed_at, batch_id) "
            "select c.complaint_id, s.status, s.status_changed_at, $batch_id from ingest_stage as s "
            "join complaints as c on c.source = s.source and c.source_id = s.source_id "
            "where s.existing_id is null",
            {"batch_id": ctx.batch_id},
        )
    cur.execute("drop table ingest_stage")
    return Counts(int(added), int(updated), int(unchanged), master_added)


# ---------------------------------------------------------------- undo
def undo_rows(cur, batch_id: int) -> None:
    from portal.ingest import batches

    cur.execute("delete from complaint_status_history where batch_id = ?", [batch_id])
    cur.execute("delete from complaints where batch_id = ?", [batch_id])
    batches.restore_rows(cur, batch_id, "complaints")


def undo_blockers(cur, batch_id: int) -> list[int]:
    """Later committed batches that changed complaints this batch wrote, or use master data it added."""
    rows = cur.execute(
        """
        with touched as (
            select complaint_id from complaints where batch_id = $b
            union
            select row_key::bigint from batch_row_snapshots where batch_id = $b and table_name = 'complaints'
        ),
        later_updates as (
            select s.batch_id
            from batch_row_snapshots as s
            join import_batches as ib on ib.batch_id = s.batch_id
            where ib.status = 'committed' and s.batch_id > $b and s.table_name = 'complaints'
              and s.row_key::bigint in (select complaint_id from touched)
        ),
        users_of_master as (
            select unnest([c.batch_id, c.updated_batch_id]) as batch_id
            from complaints as c
            where c.store_id in (select store_id from stores where created_batch_id = $b)
               or c.agent_id in (select agent_id from agents where created_batch_id = $b)
        )
        select distinct batch_id from (select * from later_updates union all select * from users_of_master)
        where batch_id is not null and batch_id <> $b
        """,
        {"b": batch_id},
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


TEMPLATE_ROWS = (
    {
        "source_id": "T-000123",
        "received_at": "2026-03-01 09:30",
        "channel": "hotline",
        "category": "product quality",
        "severity": "normal",
        "store_code": "S001",
        "agent_code": "A001",
        "first_response_at": "2026-03-01 10:05",
        "resolved_at": "2026-03-02 16:00",
        "closed_at": "2026-03-03",
        "status": "closed",
        "reopen_count": "0",
        "post_resolution_csat": "4",
        "source": "ticketing",
    },
    {
        "source_id": "T-000124",
        "received_at": "2026-03-01 11:15",
        "channel": "online",
        "category": "delivery",
        "severity": "high",
        "store_code": "",
        "agent_code": "A002",
        "first_response_at": "2026-03-01 13:40",
        "resolved_at": "",
        "closed_at": "",
        "status": "responded",
        "reopen_count": "0",
        "post_resolution_csat": "",
        "source": "ticketing",
    },
)

KIND = Kind(
    name="complaints",
    title_key="ingest.kind.complaints",
    fields=FIELDS,
    key_fields=("source", "source_id"),
    upload_roles=frozenset({"admin", "manager"}),
    add_missing_roles=frozenset({"admin", "manager"}),
    check=check_rows,
    commit=commit_rows,
    undo=undo_rows,
    undo_blockers=undo_blockers,
    template_rows=TEMPLATE_ROWS,
    needs_timezone=True,
)
