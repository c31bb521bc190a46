-- 030_agent_home_store_history: an agent's history rows (agent_team_history, migration 027) carry the home store
-- too, so that an agent moved to a store of another region keeps the periods, reviews and sign-offs from before the
-- move with the store it was homed at then (SPEC §2: "History is never overwritten"; §1: a manager sees the agents
-- of their stores). This keeps where the agent was homed, not where the store lay: the region is the store's region
-- now (a store's own move of region is stamped on its rows, not here). A manager reaches an agent through its home
-- store (models/agent_in_scope.sql), which was read as it is now (agents_now): region 2's manager lost a moved
-- agent's October scorecard and region 1's gained it. A row now says the agent's team and home store from
-- valid_from to valid_to; an upload of agents that changes either ends the open row and starts a new one
-- (portal/ingest/master_agents.py), read per date through models/agent_team_spans.sql.
-- Existing rows: an open row (valid_to null) takes the home store the agent has now (agents_now); a closed row the
-- one the agent had before the upload that ended it (that upload's before-image of agent_assignments: empty, the
-- one it was created with; the row's own upload for a first row, valid_from null, the later row's otherwise); where
-- no before-image tells, a first row the one it was created with, any other the one it has now. A row left with no
-- home store (the agent was created without one, by a QA upload) takes the agent's first home store, that of its
-- earliest row with one, else the one it has now: a first home store is filled in, not a move (as
-- queries/writes/master_agent_team_history_fill.sql does from now on). An agent whose home store changed from one
-- store to another without a team move (no rows yet) gets the two rows of its latest agents upload, dated as 027
-- dates a team move: that batch's day in the reporting zone.
alter table agent_team_history add column home_store_id integer;

update agent_team_history as h
set home_store_id = v.home_store_id
from (
    select
        x.rowid as row_id,
        case
            when x.valid_to is null then coalesce(g.home_store_id, a.home_store_id)
            when b.before_json is not null and json_array_length(b.before_json) > 0
            then json_extract(b.before_json, '$[0].home_store_id')::integer
            when b.before_json is not null or x.valid_from is null then a.home_store_id
            else coalesce(g.home_store_id, a.home_store_id)
        end as home_store_id
    from agent_team_history as x
    join agents as a on a.agent_id = x.agent_id
    left join agent_assignments as g on g.agent_id = a.agent_id
    left join batch_row_snapshots as b
        on b.table_name = 'agent_assignments' and b.row_key = x.agent_id::varchar
        and b.batch_id = case
            when x.valid_from is null then x.batch_id
            else (
                select min(n.batch_id) from agent_team_history as n
                where n.agent_id = x.agent_id and n.valid_from = x.valid_to and n.batch_id > x.batch_id
            )
        end
) as v
where h.rowid = v.row_id;

insert into agent_team_history (agent_id, team_id, home_store_id, valid_from, valid_to, batch_id)
with
zone as (
    select coalesce(
        (select json_extract_string(s.value, '$') from settings as s where s.key = 'report_timezone'
         and json_extract_string(s.value, '$') in (select n.name from pg_timezone_names() as n)),
        (select st.timezone from stores as st where st.is_active group by st.timezone
         having st.timezone in (select n.name from pg_timezone_names() as n)
         order by count(*) desc, st.timezone limit 1),
        'UTC'
    ) as name
),

moves as (
    select
        g.agent_id,
        g.team_id,
        a.home_store_id as home_before,
        g.home_store_id as home_after,
        cast(timezone((select z.name from zone as z), timezone('UTC', b.created_at)) as date) as moved_on,
        g.batch_id
    from agent_assignments as g
    join agents as a on a.agent_id = g.agent_id
    join import_batches as b on b.batch_id = g.batch_id
    where g.home_store_id is distinct from a.home_store_id and a.home_store_id is not null
      and not exists (select 1 from agent_team_history as h where h.agent_id = g.agent_id)
)

select agent_id, team_id, home_before, null, moved_on, batch_id from moves
union all
select agent_id, team_id, home_after, moved_on, null, batch_id from moves;

-- The before-images an agents upload kept of these rows (batch_row_snapshots, put back by its undo) lack the
-- column: an open row (valid_to null) takes the home store the agent had before that upload (the same upload's
-- before-image of agent_assignments, empty: the one it was created with), so that an undo puts back a history that
-- agrees with the assignment it puts back; a closed row takes the home store of the live row with the same
-- valid_from, valid_to and batch_id (a closed row never changes, so it is the same row, given its home store above),
-- and only where there is none the rule above without a before-image (a first row the one the agent was created
-- with, any other the one it has now). Never a null ("no home store then").
update batch_row_snapshots as s
set before_json = to_json(list_transform(
    json_transform(
        s.before_json,
        '[{"team_id": "INTEGER", "valid_from": "DATE", "valid_to": "DATE", "batch_id": "BIGINT"}]'
    ),
    r -> struct_insert(r, home_store_id := case
        when r.valid_to is null then v.home_before
        else coalesce(
            list_filter(
                v.closed,
                c -> c.valid_from is not distinct from r.valid_from and c.valid_to = r.valid_to
                and c.batch_id = r.batch_id
            )[1].home_store_id,
            case when r.valid_from is null then v.home_first else v.home_now end
        )
    end)
))
from (
    select
        k.batch_id,
        k.row_key,
        (
            select list({
                'valid_from': h.valid_from, 'valid_to': h.valid_to, 'batch_id': h.batch_id,
                'home_store_id': h.home_store_id
            })
            from agent_team_history as h
            where h.agent_id = a.agent_id and h.valid_to is not null
        ) as closed,
        a.home_store_id as home_first,
        coalesce(g.home_store_id, a.home_store_id) as home_now,
        case
            when coalesce(json_array_length(b.before_json), 0) = 0 then a.home_store_id
            else json_extract(b.before_json, '$[0].home_store_id')::integer
        end as home_before
    from batch_row_snapshots as k
    join agents as a on a.agent_id = try_cast(k.row_key as integer)
    left join agent_assignments as g on g.agent_id = a.agent_id
    left join batch_row_snapshots as b
        on b.batch_id = k.batch_id and b.row_key = k.row_key and b.table_name = 'agent_assignments'
    where k.table_name = 'agent_team_history'
) as v
where s.table_name = 'agent_team_history' and v.batch_id = s.batch_id and v.row_key = s.row_key;

-- After the before-images above took the live closed rows' home stores (a copy kept before the agent had a home
-- store puts back none): a live row with no home store takes the agent's first one.
update agent_team_history as h
set home_store_id = coalesce(
    (
        select f.home_store_id from agent_team_history as f
        where f.agent_id = h.agent_id and f.home_store_id is not null
        order by f.valid_from nulls first
        limit 1
    ),
    (
        select coalesce(g.home_store_id, a.home_store_id) from agents as a
        left join agent_assignments as g on g.agent_id = a.agent_id
        where a.agent_id = h.agent_id
    )
)
where h.home_store_id is null;
