-- One corrective action's store and status, read inside the workflow transaction before a step is checked, and
-- whether the caller's scope holds it (models/in_store_scope.sql: the action's region is its inspection's).
-- Parameters: $action_id, scope.
select a.action_id, a.store_id, a.status, a.submitted_by,
    in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, a.store_id, i.region_id) as is_in_scope
from corrective_actions as a
left join fives_inspections as i on i.inspection_id = a.inspection_id
where a.action_id = $action_id
