-- The team an agent belonged to on a date, written once: the team a scorecard period (its last day), a sign-off and
-- the QA reviews behind a card count the agent under, so that a move to another team (an upload of agents) leaves
-- the periods that ended before it with the old team (SPEC §2: "History is never overwritten"), and gives the new
-- team the period under way.
-- Parameters: row_agent_id (the agent), row_date (a local date; null: the agent's team now).
-- Grain: a scalar macro, one team id per row: the agent_team_history row holding the date (migration 027; the latest
--   begun where two overlap; valid_from null: since the agent was created), else the agent's team now (agents_now:
--   an agent never moved, a date after its last row); null: no team then.
-- depends on: agents_now
-- The subqueries' aliases are the macro's own (a caller's "a.agent_id" passed in would otherwise name them).
create or replace macro agent_team_on(row_agent_id, row_date) as
    case
        when exists (
            select 1
            from agent_team_history as team_on_history
            where team_on_history.agent_id = row_agent_id
              and (team_on_history.valid_from is null or team_on_history.valid_from <= row_date)
              and (team_on_history.valid_to is null or row_date < team_on_history.valid_to)
        )
        then (
            select team_on_history.team_id
            from agent_team_history as team_on_history
            where team_on_history.agent_id = row_agent_id
              and (team_on_history.valid_from is null or team_on_history.valid_from <= row_date)
              and (team_on_history.valid_to is null or row_date < team_on_history.valid_to)
            order by team_on_history.valid_from desc nulls last
            limit 1
        )
        else (select team_on_now.team_id from agents_now as team_on_now where team_on_now.agent_id = row_agent_id)
    end;
