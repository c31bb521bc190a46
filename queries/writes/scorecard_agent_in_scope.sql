-- Whether the caller's scope holds this agent for a period (one row) or not (no row): the agent's team on the
-- period's last day (agent_team_on, period_last_day), as the scorecards and qa_sign_offs place the period, so a lead
-- signs off the periods her team had the agent in.
-- Parameters: $agent_id, $grain, $period_start, scope.
select a.agent_id
from agents_now as a
where a.agent_id = $agent_id
  and agent_in_scope(
      $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
      agent_team_on(a.agent_id, period_last_day($grain, $period_start)), a.agent_id, a.home_store_id
  )
