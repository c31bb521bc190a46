-- At the end of an id-less complaint export read in chunks: the keys whose rows the whole file refuses as alike but
-- unmatched (stored complaints alike, and another number of the file's rows: complaints_derived_ids.sql), and
-- whether some chunk decided otherwise on its rows so far (then the chunks are read again with this decision).
-- Grain: one row per key refused or decided otherwise (source, key_id, is_refused, is_decided_otherwise).
with
by_key as (
    select
        e.source,
        e.key_id,
        max(e.stored_n) > 0 and max(e.ordinal) <> max(e.stored_n) as is_refused,
        bool_or(e.is_alike_unmatched) as any_refused,
        bool_and(e.is_alike_unmatched) as all_refused
    from complaint_derived_earlier as e
    group by e.source, e.key_id
),

final as (
    select
        k.source,
        k.key_id,
        k.is_refused,
        k.any_refused <> k.is_refused or k.all_refused <> k.is_refused as is_decided_otherwise
    from by_key as k
)

select * from final where is_refused or is_decided_otherwise
