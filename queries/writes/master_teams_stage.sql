-- Stage the team names of an upload of agents against the stored teams: one row per team the file names with a
-- name that differs from the stored one (existing_id, is_changed: as CommitContext.snapshot reads them).
create or replace temp table master_team_stage as
select
    t.team_id as existing_id,
    true as is_changed,
    f.name
from (
    select team_code, arg_min(team_name, row_no) as name
    from master_agent_rows
    where team_code is not null and team_name is not null
    group by team_code
) as f
join teams as t on t.team_code = f.team_code
where f.name is distinct from t.name
