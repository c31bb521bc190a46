-- One complaint's details by its source id, for the Complaints page's detail panel (linked from a comment).
-- Parameters: scope; $complaint (the complaint's source id, as the source system names it).
-- Only a complaint whose store is in the caller's store scope is returned (one without a store: chain-wide
-- scopes only), so an unknown id and an id outside the scope give the same empty answer.
-- Grain: one row per complaint with that source id (one per source system that uses it; normally one).
with
matched as (
    select
        c.complaint_id, c.source, c.source_id, c.received_at, c.received_date_only, c.channel,
        c.category_raw, c.category_group, c.severity, c.store_id, c.status, c.first_response_at,
        c.first_response_date_only, coalesce(c.first_response_left_out, false) as first_response_left_out,
        c.resolved_at, c.resolved_date_only, coalesce(c.resolved_left_out, false) as resolved_left_out,
        c.closed_at, c.closed_date_only,
        c.reopen_count, c.post_resolution_csat
    from complaints as c
    where c.source_id = $complaint
      and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, c.store_id, c.region_id)
),

final as (
    select
        m.*,
        s.store_code,
        store_label(s.name, s.name_zh, $lang) as store_name
    from matched as m
    left join stores as s on s.store_id = m.store_id
    order by m.source, m.complaint_id
)

select * from final
