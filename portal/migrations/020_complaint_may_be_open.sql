-- 020_complaint_may_be_open (issue 14): whether a complaint's stored status may be an open one (not resolved,
-- closed or cancelled), written with the status by every write (import insert and update, undo, demo). Every
-- complaint figure keeps the complaints received before its period that are still open (the backlog's tail); that
-- test read the text status of every older complaint, ~50 ms of CPU a statement on 2.2 million rows, where this
-- flag is read in a few (models/complaint_facts_calendar.sql). Rows written without it (before this migration's
-- backfill, by a restore of a batch snapshotted before it, or by hand) read null, taken as "may be open": their
-- status decides, as before. (DuckDB adds no column with a constraint.)
alter table complaints add column may_be_open boolean default true;
update complaints set may_be_open = status not in ('resolved', 'closed', 'cancelled');
