-- Stores' opening hours (the Settings page, `portal settings show`): the weekdays each store is open.
-- Parameters: scope. Grain: one row per store and weekday with hours (a store without any: one row, nulls).
select
    s.store_code,
    store_label(s.name, s.name_zh, $lang) as store_name,
    h.iso_dow,
    h.opens_at,
    h.closes_at
from stores_now as s
left join store_hours as h on h.store_id = s.store_id
where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)
order by s.store_code, h.iso_dow
