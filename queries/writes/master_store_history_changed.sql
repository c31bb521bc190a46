-- The region history row of each stored store an upload of stores gave a region (master_store_assignments_set),
-- from the batch's date in the reporting zone (a survey dated that local day before the move keeps the old region;
-- the UTC date stamped it with the new one from 16:00 UTC in Asia/Shanghai). Parameters: $batch_id, $batched_at
-- (naive UTC), $timezone (the reporting zone).
insert into store_region_history (store_id, region_id, valid_from, batch_id)
select existing_id, region_id, cast(timezone($timezone, timezone('UTC', $batched_at::timestamp)) as date), $batch_id
from master_store_stage
where existing_id is not null and region_id is not null and region_id is distinct from stored_region_id
