-- QA-review import check: file rows (qa_check_rows) whose review id is a stored review of an agent outside the
-- uploader's scope (a team lead cannot overwrite another team's review,
-- a regional manager another region's). The stored review's team and home store are its agent's on its stored
-- reviewed_on (agent_team_spans, as qa_review_scores places it). Parameters: scope. Returns row_no.
select k.row_no
from qa_check_rows as k
join qa_reviews as r on r.source_id = k.review_id
left join agent_team_spans() as t
    on t.agent_id = r.agent_id and r.reviewed_on >= t.valid_from and r.reviewed_on < t.valid_to
where not agent_in_scope(
    $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
    t.team_id, r.agent_id, t.home_store_id, r.reviewed_on
)
