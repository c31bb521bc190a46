-- How a team is named on screen and in exports: the store's rule (models/store_label.sql), the Chinese name in
-- Chinese when the team has one, else its name.
-- Parameters: name (teams.name), name_zh (teams.name_zh, nullable), lang ('en' or 'zh': the reader's language).
-- Grain: a scalar macro, one label per row.
-- depends on: store_label
create or replace macro team_label(name, name_zh, lang) as store_label(name, name_zh, lang);
