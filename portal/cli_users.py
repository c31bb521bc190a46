"""User commands: prepare (make run), create-admin."""

from __future__ import annotations

import getpass
import os
import secrets
import sys
import tomllib

from portal import db, settings, users
from portal.config import PROJECT_ROOT


def register_cli(sub) -> None:
    p = sub.add_parser(
        "prepare", help="migrate; with --demo-if-empty build demo data and demo users on an empty DB"
    )
    p.add_argument("--demo-if-empty", action="store_true")
    p.set_defaults(func=cmd_prepare)

    p = sub.add_parser("create-admin", help="create an admin user (the first one outside demo mode)")
    p.add_argument("--username", required=True)
    p.add_argument("--display-name", default=None)
    p.add_argument("--email", default=None)
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(func=cmd_create_admin)


def _ensure_cookie_key() -> None:
    """Demo mode: write a random cookie key to .streamlit/secrets.toml (git-ignored) if none is set.

    The key is a top-level key, as the sign-in reads it (``st.secrets["cookie_key"]``): written first in the file,
    since a line appended after a ``[table]`` belongs to that table; a key only in a comment is no key. What the
    file held is kept below it; a file that is not TOML is left as it is (Streamlit could not read it either)."""
    if os.environ.get("PORTAL_COOKIE_KEY"):
        return
    path = PROJECT_ROOT / ".streamlit" / "secrets.toml"
    held = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        if "cookie_key" in tomllib.loads(held):
            return
    except tomllib.TOMLDecodeError as exc:
        print(f"{path.relative_to(PROJECT_ROOT)} is not valid TOML ({exc}); no cookie signing key written.")
        return
    path.parent.mkdir(exist_ok=True)
    path.touch(mode=0o600)
    os.chmod(path, 0o600)  # before the key is in it
    path.write_text(f'cookie_key = "{secrets.token_urlsafe(48)}"\n' + held, encoding="utf-8")
    print(f"Wrote a random cookie signing key to {path.relative_to(PROJECT_ROOT)} (not committed).")


# rows of users and of every kind of data, in one statement
_COUNT_DATA_ROWS = (
    "select coalesce(sum(n), 0) from ("
    "select count(*) as n from users union all "
    "select count(*) as n from complaints union all "
    "select count(*) as n from survey_responses union all "
    "select count(*) as n from qa_reviews union all "
    "select count(*) as n from fives_inspections union all "
    "select count(*) as n from import_batches union all "
    "select count(*) as n from stores union all "
    "select count(*) as n from agents)"
)


def database_is_empty(con) -> bool:
    """No users and no data of any kind (so generating the demo set replaces nothing)."""
    return con.execute(_COUNT_DATA_ROWS).fetchone()[0] == 0


def cmd_prepare(args) -> int:
    con = db.connect()
    try:
        empty = database_is_empty(con)
        if args.demo_if_empty and empty:
            from portal import demo

            print(
                f"The database {db.db_path()} is empty: generating the demo data set (10-20 seconds) …",
                flush=True,
            )
            counts = demo.generate(con, scale=1.0, seed=7)
            print("Demo data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
            users.create_demo_users(con)
        if settings.get(con, "demo_data"):
            _ensure_cookie_key()
            print("Demo mode.", users.DEMO_USERS_TEXT, sep="\n")
        elif users.count_admins(con) == 0:
            print(
                "No admin user yet. Create the first one with:\n"
                "  .venv/bin/python -m portal create-admin --username <name>"
            )
        print(f"Database: {db.db_path()} (schema version {db.code_schema_version()})")
    finally:
        con.close()
    sys.stdout.flush()
    return 0


def cmd_create_admin(args) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        try:
            password = getpass.getpass("Password for the new admin: ")
            again = getpass.getpass("Repeat the password: ")
        except EOFError:  # no terminal and nothing on stdin (a script, a container): say how instead
            print(
                "error: no password given: run on a terminal, or pipe it in with --password-stdin",
                file=sys.stderr,
            )
            return 2
        if password != again:
            print("error: the two passwords differ", file=sys.stderr)
            return 1
    con = db.connect()
    try:
        users.create_user(
            con,
            username=args.username,
            display_name=args.display_name or args.username,
            password=password,
            roles=["admin"],
            email=args.email,
            created_by="cli",
        )
    except users.UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    print(f"Admin {users.normalise_username(args.username)} created in {db.db_path()}.")
    return 0
