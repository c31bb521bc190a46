-- The region history row of each stored store an upload of stores gave a region (master_store_assignments_set),
-- from the batch's date. Parameters: $batch_id, $batched_at.
insert into store_region_history (store_id, region_id, valid_from, batch_id)
select existing_id, region_id, cast($batched_at as date), $batch_id
from master_store_stage
where existing_id is not null and region_id is not null and region_id is distinct from stored_region_id
