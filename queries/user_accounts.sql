-- User accounts with roles and scope, for the admin's users page (only a chain-wide scope sees any row).
-- Parameters: scope. Grain: one row per user.
with final as (
    select
        u.username, u.display_name, u.email, u.roles,
        r.region_code as scope_region_code,
        u.scope_store_ids,
        t.team_code as scope_team_code,
        ag.agent_code,
        u.is_active, u.locked_until, u.last_login_at, u.created_at,
        u.scope_region_id, u.scope_team_id, u.agent_id
    from users as u
    left join regions as r on r.region_id = u.scope_region_id
    left join teams as t on t.team_id = u.scope_team_id
    left join agents as ag on ag.agent_id = u.agent_id
    where $scope_all_stores and $scope_all_agents
    order by u.username
)

select * from final
