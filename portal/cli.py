"""The command line: ``python -m portal <command>``. ``PORTAL_DB`` picks the database.

Exit codes: 0 done, 1 nothing written because the input was invalid, 2 bad usage or setup problem (the
database in use, damaged or unreadable; a refused sign-in), 3 the database could not be written (disk full,
an I/O error): nothing of that command was committed.
Each area adds its commands through a ``register_cli(subparsers)`` function listed in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

import duckdb

from portal import db

COMMAND_MODULES = (
    "portal.cli_core",
    "portal.cli_users",
    "portal.cli_surveys",
    "portal.cli_import",
    "portal.cli_batches",
    "portal.cli_settings",
    "portal.cli_kpi",
    "portal.cli_brief",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m portal", description="Service KPI Portal command line.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register_cli(sub)
    return parser


class CommandError(Exception):
    """A command's refusal: ``main`` prints ``error: <message>`` on stderr and exits with ``code``."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except db.DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader of the output went away (`portal settings show | head`): not a failed write; Python's own
        # flush at exit would complain again, so stdout goes to devnull (the convention for a closed pipe)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (duckdb.Error, OSError) as exc:  # a failed write: disk full, I/O error (never a traceback)
        print(f"error: {write_failure_message(exc)}", file=sys.stderr)
        return EXIT_WRITE_FAILED


EXIT_WRITE_FAILED = 3


def write_failure_message(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "No space left" in str(exc) or getattr(exc, "errno", None) == 28:
        return (
            f"the database {db.db_path()} could not be written: the disk is full ({text}). Nothing of this "
            "command was committed. Free some space and run it again."
        )
    return (
        f"the database {db.db_path()} could not be written ({text}). Nothing of this command was committed; "
        "check the disk and run it again."
    )
