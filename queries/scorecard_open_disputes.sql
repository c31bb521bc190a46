-- Open QA-review disputes per agent in the caller's scope, of every period: the team view's tile. (The ranking's
--   column and each card's count those of the period's reviews: models/agent_period_metrics.sql qa_open_disputes.)
-- Parameters: scope; $team_ids, $agent_ids (empty = all). Grain: one row per agent with an open dispute in scope
--   (an agent without one has no row: 0).
-- Reads qa_review_scores.open_dispute_id (models/qa_review_scores.sql; sc-reviews branch: qa_disputes). Team: the
--   review's (the agent's team on reviewed_on), for scope and $team_ids alike: a lead counts the disputes she may
--   decide (queries/writes/qa_dispute_in_scope.sql), not those of reviews from before the agent joined her team.
select
    q.agent_id,
    count(*) as open_disputes
from qa_review_scores() as q
where q.open_dispute_id is not null
  and agent_in_scope(
      $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
      q.team_id, q.agent_id, q.home_store_id, q.reviewed_on
  )
  and in_selection($team_ids, q.team_id)
  and in_selection($agent_ids, q.agent_id)
group by q.agent_id
order by q.agent_id
