-- Stores the caller may filter by (their scope), with their current region: the stores in scope now (the store's
-- current region) and, for a regional scope, every store that was ever in one of its regions (store_region_history),
-- whose rows of that time stay the region's (SPEC §2).
-- Parameters: scope. Grain: one row per store.
select s.store_id, s.store_code, store_label(s.name, s.name_zh, $lang) as store_name, s.region_id
from stores_now as s
where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)
   or exists (  -- a store once in a region of the scope: its figures of then are reached by picking it
       select 1 from store_region_history as h
       where h.store_id = s.store_id
         and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, h.store_id, h.region_id))
order by s.store_code
