-- The per-complaint facts every complaint figure is counted from, in calendar or business hours.
-- complaint_facts(...) is a table macro with the parameters and columns of complaint_facts_calendar
-- (models/complaint_facts_calendar.sql: the rows, flags and calendar-hour durations, documented there). With
-- business_hours on, a complaint of a store with opening hours has its durations and SLA read on the store's
-- local business-hour clock instead (is_business_hours): first_response_hours, resolution_hours, is_sla_elapsed,
-- is_answered_within_sla; every other column is the calendar macro's. A store without opening hours (or closed
-- all week) and a complaint without a store keep calendar hours.
-- Parameters: those of complaint_facts_calendar; business_hours (true: read durations on opening hours).
-- Grain: one row per complaint (complaint_id) in scope and selection that a figure of the period can touch.
-- A named query calls complaint_facts(...); with business_hours false db.run_query gives it
-- complaint_facts_calendar(...) instead (the same rows: DuckDB would bind the opening-hours part below for
-- nothing, issue 14).
-- A macro parameter hides a column of the same name: every column in the body whose name is also a
-- parameter's is qualified (tests/test_complaints_queries.py checks the parameter names against the columns).
-- depends on: complaint_facts_calendar
create or replace macro complaint_facts(
    scope_all_stores, scope_store_ids,
    start_at, end_at, region_ids, store_ids, channels, categories, severities, business_hours,
    as_of, sla_as_of, sla_hours, target_high_hours, target_normal_hours, target_low_hours, report_tz := 'UTC',
    received_from := timestamp '-infinity'
) as table
with
calendar as (
    select cal.*
    from complaint_facts_calendar(
        scope_all_stores, scope_store_ids,
        start_at, end_at, region_ids, store_ids, channels, categories, severities, business_hours,
        as_of, sla_as_of, sla_hours, target_high_hours, target_normal_hours, target_low_hours,
        report_tz := report_tz, received_from := received_from
    ) as cal
),

store_days as (
    -- Business-hours mode only: each store that has opening hours x ISO weekday, in local time.
    -- A weekday without a row is closed; closing at or before opening means open until midnight.
    select
        st.store_id,
        st.timezone,
        d.iso_dow,
        coalesce(epoch(h.opens_at), 0) / 3600.0 as opens_hour,
        coalesce(
            case when h.closes_at > h.opens_at then epoch(h.closes_at) else 86400 end - epoch(h.opens_at), 0
        ) / 3600.0 as open_hours
    from stores as st
    cross join range(1, 8) as d (iso_dow)
    left join store_hours as h on h.store_id = st.store_id and h.iso_dow = d.iso_dow
    where business_hours and st.store_id in (select sh.store_id from store_hours as sh)
),

store_schedule as (
    -- The business-hour clock at each weekday's local midnight (opening hours earlier in the ISO week)
    select
        *,
        coalesce(sum(open_hours) over (
            partition by store_id order by iso_dow rows between unbounded preceding and 1 preceding
        ), 0) as hours_before,
        sum(open_hours) over (partition by store_id) as week_hours
    from store_days
),

