-- Team names in Chinese: a team keeps its English (or source) name in `name` and may carry a Chinese name, as a
-- store does (migration 016); screens and exports show name_zh in Chinese when it is set, else name (the
-- models/team_label.sql macro). Nullable: teams imported with a name in one language only have none.
alter table teams add column name_zh varchar;
