-- Stage the team names of an upload of agents against the stored teams: one row per team the file names with a
-- name (or a Chinese name) that differs from the stored one (existing_id, is_changed: as CommitContext.snapshot
-- reads them). A name the file leaves blank keeps the stored one.
create or replace temp table master_team_stage as
select
    t.team_id as existing_id,
    true as is_changed,
    coalesce(f.name, t.name) as name,
    coalesce(f.name_zh, t.name_zh) as name_zh
from (
    select
        team_code,
        arg_min(team_name, row_no) filter (where team_name is not null) as name,
        arg_min(team_name_zh, row_no) filter (where team_name_zh is not null) as name_zh
    from master_agent_rows
    where team_code is not null and (team_name is not null or team_name_zh is not null)
    group by team_code
) as f
join teams as t on t.team_code = f.team_code
where coalesce(f.name, t.name) is distinct from t.name or coalesce(f.name_zh, t.name_zh) is distinct from t.name_zh
