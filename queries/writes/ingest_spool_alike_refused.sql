-- At the end of an id-less complaint export read in chunks: the keys whose rows the whole file refuses as alike but
-- unmatched (stored complaints alike, and another number of the file's rows: complaints_derived_ids.sql), and
-- whether some chunk decided otherwise on its rows so far (then the chunks are read again with this decision).
-- Rows alike are counted by their key (alike_id: the cells as stored), each spelling of it by its own numbers.
-- Grain: one row per key refused or decided otherwise (source, alike_id, is_refused, is_decided_otherwise).
with
by_spelling as (
    select
        e.source,
        e.alike_id,
        max(e.ordinal) as n,
        max(e.stored_n) as stored_n,
        bool_or(e.is_alike_unmatched) as any_refused,
        bool_and(e.is_alike_unmatched) as all_refused
    from complaint_derived_earlier as e
    where e.alike_id is not null
    group by e.source, e.alike_id, e.key_id
),

by_key as (
    select
        s.source,
        s.alike_id,
        max(s.stored_n) > 0 and sum(s.n) <> max(s.stored_n) as is_refused,
        bool_or(s.any_refused) as any_refused,
        bool_and(s.all_refused) as all_refused
    from by_spelling as s
    group by s.source, s.alike_id
),

final as (
    select
        k.source,
        k.alike_id,
        k.is_refused,
        k.any_refused <> k.is_refused or k.all_refused <> k.is_refused as is_decided_otherwise
    from by_key as k
)

select * from final where is_refused or is_decided_otherwise
