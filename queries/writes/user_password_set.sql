-- Set one user's password hash; clears the failure count and any lockout, and ends every session of the user
-- (the session version goes up); returns the new session version.
-- Parameters: $username, $password_hash (bcrypt), $now (password_changed_at, naive UTC).
update users
set password_hash = $password_hash, password_changed_at = $now, failed_attempts = 0, locked_until = null,
    session_version = coalesce(session_version, 0) + 1
where username = $username
returning session_version
