-- The stores a caller may write for now (upload rows of, inspect): in their scope by the store's current region.
-- Parameters: scope. Grain: one row per store (store_id).
-- A new row is stamped with its store's current region, so a store once in the caller's region (whose old rows
-- they still read) is not one they write for; the rule is models/in_store_scope.sql, applied as to master data.
select s.store_id
from stores_now as s
where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)
order by s.store_id
