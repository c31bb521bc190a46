-- 5S section scores of the period: the fact every 5S figure is counted from (SPEC.md §3; section % and its
-- rules: models/fives_section_rollup.sql).
-- Reads the stored facts (fives_section_facts, kept in step by the write path: portal.writes.refresh_fives_facts), so a
-- query plans a filtered scan, not the computation (the *_rollup models compute what is stored).
-- Parameters: the caller's store scope (scope_all_stores, scope_store_ids); the filters (start_on, end_on:
--   inspection dates, both inclusive; region_ids: the region the store had on the day; store_ids; empty = all).
-- Grain: one row per inspection x section of its template (inspection_id, section_code).
-- depends on: in_store_scope, in_selection
create or replace macro fives_section_scores(
    scope_all_stores, scope_store_ids, scope_region_ids, start_on, end_on, region_ids, store_ids
) as table
select *
from fives_section_facts
where in_store_scope(scope_all_stores, scope_store_ids, scope_region_ids, store_id, region_id)
  and in_selection(store_ids, store_id)
  and inspected_on between start_on and end_on
  and in_selection(region_ids, region_id)
