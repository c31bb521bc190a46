-- A complaint's received date, written once: the day its row belongs to, as a survey's response date or an
-- inspection's date does (its region is the store's on that day, store_region_on).
-- Parameters: received_at (stored UTC, naive), received_date_only (a date-only stamp: stored as its date at 00:00,
--   not shifted), report_tz (the reporting time zone).
-- Grain: a scalar macro, one date per row: a precise stamp's date in report_tz, a date-only stamp's own date (it
--   counts on its own date in every zone, SPEC §2); null for a missing stamp.
create or replace macro complaint_received_on(received_at, received_date_only, report_tz) as
    case
        when received_date_only then cast(received_at as date)
        else cast(timezone(report_tz, timezone('UTC', received_at)) as date)
    end;
