"""The survey kind: one row per response, with an optional SERVQUAL block answered on one instrument.

A survey file names its instrument (``--instrument CODE`` / the form's choice; the default is SERVQUAL22):
its items give the fields ``e1..eN`` (expectation) and ``p1..pN`` (perception), its dimensions the fields
``importance_<dimension>`` (points that sum to 100). ``kind_for(instrument, store_code=..., responded_on=...)``
builds the kind for one upload; ``KIND`` (registered) is the kind of the default instrument, which is also what
the templates show.

Rules (each has a test in tests/test_survey_import*.py)
-------------------------------------------------------
- Key: the response id. A file without a response-id column gets ids derived from each row's content (its
  mapped fields, store and date; the n-th identical row of a file gets ``-n``): uploading the same rows again
  is recognised. A response id that exists already is updated when its content changed (before-images kept for
  undo, answers included) and counted unchanged otherwise; a field the file does not carry keeps its stored value.
- Web-form exports lack a store or date column: the upload then sets one store and one date for the whole file
  (they also fill blank cells of a store or date column).
- overall satisfaction 1-5 (required), likelihood to recommend 0-10, E and P within the instrument's scale,
  importance points 0-100 that sum to 100 (+/- 0.5) when a row gives any (its blank ones then count 0).
- A blank answer is missing, never 0: it is not stored, and the respondent is kept for the other items.
- An instrument that does not match the file is a problem of the whole file: some of its items have no column,
  or the file has answer columns (E23, P23, ...) beyond its items.
- Unknown store codes as for complaints (listed; a manager or admin may add them); a store outside the
  uploader's scope, or a response id that belongs to a store outside it, makes the row invalid.
- A complaint id links a post-resolution survey to the complaint with that source id; an unknown one is an error.
- Region: the region the store had on the response date (store_region_history), else its current one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import date
from functools import partial

import numpy as np
import pandas as pd

from portal.ingest.kinds import Counts, Field, Kind, KindOption, OptionRefused, choice_map
from portal.ingest.mapping import normalise_header
from portal.instruments import Dimension, Instrument, Item

KIND_NAME = "surveys"
IMPORTANCE_TOLERANCE = 0.5
UPLOAD_ROLES = frozenset({"admin", "manager", "inspector"})
ADD_MISSING_ROLES = frozenset({"admin", "manager"})

CHANNELS = ("in_store", "online", "app", "sms", "email", "hotline", "social_media")
CHANNEL_CHOICES = choice_map(
    {
        "in_store": ("in-store", "instore", "store", "counter", "kiosk", "门店", "店内", "到店", "现场"),
        "online": (
            "web",
            "website",
            "online/web",
            "internet",
            "link",
            "在线",
            "网络",
            "在线/网络",
            "网站",
            "网页",
            "链接",
        ),
        "app": (
            "mobile app",
            "mini program",
            "miniprogram",
            "wechat",
            "应用",
            "小程序",
            "应用/小程序",
            "微信",
            "微信小程序",
            "公众号",
        ),
        "sms": ("text", "text message", "短信"),
        "email": ("e-mail", "mail", "电子邮件", "邮件", "邮箱"),
        "hotline": ("phone", "telephone", "call", "热线", "热线电话", "电话", "电话回访"),
        "social_media": ("social", "weibo", "douyin", "社交媒体", "微博", "抖音", "小红书"),
    }
)

# The default instrument as migration 002 seeds it (tests/test_survey_import.py checks they agree), so that
# the registered kind and its templates exist without a database.
_RATER = (
    ("tangibles", "Tangibles", "有形性", range(1, 5)),
    ("reliability", "Reliability", "可靠性", range(5, 10)),
    ("responsiveness", "Responsiveness", "响应性", range(10, 14)),
    ("assurance", "Assurance", "保证性", range(14, 18)),
    ("empathy", "Empathy", "移情性", range(18, 23)),
)
DEFAULT_INSTRUMENT = Instrument(
    code="SERVQUAL22",
    version=1,
    instrument_id=1,
    is_default=True,
    name_en="SERVQUAL - 22 items (retail store)",
    name_zh="SERVQUAL服务质量模型 - 22项(零售门店)",
    dimensions=tuple(Dimension(code, en, zh, 20.0) for code, en, zh, _ in _RATER),
    items=tuple(Item(n, code, "", "") for code, _, _, items in _RATER for n in items),
)

# A header that looks like an answer column: E12, P3, Q12E, 期望12, 感知 3, expectation 12 ...
_ITEM_HEADER = re.compile(
    r"^(?:q(?P<qn>\d+)(?P<qside>e|p)|(?P<side>e|p|exp|perc|expectation|perception|期望|感知|期望值|感知值)0*(?P<n>\d+))$"
)


# ---------------------------------------------------------------- fields
def base_fields(*, store_required: bool = True, date_required: bool = True) -> tuple[Field, ...]:
    return (
        Field(
            "response_id",
            "答卷编号",
            "text",
            label_en="Response id",
            example="R-000123",
            aliases=(
                "response",
                "response no",
                "response number",
                "respondent id",
                "survey id",
                "answer id",
                "submission id",
                "答卷号",
                "问卷编号",
                "答卷id",
                "回收编号",
            ),
        ),
        Field(
            "store_code",
            "门店编码",
            "code",
            label_en="Store code",
            required=store_required,
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
            "responded_on",
            "日期",
            "date",
            label_en="Date",
            required=date_required,
            example="2026-03-01",
            aliases=(
                "date",
                "survey date",
                "response date",
                "responded at",
                "submitted",
                "submitted at",
                "submit time",
                "答卷日期",
                "调查日期",
                "提交时间",
                "答卷时间",
                "填写时间",
                "提交日期",
            ),
        ),
        Field(
            "channel",
            "渠道",
            "choice",
            label_en="Channel",
            choices=CHANNEL_CHOICES,
            example="in_store",
            aliases=("survey channel", "source", "调查渠道", "来源渠道", "来源"),
        ),
        Field(
            "overall_satisfaction",
            "总体满意度",
            "int",
            label_en="Overall satisfaction (1-5)",
            required=True,
            min_value=1,
            max_value=5,
            example="4",
            aliases=(
                "overall",
                "satisfaction",
                "overall satisfaction (1-5)",
                "csat",
                "满意度",
                "整体满意度",
                "总体满意度(1-5)",
                "总体评价",
            ),
        ),
        Field(
            "recommend_score",
            "推荐意愿",
            "int",
            label_en="Likelihood to recommend (0-10)",
            min_value=0,
            max_value=10,
            example="9",
            aliases=(
                "recommend",
                "likelihood to recommend",
                "likelihood to recommend (0-10)",
                "nps",
                "nps score",
                "推荐",
                "推荐可能性",
                "推荐度",
                "推荐意愿(0-10)",
            ),
        ),
        Field(
            "comment",
            "评论",
            "text",
            label_en="Comment",
            example="店员很热情",
            aliases=(
                "comments",
                "remark",
                "remarks",
                "feedback",
                "suggestion",
                "意见",
                "建议",
                "留言",
                "备注",
                "意见建议",
                "其他意见",
            ),
        ),
        Field(
            "complaint_id",
            "投诉编号",
            "text",
            label_en="Complaint id (post-resolution survey)",
            example="",
            aliases=(
                "complaint",
                "complaint no",
                "complaint number",
                "ticket id",
                "ticket no",
                "工单号",
                "投诉单号",
            ),
        ),
    )


def item_fields(instrument: Instrument) -> tuple[Field, ...]:
    lo, hi = instrument.scale_min, instrument.scale_max
    out = []
    for side, zh, words, zh_words in (
        ("e", "期望", ("expectation", "exp"), ("期望值",)),
        ("p", "感知", ("perception", "perc"), ("感知值", "实际感受")),
    ):
        for n in instrument.item_numbers:
            aliases = (
                f"{side.upper()}{n:02d}",
                f"Q{n}{side.upper()}",
                f"Q{n:02d}{side.upper()}",
                *(f"{w} {n}" for w in words),
                *(f"{w}{n}" for w in zh_words),
                f"{n}{zh}",
            )
            out.append(
                Field(
                    f"{side}{n}",
                    f"{zh}{n}",
                    "int",
                    min_value=lo,
                    max_value=hi,
                    aliases=aliases,
                    example=str(hi - 1 if side == "e" else hi - 2),
                    label_en=f"{words[0].capitalize()} {n}",
                )
            )
    return tuple(out)


def importance_fields(instrument: Instrument) -> tuple[Field, ...]:
    return tuple(
        Field(
            f"importance_{d.code}",
            f"重要性_{d.name_zh}",
            "number",
            min_value=0,
            max_value=100,
            aliases=(
                f"I_{d.code}",
                f"importance {d.name_en}",
                f"{d.name_en} importance",
                f"weight {d.code}",
                f"{d.name_zh}重要性",
                f"重要性{d.name_zh}",
            ),
            example=f"{100 / len(instrument.dimensions):g}" if 100 % len(instrument.dimensions) == 0 else "",
            label_en=f"Importance: {d.name_en}",
        )
        for d in instrument.dimensions
    )


def answer_field_names(instrument: Instrument) -> list[str]:
    return [f"{s}{n}" for s in ("e", "p") for n in instrument.item_numbers]


def item_like_headers(headers) -> dict[str, int]:
    """Headers that look like an answer column, with their item number (E12 -> 12, 感知3 -> 3, Q7P -> 7)."""
    out = {}
    for h in headers:
        m = _ITEM_HEADER.match(normalise_header(h))
        if m:
            out[h] = int(m.group("qn") or m.group("n"))
    return out


# ---------------------------------------------------------------- helpers
def _ranges(numbers) -> str:
    numbers = sorted(numbers)
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(out)


# ---------------------------------------------------------------- checks
def _file_problems(ctx, instrument: Instrument) -> None:
    """The instrument must match the file: all of its items mapped (or none), no answer columns beyond it."""
    answer_fields = answer_field_names(instrument)
    mapped = [f for f in answer_fields if f in ctx.present]
    if mapped and len(mapped) < len(answer_fields):
        missing = sorted({int(f[1:]) for f in answer_fields if f not in ctx.present})
        ctx.add_file_error(
            "sat.import.file.items_missing",
            instrument=instrument.label,
            items=_ranges(missing),
            n=len(instrument.items),
        )
    used = set(ctx.mapping.values())
    beyond = {
        h: n
        for h, n in item_like_headers(ctx.headers).items()
        if h not in used and n not in set(instrument.item_numbers)
    }
    if beyond:
        ctx.add_file_error(
            "sat.import.file.extra_items",
            instrument=instrument.label,
            n=len(instrument.items),
            items=_ranges(set(beyond.values())),
            columns=", ".join(beyond),
        )


def _derived_ids(v: pd.DataFrame, fields: list[str]) -> pd.Series:
    """Ids from each row's content (its mapped fields with store and date); the k-th repeat gets '-k'."""
    parts = [v[f].astype(str).where(v[f].notna(), "") for f in fields]
    content = pd.Series("", index=v.index, dtype=object)
    for f, p in zip(fields, parts, strict=True):
        content = content + f + "=" + p + "\x1f"
    digest = content.map(lambda s: "F-" + hashlib.sha256(s.encode("utf-8")).hexdigest()[:20])
    repeat = digest.groupby(digest).cumcount() + 1
    return digest.where(repeat == 1, digest + "-" + repeat.astype(str))


