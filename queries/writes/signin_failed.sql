-- A failed sign-in of a known account: one more failure in a row, counted in the database (no lost update
-- when two attempts race); returns the new count.
-- Parameters: $user_id.
update users set failed_attempts = failed_attempts + 1
where user_id = $user_id
returning failed_attempts
