-- The region history row of each store an upload of stores created (master_stores_insert), from its opening
-- date, else the batch's date. Parameters: $batch_id, $batched_at.
insert into store_region_history (store_id, region_id, valid_from, batch_id)
select s.store_id, g.region_id, coalesce(g.opened_on, cast($batched_at as date)), $batch_id
from master_store_stage as g
join stores as s on s.store_code = g.store_code
where g.existing_id is null and g.region_id is not null
