-- Stored survey responses whose answers a re-import would change or fill in (read by the check, before any commit).
-- survey_check_answers (registered by portal.ingest.surveys): row_no, response_id, overall_satisfaction,
-- recommend_score, comment of the file's valid rows; survey_check_items (row_no, item_no, expectation,
-- perception) and survey_check_points (row_no, dimension_code, points): their SERVQUAL block in long form.
-- $has_recommend / $has_comment: the file carries the field (one it does not carry keeps its stored value; the
-- overall satisfaction is always the file's, as the commit writes it); $has_block: the file has a SERVQUAL block,
-- which the commit writes in place of the stored one.
-- An answer changes when the stored response has one and the file gives another or none (the commit would
-- replace or blank it); it is filled in when the stored response has none and the file gives one (a column the
-- earlier file did not map, a comment added since): nothing stored is lost. Compared answer by answer (each
-- item's E and P, each dimension's importance points).
-- Grain: one row per file row that changes or fills in a stored response's answers, in file order:
-- row_no, response_id, is_changed, is_filled.
with
file_stored as (
    select k.*, r.response_id as stored_id, r.overall_satisfaction as stored_overall,
           r.recommend_score as stored_recommend, r.comment as stored_comment
    from survey_check_answers as k
    join survey_responses as r on r.source_response_id = k.response_id
),

old_items as (
    select f.row_no, a.item_no, a.expectation, a.perception
    from file_stored as f
    join servqual_answers as a on a.response_id = f.stored_id
    where $has_block
),

new_items as (
    select i.row_no, i.item_no, i.expectation, i.perception
    from survey_check_items as i
    where $has_block and i.row_no in (select row_no from file_stored)
),

item_diff as (
    select
        coalesce(o.row_no, n.row_no) as row_no,
        bool_or((o.expectation is not null and o.expectation is distinct from n.expectation)
                or (o.perception is not null and o.perception is distinct from n.perception)) as is_changed,
        bool_or((o.expectation is null and n.expectation is not null)
                or (o.perception is null and n.perception is not null)) as is_filled
    from old_items as o
    full join new_items as n on n.row_no = o.row_no and n.item_no = o.item_no
    group by coalesce(o.row_no, n.row_no)
),

old_points as (
    select f.row_no, p.dimension_code, p.points
    from file_stored as f
    join servqual_importance as p on p.response_id = f.stored_id
    where $has_block
),

new_points as (
    select p.row_no, p.dimension_code, p.points
    from survey_check_points as p
    where $has_block and p.row_no in (select row_no from file_stored)
),

point_diff as (
    select
        coalesce(o.row_no, n.row_no) as row_no,
        bool_or(o.points is not null and o.points is distinct from n.points) as is_changed,
        bool_or(o.points is null and n.points is not null) as is_filled
    from old_points as o
    full join new_points as n on n.row_no = o.row_no and n.dimension_code = o.dimension_code
    group by coalesce(o.row_no, n.row_no)
),

final as (
    select
        f.row_no,
        f.response_id,
        (f.stored_overall is not null and f.overall_satisfaction is distinct from f.stored_overall)
        or ($has_recommend and f.stored_recommend is not null and f.recommend_score is distinct from f.stored_recommend)
        or ($has_comment and f.stored_comment is not null and f.comment is distinct from f.stored_comment)
        or coalesce(i.is_changed, false) or coalesce(p.is_changed, false) as is_changed,
        (f.stored_overall is null and f.overall_satisfaction is not null)
        or ($has_recommend and f.stored_recommend is null and f.recommend_score is not null)
        or ($has_comment and f.stored_comment is null and f.comment is not null)
        or coalesce(i.is_filled, false) or coalesce(p.is_filled, false) as is_filled
    from file_stored as f
    left join item_diff as i on i.row_no = f.row_no
    left join point_diff as p on p.row_no = f.row_no
)

select * from final
where is_changed or is_filled
order by row_no
