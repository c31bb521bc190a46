"""Core commands: migrate, status, demo, upload-limit."""

from __future__ import annotations

import sys
import time

from portal import config, db, navigation


def register_cli(sub) -> None:
    p = sub.add_parser("migrate", help="create or update the database schema")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("status", help="print row counts per kind of data")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("demo", help="build the generated demo data set (replaces all data)")
    p.add_argument("--scale", type=float, default=1.0, help="1 = ~250,000 complaints; 10 = ten times that")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--if-empty", action="store_true", help="only when the database holds no complaints yet")
    p.add_argument("--yes", action="store_true", help="replace data that came from real imports too")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "upload-limit",
        help="print the largest upload in MB the portal takes from PORTAL_UPLOAD_LIMIT_MB (what make run gives "
        "Streamlit's --server.maxUploadSize)",
    )
    p.set_defaults(func=cmd_upload_limit)


def cmd_migrate(args) -> int:
    con = db.connect()
    print(f"{db.db_path()}: schema version {db.code_schema_version()}")
    con.close()
    return 0


def cmd_upload_limit(args) -> int:
    # the setting as the portal reads it (a value that is no positive whole number falls back or is kept in
    # range), so Streamlit's limit agrees with the portal's instead of refusing to start on "abc" or "0"
    print(config.upload_limit_mb())
    return 0


def cmd_status(args) -> int:
    from portal.scope import Scope

    con = db.connect()
    kinds = list(navigation.DATA_KINDS)  # the command line sees everything
    print(db.run_query(con, "data_status", {"kinds": kinds}, scope=Scope.everything()).to_string(index=False))
    con.close()
    return 0


def cmd_demo(args) -> int:
    from portal import demo

    con = db.connect()
    try:
        if args.if_empty and con.execute("select count(*) from complaints").fetchone()[0] > 0:
            print(f"{db.db_path()} already holds data; demo data not generated.")
            return 0
        real = con.execute(
            "select count(*) from import_batches where kind <> 'demo' and status = 'committed'"
        ).fetchone()[0]
        if real and not args.yes:
            print(
                f"error: {db.db_path()} holds {real} committed import batch(es) of real data; the demo set would "
                "replace them. Use another PORTAL_DB, or add --yes to replace them.",
                file=sys.stderr,
            )
            return 1
        print(
            f"Generating the demo data set (scale {args.scale:g}, seed {args.seed}) in {db.db_path()} …",
            flush=True,
        )
        started = time.perf_counter()
        counts = demo.generate(con, scale=args.scale, seed=args.seed)
        took = time.perf_counter() - started
        print(", ".join(f"{k}: {v:,}" for k, v in counts.items()) + f" ({took:.1f} s)")
        from portal import users

        users.create_demo_users(con)
        print(users.DEMO_USERS_TEXT)
    finally:
        con.close()
    sys.stdout.flush()
    return 0
