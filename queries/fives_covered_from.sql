-- The first day of 5S inspections in the caller's scope: what a 5S figure's change against the previous period
-- needs (portal.kpi.Comparison: no change where the data begins after that period's first day).
-- Parameters: scope; $region_ids, $store_ids (the filter's; empty = all).
-- Grain: one row; none when the scope holds no inspection.
select min(inspected_on) as covered_from
from fives_inspections
where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, store_id, region_id)
  and in_selection($region_ids, region_id)
  and in_selection($store_ids, store_id)
having count(*) > 0
