-- Sign-offs of agents' scorecard periods in the caller's scope, with the coaching note the agent reads.
-- Parameters: scope. Grain: one row per sign-off (signing a period again adds one), newest period first.
-- is_current: the newest sign-off of its agent and period. signed_by: the signer's display name.
-- team_id: the agent's team on the period's last day (agent_team_spans), as the scorecards count the period: a
--   sign-off of a period that ended before a move stays the old team's lead's (and the old home store's region's
--   manager's); scope is checked on that team and home store.
with signed as (
    select
        o.*,
        t.team_id,
        t.home_store_id
    from scorecard_sign_offs as o
    left join agent_team_spans() as t
        on t.agent_id = o.agent_id
        and period_last_day(o.grain, o.period_start) >= t.valid_from
        and period_last_day(o.grain, o.period_start) < t.valid_to
),

final as (
    select
        o.sign_off_id,
        o.agent_id,
        a.agent_code,
        a.name as agent_name,
        o.team_id,
        o.grain,
        o.period_start,
        o.coaching_note,
        coalesce(u.display_name, o.signed_by) as signed_by,
        o.signed_at,
        row_number() over (
            partition by o.agent_id, o.grain, o.period_start order by o.signed_at desc, o.sign_off_id desc
        ) = 1 as is_current
    from signed as o
    join agents_now as a on a.agent_id = o.agent_id
    left join users as u on u.username = o.signed_by
    where agent_in_scope(
        $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
        o.team_id, a.agent_id, o.home_store_id,
        period_last_day(o.grain, o.period_start)
    )
    order by o.period_start desc, a.agent_code, o.signed_at desc
)

select * from final
