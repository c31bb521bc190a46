"""A file without an id column imported again in another time zone (a helper's probe, session 54): its ids rest on
the received time in UTC (queries/writes/complaints_derived_ids.sql), so the same export read as New York time after
Beijing time gave every complaint a new id, and the commit added them all beside the stored ones, unsaid. A file
with ids is told so by ``complaints._check_other_system`` (ingest.notice.zone_shift); this is the same notice's
twin for derived ids: the rows whose id is new but which a stored complaint of the source matches in store,
channel and category with a received time whole hours away (up to 14, minutes and seconds alike), where one shift
holds for at least half of the file's new rows (a single complaint alike a whole number of hours apart is a
coincidence a busy store's whole-minute times make). The stored ids are not changed (a migration would give every
complaint stored before a new id): the preview names the rows and the zone to choose before anything is added."""

from __future__ import annotations

from portal import db
from portal.i18n import Both

MAX_HOURS = 14


def check_derived_shift(ctx) -> None:
    """The notice ``ingest.notice.zone_shift_derived`` (see the module docstring); rows stay valid."""
    v = ctx.values
    if "source_id" in ctx.present or "received_at" not in v.columns or v.empty:
        return
    cols = {
        "source": v["source"],
        "source_id": v["source_id"],
        "received_at": v["received_at"],
        "store_id": v["store_id"] if "store_id" in v.columns else None,
        "channel": v["channel"] if "channel" in ctx.present else None,
        "category_raw": v["category_raw"] if "category" in ctx.present else None,
    }
    keys = v[[]].assign(**cols).dropna(subset=["source", "source_id", "received_at"])
    if keys.empty:
        return
    params = {
        "hours": MAX_HOURS,
        "has_store": "store_code" in ctx.present,
        "has_channel": "channel" in ctx.present,
        "has_category": "category" in ctx.present,
    }
    with db.registered(ctx.cur, "ingest_derived_shift", keys.reset_index(names="row_no")):
        found = ctx.cur.execute(
            """
            with new_rows as materialized (
                select k.source, k.row_no, k.received_at,
                    case when $has_store then coalesce(k.store_id, -1) else 0 end as store_key,
                    case when $has_channel then coalesce(k.channel, '') else '' end as channel_key,
                    case when $has_category then coalesce(k.category_raw, '') else '' end as category_key
                from ingest_derived_shift as k
                anti join complaints as c on c.source = k.source and c.source_id = k.source_id
            ),
            -- the stored complaints that may be a new row's, its time whole hours away: within 14 hours of the
            -- file's, with a derived id the file does not carry (a complaint the file itself lists again is that
            -- row's, not another's: an export of the whole day after the morning's named the afternoon's rows)
            reach as (
                select source, min(received_at) - to_hours($hours) as lo, max(received_at) + to_hours($hours) as hi
                from new_rows group by 1
            ),
            stored as materialized (
                select c.complaint_id, c.source, c.received_at,
                    case when $has_store then coalesce(c.store_id, -1) else 0 end as store_key,
                    case when $has_channel then coalesce(c.channel, '') else '' end as channel_key,
                    case when $has_category then coalesce(c.category_raw, '') else '' end as category_key
                from complaints as c
                join reach as r on c.source = r.source and c.received_at between r.lo and r.hi
                anti join ingest_derived_shift as f on f.source = c.source and f.source_id = c.source_id
                where c.source_id like 'h-%'
            ),
            -- each new row moved by each whole hour up to 14 either way, joined by equality (DuckDB hashes the
            -- stored side once): 28 probes a row, however dense the stamps (a modulo key joined every row with every
            -- stored one at the same minute and second: quadratic on whole-hour stamps, review)
            probes as not materialized (
                select k.*, s.hours, k.received_at - to_hours(s.hours) as stored_at
                from new_rows as k
                cross join (
                    select unnest(list_concat(range(-$hours, 0), range(1, $hours + 1))) as hours
                ) as s
            ),
            pairs as (
                select p.source, p.row_no, c.complaint_id, p.hours
                from probes as p
                join stored as c
                    on c.source = p.source and c.received_at = p.stored_at and c.store_key = p.store_key
                    and c.channel_key = p.channel_key and c.category_key = p.category_key
            ),
            -- one stored complaint matches one row at most: the smaller count of either side
            shifted as (
                select source, hours, least(count(distinct row_no), count(distinct complaint_id)) as n
                from pairs group by all
            ),
            totals as (select source, count(*) as total from new_rows group by 1)
            select s.source, s.hours, s.n from shifted as s join totals as t using (source)
            where 2 * s.n >= t.total
            qualify row_number() over (partition by s.source order by s.n desc, abs(s.hours)) = 1
            order by 1
            """,
            params,
        ).fetchall()
    for source, hours, n in found:
        direction = Both("later", "晚") if hours > 0 else Both("earlier", "早")
        ctx.add_notice(
            "ingest.notice.zone_shift_derived",
            n=int(n),
            source=source,
            hours=abs(int(hours)),
            direction=direction,
        )
