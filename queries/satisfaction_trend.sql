-- Satisfaction trend: index, CSAT and NPS building blocks per week or month of the period.
-- Parameters: scope, $start_on/$end_on, $region_ids, $store_ids, $channels, $grain ('week' | 'month',
-- checked against an allow-list by the caller). Grain: one row per week (ISO, from Monday) or month with responses.
-- result: small (a row per week or month, read by frames.small_frame: portal.db.run_query)
with
-- the responses in scope and selection: the table macro selected_survey_responses (models/), shared by
-- every satisfaction and SERVQUAL query
responses as (
    select
        date_trunc($grain, r.responded_on)::date as period_start,
        r.index_points,
        r.overall_satisfaction,
        r.recommend_score
    from selected_survey_responses(scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)  -- the macro filters too
),

final as (
    select
        period_start,
        -- the index, CSAT and NPS blocks: the aggregate macro satisfaction_blocks (models/)
        unnest(satisfaction_blocks(index_points, overall_satisfaction, recommend_score))
    from responses
    group by period_start
    order by period_start
)

select * from final
