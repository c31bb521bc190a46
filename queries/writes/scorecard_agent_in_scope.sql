-- Whether the caller's scope holds this agent (one row) or not (no row).
-- Parameters: $agent_id, scope.
select a.agent_id
from agents_now as a
where a.agent_id = $agent_id
  and agent_in_scope(
      $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
      a.team_id, a.agent_id, a.home_store_id
  )
