"""The import against DuckDB's floor, with peak memory: ``python -m bench.import_floor --db BENCH.duckdb``.

Each side runs in a process of its own (so its peak resident memory is its own). Two floors, both DuckDB's own
``read_csv`` of the export plus one ``INSERT``, both in one transaction into a fresh database file:

- ``floor``: the typed columns into a new table with no key, index or constraint (what "DuckDB's read_csv +
  INSERT" first meant; it is not the table the portal writes);
- ``floor_schema`` (the fair one): the same file into the portal's own migrated tables, seeded with the same
  master data as the portal side: ``complaints`` with its primary key, its unique (source, source_id) key and
  its three foreign keys (DuckDB keeps an ART index for each, and most of a 1M-row insert is spent in them),
  store, region and agent ids looked up by code, the status derived from the stamps, then one
  ``complaint_status_history`` row per complaint: the same tables and row counts the portal writes, without
  its validation, messages, mapping or batch bookkeeping.

The portal side is ``python -m portal import complaints FILE`` (cli.main) into a fresh database file seeded with the
master data of ``--db`` (as the ``import_complaints_1m`` case does); ``upload_page`` is the same file uploaded,
checked and committed on the Upload page (app.py in Streamlit's AppTest, in the child process; the page opened
before the clock starts, its peak RSS includes Streamlit and the upload's bytes, which Streamlit holds). Printed: wall s, CPU s (user + system),
peak RSS MB of each, their ratios, and the load average before and after. The export is written once to
``--csv`` (default a file in the temporary folder) from ``--db``'s store and agent codes.

``--messy`` writes it as real exports come (for ``--sides portal``; DuckDB's floors do not read it): Chinese
headers, US-format times (``2/10/2025 3:22:08 AM``), Chinese channel names; ``--repeats N`` adds the first N
rows again at the end (an export of overlapping periods: each repeat is refused by row, or skipped with
``--skip-invalid``, which the portal side then passes).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

# floor_schema: what the portal stores for a clean export, as plain SQL (category_group as the portal's
# groups would give it is not derived: a CASE over seven names costs nothing next to the index upkeep).
SCHEMA_SQL = (
    """
insert into complaints (source, source_id, received_at, channel, category_raw, category_group, severity,
    store_id, region_id, agent_id, first_response_at, resolved_at, closed_at, status, post_resolution_csat,
    channel_raw, severity_raw, batch_id, created_at)
select r.source, r.source_id, r.received_at, r.channel, r.category, 'other', r.severity,
    s.store_id, s.region_id, a.agent_id, r.first_response_at, r.resolved_at, r.closed_at,
    case when r.closed_at is not null then 'closed' when r.resolved_at is not null then 'resolved'
         when r.first_response_at is not null then 'responded' else 'open' end,
    r.post_resolution_csat, r.channel, r.severity, 1, current_timestamp
from read_csv($path, header = true, timestampformat = '%Y-%m-%d %H:%M:%S',
              types = {'post_resolution_csat': 'integer'}) as r
left join stores as s on s.store_code = r.store_code
left join agents as a on a.agent_code = r.agent_code
""",
    """
insert into complaint_status_history (complaint_id, status, changed_at, batch_id)
select complaint_id, status,
    case status when 'closed' then closed_at when 'resolved' then resolved_at
         when 'responded' then first_response_at else received_at end, 1
from complaints
""",
)

FLOOR_SQL = """
create table complaint_rows (
    source_id varchar, received_at timestamp, channel varchar, category varchar, severity varchar,
    store_code varchar, agent_code varchar, first_response_at timestamp, resolved_at timestamp,
    closed_at timestamp, post_resolution_csat integer, source varchar);
insert into complaint_rows select * from read_csv($path, header = true, all_varchar = false,
    timestampformat = '%Y-%m-%d %H:%M:%S');
