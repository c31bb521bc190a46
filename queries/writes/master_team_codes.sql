-- Every stored team's code (an upload of agents matches the file's team codes to them: T01 and t1 are T1).
select team_code from teams order by team_code
