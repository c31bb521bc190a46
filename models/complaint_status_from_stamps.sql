-- A complaint's status when the file gives none, written once for both ways an import writes complaints
-- (queries/writes/complaints_stage.sql, complaints_insert_new.sql): the furthest stamp the file has. A stamp left out
-- (before the complaint, unreadable, in the future) still says what happened, only its time is unknown.
-- Parameters: status_given (the file's mapped status; null: none), each stamp and whether the file's value of it
-- was left out.
-- Grain: a scalar macro, one status per row.
create or replace macro complaint_status_from_stamps(
    status_given, closed_at, closed_left_out, resolved_at, resolved_left_out, first_response_at,
    first_response_left_out
) as
    coalesce(
        status_given,
        case
            when closed_at is not null or closed_left_out then 'closed'
            when resolved_at is not null or resolved_left_out then 'resolved'
            when first_response_at is not null or first_response_left_out then 'responded'
            else 'open'
        end
    );
