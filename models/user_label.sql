-- How a person is named on screen and in exports, written once: the user's display name (users table) for a
-- login name, else the name as stored (the login name of a user no longer in the table, a command line run's
-- os:<name>, a name that came from a sheet or the demo data).
-- Parameters: name (a login name as the tables keep it: owner, verified_by, inspector_username, an import's
--   author, ...).
-- Grain: a scalar macro, one label per row (null stays null).
create or replace macro user_label(name) as
    coalesce((select any_value(u.display_name) from users as u where u.username = name), name);

-- Who inspected (5S): the inspector the sheet names when it names someone other than the uploader (an area
-- auditor's sheets uploaded by a store's clerk or a manager: each auditor is an inspector of their own in the
-- consistency view), else the uploader's login name (the tablet form, a sheet naming its uploader by login or
-- display name), else the name as stored.
-- Parameters: name (fives_inspections.inspector_name), username (fives_inspections.inspector_username).
create or replace macro inspection_inspector(name, username) as
    case
        when nullif(trim(name), '') is not null and username is not null
            and lower(trim(name)) not in (lower(username), lower(coalesce(user_label(username), username)))
            then trim(name)
        else coalesce(username, nullif(trim(name), ''))
    end;
