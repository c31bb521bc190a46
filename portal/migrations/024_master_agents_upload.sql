-- The agents upload (portal/ingest/master_agents.py): teams it creates carry its batch (undo removes them, as it
-- removes the agents it created).
alter table teams add column created_batch_id bigint;
