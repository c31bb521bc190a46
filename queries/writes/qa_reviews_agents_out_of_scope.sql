-- QA-review import check: file rows (qa_check_rows: row_no, review_id, agent_id) of agents outside the uploader's scope.
-- Parameters: scope. Returns row_no.
select k.row_no
from qa_check_rows as k
join agents_now as a on a.agent_id = k.agent_id
where not agent_in_scope(
    $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
    a.team_id, a.agent_id, a.home_store_id
)