def check_rows(ctx, *, instrument: Instrument, file_store: str | None, file_date: date | None) -> None:
    from portal.ingest.complaints import resolve_codes

    v, present, cur = ctx.values, ctx.present, ctx.cur
    _file_problems(ctx, instrument)
    if instrument.instrument_id is None:
        raise ValueError("the survey kind needs a stored instrument")
    # store and date: the file's column, its blank cells (or the whole column) from the upload's setting
    if file_store is not None:
        v["store_code"] = v["store_code"].fillna(file_store) if "store_code" in present else file_store
    if file_date is not None:
        stamp = pd.Timestamp(file_date)
        v["responded_on"] = v["responded_on"].fillna(stamp) if "responded_on" in present else stamp
    if "store_code" not in v:
        v["store_code"] = None
    stores = cur.execute("select store_id, store_code from stores").df()
    resolved, unknown, repairs = resolve_codes(v["store_code"].astype(object), stores["store_code"])
    v["store_code"] = resolved
    v["store_id"] = resolved.map(dict(zip(stores["store_code"], stores["store_id"], strict=True))).astype(
        "Int64"
    )
    if repairs:
        ctx.add_notice(
            "ingest.notice.codes_repaired",
            field="store_code",
            pairs=", ".join(f"{a} → {b}" for a, b in sorted(repairs.items())),
        )
    if unknown.any():
        ctx.unknown_codes["store_code"] = sorted(resolved[unknown].unique())
        if not ctx.may_add_missing:
            ctx.add_error(unknown, "store_code", "ingest.error.unknown_store", values=resolved)
    # response ids
    if "response_id" in present:
        blank = v["response_id"].isna()
        ctx.add_error(blank, "response_id", "ingest.error.required", values=pd.Series("", index=v.index))
    else:
        content = [f for f in ctx.kind.field_names if f in present and f != "response_id"]
        for extra in ("store_code", "responded_on"):
            if extra not in content:
                content.append(extra)
        v["response_id"] = _derived_ids(v, content)
        ctx.add_notice("sat.import.notice.derived_ids", n=len(v))
    _check_scope(ctx)
    _check_complaints(ctx)
    _check_servqual(ctx, instrument)


