-- Who inspected (5S): the user the import decided (fives_inspections.inspector_username: the user the sheet names,
-- the uploader for a sheet naming nobody or them: portal/fives_intake/kind.py, _inspector_users; migration 022
-- for inspections stored before), else the name the sheet gives (an auditor without an account).
-- Parameters: name (fives_inspections.inspector_name), username (fives_inspections.inspector_username).
-- Grain: a scalar macro, one inspector per inspection.
create or replace macro inspection_inspector(name, username) as
    coalesce(username, nullif(trim(name), ''));
