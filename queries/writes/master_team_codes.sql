-- Every stored team's code, then its names (an upload of agents matches the file's team codes to them: T01 and t1
-- are T1; a team named instead of coded, North Team 1 or 华北一组, is T01).
select team_code, name, name_zh from teams order by team_code
