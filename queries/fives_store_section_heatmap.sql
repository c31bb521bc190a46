-- 5S heat map: mean section % per store x section over the period, and the chain's mean per section.
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids).
-- Grain: one row per store x section with a scored inspection, plus one per section for the whole selection
-- (is_chain, store_id null). mean_pct is the mean over inspections of the section % (null when none applied);
-- inspections_n the inspections it rests on; excluded_items_n the N/A or unscored items left out.
-- result: small (a row per store x section, read by frames.small_frame: portal.db.run_query)
with
sections as materialized (
    select s.*
    from fives_section_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids
    ) as s
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)  -- the macro filters too
),

final as (
    select
        grouping(s.store_id) = 1 as is_chain,
        s.store_id,
        case when grouping(s.store_id) = 0 then any_value(st.store_code) end as store_code,
        case when grouping(s.store_id) = 0 then any_value(store_label(st.name, st.name_zh, $lang)) end as store_name,
        s.section_code,
        min(s.section_position) as section_position,
        any_value(s.section_name_en) as section_name_en,
        any_value(s.section_name_zh) as section_name_zh,
        avg(s.section_pct) as mean_pct,
        count(s.section_pct) as inspections_n,
        sum(s.excluded_n)::bigint as excluded_items_n,
        count(*) filter (where s.is_red_line_failed) as red_line_failed_n
    from sections as s
    left join stores as st on st.store_id = s.store_id
    group by grouping sets ((s.store_id, s.section_code), (s.section_code))
)

select * from final
order by is_chain desc, store_code, section_position, section_code
