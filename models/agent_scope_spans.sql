-- The days on which an agent's rows are inside the caller's scope, as spans of dates: the rule for the rows of a
-- scorecard period (models/agent_period_metrics.sql: complaints by their received or resolution day, QA reviews by
-- reviewed_on) and for which agents' cards of a period a manager sees (queries/scorecard_agent_periods.sql,
-- scorecard_team_members.sql, scorecard_qa_reviews.sql), written once.
-- For a manager scoped to regions or stores: the days the agent's home store then (agent_team_spans) was in her
--   stores, by the region it had then (store_region_spans, store_region_on), as agent_in_scope places a row of one
--   date (SPEC §2: a store that changes region keeps its past figures under the old region): in the month a home
--   store moves region, the old region's manager holds the days before the move, the new region's the days from it.
-- For every other scope (the whole chain, a team lead, an agent): every day; a lead's and an agent's cards are
--   placed by the card's team (agent_in_scope's team part on the period's last day), not by day.
-- Parameters: the caller's scope (as agent_in_scope); report_tz (the reporting zone: from_at / to_at).
-- Grain: one row per agent x span inside the scope; an agent's spans are disjoint; none for an agent never in it.
--   valid_from (inclusive) and valid_to (exclusive): dates, '-infinity' / 'infinity' where open; from_at, to_at:
--   the same days' local midnights in report_tz as UTC instants, to place a stamp without converting it.
-- depends on: agent_team_spans, store_region_spans, store_region_on, in_store_scope
create or replace macro agent_scope_spans(
    scope_all_stores, scope_store_ids, scope_region_ids, scope_all_agents, scope_team_id, scope_agent_id,
    report_tz := 'UTC'
) as table
with
pieces as (
    -- each span of the agent's team and home store, cut where the home store's region changed
    select
        t.agent_id,
        t.home_store_id,
        greatest(t.valid_from, coalesce(r.valid_from, t.valid_from)) as valid_from,
        least(t.valid_to, coalesce(r.valid_to, t.valid_to)) as valid_to
    from agent_team_spans() as t
    left join store_region_spans() as r
        on r.store_id = t.home_store_id and r.valid_from < t.valid_to and t.valid_from < r.valid_to
),

final as (
    select
        p.agent_id,
        p.valid_from,
        p.valid_to,
        case when p.valid_from = date '-infinity' then timestamp '-infinity'
            else timezone('UTC', timezone(report_tz, p.valid_from::timestamp)) end as from_at,
        case when p.valid_to = date 'infinity' then timestamp 'infinity'
            else timezone('UTC', timezone(report_tz, p.valid_to::timestamp)) end as to_at
    from pieces as p
    -- agent_in_scope's store part: a manager's stores, by the home store's region on the piece's first day
    where scope_agent_id is not null
       or (scope_team_id is not null and not scope_all_agents)
       or coalesce(
           in_store_scope(
               scope_all_stores, scope_store_ids, scope_region_ids, p.home_store_id,
               store_region_on(p.home_store_id, p.valid_from)
           ),
           false
       )
)

select * from final
