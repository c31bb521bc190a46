-- Open QA disputes per team in the caller's scope (for the team view), beside the team's reviews of a period.
-- Parameters: $start_on, $end_on (dates, inclusive: reviews of the period by reviewed_on), scope, $lang (the
-- team's name: team_label).
-- Grain: one row per team in scope with an open dispute or a review in the period. open_disputes counts every
-- dispute still waiting for a decision (whatever the review's date: it is work to do); reviews,
-- excluded_reviews: the period's reviews, and those of them a dispute removed from the score.
-- Team: the review's (qa_review_scores.team_id: the agent's team on reviewed_on), and scope is checked on it, as on
--   the QA reviews page's list and disputes: after a move, a review from before it stays with the old team.
-- result: small (a row per team, read by frames.small_frame: portal.db.run_query)
with
open_by_review as (
    select qa_review_id, count(*) as open_disputes
    from qa_disputes
    where status = 'open'
    group by qa_review_id
),

per_review as (
    select
        s.team_id,
        coalesce(o.open_disputes, 0) as open_disputes,
        (s.reviewed_on between $start_on and $end_on)::int as reviews,
        (s.reviewed_on between $start_on and $end_on and s.is_excluded)::int as excluded_reviews
    from qa_review_scores() as s
    left join open_by_review as o on o.qa_review_id = s.qa_review_id
    where (o.qa_review_id is not null or s.reviewed_on between $start_on and $end_on)
      and agent_in_scope(
          $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
          s.team_id, s.agent_id, s.home_store_id, s.reviewed_on
      )
),

final as (
    select
        t.team_id,
        t.team_code,
        team_label(t.name, t.name_zh, $lang) as team_name,
        sum(s.open_disputes)::bigint as open_disputes,
        sum(s.reviews)::bigint as reviews,
        sum(s.excluded_reviews)::bigint as excluded_reviews
    from per_review as s
    join teams as t on t.team_id = s.team_id
    group by t.team_id, t.team_code, t.name, t.name_zh
    order by t.team_code
)

select * from final
