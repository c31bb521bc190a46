-- Scorecard facts per agent in the caller's scope and per period (agent_period_metrics), with agent and team;
-- plus, unnamed, the other members of the chosen agents' teams, so that rank and percentile are within the team.
-- Parameters: scope; $period_starts_at, $period_ends_at (UTC timestamps), $period_starts_on, $period_ends_on
--   (local dates), one element per period; $sla_as_of, $sla_hours; $team_ids, $agent_ids (empty = all).
-- Grain: agent x period_no. Scope: in_agent_scope (team lead: own team; agent: self); a chain-wide agent scope
--   without a whole-chain store scope (a regional manager) sees the agents whose home store is in its stores.
-- Peers (is_peer): team members outside the caller's scope or selection, with their counts only: no code, no
--   name, and a pseudonymous negative agent_id (stable across periods). An agent's card ranks them with its
--   teammates this way without showing any of them; figures.compute drops them before anything is shown.
with
chosen as (
    select a.agent_id, a.team_id
    from agents as a
    where in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, a.team_id, a.agent_id)
      and (
          $scope_agent_id is not null
          or ($scope_team_id is not null and not $scope_all_agents)
          or in_store_scope($scope_all_stores, $scope_store_ids, a.home_store_id)
      )
      and in_selection($team_ids, a.team_id)
      and in_selection($agent_ids, a.agent_id)
),

members as (
    select
        a.agent_id as real_agent_id,
        a.agent_id in (select c.agent_id from chosen as c) as is_chosen,
        -dense_rank() over (order by a.agent_id) as peer_id
    from agents as a
    where a.agent_id in (select c.agent_id from chosen as c)
       or a.team_id in (select c.team_id from chosen as c where c.team_id is not null)
),

final as (
    select
        case when mb.is_chosen then a.agent_id else mb.peer_id end as agent_id,
        case when mb.is_chosen then a.agent_code end as agent_code,
        case when mb.is_chosen then a.name end as agent_name,
        not mb.is_chosen as is_peer,
        a.is_active,
        a.team_id,
        t.team_code,
        t.name as team_name,
        m.period_no,
        m.handled_n,
        m.sla_elapsed_n,
        m.sla_met_n,
        m.resolved_n,
        m.resolution_n,
        m.resolution_median_hours,
        m.reopened_n,
        m.csat_answer_n,
        m.csat_satisfied_n,
        m.qa_n,
        m.qa_mean,
        m.qa_open_disputes
    from agent_period_metrics(
        period_starts_at := $period_starts_at, period_ends_at := $period_ends_at,
        period_starts_on := $period_starts_on, period_ends_on := $period_ends_on,
        sla_as_of := $sla_as_of, sla_hours := $sla_hours
    ) as m
    join members as mb on mb.real_agent_id = m.agent_id
    join agents as a on a.agent_id = m.agent_id
    left join teams as t on t.team_id = a.team_id
)

select * from final
order by team_id, is_peer, agent_code, agent_id, period_no
