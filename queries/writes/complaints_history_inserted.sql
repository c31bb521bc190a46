-- Status history of the complaints complaints_insert_new added (ids $first_id to $last_id): their first status, at its stamp (the batch's time when the status has none), as complaints_history_new gives it.
insert into complaint_status_history (complaint_id, status, changed_at, changed_date_only, batch_id)
select
    c.complaint_id,
    c.status,
    coalesce(s.stamp, $batched_at),
    coalesce(s.stamp is not null and s.date_only, false),  -- a date-only stamp stays a date (SPEC §2)
    $batch_id
from complaints as c,
    lateral (
        select
            case c.status
                when 'open' then c.received_at
                when 'responded' then c.first_response_at
                when 'resolved' then c.resolved_at
                when 'closed' then c.closed_at
                when 'cancelled' then c.closed_at
            end as stamp,
            case c.status
                when 'open' then c.received_date_only
                when 'responded' then c.first_response_date_only
                when 'resolved' then c.resolved_date_only
                when 'closed' then c.closed_date_only
                when 'cancelled' then c.closed_date_only
            end as date_only
    ) as s
where c.complaint_id between $first_id and $last_id
