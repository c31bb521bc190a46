-- The stores upload (portal/ingest/master_stores.py): regions it creates carry its batch (undo removes them, as it
-- removes the stores it created), and so do the region history rows it writes for its stores (undo deletes them).
alter table regions add column created_batch_id bigint;
alter table store_region_history add column batch_id bigint;
