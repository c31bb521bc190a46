-- The agents the QA reviews page's agent filter offers for a date range: those the caller's scope holds on some day
-- of it (agent_in_scope), by the team and home store the agent had on that day (agent_team_spans) and the region the
-- home store had then (store_region_spans: the span cut where it changed), whether or not they have a review then;
-- the review list places a review by the same rule (qa_review_scores' team_id, home_store_id, reviewed_on): after a
-- move, the old lead finds the agent for the days before it, the new lead for the days from
-- it on. The sign-off form (portal/ui_qa.py) asks for one day, the period's last: the agents whose
-- period the caller signs off, as scorecard_agent_in_scope.sql places it.
-- Parameters: $start_on, $end_on (dates, inclusive), scope (agent_in_scope, as qa_review_list.sql).
-- Grain: one row per agent, by agent_code; team_codes: the teams the agent was in on the range's days that the
--   caller's scope holds, by code, comma-separated (null: no team then).
with
spans as (
    -- the pieces of each span in the range, placed on their first day in it
    select a.agent_id, a.agent_code, a.name as agent_name, t.team_id
    from agents_now as a
    join agent_team_spans() as t on t.agent_id = a.agent_id
    left join store_region_spans() as r
        on r.store_id = t.home_store_id and r.valid_from < t.valid_to and t.valid_from < r.valid_to
    where greatest(t.valid_from, r.valid_from) <= $end_on and least(t.valid_to, r.valid_to) > $start_on
      and agent_in_scope(
          $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
          t.team_id, a.agent_id, t.home_store_id, greatest(t.valid_from, r.valid_from, $start_on)
      )
),

final as (
    select
        s.agent_id,
        s.agent_code,
        s.agent_name,
        string_agg(distinct tm.team_code, ', ' order by tm.team_code) as team_codes
    from spans as s
    left join teams as tm on tm.team_id = s.team_id
    group by all
    order by s.agent_code
)

select * from final
