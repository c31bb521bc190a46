-- The agent scope rule, written once: is a row of this agent inside the caller's scope?
-- Parameters: scope_all_agents (boolean), scope_team_id (a team lead's team), scope_agent_id (an agent's own
--   id), row_team_id and row_agent_id (the row's team and agent).
-- Grain: a scalar macro, one boolean per row. An agent sees their own rows, a team lead their team's.
create or replace macro in_agent_scope(scope_all_agents, scope_team_id, scope_agent_id, row_team_id, row_agent_id) as
    scope_all_agents
    or (scope_agent_id is not null and row_agent_id = scope_agent_id)
    or (scope_agent_id is null and scope_team_id is not null and row_team_id = scope_team_id);
