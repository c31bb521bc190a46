-- 5S trend: mean overall % per month, per store and for the whole selection.
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids).
-- Grain: one row per store x month with an inspection, plus one per month for the whole selection (is_chain,
-- store_id null); inspections_n the scored inspections the mean rests on.
-- result: small (a row per store x month, read by frames.small_frame: portal.db.run_query)
with
inspections as materialized (
    select s.*, date_trunc('month', s.inspected_on)::date as month_start
    from fives_inspection_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids
    ) as s
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)  -- the macro filters too
),

final as (
    select
        grouping(i.store_id) = 1 as is_chain,
        i.month_start,
        i.store_id,
        case when grouping(i.store_id) = 0 then any_value(st.store_code) end as store_code,
        case when grouping(i.store_id) = 0 then any_value(store_label(st.name, st.name_zh, $lang)) end as store_name,
        avg(i.overall_pct) as mean_pct,
        count(i.overall_pct) as inspections_n
    from inspections as i
    left join stores as st on st.store_id = i.store_id
    group by grouping sets ((i.month_start, i.store_id), (i.month_start))
)

select * from final
order by is_chain desc, store_code, month_start
