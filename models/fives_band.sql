-- The 5S band of a percentage (SPEC.md §3; thresholds from settings.fives_bands, passed by the caller).
-- Parameters: pct (0-100; null: no band), excellent_min (90), good_min (80), needs_improvement_min (60).
-- Grain: a scalar macro: excellent, good, needs_improvement, failing (portal/vocab.py FIVES_BANDS) or null.
-- Judged on the percentage as shown, rounded half up to one decimal (portal/rounding.py; DuckDB's round takes a
-- half away from zero): 89.96 shows "90.0%" and is excellent (FivesSettings.band, the same rule in Python).
create or replace macro fives_band(pct, excellent_min, good_min, needs_improvement_min) as
    case
        when pct is null then null
        when round(pct, 1) >= excellent_min then 'excellent'
        when round(pct, 1) >= good_min then 'good'
        when round(pct, 1) >= needs_improvement_min then 'needs_improvement'
        else 'failing'
    end;
