"""Shared test set-up: tiers are marked by folder (apptest/, browser/); databases live in tmp folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import fixtures

TESTS = Path(__file__).parent
os.environ.setdefault("PORTAL_BCRYPT_ROUNDS", "4")  # fast hashes in tests; real ones use 12 rounds


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        if TESTS / "apptest" in path.parents:
            item.add_marker(pytest.mark.apptest)
        elif TESTS / "browser" in path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def con(tmp_path):
    """A fresh, migrated fixture database with the master data of tests/fixtures.py."""
    connection = fixtures.build_fixture_db(tmp_path / "fixture.duckdb")
    yield connection
    fixtures.discard(connection)


@pytest.fixture
def portal_db(tmp_path, monkeypatch):
    """The fixture database as the command line's (``PORTAL_DB``), run as the system user t_cli. A test file with
    other needs defines its own."""
    path = tmp_path / "cli.duckdb"
    fixtures.build_fixture_db(path).close()
    monkeypatch.setenv("PORTAL_DB", str(path))
    monkeypatch.setenv("USER", "t_cli")
    return path


@pytest.fixture(scope="module")
def fives_templates(tmp_path_factory):
    """The 5S checklist templates a fresh database holds (portal.fives_intake.template.load_all)."""
    from portal import db
    from portal.fives_intake import template as tpl

    con = db.connect(tmp_path_factory.mktemp("tpl") / "t.duckdb")
    found = tpl.load_all(con)
    con.close()
    return found
