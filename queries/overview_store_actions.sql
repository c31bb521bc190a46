-- Overview store view: corrective actions per store, open (not yet verified) and overdue (not verified past due).
-- Parameters: scope; $today (the reporting day: due dates before it are overdue).
-- Grain: one row per store in scope with at least one corrective action not verified; oldest_overdue_on the
--   earliest due day of its overdue ones (null: none overdue).
-- result: small (a row per store, read by frames.small_frame: portal.db.run_query)
with
actions as (
    select a.store_id, a.status, a.due_on
    from corrective_actions as a
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, a.store_id,
        (select i.region_id from fives_inspections as i where i.inspection_id = a.inspection_id))  -- its inspection's region
      and a.status <> 'verified'
),

final as (
    select
        a.store_id,
        st.store_code,
        st.region_id,
        count(*) as open_count,
        count(*) filter (where fives_action_overdue(a.status, a.due_on, $today)) as overdue_count,
        -- the alert's fingerprint: the oldest overdue action's due day (and the count), not the window's start
        min(a.due_on) filter (where fives_action_overdue(a.status, a.due_on, $today)) as oldest_overdue_on
    from actions as a
    join stores_now as st on st.store_id = a.store_id
    group by all
    order by a.store_id
)

select * from final
