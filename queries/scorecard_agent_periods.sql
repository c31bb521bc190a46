-- Scorecard facts per agent in the caller's scope and per period (agent_period_metrics), with agent and team.
-- Parameters: scope; $lang (the team's name: team_label); $period_starts_at, $period_ends_at (UTC timestamps), $period_starts_on, $period_ends_on
--   (local dates), one element per period; $sla_as_of, $sla_hours; $team_ids, $agent_ids (empty = all).
-- Grain: agent x period_no. Team and home store: the agent's on the period's last day (agent_team_spans: a period
--   that ended before a move stays the old team's and the old home store's; the period under way is the team's and
--   store's now). Scope: a team lead her team's agents, an agent himself, by that team (in_agent_scope, as
--   agent_in_scope places a period); a manager the agents whose home store was in her stores on any day of the
--   period, by its region then (scope_days > 0: agent_scope_spans), each card counted on the rows of those days
--   (agent_period_metrics with the caller's scope): in the month a home store moves region both managers see the
--   agent's card, each on her days (scope_days < period_days: the card is not ranked, portal/scorecards/figures.py).
with placed as (
    select
        m.*,
        t.team_id,
        t.home_store_id
    from agent_period_metrics(
        period_starts_at := $period_starts_at, period_ends_at := $period_ends_at,
        period_starts_on := $period_starts_on, period_ends_on := $period_ends_on,
        sla_as_of := $sla_as_of, sla_hours := $sla_hours, report_tz := $report_tz,
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids, scope_all_agents := $scope_all_agents,
        scope_team_id := $scope_team_id, scope_agent_id := $scope_agent_id
    ) as m
    left join agent_team_spans() as t
        on t.agent_id = m.agent_id
        and $period_ends_on[m.period_no + 1] - 1 >= t.valid_from and $period_ends_on[m.period_no + 1] - 1 < t.valid_to
)

select
    a.agent_id,
    a.agent_code,
    a.name as agent_name,
    a.is_active,
    m.team_id,
    t.team_code,
    team_label(t.name, t.name_zh, $lang) as team_name,
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
    m.qa_mean,
    m.qa_open_disputes,
    m.scope_days,
    m.period_days
from placed as m
join agents_now as a on a.agent_id = m.agent_id
left join teams as t on t.team_id = m.team_id
where coalesce(in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, m.team_id, a.agent_id), false)
  and m.scope_days > 0
  and in_selection($team_ids, m.team_id)
  and in_selection($agent_ids, a.agent_id)
order by m.team_id, a.agent_code, m.period_no
