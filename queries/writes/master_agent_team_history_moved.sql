-- The history rows (team and home store) of each stored agent an upload of agents moves to another team or home
-- store (after master_agent_team_history_close): the new row from the batch's date in the reporting zone, and, for
-- an agent moved for the first time (no row yet), the row of the team and home store it had until then
-- (stored_team_id, stored_home_store_id, from agents_now; valid_from null: since the agent was created; an agent
-- created with no home store takes the one the upload gives it: its first home store is filled in, not a move, as
-- in master_agent_team_history_fill; a move of the home store is from one store to another). A period
-- that ended before the move keeps the old team and home store: its old lead and its old region's manager read it
-- (models/agent_team_spans.sql). Parameters: $batch_id, $batched_at (naive UTC), $timezone (the reporting zone).
insert into agent_team_history (agent_id, team_id, home_store_id, valid_from, valid_to, batch_id)
with moved as (
    select
        g.existing_id as agent_id,
        g.stored_team_id,
        g.stored_home_store_id,
        g.team_id,
        g.home_store_id,
        cast(timezone($timezone, timezone('UTC', $batched_at::timestamp)) as date) as moved_on
    from master_agent_stage as g
    where g.existing_id is not null
      and (
          g.team_id is distinct from g.stored_team_id
          or g.stored_home_store_id is not null and g.home_store_id is distinct from g.stored_home_store_id
      )
)

select m.agent_id, m.stored_team_id, coalesce(m.stored_home_store_id, m.home_store_id), null, m.moved_on, $batch_id
from moved as m
where not exists (select 1 from agent_team_history as h where h.agent_id = m.agent_id)
union all
select m.agent_id, m.team_id, m.home_store_id, m.moved_on, null, $batch_id
from moved as m
