-- The facts of one QA review that the workflow rules need, if the caller's scope holds its agent (else no row).
-- Parameters: $qa_review_id, scope. Grain: at most one row.
select qa_review_id, agent_id, reviewer, is_excluded, open_dispute_id
from qa_review_scores()
where qa_review_id = $qa_review_id
  and agent_in_scope(
      $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
      team_id, agent_id, home_store_id, reviewed_on
  )
