-- The corrective actions of the inspections a batch added that are past 'open' (in progress, submitted, verified,
-- or any later status): undoing the batch would delete them with their inspections, and with them what was done
-- and the after-photo, so the undo is refused while any exist. Open actions go with their inspections.
-- Parameters: $batch_id. Grain: one row per worked action (store code, inspection date, item code, status).
select s.store_code, i.inspected_on, a.item_code, a.status
from fives_inspections as i
join corrective_actions as a on a.inspection_id = i.inspection_id
join stores as s on s.store_id = i.store_id
where i.batch_id = $batch_id
  and a.status <> 'open'
order by s.store_code, i.inspected_on, a.item_code
