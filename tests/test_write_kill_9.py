"""kill -9 of a process in the middle of settings and user writes (issue 15 item 6; the import's are
tests/test_faults.py, a kill between the writes of one page's save tests/apptest/test_write_kills.py): a child
process saves, over and over through the portal's write path, what the Settings page's targets form saves (three
targets in one put_settings) and what the Users form saves (a user's display name with a password reset,
users.update_user), printing each step done; it is killed (SIGKILL) at several moments. After each kill the
database opens and every save is there whole or not at all: the three targets are of the same save, the name and
the password of the same save, and the audit log holds exactly one row per change stored (none of a save lost)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portal import db, passwords, users
from tests import fixtures

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ("satisfaction_target", "csat_target_pct", "nps_target")
CHILD = f"""
from portal import db, users, writes
con = db.connect()
for i in range(1, 100_000):
    writes.put_settings(con, {{key: 50 + i % 40 for key in {TARGETS!r}}}, "t_admin")
    users.update_user(
        con, "ella", changed_by="t_admin", display_name=f"Ella {{i}}", new_password=f"pass-phrase-{{i}}"
    )
    print(i, flush=True)
"""


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("write_kill") / "base.duckdb"
    con = fixtures.build_fixture_db(path)
    users.create_user(con, username="ella", display_name="Ella 0", password="pass-phrase-0", roles=["inspector"],
                      scope_store_ids=[1])  # fmt: skip
    con.close()
    return path


def _state(path: Path) -> dict:
    con = db.connect(path)  # opens (replays the write-ahead log) after the kill
    try:
        stored = dict(
            con.execute("select key, value from settings where key in ?", [list(TARGETS)]).fetchall()
        )
        audited = con.execute(
            "select count(*) from audit_log where action = 'settings' and target like 'setting:%'"
        ).fetchone()[0]
        name, password_hash = con.execute(
            "select display_name, password_hash from users where username = 'ella'"
        ).fetchone()
        changes = dict(
            con.execute(
                "select action, count(*) from audit_log where target = 'user:ella' "
                "and action in ('user_change', 'password_change') and details::varchar not like '%created%' group by 1"
            ).fetchall()
        )
    finally:
        con.close()
    return {"settings": stored, "settings_audited": audited, "name": name, "hash": password_hash, **changes}


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.13, 0.31])
def test_kill_9_during_settings_and_user_writes_keeps_every_save_whole(base_db, tmp_path, delay):
    path = tmp_path / "portal.duckdb"
    shutil.copy(base_db, path)
    env = dict(os.environ, PORTAL_DB=str(path), PYTHONUNBUFFERED="1", PORTAL_BCRYPT_ROUNDS="4")
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    for _ in range(3):  # a few saves done: the writes run from here on
        line = proc.stdout.readline()
        assert line.strip().isdigit(), line
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)

    s = _state(path)
    # the targets: all three of one save (50 + i % 40), each save's three audit rows and no other
    values = {int(v) for v in s["settings"].values()}
    assert len(s["settings"]) == 3 and len(values) == 1, s["settings"]
    saves = s["settings_audited"] // 3
    assert s["settings_audited"] == 3 * saves and saves >= 3
    assert values == {50 + saves % 40}
    # the user: the name and the password of one save, with one audit row each per save stored
    k = int(s["name"].removeprefix("Ella "))
    assert passwords.verify_password(f"pass-phrase-{k}", s["hash"]), s["name"]
    assert s.get("user_change", 0) == s.get("password_change", 0) == k
    assert k in (saves, saves - 1)  # the settings of save k + 1 may be stored, its user change not yet
