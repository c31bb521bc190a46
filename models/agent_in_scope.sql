-- The rule for rows about an agent (QA reviews, disputes, sign-offs, scorecards), written once: is this agent
-- inside the caller's scope?
-- Parameters: the caller's scope (scope_all_stores, scope_store_ids, scope_region_ids, scope_all_agents,
--   scope_team_id, scope_agent_id, as portal/scope.py binds them); row_team_id, row_agent_id, row_home_store_id
--   (the agent's team, id and home store on the row's date: agent_team_spans, as a move leaves what came before it
--   with the old team and home store; the agent's now for a row about the agent as it is, e.g. a picker); row_on
--   (that date, on which the home store is placed in its region: store_region_on; null: the store's region now).
-- The row's date, by kind of row (each the date its team and home store are read on):
--   a QA review, its dispute, and a stored review an upload would overwrite: reviewed_on (a file row without a
--     readable date: null, the agent now);
--   a scorecard period (the sign-off check before a write): the period's last day, the day the card takes the
--     agent's team on (the period under way: a day to come, the region now); its card, team standing, reviews and
--     stored sign-offs take this rule's team part on that day and its store part day by day
--     (models/agent_scope_spans.sql: a manager's card of the month a home store moved region rests on the rows of
--     her days, and she reads its sign-off);
--   a span of days (the QA reviews agent filter, an upload's "held once"): each piece of the span over which the home
--     store kept one region (store_region_spans), on its first day;
--   the agent as it is (a picker, Data status's agents, a lead's agent now, a caption's agent): null, now.
-- Grain: a scalar macro, one boolean per row, never null (false: a row that cannot be placed is outside, so a
--   check written as "not agent_in_scope(...)" refuses it).
-- An agent sees their own rows, a team lead their team's (in_agent_scope); a manager, whose role reaches every
-- agent (scope_all_agents), sees the agents whose home store is in their stores (in_store_scope; the home store is
-- placed by the region it had on the row's date, as a complaint, a survey or an inspection of that store and date is
-- stamped: SPEC §2, a store that changes region keeps its past figures under the old region): a regional manager
-- not another region's agents, a whole-chain manager all. Complaint queries keep in_agent_scope alone: their rows
-- are already restricted to the caller's stores.
-- depends on: in_agent_scope, in_store_scope, store_region_on
create or replace macro agent_in_scope(
    scope_all_stores, scope_store_ids, scope_region_ids, scope_all_agents, scope_team_id, scope_agent_id,
    row_team_id, row_agent_id, row_home_store_id, row_on
) as
    coalesce(
        in_agent_scope(scope_all_agents, scope_team_id, scope_agent_id, row_team_id, row_agent_id)
        and (
            scope_agent_id is not null
            or (scope_team_id is not null and not scope_all_agents)
            or in_store_scope(
                scope_all_stores, scope_store_ids, scope_region_ids, row_home_store_id,
                store_region_on(row_home_store_id, row_on)
            )
        ),
        false
    );
