"""The small fixture database, built from code: master data every test tier shares.

Regions: R1 North (S001, S002), R2 South (S003). Teams: T1 (A001, A002), T2 (A003, A004).
Store hours: every store 09:00-21:00 Monday to Sunday, time zone Asia/Shanghai.
Area tests add their own facts (complaints, surveys, ...) on top, with hand-worked expected numbers.
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import tempfile
from pathlib import Path

import duckdb

from portal import db

REGIONS = [(1, "R1", "North", "北区"), (2, "R2", "South", "南区")]
STORES = [
    (1, "S001", "Store One", 1, "Asia/Shanghai", "2020-01-01"),
    (2, "S002", "Store Two", 1, "Asia/Shanghai", "2020-06-01"),
    (3, "S003", "Store Three", 2, "Asia/Shanghai", "2021-03-01"),
]
TEAMS = [(1, "T1", "Team One", 1), (2, "T2", "Team Two", 2)]
AGENTS = [
    (1, "A001", "Agent One", 1, 1),
    (2, "A002", "Agent Two", 1, 2),
    (3, "A003", "Agent Three", 2, 3),
    (4, "A004", "Agent Four", 2, 3),
]


def load_master(con) -> None:
    cur = con.cursor()
    cur.executemany(
        "insert into regions (region_id, region_code, name_en, name_zh) values (?, ?, ?, ?)", REGIONS
    )
    cur.executemany(
        "insert into stores (store_id, store_code, name, region_id, timezone, opened_on) values (?, ?, ?, ?, ?, ?)",
        STORES,
    )
    cur.executemany(
        "insert into store_region_history (store_id, region_id, valid_from) values (?, ?, ?)",
        [(s[0], s[3], s[5]) for s in STORES],
    )
    cur.executemany(
        "insert into store_hours (store_id, iso_dow, opens_at, closes_at) values (?, ?, '09:00', '21:00')",
        [(s[0], d) for s in STORES for d in range(1, 8)],
    )
    cur.executemany("insert into teams (team_id, team_code, name, region_id) values (?, ?, ?, ?)", TEAMS)
    cur.executemany(
        "insert into agents (agent_id, agent_code, name, team_id, home_store_id) values (?, ?, ?, ?, ?)",
        AGENTS,
    )
    # keep the sequences ahead of the explicit ids above
    for seq, n in (("seq_region_id", 2), ("seq_store_id", 3), ("seq_team_id", 2), ("seq_agent_id", 4)):
        for _ in range(n):
            cur.execute(f"select nextval('{seq}')")  # noqa: S608 - fixed sequence names
    cur.close()


_templates: dict[str, Path] = {}
_fresh: list[Path] = []


def fresh_db(path: Path):
    """A new database at ``path`` as ``db.connect`` makes one where no file is (the migrations, the models and
    the derived tables; no master data), open. Each call copies a file made so once per test process and opens
    the copy with ``db.connect`` (which finds nothing to apply): the migrations of a new file cost ~0.5 s of CPU
    and a synced commit each, per test. A test of what an open does to a new or older file uses ``db.connect``."""
    if not _fresh or not _fresh[0].exists():
        folder = Path(tempfile.mkdtemp(prefix="portal-fresh-"))
        atexit.register(shutil.rmtree, folder, True)
        con = db.connect(folder / "fresh.duckdb")
        con.execute("checkpoint")
        con.close()
        _fresh[:] = [folder / "fresh.duckdb"]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_fresh[0], path)
    return db.connect(path)


def discard(con) -> None:
    """Close a test's connection to a file about to be thrown away, without writing its last changes into the
    file first (DuckDB's checkpoint on closing: 20-30 ms a test, some 600 tests). A connection the test closed
    itself, or left in a failed transaction, is closed as it is."""
    with contextlib.suppress(duckdb.Error):
        con.execute("pragma disable_checkpoint_on_shutdown")
    con.close()


def build_fixture_db(path: Path):
    """A migrated database file at ``path`` holding the master data; returns the open connection.

    The first call in a process migrates a template (``db.connect``: migrations, models, derived tables) and
    loads the master data into it; every call copies the template's file to ``path`` and opens the copy as it
    is (``migrate=False``: the same code brought the template up to date moments ago, so a second pass would
    change nothing; what an open does to an older database is tested on ``db.connect`` itself). Running the
    migrations and models once per test process instead of once per test keeps CI short. A test that changes
    the master data above (monkeypatch) gets a template of its own."""
    key = repr((REGIONS, STORES, TEAMS, AGENTS))
    template = _templates.get(key)
    if template is None or not template.exists():
        folder = Path(tempfile.mkdtemp(prefix="portal-fixture-"))
        atexit.register(shutil.rmtree, folder, True)
        template = folder / "template.duckdb"
        con = db.connect(template)
        load_master(con)
        con.execute("checkpoint")
        con.close()
        _templates[key] = template
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return db.connect(path, migrate=False)
