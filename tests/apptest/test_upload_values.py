"""The Upload page's value table offers one choice per value however the file spells it: 電話熱線 (Traditional)
and 电话热线 are one value to the value map (both are compared as 电话热线), so two rows let the later choice
win for both unsaid (session 40's probe)."""

from __future__ import annotations

from portal.ingest import reading
from tests.apptest.conftest import make_app

EXPORT = (
    "Ticket No,Opened,Via,Shop\n"
    "H-1,2026-03-01 09:30,電話熱線,S001\n"
    "H-2,2026-03-01 10:00,电话热线,S002\n"
    "H-3,2026-03-01 11:00,电话热线,S002\n"
    "H-4,2026-03-01 12:00,Web,S001\n"
).encode()


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_a_value_spelt_in_traditional_and_simplified_characters_is_one_row_of_the_value_table(own_db):
    at = make_app("admin", "en").switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_file").upload("helpdesk.csv", EXPORT, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    file_hash = reading.file_hash(EXPORT)[:12]
    at.selectbox(key=f"upload_map_complaints_{file_hash}__field_channel").set_value("Via")
    button(at, "Check the file").click().run()
    assert not at.exception, [e.value for e in at.exception]
    values = f"upload_values_complaints_{file_hash}_channel_"
    rows = [s for s in at.selectbox if s.key.startswith(values)]
    assert [s.label.replace(" ⚠", "") for s in rows] == ["“电话热线” / “電話熱線” (3 rows)", "“Web” (1 row)"]
    rows[0].set_value("online")
    button(at, "Apply the values and check again").click().run()
    assert not at.exception, [e.value for e in at.exception]
    prepared = at.session_state["upload_prepared"]
    assert {r.value: r.standard for r in prepared.value_report if r.field == "channel"} == {
        "电话热线": "online",
        "電話熱線": "online",
        "Web": "online",
    }


def test_a_value_mapping_saved_from_one_choice_for_two_spellings_keeps_both(own_db):
    # review of dc26ec7: the one choice of 電話熱線 / 电话热线 must reach the saved mapping under each spelling, so
    # that the next file's either spelling reads as chosen (stored: column_mappings.options' "values")
    from portal import db
    from portal.ingest import mapping
    from tests.apptest.conftest import texts

    at = make_app("admin", "en").switch_page("pages/upload.py").run()
    at.file_uploader(key="upload_file").upload("helpdesk.csv", EXPORT, "text/csv").run()
    file_hash = reading.file_hash(EXPORT)[:12]
    at.selectbox(key=f"upload_map_complaints_{file_hash}__field_channel").set_value("Via")
    button(at, "Check the file").click().run()
    form = f"upload_values_complaints_{file_hash}"
    rows = [s for s in at.selectbox if s.key.startswith(f"{form}_channel_")]
    assert [s.label.replace(" ⚠", "") for s in rows][0] == "“电话热线” / “電話熱線” (3 rows)"
    rows[0].set_value("online")
    at.text_input(key=f"{form}_save_as").input("helpdesk hotline")
    button(at, "Apply the values and check again").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Mapping “helpdesk hotline” saved." in texts(at)
    con = db.connect(own_db)
    try:
        saved = mapping.load_mapping(con, "complaints", "helpdesk hotline")
    finally:
        con.close()
    assert saved is not None and saved.mapping["channel"] == "Via"
    assert {k: v for k, v in saved.options["values"]["channel"].items() if k != "Web"} == {
        "电话热线": "online",
        "電話熱線": "online",
    }
