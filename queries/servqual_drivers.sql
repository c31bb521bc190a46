-- Drivers: how strongly each dimension's perception moves with overall satisfaction.
-- Parameters: scope, $start_on/$end_on, $region_ids, $store_ids, $channels.
-- Grain: one row per instrument x dimension. Per respondent the dimension's perception is the mean of the
-- items they answered; correlation (Pearson r) and least-squares slope of overall (1-5) on it, over the
-- respondents with both; responses_n is that count.
-- result: small (a row per instrument x dimension, read by frames.small_frame: portal.db.run_query)
with
-- the responses in scope and selection: the table macro selected_survey_responses (models/), shared by
-- every satisfaction and SERVQUAL query
responses as (
    select r.response_id, r.instrument_id, r.overall_satisfaction
    from selected_survey_responses(scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)  -- the macro filters too
      and r.instrument_id is not null
      and r.overall_satisfaction is not null
),

respondent_perception as (
    select r.response_id, r.instrument_id, i.dimension_code, r.overall_satisfaction,
           avg(a.perception) as mean_perception
    from servqual_answers as a
    join responses as r on r.response_id = a.response_id
    join instrument_items as i on i.instrument_id = r.instrument_id and i.item_no = a.item_no
    where a.perception is not null
    group by r.response_id, r.instrument_id, i.dimension_code, r.overall_satisfaction
),

final as (
    select
        p.instrument_id,
        p.dimension_code,
        d.position as dimension_position,
        d.name_en as dimension_name_en,
        d.name_zh as dimension_name_zh,
        corr(p.overall_satisfaction, p.mean_perception) as correlation,
        regr_slope(p.overall_satisfaction, p.mean_perception) as slope,
        count(*) as responses_n
    from respondent_perception as p
    join instrument_dimensions as d on d.instrument_id = p.instrument_id and d.dimension_code = p.dimension_code
    group by p.instrument_id, p.dimension_code, d.position, d.name_en, d.name_zh
    order by p.instrument_id, d.position
)

select * from final
