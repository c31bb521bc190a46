-- Open QA-review disputes per agent in the caller's scope: every period's (the team view's tile) and those of the
-- reviews dated in the period shown (the ranking's column and each card's, beside the period's QA score).
-- Parameters: scope; $team_ids, $agent_ids (empty = all); $start_on, $end_on (the period's local dates, end
--   inclusive, as queries/scorecard_qa_reviews.sql). Grain: one row per agent with an open dispute in scope (an
--   agent without one has no row: 0; period_open_disputes 0 where all of them are of reviews of other periods).
-- Reads qa_review_scores.open_dispute_id (models/qa_review_scores.sql; sc-reviews branch: qa_disputes). Team: the
--   review's (the agent's team on reviewed_on), for scope and $team_ids alike: a lead counts the disputes she may
--   decide (queries/writes/qa_dispute_in_scope.sql), not those of reviews from before the agent joined her team.
select
    q.agent_id,
    count(*) as open_disputes,
    count(*) filter (where q.reviewed_on >= $start_on and q.reviewed_on <= $end_on) as period_open_disputes
from qa_review_scores() as q
where q.open_dispute_id is not null
  and agent_in_scope(
      $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
      q.team_id, q.agent_id, q.home_store_id
  )
  and in_selection($team_ids, q.team_id)
  and in_selection($agent_ids, q.agent_id)
group by q.agent_id
order by q.agent_id
