-- The team and home store an agent had on each date, written once, as spans of dates: the team and home store a QA
-- review (its date), a complaint (its received date), a scorecard period (its last day) and a sign-off count the
-- agent under, so that a move to another team or home store (an upload of agents) leaves what came before it with
-- the old team and the old home store's region (SPEC §2: "History is never overwritten"; a manager reaches an agent
-- by its home store, models/agent_in_scope.sql) and gives the new ones what comes from its day on.
-- The rule: on a date, the agent_team_history row holding it (migrations 027 and 030: valid_from <= date <
--   valid_to; a null valid_from: from the agent's first day; a null valid_to: open), the latest begun where two
--   overlap (a null valid_from the earliest); where no row holds the date (an agent never moved, a date after its
--   last row or in a gap), the agent's team and home store now (agents_now). team_id (home_store_id) null: no team
--   (home store) then.
-- Parameters: none (a table macro). Grain: one row per agent (every agent of agents_now) x span; an agent's spans
--   are disjoint and cover every date: valid_from (inclusive; the first span's is date '-infinity') to valid_to
--   (exclusive; the last span's is date 'infinity'). Read it by joining on agent_id and the date's span,
--   "t.agent_id = x.agent_id and x.day >= t.valid_from and x.day < t.valid_to" (a hash join on agent_id with a
--   range filter: at most one span per row, none for a null date).
-- Built from the days each agent's history rows begin and end on: between two consecutive ones (and before the first,
--   after the last) the rows holding a date are the same, so each such piece takes the team and home store of the
--   rows holding its first day; an agent without history rows has one piece, its team and home store now. (Lists, not a window function over the
--   days: on a few hundred rows a window's setup cost more than the pieces; issue 14.)
-- depends on: agents_now
create or replace macro agent_team_spans() as table
with
bounds as (
    -- each agent's team and home store now and the days its history rows begin and end on, in order
    -- (list_distinct drops nulls)
    select
        a.agent_id,
        a.team_id as team_now,
        a.home_store_id as home_now,
        list_sort(list_distinct(list(h.valid_from) || list(h.valid_to))) as days
    from agents_now as a
    left join agent_team_history as h on h.agent_id = a.agent_id
    group by a.agent_id, a.team_id, a.home_store_id
),

pieces as (
    -- from the open start to the first day, between consecutive days, from the last day on
    select
        agent_id,
        team_now,
        home_now,
        list_prepend(date '-infinity', days)[piece_no] as valid_from,
        coalesce(days[piece_no], date 'infinity') as valid_to
    from (select *, unnest(range(1, len(days) + 2)) as piece_no from bounds)
),

final as (
    -- the history row holding each piece's first day, the latest begun; none: the team and home store now
    select
        p.agent_id,
        case when h.agent_id is not null then h.team_id else p.team_now end as team_id,
        case when h.agent_id is not null then h.home_store_id else p.home_now end as home_store_id,
        p.valid_from,
        p.valid_to
    from pieces as p
    left join agent_team_history as h
        on h.agent_id = p.agent_id
        and (h.valid_from is null or h.valid_from <= p.valid_from)
        and (h.valid_to is null or p.valid_from < h.valid_to)
    qualify row_number() over (partition by p.agent_id, p.valid_from order by h.valid_from desc nulls last) = 1
)

select * from final
