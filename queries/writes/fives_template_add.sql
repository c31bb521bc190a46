-- Add the next version of a 5S template (version 1 for a new code); returns its template_id and version. The
-- new version keeps the previous one's default flag and fail rule (fail_ratio); $allowed_scores is its point
-- scale (null: every whole number 0..max_score).
insert into fives_templates (template_code, version, name_en, name_zh, is_default, created_by, fail_ratio,
                             allowed_scores)
select $code,
       coalesce((select max(version) from fives_templates where template_code = $code), 0) + 1,
       $name_en, $name_zh,
       coalesce((select bool_or(is_default) from fives_templates where template_code = $code), false),
       $username,
       coalesce(
           (select fail_ratio from fives_templates where template_code = $code order by version desc limit 1), 0.25
       ),
       $allowed_scores::smallint[]
returning template_id, version
