-- Sessions that end (issue 15): every sign-in cookie carries the user's session version; signing out, a
-- password change, a role / scope / active change and a lockout raise it, so every cookie issued before is
-- refused. (DuckDB adds no column with a constraint: null reads as 0.)
alter table users add column session_version integer default 0;