"""


SIDES = ("floor", "floor_schema", "portal", "upload_page")


def _floor_connect(target: Path):
    """A plain DuckDB connection to ``target`` for a floor, with the threads the portal side's connections get
    (``PORTAL_DB_THREADS``, as db.connect sets them; unset: DuckDB's own): both sides on the same threads."""
    import duckdb

    from portal.config import db_threads

    con = duckdb.connect(str(target))
    if (threads := db_threads()) is not None:
        con.execute(f"set threads = {int(threads)}")
    return con


def _floor(csv: Path, target: Path) -> None:
    con = _floor_connect(target)
    con.execute(FLOOR_SQL.split(";")[0])
    con.execute(FLOOR_SQL.split(";")[1], {"path": str(csv)})
    con.close()


def _seeded(target: Path, master_db: Path) -> None:
    """A fresh portal database file (migrations run) holding ``master_db``'s master data."""
    from bench.cases_import import MASTER_TABLES
    from portal import db

    source = db.connect(master_db, read_only=True)
    fresh = db.connect(target)
    for table in MASTER_TABLES:
        fresh.register("master_rows", source.execute(f"select * from {table}").df())  # noqa: S608
        # by name: a bench database made before a migration added a column (teams.name_zh) seeds it too
        fresh.execute(f"insert into {table} by name select * from master_rows")  # noqa: S608
        fresh.unregister("master_rows")
    fresh.close()
    source.close()


def _floor_schema(csv: Path, target: Path) -> None:
    con = _floor_connect(target)
    con.execute("set TimeZone = 'UTC'")
    con.execute("begin transaction")
    con.execute(SCHEMA_SQL[0], {"path": str(csv)})
    con.execute(SCHEMA_SQL[1])
    con.execute("commit")
    con.close()


MESSY_HEADERS = {  # the Chinese template headers (portal/ingest/complaints_fields.py)
    "source_id": "投诉编号",
    "received_at": "接收时间",
    "channel": "渠道",
    "category": "类别",
    "severity": "严重程度",
    "store_code": "门店编码",
    "agent_code": "客服专员编码",
    "first_response_at": "首次响应时间",
    "resolved_at": "解决时间",
    "closed_at": "关闭时间",
}
MESSY_CHANNELS = {
    "hotline": "热线电话",
    "online": "在线",
    "in_store": "门店",
    "social_media": "社交媒体",
    "email": "电子邮件",
    "app": "小程序",
}


def messy(export: pd.DataFrame, repeats: int = 0) -> pd.DataFrame:
    """``export`` as a real one comes: US-format times, Chinese channel names and headers, and its first
    ``repeats`` rows again at the end."""
    out = export.copy()
    for column in ("received_at", "first_response_at", "resolved_at", "closed_at"):
        stamp = pd.to_datetime(out[column].replace("", None), format="%Y-%m-%d %H:%M:%S")
        out[column] = stamp.dt.strftime("%-m/%-d/%Y %-I:%M:%S %p").fillna("")
    out["channel"] = out["channel"].map(MESSY_CHANNELS).fillna(out["channel"])
    out = pd.concat([out, out.head(repeats)], ignore_index=True)
    return out.rename(columns=MESSY_HEADERS)


def _portal(csv: Path, target: Path) -> None:
    import contextlib
    import io

    from portal import cli

    os.environ["PORTAL_DB"] = str(target)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = cli.main(["import", "complaints", str(csv), *(["--skip-invalid"] if SKIP_INVALID else [])])
    if code != 0:
        raise SystemExit(f"import failed ({code}): {out.getvalue()[-500:]}")


def _upload_page_open(target: Path):
    """The Upload page of app.py in Streamlit's AppTest (in this process), signed in as an admin: untimed."""
    from streamlit.testing.v1 import AppTest

    from portal.auth import User
    from portal.config import PROJECT_ROOT
    from portal.scope import Scope

    os.environ["PORTAL_DB"] = str(target)
    os.environ.setdefault("PORTAL_COOKIE_KEY", "bench-cookie-key-" + "k" * 32)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=1800)
    at.session_state["portal_user"] = User("bench_admin", "Bench Admin", ("admin",), Scope.everything())
    at.session_state["portal_lang"] = "en"
    at.run()
    at.switch_page("pages/upload.py").run()
    return at


