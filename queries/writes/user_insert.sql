-- Insert one user account (password already a bcrypt hash); returns its user_id.
-- Parameters: $username (normalised), $display_name, $email, $password_hash, $roles, $scope_region_id,
--   $scope_store_ids, $scope_team_id, $agent_id, $now (password_changed_at).
insert into users (
    username, display_name, email, password_hash, roles, scope_region_id, scope_store_ids, scope_team_id,
    agent_id, password_changed_at
)
values (
    $username, $display_name, $email, $password_hash, $roles::varchar[], $scope_region_id,
    $scope_store_ids::integer[], $scope_team_id, $agent_id, $now
)
returning user_id
