-- The per-complaint facts every complaint figure is counted from, in calendar hours: written once.
-- complaint_facts_calendar(...) is a table macro: one row per complaint a figure of the period can touch (received
-- in the period, resolution stamp in it, or open at as_of), with its flags and durations in calendar hours.
-- complaint_facts (models/complaint_facts.sql) takes these rows and reads their durations on the stores'
-- opening hours when business_hours is on; it has the same parameters and columns. A named query calls
-- complaint_facts(...); db.run_query gives it this macro when business_hours is false (issue 14: DuckDB binds the
-- whole opening-hours machinery of complaint_facts even when it is off, ~35-45 ms a statement).
-- Definitions: the module docstring of portal/complaints/__init__.py.
-- Parameters: the caller's store scope (scope_all_stores, scope_store_ids); the filters (start_at, end_at:
--   timestamps, end exclusive; region_ids, store_ids, channels, categories, severities: lists, empty = all;
--   business_hours); as_of (the backlog and its age: the period's end, or now when earlier); sla_as_of (the
--   moment the response SLA windows are judged at: now, so that a complaint received on a past period's last
--   day whose 24 h ran out after that day still counts; tests pass it); sla_hours; target_high_hours,
--   target_normal_hours, target_low_hours (resolution targets by severity); report_tz (the reporting time
--   zone, default 'UTC': the day a date-only stamp is, see below); received_from (optional, default none: a
--   lower bound on received_at for a caller that lists only complaints received since then, e.g. the
--   complaint list's "received in the period": a plain range the scan can use, with a day's margin).
-- Date-only stamps (issue 9): a stamp stored as a date (``*_date_only``) is that date of the reporting zone: its
--   received_at / first_response_at / resolution_at here are the UTC instant of that date's local midnight in
--   report_tz, so it counts on its own date in every zone. Durations resting on a date-only stamp have no hours
--   (first_response_hours, resolution_hours null; the SLA judged only where the dates decide it) but whole days:
--   first_response_days, resolution_days = local date minus local date (a precise stamp's date in report_tz);
--   null otherwise.
-- Partial data (issue 9): is_status_known (the status came from the file's mapped status, or from stamps of a
--   file that carries resolution or close times): a complaint whose status nobody knows is never backlog;
--   is_reopen_known (a file carried a reopen count, or readable statuses of a complaint first seen open or
--   responded: queries/writes/complaints_stage.sql); the figures count reopen only
--   over complaints with is_reopen_known. Both true for complaints written before migration 014.
-- Output columns added for issue 9 (after the existing ones, which keep their names): first_response_days,
--   resolution_days, is_status_known, is_reopen_known; for issue 10: status (the stored status); for issue 14:
--   category_raw (the source's own category), first_response_at (the first-response stamp, in UTC); migration
--   017: is_first_response_left_out (the file gave a first-response stamp the import left out: answered, in
--   neither part of the SLA); migration 019: is_response_known (the file had a first-response column: a
--   complaint from one without is in neither part of the SLA unless it carries a first-response stamp);
--   is_sla_undecided (an answer on a date-only stamp that its dates cannot judge: see the SLA below).
-- Grain: one row per complaint (complaint_id) in scope and selection that a figure of the period can touch.
-- A macro parameter hides a column of the same name: every column in the body whose name is also a
-- parameter's is qualified (tests/test_complaints_queries.py checks the parameter names against the columns).
-- depends on: in_store_scope, in_selection
create or replace macro complaint_facts_calendar(
    scope_all_stores, scope_store_ids, scope_region_ids,
    start_at, end_at, region_ids, store_ids, channels, categories, severities, business_hours,
    as_of, sla_as_of, sla_hours, target_high_hours, target_normal_hours, target_low_hours, report_tz := 'UTC',
    received_from := timestamp '-infinity'
) as table
with
scoped as (
    -- A date-only stamp becomes the UTC instant its date begins in report_tz (only those rows are converted)
    select
        c.complaint_id, c.store_id, c.region_id, c.agent_id, c.channel, c.category_group, c.severity,
        c.status, c.reopen_count, c.post_resolution_csat, c.category_raw,
        case when c.received_date_only then timezone('UTC', timezone(report_tz, c.received_at))
            else c.received_at end as received_at,
        c.received_date_only,
        case when c.first_response_date_only then timezone('UTC', timezone(report_tz, c.first_response_at))
            else c.first_response_at end as first_response_at,
        c.first_response_date_only,
        case when c.resolved_date_only then timezone('UTC', timezone(report_tz, c.resolved_at))
            else c.resolved_at end as resolved_at,
        c.resolved_date_only,
        case when c.closed_date_only then timezone('UTC', timezone(report_tz, c.closed_at))
            else c.closed_at end as closed_at,
        c.closed_date_only,
        -- the stored stamps, for whole-day durations (a date-only one is its date)
        c.received_at as received_stored, c.first_response_at as first_response_stored,
        c.resolved_at as resolved_stored, c.closed_at as closed_stored,
        coalesce(c.status_known, true) as is_status_known,
        coalesce(c.reopen_known, true) as is_reopen_known,
        coalesce(c.first_response_left_out, false) as is_first_response_left_out,
        coalesce(c.response_known, true) as is_response_known,
        coalesce(c.resolved_left_out, false) as is_resolved_left_out
    from (
        -- The rows a figure of the period can touch, found on the stored columns (a date-only stamp moves by
        -- at most 14 h when read in report_tz, so a day's margin keeps every row the exact test in stamped
        -- keeps) as disjoint parts, each a filter DuckDB evaluates inside the scan: rows are stored in about
        -- received order, so the received_at ranges skip whole row groups by their zone maps (and the
        -- resolution stamps' too), and the wide columns are read for the rows kept only (issue 14: the OR
        -- below, on the converted stamps, was evaluated on every row). Received in the period:
        select cr.* from complaints as cr
        where cr.received_at >= start_at::timestamp - interval 1 day
          and cr.received_at < end_at::timestamp + interval 1 day
          and cr.received_at >= received_from::timestamp - interval 1 day
        -- received before it and resolved since its start, or closed since then (not resolved since), or
        -- neither and still open: a small tail
        union all
        select ct.* from complaints as ct
        where ct.received_at < start_at::timestamp - interval 1 day
          and ct.received_at >= received_from::timestamp - interval 1 day
          and ct.resolved_at >= start_at::timestamp - interval 1 day
        union all
        select ct.* from complaints as ct
        where ct.received_at < start_at::timestamp - interval 1 day
          and ct.received_at >= received_from::timestamp - interval 1 day
          and ct.closed_at >= start_at::timestamp - interval 1 day
          and coalesce(ct.resolved_at, timestamp '-infinity') < start_at::timestamp - interval 1 day
        union all
        select ct.* from complaints as ct
        where ct.received_at < start_at::timestamp - interval 1 day
          and ct.received_at >= received_from::timestamp - interval 1 day
          -- the stored hint first (migration 020: a boolean, null = may be open), the text status on the few
          -- rows it keeps
          and coalesce(ct.may_be_open, true)
          and ct.status not in ('resolved', 'closed', 'cancelled')
          and coalesce(ct.resolved_at, timestamp '-infinity') < start_at::timestamp - interval 1 day
          and coalesce(ct.closed_at, timestamp '-infinity') < start_at::timestamp - interval 1 day
    ) as c
    where in_store_scope(scope_all_stores, scope_store_ids, scope_region_ids, c.store_id, c.region_id)
      and in_selection(region_ids, c.region_id)
      and in_selection(store_ids, c.store_id)
      and in_selection(channels, c.channel)
      and in_selection(categories, c.category_group)
      and in_selection(severities, c.severity)
),

stamped as (
    -- The resolution stamp is the last resolution: resolved_at, or closed_at for a closed complaint
    -- without it. A cancelled complaint has none, whatever dates it carries; nor has one whose resolution stamp
    -- the import left out (migration 032: resolved at a time nobody knows, never replaced by the close time).
    select
        s.*,
        s.status = 'cancelled' as is_cancelled,
        s.status in ('resolved', 'closed') as is_resolved,
        s.is_reopen_known and (s.reopen_count > 0 or s.status = 'reopened') as is_reopened,
        case when s.status <> 'cancelled' and not s.is_resolved_left_out
            then coalesce(s.resolved_at, case when s.status = 'closed' then s.closed_at end)
        end as resolution_at,
        case when s.resolved_at is not null then s.resolved_date_only else s.closed_date_only end
            as resolution_date_only,
        case when s.resolved_at is not null then s.resolved_stored else s.closed_stored end
            as resolution_stored
    from scoped as s
    -- a cheap superset of the rows a figure of the period can touch (facts keeps the exact ones):
    -- received before the period's end, and received in it, still open, or resolved or closed since its start
    where s.received_at < end_at
      and (s.received_at >= start_at
           or s.status not in ('resolved', 'closed', 'cancelled')
           or s.resolved_at >= start_at
           or s.closed_at >= start_at)
),

clocked as (
    -- Calendar hours: an hour clock read at received, first response, resolution and sla_as_of (hours since
    -- the epoch); durations are differences. complaint_facts re-reads these clocks on the stores' opening
    -- hours when business hours are on.
    select
        s.*,
        false as is_business_hours,
        epoch(s.received_at) / 3600.0 as received_clock,
        epoch(s.first_response_at) / 3600.0 as first_response_clock,
        -- an answer resting on a date-only stamp (received or first response): its SLA is judged on the bounds below
        s.first_response_at is not null and (s.received_date_only or s.first_response_date_only)
            as is_answer_on_date,
        -- the hour clock at the end of a date-only received or first-response stamp's day in report_tz (its
        -- next local midnight; a precise stamp: itself): the bounds of a response time resting on a date, read
        -- for such an answer only, the received one also for a complaint received on a date only (null otherwise;
        -- issue 14: read for every row, these and the SLA terms on them below cost the Complaints page's statements
        -- 52-60 ms of CPU at bench scale 10, where no stamp is a date)
        case when s.received_date_only or (s.first_response_at is not null and s.first_response_date_only)
            then epoch(case when s.received_date_only
                then timezone('UTC', timezone(report_tz, s.received_stored + interval 1 day))
                else s.received_at end) / 3600.0
        end as received_end_clock,
        case when s.first_response_at is not null and (s.received_date_only or s.first_response_date_only)
            then epoch(case when s.first_response_date_only
                then timezone('UTC', timezone(report_tz, s.first_response_stored + interval 1 day))
                else s.first_response_at end) / 3600.0
        end as first_response_end_clock,
        epoch(s.resolution_at) / 3600.0 as resolution_clock,
        epoch(sla_as_of::timestamp) / 3600.0 as as_of_clock
    from stamped as s
),

flagged as (
    select
        c.complaint_id,
        c.store_id,
        c.region_id,
        c.agent_id,
        c.channel,
        c.category_group,
        c.severity,
        c.received_at,
        c.resolution_at,
        c.post_resolution_csat,
        c.is_cancelled,
        c.is_resolved,
        c.is_reopened,
        c.is_business_hours,
        c.received_at >= start_at and c.received_at < end_at as is_received_in_period,
        coalesce(c.resolution_at >= start_at and c.resolution_at < end_at, false)
            as is_resolution_in_period,
        c.received_date_only,
        -- answered: a first-response stamp, or one the import left out (migration 017: answered, time unknown)
        c.first_response_at is not null or c.is_first_response_left_out as is_answered,
        c.is_answer_on_date as is_first_response_date_only,
        c.resolution_at is not null and (c.received_date_only or c.resolution_date_only)
            as is_resolution_date_only,
        case when not c.is_cancelled and c.first_response_at is not null
                  and not c.received_date_only and not c.first_response_date_only
            then c.first_response_clock - c.received_clock end as first_response_hours,
        case when c.is_resolved and c.resolution_at is not null
                  and not c.received_date_only and not c.resolution_date_only
            then c.resolution_clock - c.received_clock end as resolution_hours,
        case c.severity when 'high' then target_high_hours when 'low' then target_low_hours
            else target_normal_hours end as resolution_target_hours,
        -- SLA: elapsed = the window has run out by sla_as_of, answered or not (an answer whose time was left out
        -- at import is in neither part: met or missed is unknown). An answer resting on a date-only stamp
        -- (received or first response: is_first_response_date_only) is judged where its dates alone decide it
        -- (SPEC §2: such a duration is given in whole days): met when even the latest answer of its day, counted
        -- from the earliest the complaint can have come, is within the window (for 24 h: answered the day it
        -- came); missed when even the earliest answer of its day, counted from the latest it can have come, is
        -- beyond it (for 24 h: two calendar days or more after); otherwise (the day after) in neither part,
        -- counted in is_sla_undecided. An unanswered complaint received on a date only is a breach once the window
        -- has run out from its day's end (the latest it can have come: received 11-01, still unanswered on 11-03,
        -- whatever the hour); until then it is in neither part (it may still be inside its window).
        not c.is_cancelled
            and not c.is_first_response_left_out
            -- a file that told no first responses (migration 019): met or missed is unknown, unless answered
            and (c.is_response_known or c.first_response_at is not null)
            and case when c.is_answer_on_date
                then c.as_of_clock - c.received_end_clock >= sla_hours
                    and (c.first_response_end_clock - c.received_clock <= sla_hours
                         or c.first_response_clock - c.received_end_clock > sla_hours
                         -- received on a date only: it came before its day's end, so the wait is longer still
                         or (c.received_date_only and c.first_response_clock - c.received_end_clock >= sla_hours))
                when c.received_date_only then c.as_of_clock - c.received_end_clock >= sla_hours
                else c.as_of_clock - c.received_clock >= sla_hours end
            as is_sla_elapsed,
        case when c.is_answer_on_date
            then c.first_response_end_clock - c.received_clock <= sla_hours
            else coalesce(c.first_response_clock - c.received_clock <= sla_hours, false) end
            as is_answered_within_sla,
        not c.is_cancelled and c.received_at < as_of and c.is_status_known
            and not (c.is_resolved and coalesce(c.resolution_at < as_of, true)) as is_backlog,
        epoch(as_of::timestamp - c.received_at) / 3600.0 as age_hours,
        -- issue 9 (appended columns): whole-day durations where a stamp behind them is date-only, and what
        -- the data says about status and reopens
        case when not c.is_cancelled and c.first_response_at is not null
                  and (c.received_date_only or c.first_response_date_only)
            then date_diff(
                'day',
                case when c.received_date_only then c.received_stored::date
                    else timezone(report_tz, timezone('UTC', c.received_at))::date end,
                case when c.first_response_date_only then c.first_response_stored::date
                    else timezone(report_tz, timezone('UTC', c.first_response_at))::date end
            ) end as first_response_days,
        case when c.is_resolved and c.resolution_at is not null
                  and (c.received_date_only or c.resolution_date_only)
            then date_diff(
                'day',
                case when c.received_date_only then c.received_stored::date
                    else timezone(report_tz, timezone('UTC', c.received_at))::date end,
                case when c.resolution_date_only then c.resolution_stored::date
                    else timezone(report_tz, timezone('UTC', c.resolution_at))::date end
            ) end as resolution_days,
        c.is_status_known,
        c.is_reopen_known,
        c.status,  -- issue 10 (appended): the list filters on it before it pages, without a second scan
        c.category_raw,  -- issue 14 (appended): the source's own category, for its Pareto without a join
        c.first_response_at,  -- issue 14 (appended): complaint_facts reads it on the store's business-hour clock
        c.is_first_response_left_out,  -- appended (migration 017): answered at a time the import left out
        c.is_response_known,  -- appended (migration 019): the complaint's file told first responses
        -- appended: an answer resting on a date-only stamp whose window has run out but whose dates cannot place it
        -- on either side of it (for 24 h: answered the day after it came): in neither part of the SLA, counted
        -- (a CASE: its terms are read for such answers only)
        case when c.is_answer_on_date
            then not c.is_cancelled
                and c.as_of_clock - c.received_end_clock >= sla_hours
                and not c.first_response_end_clock - c.received_clock <= sla_hours
                and not c.first_response_clock - c.received_end_clock > sla_hours
                and not (c.received_date_only and c.first_response_clock - c.received_end_clock >= sla_hours)
            else false end as is_sla_undecided
    from clocked as c
),

facts as (
    select * from flagged
    where is_received_in_period or is_resolution_in_period or is_backlog
)

select * from facts;
