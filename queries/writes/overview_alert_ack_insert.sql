-- One acknowledgement or snooze of an overview alert, with its note (portal.writes.acknowledge_alert).
-- Parameters: $scope_key, $condition_key, $fingerprint, $action ('acknowledge' | 'snooze'), $snooze_until, $note, $username, $now.
insert into overview_alert_acks (scope_key, condition_key, fingerprint, action, snooze_until, note, username, created_at)
values ($scope_key, $condition_key, $fingerprint, $action, $snooze_until, $note, $username, $now)
returning ack_id
