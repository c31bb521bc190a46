-- The staged QA reviews that are new, changed and unchanged.
select
    count(*) filter (where existing_id is null),
    count(*) filter (where is_changed),
    count(*) filter (where existing_id is not null and not is_changed)
from qa_stage
