-- The stores a 5S sheet upload names, for its notice (portal.fives_intake.upload: "1 inspection sheet read (S001
-- Store One on 2026-11-02)"), code and name as the tablet form's receipt gives them: those of $store_codes inside
-- the caller's scope (a code outside it, or unknown, is named by its code alone), named in both languages (the
-- notice is written before the page's language is known).
-- Parameters: $store_codes, scope. Grain: one row per store.
select
    s.store_code,
    store_label(s.name, s.name_zh, 'en') as name_en,
    store_label(s.name, s.name_zh, 'zh') as name_zh
from stores_now as s
where list_contains($store_codes, s.store_code)
  and in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, s.store_id, s.region_id)
order by s.store_code
