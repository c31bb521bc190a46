"""The command line: ``python -m portal <command>``. ``PORTAL_DB`` picks the database.

Exit codes: 0 done, 1 nothing written because the input was invalid, 2 bad usage or setup problem.
Each area adds its commands through a ``register_cli(subparsers)`` function listed in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from portal import db

COMMAND_MODULES = (
    "portal.cli_core",
    "portal.cli_users",
    "portal.cli_surveys",
    "portal.cli_import",
    "portal.cli_batches",
    "portal.cli_kpi",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m portal", description="Service KPI Portal command line.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register_cli(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except db.DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
