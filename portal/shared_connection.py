"""The server's one DuckDB connection as its sessions share it (``SharedConnection``), a cursor lent to code that
takes and closes cursors of its own (``HeldCursor``) and one read snapshot as such a cursor (``snapshot``). All
are ``portal.db``'s (``db.SharedConnection``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import duckdb


class SharedConnection:
    """The server's one connection as its sessions share it: each ``execute`` runs on a cursor of its own.

    A DuckDB connection holds one pending result. Two sessions' threads executing on the connection itself read
    each other's results: under the role x page browser test's concurrent sessions, the 5S form's template list
    came back empty (``'NoneType' object has no attribute 'name'``). ``cursor()`` is the connection's (a
    transaction takes one); reading a result off the shared connection itself (``fetchone`` after
    ``execute``) or a transaction on it is refused.

    A database DuckDB invalidated (``is_fatal``: a commit that could not write its checkpoint) failed every page
    of every user until the server was restarted, also after space was freed. ``lost()`` closes the connection
    (and with it every cursor taken of it, so DuckDB lets go of the invalid instance it caches for the file) and
    the next use opens it anew with ``reopen``."""

    def __init__(self, con, reopen: Callable[[], Any] | None = None) -> None:
        self._con = con
        self._reopen = reopen
        self._lost = False
        self._lock = threading.Lock()

    def _live(self):
        if self._lost:
            with self._lock:
                if self._lost:
                    self._con = self._reopen()
                    self._lost = False
        return self._con

    def lost(self) -> None:
        """The database was invalidated: close this connection now, open it anew on the next use (without
        ``reopen``: closed for good)."""
        with self._lock:
            if self._lost:
                return
            try:
                self._con.close()
            except duckdb.Error:
                pass
            self._lost = self._reopen is not None

    def cursor(self):
        return self._live().cursor()

    def close(self) -> None:
        self._con.close()

    def execute(self, sql: str, parameters=None):
        cur = self._live().cursor()
        try:
            return cur.execute(sql) if parameters is None else cur.execute(sql, parameters)
        except duckdb.FatalException:
            self.lost()
            raise

    def __getattr__(self, name: str):
        # register: a frame registered on the connection itself is not seen by its execute (a cursor of its own)
        if name.startswith("fetch") or name in (
            "begin",
            "commit",
            "rollback",
            "executemany",
            "sql",
            "register",
        ):
            raise AttributeError(f"SharedConnection.{name}: take a cursor() of the shared connection")
        return getattr(self._live(), name)


class HeldCursor:
    """A cursor lent to code that asks its connection for a cursor (``in_transaction``, ``writes``) and closes
    it after: it hands out itself and stays open. A file imported in chunks keeps its rows in temporary tables of
    one connection (``portal.ingest.stream.Spool``), which the commit's transaction must run on to see them."""

    def __init__(self, cur) -> None:
        self._cur = cur

    def cursor(self) -> HeldCursor:
        return self

    def close(self) -> None:
        """Not closed here: its owner closes ``release()``'s cursor."""

    def release(self):
        return self._cur

    def __getattr__(self, name: str):
        return getattr(self._cur, name)


@contextmanager
def snapshot(con) -> Iterator[HeldCursor]:
    """One read transaction on a cursor of its own, as a connection for ``run_query`` (``HeldCursor``): every
    statement run on it reads the database as of one moment. Statements in auto-commit each read their own: a
    page's current period read before an import committed and its previous period after it (5 of 29 reads of
    the Complaints figures while imports ran)."""
    cur = con.cursor()
    try:
        cur.execute("begin transaction")
        yield HeldCursor(cur)
    finally:
        try:
            cur.execute("rollback")  # it only read
        except duckdb.Error:
            pass
        cur.close()
