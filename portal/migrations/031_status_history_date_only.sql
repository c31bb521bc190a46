-- 031_status_history_date_only: a status recorded at a date-only stamp (SPEC §2: "A date-only stamp is kept as a
-- date-only stamp, not as a precise midnight: it counts on its own date in every reporting zone") says so, as the
-- complaint's own stamps do (*_date_only): the detail panel's history showed its stored midnight as a UTC time, so
-- a reporting zone west of UTC showed the change on the day before. Written by queries/writes/complaints_history_*.
alter table complaint_status_history add column changed_date_only boolean default false;

-- A stored change is at a date-only stamp when it is recorded at its status's stamp (queries/writes/
-- complaints_stage.sql: open at received_at, responded at first_response_at, resolved at resolved_at, closed and
-- cancelled at closed_at) and the complaint holds that stamp as date-only; a change recorded at an import's time
-- is not (a batch's time falls on an exact midnight of that date only by chance).
update complaint_status_history as h
set changed_date_only = true
from complaints as c
where c.complaint_id = h.complaint_id
  and (
      (h.status = 'open' and c.received_date_only and h.changed_at = c.received_at)
      or (h.status = 'responded' and c.first_response_date_only and h.changed_at = c.first_response_at)
      or (h.status = 'resolved' and c.resolved_date_only and h.changed_at = c.resolved_at)
      or (h.status in ('closed', 'cancelled') and c.closed_date_only and h.changed_at = c.closed_at)
  );
