-- The items of a new template version, from the registered relation template_items (is_red_line: migration 006).
insert into fives_items (template_id, item_code, section_code, position, text_en, text_zh, weight, max_score,
                         is_red_line)
select $template_id, item_code, section_code, position, text_en, text_zh, weight, max_score, is_red_line
from template_items
order by section_code, position
