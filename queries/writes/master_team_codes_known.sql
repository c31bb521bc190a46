-- The codes among $codes of stored teams (an upload of agents: which teams it creates).
select team_code from teams where list_contains($codes, team_code)
