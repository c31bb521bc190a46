-- Whether a corrective action is overdue on a day: not verified and due before that day. The PDCA loop closes at
-- Check (a manager verifies the work), so work submitted and awaiting verification is still open and, past its
-- due date, overdue (it once dropped out of the count on submit: a manager who never verified kept it down).
-- Parameters: status (corrective_actions.status), due_on, today (the reporting zone's day: README, Days and weeks).
-- Grain: a scalar macro, one boolean per action.
create or replace macro fives_action_overdue(status, due_on, today) as status <> 'verified' and due_on < today;
