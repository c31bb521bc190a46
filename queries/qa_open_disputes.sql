-- Open QA disputes per team in the caller's scope (for the team view), beside the team's reviews of a period.
-- Parameters: $start_on, $end_on (dates, inclusive: reviews of the period by reviewed_on), scope.
-- Grain: one row per team in scope with an open dispute or a review in the period. open_disputes counts every
-- dispute still waiting for a decision (whatever the review's date: it is work to do); reviews,
-- excluded_reviews: the period's reviews, and those of them a dispute removed from the score.
with
open_by_agent as (
    select r.agent_id, count(*) as open_disputes
    from qa_disputes as d
    join qa_reviews as r on r.qa_review_id = d.qa_review_id
    where d.status = 'open'
    group by r.agent_id
),

period_by_agent as (
    select agent_id, count(*) as reviews, count(*) filter (where is_excluded) as excluded_reviews
    from qa_review_scores()
    where reviewed_on between $start_on and $end_on
    group by agent_id
),

per_agent as (
    select
        a.team_id,
        coalesce(o.open_disputes, 0) as open_disputes,
        coalesce(p.reviews, 0) as reviews,
        coalesce(p.excluded_reviews, 0) as excluded_reviews
    from agents_now as a
    left join open_by_agent as o on o.agent_id = a.agent_id
    left join period_by_agent as p on p.agent_id = a.agent_id
    where (o.agent_id is not null or p.agent_id is not null)
      and agent_in_scope(
          $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
          a.team_id, a.agent_id, a.home_store_id
      )
),

final as (
    select
        t.team_id,
        t.team_code,
        t.name as team_name,
        sum(s.open_disputes)::bigint as open_disputes,
        sum(s.reviews)::bigint as reviews,
        sum(s.excluded_reviews)::bigint as excluded_reviews
    from per_agent as s
    join teams as t on t.team_id = s.team_id
    group by t.team_id, t.team_code, t.name
    order by t.team_code
)

select * from final
