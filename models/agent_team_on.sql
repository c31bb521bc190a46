-- The team an agent belonged to on a date, one value at a time: the rule is models/agent_team_spans.sql's (the
-- history row holding the date, the latest begun where two overlap, else the agent's team now); a query over many
-- rows joins agent_team_spans() instead (one hash join, where this is a subquery per row).
-- Parameters: row_agent_id (the agent), row_date (a local date; null: the agent's team now).
-- Grain: a scalar macro, one team id per row; null: no team then (or no such agent).
-- depends on: agents_now, agent_team_spans
-- The subqueries' aliases are the macro's own (a caller's "a.agent_id" passed in would otherwise name them).
create or replace macro agent_team_on(row_agent_id, row_date) as
    case
        when row_date is null
        then (select team_on_now.team_id from agents_now as team_on_now where team_on_now.agent_id = row_agent_id)
        else (
            select team_on_span.team_id
            from agent_team_spans() as team_on_span
            where team_on_span.agent_id = row_agent_id
              and row_date >= team_on_span.valid_from and row_date < team_on_span.valid_to
        )
    end;
