-- Mean importance points per instrument dimension (the respondents' own weights), overall, per region, per store.
-- Parameters: scope, $start_on/$end_on, $region_ids, $store_ids, $channels.
-- Grain: one row per level ('all' | 'region' | 'store') x instrument x dimension (x region or store).
-- A respondent who gave importance points counts for every dimension of the instrument (a dimension they left
-- out got 0 of their 100 points): mean_points = sum of points / respondents who gave any.
with
-- the responses in scope and selection: the table macro selected_survey_responses (models/), shared by
-- every satisfaction and SERVQUAL query
responses as (
    select r.response_id, r.instrument_id, r.store_id, r.region_id
    from selected_survey_responses(scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)  -- the macro filters too
      and r.instrument_id is not null
),

respondent_points as (
    select r.response_id, r.instrument_id, r.store_id, r.region_id, d.dimension_code,
           coalesce(p.points, 0) as points
    from responses as r
    join instrument_dimensions as d on d.instrument_id = r.instrument_id
    left join servqual_importance as p
        on p.response_id = r.response_id and p.dimension_code = d.dimension_code
    where r.response_id in (select response_id from servqual_importance)
),

final as (
    select
        case when grouping(store_id) = 0 then 'store'
             when grouping(region_id) = 0 then 'region'
             else 'all' end as level,
        instrument_id,
        dimension_code,
        region_id,
        store_id,
        avg(points) as mean_points,
        count(*) as respondents_n
    from respondent_points
    group by grouping sets (
        (instrument_id, dimension_code),
        (instrument_id, dimension_code, region_id),
        (instrument_id, dimension_code, store_id)
    )
    order by level, instrument_id, region_id, store_id, dimension_code
)

select * from final
