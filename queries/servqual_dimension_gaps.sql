-- SERVQUAL gap per instrument dimension, for the whole selection, per region and per store.
-- Parameters: scope, $start_on/$end_on, $region_ids, $store_ids, $channels.
-- Grain: one row per level ('all' | 'region' | 'store') x instrument x dimension (x region or store), plus
-- per level x instrument (x region or store) a total row (dimension_code null) whose responses_n counts the
-- respondents with at least one answered item (its means are null: a total is not a dimension gap).
-- Every dimension of an instrument in use has its 'all' row, answered or not.
-- Only answers with both an expectation and a perception count (a blank is missing, never zero), so that
-- gap = mean_perception - mean_expectation = the mean of (P - E) over the dimension's items and respondents.
-- region_id is the region the store had when the response was given.
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

answers as (
    select r.response_id, r.instrument_id, r.store_id, r.region_id, i.dimension_code,
           a.expectation, a.perception
    from servqual_answers as a
    join responses as r on r.response_id = a.response_id
    join instrument_items as i on i.instrument_id = r.instrument_id and i.item_no = a.item_no
    where a.expectation is not null and a.perception is not null
),

-- one row per response x dimension: sums, so that every mean below is exact (sum of P - sum of E) / answers
per_response as (
    select response_id, instrument_id, store_id, region_id, dimension_code,
           sum(expectation) as expectation_sum, sum(perception) as perception_sum, count(*) as answers_n
    from answers
    group by response_id, instrument_id, store_id, region_id, dimension_code
),

grouped_dimensions as (
    select
        case when grouping(store_id) = 0 then 'store'
             when grouping(region_id) = 0 then 'region'
             else 'all' end as level,
        false as is_total,
        instrument_id,
        dimension_code,
        region_id,
        store_id,
        sum(expectation_sum) / sum(answers_n) as mean_expectation,
        sum(perception_sum) / sum(answers_n) as mean_perception,
        (sum(perception_sum) - sum(expectation_sum)) / sum(answers_n) as gap,
        sum(answers_n) as answers_n,
        count(*) as responses_n
    from per_response
    group by grouping sets (
        (instrument_id, dimension_code),
        (instrument_id, dimension_code, region_id),
        (instrument_id, dimension_code, store_id)
    )
),

-- the respondents with at least one answered item, per instrument (and region or store)
respondents as (
    select response_id, instrument_id, store_id, region_id, sum(answers_n) as answers_n
    from per_response
    group by response_id, instrument_id, store_id, region_id
),

grouped_totals as (
    select
        case when grouping(store_id) = 0 then 'store'
             when grouping(region_id) = 0 then 'region'
             else 'all' end as level,
        true as is_total,
        instrument_id,
        null::varchar as dimension_code,
        region_id,
        store_id,
        null::double as mean_expectation,
        null::double as mean_perception,
        null::double as gap,
        sum(answers_n) as answers_n,
        count(*) as responses_n
    from respondents
    group by grouping sets ((instrument_id), (instrument_id, region_id), (instrument_id, store_id))
),

grouped as (
    select * from grouped_dimensions
    union all by name
    select * from grouped_totals
),

-- a dimension of an instrument in use that no one answered still gets its 'all' row (gap null, n 0)
unanswered_dimensions as (
    select 'all' as level, false as is_total, d.instrument_id, d.dimension_code,
           null::integer as region_id, null::integer as store_id,
           null::double as mean_expectation, null::double as mean_perception, null::double as gap,
           0::bigint as answers_n, 0::bigint as responses_n
    from instrument_dimensions as d
    where d.instrument_id in (select instrument_id from grouped)
      and not exists (
          select 1 from grouped as g
          where g.level = 'all' and g.instrument_id = d.instrument_id and g.dimension_code = d.dimension_code
      )
),

all_rows as (
    select * from grouped
    union all by name
    select * from unanswered_dimensions
),

final as (
    select
        g.level,
        g.is_total,
        g.instrument_id,
        si.instrument_code,
        si.version as instrument_version,
        si.name_en as instrument_name_en,
        si.name_zh as instrument_name_zh,
        si.is_default as instrument_is_default,
        g.dimension_code,
        d.position as dimension_position,
        d.name_en as dimension_name_en,
        d.name_zh as dimension_name_zh,
        d.default_weight,
        g.region_id,
        rg.region_code,
        rg.name_en as region_name_en,
        rg.name_zh as region_name_zh,
        g.store_id,
        s.store_code,
        store_label(s.name, s.name_zh, $lang) as store_name,
        g.mean_expectation,
        g.mean_perception,
        g.gap,
        g.answers_n,
        g.responses_n
    from all_rows as g
    join survey_instruments as si on si.instrument_id = g.instrument_id
    left join instrument_dimensions as d
        on d.instrument_id = g.instrument_id and d.dimension_code = g.dimension_code
    left join regions as rg on rg.region_id = g.region_id
    left join stores as s on s.store_id = g.store_id
    -- a level's dimension rows together, its total rows after them: the page picks each block as a slice
    -- (tests/test_satisfaction_servqual_groups.py holds this order)
    order by g.level, g.is_total, si.is_default desc, si.instrument_code, si.version, s.store_code, rg.region_code, d.position nulls first
)

select * from final
