-- 029_fives_inspection_previous: each stored 5S inspection fact carries the store's previous inspection
-- (previous_inspection_id, null for the store's first: models/fives_inspection_rollup.sql), so that the repeat
-- findings' "can a repeat be judged here" is a column of the period's inspections, not a lookup in every item
-- fact (ranking, action loop, headline). The stored rows are removed: every store is then out of step and the
-- read-write connect's refresh (portal.writes.refresh_fives_facts, the write path) computes them again with it.
alter table fives_inspection_facts add column previous_inspection_id bigint;
delete from fives_inspection_facts;
