-- Every stored region's code, then its names (an upload of stores matches the file's region codes to them: R01 and
-- r1 are R1; a region named instead of coded, East or 华东区, is R2).
select region_code, name_en, name_zh from regions order by region_code
