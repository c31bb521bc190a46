-- The lock state of a name no account holds, read from the audit log the way an account keeps it in its row:
-- the failures counted since the name's last lockout or sign-in, and the end of its last lockout.
-- Parameters: $username (normalised). One row: locked_until (naive UTC, null when never locked), failed_attempts.
with last_reset as (
    select coalesce(max(audit_id), 0) as audit_id
    from audit_log
    where username = $username and action in ('login', 'lockout')
),

last_lockout as (
    select try_cast(json_extract_string(details, '$.locked_until') as timestamp) as locked_until
    from audit_log
    where username = $username and action = 'lockout' and audit_id = (select audit_id from last_reset)
),

failures as (
    select count(*) as failed_attempts
    from audit_log
    where username = $username and action = 'login_failed' and json_extract_string(details, '$.reason') = 'failed'
        and audit_id > (select audit_id from last_reset)
),

final as (
    select (select locked_until from last_lockout) as locked_until, failed_attempts
    from failures
)

select * from final
