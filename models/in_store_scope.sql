-- The store scope rule, written once: is a row of this store inside the caller's scope?
-- Parameters: scope_all_stores (boolean: the whole chain), scope_store_ids (the caller's explicit stores),
--   scope_region_ids (the regions the caller is scoped to by region), row_store_id (the row's store; null = no
--   store, e.g. an online complaint), row_region_id (the row's region: on a fact row the region stamped on it when
--   it happened (complaints, survey responses, inspections, and what hangs off them, e.g. a corrective action
--   through its inspection); on master data that carries none (stores, store hours, agents now by home store) the
--   store's current region; on a row about an agent, its home store's region on the row's date: agent_in_scope).
-- A store that changes region keeps its past figures under the old region (SPEC §2): a regional scope is decided
-- by the row's region, never by the stores the region has today; an explicit store list by the row's store.
-- Grain: a scalar macro, one boolean per row, never null (a row neither in the stores nor in the regions is false:
-- "not in_store_scope(...)" finds it outside; with list_contains' null it was neither in nor out). Every query
-- filters its rows with it; the caller's scope comes in as bound parameters (portal/scope.py). tests/test_query_scope.py checks that every query file uses it.
create or replace macro in_store_scope(scope_all_stores, scope_store_ids, scope_region_ids, row_store_id, row_region_id) as
    scope_all_stores
    or coalesce(list_contains(scope_store_ids, row_store_id), false)
    or coalesce(list_contains(scope_region_ids, row_region_id), false);
