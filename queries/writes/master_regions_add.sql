-- Regions an upload of stores names that the master data lacks, created for the batch (undo removes them).
-- Reads master_store_rows (one row per file row); a region named on several rows takes its first row's names,
-- its code where the file gives none. Parameters: $batch_id.
insert into regions (region_code, name_en, name_zh, created_batch_id)
select
    region_code,
    coalesce(arg_min(region_name_en, row_no), region_code),
    coalesce(arg_min(region_name_zh, row_no), arg_min(region_name_en, row_no), region_code),
    $batch_id
from master_store_rows
where region_code is not null and region_code not in (select region_code from regions)
group by region_code
order by min(row_no)
