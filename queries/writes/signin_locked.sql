-- Lock an account after too many failures in a row: the count restarts, the lock holds until $locked_until,
-- and every session of the account ends (its session version goes up).
-- Parameters: $user_id, $locked_until (naive UTC).
update users set failed_attempts = 0, locked_until = $locked_until,
    session_version = coalesce(session_version, 0) + 1
where user_id = $user_id
