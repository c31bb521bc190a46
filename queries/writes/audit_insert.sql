-- One audit log row: who did what to what (logins, failures, lockouts, uploads, undos, settings, users).
-- Parameters: $username (null: the system), $action (portal.audit.ACTIONS), $target, $details (JSON text or null).
insert into audit_log (username, action, target, details)
values ($username, $action, $target, $details::json)
