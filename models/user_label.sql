-- How a person is named on screen and in exports, written once: the user's display name (users table) for a
-- login name, else the name as stored (the login name of a user no longer in the table, a command line run's
-- os:<name>, a name that came from a sheet or the demo data).
-- Parameters: name (a login name as the tables keep it: owner, verified_by, inspector_username, an import's
--   author, ...).
-- Grain: a scalar macro, one label per row (null stays null).
create or replace macro user_label(name) as
    coalesce((select any_value(u.display_name) from users as u where u.username = name), name);
