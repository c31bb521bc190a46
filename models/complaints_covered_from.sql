-- The first day of complaint data in the caller's scope and the filter's regions and stores, whatever the period:
-- what a complaint figure's change against the previous period needs (portal.kpi.Comparison: no change where the
-- data begins after that period's first day). complaint_summary reads it beside the previous period's tiles.
-- Parameters: the caller's store scope (scope_all_stores, scope_store_ids, scope_region_ids); region_ids,
--   store_ids (the filter's; empty = all); report_tz (the zone whose days count: a stamped receipt on its local
--   date there, a date-only one on its own date).
-- Grain: one row; covered_from NULL when the scope holds no complaint. It reads every complaint in scope (a first
-- day, whatever the period), but only the four columns it needs.
-- depends on: in_store_scope, in_selection
create or replace macro complaints_covered_from(
    scope_all_stores, scope_store_ids, scope_region_ids, region_ids, store_ids, report_tz
) as table
with
firsts as (
    select
        min(received_at) filter (where not received_date_only) as first_stamped_at,
        min(received_at) filter (where received_date_only) as first_dated_at
    from complaints
    where in_store_scope(scope_all_stores, scope_store_ids, scope_region_ids, store_id, region_id)
      and in_selection(region_ids, region_id)
      and in_selection(store_ids, store_id)
)

select least(
    timezone(report_tz, timezone('UTC', first_stamped_at))::date, first_dated_at::date
) as covered_from
from firsts;
