-- The team standing behind a card's rank: every member of the teams of the agents in the caller's scope (and
-- selection), per period, with the counts a composite is scored from, and nothing that names a member.
-- Parameters: as queries/scorecard_agent_periods.sql. Grain: one row per team member x period, unordered and
--   unnumbered (no key links a member's rows across periods).
-- Team: each agent's team (and home store) on the period's last day (agent_team_spans, as in
--   scorecard_agent_periods): a team's members in a period are those it had then.
-- Scope: the teams are those of the cards scorecard_agent_periods gives the caller (in_agent_scope on the team,
--   and for a manager a day of the period in her stores: agent_scope_spans); the members' rows are the whole
--   period's (agent_period_metrics' default scope). This is the one query whose
--   answer under an agent's own scope (and a regional manager's, whose scope may hold part of a team) rests on
--   rows outside it, on purpose: SPEC §3 gives the agent their rank and percentile in the team. It returns no agent id, code or name (tests/test_query_scope.py holds it to
--   that), and portal/scorecards/figures.py uses it for rank, percentile and the team mean only.
with
placed as (
    select
        m.*,
        t.team_id,
        t.home_store_id
    from agent_period_metrics(
        period_starts_at := $period_starts_at, period_ends_at := $period_ends_at,
        period_starts_on := $period_starts_on, period_ends_on := $period_ends_on,
        sla_as_of := $sla_as_of, sla_hours := $sla_hours, report_tz := $report_tz
    ) as m
    left join agent_team_spans() as t
        on t.agent_id = m.agent_id
        and $period_ends_on[m.period_no + 1] - 1 >= t.valid_from and $period_ends_on[m.period_no + 1] - 1 < t.valid_to
),

chosen_teams as (
    select distinct m.team_id, m.period_no
    from placed as m
    join agents_now as a on a.agent_id = m.agent_id
    where coalesce(in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, m.team_id, a.agent_id), false)
      and exists (
          select 1
          from agent_scope_spans(
              $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id,
              $scope_agent_id
          ) as s
          where s.agent_id = m.agent_id
            and s.valid_from < $period_ends_on[m.period_no + 1] and $period_starts_on[m.period_no + 1] < s.valid_to
      )
      and in_selection($team_ids, m.team_id)
      and in_selection($agent_ids, a.agent_id)
      and m.team_id is not null
),

final as (
    select
        m.team_id,
        m.period_no,
        m.handled_n,
        m.sla_elapsed_n,
        m.sla_met_n,
        m.response_unknown_n,
        m.sla_date_only_n,
        m.resolution_unknown_n,
        m.resolved_n,
        m.resolution_n,
        m.resolution_median_hours,
        m.reopen_base_n,
        m.reopened_n,
        m.csat_answer_n,
        m.csat_satisfied_n,
        m.qa_n,
        m.qa_mean
    from placed as m
    join chosen_teams as c on c.team_id = m.team_id and c.period_no = m.period_no
)

select * from final
order by all
