-- Teams an upload of agents names that the master data lacks, created for the batch (undo removes them).
-- Reads master_agent_rows (one row per file row): a team takes its first row's name (its Chinese name, else its
-- code, where the file gives none), its first Chinese name, and the region of its agents' home stores (the file's,
-- else the stored agent's now) when every one of its agents in the file has a home store and they all lie in one region, else
-- none. Parameters: $batch_id.
insert into teams (team_code, name, name_zh, region_id, created_batch_id)
select
    r.team_code,
    coalesce(
        arg_min(r.team_name, r.row_no) filter (where r.team_name is not null),
        arg_min(r.team_name_zh, r.row_no) filter (where r.team_name_zh is not null),
        r.team_code
    ),
    arg_min(r.team_name_zh, r.row_no) filter (where r.team_name_zh is not null),
    case when count(s.region_id) = count(*) and count(distinct s.region_id) = 1 then min(s.region_id) end,
    $batch_id
from master_agent_rows as r
left join agents_now as a on a.agent_code = r.agent_code
left join stores as f on f.store_code = r.home_store_code
left join stores_now as s on s.store_id = coalesce(f.store_id, a.home_store_id)
where r.team_code is not null and r.team_code not in (select team_code from teams)
group by r.team_code
order by min(r.row_no)
