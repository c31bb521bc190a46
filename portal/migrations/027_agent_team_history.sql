-- 027_agent_team_history: which team an agent belonged to when (SPEC §2: "History is never overwritten"). A move
-- to another team (an upload of agents, portal/ingest/master_agents.py) kept only the team now (agent_assignments,
-- migration 025), so every scorecard period, sign-off and QA review of the agent went to the new team: the old
-- team's past rankings changed and its lead lost the agent's past periods and her own coaching notes. A move now
-- ends the agent's open row on the batch's date in the reporting zone and starts one for the new team there; the
-- first move of an agent also writes the row of the team it had until then (valid_from null: since it was
-- created). An agent never moved has no rows: its team is the one it has now (agents_now). Read through the macro
-- models/agent_team_on.sql; rows are written and put back by undo with the agent (portal/ingest/master_agents.py).
-- team_id null: no team in that time. batch_id: the agents upload that wrote the row.
create table agent_team_history (
    agent_id integer not null references agents (agent_id),
    team_id integer references teams (team_id),
    valid_from date,
    valid_to date,
    batch_id bigint
);

-- An agent moved before this migration: the move of its latest agents upload (agent_assignments.batch_id) dated by
-- that batch's day in the reporting zone (the setting, else the zone most active stores share, else UTC, as
-- portal/settings.py report_timezone); an earlier move of the same agent left no trace to rebuild.
insert into agent_team_history (agent_id, team_id, valid_from, valid_to, batch_id)
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
        a.team_id as team_before,
        g.team_id as team_after,
        cast(timezone((select z.name from zone as z), timezone('UTC', b.created_at)) as date) as moved_on,
        g.batch_id
    from agent_assignments as g
    join agents as a on a.agent_id = g.agent_id
    join import_batches as b on b.batch_id = g.batch_id
    where g.team_id is distinct from a.team_id
)

select agent_id, team_before, null, moved_on, batch_id from moves
union all
select agent_id, team_after, moved_on, null, batch_id from moves;
