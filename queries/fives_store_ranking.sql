-- 5S store ranking: each store's mean overall % over the period with its band, latest inspection and findings.
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids); band thresholds ($excellent_min,
--   $good_min, $needs_improvement_min).
-- Grain: one row per store with an inspection in the period, ranked by mean overall % (1 = best; a store
-- without any scored section has no rank). repeat_findings_n: null for a store with no earlier inspection;
-- repeat_basis_n: its n, the failed items of the store's inspections that had an earlier one;
-- repeat_basis_inspections_n: how many inspections those were (null with repeat_basis_n: no 0 for no data).
-- result: small (a row per store, read by frames.small_frame: portal.db.run_query)
with
inspections as materialized (
    select s.*
    from fives_inspection_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids
    ) as s
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)  -- the macro filters too
),

by_store as (
    select
        store_id,
        count(*) as inspections_n,
        count(overall_pct) as scored_n,
        avg(overall_pct) as mean_pct,
        min(overall_pct) as min_pct,
        max(overall_pct) as max_pct,
        arg_max(overall_pct, inspected_on) as latest_pct,
        max(inspected_on) as latest_on,
        -- the days of the first and last scored inspection (the overview's failing-band alert names them)
        min(inspected_on) filter (where overall_pct is not null) as first_scored_on,
        max(inspected_on) filter (where overall_pct is not null) as latest_scored_on,
        sum(failed_n)::bigint as failed_items_n,
        -- null ("no data") for a store none of whose inspections of the period has an earlier one: nothing could
        -- repeat yet (a 0 there would claim that nothing did)
        case when bool_or(previous_inspection_id is not null) then sum(repeat_n)::bigint end
            as repeat_findings_n,
        -- its n: the failed items that could repeat, those of its inspections with an earlier one (null with it)
        sum(failed_n) filter (where previous_inspection_id is not null)::bigint as repeat_basis_n,
        nullif(count(*) filter (where previous_inspection_id is not null), 0) as repeat_basis_inspections_n,
        sum(red_line_sections_n)::bigint as red_line_sections_n
    from inspections
    group by store_id
),

final as (
    select
        case when b.mean_pct is not null then rank() over (order by b.mean_pct desc nulls last) end as rank,
        b.store_id,
        st.store_code,
        store_label(st.name, st.name_zh, $lang) as store_name,
        r.name_en as region_name_en,
        r.name_zh as region_name_zh,
        b.* exclude (store_id),
        fives_band(b.mean_pct, $excellent_min, $good_min, $needs_improvement_min) as band
    from by_store as b
    join stores_now as st on st.store_id = b.store_id
    left join regions as r on r.region_id = st.region_id
)

select * from final
order by rank nulls last, store_code
