-- The spans of dates over which a store kept one region, written once: for a row that covers days rather than one
-- date (an agent's span of team and home store, agent_team_spans), cut where its home store's region may change, so
-- that each piece is placed by the region on its first day (store_region_on; agent_in_scope's row_on).
-- Parameters: none (a table macro). Grain: one row per store (every store of stores) x span; a store's spans are
--   disjoint and cover every date: valid_from (inclusive; the first span's is date '-infinity') to valid_to
--   (exclusive; the last span's is date 'infinity'). Which store_region_history rows hold a date changes only on the
--   days they begin and end, so store_region_on gives one region on every day of a span (before the first day: the
--   region of the store's first history row, as store_region_on). A store without history rows has one span.
-- Read it as agent_team_spans: "r.store_id = x.home_store_id and r.valid_from < x.valid_to and x.valid_from <
--   r.valid_to" (the pieces of x), the piece's first day greatest(x.valid_from, r.valid_from).
create or replace macro store_region_spans() as table
with
bounds as (
    -- each store's days its region history rows begin and end on, in order (list_distinct drops nulls)
    select s.store_id, list_sort(list_distinct(list(h.valid_from) || list(h.valid_to))) as days
    from stores as s
    left join store_region_history as h on h.store_id = s.store_id
    group by s.store_id
)

select
    store_id,
    list_prepend(date '-infinity', days)[piece_no] as valid_from,
    coalesce(days[piece_no], date 'infinity') as valid_to
from (select *, unnest(range(1, len(days) + 2)) as piece_no from bounds)
