-- Update store, region and agent of changed complaints, only where they differ.
-- DuckDB rewrites a row whose foreign-key column is in the SET list (index maintenance, ~50 us a row) even when
-- the value stays the same.
update complaints as c set
    store_id = s.store_id,
    region_id = s.region_id,
    agent_id = s.agent_id
from ingest_stage as s
where c.complaint_id = s.existing_id and s.is_changed
  and row(c.store_id, c.region_id, c.agent_id) is distinct from row(s.store_id, s.region_id, s.agent_id)
