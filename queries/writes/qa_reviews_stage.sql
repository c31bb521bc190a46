-- Stage a QA-review import: the file's reviews (qa_review_rows) and criteria (qa_criteria_rows) merged with the
-- stored ones, and whether a stored review or its criteria change. One row per review of the file; reviewer,
-- complaint and comment the file does not carry ($has_*) keep their stored values. An N/A criterion (no score)
-- is part of the form as 'N/A'.
create or replace temp table qa_stage as
with
rows as (
    select r.*, a.agent_id
    from qa_review_rows as r
    left join agents as a on a.agent_code = r.agent_code
),

new_form as (
    select
        review_id,
        string_agg(
            criterion || ':' || coalesce(cast(criterion_score as varchar), 'N/A') || ':' || max_score
            || ':' || weight || ':' || is_critical, ','
            order by criterion
        ) as form
    from qa_criteria_rows
    group by review_id
),

old_form as (
    select
        r.source_id as review_id,
        string_agg(
            c.criterion_code || ':' || coalesce(cast(c.score as varchar), 'N/A') || ':' || c.max_score
            || ':' || c.weight || ':' || c.is_critical, ','
            order by c.criterion_code
        ) as form
    from qa_review_criteria as c
    join qa_reviews as r on r.qa_review_id = c.qa_review_id
    where r.source_id in (select review_id from rows)
    group by r.source_id
),

merged as (
    select
        r.row_no,
        r.review_id as source_id,
        e.qa_review_id as existing_id,
        r.agent_id,
        r.reviewed_on,
        case when $has_reviewer or e.qa_review_id is null then r.reviewer else e.reviewer end as reviewer,
        r.score,
        case when $has_complaint_id or e.qa_review_id is null then r.complaint_id else e.complaint_id end
            as complaint_id,
        case when $has_comment or e.qa_review_id is null then r.comment else e.comment end as comment,
        coalesce(nf.form, '') <> coalesce(old.form, '') as form_changed
    from rows as r
    left join qa_reviews as e on e.source_id = r.review_id
    left join new_form as nf on nf.review_id = r.review_id
    left join old_form as old on old.review_id = r.review_id
)

select
    m.*,
    m.existing_id is not null and (
        m.form_changed
        or row(m.agent_id, m.reviewed_on, m.reviewer, m.score, m.complaint_id, m.comment)
        is distinct from row(e.agent_id, e.reviewed_on, e.reviewer, e.score, e.complaint_id, e.comment)
    ) as is_changed
from merged as m
left join qa_reviews as e on e.qa_review_id = m.existing_id
