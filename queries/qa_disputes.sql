-- Disputes of QA reviews in the caller's scope, with the review they are about and its decision.
-- Parameters: $dispute_statuses (list of open / accepted / rejected, empty = all), scope.
-- decided_by: the decider's display name.
-- Grain: one row per dispute; open ones first (oldest first: decide in order), then decided ones, newest first.
with final as (
    select
        d.dispute_id,
        d.status,
        d.qa_review_id,
        s.source_id,
        s.agent_id,
        a.agent_code,
        a.name as agent_name,
        s.team_id,
        s.reviewed_on,
        s.reviewer,
        s.form_score,
        s.critical_failed,
        d.reason,
        d.raised_by,
        d.raised_at,
        d.resolution,
        d.corrected_score,
        d.decision_comment,
        coalesce(u.display_name, d.decided_by) as decided_by,
        d.decided_at,
        s.effective_score
    from qa_disputes as d
    join qa_review_scores() as s on s.qa_review_id = d.qa_review_id
    join agents as a on a.agent_id = s.agent_id
    left join users as u on u.username = d.decided_by
    where agent_in_scope(
        $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
        s.team_id, s.agent_id, s.home_store_id, s.reviewed_on
    )
      and in_selection($dispute_statuses, d.status)
)

-- the order on the outer select (a CTE's order is not kept), the dispute id last: rows tying on every other key
-- (raised or decided at the same instant) keep one order from run to run
select * from final
order by status != 'open', case when status = 'open' then raised_at end, decided_at desc, dispute_id
