-- Complaint import check: the id of each row of a file without an id column (portal.ingest.complaints.derived_ids).
-- A row's own id rests on the cells that do not change while a complaint is handled: 'h-' and 16 hex digits of the
-- SHA-256 of its received time (UTC, to the second) and, where the file maps them, its store, its store's Chinese
-- name, its channel and its category as the file writes them; the k-th row of the file with the same cells gets
-- '-k' after it (a row whose every mapped cell repeats an earlier row's, legacy_text, is a repeat of that row: it
-- gets the same id, and the import's duplicate check refuses it). A file read in chunks numbers on across them:
-- complaint_derived_earlier holds the earlier chunks' rows (empty for a file read whole; ingest_spool_derived_create).
-- A complaint already stored keeps its id: the
-- row's own id when stored; else the id its whole row gave before (legacy_text: every mapped cell, status and
-- stamps included); else a stored complaint of the source with a derived id and the row's received time, store,
-- channel and category (the k-th such row of the file the k-th such complaint): a later export of a complaint
-- stored under the earlier id, its status or stamps changed since.
-- Complaints alike (issue: review of 802d10a): where stored complaints with derived ids share a row's received time,
-- store, channel and category and the file lists another number of such rows (one of two alike complaints left out
-- of a later "open complaints" export), the rows cannot be matched one to one: by file order the row would take
-- another complaint's id and overwrite it. Such rows are said (is_alike_unmatched) and refused; with nothing stored
-- under the key they are numbered as above. A file read in chunks counts its rows alike over the chunks so far; a
-- second pass has the whole file's decision ($alike_decided: the keys in complaint_alike_refused).
-- The stored complaints' channel and category (written with one space, none between Chinese characters) are compared
-- with the row's cleaned alike (channel_clean, category_clean); the ids rest on the cells as the file writes them
-- (channel_raw, category_raw), as before, so that no stored id changes. A complaint stored before 3923533 keeps the
-- file's own spacing (no migration cleaned it): a stored cell as one of the file's rows writes it is that row's
-- cleaned cell (spellings; review of f06fb2d). Rows alike are counted by their cleaned cells (alike_id), however
-- each spells them: two complaints stored alike, written 配送　超时 and 配送超时, are two rows alike of the file.
-- Parameters: has_store, has_store_name, has_channel, has_category, alike_decided.
-- Grain: one row per file row (complaint_derived_keys: row_no, source, received_at, received_text, store_code,
-- store_name_zh, channel_raw, category_raw, channel_clean, category_clean, legacy_text), in row_no order: its
-- source_id, and for the chunk's spool its key_id, legacy_id, ordinal, is_new (the first of its repeats, not in an
-- earlier chunk), stored_n (the stored complaints alike), is_alike_unmatched and alike_id.
with
keyed as (
    select
        k.*,
        concat_ws(
            chr(31),
            'received_at=' || coalesce(strftime(k.received_at, '%Y-%m-%d %H:%M:%S'), k.received_text, ''),
            case when $has_store then 'store_code=' || coalesce(k.store_code, '') end,
            case when $has_store_name then 'store_name_zh=' || coalesce(k.store_name_zh, '') end,
            case when $has_channel then 'channel=' || coalesce(k.channel_raw, '') end,
            case when $has_category then 'category=' || coalesce(k.category_raw, '') end
        ) as key_text,
        'h-' || left(sha256(k.legacy_text), 16) as legacy_id,
        min(k.row_no) over (partition by k.source, k.legacy_text) as first_row,
        case when $has_store then k.store_code end as store_key,
        case when $has_channel then k.channel_clean end as channel_key,
        case when $has_category then k.category_clean end as category_key
    from complaint_derived_keys as k
),

alike_keyed as (
    -- the key of the rows alike: the received time and the store, channel and category as stored (one within an import)
    select
        k.*,
        case when k.received_at is not null then hash(k.received_at, k.store_key, k.channel_key, k.category_key) end
            as alike_id
    from keyed as k
),

earlier_count as (
    select e.source, e.key_id, max(e.ordinal) as n
    from complaint_derived_earlier as e
    group by e.source, e.key_id
),

own as (
    select
        k.*,
        'h-' || left(sha256(k.key_text), 16) as base_id,
        e.ordinal as earlier_ordinal
    from alike_keyed as k
    left join complaint_derived_earlier as e on e.source = k.source and e.legacy_id = k.legacy_id
),

numbered_own as (
    -- a repeat of an earlier chunk's row keeps its number; a new one numbers on after the earlier chunks' alike
    select
        o.* exclude (earlier_ordinal),
        coalesce(
            o.earlier_ordinal,
            coalesce(ec.n, 0) + dense_rank() over (
                partition by o.source, o.key_text, o.earlier_ordinal is null order by o.first_row
            )
        ) as ordinal,
        o.earlier_ordinal is null and o.row_no = o.first_row as is_new
    from own as o
    left join earlier_count as ec on ec.source = o.source and ec.key_id = o.base_id
),

by_id as (
    select
        o.*,
        case when o.ordinal = 1 then o.base_id else o.base_id || '-' || o.ordinal end as own_id
    from numbered_own as o
),

