-- Stage the region names of an upload of stores against the stored regions: one row per region the file names
-- with a name that differs from the stored one (existing_id, is_changed: as CommitContext.snapshot reads them).
create or replace temp table master_region_stage as
select
    g.region_id as existing_id,
    true as is_changed,
    coalesce(f.name_en, g.name_en) as name_en,
    coalesce(f.name_zh, g.name_zh) as name_zh
from (
    select region_code, arg_min(region_name_en, row_no) as name_en, arg_min(region_name_zh, row_no) as name_zh
    from master_store_rows
    where region_code is not null
    group by region_code
) as f
join regions as g on g.region_code = f.region_code
where coalesce(f.name_en, g.name_en) is distinct from g.name_en
   or coalesce(f.name_zh, g.name_zh) is distinct from g.name_zh
