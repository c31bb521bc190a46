-- The first day of complaint data in the caller's scope and the filter's regions and stores, whatever the period:
-- what a complaint figure's change against the previous period needs (portal.kpi.Comparison: no change where the
-- data begins after that period's first day). complaint_summary reads it beside the previous period's tiles.
-- Parameters: the caller's store scope (scope_all_stores, scope_store_ids, scope_region_ids); region_ids,
--   store_ids (the filter's; empty = all); report_tz (the zone whose days count: a stamped receipt on its local
--   date there, a date-only one on its own date).
-- Grain: one row; covered_from NULL when the scope holds no complaint. It reads the first days of complaint data in
-- scope (a first day, whatever the period), and only the four columns it needs: the earliest complaint in scope
-- (a top-N, which DuckDB answers from the first row groups, rows being stored in about received order), then the
-- complaints received less than two days after it. No later one can hold an earlier first day: a stamp's local
-- date in report_tz is at most a day from its UTC date (a zone's offset is less than a day), so one received two
-- days or more after the earliest is on a local date no earlier than the day after the earliest's UTC date, on
-- or after the earliest's own first day (its local date or, date-only, its date). Issue 14: reading every
-- complaint in scope cost ~9 ms of CPU a statement chain-wide at bench scale 10, ~55 ms for a reader whose scope
-- is a list of stores (the scope test on every row), against ~2 and ~4.
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
      -- received less than two days after the earliest complaint in scope (none in scope: -infinity, so no row is
      -- read and both are null; a bare null bound would push no filter and read every row a second time)
      and received_at < coalesce((
          select e.received_at from complaints as e
          where in_store_scope(scope_all_stores, scope_store_ids, scope_region_ids, e.store_id, e.region_id)
            and in_selection(region_ids, e.region_id)
            and in_selection(store_ids, e.store_id)
          order by e.received_at
          limit 1
      ) + interval 2 day, timestamp '-infinity')
)

select least(
    timezone(report_tz, timezone('UTC', first_stamped_at))::date, first_dated_at::date
) as covered_from
from firsts;
