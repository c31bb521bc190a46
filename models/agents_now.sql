-- The agents as they are now: every column of agents, with team_id and home_store_id those a later agents upload
-- gave the agent (agent_assignments, migration 025) where there is one (its "no team" too), else the agent's own
-- (its first ones). Every query that means the agent's current team or home store reads this view.
-- Parameters: none (a view). Grain: one row per agent (agent_id).
create or replace view agents_now as
select
    a.* replace (
        case when g.agent_id is not null then g.team_id else a.team_id end as team_id,
        case when g.agent_id is not null then g.home_store_id else a.home_store_id end as home_store_id
    )
from agents as a
left join agent_assignments as g on g.agent_id = a.agent_id;
