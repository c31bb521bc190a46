-- Survey instruments with their size and how many responses the caller may see that use each.
-- Parameters: scope. Grain: one row per instrument version (default first, then by code and version):
-- every instrument for a chain-wide caller, otherwise only those used by responses in the caller's stores.
with
responses_in_scope as (
    select r.instrument_id, count(*) as responses_n
    from survey_responses as r
    where r.instrument_id is not null
      and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)
    group by r.instrument_id
),

sizes as (
    select si.instrument_id,
           (select count(*) from instrument_dimensions as d where d.instrument_id = si.instrument_id)
               as dimensions_n,
           (select count(*) from instrument_items as i where i.instrument_id = si.instrument_id) as items_n
    from survey_instruments as si
),

final as (
    select
        si.instrument_id,
        si.instrument_code,
        si.version,
        si.name_en,
        si.name_zh,
        si.scale_min,
        si.scale_max,
        si.is_default,
        z.dimensions_n,
        z.items_n,
        coalesce(r.responses_n, 0) as responses_n,
        si.created_at,
        si.created_by,
        user_label(si.created_by) as created_by_name
    from survey_instruments as si
    join sizes as z on z.instrument_id = si.instrument_id
    left join responses_in_scope as r on r.instrument_id = si.instrument_id
    where $scope_all_stores or r.responses_n > 0
    order by si.is_default desc, si.instrument_code, si.version
)

select * from final
