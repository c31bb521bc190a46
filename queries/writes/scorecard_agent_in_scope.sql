-- Whether the caller's scope holds this agent for a period: the agent's team and home store on the period's last day
-- (agent_team_spans, period_last_day), as the scorecards place the period's team, so a lead signs off the periods
-- her team had the agent in (only leads and admins sign; a manager reads a stored sign-off by the card's days).
-- One row (in_scope true) if it does; one row with in_scope false, the agent's code and the period's team (its code
-- and name; null: none), if the scope holds the agent now but not in that period (an agent who moved: the refusal
-- names the team whose lead signs it off); else no row.
-- Parameters: $agent_id, $grain, $period_start, scope.
with placed as (
    select
        a.agent_id,
        a.agent_code,
        a.team_id as team_now_id,
        a.home_store_id as home_now_id,
        t.team_id as period_team_id,
        t.home_store_id as period_home_store_id
    from agents_now as a
    left join agent_team_spans() as t
        on t.agent_id = a.agent_id
        and period_last_day($grain, $period_start) >= t.valid_from
        and period_last_day($grain, $period_start) < t.valid_to
    where a.agent_id = $agent_id
),

judged as (
    select
        p.*,
        agent_in_scope(
            $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id,
            $scope_agent_id, p.period_team_id, p.agent_id, p.period_home_store_id,
            period_last_day($grain, $period_start)
        ) as in_scope,
        agent_in_scope(
            $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id,
            $scope_agent_id, p.team_now_id, p.agent_id, p.home_now_id, null
        ) as in_scope_now
    from placed as p
)

select j.agent_id, j.in_scope, j.agent_code, t.team_code, t.name as team_name, t.name_zh as team_name_zh
from judged as j
left join teams as t on t.team_id = j.period_team_id
where j.in_scope or j.in_scope_now
