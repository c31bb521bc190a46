-- End every session of one user (sign-out): the session version goes up, so each cookie issued before is
-- refused on its next use; returns the new version.
-- Parameters: $username.
update users set session_version = coalesce(session_version, 0) + 1
where username = $username
returning session_version
