-- SERVQUAL gap per instrument item (to find the items with the largest gaps).
-- Parameters: scope, $start_on/$end_on, $region_ids, $store_ids, $channels.
-- Grain: one row per instrument x item with at least one answer holding both E and P.
-- result: small (a row per instrument x item, read by frames.small_frame: portal.db.run_query)
with
-- the responses in scope and selection: the table macro selected_survey_responses (models/), shared by
-- every satisfaction and SERVQUAL query
responses as (
    select r.response_id, r.instrument_id
    from selected_survey_responses(scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)  -- the macro filters too
      and r.instrument_id is not null
),

item_means as (
    select
        r.instrument_id,
        a.item_no,
        avg(a.expectation) as mean_expectation,
        avg(a.perception) as mean_perception,
        avg(a.perception - a.expectation) as gap,
        count(*) as answers_n
    from servqual_answers as a
    join responses as r on r.response_id = a.response_id
    where a.expectation is not null and a.perception is not null
    group by r.instrument_id, a.item_no
),

final as (
    select
        m.instrument_id,
        m.item_no,
        coalesce(i.item_code, m.item_no::varchar) as item_code,  -- the questionnaire's name of the item
        i.dimension_code,
        d.name_en as dimension_name_en,
        d.name_zh as dimension_name_zh,
        i.text_en,
        i.text_zh,
        m.mean_expectation,
        m.mean_perception,
        m.gap,
        m.answers_n
    from item_means as m
    join instrument_items as i on i.instrument_id = m.instrument_id and i.item_no = m.item_no
    join instrument_dimensions as d on d.instrument_id = i.instrument_id and d.dimension_code = i.dimension_code
    order by m.instrument_id, m.gap, m.item_no
)

select * from final
