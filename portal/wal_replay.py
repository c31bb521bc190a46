"""A database file whose write-ahead log DuckDB cannot replay on opening it (``portal.db.connect``)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from portal.db import _NO_EXTENSIONS as NO_EXTENSIONS
from portal.db import DatabaseError

FAILED = "Failure while replaying WAL"  # DuckDB's words of a WAL it could not replay


def replay_wal(target: Path, exc: Exception) -> None:
    """Replay the write-ahead log DuckDB could not replay on opening ``target`` into the file, by attaching it to
    an in-memory database, and checkpoint it (nothing is lost). DuckDB 1.5 binds an ALTER TABLE's default
    expressions when it replays one from the WAL, before the file is its default database: a table with a
    ``nextval`` default altered (a migration's ADD COLUMN) and the process ended before a checkpoint (killed, or
    a server stopped without closing its connection) left a file that opened with "INTERNAL Error: Failure while
    replaying WAL file ... GetDefaultDatabase with no default database set" (duckdb/duckdb#18259, #20543).
    Attached, the file is replayed with a default database set. ``db.connect`` checkpoints after the migrations it
    applies, so that they are not left to a replay at all."""
    memory = duckdb.connect(":memory:")
    try:
        for statement in NO_EXTENSIONS:
            memory.execute(statement)
        # ATTACH takes no parameter: the path as a string literal, its quotes doubled (the operator's PORTAL_DB)
        quoted = str(target).replace("'", "''")
        memory.execute(f"attach '{quoted}' as portal_replay")  # noqa: S608
        memory.execute("checkpoint portal_replay")
        memory.execute("detach portal_replay")
    except duckdb.Error as failed:
        raise DatabaseError(
            f"The database {target} has a write-ahead log ({target}.wal) DuckDB cannot replay "
            f"({str(exc).splitlines()[0]}; attached: {str(failed).splitlines()[0]}). Nothing was changed. Keep "
            "both files and restore from a backup, or set PORTAL_DB to another path."
        ) from failed
    finally:
        memory.close()
