-- 021_model_state (issue 14): the digest of the models (models/*.sql, with the schema version) last applied to
-- this database. Every read-write connection re-created all 23 models (~40 ms); it now does so only when the
-- code's models or the schema differ from what the database holds (portal/db.py: apply_models).
create table model_state (
    digest varchar not null,
    applied_at timestamp not null default current_timestamp
);
