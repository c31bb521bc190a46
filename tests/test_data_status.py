"""The Data status table (portal/data_status.py): the last import in the reporting zone, to the whole second,
its header naming the zone; both languages."""

from __future__ import annotations

import pandas as pd

from portal import data_status


def _status() -> pd.DataFrame:
    # as the data_status query returns it: the last import a stored (naive UTC) timestamp with microseconds
    return pd.DataFrame(
        {
            "kind": ["stores", "complaints"],
            "row_count": [3, 0],
            "first_on": [pd.Timestamp("2020-01-01"), pd.NaT],
            "last_on": [pd.Timestamp("2024-06-01"), pd.NaT],
            "last_import_at": [pd.Timestamp("2026-12-05 07:21:43.340930"), pd.NaT],
        }
    )


def test_the_last_import_is_shown_in_the_reporting_zone_to_the_whole_second():
    # sparse-data probe: "2026-12-05 07:21:43.340930" (UTC) under "Last import" while Beijing read 15:21
    shown = data_status.table(_status(), "Asia/Shanghai", "en")
    assert list(shown.columns) == ["Kind of data", "Rows", "From", "To", "Last import (Beijing time)"]
    assert list(shown["Kind of data"]) == ["Stores", "Complaints"]
    column = shown["Last import (Beijing time)"]
    assert column.iloc[0] == pd.Timestamp("2026-12-05 15:21:43") and pd.isna(column.iloc[1])
    assert str(column.iloc[0]) == "2026-12-05 15:21:43"  # as the CSV writes it: no microseconds


def test_the_header_names_the_zone_in_chinese():
    shown = data_status.table(_status(), "UTC", "zh")
    assert list(shown.columns) == ["数据类别", "行数", "起始日期", "截止日期", "最近导入(UTC)"]
    assert shown["最近导入(UTC)"].iloc[0] == pd.Timestamp("2026-12-05 07:21:43")
