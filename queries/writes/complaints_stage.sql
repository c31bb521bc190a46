-- Stage a complaint import: the file's rows (ingest_rows) merged with the stored complaints, their status, reopen count and status stamp, and whether a stored one changes.
-- One row per valid file row; a field the file does not carry ($has_*) keeps its stored value.
-- A new complaint (or one whose store the file changes) is stamped with its store's region on its received date in
-- the reporting zone ($report_tz; models/store_region_on.sql, models/complaint_received_on.sql), as a survey
-- response or an inspection of that store and day is, and as the upload's scope check decides.
create or replace temp table ingest_stage as
with
resolved as (
    select
        r.*,
        s.store_id as file_store_id,
        store_region_on(s.store_id, complaint_received_on(r.received_at, r.received_date_only, $report_tz))
            as file_region_id,
        a.agent_id as file_agent_id
    from ingest_rows as r
    left join stores_now as s on s.store_code = r.store_code
    left join agents as a on a.agent_code = r.agent_code
),

merged as (
    select
        r.row_no,
        r.source,
        r.source_id,
        c.complaint_id as existing_id,
        c.status as old_status,
        c.reopen_count as old_reopen_count,
        coalesce(c.status_known, true) as old_status_known,
        coalesce(c.reopen_known, true) as old_reopen_known,
        coalesce(c.response_known, true) as old_response_known,
        r.received_at,
        r.received_date_only,
        coalesce(case when $has_channel then r.channel else c.channel end, 'other') as channel,
        case when $has_channel then r.channel_raw else c.channel_raw end as channel_raw,
        case when $has_status then r.status_raw else c.status_raw end as status_raw,
        case when $has_severity then r.severity_raw else c.severity_raw end as severity_raw,
        case when $has_category then r.category_raw else c.category_raw end as category_raw,
        coalesce(case when $has_category then r.category_group else c.category_group end, 'other')
            as category_group,
        coalesce(case when $has_severity then r.severity else c.severity end, 'normal') as severity,
        case when $has_store then r.file_store_id else c.store_id end as store_id,
        case
            when not $has_store then c.region_id
            when c.complaint_id is not null and r.file_store_id is not distinct from c.store_id then c.region_id
            else r.file_region_id
        end as region_id,
        case when $has_agent then r.file_agent_id else c.agent_id end as agent_id,
        -- a stamp the file gives but the import left out (unreadable, in the future, before received_at) keeps
        -- a stored complaint's stamp: it does not say the complaint has none; a kept stamp before the received
        -- time the file gives (*_stored_before, complaints_kept.py) is left out as the file's own would be
        case when $has_first_response and not r.first_response_left_out then r.first_response_at
            when r.first_response_stored_before then null
            else c.first_response_at end as first_response_at,
        coalesce(case when $has_first_response and not r.first_response_left_out then r.first_response_date_only
            when r.first_response_stored_before then false
            else c.first_response_date_only end, false) as first_response_date_only,
        case when $has_resolved and not r.resolved_left_out then r.resolved_at
            when r.resolved_stored_before then null
            else c.resolved_at end as resolved_at,
        coalesce(case when $has_resolved and not r.resolved_left_out then r.resolved_date_only
            when r.resolved_stored_before then false
            else c.resolved_date_only end, false) as resolved_date_only,
        case when $has_closed and not r.closed_left_out then r.closed_at
            when r.closed_stored_before then null
            else c.closed_at end as closed_at,
        coalesce(case when $has_closed and not r.closed_left_out then r.closed_date_only
            when r.closed_stored_before then false
            else c.closed_date_only end, false) as closed_date_only,
        -- answered at a time left out: the file's left-out stamp where no stamp is kept, a kept stamp left out,
        -- else what is stored
        case
            when $has_first_response and not r.first_response_left_out then false
            when r.first_response_stored_before then true
            when $has_first_response then c.first_response_at is null
            else coalesce(c.first_response_left_out, false)
        end as first_response_left_out,
        ($has_resolved and r.resolved_left_out) or r.resolved_stored_before as file_resolved_left_out,
        -- resolved at a time left out (migration 032), as first_response_left_out: the file's left-out stamp where
        -- no stamp is kept, a kept stamp left out, else what is stored; the figures then take no other stamp
        -- (the close time) for its resolution
        case
            when $has_resolved and not r.resolved_left_out then false
            when r.resolved_stored_before then true
            when $has_resolved then c.resolved_at is null
            else coalesce(c.resolved_left_out, false)
        end as resolved_left_out,
        ($has_closed and r.closed_left_out) or r.closed_stored_before as file_closed_left_out,
        case when $has_status then r.status_given end as status_given,
        case when $has_reopen then r.reopen_count end as file_reopen_count,
        case when $has_csat then r.post_resolution_csat else c.post_resolution_csat end as post_resolution_csat
    from resolved as r
    left join complaints as c on c.source = r.source and c.source_id = r.source_id
),

