-- QA-review import: the complaints a file's complaint ids name (source id, complaint id, how many share the id).
select source_id, min(complaint_id), count(*)
from complaints
where source_id in (select unnest($refs))
group by source_id
