"""Import batches on the command line: ``python -m portal batches list``, ``python -m portal batches errors ID``
(the batch's error report: the skipped rows as CSV, as Import history's download) and
``python -m portal batches undo ID``.

The Import history page's rules (portal.ingest.batches): the caller sees the batches they may see (an admin
every batch; a batch not among them has no error report for them either) and may undo what ``batches.can_undo``
allows; undo is refused, with the reason, when a later batch
changed the same rows or the batch is already undone. The caller is ``--user`` (default: the OS user) as
``portal import`` signs in (portal.cli_identity). Exit codes: 0 done, 1 refused, 2 bad usage or sign-in refused.
"""

from __future__ import annotations

import sys

from portal import db
from portal.cli_identity import EXIT_REFUSED, CliSignInRefused, cli_user
from portal.i18n import t
from portal.ingest import batches


def register_cli(sub) -> None:
    p = sub.add_parser("batches", help="list import batches or undo one")
    inner = p.add_subparsers(dest="batches_command", required=True, metavar="ACTION")
    lst = inner.add_parser("list", help="every import batch, newest first")
    lst.add_argument("--user", default=None, help="act as this user (default: $USER)")
    lst.set_defaults(func=cmd_list)
    errors = inner.add_parser("errors", help="a batch's error report (its skipped rows) as CSV")
    errors.add_argument("batch_id", type=int)
    errors.add_argument(
        "--output", default=None, help="write the CSV to this file (default: standard output)"
    )
    errors.add_argument("--user", default=None, help="act as this user (default: $USER)")
    errors.set_defaults(func=cmd_errors)
    undo = inner.add_parser("undo", help="undo a committed batch: the data goes back to how it was before it")
    undo.add_argument("batch_id", type=int)
    undo.add_argument("--user", default=None, help="recorded as who undid it (default: $USER)")
    undo.set_defaults(func=cmd_undo)


def _caller(con, username: str | None):
    """The user the command acts as (``--user``, default the OS user); None, said on standard error, when the
    sign-in is refused."""
    try:
        return cli_user(con, username)
    except CliSignInRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _history(con, username: str | None):
    """The batches the caller may see (Import history's list), or None when the sign-in is refused."""
    user = _caller(con, username)
    return (
        None
        if user is None
        else db.run_query(con, "import_batches", batches.history_params(user), user.scope)
    )


def cmd_list(args) -> int:
    con = db.connect()
    try:
        rows = _history(con, args.user)
    finally:
        con.close()
    if rows is None:
        return EXIT_REFUSED
    if rows.empty:
        print("No import batches.")
        return 0
    print("batch  kind        status     created (UTC)     by          rows  added  updated  skipped  file")
    for r in rows.itertuples():
        print(
            f"{r.batch_id:>5}  {r.kind:<10}  {r.status:<9}  {r.created_at:%Y-%m-%d %H:%M}  {r.created_by:<10}  "
            f"{r.rows_in_file:>5}  {r.rows_added:>5}  {r.rows_updated:>7}  {r.rows_skipped:>7}  {r.file_name}"
        )
    return 0


def cmd_errors(args) -> int:
    con = db.connect()
    try:
        seen = _history(con, args.user)
        if seen is None:
            return EXIT_REFUSED
        if args.batch_id not in set(seen["batch_id"].astype(int)):
            print(f"No batch {args.batch_id} among the batches you may see (python -m portal batches list).",
                  file=sys.stderr)  # fmt: skip
            return 1
        report = batches.error_report(con, args.batch_id)
    finally:
        con.close()
    if report is None:
        print(f"Batch {args.batch_id} skipped no rows: it has no error report.", file=sys.stderr)
        return 1
    if args.output:
        with open(args.output, "wb") as file:
            file.write(report)  # with the byte-order mark, as the page's download (Excel reads it as UTF-8)
        print(f"Error report of batch {args.batch_id} written to {args.output}.")
    else:
        sys.stdout.write(report.decode("utf-8-sig"))
    return 0


def cmd_undo(args) -> int:
    con = db.connect()
    try:
        user = _caller(con, args.user)
        if user is None:
            return EXIT_REFUSED
        batches.undo_batch(con, args.batch_id, user)
    except batches.UndoRefused as exc:
        print(f"refused: {t(exc.reason, 'en', **exc.values)}", file=sys.stderr)
        return 1
    finally:
        con.close()
    print(f"Batch {args.batch_id} undone: the data is as it was before it.")
    return 0
