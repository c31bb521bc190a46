-- QA-review import check: file rows (qa_check_rows: row_no, review_id, agent_id, reviewed_on) of agents outside the
-- uploader's scope on the review's date: the team is the agent's on reviewed_on (agent_team_on; no readable date:
-- the team now), as qa_review_scores places a stored review, so after a move a lead uploads the reviews dated while
-- the agent was in her team, not those from before it joined. Parameters: scope. Returns row_no, and the team the
-- agent was in that day (team_code, team_name; null: none) for a refusal that names it.
with placed as (
    select k.row_no, a.agent_id, a.home_store_id, agent_team_on(a.agent_id, cast(k.reviewed_on as date)) as team_id
    from qa_check_rows as k
    join agents_now as a on a.agent_id = k.agent_id
)

select p.row_no, t.team_code, t.name as team_name
from placed as p
left join teams as t on t.team_id = p.team_id
where not agent_in_scope(
    $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
    p.team_id, p.agent_id, p.home_store_id
)
