-- Regions the caller may filter by: those holding, or having held, at least one store in their scope (a regional
-- scope: its own regions; an explicit store list: each region its stores are or were in).
-- Parameters: scope. Grain: one row per region.
select r.region_id, r.region_code, r.name_en as region_name_en, r.name_zh as region_name_zh
from regions as r
where exists (
    select 1 from stores_now as s
    where s.region_id = r.region_id
      and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)
) or exists (  -- or held one once (store_region_history: the rows of that time keep the region)
    select 1 from store_region_history as h
    where h.region_id = r.region_id
      and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, h.store_id, h.region_id)
)
order by r.region_code
