-- Take $n complaint ids from the complaints' sequence for complaints_insert_new (the first, the last, how many): contiguous unless another insert took ids meanwhile, which the caller checks (it then stages the file as before).
select min(taken.id) as first_id, max(taken.id) as last_id, count(*) as n
from (select nextval('seq_complaint_id') as id from range($n)) as taken
