-- Stored survey responses whose answers a re-import would change (read by the check, before any commit).
-- survey_check_answers (registered by portal.ingest.surveys): row_no, response_id, overall_satisfaction,
-- recommend_score, comment of the file's valid rows; survey_check_items (row_no, item_no, expectation,
-- perception) and survey_check_points (row_no, dimension_code, points): their SERVQUAL block in long form.
-- $has_recommend / $has_comment: the file carries the field (one it does not carry keeps its stored value; the
-- overall satisfaction is always the file's, as the commit writes it); $has_block: the file has a SERVQUAL block,
-- which the commit writes in place of the stored one (compared as surveys_stage.sql compares them).
-- Grain: one row per file row that would change a stored response's answers, in file order.
with
-- the stored responses the file names: only their blocks are read (not every stored answer, at each check)
file_stored as (
    select r.response_id
    from survey_responses as r
    where $has_block and r.source_response_id in (select response_id from survey_check_answers)
),

new_items as (
    select row_no, string_agg(item_no || ':' || coalesce(expectation::varchar, '') || ':'
                              || coalesce(perception::varchar, ''), ',' order by item_no) as answers
    from survey_check_items
    group by row_no
),

old_items as (
    select response_id, string_agg(item_no || ':' || coalesce(expectation::varchar, '') || ':'
                                   || coalesce(perception::varchar, ''), ',' order by item_no) as answers
    from servqual_answers
    where $has_block and response_id in (select response_id from file_stored)
    group by response_id
),

new_points as (
    select row_no, string_agg(dimension_code || ':' || points, ',' order by dimension_code) as points
    from survey_check_points
    group by row_no
),

old_points as (
    select response_id, string_agg(dimension_code || ':' || points, ',' order by dimension_code) as points
    from servqual_importance
    where $has_block and response_id in (select response_id from file_stored)
    group by response_id
)

select k.row_no, k.response_id
from survey_check_answers as k
join survey_responses as r on r.source_response_id = k.response_id
left join new_items as ni on ni.row_no = k.row_no
left join old_items as oi on oi.response_id = r.response_id
left join new_points as np on np.row_no = k.row_no
left join old_points as op on op.response_id = r.response_id
where k.overall_satisfaction is distinct from r.overall_satisfaction
   or ($has_recommend and k.recommend_score is distinct from r.recommend_score)
   or ($has_comment and k.comment is distinct from r.comment)
   or ($has_block and (coalesce(ni.answers, '') <> coalesce(oi.answers, '')
                       or coalesce(np.points, '') <> coalesce(op.points, '')))
order by k.row_no
