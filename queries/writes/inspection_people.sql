-- The people an inspection sheet may name (writes of the inspections kind: portal/fives_intake/kind.py): every
-- user's login and display name, active or not (an inspector who left still did the inspections they did).
-- Parameters: none.
select username, display_name from users order by username
