"""Writes inside the scope (issue 15 item 3): a region manager's import that names an unknown store does not
create it (it would belong to no region of theirs, and they could not see their own complaint); an admin's
does. Checked in the preview (a row error with the reason) and again inside the commit."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from portal.auth import User
from portal.i18n import t
from portal.ingest import pipeline, reading, registry
from portal.scope import Scope
from tests.db_fingerprint import fingerprint

NOW = datetime(2026, 6, 1)
MANAGER = User("t_manager", "Region manager", ("manager",), Scope(store_ids=(1, 2), all_agents=True))
ADMIN = User("t_admin", "Admin", ("admin",), Scope.everything())
LINK = "<a href='http://x'>S998</a>"
FILE = (
    "source_id,received_at,channel,store_code,agent_code\n"
    "M-1,2026-03-01 09:30,hotline,S001,A001\n"
    f'M-2,2026-03-01 10:30,hotline,"{LINK}",A001\n'
).encode()


def _prepare(con, user):
    raw = reading.read_upload(FILE, "new_store.csv", 5)
    options = pipeline.ImportOptions(add_missing=True, now=NOW)
    return pipeline.prepare(con, registry.kind("complaints"), raw, None, options, user)


def test_a_managers_import_cannot_add_a_store(con):
    before = fingerprint(con)
    prepared = _prepare(con, MANAGER)
    errors = prepared.errors
    assert errors[["row", "column", "reason"]].values.tolist() == [
        [3, "store_code", "ingest.error.new_store_out_of_scope"]
    ]
    assert "ask an admin to add it" in t("ingest.error.new_store_out_of_scope", "en")
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(con, prepared, MANAGER)
    assert fingerprint(con) == before


def test_the_commit_refuses_a_new_store_of_a_scoped_user_even_without_the_preview_error(con):
    prepared = _prepare(con, MANAGER)
    valid_all = dataclasses.replace(
        prepared, errors=prepared.errors.iloc[0:0], valid_mask=prepared.valid_mask | True
    )
    before = fingerprint(con)
    with pytest.raises(pipeline.NothingWritten) as refused:
        pipeline.commit(con, valid_all, MANAGER)
    assert refused.value.reason == "ingest.refused.new_store_out_of_scope"
    assert fingerprint(con) == before


def test_an_admins_import_adds_the_store(con):
    prepared = _prepare(con, ADMIN)
    assert prepared.errors.empty
    result = pipeline.commit(con, prepared, ADMIN)
    assert result.master_added == {"store_code": [LINK]}


def test_a_region_manager_cannot_take_over_a_complaint_without_a_store(con):
    # a chain-only complaint (no store) re-imported by a region manager with one of their stores: it was
    # "1 updated", moved into their store, status and CSAT rewritten (probe of scopes)
    con.execute(
        "insert into complaints (source, source_id, channel, received_at, status) "
        "values ('ticketing', 'ONLINE-1', 'online', '2026-03-01 09:00', 'open')"
    )
    before = fingerprint(con)
    data = b"source_id,received_at,channel,store_code,status\nONLINE-1,2026-03-01 09:00,online,S001,closed\n"
    raw = reading.read_upload(data, "takeover.csv", 5)
    prepared = pipeline.prepare(
        con, registry.kind("complaints"), raw, None, pipeline.ImportOptions(now=NOW), MANAGER
    )
    assert prepared.errors[["row", "column"]].values.tolist() == [[2, "source_id"]]
    with pytest.raises(pipeline.NothingWritten):
        pipeline.commit(con, prepared, MANAGER)
    assert fingerprint(con) == before
