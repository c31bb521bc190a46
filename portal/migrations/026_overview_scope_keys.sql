-- 026_overview_scope_keys: the overview's acknowledgements (snoozes) and issued weekly briefs are keyed by the
-- reader's scope text (portal/overview/records.py scope_key). Since 4 Dec 2026 (commit 7c6f7eb) a regional scope
-- names its region ('stores=;regions=1|agents=*'; a team lead's 'stores=;regions=1|agents=team=3;agent='); before,
-- it listed the stores the region had that day ('stores=1,2|agents=*'), so rows written before the upgrade matched
-- no reader: snoozed alerts came back and earlier briefs were not listed. An old key is rewritten to the new one
-- where that can be derived:
-- 1. the row's writer (overview_alert_acks.username, overview_briefs.issued_by) is a user whose scope names a region
--    now, the key's agent part is theirs, and its stores are exactly their own store list plus the stores their
--    region had on the row's day (as in 2.): the writer's key. A store list of some of the region's stores that day
--    (a snooze made over one store) is no region's key, and is not widened to the region;
-- 2. else (a brief of the command line, `brief --scope region:R1`, issued by 'cli'; a writer since gone): the one
--    region whose stores on the row's day (store_region_history, else the store's region now) are exactly the key's,
--    with all agents or a team of that region: that region's key.
-- A key that is some user's key today (a store list's key did not change), or that fits no region or several, is
-- left as it is. The rule of users.scope_for and records.scope_key is restated here from base tables only: the
-- migrations run before the models (stores_now, store_region_on) are applied.

create temp table migrate_026_readers as
with
users_roles as (
    select
        u.username,
        list_contains(u.roles, 'admin') as is_admin,
        list_contains(u.roles, 'manager') as is_manager,
        list_contains(u.roles, 'team_lead') as is_team_lead,
        list_sort(list_distinct(u.roles)) = ['agent'] as is_agent_only,
        list_sort(list_distinct(coalesce(u.scope_store_ids, []::integer[]))) as store_ids,
        u.scope_region_id,
        u.scope_team_id,
        u.agent_id
    from users as u
),

scoped as (
    select
        r.*,
        r.is_manager and r.scope_region_id is null and len(r.store_ids) = 0 as whole_chain,
        case when r.is_manager or r.is_team_lead then r.scope_region_id end as own_region_id
    from users_roles as r
),

final as (
    select
        s.username,
        s.store_ids,
        coalesce(
            s.own_region_id,
            case when s.is_team_lead and len(s.store_ids) = 0 and not s.whole_chain then t.region_id end
        ) as region_id,
        case
            when s.is_manager then '*'
            else 'team=' || coalesce(case when s.is_team_lead then s.scope_team_id::varchar end, '')
                || ';agent=' || coalesce(case when s.is_agent_only then s.agent_id::varchar end, '')
        end as agents
    from scoped as s
    left join teams as t on t.team_id = s.scope_team_id
    where not s.is_admin and not s.whole_chain
)

select
    f.*,
    'stores=' || array_to_string(f.store_ids, ',')
        || coalesce(';regions=' || f.region_id::varchar, '') || '|agents=' || f.agents as new_key
from final as f;

create temp table migrate_026_rows as
with
written as (
    select 'ack' as tbl, ack_id as row_id, scope_key, username as writer, created_at::date as day
    from overview_alert_acks
    union all
    select 'brief', brief_id, scope_key, issued_by, issued_at::date
    from overview_briefs
),

old_form as (
    select
        w.*,
        regexp_extract(w.scope_key, '^stores=([0-9,]*)\|agents=(.*)$', 1) as stores_text,
        regexp_extract(w.scope_key, '^stores=([0-9,]*)\|agents=(.*)$', 2) as agents
    from written as w
    where regexp_matches(w.scope_key, '^stores=([0-9,]*)\|agents=(.*)$')
      and w.scope_key not in (select r.new_key from migrate_026_readers as r)
)

select
    o.* exclude (stores_text),
    case when o.stores_text = '' then []::integer[]
        else list_sort(list_transform(string_split(o.stores_text, ','), x -> x::integer)) end as stores
from old_form as o;

create temp table migrate_026_keys as
with
store_days as (
    -- each store's region on each day a remaining row was written on
    select
        d.day,
        s.store_id,
        coalesce(
            (
                select arg_max(h.region_id, h.valid_from)
                from store_region_history as h
                where h.store_id = s.store_id and h.valid_from <= d.day
                  and (h.valid_to is null or d.day < h.valid_to)
            ),
            case when a.store_id is not null then a.region_id else s.region_id end
        ) as region_id
    from (select distinct day from migrate_026_rows) as d
    cross join stores as s
    left join store_assignments as a on a.store_id = s.store_id
),

region_days as (
    select day, region_id, list_sort(list(store_id)) as stores
    from store_days
    where region_id is not null
    group by day, region_id
),

by_writer as (
    -- the writer's key on the row's day: their own stores and their region's that day, no more and no fewer
    select o.tbl, o.row_id, r.new_key
    from migrate_026_rows as o
    join migrate_026_readers as r on r.username = o.writer
    left join region_days as g on g.day = o.day and g.region_id = r.region_id
    where r.region_id is not null
      and r.agents = o.agents
      and o.stores = list_sort(list_distinct(list_concat(coalesce(g.stores, []::integer[]), r.store_ids)))
),

by_day as (
    select o.tbl, o.row_id, any_value(g.region_id) as region_id, any_value(o.agents) as agents
    from migrate_026_rows as o
    join region_days as g on g.day = o.day and g.stores = o.stores
    where o.agents = '*'
       or exists (
           select 1 from teams as t
           where t.region_id = g.region_id and o.agents = 'team=' || t.team_id::varchar || ';agent='
       )
    group by o.tbl, o.row_id
    having count(distinct g.region_id) = 1
),

final as (
    select tbl, row_id, new_key from by_writer
    union all
    select d.tbl, d.row_id, 'stores=;regions=' || d.region_id::varchar || '|agents=' || d.agents
    from by_day as d
    where not exists (select 1 from by_writer as w where w.tbl = d.tbl and w.row_id = d.row_id)
)

select * from final;

update overview_alert_acks as a
set scope_key = k.new_key
from migrate_026_keys as k
where k.tbl = 'ack' and k.row_id = a.ack_id;

update overview_briefs as b
set scope_key = k.new_key
from migrate_026_keys as k
where k.tbl = 'brief' and k.row_id = b.brief_id;

drop table migrate_026_keys;
drop table migrate_026_rows;
drop table migrate_026_readers;