def _check_scope(ctx) -> None:
    scope, v = ctx.user.scope, ctx.values
    if scope.all_stores:
        return
    allowed = list(scope.store_ids)
    outside = v["store_id"].notna() & ~v["store_id"].isin(allowed)
    ctx.add_error(outside, "store_code", "ingest.error.store_out_of_scope", values=v["store_code"])
    no_store = v["store_id"].isna() & v["store_code"].isna()
    ctx.add_error(
        no_store, "store_code", "ingest.error.no_store_out_of_scope", values=pd.Series("", index=v.index)
    )
    keys = v[["response_id"]].dropna()
    if keys.empty:
        return
    ctx.cur.register("survey_check_keys", keys.reset_index(names="row_no"))
    try:
        taken = ctx.cur.execute(
            "select k.row_no from survey_check_keys as k join survey_responses as r "
            "on r.source_response_id = k.response_id "
            "where not in_store_scope(false, $store_ids, r.store_id)",
            {"store_ids": allowed},
        ).fetchall()
    finally:
        ctx.cur.unregister("survey_check_keys")
    if taken:
        mask = pd.Series(v.index.isin([r[0] for r in taken]), index=v.index)
        ctx.add_error(mask, "response_id", "sat.import.error.key_out_of_scope")


def _check_complaints(ctx) -> None:
    v = ctx.values
    v["linked_complaint_id"] = pd.Series(pd.NA, index=v.index, dtype="Int64")
    if "complaint_id" not in ctx.present or v["complaint_id"].isna().all():
        return
    refs = sorted(v["complaint_id"].dropna().unique())
    found = ctx.cur.execute(
        "select source_id, min(complaint_id), count(*) from complaints where source_id in (select unnest($refs)) "
        "group by source_id",
        {"refs": refs},
    ).fetchall()
    ids = {r[0]: r[1] for r in found if r[2] == 1}
    ambiguous = {r[0] for r in found if r[2] > 1}
    v["linked_complaint_id"] = v["complaint_id"].map(ids).astype("Int64")
    given = v["complaint_id"].notna()
    ctx.add_error(
        given & v["complaint_id"].isin(list(ambiguous)),
        "complaint_id",
        "sat.import.error.ambiguous_complaint",
    )
    ctx.add_error(
        given & ~v["complaint_id"].isin(list(ambiguous)) & v["linked_complaint_id"].isna(),
        "complaint_id",
        "sat.import.error.unknown_complaint",
    )


