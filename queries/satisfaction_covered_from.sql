-- The first day of survey responses in the caller's scope: what a satisfaction figure's change against the
-- previous period needs (portal.kpi.Comparison: no change where the data begins after that period's first day).
-- Parameters: scope; $region_ids, $store_ids (the filter's; empty = all).
-- Grain: one row; none when the scope holds no response.
select min(responded_on) as covered_from
from survey_responses
where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, store_id, region_id)
  and in_selection($region_ids, region_id)
  and in_selection($store_ids, store_id)
having count(*) > 0
