-- The names in the complaint list's caption (pages/complaint_list.py): the agents of its agent selection and the
-- team on the received date it asks for, by code and name, as the by-agent table names them ("A003 Agent Three",
-- "T2 Team Two"; the caption said the ids, "Agent: 3", and named a team only from the reader's own team list).
-- Parameters: scope (agents); $caption_agent_ids (the list's $agent_ids; empty: no row), $caption_team_id (its
--   $agent_team_id; null: no team row; 0: no team on the received date, no row either).
-- An agent is named where the reader's agent scope holds the agent on some date (in_agent_scope over the agent's
-- team spans, agent_team_spans: a team lead, an agent who was in her team at some time, as her by-agent rows name
-- him; an agent, themself; a manager or admin, every agent); the team where the reader's agent scope holds one of
-- the selected agents while in it (a manager's row of a moved agent's former team, outside her own team list).
-- Grain: one row per agent named (kind 'agent', agent_id) and at most one for the team (kind 'team', team_id); code
--   and name.
with
held as (
    -- the selected agents' teams over time that the reader's agent scope holds
    select s.agent_id, s.team_id
    from agent_team_spans() as s
    where list_contains($caption_agent_ids, s.agent_id)
      and in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, s.team_id, s.agent_id)
),

final as (
    select 'agent' as kind, a.agent_id, null::integer as team_id, a.agent_code as code, a.name
    from agents_now as a
    where a.agent_id in (select h.agent_id from held as h)
    union all
    select 'team' as kind, null::integer as agent_id, t.team_id, t.team_code as code, t.name
    from teams as t
    where t.team_id = $caption_team_id and t.team_id in (select h.team_id from held as h)
)

select * from final
order by kind, code
