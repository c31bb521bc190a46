-- The stored 5S inspections of some stores on some dates, with who inspected them: what an upload's inspection
-- without an id is compared with (portal/fives_intake/kind.py, _match_stored: the same store, date and decided
-- inspector is the same inspection, never a second one).
-- Parameters: store_ids, days (the stores and the dates of the upload's inspections without an id).
-- Grain: one row per stored inspection, the earliest imported first.
select source_id, store_id, inspected_on, inspector_username, inspector_name
from fives_inspections
where store_id in (select unnest($store_ids)) and inspected_on in (select unnest($days))
order by created_at, source_id
