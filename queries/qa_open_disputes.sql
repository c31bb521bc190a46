-- Open QA disputes per team in the caller's scope (for the team view), beside the team's reviews.
-- Parameters: $start_on, $end_on (dates, inclusive: reviews of the period by reviewed_on), scope.
-- Grain: one row per team with reviews in scope. open_disputes counts every dispute still waiting for a
-- decision (whatever the review's date: it is work to do); reviews, excluded_reviews: the period's reviews.
with
in_scope as (
    select s.*
    from qa_review_scores as s
    where in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, s.team_id, s.agent_id)
),

final as (
    select
        t.team_id,
        t.team_code,
        t.name as team_name,
        count(*) filter (where s.open_dispute_id is not null) as open_disputes,
        count(*) filter (where s.reviewed_on between $start_on and $end_on) as reviews,
        count(*) filter (where s.reviewed_on between $start_on and $end_on and s.is_excluded) as excluded_reviews
    from in_scope as s
    join teams as t on t.team_id = s.team_id
    group by t.team_id, t.team_code, t.name
    order by t.team_code
)

select * from final
