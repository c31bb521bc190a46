-- Stage a survey import: the file's responses (survey_rows, survey_answer_rows, survey_importance_rows) merged
-- with the stored ones, the region of the store on the response date, and whether a stored response or its
-- SERVQUAL block changes. One row per valid file row; a field the file does not carry ($has_*) keeps its value.
create or replace temp table survey_stage as
with
rows as (
    select r.*, s.store_id as file_store_id
    from survey_rows as r
    left join stores as s on s.store_code = r.store_code
),

merged as (
    select
        r.row_no,
        r.response_id as source_response_id,
        e.response_id as existing_id,
        case when $has_store or e.response_id is null then r.file_store_id else e.store_id end as store_id,
        -- the store's region on the response date (models/store_region_on.sql: the upload's scope check's too)
        case when $has_store or e.response_id is null
             then store_region_on(r.file_store_id, r.responded_on) else e.region_id end as region_id,
        case when $has_date or e.response_id is null then r.responded_on else e.responded_on end as responded_on,
        case when $has_channel then r.channel else e.channel end as channel,
        r.overall_satisfaction,
        case when $has_recommend then r.recommend_score else e.recommend_score end as recommend_score,
        case when $has_comment then r.comment else e.comment end as comment,
        case when $has_complaint then r.linked_complaint_id else e.complaint_id end as complaint_id,
        case when $has_block then r.instrument_id else e.instrument_id end as instrument_id
    from rows as r
    left join survey_responses as e on e.source_response_id = r.response_id
),

new_answers as (
    select m.existing_id, string_agg(a.item_no || ':' || coalesce(a.expectation::varchar, '') || ':'
                                     || coalesce(a.perception::varchar, ''), ',' order by a.item_no) as answers
    from merged as m
    join survey_answer_rows as a on a.row_no = m.row_no
    where m.existing_id is not null
    group by m.existing_id
),

old_answers as (
    select a.response_id as existing_id,
           string_agg(a.item_no || ':' || coalesce(a.expectation::varchar, '') || ':'
                      || coalesce(a.perception::varchar, ''), ',' order by a.item_no) as answers
    from servqual_answers as a
    where a.response_id in (select existing_id from merged)
    group by a.response_id
),

new_points as (
    select m.existing_id, string_agg(p.dimension_code || ':' || p.points, ',' order by p.dimension_code) as points
    from merged as m
    join survey_importance_rows as p on p.row_no = m.row_no
    where m.existing_id is not null
    group by m.existing_id
),

old_points as (
    select p.response_id as existing_id,
           string_agg(p.dimension_code || ':' || p.points, ',' order by p.dimension_code) as points
    from servqual_importance as p
    where p.response_id in (select existing_id from merged)
    group by p.response_id
),

final as (
    select
        m.*,
        m.existing_id is not null and $has_block and (
            coalesce(na.answers, '') <> coalesce(oa.answers, '') or coalesce(np.points, '') <> coalesce(op.points, '')
        ) as block_changed,
        m.existing_id is not null and row(
            m.store_id, m.region_id, m.responded_on, m.channel, m.overall_satisfaction, m.recommend_score,
            m.comment, m.complaint_id, m.instrument_id
        ) is distinct from row(
            e.store_id, e.region_id, e.responded_on, e.channel, e.overall_satisfaction, e.recommend_score,
            e.comment, e.complaint_id, e.instrument_id
        ) as row_changed
    from merged as m
    left join survey_responses as e on e.response_id = m.existing_id
    left join new_answers as na on na.existing_id = m.existing_id
    left join old_answers as oa on oa.existing_id = m.existing_id
    left join new_points as np on np.existing_id = m.existing_id
    left join old_points as op on op.existing_id = m.existing_id
)

select *, row_changed or block_changed as is_changed from final
