"""The import core shared by every upload kind: one refusal rule set for the preview and the commit, table
declarations that undo can rely on, value lists from portal.vocab, and writes only through portal.writes."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from portal import vocab
from portal.auth import User
from portal.config import PROJECT_ROOT
from portal.ingest import core, pipeline, preview, reading, registry
from portal.ingest.complaints_fields import CHANNEL_CHOICES, SEVERITY_CHOICES, STATUS_CHOICES
from portal.ingest.survey_fields import CHANNEL_CHOICES as SURVEY_CHANNEL_CHOICES
from portal.scope import Scope

NOW = datetime(2026, 6, 1)
FILE = (
    b"source_id,received_at,channel,store_code,agent_code\n"
    b"C-1,2026-03-01 09:30,hotline,S001,A001\n"
    b"C-2,2026-03-01 10:00,online,S999,A001\n"
)


def _prepare(con, user: User, **options):
    raw = reading.read_upload(FILE, "export.csv")
    kind = registry.kind("complaints")
    return pipeline.prepare(con, kind, raw, None, pipeline.ImportOptions(now=NOW, **options), user)


@pytest.mark.parametrize(
    ("user", "options", "reasons"),
    [
        (
            User("t_inspector", "Inspector", ("inspector",), Scope.everything()),
            {},
            ["ingest.refused.role", "ingest.refused.invalid_rows"],
        ),
        (
            User("t_lead", "Lead", ("team_lead", "manager"), Scope.everything()),
            {"add_missing": True},
            [],
        ),
        (
            User("t_admin", "Admin", ("admin",), Scope.everything()),
            {},
            ["ingest.refused.invalid_rows"],
        ),
    ],
)
def test_the_preview_refuses_exactly_what_the_commit_refuses(con, user, options, reasons):
    prepared = _prepare(con, user, **options)
    assert [key for key, _ in preview.commit_blockers(prepared, user)] == reasons
    assert [r.reason for r in core.refusals(prepared, user)] == reasons
    if reasons:
        with pytest.raises(pipeline.NothingWritten) as caught:
            pipeline.commit(con, prepared, user)
        assert caught.value.reason == reasons[0]


def test_adding_codes_is_refused_to_a_role_that_may_not_in_the_preview_too(con):
    lead = User("t_lead", "Lead", ("team_lead",), Scope.everything())
    kind = registry.kind("complaints")
    prepared = _prepare(con, lead, add_missing=True)
    assert ("ingest.refused.add_missing_role", {}) in preview.commit_blockers(prepared, lead)
    assert not kind.may_add_missing(lead.roles)


def test_every_declared_table_and_column_exists(con):
    """A kind's undo rests on its table declaration: every table, key, batch, parent and master column in it
    is in the schema, and every parent is declared in the same kind."""
    columns = {
        (t, c)
        for t, c in con.execute("select table_name, column_name from information_schema.columns").fetchall()
    }
    for kind in registry.kinds().values():
        names = {t.name for t in kind.tables}
        assert kind.tables, kind.name
        for table in kind.tables:
            wanted = [table.key, table.batch_column, table.updated_batch_column]
            wanted += [c for c, _ in table.master]
            if table.parent:
                wanted.append(table.parent[0])
                assert table.parent[1] in names, (kind.name, table.name)
            for column in filter(None, wanted):
                assert (table.name, column) in columns, (kind.name, table.name, column)
            for _, master in table.master:
                assert (master, "created_batch_id") in columns


def test_choice_values_come_from_the_vocabulary():
    assert set(CHANNEL_CHOICES.values()) == set(vocab.COMPLAINT_CHANNELS)
    assert set(SEVERITY_CHOICES.values()) == set(vocab.SEVERITIES)
    assert set(STATUS_CHOICES.values()) == set(vocab.COMPLAINT_STATUSES)
    assert set(SURVEY_CHANNEL_CHOICES.values()) == set(vocab.SURVEY_CHANNELS)


WRITE = re.compile(
    r"\b(insert\s+into|update\s+\w+\s+(as\s+\w+\s+)?set|delete\s+from|create\s+(or\s+replace\s+)?(temp\s+)?table)\b",
    re.I,
)


def test_import_code_writes_only_through_named_statements():
    """No write SQL in the import's Python: it is in queries/writes/*.sql, run through portal.writes."""
    sources = [*(PROJECT_ROOT / "portal" / "ingest").glob("*.py"), PROJECT_ROOT / "portal" / "instruments.py"]
    found = [
        f"{Path(path).name}:{n}"
        for path in sources
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1)
        if WRITE.search(line) and not line.lstrip().startswith(("#", '"""', "``"))
    ]
    assert found == []
