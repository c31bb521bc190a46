-- 5S checklist (template) versions with their size and how many inspections the caller may see were scored on each.
-- Parameters: scope. Grain: one row per template version (default first, then by code and version): every
-- version for a chain-wide caller, otherwise only those used by inspections of the caller's stores.
with
inspections_in_scope as (
    select i.template_id, count(*) as inspections_n, max(i.inspected_on) as last_inspected_on
    from fives_inspections as i
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, i.store_id, i.region_id)
    group by i.template_id
),

sizes as (
    select t.template_id,
           (select count(*) from fives_items as it where it.template_id = t.template_id) as items_n
    from fives_templates as t
),

final as (
    select
        t.template_id,
        t.template_code,
        t.version,
        t.name_en,
        t.name_zh,
        t.is_default,
        z.items_n,
        coalesce(u.inspections_n, 0) as inspections_n,
        u.last_inspected_on,
        t.created_at,
        t.created_by,
        user_label(t.created_by) as created_by_name
    from fives_templates as t
    join sizes as z on z.template_id = t.template_id
    left join inspections_in_scope as u on u.template_id = t.template_id
    where $scope_all_stores or u.inspections_n > 0
    order by t.is_default desc, t.template_code, t.version desc
)

select * from final
