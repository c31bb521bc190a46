-- Overview 5S alert: each store's band over its last $last_n scored inspections up to $end_on, whatever their
-- date (the failing-band alert needs the 5S low-confidence n of inspections: a store inspected monthly has three
-- in the twelve weeks of the 5S tiles, five in its last five months).
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids); $last_n (fives_low_confidence_n);
--   band thresholds ($excellent_min, $good_min, $needs_improvement_min).
-- Grain: one row per store in scope with a scored inspection between $start_on and $end_on (a store not
-- inspected in the window is not judged on its older inspections): scored_n (at most $last_n), mean_pct, band,
-- first_on and latest_on (the days of the first and last inspection judged).
with
scored as materialized (
    select
        s.store_id,
        s.inspected_on,
        s.overall_pct,
        row_number() over (
            partition by s.store_id order by s.inspected_on desc, s.inspection_id desc
        ) as recency
    from fives_inspection_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := date '1900-01-01', end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids
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
    where recency <= $last_n
    group by store_id
    having max(inspected_on) >= $start_on
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
