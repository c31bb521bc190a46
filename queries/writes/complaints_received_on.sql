-- Complaint import check: each file row's received date in the reporting zone (models/complaint_received_on.sql),
-- the day the stage takes a new complaint's region on, so the scope check decides by the region it will be stored
-- with. Parameters: report_tz. Grain: one row per file row (complaint_stamps: row_no, received_at,
-- received_date_only), in row_no order.
select c.row_no, complaint_received_on(c.received_at, c.received_date_only, $report_tz) as received_on
from complaint_stamps as c
order by c.row_no