def _upload_page(csv: Path, at) -> None:
    """What a user does on the Upload page: upload the file, check it with the suggested mapping (skipping
    invalid rows with ``--repeats``), commit. A file over ``PORTAL_IMPORT_STREAM_MB`` is read in chunks there
    too (``portal/ui_upload_file.py``); with the variable set past the file's size it is read whole."""
    from portal.i18n import t
    from portal.ingest import reading

    def click(label: str) -> None:
        next(b for b in at.button if b.label == t(label, "en")).click().run()
        if at.exception:
            raise SystemExit(f"upload page failed: {[e.value for e in at.exception]}")

    data = csv.read_bytes()
    form = f"upload_map_complaints_{reading.file_hash(data)[:12]}__"
    at.file_uploader(key="upload_file").upload(csv.name, data, "text/csv").run()
    del data  # the page's own copy stays (Streamlit keeps an upload in memory while it is shown)
    if SKIP_INVALID:
        at.checkbox(key=f"{form}opt_skip").check()
    click("ingest.check")
    if next(b for b in at.button if b.label == t("ingest.commit", "en")).disabled:
        raise SystemExit(f"upload page refused the commit: {[m.value for m in at.warning][:3]}")
    click("ingest.commit")
    if not any(m.value.startswith("Batch ") for m in at.success):
        raise SystemExit(f"upload page did not commit: {[m.value for m in at.error][:3]}")


def _child(side: str, csv: Path, master_db: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="portal-floor-") as folder:
        target = Path(folder) / "target.duckdb"
        if side != "floor":
            _seeded(target, master_db)  # untimed, both sides alike (well under a second)
        at = (
            _upload_page_open(target) if side == "upload_page" else None
        )  # untimed: the page before the upload
        started, cpu0 = time.perf_counter(), time.process_time()
        if side == "floor":
            _floor(csv, target)
        elif side == "floor_schema":
            _floor_schema(csv, target)
        elif side == "upload_page":
            _upload_page(csv, at)
        else:
            _portal(csv, target)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{side} {wall:.2f} {cpu:.2f} {peak_mb:.0f}")


SKIP_INVALID = os.environ.get("PORTAL_BENCH_SKIP_INVALID") == "1"  # set by --repeats for the portal side


def _write_export(master_db: Path, csv: Path, rows: int, messy_repeats: int | None = None) -> None:
    from bench.cases_import import complaint_export
    from portal import db

    con = db.connect(master_db, read_only=True)
    stores = [r[0] for r in con.execute("select store_code from stores order by 1").fetchall()]
    agents = [r[0] for r in con.execute("select agent_code from agents order by 1").fetchall()]
    con.close()
    export = complaint_export(rows, stores or ["S001"], agents or ["A001"])
    if messy_repeats is not None:
        export = messy(export, messy_repeats)
    export.to_csv(csv, index=False, encoding="utf-8-sig" if messy_repeats is not None else "utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.import_floor")
    p.add_argument("--db", type=Path, required=True, help="a bench database (its master data is copied)")
    p.add_argument("--csv", type=Path, default=Path(tempfile.gettempdir()) / "portal_import_floor.csv")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--sides", nargs="+", default=list(SIDES), choices=SIDES)
    p.add_argument("--messy", action="store_true", help="write the export as real ones come (see above)")
    p.add_argument("--repeats", type=int, default=0, help="with --messy: the first N rows again at the end")
    p.add_argument("--child", choices=SIDES, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        _child(args.child, args.csv, args.db)
        return 0
    if not args.csv.exists():
        _write_export(args.db, args.csv, args.rows, args.repeats if args.messy else None)
    if args.repeats:
        os.environ["PORTAL_BENCH_SKIP_INVALID"] = "1"  # the repeats are skipped, the rest committed
    print(f"load average before: {os.getloadavg()}")
    from portal.config import db_threads

    threads = db_threads()
    print(f"DuckDB threads of every side (PORTAL_DB_THREADS): {threads or 'unset, DuckDB default'}")
    got = {}
    for side in args.sides:
        cmd = [sys.executable, "-m", "bench.import_floor", "--db", str(args.db), "--csv", str(args.csv)]
        out = subprocess.run([*cmd, "--child", side], capture_output=True, text=True, check=False)  # noqa: S603
        if out.returncode != 0:
            print(f"{side} failed: {out.stderr[-800:]}")
            return 1
        name, wall, cpu, peak = out.stdout.split()[-4:]
        got[name] = (float(wall), float(cpu), float(peak))
        print(
            f"{name:12s} wall {float(wall):7.2f} s  cpu {float(cpu):7.2f} s  peak RSS {float(peak):6.0f} MB"
        )
    for side in ("portal", "upload_page"):
        if side not in got:
            continue
        pw, pc, pp = got[side]
        for floor in ("floor", "floor_schema"):
            if floor in got:
                fw, fc, fp = got[floor]
                print(f"{side} / {floor}: wall {pw / fw:.2f}x  cpu {pc / fc:.2f}x  peak RSS {pp / fp:.2f}x")
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
