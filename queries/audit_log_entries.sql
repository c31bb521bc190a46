-- Audit log entries, newest first, for the admin's audit log page (only a chain-wide scope sees any row).
-- Parameters: scope, $start_at, $end_at (end exclusive), $actions (empty = all), $username ('' = all).
-- Grain: one row per audit entry, at most 5,000.
with final as (
    select a.logged_at, a.username, a.action, a.target, a.details::varchar as details
    from audit_log as a
    where $scope_all_stores and $scope_all_agents
      and a.logged_at >= $start_at and a.logged_at < $end_at
      and in_selection($actions, a.action)
      and ($username = '' or a.username = $username)
    order by a.logged_at desc, a.audit_id desc
    limit 5000
)

select * from final
