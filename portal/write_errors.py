"""What a failed write was: a conflict a retry may clear, a key another transaction wrote, a database DuckDB
invalidated; and ``WriteFailed``, the one error a write that did not happen is raised as. Re-exported by
``portal.db`` (``db.is_conflict`` & co.), whose ``in_transaction`` uses them."""

from __future__ import annotations

from typing import Any

import duckdb


def is_conflict(exc: Exception) -> bool:
    """A write-write conflict with another transaction ("Conflict on update", "write-write conflict"), which a
    retry may clear. Any other TransactionException (a commit that could not reach the disk: full disk, I/O
    error) is not: it was retried five times, each retry opening an import batch anew."""
    return isinstance(exc, duckdb.TransactionException) and "conflict" in str(exc).lower()


def is_duplicate_key(exc: Exception) -> bool:
    """A key another transaction has written: refused when the row is written (``ConstraintException``) or, when
    the other transaction committed after it (a bulk append: two 20,000-row files), only at COMMIT, as a
    ``TransactionException`` "Failed to commit: PRIMARY KEY or UNIQUE constraint violation"."""
    if isinstance(exc, duckdb.ConstraintException):
        return True
    return isinstance(exc, duckdb.TransactionException) and "constraint violation" in str(exc).lower()


class WriteFailed(duckdb.Error):
    """A write that did not happen, rolled back whole: nothing of it written. Raised by ``in_transaction`` from the
    database's own error (``__cause__``: disk full, read-only folder, out of memory, a conflict that outlasted the
    retries; its text that error's first line), and as ``writes.UserChanged``. The UI says ``key``
    (``ui.writing``, ``ui.write_callback``), never a traceback; a ``duckdb.Error``, so callers that catch those
    go on as before."""

    key = "app.write_failed"
    values: dict[str, Any] = {}


def cause(exc: BaseException) -> BaseException:
    """The database's own error behind ``exc`` (the end of its ``__cause__`` chain: a ``WriteFailed`` and the
    refusal made of it), or ``exc``."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


def is_fatal(exc: BaseException) -> bool:
    """DuckDB invalidated its database: a commit whose checkpoint could not be written (the disk full) raises a
    ``FatalException``, and so does every later statement on any connection to it ("database has been
    invalidated … must be restarted") until it is opened anew. What was committed before is safe in the file."""
    return isinstance(cause(exc), duckdb.FatalException)


def reopen_if_fatal(con, exc: BaseException) -> bool:
    """Whether ``exc`` is fatal (``is_fatal``); if so, a ``SharedConnection`` ``con`` is opened anew on its next
    use (``SharedConnection.lost``)."""
    if not is_fatal(exc):
        return False
    lost = getattr(con, "lost", None)  # the server's SharedConnection
    if lost is not None:
        lost()
    return True


def rollback_quietly(con) -> None:
    """Roll back after a failure, keeping that failure the one raised: a commit the disk refused (full, a read-only
    folder) has ended its transaction, and "cannot rollback - no transaction is active" hid the cause when a
    database was opened to apply its migrations or models (a helper's fault probe, session 55)."""
    try:
        con.execute("rollback")
    except duckdb.Error:
        pass
