-- Satisfaction per store: index, CSAT and NPS building blocks of each store in the period (the ranking).
-- Parameters: scope, $start_on/$end_on, $region_ids, $store_ids, $channels, $low_confidence_n (the setting: a store
--   on fewer overall answers is not ranked).
-- Grain: one row per store with at least one response in scope and selection; ``rank`` by index among the stores on
--   at least $low_confidence_n overall answers (1 = best, ties share the better rank; null for the others), the
--   ranked stores first, best first, then the others by index (nulls last), each by store code on a tie
--   (portal.satisfaction.ranking: the order and rank it read with pandas' rank and sort until session 42).
-- result: small (a row per store, read by frames.small_frame: portal.db.run_query)
with
-- the responses in scope and selection: the table macro selected_survey_responses (models/)
responses as (
    select r.store_id, r.index_points, r.overall_satisfaction, r.recommend_score
    from selected_survey_responses(scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)  -- the macro filters too
),

per_store as (
    select
        store_id,
        -- the index, CSAT and NPS blocks: the aggregate macro satisfaction_blocks (models/)
        unnest(satisfaction_blocks(index_points, overall_satisfaction, recommend_score))
    from responses
    group by store_id
),

final as (
    select
        p.store_id,
        s.store_code,
        store_label(s.name, s.name_zh, $lang) as store_name,
        p.* exclude (store_id),
        -- a store with an index on enough answers is ranked among those (the window's partition)
        case when p.overall_n >= $low_confidence_n and p.index_points is not null then
            rank() over (
                partition by p.overall_n >= $low_confidence_n and p.index_points is not null
                order by p.index_points desc
            )
        end as rank
    from per_store as p
    join stores as s on s.store_id = p.store_id
    order by p.overall_n < $low_confidence_n, p.index_points desc nulls last, s.store_code
)

select * from final
