-- Every stored region's code (an upload of stores matches the file's region codes to them: R01 and r1 are R1).
select region_code from regions order by region_code
