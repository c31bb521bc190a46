-- Status history of the complaints complaints_insert_new added (ids $first_id to $last_id): their first status, at its stamp (the batch's time when the status has none), as complaints_history_new gives it.
insert into complaint_status_history (complaint_id, status, changed_at, batch_id)
select
    c.complaint_id,
    c.status,
    coalesce(
        case c.status
            when 'open' then c.received_at
            when 'responded' then c.first_response_at
            when 'resolved' then c.resolved_at
            when 'closed' then c.closed_at
            when 'cancelled' then c.closed_at
        end,
        $batched_at
    ),
    $batch_id
from complaints as c
where c.complaint_id between $first_id and $last_id
