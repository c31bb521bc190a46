-- Overview chain chart: per store, its 5S mean overall % beside its complaint rate and satisfaction index.
-- Parameters: scope; the window ($start_on, $end_on: dates inclusive; $start_at, $end_at: the same days as UTC
--   timestamps of the reporting zone's midnights, end exclusive); $weeks (how many weeks the window holds).
-- Grain: one row per store in scope with at least one scored 5S inspection in the window.
-- fives_pct: mean overall % of the store's scored inspections (fives_n of them); complaints_n: complaints
-- received in the window (cancelled ones too, as the volume tile counts them); complaints_per_week:
-- complaints_n / $weeks (complaints per store-week); index_points: mean satisfaction index of the store's
-- responses with an overall answer (responses_n of them; null when none).
with
inspections as (
    select s.store_id, s.overall_pct
    from fives_inspection_scores(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := [], store_ids := []
    ) as s
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)  -- the macro filters too
      and s.overall_pct is not null
),

fives as (
    select store_id, avg(overall_pct) as fives_pct, count(*) as fives_n
    from inspections
    group by store_id
),

complaint_counts as (
    select c.store_id, count(*) as complaints_n
    from complaints as c
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, c.store_id, c.region_id)
      and c.received_at >= $start_at and c.received_at < $end_at
    group by c.store_id
),

satisfaction as (
    select r.store_id, avg(r.index_points) as index_points, count(r.index_points) as responses_n
    from selected_survey_responses(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_on := $start_on, end_on := $end_on, region_ids := [], store_ids := [], channels := []
    ) as r
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, r.store_id, r.region_id)  -- the macro filters too
    group by r.store_id
),

final as (
    select
        f.store_id,
        st.store_code,
        store_label(st.name, st.name_zh, $lang) as store_name,
        st.region_id,
        f.fives_pct,
        f.fives_n,
        coalesce(c.complaints_n, 0) as complaints_n,
        coalesce(c.complaints_n, 0) / $weeks::double as complaints_per_week,
        s.index_points,
        coalesce(s.responses_n, 0) as responses_n
    from fives as f
    join stores_now as st on st.store_id = f.store_id
    left join complaint_counts as c on c.store_id = f.store_id
    left join satisfaction as s on s.store_id = f.store_id
)

select * from final
order by store_code
