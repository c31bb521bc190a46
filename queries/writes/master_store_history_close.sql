-- Close the open region history row of each stored store an upload of stores moves to another region
-- (master_store_assignments_set) on the batch's date, where master_store_history_changed starts the new one.
-- Parameters: $batched_at (naive UTC), $timezone (the reporting zone: the date is the batch's date there).
update store_region_history as h
set valid_to = cast(timezone($timezone, timezone('UTC', $batched_at::timestamp)) as date)
from master_store_stage as g
where h.store_id = g.existing_id and h.valid_to is null
  and g.region_id is not null and g.region_id is distinct from g.stored_region_id