zone_days as (
    -- Business-hours mode only: per store time zone and UTC day, the UTC offset at the day's start and end, over
    -- the days of the stamps read below (the period's rows: no scan of all complaints) and up to as_of
    select
        z.timezone,
        g.day_at::date as utc_day,
        timezone(z.timezone, timezone('UTC', g.day_at)) - g.day_at as start_offset,
        timezone(z.timezone, timezone('UTC', g.day_at + interval 1 day)) - (g.day_at + interval 1 day)
            as end_offset
    from (select distinct sd.timezone from store_days as sd) as z
    cross join generate_series(
        (select min(least(cf.received_at, cf.first_response_at, cf.resolution_at)) from calendar as cf
         where business_hours)::date::timestamp,
        greatest(
            as_of::timestamp,
            sla_as_of::timestamp,
            (select max(greatest(cf.received_at, cf.first_response_at, cf.resolution_at)) from calendar as cf
             where business_hours)
        ),
        interval 1 day
    ) as g (day_at)
),

zone_offsets as (
    -- A zone whose offset never changes over those days (no daylight saving, e.g. Asia/Shanghai) gets one
    -- fixed offset: its stamps need no day-by-day lookup
    select
        timezone,
        case when min(start_offset) = max(start_offset) and min(end_offset) = max(end_offset)
            then any_value(start_offset) end as fixed_offset
    from zone_days
    group by timezone
),

utc_offsets as (
    -- The zones with daylight saving: their offset per UTC day. Where start and end differ, the day holds
    -- the change and its stamps are converted one by one (slow, so only there).
    select zd.*
    from zone_days as zd
    join zone_offsets as zo on zo.timezone = zd.timezone
    where zo.fixed_offset is null
),

store_clock as (
    -- Per store: its time zone (and fixed offset), opening hours per week, the business-hour clock at sla_as_of
    select
        sch.store_id,
        sch.timezone,
        zo.fixed_offset,
        sch.week_hours,
        sch.week_hours * (date_diff('day', date '1970-01-05', a.as_of_local::date) // 7) + sch.hours_before
            + least(greatest(
                (epoch(a.as_of_local) - epoch(a.as_of_local::date)) / 3600.0 - sch.opens_hour, 0
            ), sch.open_hours) as as_of_clock
    from (
        select distinct timezone, timezone(timezone, timezone('UTC', sla_as_of::timestamp)) as as_of_local
        from store_days
    ) as a
    join store_schedule as sch on sch.timezone = a.timezone and sch.iso_dow = isodow(a.as_of_local)
    join zone_offsets as zo on zo.timezone = sch.timezone
    where sch.week_hours > 0  -- a store closed all week keeps calendar hours
),

localised as (
    -- Business-hours mode: each stamp of a complaint of a store with opening hours on its local wall clock
    select
        f.complaint_id,
        f.store_id,
        sc.week_hours,
        sc.as_of_clock,
        case when sc.fixed_offset is not null then f.received_at + sc.fixed_offset
            when o1.start_offset = o1.end_offset then f.received_at + o1.start_offset
            else timezone(sc.timezone, timezone('UTC', f.received_at)) end as received_local,
        case when sc.fixed_offset is not null then f.first_response_at + sc.fixed_offset
            when o2.start_offset = o2.end_offset then f.first_response_at + o2.start_offset
            else timezone(sc.timezone, timezone('UTC', f.first_response_at)) end as first_response_local,
        case when sc.fixed_offset is not null then f.resolution_at + sc.fixed_offset
            when o3.start_offset = o3.end_offset then f.resolution_at + o3.start_offset
            else timezone(sc.timezone, timezone('UTC', f.resolution_at)) end as resolution_local
    from calendar as f
    join store_clock as sc on sc.store_id = f.store_id
    left join utc_offsets as o1 on o1.timezone = sc.timezone and o1.utc_day = f.received_at::date
    left join utc_offsets as o2 on o2.timezone = sc.timezone and o2.utc_day = f.first_response_at::date
    left join utc_offsets as o3 on o3.timezone = sc.timezone and o3.utc_day = f.resolution_at::date
),

clocked as (
    -- The business-hour clock (opening hours since a Monday, 1970-01-05, on the store's local clock) read at
    -- received, first response and resolution; durations are differences
    select
        l.complaint_id,
        l.as_of_clock,
        l.week_hours * (date_diff('day', date '1970-01-05', l.received_local::date) // 7)
            + d1.hours_before + least(greatest(
                (epoch(l.received_local) - epoch(l.received_local::date)) / 3600.0 - d1.opens_hour, 0
            ), d1.open_hours) as received_clock,
        l.week_hours * (date_diff('day', date '1970-01-05', l.first_response_local::date) // 7)
            + d2.hours_before + least(greatest(
                (epoch(l.first_response_local) - epoch(l.first_response_local::date)) / 3600.0
                - d2.opens_hour, 0
            ), d2.open_hours) as first_response_clock,
        l.week_hours * (date_diff('day', date '1970-01-05', l.resolution_local::date) // 7)
            + d3.hours_before + least(greatest(
                (epoch(l.resolution_local) - epoch(l.resolution_local::date)) / 3600.0 - d3.opens_hour, 0
            ), d3.open_hours) as resolution_clock
    from localised as l
    left join store_schedule as d1 on d1.store_id = l.store_id and d1.iso_dow = isodow(l.received_local)
    left join store_schedule as d2
        on d2.store_id = l.store_id and d2.iso_dow = isodow(l.first_response_local)
    left join store_schedule as d3 on d3.store_id = l.store_id and d3.iso_dow = isodow(l.resolution_local)
),

facts as (
    -- The calendar facts, with the four clock-read columns taken on the business-hour clock where there is one
    -- (the conditions are the calendar macro's: a duration exists where its calendar one does; the SLA is
    -- judged on hour-precision stamps of a complaint not cancelled)
    select
        f.* replace (
            b.complaint_id is not null as is_business_hours,
            case when b.complaint_id is not null and f.first_response_hours is not null
                then b.first_response_clock - b.received_clock
                else f.first_response_hours end as first_response_hours,
            case when b.complaint_id is not null and f.resolution_hours is not null
                then b.resolution_clock - b.received_clock
                else f.resolution_hours end as resolution_hours,
            case when b.complaint_id is not null
                then not f.is_cancelled and not f.received_date_only and not f.is_first_response_date_only
                    and not f.is_first_response_left_out
                    and (f.is_response_known or f.first_response_at is not null)
                    and b.as_of_clock - b.received_clock >= sla_hours
                else f.is_sla_elapsed end as is_sla_elapsed,
            case when b.complaint_id is not null
                then coalesce(b.first_response_clock - b.received_clock <= sla_hours, false)
                else f.is_answered_within_sla end as is_answered_within_sla
        )
    from calendar as f
    left join clocked as b on b.complaint_id = f.complaint_id
)

select * from facts;