def _check_servqual(ctx, instrument: Instrument) -> None:
    v = ctx.values
    answers = [f for f in answer_field_names(instrument) if f in ctx.present]
    weights = [f"importance_{d.code}" for d in instrument.dimensions if f"importance_{d.code}" in ctx.present]
    has_block = pd.Series(False, index=v.index)
    if answers:
        has_block |= v[answers].notna().any(axis=1)
    if weights:
        given = v[weights].notna().any(axis=1)
        total = v[weights].fillna(0).sum(axis=1).astype(float)
        bad = given & ((total - 100).abs() > IMPORTANCE_TOLERANCE)
        ctx.add_error(
            bad,
            weights[0],
            "sat.import.error.importance_sum",
            values=total.round(2).astype(str),
            detail=total.round(2).astype(str),
        )
        has_block |= given
    v["instrument_id"] = pd.Series(
        np.where(has_block, instrument.instrument_id, pd.NA), index=v.index, dtype="Int64"
    )
    v["has_servqual_block"] = bool(answers or weights)


# ---------------------------------------------------------------- commit
_STAGE_SQL = """
create or replace temp table survey_stage as
with
rows as (
    select r.*, s.store_id as file_store_id
    from survey_rows as r
    left join stores as s on s.store_code = r.store_code
),

region_then as (
    select r.row_no, h.region_id
    from rows as r
    join store_region_history as h
        on h.store_id = r.file_store_id and h.valid_from <= r.responded_on
       and (h.valid_to is null or r.responded_on < h.valid_to)
    qualify row_number() over (partition by r.row_no order by h.valid_from desc) = 1
),

merged as (
    select
        r.row_no,
        r.response_id as source_response_id,
        e.response_id as existing_id,
        case when $has_store or e.response_id is null then r.file_store_id else e.store_id end as store_id,
        case when $has_store or e.response_id is null
             then coalesce(rt.region_id, s.region_id) else e.region_id end as region_id,
        case when $has_date or e.response_id is null then r.responded_on else e.responded_on end as responded_on,
        case when $has_channel then r.channel else e.channel end as channel,
        r.overall_satisfaction,
        case when $has_recommend then r.recommend_score else e.recommend_score end as recommend_score,
        case when $has_comment then r.comment else e.comment end as comment,
        case when $has_complaint then r.linked_complaint_id else e.complaint_id end as complaint_id,
        case when $has_block then r.instrument_id else e.instrument_id end as instrument_id
    from rows as r
    left join survey_responses as e on e.source_response_id = r.response_id
    left join stores as s on s.store_id = r.file_store_id
    left join region_then as rt on rt.row_no = r.row_no
),

new_answers as (
    select m.existing_id, string_agg(a.item_no || ':' || coalesce(a.expectation::varchar, '') || ':'
                                     || coalesce(a.perception::varchar, ''), ',' order by a.item_no) as answers
    from merged as m
    join survey_answer_rows as a on a.row_no = m.row_no
    where m.existing_id is not null
    group by m.existing_id
),

old_answers as (
    select a.response_id as existing_id,
           string_agg(a.item_no || ':' || coalesce(a.expectation::varchar, '') || ':'
                      || coalesce(a.perception::varchar, ''), ',' order by a.item_no) as answers
    from servqual_answers as a
    where a.response_id in (select existing_id from merged)
    group by a.response_id
),

new_points as (
    select m.existing_id, string_agg(p.dimension_code || ':' || p.points, ',' order by p.dimension_code) as points
    from merged as m
    join survey_importance_rows as p on p.row_no = m.row_no
    where m.existing_id is not null
    group by m.existing_id
),

old_points as (
    select p.response_id as existing_id,
           string_agg(p.dimension_code || ':' || p.points, ',' order by p.dimension_code) as points
    from servqual_importance as p
    where p.response_id in (select existing_id from merged)
    group by p.response_id
),

final as (
    select
        m.*,
        m.existing_id is not null and $has_block and (
            coalesce(na.answers, '') <> coalesce(oa.answers, '') or coalesce(np.points, '') <> coalesce(op.points, '')
        ) as block_changed,
        m.existing_id is not null and row(
            m.store_id, m.region_id, m.responded_on, m.channel, m.overall_satisfaction, m.recommend_score,
            m.comment, m.complaint_id, m.instrument_id
        ) is distinct from row(
            e.store_id, e.region_id, e.responded_on, e.channel, e.overall_satisfaction, e.recommend_score,
            e.comment, e.complaint_id, e.instrument_id
        ) as row_changed
    from merged as m
    left join survey_responses as e on e.response_id = m.existing_id
    left join new_answers as na on na.existing_id = m.existing_id
    left join old_answers as oa on oa.existing_id = m.existing_id
    left join new_points as np on np.existing_id = m.existing_id
    left join old_points as op on op.existing_id = m.existing_id
)

select *, row_changed or block_changed as is_changed from final
"""

