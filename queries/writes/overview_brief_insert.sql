-- One issued weekly brief, stored unchanged (portal.writes.store_brief).
-- Parameters: $week, $scope_key, $lang, $body_markdown, $body_json (JSON text), $issued_by, $now.
insert into overview_briefs (week, scope_key, lang, body_markdown, body_json, issued_by, issued_at)
values ($week, $scope_key, $lang, $body_markdown, $body_json::json, $issued_by, $now)
returning brief_id
