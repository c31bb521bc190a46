-- Update the plain columns of the stored stores an upload of stores changes (master_store_stage).
update stores as s set name = g.name, name_zh = g.name_zh, timezone = g.timezone, opened_on = g.opened_on
from master_store_stage as g
where s.store_id = g.existing_id and g.is_changed
