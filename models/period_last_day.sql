-- The last day of a scorecard period, written once: the day whose team a sign-off of the period counts the agent
-- under (agent_team_spans), as the scorecards do (queries/scorecard_agent_periods.sql: the period's last day).
-- Parameters: period_grain ('week', 'month', 'quarter': vocab.SCORECARD_GRAINS), period_start (the period's first
--   day, a date).
-- Grain: a scalar macro, one date per row; null for another grain.
create or replace macro period_last_day(period_grain, period_start) as
    case period_grain
        when 'week' then cast(period_start as date) + 6
        when 'month' then cast(cast(period_start as date) + interval 1 month as date) - 1
        when 'quarter' then cast(cast(period_start as date) + interval 3 month as date) - 1
    end;