spellings as (
    -- the file's channels and categories spelt otherwise than cleaned: a stored cell so spelt (stored before
    -- 3923533) is the cleaned one
    select distinct 'channel' as field, b.channel_raw as spelt, b.channel_key as cleaned
    from by_id as b
    where $has_channel and b.channel_raw <> b.channel_key
    union all
    select distinct 'category' as field, b.category_raw as spelt, b.category_key as cleaned
    from by_id as b
    where $has_category and b.category_raw <> b.category_key
),

alike_stored as (
    -- per key: the stored complaints of the source with a derived id and the key's lasting cells
    select g.source, g.alike_id, count(*) as stored_n
    from (
        select distinct b.source, b.alike_id, b.received_at, b.store_key, b.channel_key, b.category_key
        from by_id as b
        where b.received_at is not null
    ) as g
    join complaints as c on c.source = g.source and c.received_at = g.received_at and c.source_id like 'h-%'
    left join stores as st on st.store_id = c.store_id
    left join spellings as ch on ch.field = 'channel' and ch.spelt = c.channel_raw
    left join spellings as ca on ca.field = 'category' and ca.spelt = c.category_raw
    where (case when $has_store then st.store_code end) is not distinct from g.store_key
        and (case when $has_channel then coalesce(ch.cleaned, c.channel_raw) end) is not distinct from g.channel_key
        and (case when $has_category then coalesce(ca.cleaned, c.category_raw) end) is not distinct from g.category_key
    group by g.source, g.alike_id
),

alike_in_file as (
    -- per key with stored complaints: the file's distinct rows alike so far (in chunks), each spelling's own numbers
    select f.source, f.alike_id, sum(f.n) as file_n
    from (
        select r.source, r.alike_id, r.key_id, max(r.ordinal) as n
        from (
            select b.source, b.alike_id, b.base_id as key_id, b.ordinal from by_id as b
            union all
            select e.source, e.alike_id, e.key_id, e.ordinal from complaint_derived_earlier as e
        ) as r
        where exists (select 1 from alike_stored as s where s.source = r.source and s.alike_id = r.alike_id)
        group by r.source, r.alike_id, r.key_id
    ) as f
    group by f.source, f.alike_id
),

alike as (
    -- per key with stored complaints: the file's rows alike (so far, in chunks) against those stored
    select
        s.source,
        s.alike_id,
        s.stored_n,
        case
            when $alike_decided then exists (
                select 1 from complaint_alike_refused as r where r.source = s.source and r.alike_id = s.alike_id
            )
            else f.file_n <> s.stored_n
        end as is_alike_unmatched
    from alike_stored as s
    join alike_in_file as f on f.source = s.source and f.alike_id = s.alike_id
),

stored as (
    select
        b.row_no,
        case
            when exists (select 1 from complaints as c where c.source = b.source and c.source_id = b.own_id)
                then b.own_id
            when exists (select 1 from complaints as c where c.source = b.source and c.source_id = b.legacy_id)
                then b.legacy_id
        end as stored_id
    from by_id as b
),

open_rows as (
    select
        b.*,
        row_number() over (
            partition by b.source, b.received_at, b.store_key, b.channel_key, b.category_key order by b.row_no
        ) as n
    from by_id as b
    join stored as s on s.row_no = b.row_no
    left join alike as a on a.source = b.source and a.alike_id = b.alike_id
    where s.stored_id is null and b.received_at is not null and b.row_no = b.first_row
        and not coalesce(a.is_alike_unmatched, false)  -- refused: never given a stored complaint's id
),

candidates as (
    select
        c.source,
        c.source_id,
        c.received_at,
        case when $has_store then st.store_code end as store_key,
        case when $has_channel then coalesce(ch.cleaned, c.channel_raw) end as channel_key,
        case when $has_category then coalesce(ca.cleaned, c.category_raw) end as category_key,
        c.complaint_id
    from complaints as c
    left join stores as st on st.store_id = c.store_id
    left join spellings as ch on ch.field = 'channel' and ch.spelt = c.channel_raw
    left join spellings as ca on ca.field = 'category' and ca.spelt = c.category_raw
    where c.source_id like 'h-%'
        and exists (
            select 1 from open_rows as o where o.source = c.source and o.received_at = c.received_at
        )
        and not exists (
            select 1 from stored as s where s.stored_id = c.source_id
        )
),

numbered as (
    select
        c.*,
        row_number() over (
            partition by c.source, c.received_at, c.store_key, c.channel_key, c.category_key order by c.complaint_id
        ) as n
    from candidates as c
),

matched as (
    select o.row_no, m.source_id
    from open_rows as o
    join numbered as m
        on m.source = o.source
        and m.received_at = o.received_at
        and m.store_key is not distinct from o.store_key
        and m.channel_key is not distinct from o.channel_key
        and m.category_key is not distinct from o.category_key
        and m.n = o.n
)

select
    b.row_no,
    coalesce(s.stored_id, m.source_id, b.own_id) as source_id,
    b.source,
    b.base_id as key_id,
    b.legacy_id,
    b.ordinal,
    b.is_new,
    coalesce(a.stored_n, 0) as stored_n,
    coalesce(a.is_alike_unmatched, false) as is_alike_unmatched,
    b.alike_id
from by_id as b
join stored as s on s.row_no = b.row_no
left join matched as m on m.row_no = b.first_row
left join alike as a on a.source = b.source and a.alike_id = b.alike_id
order by b.row_no
