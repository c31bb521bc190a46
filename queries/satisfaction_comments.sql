-- The latest survey comments, newest first, with the complaint a post-resolution survey belongs to.
-- Parameters: scope, $start_on/$end_on, $region_ids, $store_ids, $channels, $scores (overall satisfaction
-- values to show; empty = all), $limit. Grain: one row per response with a non-blank comment.
-- A comment is in scope through its response's store; its complaint (id, source id, status) is shown only
-- when that complaint's own store is in scope too (a complaint without a store: chain-wide scopes only).
with
-- the responses in scope and selection: the table macro selected_survey_responses (models/), shared by
-- every satisfaction and SERVQUAL query
responses as (
    select r.response_id, r.source_response_id, r.responded_on, r.store_id, r.channel,
           r.overall_satisfaction, r.recommend_score, r.comment, r.complaint_id
    from selected_survey_responses(scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)  -- the macro filters too
      and nullif(trim(r.comment), '') is not null
      and in_selection($scores, r.overall_satisfaction)
),

final as (
    select
        r.responded_on,
        s.store_code,
        store_label(s.name, s.name_zh, $lang) as store_name,
        r.channel,
        r.overall_satisfaction,
        r.recommend_score,
        r.comment,
        c.complaint_id,
        c.source_id as complaint_source_id,
        c.status as complaint_status,
        r.source_response_id
    from responses as r
    left join stores as s on s.store_id = r.store_id
    left join complaints as c
        on c.complaint_id = r.complaint_id
       and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, c.store_id, c.region_id)
    order by r.responded_on desc, r.response_id desc
    limit $limit
)

select * from final
