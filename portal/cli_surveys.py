"""Survey commands: ``instrument add FILE`` / ``instrument list``, and ``kpi satisfaction`` (a cli_kpi module).

``python -m portal instrument add FILE`` stores a questionnaire version from a CSV, XLSX or JSON definition
(portal/instruments.py describes the format). Exit 0 stored, 1 the definition is invalid (nothing written),
2 bad usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from portal import db
from portal.cli_identity import EXIT_REFUSED, CliSignInRefused, cli_user


def register_cli(sub) -> None:
    p = sub.add_parser("instrument", help="survey instruments (questionnaire versions)")
    isub = p.add_subparsers(dest="instrument_command", required=True, metavar="ACTION")
    a = isub.add_parser(
        "add", help="add an instrument (or a new version of one) from a CSV, XLSX or JSON file"
    )
    a.add_argument("file", type=Path, help="the definition: one row per item (CSV/XLSX) or a JSON document")
    a.add_argument("--code", help="instrument code (overrides the file's instrument_code)")
    a.add_argument(
        "--user",
        default=None,
        help="sign in as this portal user (password: PORTAL_CLI_PASSWORD or asked); default: the "
        "operating-system user, recorded as os:<name>",
    )
    a.set_defaults(func=cmd_instrument_add)
    ls = isub.add_parser("list", help="list the instruments")
    ls.set_defaults(func=cmd_instrument_list)


def cmd_instrument_add(args) -> int:
    from dataclasses import replace

    from portal import instruments

    if not args.file.is_file():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return 2
    try:
        candidate = instruments.parse_file(args.file.read_bytes(), args.file.name)
        if args.code:
            candidate = replace(candidate, code=args.code.upper())
        con = db.connect()
        try:
            try:
                author = cli_user(con, args.user)
            except CliSignInRefused as exc:
                print(f"error: {exc}", file=sys.stderr)
                return EXIT_REFUSED
            if args.user and not author.has_role("admin"):
                print(f"error: --user {args.user} may not add instruments (admin only)", file=sys.stderr)
                return EXIT_REFUSED
            stored = instruments.add(con, candidate, author.username)
        finally:
            con.close()
    except instruments.InstrumentError as exc:
        for problem in str(exc).split("; "):
            print(f"invalid: {problem}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    print(
        f"Instrument {stored.code} version {stored.version} added (id {stored.instrument_id}): "
        f"{len(stored.items)} items in {len(stored.dimensions)} dimensions "
        f"({', '.join(d.code for d in stored.dimensions)})."
    )
    return 0


def cmd_instrument_list(args) -> int:
    from portal import instruments

    con = db.connect()
    try:
        for ins in instruments.all_instruments(con):
            default = " (default)" if ins.is_default else ""
            print(
                f"{ins.label}{default}: {ins.name_en}; scale {ins.scale_min}-{ins.scale_max}; "
                f"{len(ins.items)} items in {', '.join(d.code for d in ins.dimensions)}"
            )
    finally:
        con.close()
    return 0


# ---------------------------------------------------------------- kpi satisfaction (listed in cli_kpi.KPI_MODULES)


def register_kpi(kpi_sub) -> None:
    from portal import cli_kpi

    p = kpi_sub.add_parser(
        "satisfaction",
        help="satisfaction figures of a period (the Satisfaction dashboard)",
        description="The Satisfaction dashboard's figures: index, CSAT %, NPS and responses with n and the change "
        "against the previous period (and whether it is significant), and per SERVQUAL instrument "
        "each dimension's mean expectation, mean perception, gap and n with the unweighted and "
        "weighted scores.",
    )
    cli_kpi.add_period_arguments(p)
    p.set_defaults(func=cmd_kpi_satisfaction)


def cmd_kpi_satisfaction(args) -> int:
    from portal import cli_kpi, kpi, satisfaction
    from portal.scope import Scope

    con = db.connect()
    try:
        filters = cli_kpi.filters_from_args(con, args)
        run = kpi.runner(con, Scope.everything(), args.lang)
        figs = satisfaction.figures(run, filters, satisfaction.load_settings(con))
    finally:
        con.close()
    out = satisfaction.to_json(figs, args.lang)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(satisfaction.text_summary(out, args.lang, satisfaction.dimension_names(figs, args.lang)))
    return 0
