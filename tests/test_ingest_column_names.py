"""A column the file names by its position (``header.name_repeats``: "Tags (column 4)" for a name given to several
columns, "column 2" for a column without a name) is named in each language's words wherever the user reads it:
notices, row errors, the error report's cells, the mapping's messages (``header.column_label``, through
portal/i18n: Tags(第 4 列), 第 2 列). A Chinese page said "(column 4)" (session 41's probe)."""

from __future__ import annotations

from datetime import datetime

from portal.auth import User
from portal.i18n import t
from portal.ingest import batches, pipeline, reading, registry
from portal.scope import Scope

ADMIN = User("t_admin", "Test Admin", ("admin",), Scope.everything())
TEXT = "Ticket No,,Shop,Tags,Tags\nH-1,2026-03-01 09:30,S001,a,b\nH-2,not a date,S002,c,d\n"
MAPPING = {"source_id": "Ticket No", "received_at": "column 2", "store_code": "Shop"}


def _prepare(con, mapping=MAPPING) -> pipeline.Prepared:
    raw = reading.read_upload(TEXT.encode(), "tags.csv")
    assert raw.headers == ["Ticket No", "column 2", "Shop", "Tags (column 4)", "Tags (column 5)"]
    options = pipeline.ImportOptions(now=datetime(2026, 6, 1))
    return pipeline.prepare(con, registry.kind("complaints"), raw, mapping, options, ADMIN)


def test_a_column_named_by_its_position_is_named_in_each_languages_words(con):
    prepared = _prepare(con)
    for lang, nameless in (("en", "column 2"), ("zh", "第 2 列")):
        errors = prepared.error_messages(lang)
        assert [(r.row, r.column, r.value) for r in errors.itertuples()] == [(3, nameless, "not a date")]
        notices = [t(key, lang, **values) for key, values in prepared.notices]
        assert any(nameless in n for n in notices), notices
        report = batches.build_error_report(prepared.errors, prepared.raw.frame, lang)
        header_line = report.splitlines()[0]
        assert nameless in header_line
        assert ("[Tags (column 4)]" if lang == "en" else "[Tags(第 4 列)]") in header_line
    zh = [t(key, "zh", **values) for key, values in prepared.notices]
    assert not [n for n in zh if "column" in n], zh


def test_the_mapping_names_a_positional_column_in_each_languages_words(con):
    prepared = _prepare(con, {**MAPPING, "channel": "Tags (column 4)", "category": "Tags (column 4)"})
    messages = {key: (t(key, "en", **v), t(key, "zh", **v)) for key, v in prepared.file_errors}
    en, zh = messages["ingest.mapping.column_twice"]
    assert "Column Tags (column 4) is mapped" in en and "Tags(第 4 列)" in zh and "column" not in zh
    en, zh = messages["ingest.mapping.repeated_name"]
    assert "(Tags (column 4), Tags (column 5))" in en and "(Tags(第 4 列)、Tags(第 5 列))" in zh
    assert "column" not in zh
