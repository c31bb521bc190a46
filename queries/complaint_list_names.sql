-- The names in the complaint list's caption (pages/complaint_list.py): the agents of its agent selection and the
-- team on the received date it asks for, by code and name, as the by-agent table names them ("A003 Agent Three",
-- "T2 Team Two"; the caption said the ids, "Agent: 3", and named a team only from the reader's own team list).
-- Parameters: scope (stores and agents); $lang (a team's name: team_label); $caption_agent_ids (the list's $agent_ids; empty: no row),
--   $caption_team_id (its $agent_team_id; null: no team row; 0: no team on the received date, no row either);
--   $report_tz (a complaint's received date, complaint_received_on).
-- An agent is named where the reader may see a complaint of the agent (in the reader's stores, in_store_scope)
-- whose agent the list names (in_agent_scope on the agent's team on its received date, agent_team_spans: a team
-- lead, her team's then; an agent, themself; a manager or admin, every agent), as queries/complaint_list.sql does;
-- or where the reader's agent scope holds the agent through agent_in_scope (a team lead, an agent who was in her
-- team at some time; an agent, themself; a manager, an agent whose home store is in her stores; an admin, all).
-- The team is named only where the reader may see a complaint of a selected agent received while the agent was in
-- it (a manager's row of a moved agent's former team, outside her own team list). Nothing else: in_agent_scope
-- alone holds every agent for a manager, and this query reads no row that her stores limit otherwise (a regional
-- manager was shown another region's agents and teams by id).
-- Grain: one row per agent named (kind 'agent', agent_id) and at most one for the team (kind 'team', team_id); code
--   and name.
with
spans as (
    -- the selected agents' teams over time
    select s.agent_id, s.team_id, s.valid_from, s.valid_to
    from agent_team_spans() as s
    where list_contains($caption_agent_ids, s.agent_id)
),

seen as (
    -- the selected agents' complaints in the reader's stores, with the agent's team on the received date (none:
    -- in no team), where the reader's agent scope holds the agent in that team
    select distinct c.agent_id, s.team_id
    from complaints as c
    -- the received date only against a span's finite bound (a case evaluates its branch on the rows taking it):
    -- an agent never moved has one span, and a timezone() per row was most of the statement's CPU (scale 10, one
    -- agent, CPU: 54 -> 29-39 ms, of which the scan of complaints ~13)
    left join spans as s
        on s.agent_id = c.agent_id
        and case when s.valid_from = date '-infinity' then true
            else complaint_received_on(c.received_at, c.received_date_only, $report_tz) >= s.valid_from end
        and case when s.valid_to = date 'infinity' then true
            else complaint_received_on(c.received_at, c.received_date_only, $report_tz) < s.valid_to end
    where list_contains($caption_agent_ids, c.agent_id)
      and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, c.store_id, c.region_id)
      and coalesce(in_agent_scope($scope_all_agents, $scope_team_id, $scope_agent_id, s.team_id, c.agent_id), false)
),

held as (
    -- the selected agents the reader's agent scope holds (through a manager's stores: the agent's home store)
    select distinct s.agent_id
    from spans as s
    join agents_now as a on a.agent_id = s.agent_id
    where agent_in_scope(
        $scope_all_stores, $scope_store_ids, $scope_region_ids, $scope_all_agents, $scope_team_id, $scope_agent_id,
        s.team_id, s.agent_id, a.home_store_id, null
    )
),

final as (
    select 'agent' as kind, a.agent_id, null::integer as team_id, a.agent_code as code, a.name
    from agents_now as a
    where a.agent_id in (select e.agent_id from seen as e union select h.agent_id from held as h)
    union all
    select 'team' as kind, null::integer as agent_id, t.team_id, t.team_code as code,
        team_label(t.name, t.name_zh, $lang) as name
    from teams as t
    where t.team_id = $caption_team_id and t.team_id in (select e.team_id from seen as e)
)

select * from final
order by kind, code
