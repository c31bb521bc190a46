-- Open QA-review disputes per agent in the caller's scope (any period): the team view's "open disputes".
-- Parameters: scope; $team_ids, $agent_ids (empty = all). Grain: one row per agent in scope (0: none open).
-- Reads qa_review_scores.open_dispute_id (models/qa_review_scores.sql; sc-reviews branch: qa_disputes).
select
    a.agent_id,
    a.team_id,
    count(q.qa_review_id) as open_disputes
from agents_now as a
left join qa_review_scores() as q on q.agent_id = a.agent_id and q.open_dispute_id is not null
where agent_in_scope(
    $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
    a.team_id, a.agent_id, a.home_store_id
)
  and in_selection($team_ids, a.team_id)
  and in_selection($agent_ids, a.agent_id)
group by all
order by a.agent_id
