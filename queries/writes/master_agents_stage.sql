-- Stage an upload of agents against the stored ones: one row per file row with the stored agent's id
-- (existing_id, null for a new agent), its team and home store ids (stored_*: those it has now, agents_now), and
-- whether a stored agent changes (is_changed). A blank cell (or a column the file does not carry) keeps the stored
-- value; a new agent's blank name is its code, and a new agent is active unless the file says otherwise.
create or replace temp table master_agent_stage as
with rows as (
    select
        r.row_no,
        r.agent_code,
        a.agent_id as existing_id,
        coalesce(r.name, a.name, r.agent_code) as name,
        coalesce(t.team_id, a.team_id) as team_id,
        coalesce(s.store_id, a.home_store_id) as home_store_id,
        coalesce(r.is_active, a.is_active, true) as is_active,
        coalesce(r.hired_on, a.hired_on) as hired_on,
        a.team_id as stored_team_id,
        a.home_store_id as stored_home_store_id,
        row(a.name, a.team_id, a.home_store_id, a.is_active, a.hired_on) as stored
    from master_agent_rows as r
    left join teams as t on t.team_code = r.team_code
    left join stores as s on s.store_code = r.home_store_code
    left join agents_now as a on a.agent_code = r.agent_code
)

select
    * exclude (stored),
    existing_id is not null
    and row(name, team_id, home_store_id, is_active, hired_on) is distinct from stored as is_changed
from rows
