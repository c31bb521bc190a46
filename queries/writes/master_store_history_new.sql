-- The region history row of each store an upload of stores created (master_stores_insert), from its opening
-- date, else the batch's date in the reporting zone. Parameters: $batch_id, $batched_at (naive UTC), $timezone.
insert into store_region_history (store_id, region_id, valid_from, batch_id)
select s.store_id, g.region_id, coalesce(g.opened_on, cast(timezone($timezone, timezone('UTC', $batched_at::timestamp)) as date)), $batch_id
from master_store_stage as g
join stores as s on s.store_code = g.store_code
where g.existing_id is null and g.region_id is not null
