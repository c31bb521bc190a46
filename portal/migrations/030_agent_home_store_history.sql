-- 030_agent_home_store_history: an agent's history rows (agent_team_history, migration 027) carry the home store
-- too, so that an agent moved to a store of another region keeps the periods, reviews and sign-offs from before the
-- move under the old region (SPEC §2: "a store that changes region keeps its past figures under the old region";
-- §1: a manager sees the agents of their stores). A manager reaches an agent through its home store
-- (models/agent_in_scope.sql), which was read as it is now (agents_now): region 2's manager lost a moved agent's
-- October scorecard and region 1's gained it. A row now says the agent's team and home store from valid_from to
-- valid_to; an upload of agents that changes either ends the open row and starts a new one
-- (portal/ingest/master_agents.py), read per date through models/agent_team_spans.sql.
-- Existing rows: a first row (valid_from null, since the agent was created) takes the home store the agent was
-- created with (agents.home_store_id, the one it had before its first move), any later row the home store it has
-- now (agents_now; what it had between two earlier moves left no trace). An agent whose home store changed without
-- a team move (no rows yet) gets the two rows of its latest agents upload, dated as 027 dates a team move: that
-- batch's day in the reporting zone.
alter table agent_team_history add column home_store_id integer;

update agent_team_history as h
set home_store_id = case when h.valid_from is null then v.home_first else v.home_now end
from (
    select a.agent_id, a.home_store_id as home_first, coalesce(g.home_store_id, a.home_store_id) as home_now
    from agents as a
    left join agent_assignments as g on g.agent_id = a.agent_id
) as v
where v.agent_id = h.agent_id;

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
    where g.home_store_id is distinct from a.home_store_id
      and not exists (select 1 from agent_team_history as h where h.agent_id = g.agent_id)
)

select agent_id, team_id, home_before, null, moved_on, batch_id from moves
union all
select agent_id, team_id, home_after, moved_on, null, batch_id from moves;

-- The before-images an agents upload kept of these rows (batch_row_snapshots, put back by its undo) lack the
-- column: they take the same home store as the rows above, so that an undo after this migration puts back a home
-- store, not a null ("no home store then").
update batch_row_snapshots as s
set before_json = to_json(list_transform(
    json_transform(
        s.before_json,
        '[{"team_id": "INTEGER", "valid_from": "DATE", "valid_to": "DATE", "batch_id": "BIGINT"}]'
    ),
    r -> struct_insert(r, home_store_id := case when r.valid_from is null then v.home_first else v.home_now end)
))
from (
    select a.agent_id, a.home_store_id as home_first, coalesce(g.home_store_id, a.home_store_id) as home_now
    from agents as a
    left join agent_assignments as g on g.agent_id = a.agent_id
) as v
where s.table_name = 'agent_team_history' and v.agent_id = try_cast(s.row_key as integer);
