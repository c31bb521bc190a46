-- Update the plain columns of the stored stores an upload of stores changes (master_store_stage).
-- A store the file describes is master data the admin keeps: it no longer counts as created by the import that
-- added it (undoing that import would otherwise sweep it away with the names given here).
update stores as s set name = g.name, name_zh = g.name_zh, timezone = g.timezone, opened_on = g.opened_on,
    is_active = g.is_active,
    created_batch_id = null
from master_store_stage as g
where s.store_id = g.existing_id and g.is_changed
