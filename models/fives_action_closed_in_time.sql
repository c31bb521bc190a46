-- Whether a corrective action was closed in time: verified (the loop closes at Check, not when the work is
-- submitted) on or before its due date, the day of verified_at taken in the reporting time zone.
-- Parameters: verified_at (UTC, null: not closed), due_on, report_tz (README, Days and weeks).
-- Grain: a scalar macro, one boolean per action (false when not verified).
create or replace macro fives_action_closed_in_time(verified_at, due_on, report_tz) as
    coalesce(timezone(report_tz, timezone('UTC', verified_at))::date <= due_on, false);
