-- The QA score of the caller's scope over a date range: mean effective score of the reviews not removed, and n.
-- Parameters: $start_on, $end_on (dates, inclusive: reviewed_on), $agent_ids (list, empty = all), scope.
-- Grain: one row (n = 0 and a null mean when no review counts).
-- result: small (one row, read by frames.small_frame: portal.db.run_query)
select
    count(effective_score) as n,
    avg(effective_score) as qa_score
from qa_review_scores()
where reviewed_on between $start_on and $end_on
  and not is_excluded
  and agent_in_scope(
      $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
      team_id, agent_id, home_store_id, reviewed_on
  )
  and in_selection($agent_ids, agent_id)
