-- Complaint import check: file rows that would take a stored complaint back to an earlier state, as an export
-- older than one imported before does (imported after it by mistake, or a scheduled job run out of order).
-- Input: ingest_older_rows (row_no, source, source_id, the stamps first_response_at, resolved_at, closed_at with
-- their *_left_out flags, resolved_date_only, reopen_count, status_given, older_noticed: the staged rows' columns,
-- so the preview's check and the commit's check again read the same; older_noticed: named in the preview's notice).
-- Parameters: has_first_response, has_resolved, has_closed (the file maps
-- the stamp column: a blank cell of it, not a stamp left out, is a blank), has_reopen (the file maps a reopen
-- count), file_counts (some row of the whole file, valid or not, has a reopen count above 0: decided by the
-- preview over the whole file, a file read in chunks too, and kept for the commit's check again). Grain: one row
-- per file row of a stored complaint that meets one of the rules, in row_no order (its source_id, the stored stamps):
--   lost_response: a first response is stored and the file has none (a complaint once answered stays answered);
--   fewer_reopens: the file's reopen count is below the stored one (a count of reopens never goes down);
--   lost_resolved / lost_closed: a stored resolution (close) time of a complaint stored resolved, closed or
--     cancelled is blank in the file while its reopen count says no reopen since (not above the stored count)
--     and its status is not "reopened" or "cancelled" (a cancelled complaint may have its stamps cleared);
--   unreopened: the same, in a file (or row) without a reopen count (told in a notice: a reopened complaint may come
--     back open or in progress, so the file alone cannot tell an older export); also the file's status of open or in
--     progress (处理中) for a complaint stored resolved or closed, its times blank, kept or without a column, with no
--     count above the stored one (a helper's probe: a file without 解决时间 took a resolved complaint back to in
--     progress without a word); committing counts such a row as a reopen (complaints_stage); noticed: the preview
--     named the row;
--   earlier_resolution: a resolution time earlier than the stored one of a complaint stored resolved or closed, no
--     reopen counted since, neither a date alone (an older export, or a correction: told in a notice).
-- A count column of zeros and blanks only (in the whole file), from a source with no stored count above 0, is no
-- count: the source may not count reopens at all (a reopened complaint comes back responded, count 0), so its rows
-- are told in the notice, not refused.
with counted as (
    select $has_reopen and (
        $file_counts
        or exists (
            select 1 from complaints as c
            where c.reopen_count > 0 and c.source in (select distinct f.source from ingest_older_rows as f)
        )
    ) as has_reopen
),

rows as (
    select
        f.row_no,
        f.source,
        f.source_id,
        $has_first_response and f.first_response_at is null and not coalesce(f.first_response_left_out, false)
            as response_blank,
        $has_resolved and f.resolved_at is null and not coalesce(f.resolved_left_out, false) as resolved_blank,
        $has_closed and f.closed_at is null and not coalesce(f.closed_left_out, false) as closed_blank,
        case when k.has_reopen then f.reopen_count end as file_reopen_count,
        coalesce(f.status_given in ('reopened', 'cancelled'), false) as may_clear,
        coalesce(f.status_given in ('open', 'responded'), false) as says_open,
        -- a date alone is no earlier time than a stamp of that day
        case when not coalesce(f.resolved_date_only, false) then f.resolved_at end as file_resolved_at,
        coalesce(f.older_noticed, false) as noticed,
        k.has_reopen
    from ingest_older_rows as f
    cross join counted as k
)

select
    r.row_no,
    r.source_id,
    c.first_response_at,
    coalesce(c.first_response_date_only, false) as first_response_date_only,
    c.resolved_at,
    coalesce(c.resolved_date_only, false) as resolved_date_only,
    c.closed_at,
    coalesce(c.closed_date_only, false) as closed_date_only,
    coalesce(c.reopen_count, 0) as stored_reopen_count,
    r.response_blank and c.first_response_at is not null as lost_response,
    r.file_reopen_count is not null and r.file_reopen_count < coalesce(c.reopen_count, 0) as fewer_reopens,
    r.has_reopen and r.file_reopen_count is not null and r.file_reopen_count <= coalesce(c.reopen_count, 0)
        and not r.may_clear and c.status in ('resolved', 'closed', 'cancelled')
        and r.resolved_blank and c.resolved_at is not null as lost_resolved,
    r.has_reopen and r.file_reopen_count is not null and r.file_reopen_count <= coalesce(c.reopen_count, 0)
        and not r.may_clear and c.status in ('resolved', 'closed', 'cancelled')
        and r.closed_blank and c.closed_at is not null as lost_closed,
    not r.may_clear and (
        ((not r.has_reopen or r.file_reopen_count is null) and c.status in ('resolved', 'closed', 'cancelled')
            and ((r.resolved_blank and c.resolved_at is not null) or (r.closed_blank and c.closed_at is not null)))
        or (r.says_open and c.status in ('resolved', 'closed')
            and coalesce(f_count.raw_count, 0) <= coalesce(c.reopen_count, 0)
            -- a counted source's row leaving a stored time blank is refused (lost_resolved, lost_closed), not told
            and not (r.file_reopen_count is not null
                and ((r.resolved_blank and c.resolved_at is not null) or (r.closed_blank and c.closed_at is not null))))
    ) as unreopened,
    r.noticed,
    r.file_resolved_at < c.resolved_at and not coalesce(c.resolved_date_only, false)
        and c.status in ('resolved', 'closed')
        and (r.file_reopen_count is null or r.file_reopen_count <= coalesce(c.reopen_count, 0))
        as earlier_resolution
from rows as r
join complaints as c on c.source = r.source and c.source_id = r.source_id
-- the file's count as given (zeros of a source that does not count reopens too): a status of open or in progress
-- beside a count above the stored one is a reopen the count tells (no notice); otherwise one the status tells
join (select row_no, case when $has_reopen then reopen_count end as raw_count from ingest_older_rows) as f_count
    on f_count.row_no = r.row_no
where (r.response_blank and c.first_response_at is not null)
    or (r.file_reopen_count is not null and r.file_reopen_count < coalesce(c.reopen_count, 0))
    or (not r.may_clear and c.status in ('resolved', 'closed', 'cancelled')
        and ((r.resolved_blank and c.resolved_at is not null) or (r.closed_blank and c.closed_at is not null)))
    or (r.says_open and c.status in ('resolved', 'closed')
        and coalesce(f_count.raw_count, 0) <= coalesce(c.reopen_count, 0))
    or (r.file_resolved_at < c.resolved_at and not coalesce(c.resolved_date_only, false)
        and c.status in ('resolved', 'closed')
        and (r.file_reopen_count is null or r.file_reopen_count <= coalesce(c.reopen_count, 0)))
order by r.row_no
