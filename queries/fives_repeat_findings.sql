-- 5S repeat findings of the period: an item failed in an inspection and in the store's previous inspection.
-- Parameters: scope; filters ($start_on, $end_on, $region_ids, $store_ids).
-- Grain: one row per repeat finding (inspection_id, item_code), newest first, with the action it opened.
-- result: small (a row per repeat finding of the period, read by frames.small_frame: portal.db.run_query)
with
items as materialized (
    select r.*
    from fives_item_results(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids
    ) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)  -- the macro filters too
      and r.is_repeat
),

final as (
    select
        i.inspection_id,
        i.store_id,
        st.store_code,
        store_label(st.name, st.name_zh, $lang) as store_name,
        i.inspected_on,
        i.previous_inspected_on,
        i.inspector,
        i.section_code,
        i.item_code,
        it.text_en as item_text_en,
        it.text_zh as item_text_zh,
        i.score,
        i.previous_score,
        i.max_score,
        a.action_id,
        a.status as action_status
    from items as i
    join stores as st on st.store_id = i.store_id
    join fives_items as it on it.template_id = i.template_id and it.item_code = i.item_code
    left join corrective_actions as a on a.inspection_id = i.inspection_id and a.item_code = i.item_code
)

select * from final
order by inspected_on desc, store_code, section_code, item_code
