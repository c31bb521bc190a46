"""The Upload page's mapping of a stamp split over a date and a time-of-day column (受理日期 + 受理时刻): the time
column is suggested beside the date's, read into the preview and the stored UTC stamps, kept by a saved mapping;
set by the user where a bad time kept it from being suggested, and cleared (the date alone)."""

from __future__ import annotations

from portal.i18n import t
from tests.apptest.test_upload_pages import button, open_upload, rows, upload

HEADER = "工单编号,受理日期,受理时刻,渠道,门店编码\n"
SPLIT = (HEADER + "G-1,2026-03-01,09:30:00,热线,S001\nG-2,2026-03-01,,热线,S002\n").encode()
RECEIVED = "Received (date and time), Beijing time"


def test_the_suggested_time_column_is_read_stored_in_utc_and_saved(own_db):
    at = open_upload()
    form = upload(at, SPLIT, "split.csv")
    assert at.selectbox(key=f"{form}field_received_at").value == "受理日期"
    time_box = at.selectbox(key=f"{form}time_received_at")
    assert time_box.value == "受理时刻"
    assert time_box.label == "Received (date and time): time of day"
    assert time_box.options == ["(none: the date alone)", "受理时刻"]  # the file's one column of times
    at.text_input(key=f"{form}opt_save_as").set_value("split")
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    preview, *_ = (d.value for d in at.dataframe)
    assert preview[RECEIVED].tolist() == [
        "2026-03-01 09:30",
        "2026-03-01",
    ]  # G-2's blank time: its date alone
    button(at, "Commit the import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    # 09:30 in Asia/Shanghai (the fixture's reporting zone, the form's default) is stored as 01:30 UTC
    assert rows(
        own_db,
        "select source_id, strftime(received_at, '%Y-%m-%d %H:%M'), received_date_only from complaints order by 1",
    ) == [["G-1", "2026-03-01 01:30", False], ["G-2", "2026-03-01 00:00", True]]
    # the next file with these headers gets the saved mapping, its time column with it
    again = (HEADER + "G-3,2026-03-02,18:00,热线,S001\n").encode()
    at.file_uploader(key="upload_file").upload("next.csv", again, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    form = next(s.key for s in at.selectbox if s.key.endswith("time_received_at"))
    assert form.startswith("upload_map_complaints_") and form.endswith("_split_time_received_at")
    assert at.selectbox(key=form).value == "受理时刻"


def test_the_user_sets_the_time_column_a_bad_time_kept_from_the_suggestion_and_clears_it(own_db):
    data = (
        HEADER
        + "G-1,2026-03-01,09:30,热线,S001\nG-2,2026-03-01,10:00,热线,S002\nG-3,2026-03-02,11:00,热线,S002\n"
        + "G-4,2026-03-02,7点5,热线,S002\n"  # (7点 alone is 7:00 since session 54)
    ).encode()
    at = open_upload()
    form = upload(at, data, "split.csv")
    assert at.selectbox(key=f"{form}field_received_at").value == ""  # "7点5": not a column of times only
    assert at.selectbox(key=f"{form}time_received_at").value == ""  # ... but mostly: offered
    at.selectbox(key=f"{form}field_received_at").set_value("受理日期")
    at.selectbox(key=f"{form}time_received_at").set_value("受理时刻")
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    preview, errors = (d.value for d in at.dataframe)
    assert errors.values.tolist() == [[5, "受理时刻", "7点5", t("ingest.error.not_a_time_of_day", "en")]]
    assert preview[RECEIVED].tolist()[:3] == ["2026-03-01 09:30", "2026-03-01 10:00", "2026-03-02 11:00"]
    at.selectbox(key=f"{form}time_received_at").set_value("")
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe) == 1  # no error table
    assert at.dataframe[0].value[RECEIVED].tolist() == [
        "2026-03-01",
        "2026-03-01",
        "2026-03-02",
        "2026-03-02",
    ]
    assert "Columns of the file not used yet: 受理时刻" in "\n".join(c.value for c in at.caption)


def test_a_split_stamp_csv_read_in_chunks_keeps_its_times(own_db, monkeypatch):
    # over PORTAL_IMPORT_STREAM_MB the page's RawTable held no rows: nothing paired the time column, no "time of
    # day" box was offered and every stamp was stored date-only; the first chunk's first rows are looked at now
    monkeypatch.setenv("PORTAL_IMPORT_STREAM_MB", "0")
    monkeypatch.setenv("PORTAL_IMPORT_CHUNK_ROWS", "2")
    data = (
        HEADER
        + "G-1,2026-03-01,09:30:00,热线,S001\nG-2,2026-03-01,,热线,S002\nG-3,2026-03-02,18:05,热线,S001\n"
        + "G-4,2026-03-03,07:00,热线,S002\n"
    ).encode()
    at = open_upload()
    form = upload(at, data, "split.csv")
    assert any(c.value.startswith("split.csv") and "in chunks" in c.value for c in at.caption)
    raw = at.session_state["upload_raw"]
    assert raw.n_rows == 0  # the first chunk's rows are looked at, never read as the file's
    assert raw.first_rows.loc[2].tolist() == ["G-1", "2026-03-01", "09:30:00", "热线", "S001"]
    assert at.selectbox(key=f"{form}field_received_at").value == "受理日期"
    time_box = at.selectbox(key=f"{form}time_received_at")
    assert time_box.value == "受理时刻"
    assert time_box.options == ["(none: the date alone)", "受理时刻"]
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe[0].value[RECEIVED].tolist() == [
        "2026-03-01 09:30",
        "2026-03-01",
        "2026-03-02 18:05",
        "2026-03-03 07:00",
    ]
    button(at, "Commit the import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert rows(
        own_db,
        "select source_id, strftime(received_at, '%Y-%m-%d %H:%M'), received_date_only from complaints order by 1",
    ) == [
        ["G-1", "2026-03-01 01:30", False],
        ["G-2", "2026-03-01 00:00", True],
        ["G-3", "2026-03-02 10:05", False],
        ["G-4", "2026-03-02 23:00", False],
    ]
