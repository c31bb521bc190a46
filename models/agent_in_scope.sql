-- The rule for rows about an agent (QA reviews, disputes, sign-offs, scorecards), written once: is this agent
-- inside the caller's scope?
-- Parameters: the caller's scope (scope_all_stores, scope_store_ids, scope_region_ids, scope_all_agents,
--   scope_team_id, scope_agent_id, as portal/scope.py binds them); row_team_id, row_agent_id, row_home_store_id
--   (the agent's team, id and home store on the row's date: agent_team_spans, as a move leaves what came before it
--   with the old team and home store; the agent's now for a row about the agent as it is, e.g. a picker).
-- Grain: a scalar macro, one boolean per row, never null (false: a row that cannot be placed is outside, so a
--   check written as "not agent_in_scope(...)" refuses it).
-- An agent sees their own rows, a team lead their team's (in_agent_scope); a manager, whose role reaches every
-- agent (scope_all_agents), sees the agents whose home store is in their stores (in_store_scope; the home store is
-- placed by its current region): a regional manager not another region's agents, a whole-chain
-- manager all. Complaint queries keep in_agent_scope alone: their rows are already restricted to the caller's
-- stores.
-- depends on: in_agent_scope, in_store_scope, stores_now
create or replace macro agent_in_scope(
    scope_all_stores, scope_store_ids, scope_region_ids, scope_all_agents, scope_team_id, scope_agent_id,
    row_team_id, row_agent_id, row_home_store_id
) as
    coalesce(
        in_agent_scope(scope_all_agents, scope_team_id, scope_agent_id, row_team_id, row_agent_id)
        and (
            scope_agent_id is not null
            or (scope_team_id is not null and not scope_all_agents)
            or in_store_scope(
                scope_all_stores, scope_store_ids, scope_region_ids, row_home_store_id,
                (select h.region_id from stores_now as h where h.store_id = row_home_store_id)
            )
        ),
        false
    );
