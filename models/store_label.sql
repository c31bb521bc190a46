-- How a store is named on screen, in exports and in the brief, written once: the Chinese name in Chinese when
-- the store has one, else its name (the English or source name).
-- Parameters: name (stores.name), name_zh (stores.name_zh, nullable), lang ('en' or 'zh': the reader's
--   language, bound as $lang by the queries; portal.db.run_query binds 'en' unless the caller says otherwise).
-- Grain: a scalar macro, one label per row.
create or replace macro store_label(name, name_zh, lang) as
    case when lang = 'zh' and nullif(trim(name_zh), '') is not null then name_zh else name end;
