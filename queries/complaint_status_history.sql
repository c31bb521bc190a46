-- The status history of the complaint(s) with one source id, in the order the changes were observed (the
-- detail panel): by changed_at, equal times in the lifecycle order (portal/vocab.py COMPLAINT_STATUSES: open,
-- responded, resolved, closed, reopened, cancelled; tests/test_complaints_detail.py keeps the two equal).
-- Parameters: scope; $complaint (the complaint's source id). Scoped like complaint_detail.sql: only
-- complaints whose store is in the caller's store scope (one without a store: chain-wide scopes only).
-- changed_date_only: the change was recorded at a date-only stamp (a date, stored at its midnight: shown as that
--   date in every zone, never as a time).
-- Grain: one row per recorded status of a complaint (complaint_status_history is never overwritten).
with
matched as (
    select c.complaint_id, c.store_id
    from complaints as c
    where c.source_id = $complaint
      and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, c.store_id, c.region_id)
),

final as (
    select
        h.complaint_id,
        m.store_id,
        h.status,
        h.changed_at,
        coalesce(h.changed_date_only, false) as changed_date_only,
        h.batch_id
    from complaint_status_history as h
    join matched as m on m.complaint_id = h.complaint_id
    order by
        h.complaint_id,
        h.changed_at,
        list_position(['open', 'responded', 'resolved', 'closed', 'reopened', 'cancelled'], h.status),
        h.batch_id
)

select * from final
