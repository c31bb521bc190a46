-- Regions the caller may filter by: those holding at least one store in their scope.
-- Parameters: scope. Grain: one row per region.
select r.region_id, r.region_code, r.name_en as region_name_en, r.name_zh as region_name_zh
from regions as r
where exists (
    select 1 from stores_now as s
    where s.region_id = r.region_id
      and in_store_scope($scope_all_stores, $scope_store_ids, s.store_id)
)
order by r.region_code
