-- One dispute and its review's facts, if the caller's scope holds the review's agent (else no row).
-- Parameters: $dispute_id, scope. Grain: at most one row.
select d.dispute_id, d.status, s.qa_review_id, s.agent_id, s.reviewer, s.is_excluded, s.open_dispute_id
from qa_disputes as d
join qa_review_scores() as s on s.qa_review_id = d.qa_review_id
where d.dispute_id = $dispute_id
  and agent_in_scope(
      $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
      s.team_id, s.agent_id, s.home_store_id, s.reviewed_on
  )
