-- Overview brief: response-SLA breaches of the period by category group and store (the likely driver of a fall).
-- Parameters: scope; filters ($start_at, $end_at, $region_ids, $store_ids, $channels, $categories, $severities,
--   $business_hours); $as_of, $sla_as_of, $sla_hours, $target_high_hours, $target_normal_hours, $target_low_hours
--   (as queries/complaint_summary.sql).
-- Grain: one row per category_group x store (store_code null: no store) with at least one breach: a complaint
--   received in the period whose 24 h have elapsed and that was not answered within them.
with
facts as (
    select f.*
    from complaint_facts(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        start_at := $start_at, end_at := $end_at, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels, categories := $categories, severities := $severities,
        business_hours := $business_hours, as_of := $as_of, sla_as_of := $sla_as_of, sla_hours := $sla_hours,
        target_high_hours := $target_high_hours, target_normal_hours := $target_normal_hours,
        target_low_hours := $target_low_hours, report_tz := $report_tz
    ) as f
    where in_store_scope($scope_all_stores, $scope_store_ids, f.store_id)  -- the macro filters too
),

final as (
    select
        f.category_group,
        st.store_code,
        count(*) as breach_count
    from facts as f
    left join stores as st on st.store_id = f.store_id
    where f.is_received_in_period and f.is_sla_elapsed and not f.is_answered_within_sla
    group by all
    order by breach_count desc, f.category_group, st.store_code
)

select * from final
