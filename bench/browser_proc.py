"""The real-browser bench's measures of processes (bench/browser.py): the CPU time of the portal server and of the
bench's own Chromium processes (from /proc: Linux), and the cost of one bcrypt check at the stored hash's rounds."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path


def server_cpu_s(pid: int) -> float:
    """utime + stime of a process (seconds), from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browsers_cpu_s() -> float:
    """utime + stime (seconds, from /proc: Linux) of the Chromium processes this process started (through
    Playwright's driver), not of every Chromium on the machine: another user's browsers are not the bench's."""
    stats, children = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended
            continue
        pid, fields = int(stat.parent.name), text.rsplit(")", 1)[1].split()
        stats[pid] = (text[text.index("(") + 1 : text.rindex(")")], fields)
        children.setdefault(int(fields[1]), []).append(pid)
    total, todo = 0.0, list(children.get(os.getpid(), ()))
    while todo:  # this process's descendants
        pid = todo.pop()
        todo += children.get(pid, ())
        name, fields = stats[pid]
        if name.startswith("chrom"):
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def stored_bcrypt_rounds(db: str, username: str) -> int:
    """The cost of ``username``'s stored bcrypt hash ("$2b$12$…": 12), read before the portal opens the file."""
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        row = con.execute("select password_hash from users where username = ?", [username]).fetchone()
    finally:
        con.close()
    if row is None:
        raise SystemExit(f"no user {username!r} in {db}")
    return int(row[0].split("$")[2])


def bcrypt_check_s(rounds: int, repeat: int = 5) -> float:
    """The median time of one ``bcrypt.checkpw`` at ``rounds`` on this machine."""
    import bcrypt

    hashed = bcrypt.hashpw(b"bench-password", bcrypt.gensalt(rounds))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        bcrypt.checkpw(b"bench-password", hashed)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
