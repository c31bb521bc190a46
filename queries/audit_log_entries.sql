-- Audit log entries, newest first, for the admin's audit log page (only a chain-wide scope sees any row).
-- Parameters: scope, $start_at, $end_at (end exclusive), $actions (empty = all), $username ('' = all).
-- Grain: one row per audit entry, at most 5,000. target_code: what users know a target by where the target
-- holds an internal id (an agent's code, a QA review's id from its file); null when that row is gone.
with entries as (
    select a.audit_id, a.logged_at, a.username, a.action, a.target, a.details::varchar as details,
        split_part(a.target, ':', 1) as target_kind,
        try_cast(split_part(a.target, ':', 2) as bigint) as target_id
    from audit_log as a
    where $scope_all_stores and $scope_all_agents
      and a.logged_at >= $start_at and a.logged_at < $end_at
      and in_selection($actions, a.action)
      and ($username = '' or a.username = $username)
    order by a.logged_at desc, a.audit_id desc
    limit 5000
),

final as (
    select e.logged_at, e.username, e.action, e.target, e.details,
        coalesce(ag.agent_code, q.source_id) as target_code
    from entries as e
    left join agents as ag on e.target_kind = 'agent' and ag.agent_id = e.target_id
    left join qa_reviews as q on e.target_kind = 'qa_review' and q.qa_review_id = e.target_id
    order by e.logged_at desc, e.audit_id desc
)

select * from final
