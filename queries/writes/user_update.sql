-- Change an admin-editable column of one user: each column is written only when its $set_<column> flag is true.
-- A change of roles, scope (region, stores, team, agent) or the active flag ends every session of the user
-- (the session version goes up), so a cookie issued before it is refused.
-- Parameters: $username; for each of display_name, email, roles, scope_region_id, scope_store_ids,
--   scope_team_id, agent_id, is_active: $set_<column> (boolean) and $<column> (the new value).
update users set
    display_name = case when $set_display_name then $display_name else display_name end,
    email = case when $set_email then $email else email end,
    roles = case when $set_roles then $roles::varchar[] else roles end,
    scope_region_id = case when $set_scope_region_id then $scope_region_id::integer else scope_region_id end,
    scope_store_ids = case when $set_scope_store_ids then $scope_store_ids::integer[] else scope_store_ids end,
    scope_team_id = case when $set_scope_team_id then $scope_team_id::integer else scope_team_id end,
    agent_id = case when $set_agent_id then $agent_id::integer else agent_id end,
    is_active = case when $set_is_active then $is_active::boolean else is_active end,
    session_version = coalesce(session_version, 0) + case
        when $set_roles or $set_scope_region_id or $set_scope_store_ids or $set_scope_team_id
            or $set_agent_id or $set_is_active then 1 else 0 end
where username = $username
