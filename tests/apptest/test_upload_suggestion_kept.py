"""Upload page (issue 14): the mapping form's suggestion (the suggested mapping and the columns mostly of times of
day) is read off a file's first rows once per file, not on every rerun of the form, and a new file gets its own."""

from __future__ import annotations

from portal.ingest import mapping, reading, split_stamps
from tests.apptest.test_upload_pages import open_upload, upload

# another export of another system: its own headers, a date column and a time-of-day column
OTHER = "\n".join(
    ["工单号,受理日期,受理时刻,门店编码", "W-1,2026-03-02,09:15,S001", "W-2,2026-03-02,14:40,S002", ""]
).encode()


def _count_calls(monkeypatch) -> dict[str, int]:
    calls = {"mapping": 0, "times": 0}
    suggest, times = mapping.suggest_mapping, split_stamps.time_columns

    def counted_suggest(*args, **kwargs):
        calls["mapping"] += 1
        return suggest(*args, **kwargs)

    def counted_times(*args, **kwargs):
        if kwargs.get("mostly"):  # the form's own call (the suggestion looks for time columns too)
            calls["times"] += 1
        return times(*args, **kwargs)

    monkeypatch.setattr(mapping, "suggest_mapping", counted_suggest)
    monkeypatch.setattr(split_stamps, "time_columns", counted_times)
    return calls


def test_the_suggestion_is_read_off_a_file_once_and_a_new_file_gets_its_own(own_db, monkeypatch):
    calls = _count_calls(monkeypatch)
    at = open_upload()
    form = upload(at)
    assert calls == {"mapping": 1, "times": 1}
    assert at.selectbox(key=f"{form}field_source_id").value == "Ticket No"
    at.run()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert calls == {"mapping": 1, "times": 1}  # two reruns of the form: nothing read off the file again
    assert at.selectbox(key=f"{form}field_source_id").value == "Ticket No"
    assert at.selectbox(key=f"{form}field_received_at").value == "Opened"

    at.file_uploader(key="upload_file").upload("other.csv", OTHER, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    assert calls == {"mapping": 2, "times": 2}
    other = f"upload_map_complaints_{reading.file_hash(OTHER)[:12]}__"
    assert at.selectbox(key=f"{other}field_source_id").value == "工单号"
    assert at.selectbox(key=f"{other}field_received_at").value == "受理日期"
    # the time-of-day column is offered (and paired) beside the date it completes: the new file's, not the old one's
    received_time = at.selectbox(key=f"{other}time_received_at")
    assert received_time.value == "受理时刻"
    assert "受理时刻" in received_time.options
    at.run()
    assert calls == {"mapping": 2, "times": 2}
