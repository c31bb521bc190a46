-- The sections of a new template version, from the registered relation template_sections.
insert into fives_sections (template_id, section_code, position, name_en, name_zh, weight)
select $template_id, section_code, position, name_en, name_zh, weight
from template_sections
order by position
