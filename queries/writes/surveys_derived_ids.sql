-- Survey import check: the id of each row of a file without a response-id column (portal.ingest.survey_ids).
-- A row whose date cell carries a time of day gets 'T-' and 20 hex digits of the SHA-256 of its store and that time
-- as the file writes it (written_at: its wall clock, no zone or offset applied, to the second), so that the same
-- file gives the same ids whichever source time zone the upload chooses; the k-th row of the file with both the
-- same gets '-k' after it. A row with a date alone keeps its content id (content_id: 'F-', from its mapped cells,
-- made in Python as before).
-- A response already stored under the row's own id keeps it. Else a stored response of the same store and date
-- whose id is of the earlier content-based kind ('F-' and 20 hex digits, perhaps '-k': ids that rested on the
-- mapped columns, without the submit time) and whose answers the row's agree with is a candidate: the row's
-- overall satisfaction the same, and its recommendation, comment and SERVQUAL answers (where the file carries
-- them) the same or not stored (a column the earlier file did not map; counted in misses). portal.ingest.survey_ids
-- pairs rows and candidates one to one (fewest misses first, then file order), so that a later export of those
-- responses does not store them again.
-- Parameters: has_recommend, has_comment, has_block (the file carries the field / a SERVQUAL block).
-- survey_derived_keys: row_no, store_code, responded_on (date), written_at (the submit time as written, or null),
-- content_id, overall_satisfaction, recommend_score, comment; survey_derived_items: row_no, item_no, expectation,
-- perception.
-- Grain: one row per file row and candidate (a row without a candidate once, source_response_id null), in row_no
-- order: own_id, is_stored (own_id is stored), the candidate's source_response_id and misses.
with
keyed as (
    select
        k.*,
        case when k.written_at is not null then 'T-' || left(sha256(concat_ws(
            chr(31),
            'store_code=' || coalesce(k.store_code, ''),
            'submitted=' || strftime(k.written_at, '%Y-%m-%d %H:%M:%S')
        )), 20) end as time_id,
        row_number() over (
            partition by k.store_code, date_trunc('second', k.written_at) order by k.row_no
        ) as ordinal
    from survey_derived_keys as k
),

own as (
    select
        k.*,
        case
            when k.time_id is null then k.content_id
            when k.ordinal = 1 then k.time_id
            else k.time_id || '-' || k.ordinal
        end as own_id
    from keyed as k
),

stored as (
    select o.*, r.response_id is not null as is_stored
    from own as o
    left join survey_responses as r on r.source_response_id = o.own_id
),

open_rows as (
    select o.*, s.store_id
    from stored as o
    join stores as s on s.store_code = o.store_code
    where not o.is_stored and o.responded_on is not null
),

candidates as (
    select r.response_id, r.source_response_id, r.store_id, r.responded_on, r.overall_satisfaction,
           r.recommend_score, r.comment
    from survey_responses as r
    where regexp_full_match(r.source_response_id, 'F-[0-9a-f]{20}(-[0-9]+)?')
        and exists (
            select 1 from open_rows as o where o.store_id = r.store_id and o.responded_on = r.responded_on
        )
        and r.source_response_id not in (select own_id from own where own_id is not null)
),

new_items as (
    select row_no, string_agg(item_no || ':' || coalesce(expectation::varchar, '') || ':'
                              || coalesce(perception::varchar, ''), ',' order by item_no) as answers
    from survey_derived_items
    where $has_block
    group by row_no
),

old_items as (
    select response_id, string_agg(item_no || ':' || coalesce(expectation::varchar, '') || ':'
                                   || coalesce(perception::varchar, ''), ',' order by item_no) as answers
    from servqual_answers
    where $has_block and response_id in (select response_id from candidates)
    group by response_id
),

pairs as (
    select
        o.row_no,
        c.source_response_id,
        c.response_id,
        (case when $has_recommend and c.recommend_score is null and o.recommend_score is not null then 1 else 0 end)
        + (case when $has_comment and c.comment is null and o.comment is not null then 1 else 0 end)
        + (case when $has_block and oi.answers is null and ni.answers is not null then 1 else 0 end) as misses
    from open_rows as o
    join candidates as c on c.store_id = o.store_id and c.responded_on = o.responded_on
    left join new_items as ni on ni.row_no = o.row_no
    left join old_items as oi on oi.response_id = c.response_id
    where o.overall_satisfaction is not distinct from c.overall_satisfaction
        and (not $has_recommend or c.recommend_score is null
             or o.recommend_score is not distinct from c.recommend_score)
        and (not $has_comment or c.comment is null or o.comment is not distinct from c.comment)
        and (not $has_block or oi.answers is null or ni.answers is not distinct from oi.answers)
)

select s.row_no, s.own_id, s.is_stored, p.source_response_id, p.misses, p.response_id
from stored as s
left join pairs as p on p.row_no = s.row_no
order by s.row_no, p.misses, p.response_id
