-- Sign-offs of agents' scorecard periods in the caller's scope, with the coaching note the agent reads.
-- Parameters: scope. Grain: one row per sign-off (signing a period again adds one), newest period first.
-- is_current: the newest sign-off of its agent and period. signed_by: the signer's display name.
-- team_id: the agent's team on the period's last day (agent_team_spans), as the scorecards count the period: a
--   sign-off of a period that ended before a move stays the old team's lead's.
-- Scope: the card's (queries/scorecard_agent_periods.sql): the team on the period's last day (in_agent_scope), and a
--   manager the agents whose home store was in her stores on any day of the period, by its region then
--   (agent_scope_spans): in the month a home store moves region both managers see the card and its sign-off (before,
--   only the manager of the region on the period's last day saw the sign-off).
with spans as (
    select s.agent_id, s.valid_from, s.valid_to
    from agent_scope_spans(
        $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id
    ) as s
),

signed as (
    select
        o.*,
        t.team_id
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
    where coalesce(in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, o.team_id, a.agent_id), false)
      and exists (
          select 1 from spans as s
          where s.agent_id = o.agent_id
            and s.valid_from <= period_last_day(o.grain, o.period_start)
            and o.period_start < s.valid_to
      )
    order by o.period_start desc, a.agent_code, o.signed_at desc
)

select * from final
