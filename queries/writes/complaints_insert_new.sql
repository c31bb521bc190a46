-- Insert an import's complaints when none of its keys is stored (complaints_keys_stored), straight from the file's rows (ingest_rows), without the stage.
-- Each column is what complaints_stage and complaints_insert store for a new complaint (no stored complaint to keep a
-- value from: its c.* are null); tests/test_ingest_insert_new.py holds both ways equal on every column. Ids: the
-- block complaints_reserve_ids took ($first_id on), given in file order (row_seq, the row's position among the
-- valid rows), so the insert needs no sort by row and its ids do not depend on how DuckDB splits it over threads
-- (an insert ordered by row_no numbered its rows out of file order once the sort fitted in memory).
-- The region: the store's on the complaint's received date (store_region_on), looked up once per store and day:
-- for each store's UTC dates and the days either side (a stamp's date in $report_tz is within a day of its UTC
-- date; a date-only stamp's is its UTC date), so each row's stamp is turned into its received date once, where
-- the rows meet store_days, not a second time to list the days (a million rows: 0.3-0.6 s of CPU, issue 14).
insert into complaints (
    complaint_id, source, source_id, received_at, received_date_only, channel, category_raw, category_group,
    severity, store_id, region_id, agent_id, first_response_at, first_response_date_only, first_response_left_out,
    resolved_at, resolved_date_only, resolved_left_out, closed_at, closed_date_only, status, reopen_count, post_resolution_csat,
    channel_raw, status_raw, severity_raw, status_known, reopen_known, response_known, may_be_open, batch_id,
    created_at
)
with
store_days as (
    select d.store_id, d.received_on, store_region_on(d.store_id, d.received_on) as region_id
    from (
        select distinct u.store_id, u.utc_on + k.shift as received_on
        from (
            select distinct s.store_id, cast(r.received_at as date) as utc_on
            from ingest_rows as r
            join stores_now as s on s.store_code = r.store_code
        ) as u
        cross join (values (-1), (0), (1)) as k (shift)
    ) as d
),

resolved as (
    select
        r.*,
        s.store_id as file_store_id,
        d.region_id as file_region_id,
        a.agent_id as file_agent_id
    from ingest_rows as r
    left join stores_now as s on s.store_code = r.store_code
    left join agents as a on a.agent_code = r.agent_code
    left join store_days as d
        on d.store_id = s.store_id
        and d.received_on is not distinct from complaint_received_on(r.received_at, r.received_date_only, $report_tz)
),

merged as (
    select
        r.row_seq,
        r.source,
        r.source_id,
        r.received_at,
        r.received_date_only,
        coalesce(case when $has_channel then r.channel end, 'other') as channel,
        case when $has_channel then r.channel_raw end as channel_raw,
        case when $has_status then r.status_raw end as status_raw,
        case when $has_severity then r.severity_raw end as severity_raw,
        case when $has_category then r.category_raw end as category_raw,
        coalesce(case when $has_category then r.category_group end, 'other') as category_group,
        coalesce(case when $has_severity then r.severity end, 'normal') as severity,
        case when $has_store then r.file_store_id end as store_id,
        case when $has_store then r.file_region_id end as region_id,
        case when $has_agent then r.file_agent_id end as agent_id,
        case when $has_first_response and not r.first_response_left_out then r.first_response_at end
            as first_response_at,
        coalesce(case when $has_first_response and not r.first_response_left_out then r.first_response_date_only end,
            false) as first_response_date_only,
        case when $has_resolved and not r.resolved_left_out then r.resolved_at end as resolved_at,
        coalesce(case when $has_resolved and not r.resolved_left_out then r.resolved_date_only end, false)
            as resolved_date_only,
        case when $has_closed and not r.closed_left_out then r.closed_at end as closed_at,
        coalesce(case when $has_closed and not r.closed_left_out then r.closed_date_only end, false)
            as closed_date_only,
        -- answered at a time left out: a first response the file gives but the import left out
        case
            when $has_first_response and not r.first_response_left_out then false
            else $has_first_response
        end as first_response_left_out,
        $has_resolved and r.resolved_left_out as file_resolved_left_out,
        $has_closed and r.closed_left_out as file_closed_left_out,
        case when $has_status then r.status_given end as status_given,
        case when $has_reopen then r.reopen_count end as file_reopen_count,
        case when $has_csat then r.post_resolution_csat end as post_resolution_csat
    from resolved as r
),

statused as (
    select
        m.*,
        complaint_status_from_stamps(
            m.status_given, m.closed_at, m.file_closed_left_out, m.resolved_at, m.file_resolved_left_out,
            m.first_response_at, m.first_response_left_out
        ) as status,
        m.status_given is not null or $has_resolved or $has_closed as status_known,
        $has_reopen or coalesce(m.status_given in ('open', 'responded'), false) as reopen_known,
        $has_first_response as response_known
    from merged as m
)

select
    $first_id + s.row_seq, s.source, s.source_id, s.received_at, s.received_date_only, s.channel, s.category_raw,
    s.category_group, s.severity, s.store_id, s.region_id, s.agent_id, s.first_response_at,
    s.first_response_date_only, s.first_response_left_out, s.resolved_at, s.resolved_date_only,
    s.file_resolved_left_out, s.closed_at,
    s.closed_date_only, s.status,
    case when s.file_reopen_count is not null then s.file_reopen_count when s.status = 'reopened' then 1 else 0 end,
    s.post_resolution_csat, s.channel_raw, s.status_raw, s.severity_raw, s.status_known, s.reopen_known,
    s.response_known, s.status not in ('resolved', 'closed', 'cancelled'), $batch_id, $batched_at
from statused as s
