-- Add the next version of a 5S template (version 1 for a new code); returns its template_id and version.
insert into fives_templates (template_code, version, name_en, name_zh, is_default, created_by)
select $code,
       coalesce((select max(version) from fives_templates where template_code = $code), 0) + 1,
       $name_en, $name_zh,
       coalesce((select bool_or(is_default) from fives_templates where template_code = $code), false),
       $username
returning template_id, version
