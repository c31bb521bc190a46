-- Complaint tiles of the previous period: complaint_summary's columns that a tile's change reads, nothing else.
-- Parameters: those of queries/complaint_summary.sql (the same statement but for its select list).
-- Grain: one row. The previous period's row is read only for the change of the current period's tiles
-- (portal.complaints.tiles, partial.data_rules and day_shares; the overview's z test of a rate's change: its
-- events). Its other columns (the date-only and business-hours counts, the resolutions within target, the backlog
-- by age, the day shares' counts) are left out, and DuckDB computes no aggregate that nothing selects (issue 14:
-- the backlog's age and the severity's target are not derived; ~15 % of this statement's CPU at bench scale 10).
-- tests/test_complaint_previous_summary.py holds these columns equal to complaint_summary's and every key the
-- tiles read from the previous row among them, and the text before the select list equal to complaint_summary's.
-- That text is not a shared model macro: db.statement_sql swaps the facts macro for its calendar twin in a
-- query's own text (business hours off), which a macro holding the call would not see.
-- result: rows (one row, read as frames.Rows: portal.db.run_query)
with
-- one row per complaint a figure of the period can touch, with its flags and durations: the table macro
-- complaint_facts (models/complaint_facts.sql), shared by every complaint query. Read once (complaint_totals), so
-- not materialized: DuckDB reads only the columns the totals count instead of copying every column of every row
-- first (issue 14: ~17 ms of this statement's ~185 ms of CPU at bench scale 10)
facts as (
    select f.*
    from complaint_facts(
        scope_all_stores := $scope_all_stores, scope_store_ids := $scope_store_ids,
        scope_region_ids := $scope_region_ids,
        start_at := $start_at, end_at := $end_at, region_ids := $region_ids, store_ids := $store_ids,
        channels := $channels, categories := $categories, severities := $severities,
        business_hours := $business_hours, as_of := $as_of, sla_as_of := $sla_as_of, sla_hours := $sla_hours,
        target_high_hours := $target_high_hours, target_normal_hours := $target_normal_hours,
        target_low_hours := $target_low_hours, report_tz := $report_tz
    ) as f
    where in_store_scope($scope_all_stores, $scope_store_ids, $scope_region_ids, f.store_id, f.region_id)  -- the macro filters too
),

-- the first day of complaint data in scope and selection (models/complaints_covered_from.sql), one row
covered as (
    select *
    from complaints_covered_from(
        $scope_all_stores, $scope_store_ids, $scope_region_ids, $region_ids, $store_ids, $report_tz
    )
)

-- the tiles' figures that a change reads: the model complaint_totals (models/complaint_totals.sql)
select
    t.complaint_count, t.cancelled_count, t.unanswered_count, t.first_response_stamp_count, t.status_known_count,
    t.status_unknown_count, t.resolution_unknown_count,
    t.first_response_n, t.first_response_median_hours, t.first_response_p90_hours,
    t.sla_elapsed_count, t.sla_met_count, t.sla_attainment_pct, t.sla_undecided_count,
    t.resolved_count, t.resolution_n, t.resolution_median_hours, t.resolution_p90_hours,
    t.reopen_base_count, t.reopen_unknown_count, t.reopened_count, t.reopen_rate_pct,
    t.recovery_n, t.recovered_count, t.recovery_rate_pct,
    t.backlog_count,
    t.first_response_days_n, t.first_response_median_days, t.first_response_p90_days,
    t.answered_same_day_pct, t.answered_within_1d_pct, t.answered_within_7d_pct,
    t.resolution_days_n, t.resolution_median_days, t.resolution_p90_days,
    c.covered_from
from complaint_totals('facts') as t
cross join covered as c
