-- Stores with their time zone (the Settings page, `portal settings show`), active ones first.
-- Parameters: scope. Grain: one row per store.
select
    s.store_id,
    s.store_code,
    store_label(s.name, s.name_zh, $lang) as store_name,
    r.name_en as region_name_en,
    r.name_zh as region_name_zh,
    s.timezone,
    s.is_active
from stores_now as s
left join regions as r on r.region_id = s.region_id
where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)
order by s.is_active desc, s.store_code
