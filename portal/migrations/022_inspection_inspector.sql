-- 022_inspection_inspector: who inspected, as an import now decides it (portal/fives_intake/kind.py,
-- _inspector_users): fives_inspections.inspector_username held the uploader whatever the sheet's inspector was,
-- so a clerk (or a manager, or the command line's os:<name>) uploading each auditor's sheets was the inspector
-- of them all, and the 5S inspector consistency compared no one. Stored inspections are decided again the same
-- way (spaces and case aside; the import also folds full-width letters): the uploader where the sheet named them
-- (login or display name) or no one; else the one user the name matches; else none (the name is the key:
-- models/inspection_inspector.sql). The stored 5S facts of the stores this changes are refreshed on the next
-- read-write connection (their inspector differs: writes.refresh_fives_facts).
update fives_inspections as i
set inspector_username = case
    when lower(regexp_replace(i.inspector_name, '\s+', '', 'g')) in (
        select lower(regexp_replace(u.display_name, '\s+', '', 'g')) from users as u
        where u.username = i.inspector_username and u.display_name is not null
    ) or lower(regexp_replace(i.inspector_name, '\s+', '', 'g'))
        = lower(regexp_replace(i.inspector_username, '\s+', '', 'g'))
        then i.inspector_username
    when (
        select count(distinct u.username) from users as u
        where lower(regexp_replace(i.inspector_name, '\s+', '', 'g'))
            in (lower(regexp_replace(u.username, '\s+', '', 'g')), lower(regexp_replace(coalesce(u.display_name, u.username), '\s+', '', 'g')))
    ) = 1
        then (
            select min(u.username) from users as u
            where lower(regexp_replace(i.inspector_name, '\s+', '', 'g'))
                in (lower(regexp_replace(u.username, '\s+', '', 'g')), lower(regexp_replace(coalesce(u.display_name, u.username), '\s+', '', 'g')))
        )
    end
where i.inspector_name is not null and trim(i.inspector_name) <> '' and i.inspector_username is not null;
