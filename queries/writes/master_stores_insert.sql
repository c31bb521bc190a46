-- Insert the new stores of an upload of stores (master_store_stage rows without existing_id), created for the
-- batch (master_store_history_new gives them their region history). Parameters: $batch_id.
insert into stores (store_code, name, name_zh, region_id, timezone, opened_on, is_active, created_batch_id)
select store_code, name, name_zh, region_id, timezone, opened_on, is_active, $batch_id
from master_store_stage
where existing_id is null
order by row_no
