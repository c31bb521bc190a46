-- Move the stored stores of an upload of stores to the region the file names where it differs from the region they
-- have now (master_store_stage, read from stores_now): kept in store_assignments (migration 025), whose row the
-- store's before-image carries for undo (CommitContext.snapshot); the store's own region_id stays the one it was
-- created with (DuckDB cannot update a foreign-key column of a row other data refer to). Parameters: $batch_id.
insert into store_assignments (store_id, region_id, batch_id)
select existing_id, region_id, $batch_id
from master_store_stage
where existing_id is not null and region_id is distinct from stored_region_id
on conflict (store_id) do update set region_id = excluded.region_id, batch_id = excluded.batch_id