_UPDATE_SQL = """
update survey_responses as r set
    store_id = s.store_id,
    region_id = s.region_id,
    responded_on = s.responded_on,
    channel = s.channel,
    overall_satisfaction = s.overall_satisfaction,
    recommend_score = s.recommend_score,
    comment = s.comment,
    complaint_id = s.complaint_id,
    instrument_id = s.instrument_id
from survey_stage as s
where r.response_id = s.existing_id and s.is_changed
"""

_INSERT_SQL = """
insert into survey_responses (source_response_id, store_id, region_id, responded_on, channel, overall_satisfaction,
                              recommend_score, comment, complaint_id, instrument_id, batch_id, created_at)
select source_response_id, store_id, region_id, responded_on, channel, overall_satisfaction, recommend_score,
       comment, complaint_id, instrument_id, $batch_id, $batched_at
from survey_stage
where existing_id is null
order by row_no
"""

# the answers and importance points of the responses a batch wrote (new, or changed with a SERVQUAL block)
_WRITE_BLOCK_SQL = (
    """
    insert into servqual_answers (response_id, item_no, expectation, perception)
    select r.response_id, a.item_no, a.expectation, a.perception
    from survey_stage as s
    join survey_responses as r on r.source_response_id = s.source_response_id
    join survey_answer_rows as a on a.row_no = s.row_no
    where s.existing_id is null or s.block_changed or (s.row_changed and $has_block)
    """,
    """
    insert into servqual_importance (response_id, dimension_code, points)
    select r.response_id, p.dimension_code, p.points
    from survey_stage as s
    join survey_responses as r on r.source_response_id = s.source_response_id
    join survey_importance_rows as p on p.row_no = s.row_no
    where s.existing_id is null or s.block_changed or (s.row_changed and $has_block)
    """,
)


