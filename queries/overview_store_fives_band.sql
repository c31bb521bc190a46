-- Overview 5S alert: each store's band over its scored inspections of the window ($start_on to $end_on), the
-- same inspections and mean as the 5S tiles' "Stores failing" and the ranking (fives_headline, fives_store_ranking);
-- the caller raises the failing-band alert only on at least the 5S low-confidence n of them, as the tile counts.
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids);
--   band thresholds ($excellent_min, $good_min, $needs_improvement_min).
-- Grain: one row per store in scope with a scored inspection in the window: scored_n, mean_pct, band, first_on and
-- latest_on (the days of the first and last inspection judged).
with
scored as materialized (
    select
        s.store_id,
        s.inspected_on,
        s.overall_pct
    from fives_inspection_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids
    ) as s
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)  -- the macro filters too
      and s.overall_pct is not null
),

by_store as (
    select
        store_id,
        count(*) as scored_n,
        avg(overall_pct) as mean_pct,
        min(inspected_on) as first_on,
        max(inspected_on) as latest_on
    from scored
    group by store_id
),

final as (
    select
        st.store_code,
        b.*,
        fives_band(b.mean_pct, $excellent_min, $good_min, $needs_improvement_min) as band
    from by_store as b
    join stores_now as st on st.store_id = b.store_id
)

select * from final
order by store_code
