-- Rename the teams staged by master_teams_stage (plain columns only: the key and region stay).
update teams as t set name = s.name, name_zh = s.name_zh
from master_team_stage as s
where t.team_id = s.existing_id
