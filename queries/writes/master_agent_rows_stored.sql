-- The stored agents of the codes an upload of agents names (its check): id, team code, home store code.
-- Parameters: $codes.
select a.agent_code, a.agent_id, t.team_code as stored_team_code, s.store_code as stored_home_store_code
from agents as a
left join teams as t on t.team_id = a.team_id
left join stores as s on s.store_id = a.home_store_id
where list_contains($codes, a.agent_code)
