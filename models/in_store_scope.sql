-- The store scope rule, written once: is a row of this store inside the caller's scope?
-- Parameters: scope_all_stores (boolean: the whole chain), scope_store_ids (the caller's store ids),
--   row_store_id (the row's store; null = no store, e.g. an online complaint: whole-chain scopes only).
-- Grain: a scalar macro, one boolean per row, never null (a row without a store is false for a scoped caller:
-- "not in_store_scope(...)" finds it outside; with list_contains' null it was neither in nor out). Every query
-- filters its rows with it; the caller's scope comes in as bound parameters (portal/scope.py). tests/test_query_scope.py checks that every query file uses it.
create or replace macro in_store_scope(scope_all_stores, scope_store_ids, row_store_id) as
    scope_all_stores or coalesce(list_contains(scope_store_ids, row_store_id), false);
