-- Rename the regions staged by master_regions_stage (plain columns only: the key stays).
update regions as g set name_en = s.name_en, name_zh = s.name_zh
from master_region_stage as s
where g.region_id = s.existing_id
