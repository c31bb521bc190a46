-- Store the dimensions of a new survey instrument (lists of equal length, in position order).
insert into instrument_dimensions (instrument_id, dimension_code, position, name_en, name_zh, default_weight)
select $instrument_id, unnest($codes), unnest($positions), unnest($names_en), unnest($names_zh), unnest($weights)
