-- 025_master_assignments: a store's region, an agent's team and home store may change after other data refer to
-- them (SPEC §2: "a store that changes region keeps its past figures under the old region"). DuckDB cannot update
-- a foreign-key column of a row another table refers to (an update of an indexed column is a delete and an insert),
-- so a change made after the row was created is kept here, one row per store or agent whose assignment changed,
-- and the base column keeps the value the row was created with. Nothing refers to these tables: their rows are
-- updated, deleted and put back by undo freely; their own foreign keys keep the values valid. What a store or agent
-- has now is read through the views models/stores_now.sql and models/agents_now.sql.
-- batch_id: the import batch that last set the row (portal/ingest/master_stores.py, master_agents.py).
create table store_assignments (
    store_id integer primary key references stores (store_id),
    region_id integer references regions (region_id),
    batch_id bigint
);

create table agent_assignments (
    agent_id integer primary key references agents (agent_id),
    team_id integer references teams (team_id),
    home_store_id integer references stores (store_id),
    batch_id bigint
);
