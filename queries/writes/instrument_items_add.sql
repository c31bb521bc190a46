-- Store the items of a new survey instrument (lists of equal length); item_code: the questionnaire's own name of
-- the item (null where its number is its name).
insert into instrument_items (instrument_id, item_no, dimension_code, text_en, text_zh, item_code)
select $instrument_id, unnest($item_nos), unnest($dimension_codes), unnest($texts_en), unnest($texts_zh),
    unnest($item_codes)