statused as (
    select
        m.*,
        case
            -- a file without a status, resolution or close column says nothing of a stored complaint's
            -- resolution: its status stands (a first-response report took a complaint stored resolved by its
            -- status back to responded); an open or responded one follows the file's first responses
            when m.existing_id is not null and not $has_status and not $has_resolved and not $has_closed
                and m.old_status not in ('open', 'responded')
                then m.old_status
            else complaint_status_from_stamps(
                m.status_given, m.closed_at, m.file_closed_left_out, m.resolved_at, m.file_resolved_left_out,
                m.first_response_at, m.first_response_left_out
            )
        end as status,
        -- what the file says (issue 9): a status is known from the file's mapped status or from the stamps of
        -- a file with resolution or close times. Reopens from a reopen count, or from readable statuses of a
        -- complaint the portal first saw open or responded, before any resolution (each later export's status is
        -- recorded, and a "reopened" one counts: reopen_count below). A complaint first seen resolved, closed or
        -- reopened stays unknown, and so does one the portal saw before with no readable status: a status says
        -- "reopened" only while a complaint is open again and "resolved" after a reopen too, so whether it was
        -- reopened before, or how often, is not told (one snapshot with 9 resolved and 1 reopened would read
        -- 100 %). A file that carries none of these keeps a stored complaint's knowledge.
        m.status_given is not null or $has_resolved or $has_closed
            or (m.existing_id is not null and not $has_status and m.old_status_known) as status_known,
        $has_reopen or (m.existing_id is not null and m.old_reopen_known)
            or coalesce(m.existing_id is null and m.status_given in ('open', 'responded'), false)
            as reopen_known,
        -- migration 019: the file told first responses (a first-response column), or a stored complaint's
        -- earlier file did
        $has_first_response or (m.existing_id is not null and m.old_response_known) as response_known
    from merged as m
),

counted as (
    select
        s.* exclude (file_reopen_count, status_given),
        case
            when s.file_reopen_count > coalesce(s.old_reopen_count, 0) then s.file_reopen_count
            -- the file's status open or in progress for a complaint stored resolved or closed (处理中 after 已解决): a
            -- reopen by another word (a helper's probe: resolved, 处理中, resolved again counted none), also beside
            -- a count column that does not say it (a source's zeros); the preview names the rows
            -- (complaints_older_state: an older export does the same). The file's own words, not a status the stamps
            -- gave (a file without a status and without a resolution column is no reopen)
            when s.old_status in ('resolved', 'closed') and s.status_given in ('open', 'responded')
                then coalesce(s.old_reopen_count, 0) + 1
            when s.file_reopen_count is not null then s.file_reopen_count
            when s.status = 'reopened' and s.old_status is distinct from 'reopened'
                then coalesce(s.old_reopen_count, 0) + 1
            else coalesce(s.old_reopen_count, 0)
        end as reopen_count
    from statused as s
),

last_change as (
    -- when each stored complaint's latest recorded status change was observed
    select h.complaint_id, max(h.changed_at) as last_changed_at
    from complaint_status_history as h
    group by h.complaint_id
),

stamped as (
    select
        n.*,
        case n.status
            when 'open' then n.received_at
            when 'responded' then n.first_response_at
            when 'resolved' then n.resolved_at
            when 'closed' then n.closed_at
            when 'cancelled' then n.closed_at
        end as status_stamp,
        case n.status
            when 'open' then n.received_date_only
            when 'responded' then n.first_response_date_only
            when 'resolved' then n.resolved_date_only
            when 'closed' then n.closed_date_only
            when 'cancelled' then n.closed_date_only
        end as status_stamp_date_only
    from counted as n
),

final as (
    -- A status change is recorded when it was observed: the file's stamp for that status, unless the stored
    -- history already holds a later change (then the stamp is not this change's: e.g. a re-import that
    -- reopens a complaint as 'open' carries only the old received time), else the import's time.
    select
        n.* exclude (status_stamp, status_stamp_date_only),
        coalesce(
            case when n.existing_id is null or lc.last_changed_at is null
                      or n.status_stamp >= lc.last_changed_at
                then n.status_stamp end,
            $batched_at
        ) as status_changed_at,
        -- the change recorded at a date-only stamp is a date (SPEC §2), shown on its own date in every zone
        coalesce(
            (n.existing_id is null or lc.last_changed_at is null or n.status_stamp >= lc.last_changed_at)
            and n.status_stamp is not null and n.status_stamp_date_only,
            false
        ) as status_changed_date_only,
        n.existing_id is not null and row(
            n.received_at, n.received_date_only, n.channel, n.category_raw, n.category_group, n.severity,
            n.store_id, n.region_id, n.agent_id, n.first_response_at, n.first_response_date_only,
            n.resolved_at, n.resolved_date_only, n.closed_at, n.closed_date_only, n.status, n.reopen_count,
            n.post_resolution_csat, n.channel_raw, n.status_raw, n.severity_raw, n.status_known, n.reopen_known,
            n.first_response_left_out, n.response_known, n.resolved_left_out
        ) is distinct from row(
            c.received_at, c.received_date_only, c.channel, c.category_raw, c.category_group, c.severity,
            c.store_id, c.region_id, c.agent_id, c.first_response_at, c.first_response_date_only,
            c.resolved_at, c.resolved_date_only, c.closed_at, c.closed_date_only, c.status, c.reopen_count,
            c.post_resolution_csat, c.channel_raw, c.status_raw, c.severity_raw,
            coalesce(c.status_known, true), coalesce(c.reopen_known, true), coalesce(c.first_response_left_out, false),
            coalesce(c.response_known, true), coalesce(c.resolved_left_out, false)
        ) as is_changed
    from stamped as n
    left join complaints as c on c.complaint_id = n.existing_id
    left join last_change as lc on lc.complaint_id = n.existing_id
)

select * from final
