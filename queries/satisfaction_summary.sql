-- Satisfaction summary of the period and of the previous period: index, CSAT and NPS building blocks.
-- Parameters: scope, $start_on/$end_on (the period), $previous_start_on/$previous_end_on, $region_ids,
-- $store_ids, $channels. Grain: one row per period ('current', 'previous'), both always present.
-- index_points = (overall - 1) / 4 x 100 per response; the sd is the sample sd (for Welch's t test).
-- covered_from (the same on both rows): the first day of survey responses in the scope and the region and store
-- selection, whatever the period and channel, NULL when there is none (portal.kpi.comparison_of: no change where
-- the data begins after the previous period's first day).
-- result: rows (two rows, read as frames.Rows: portal.db.run_query)
with
periods as (
    select * from (values
        ('current', 1, $start_on::date, $end_on::date),
        ('previous', 2, $previous_start_on::date, $previous_end_on::date)
    ) as p (period, sort_order, first_on, last_on)
),

-- the responses in scope and selection: the table macro selected_survey_responses (models/), shared by
-- every satisfaction and SERVQUAL query
responses as (
    select r.responded_on, r.index_points, r.overall_satisfaction, r.recommend_score
    from selected_survey_responses(scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := least($start_on::date, $previous_start_on::date), end_on := greatest($end_on::date, $previous_end_on::date),
        region_ids := $region_ids, store_ids := $store_ids, channels := $channels) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)  -- the macro filters too
),

covered as (
    select min(responded_on) as covered_from
    from survey_responses
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, store_id, region_id)
      and in_selection($region_ids, region_id)
      and in_selection($store_ids, store_id)
),

final as (
    select
        p.period,
        p.first_on,
        p.last_on,
        count(r.responded_on) as responses,
        count(r.overall_satisfaction) as overall_n,
        avg(r.index_points) as index_points,
        stddev_samp(r.index_points) as index_sd,
        count(*) filter (where r.overall_satisfaction >= 4) as satisfied_n,
        count(r.recommend_score) as recommend_n,
        count(*) filter (where r.recommend_score >= 9) as promoters_n,
        count(*) filter (where r.recommend_score <= 6) as detractors_n,
        (select covered_from from covered) as covered_from
    from periods as p
    left join responses as r on r.responded_on between p.first_on and p.last_on
    group by p.period, p.sort_order, p.first_on, p.last_on
    order by p.sort_order
)

select * from final
