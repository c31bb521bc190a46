-- Teams and agents the caller may see (for pickers on admin forms).
-- Parameters: scope; $lang (the team's name: team_label). Grain: one row per agent (teams without agents appear once with a null agent; agents
-- without a team, e.g. added by an import's "add unknown codes", once with a null team, so that an agent user
-- can still be linked to them).
with final as (
    select t.team_id, t.team_code, team_label(t.name, t.name_zh, $lang) as team_name, a.agent_id, a.agent_code, a.name as agent_name
    from teams as t
    full join agents_now as a on a.team_id = t.team_id
    where agent_in_scope(
        $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
        t.team_id, a.agent_id, a.home_store_id, null
    )
    order by t.team_code nulls last, a.agent_code
)

select * from final
