-- Stores the caller may filter by (their scope), with their current region.
-- Parameters: scope. Grain: one row per store.
select s.store_id, s.store_code, store_label(s.name, s.name_zh, $lang) as store_name, s.region_id
from stores_now as s
where in_store_scope($scope_all_stores, $scope_store_ids, s.store_id)
order by s.store_code
