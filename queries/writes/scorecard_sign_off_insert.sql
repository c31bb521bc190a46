-- A team lead's sign-off of an agent's period with a coaching note (append-only); returns its id.
insert into scorecard_sign_offs (agent_id, grain, period_start, coaching_note, signed_by, signed_at)
values ($agent_id, $grain, $period_start, $note, $username, $now)
returning sign_off_id
