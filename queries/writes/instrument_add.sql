-- Store a survey instrument as the next version of its code (1 for a new code); returns its id and version.
insert into survey_instruments (
    instrument_code, version, name_en, name_zh, scale_min, scale_max, is_default, created_by
)
select
    $instrument_code,
    coalesce(max(version), 0) + 1,
    $name_en, $name_zh, $scale_min, $scale_max, false, $created_by
from survey_instruments
where upper(instrument_code) = upper($instrument_code)
returning instrument_id, version
