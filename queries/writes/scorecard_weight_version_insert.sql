-- A new scorecard weights version, effective from $effective_from (its rules follow); returns its number.
insert into scorecard_weight_versions (effective_from, note, created_by)
values ($effective_from, $note, $created_by)
returning version
