-- Set one user's password hash; clears the failure count and any lockout.
-- Parameters: $username, $password_hash (bcrypt), $now (password_changed_at, naive UTC).
update users
set password_hash = $password_hash, password_changed_at = $now, failed_attempts = 0, locked_until = null
where username = $username
