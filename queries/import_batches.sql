-- Import batches the caller may see: an admin with chain-wide scope sees every batch, everyone else the batches they created.
-- Parameters: $username (the caller), $is_admin (the caller has the admin role), scope ($scope_all_stores and
--   $scope_all_agents: "every batch" needs both the admin role and the whole chain, Scope.everything()).
-- Grain: one row per import batch, newest first; created_by / undone_by are login names (the page's rules), their
-- *_name how the page names the person (user_label). The error report itself is fetched on demand, not here.
with
visible as (
    select b.*
    from import_batches as b
    where b.created_by = $username
       or ($is_admin and $scope_all_stores and $scope_all_agents)
),

final as (
    select
        batch_id,
        kind,
        file_name,
        created_by,
        user_label(created_by) as created_by_name,
        created_at,
        rows_in_file,
        rows_added,
        rows_updated,
        rows_unchanged,
        rows_skipped,
        status,
        undone_at,
        undone_by,
        user_label(undone_by) as undone_by_name,
        error_report_csv is not null as has_error_report
    from visible
    order by batch_id desc
)

select * from final
