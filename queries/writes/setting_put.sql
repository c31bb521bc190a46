-- Write one setting (an admin's override of the default in portal/settings.py).
-- Parameters: $key, $value (JSON text), $updated_by.
insert or replace into settings (key, value, updated_at, updated_by)
values ($key, $value::json, current_timestamp, $updated_by)
