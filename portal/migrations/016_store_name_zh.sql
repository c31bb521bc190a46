-- Store names in Chinese (issue 10): a store keeps its English (or source) name in `name` and may carry a
-- Chinese name; screens, exports and the brief show name_zh in Chinese when it is set, else name (the
-- models/store_label.sql macro, the one rule). Nullable: imported stores may have no Chinese name.
alter table stores add column name_zh varchar;
