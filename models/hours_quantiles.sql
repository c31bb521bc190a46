-- The median and 90th percentile of a duration in hours, written once: [median, p90] by linear interpolation, as
-- quantile_cont gives them (null when no row has a value), for the complaint figures' first-response and
-- resolution times (complaint_totals, queries/complaint_breakdowns.sql).
-- Why not quantile_cont(hours, [0.5, 0.9]) itself: DuckDB ranks a DOUBLE column about twice as slowly as a BIGINT
-- one (issue 14: those pairs were ~250 ms of the Complaints page's ~665 ms of CPU at bench scale 10). The hours are
-- ranked as whole units of 2^-36 hour (52 nanoseconds; a BIGINT holds ~15,000 years of them, more than any two
-- stamps can be apart): a calendar duration between stamps of 2000-2029 is an exact multiple of 2^-34 hour (its
-- two clocks, epoch / 3600, are doubles of that step), so it and its rank are exactly those of the double; only the
-- interpolated part of a result between two ranks is rounded to the unit (less than 2^-36 hour, far below the
-- stamps' microsecond).
-- Parameters: hours (a DOUBLE per row; null rows are left out, so a CASE can choose the rows).
-- Grain: an aggregate macro, one DOUBLE[2] per group.
create or replace macro hours_quantiles(hours) as
    list_transform(
        quantile_cont(cast(hours * 68719476736 as bigint), [0.5, 0.9]),
        lambda units: units / 68719476736
    );
