-- Insert the item scores of the inspections this batch inserted (N/A: score null, is_not_applicable).
insert into fives_item_scores (inspection_id, item_code, score, is_not_applicable, comment, photo_path)
select i.inspection_id, r.item_code, case when r.is_na then null else r.score end, r.is_na, r.comment, r.photo
from inspection_rows as r
join fives_inspections as i on i.source_id = r.inspection_id and i.batch_id = $batch_id
order by r.row_no
