-- A successful sign-in: the failure count and lockout cleared, the time of sign-in kept.
-- Parameters: $user_id, $now (naive UTC).
update users set failed_attempts = 0, locked_until = null, last_login_at = $now
where user_id = $user_id
