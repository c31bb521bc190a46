-- Who inspected (5S): the inspector the sheet names when it names someone other than the uploader (an area
-- auditor's sheets uploaded by a store's clerk or a manager: each auditor is an inspector of their own in the
-- consistency view), else the uploader's login name (the tablet form, a sheet naming its uploader by login or
-- display name), else the name as stored.
-- Parameters: name (fives_inspections.inspector_name), username (fives_inspections.inspector_username).
-- Grain: a scalar macro, one inspector per inspection.
-- depends on: user_label
create or replace macro inspection_inspector(name, username) as
    case
        when nullif(trim(name), '') is not null and username is not null
            and lower(trim(name)) not in (lower(username), lower(coalesce(user_label(username), username)))
            then trim(name)
        else coalesce(username, nullif(trim(name), ''))
    end;
