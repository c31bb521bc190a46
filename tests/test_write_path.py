"""Issue 8 item 8: every write goes through the package portal/writes/; no other module executes an insert, update or delete.

Two documented exceptions: portal/db.py records applied migrations (schema bookkeeping, before any data), and
portal/demo/write.py bulk-loads a generated demo set into an empty database (replaced whole, never merged).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRITE_SQL = re.compile(
    r"\b(insert\s+(or\s+replace\s+)?into|update\s+[a-z_]+\s+set|delete\s+from)\b", re.IGNORECASE
)
EXCEPTIONS = {"portal/db.py", "portal/demo/write.py"}  # and the write path itself: portal/writes/


def python_sources() -> list[Path]:
    return sorted([*ROOT.glob("portal/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"])


def test_no_write_sql_outside_the_write_path():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in python_sources()
        if path.relative_to(ROOT).as_posix() not in EXCEPTIONS
        and not path.relative_to(ROOT).as_posix().startswith("portal/writes/")
        and WRITE_SQL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_check_catches_a_write(tmp_path):
    # the pattern is not vacuous: it finds the writes of the write path itself
    assert WRITE_SQL.search((ROOT / "portal" / "writes" / "imports.py").read_text(encoding="utf-8"))
    assert WRITE_SQL.search("cur.execute('UPDATE complaints SET status = ?')")
    assert WRITE_SQL.search('cur.execute("delete from audit_log")')


def test_read_queries_hold_no_writes():
    for path in (ROOT / "queries").glob("*.sql"):
        assert not WRITE_SQL.search(path.read_text(encoding="utf-8")), path.name
