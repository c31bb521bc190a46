-- The per-complaint facts every complaint figure is counted from, in calendar or business hours.
-- complaint_facts(...) is a table macro with the parameters and columns of complaint_facts_calendar
-- (models/complaint_facts_calendar.sql: the rows, flags and calendar-hour durations, documented there). With
-- business_hours on, a complaint of a store with opening hours has its durations and SLA read on the store's
-- business-hour clock instead (is_business_hours): first_response_hours, resolution_hours, is_sla_elapsed,
-- is_answered_within_sla (an answer on a date-only stamp is not judged there: is_sla_undecided; an unanswered
-- complaint received on a date only is, from its day's end on the store's clock); every other
-- column is the calendar macro's. The clock counts the real time the store
-- is open, its opening hours read on its local wall clock: a store open all day counts its calendar hours, also
-- on the 23- and 25-hour days of a change to or from daylight saving time. A store without opening hours (or closed
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
    scope_all_stores, scope_store_ids, scope_region_ids,
    start_at, end_at, region_ids, store_ids, channels, categories, severities, business_hours,
    as_of, sla_as_of, sla_hours, target_high_hours, target_normal_hours, target_low_hours, report_tz := 'UTC',
    received_from := timestamp '-infinity'
) as table
with
calendar as (
    -- received_end_at (business hours only): an unanswered complaint received on a date only is judged from its
    -- day's end in report_tz, the latest it can have come (the UTC instant of the next local midnight)
    select
        cal.*,
        case when business_hours and cal.received_date_only and cal.first_response_at is null
            then timezone('UTC', timezone(
                report_tz, timezone(report_tz, timezone('UTC', cal.received_at))::date + interval 1 day
            )) end as received_end_at
    from complaint_facts_calendar(
        scope_all_stores, scope_store_ids, scope_region_ids,
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
    -- the days of the stamps read below (the period's rows: no scan of all complaints) and up to as_of, and a day
    -- either side (a local day overlaps two UTC days: its change of the clock may fall on the neighbouring one)
    select
        z.timezone,
        g.day_at::date as utc_day,
        timezone(z.timezone, timezone('UTC', g.day_at)) - g.day_at as start_offset,
        timezone(z.timezone, timezone('UTC', g.day_at + interval 1 day)) - (g.day_at + interval 1 day)
            as end_offset
    from (select distinct sd.timezone from store_days as sd) as z
    cross join generate_series(
        (select min(least(cf.received_at, cf.first_response_at, cf.resolution_at)) from calendar as cf
         where business_hours)::date::timestamp - interval 1 day,
        greatest(
            as_of::timestamp,
            sla_as_of::timestamp,
            (select max(greatest(cf.received_at, cf.first_response_at, cf.resolution_at)) from calendar as cf
             where business_hours)
        ) + interval 1 day,
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

dst_days as (
    -- The local days whose opening hours span a change of the clock (e.g. a store open all day on the day New
    -- York falls back: 25 real hours): per store, the day's opening and closing as UTC instants, its real open
    -- hours, the wall hours it loses (lost_hours, negative when it gains) and those lost up to and including it
    -- (lost_hours_through). The business-hour clock counts real time: a stamp subtracts the hours lost before its
    -- day and, on such a day, reads its open time from the UTC instants. Other days' open hours are their wall
    -- hours (the clock does not change while the store is open), so a store whose hours avoid the change (09:00
    -- to 21:00) and a zone without daylight saving have no row.
    select
        *,
        sum(lost_hours) over (partition by store_id order by local_day) as lost_hours_through
    from (
        select
            *,
            open_hours - (epoch(close_at) - epoch(open_at)) / 3600.0 as lost_hours,
            (epoch(close_at) - epoch(open_at)) / 3600.0 as real_hours
        from (
            select
                sch.store_id,
                ch.local_day,
                timezone('UTC', timezone(sch.timezone, ch.local_day + to_seconds(sch.opens_hour * 3600)))
                    as open_at,
                timezone(
                    'UTC',
                    timezone(sch.timezone, ch.local_day + to_seconds((sch.opens_hour + sch.open_hours) * 3600))
                ) as close_at,
                sch.open_hours
            from (
                select distinct uo.timezone, uo.utc_day + d.day_shift::integer as local_day
                from utc_offsets as uo
                cross join range(-1, 2) as d (day_shift)
                where uo.start_offset <> uo.end_offset
            ) as ch
            join store_schedule as sch on sch.timezone = ch.timezone and sch.iso_dow = isodow(ch.local_day)
            where sch.open_hours > 0
        ) as day_bounds
    ) as day_lengths
    where lost_hours <> 0
),

store_clock as (
    -- Per store: its time zone (and fixed offset), opening hours per week, the business-hour clock at sla_as_of
    -- (read as a stamp is in dst_reads and clocked below)
    select
        sch.store_id,
        sch.timezone,
        zo.fixed_offset,
        sch.week_hours,
        sch.week_hours * (date_diff('day', date '1970-01-05', a.as_of_local::date) // 7) + sch.hours_before
            - coalesce(case when a.as_of_at < x.close_at then x.lost_hours_through - x.lost_hours
                else x.lost_hours_through end, 0)
            + coalesce(case when a.as_of_at < x.close_at
                then (epoch(a.as_of_at) - epoch(x.open_at)) / 3600.0 end, least(greatest(
                    (epoch(a.as_of_local) - epoch(a.as_of_local::date)) / 3600.0 - sch.opens_hour, 0
                ), sch.open_hours)) as as_of_clock
    from (
        select distinct
            timezone,
            sla_as_of::timestamp as as_of_at,
            timezone(timezone, timezone('UTC', sla_as_of::timestamp)) as as_of_local
        from store_days
    ) as a
    join store_schedule as sch on sch.timezone = a.timezone and sch.iso_dow = isodow(a.as_of_local)
    join zone_offsets as zo on zo.timezone = sch.timezone
    asof left join dst_days as x on x.store_id = sch.store_id and a.as_of_at >= x.open_at
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
            else timezone(sc.timezone, timezone('UTC', f.resolution_at)) end as resolution_local,
        case when sc.fixed_offset is not null then f.received_end_at + sc.fixed_offset
            when o4.start_offset = o4.end_offset then f.received_end_at + o4.start_offset
            else timezone(sc.timezone, timezone('UTC', f.received_end_at)) end as received_end_local
    from calendar as f
    join store_clock as sc on sc.store_id = f.store_id
    left join utc_offsets as o1 on o1.timezone = sc.timezone and o1.utc_day = f.received_at::date
    left join utc_offsets as o2 on o2.timezone = sc.timezone and o2.utc_day = f.first_response_at::date
    left join utc_offsets as o3 on o3.timezone = sc.timezone and o3.utc_day = f.resolution_at::date
    left join utc_offsets as o4 on o4.timezone = sc.timezone and o4.utc_day = f.received_end_at::date
),

dst_reads as (
    -- For the complaints of stores with a day in dst_days (none in a zone without daylight saving), per stamp:
    -- the hours lost on the days before it, and, while that day of dst_days is open, the real hours it has
    -- been open (between the UTC instants). Matched on UTC instants: the last day of dst_days opened by the stamp
    -- (once that day has closed, its loss counts and the stamp's own day is read on the wall clock).
    select
        f.complaint_id,
        case when f.received_at < x1.close_at then x1.lost_hours_through - x1.lost_hours
            else x1.lost_hours_through end as received_lost_hours,
        case when f.received_at < x1.close_at then (epoch(f.received_at) - epoch(x1.open_at)) / 3600.0
            end as received_day_hours,
        case when f.first_response_at < x2.close_at then x2.lost_hours_through - x2.lost_hours
            else x2.lost_hours_through end as first_response_lost_hours,
        case when f.first_response_at < x2.close_at
            then (epoch(f.first_response_at) - epoch(x2.open_at)) / 3600.0 end as first_response_day_hours,
        case when f.resolution_at < x3.close_at then x3.lost_hours_through - x3.lost_hours
            else x3.lost_hours_through end as resolution_lost_hours,
        case when f.resolution_at < x3.close_at then (epoch(f.resolution_at) - epoch(x3.open_at)) / 3600.0
            end as resolution_day_hours,
        case when f.received_end_at < x4.close_at then x4.lost_hours_through - x4.lost_hours
            else x4.lost_hours_through end as received_end_lost_hours,
        case when f.received_end_at < x4.close_at then (epoch(f.received_end_at) - epoch(x4.open_at)) / 3600.0
            end as received_end_day_hours
    from (select cf.* from calendar as cf where cf.store_id in (select dd.store_id from dst_days as dd)) as f
    asof left join dst_days as x1 on x1.store_id = f.store_id and f.received_at >= x1.open_at
    asof left join dst_days as x2 on x2.store_id = f.store_id and f.first_response_at >= x2.open_at
    asof left join dst_days as x3 on x3.store_id = f.store_id and f.resolution_at >= x3.open_at
    asof left join dst_days as x4 on x4.store_id = f.store_id and f.received_end_at >= x4.open_at
),

clocked as (
    -- The business-hour clock (real hours open since a Monday, 1970-01-05) read at received, first response and
    -- resolution; durations are differences. A stamp's clock: the wall hours open in the weeks and the weekdays
    -- before its local day, less the hours lost to the clock's changes on earlier days, plus the time open so
    -- far that day (on the local wall clock, or on a day of dst_days between its UTC instants: dst_reads)
    select
        l.complaint_id,
        l.as_of_clock,
        l.week_hours * (date_diff('day', date '1970-01-05', l.received_local::date) // 7)
            + d1.hours_before - coalesce(r.received_lost_hours, 0)
            + coalesce(r.received_day_hours, least(greatest(
                (epoch(l.received_local) - epoch(l.received_local::date)) / 3600.0 - d1.opens_hour, 0
            ), d1.open_hours)) as received_clock,
        l.week_hours * (date_diff('day', date '1970-01-05', l.first_response_local::date) // 7)
            + d2.hours_before - coalesce(r.first_response_lost_hours, 0)
            + coalesce(r.first_response_day_hours, least(greatest(
                (epoch(l.first_response_local) - epoch(l.first_response_local::date)) / 3600.0
                - d2.opens_hour, 0
            ), d2.open_hours)) as first_response_clock,
        l.week_hours * (date_diff('day', date '1970-01-05', l.resolution_local::date) // 7)
            + d3.hours_before - coalesce(r.resolution_lost_hours, 0)
            + coalesce(r.resolution_day_hours, least(greatest(
                (epoch(l.resolution_local) - epoch(l.resolution_local::date)) / 3600.0 - d3.opens_hour, 0
            ), d3.open_hours)) as resolution_clock,
        l.week_hours * (date_diff('day', date '1970-01-05', l.received_end_local::date) // 7)
            + d4.hours_before - coalesce(r.received_end_lost_hours, 0)
            + coalesce(r.received_end_day_hours, least(greatest(
                (epoch(l.received_end_local) - epoch(l.received_end_local::date)) / 3600.0 - d4.opens_hour, 0
            ), d4.open_hours)) as received_end_clock
    from localised as l
    left join store_schedule as d1 on d1.store_id = l.store_id and d1.iso_dow = isodow(l.received_local)
    left join store_schedule as d2
        on d2.store_id = l.store_id and d2.iso_dow = isodow(l.first_response_local)
    left join store_schedule as d3 on d3.store_id = l.store_id and d3.iso_dow = isodow(l.resolution_local)
    left join store_schedule as d4 on d4.store_id = l.store_id and d4.iso_dow = isodow(l.received_end_local)
    left join dst_reads as r on r.complaint_id = l.complaint_id
),

facts as (
    -- The calendar facts, with the four clock-read columns taken on the business-hour clock where there is one
    -- (the conditions are the calendar macro's: a duration exists where its calendar one does; the SLA is
    -- judged on hour-precision stamps of a complaint not cancelled, so is_sla_undecided differs too: an answer on
    -- a date-only stamp the calendar judged is undecided here)
    select
        f.* exclude (received_end_at) replace (
            b.complaint_id is not null as is_business_hours,
            case when b.complaint_id is not null and f.first_response_hours is not null
                then b.first_response_clock - b.received_clock
                else f.first_response_hours end as first_response_hours,
            case when b.complaint_id is not null and f.resolution_hours is not null
                then b.resolution_clock - b.received_clock
                else f.resolution_hours end as resolution_hours,
            case when b.complaint_id is not null
                then not f.is_cancelled and not f.is_first_response_date_only
                    and not f.is_first_response_left_out
                    and (f.is_response_known or f.first_response_at is not null)
                    -- received on a date only and unanswered: from its day's end on the store's clock
                    and b.as_of_clock - coalesce(b.received_end_clock, b.received_clock) >= sla_hours
                else f.is_sla_elapsed end as is_sla_elapsed,
            case when b.complaint_id is not null
                then coalesce(b.first_response_clock - b.received_clock <= sla_hours, false)
                else f.is_answered_within_sla end as is_answered_within_sla,
            -- an answer on a date-only stamp is not judged on opening hours: one the calendar judged is undecided
            f.is_sla_undecided or (b.complaint_id is not null and f.is_sla_elapsed and f.is_first_response_date_only)
                as is_sla_undecided
        )
    from calendar as f
    left join clocked as b on b.complaint_id = f.complaint_id
)

select * from facts;
