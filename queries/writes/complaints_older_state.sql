-- Complaint import check: file rows that would take a stored complaint back to an earlier state, as an export
-- older than one imported before does (imported after it by mistake, or a scheduled job run out of order).
-- Input: ingest_older_rows (row_no, source, source_id, the stamps first_response_at, resolved_at, closed_at with
-- their *_left_out flags, reopen_count, status_given: the staged rows' columns, so the preview's check and the
-- commit's check again read the same). Parameters: has_first_response, has_resolved, has_closed (the file maps
-- the stamp column: a blank cell of it, not a stamp left out, is a blank), has_reopen (the file maps a reopen
-- count). Grain: one row per file row of a stored complaint that meets one of the rules, in row_no order:
--   lost_response: a first response is stored and the file has none (a complaint once answered stays answered);
--   fewer_reopens: the file's reopen count is below the stored one (a count of reopens never goes down);
--   lost_resolved / lost_closed: a stored resolution (close) time of a complaint stored resolved, closed or
--     cancelled is blank in the file while its reopen count says no reopen since (not above the stored count)
--     and its status is not "reopened";
--   unreopened: the same, in a file (or row) without a reopen count (told in a notice: a reopened complaint may come
--     back open or in progress, so the file alone cannot tell an older export).
with rows as (
    select
        row_no,
        source,
        source_id,
        $has_first_response and first_response_at is null and not coalesce(first_response_left_out, false)
            as response_blank,
        $has_resolved and resolved_at is null and not coalesce(resolved_left_out, false) as resolved_blank,
        $has_closed and closed_at is null and not coalesce(closed_left_out, false) as closed_blank,
        case when $has_reopen then reopen_count end as file_reopen_count,
        status_given
    from ingest_older_rows
)

select
    r.row_no,
    c.first_response_at,
    coalesce(c.first_response_date_only, false) as first_response_date_only,
    c.resolved_at,
    coalesce(c.resolved_date_only, false) as resolved_date_only,
    c.closed_at,
    coalesce(c.closed_date_only, false) as closed_date_only,
    coalesce(c.reopen_count, 0) as stored_reopen_count,
    r.response_blank and c.first_response_at is not null as lost_response,
    r.file_reopen_count is not null and r.file_reopen_count < coalesce(c.reopen_count, 0) as fewer_reopens,
    $has_reopen and r.file_reopen_count is not null and r.file_reopen_count <= coalesce(c.reopen_count, 0)
        and r.status_given is distinct from 'reopened' and c.status in ('resolved', 'closed', 'cancelled')
        and r.resolved_blank and c.resolved_at is not null as lost_resolved,
    $has_reopen and r.file_reopen_count is not null and r.file_reopen_count <= coalesce(c.reopen_count, 0)
        and r.status_given is distinct from 'reopened' and c.status in ('resolved', 'closed', 'cancelled')
        and r.closed_blank and c.closed_at is not null as lost_closed,
    (not $has_reopen or r.file_reopen_count is null) and r.status_given is distinct from 'reopened'
        and c.status in ('resolved', 'closed', 'cancelled')
        and ((r.resolved_blank and c.resolved_at is not null) or (r.closed_blank and c.closed_at is not null))
        as unreopened
from rows as r
join complaints as c on c.source = r.source and c.source_id = r.source_id
where (r.response_blank and c.first_response_at is not null)
    or (r.file_reopen_count is not null and r.file_reopen_count < coalesce(c.reopen_count, 0))
    or (r.status_given is distinct from 'reopened' and c.status in ('resolved', 'closed', 'cancelled')
        and ((r.resolved_blank and c.resolved_at is not null) or (r.closed_blank and c.closed_at is not null)))
order by r.row_no