def _rows_frame(rows: pd.DataFrame) -> pd.DataFrame:
    columns = {
        "response_id": object,
        "store_code": object,
        "responded_on": "datetime64[us]",
        "channel": object,
        "overall_satisfaction": "Int64",
        "recommend_score": "Int64",
        "comment": object,
        "linked_complaint_id": "Int64",
        "instrument_id": "Int64",
    }
    out = pd.DataFrame(index=rows.index)
    for col, dtype in columns.items():
        series = rows[col] if col in rows.columns else pd.Series(None, index=rows.index, dtype=object)
        if dtype is object:
            out[col] = series.astype(object).where(series.notna(), None)
        else:
            out[col] = series.astype(dtype)
    out["responded_on"] = out["responded_on"].dt.date
    return out.reset_index(names="row_no")


def _answer_rows(rows: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Long form: one row per response x item with at least one of E and P given (a blank is not stored)."""
    frames = []
    for n in instrument.item_numbers:
        e, p = f"e{n}", f"p{n}"
        if e not in rows.columns and p not in rows.columns:
            continue
        ev = rows[e] if e in rows.columns else pd.Series(pd.NA, index=rows.index, dtype="Int64")
        pv = rows[p] if p in rows.columns else pd.Series(pd.NA, index=rows.index, dtype="Int64")
        keep = ev.notna() | pv.notna()
        frames.append(
            pd.DataFrame(
                {
                    "row_no": rows.index[keep],
                    "item_no": n,
                    "expectation": ev[keep].astype("Int64"),
                    "perception": pv[keep].astype("Int64"),
                }
            )
        )
    if not frames:
        return pd.DataFrame(
            {
                "row_no": pd.Series(dtype="int64"),
                "item_no": pd.Series(dtype="int64"),
                "expectation": pd.Series(dtype="Int64"),
                "perception": pd.Series(dtype="Int64"),
            }
        )
    return pd.concat(frames, ignore_index=True)


def _importance_rows(rows: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Long form: every dimension of a response that gave any importance points (its blank ones count 0)."""
    cols = {
        d.code: f"importance_{d.code}"
        for d in instrument.dimensions
        if f"importance_{d.code}" in rows.columns
    }
    if not cols:
        return pd.DataFrame(
            {
                "row_no": pd.Series(dtype="int64"),
                "dimension_code": pd.Series(dtype=object),
                "points": pd.Series(dtype="float64"),
            }
        )
    given = rows[list(cols.values())].notna().any(axis=1)
    frames = [
        pd.DataFrame(
            {
                "row_no": rows.index[given],
                "dimension_code": d,
                "points": rows.loc[given, c].astype("Float64").fillna(0).astype("float64"),
            }
        )
        for d, c in cols.items()
    ]
    if len(cols) < len(instrument.dimensions):
        for d in instrument.dimensions:
            if d.code not in cols:
                frames.append(
                    pd.DataFrame({"row_no": rows.index[given], "dimension_code": d.code, "points": 0.0})
                )
    return pd.concat(frames, ignore_index=True)


def commit_rows(cur, ctx, *, instrument: Instrument) -> Counts:
    present, rows = ctx.present, ctx.rows
    has_block = bool(rows["has_servqual_block"].any()) if "has_servqual_block" in rows else False
    flags = {
        "has_store": True,
        "has_date": True,  # a survey file always sets store and date (column or upload)
        "has_channel": "channel" in present,
        "has_recommend": "recommend_score" in present,
        "has_comment": "comment" in present,
        "has_complaint": "complaint_id" in present,
        "has_block": has_block,
    }
    master_added: dict[str, list[str]] = {}
    cur.register("survey_rows", _rows_frame(rows))
    cur.register("survey_answer_rows", _answer_rows(rows, instrument))
    cur.register("survey_importance_rows", _importance_rows(rows, instrument))
    try:
        missing = [
            r[0]
            for r in cur.execute(
                "select distinct store_code from survey_rows as r where store_code is not null "
                "and not exists (select 1 from stores as s where s.store_code = r.store_code) order by 1"
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
                "insert into stores (store_code, name, created_batch_id) "
                "select unnest($codes), unnest($codes), $batch_id",
                {"codes": missing, "batch_id": ctx.batch_id},
            )
            master_added["store_code"] = missing
        cur.execute(_STAGE_SQL, flags)
        added, updated, unchanged = cur.execute(
            "select count(*) filter (where existing_id is null), count(*) filter (where is_changed), "
            "count(*) filter (where existing_id is not null and not is_changed) from survey_stage"
        ).fetchone()
        if updated:
            from portal.ingest import batches

            cur.execute(
                "create or replace temp table survey_changed as "
                "select existing_id as row_key from survey_stage where is_changed"
            )
            batches.snapshot_rows(cur, ctx.batch_id, "survey_responses", "survey_changed")
            if has_block:
                _snapshot_blocks(cur, ctx.batch_id)
                cur.execute(
                    "delete from servqual_answers where response_id in "
                    "(select existing_id from survey_stage where block_changed or row_changed)"
                )
                cur.execute(
                    "delete from servqual_importance where response_id in "
                    "(select existing_id from survey_stage where block_changed or row_changed)"
                )
            cur.execute(_UPDATE_SQL)
            cur.execute("drop table survey_changed")
        if added:
            cur.execute(_INSERT_SQL, {"batch_id": ctx.batch_id, "batched_at": ctx.batched_at})
        if added or (updated and has_block):
            for sql in _WRITE_BLOCK_SQL:
                cur.execute(sql, {"has_block": has_block})
        cur.execute("drop table survey_stage")
    finally:
        for name in ("survey_rows", "survey_answer_rows", "survey_importance_rows"):
            cur.unregister(name)
    return Counts(int(added), int(updated), int(unchanged), master_added)


def _snapshot_blocks(cur, batch_id: int) -> None:
    """Keep the answers and importance points of the responses about to change, for undo (one JSON list each)."""
    cur.execute(
        """
        insert into batch_row_snapshots (batch_id, table_name, row_key, before_json)
        select $batch_id, 'servqual_answers', s.existing_id::varchar,
               coalesce((select to_json(list({'item_no': a.item_no, 'expectation': a.expectation,
                                              'perception': a.perception}))
                         from servqual_answers as a where a.response_id = s.existing_id), '[]'::json)
        from survey_stage as s where s.is_changed
        union all
        select $batch_id, 'servqual_importance', s.existing_id::varchar,
               coalesce((select to_json(list({'dimension_code': p.dimension_code, 'points': p.points}))
                         from servqual_importance as p where p.response_id = s.existing_id), '[]'::json)
        from survey_stage as s where s.is_changed
        """,
        {"batch_id": batch_id},
    )


# ---------------------------------------------------------------- undo
def undo_rows(cur, batch_id: int) -> None:
    from portal.ingest import batches

    cur.execute(
        "delete from servqual_answers where response_id in "
        "(select response_id from survey_responses where batch_id = ?)",
        [batch_id],
    )
    cur.execute(
        "delete from servqual_importance where response_id in "
        "(select response_id from survey_responses where batch_id = ?)",
        [batch_id],
    )
    cur.execute("delete from survey_responses where batch_id = ?", [batch_id])
    batches.restore_rows(cur, batch_id, "survey_responses")
    for table, columns, structure in (
        (
            "servqual_answers",
            "item_no, expectation, perception",
            '[{"item_no": "SMALLINT", "expectation": "SMALLINT", "perception": "SMALLINT"}]',
        ),
        (
            "servqual_importance",
            "dimension_code, points",
            '[{"dimension_code": "VARCHAR", "points": "DOUBLE"}]',
        ),
    ):
        cur.execute(
            f"delete from {table} where response_id in (select row_key::bigint from batch_row_snapshots "  # noqa: S608
            "where batch_id = $b and table_name = $t)",
            {"b": batch_id, "t": table},
        )
        cur.execute(
            f"insert into {table} (response_id, {columns}) "  # noqa: S608 - fixed names
            f"select response_id, {columns} from (select s.row_key::bigint as response_id, "
            "unnest(json_transform(s.before_json, $structure), recursive := true) "
            "from batch_row_snapshots as s where s.batch_id = $b and s.table_name = $t)",
            {"b": batch_id, "t": table, "structure": structure},
        )


def undo_blockers(cur, batch_id: int) -> list[int]:
    """Later committed batches that changed responses this batch wrote, or use stores it added."""
    rows = cur.execute(
        """
        with touched as (
            select response_id from survey_responses where batch_id = $b
            union
            select row_key::bigint from batch_row_snapshots where batch_id = $b and table_name = 'survey_responses'
        ),
        later_updates as (
            select s.batch_id
            from batch_row_snapshots as s
            join import_batches as ib on ib.batch_id = s.batch_id
            where ib.status = 'committed' and s.batch_id > $b and s.table_name = 'survey_responses'
              and s.row_key::bigint in (select response_id from touched)
        ),
        users_of_master as (
            select r.batch_id from survey_responses as r
            where r.store_id in (select store_id from stores where created_batch_id = $b)
        )
        select distinct batch_id from (select * from later_updates union all select * from users_of_master)
        where batch_id is not null and batch_id <> $b
        """,
        {"b": batch_id},
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


# ---------------------------------------------------------------- the kind
def _template_rows(instrument: Instrument) -> tuple[dict[str, str], ...]:
    first = {
        "response_id": "R-000123",
        "store_code": "S001",
        "responded_on": "2026-03-01",
        "channel": "in_store",
        "overall_satisfaction": "4",
        "recommend_score": "9",
        "comment": "店员很热情",
        "complaint_id": "",
    }
    second = {
        "response_id": "R-000124",
        "store_code": "S002",
        "responded_on": "2026-03-02",
        "channel": "app",
        "overall_satisfaction": "3",
        "recommend_score": "6",
        "comment": "排队时间太长",
        "complaint_id": "",
    }
    for i, n in enumerate(instrument.item_numbers):
        first |= {f"e{n}": "6", f"p{n}": str(5 + (i % 2))}
        second |= {f"e{n}": "7", f"p{n}": "" if n == 3 else str(4 + (i % 3))}
    k = len(instrument.dimensions)
    share = [100 // k + (1 if i < 100 % k else 0) for i in range(k)]
    first |= {f"importance_{d.code}": str(s) for d, s in zip(instrument.dimensions, share, strict=True)}
    second |= {f"importance_{d.code}": "" for d in instrument.dimensions}
    return first, second


def kind_for(
    instrument: Instrument, *, store_code: str | None = None, responded_on: date | None = None
) -> Kind:
    """The survey kind for one upload: the instrument's fields, and the store and date set for the whole file."""
    store_code = store_code.strip().upper() if store_code else None
    return Kind(
        name=KIND_NAME,
        title_key="sat.import.kind",
        fields=base_fields(store_required=store_code is None, date_required=responded_on is None)
        + item_fields(instrument)
        + importance_fields(instrument),
        key_fields=("response_id",),
        upload_roles=UPLOAD_ROLES,
        add_missing_roles=ADD_MISSING_ROLES,
        check=partial(check_rows, instrument=instrument, file_store=store_code, file_date=responded_on),
        commit=partial(commit_rows, instrument=instrument),
        undo=undo_rows,
        undo_blockers=undo_blockers,
        template_rows=_template_rows(instrument),
        needs_timezone=False,
        options=OPTIONS,
        configure=configure,
        patterns=PATTERNS,
    )


def instrument_choices(con, lang: str = "en") -> list[tuple[str, str]]:
    """(reference, label) of every stored instrument, the default first; the name in ``lang``."""
    from portal.instruments import all_instruments

    return [
        (f"{i.code}:{i.version}", f"{i.label} · {i.name_zh if lang == 'zh' else i.name_en}")
        for i in all_instruments(con)
    ]


def configure(con, values: Mapping[str, object]) -> Kind:
    """The kind of one upload from its settings: instrument (code, 'CODE:version' or None for the default),
    store (a store code for the whole file) and date (a date or 'YYYY-MM-DD' for the whole file)."""
    from portal.instruments import all_instruments, load, parse_reference

    reference = str(values.get("instrument") or "").strip()
    if reference:
        code, version = parse_reference(reference)
        instrument = load(con, code, version)
    else:
        instrument = load(con)
    if instrument is None:
        known = ", ".join(i.label for i in all_instruments(con)) or "-"
        raise OptionRefused(
            "sat.import.bad_instrument",
            "Unknown instrument {code}; instruments: {known}.",
            code=reference,
            known=known,
        )
    day = values.get("date")
    if isinstance(day, str):
        day = day.strip() or None
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError as exc:
            raise OptionRefused(
                "sat.import.bad_date",
                "The date for the whole file must be YYYY-MM-DD, not {value}.",
                value=day,
            ) from exc
    store = str(values.get("store") or "").strip() or None
    return kind_for(instrument, store_code=store, responded_on=day)


OPTIONS = (
    KindOption(
        "instrument",
        "sat.import.instrument",
        "choice",
        choices=instrument_choices,
        help="surveys: the instrument the survey used, CODE or CODE:VERSION (default: the default instrument)",
    ),
    KindOption(
        "store",
        "sat.import.store",
        "code",
        help="surveys: one store code for the whole file (a web-form export without a store column)",
    ),
    KindOption(
        "date",
        "sat.import.date",
        "date",
        help="surveys: one date (YYYY-MM-DD) for the whole file (an export without a date column)",
    ),
)
PATTERNS = (("e{n}", "sat.import.pattern_e"), ("p{n}", "sat.import.pattern_p"))

KIND = kind_for(DEFAULT_INSTRUMENT)
