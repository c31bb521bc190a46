-- Store the items of a new survey instrument (lists of equal length).
insert into instrument_items (instrument_id, item_no, dimension_code, text_en, text_zh)
select $instrument_id, unnest($item_nos), unnest($dimension_codes), unnest($texts_en), unnest($texts_zh)
