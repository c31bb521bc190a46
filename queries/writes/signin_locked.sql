-- Lock an account after too many failures in a row: the count restarts, the lock holds until $locked_until.
-- Parameters: $user_id, $locked_until (naive UTC).
update users set failed_attempts = 0, locked_until = $locked_until
where user_id = $user_id
