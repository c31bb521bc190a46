"""``python -m portal kpi <dashboard>``: a dashboard's figures on the command line, for scheduled reports.

``kpi`` has one sub-command per dashboard. A module adds its dashboard in two steps (the pattern of
``COMMAND_MODULES`` in portal/cli.py):

1. define ``register_kpi(kpi_sub)``, where ``kpi_sub`` is the argparse sub-parsers object of ``kpi``::

       def register_kpi(kpi_sub) -> None:
           p = kpi_sub.add_parser("satisfaction", help="satisfaction figures (JSON with --json)")
           cli_kpi.add_period_arguments(p)          # or its own options
           p.set_defaults(func=cmd_kpi_satisfaction)

2. append its module name to ``KPI_MODULES`` below.

Shared helpers: ``add_period_arguments(p)`` adds --from, --to, --store CODE (repeatable), --region NAME
(repeatable; a region code or its English or Chinese name), --json and ``add_lang_argument``'s --lang en|zh (the
text in the pages' words of that language, stores named in it; the JSON's keys stay, its words follow it); ``filters_from_args(con, args)``
turns them into ``Filters`` (default: the 90 days ending --to, or today) and raises ``portal.cli.CommandError``
naming any unknown store or region.

Exit codes: 0 printed; 1 invalid input (an unknown store or region: nothing printed on stdout); 2 bad usage
(argparse errors, a start after the end) or a database problem.
"""

from __future__ import annotations

import argparse
import importlib
import json
from datetime import UTC, date, datetime

from portal import db
from portal.cli import CommandError

# Modules defining register_kpi(kpi_sub); each adds one ``kpi <dashboard>`` sub-command.
KPI_MODULES: tuple[str, ...] = (
    "portal.cli_kpi",
    "portal.cli_surveys",
    "portal.fives.cli",
    "portal.cli_scorecards",
)


def register_cli(sub) -> None:
    p = sub.add_parser(
        "kpi",
        help="print a dashboard's figures (text, or JSON with --json)",
        description="Print a dashboard's figures for scheduled reports and checks.",
    )
    kpi_sub = p.add_subparsers(dest="kpi_command", required=True, metavar="DASHBOARD")
    for name in KPI_MODULES:
        importlib.import_module(name).register_kpi(kpi_sub)


# ---------------------------------------------------------------- shared options
def add_period_arguments(p: argparse.ArgumentParser) -> None:
    """--from, --to, --store CODE..., --region NAME..., --json."""
    p.add_argument(
        "--from",
        dest="start",
        type=date.fromisoformat,
        metavar="DATE",
        help="first day, YYYY-MM-DD (default: 90 days ending --to)",
    )
    p.add_argument(
        "--to",
        dest="end",
        type=date.fromisoformat,
        metavar="DATE",
        help="last day, YYYY-MM-DD (default: today)",
    )
    p.add_argument("--store", action="append", default=[], metavar="CODE", help="a store code (repeatable)")
    p.add_argument(
        "--region",
        action="append",
        default=[],
        metavar="NAME",
        help="a region code, or its English or Chinese name (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print JSON (default: a short text summary)")
    add_lang_argument(p)


def add_lang_argument(p: argparse.ArgumentParser) -> None:
    """--lang en|zh, as ``brief``, ``import`` and ``settings set`` take it."""
    p.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of the text (the pages' words) and of the JSON's words and store names; the JSON's keys "
        "stay as they are",
    )


def _lookup(con, sql: str, wanted: list[str]) -> tuple[tuple[int, ...], list[str]]:
    """Ids for the wanted names (case-insensitive) by a two-column (name, id) query; and the unknown ones."""
    known: dict[str, int] = {}
    cur = con.cursor()
    try:
        for name, key in cur.execute(sql).fetchall():
            known.setdefault(str(name).casefold(), int(key))
    finally:
        cur.close()
    ids = tuple(dict.fromkeys(known[w.casefold()] for w in wanted if w.casefold() in known))
    return ids, [w for w in wanted if w.casefold() not in known]


def filters_from_args(con, args, **extra):
    """The Filters of a ``kpi`` command's options; ``CommandError`` (portal.cli) for unknown stores or regions
    (exit 1: invalid input) or a bad range (exit 2: bad usage)."""
    try:
        return _filters_from_args(con, args, **extra)
    except LookupError as exc:
        raise CommandError(exc.args[0], 1) from None
    except ValueError as exc:
        raise CommandError(str(exc), 2) from None


def _filters_from_args(con, args, **extra):
    from portal import settings
    from portal.filters import Filters, default_filters, report_day_bounds, today_in
    from portal.i18n import t

    timezone = settings.report_timezone(con)
    first, last = report_day_bounds(today_in(timezone))
    outside = [day for day in (args.start, args.end) if day is not None and not first <= day <= last]
    if outside:  # --to 9999-12-31 or --from 0001-01-01: the previous period overflowed (a traceback)
        values = ", ".join(day.isoformat() for day in outside)
        lang = getattr(args, "lang", "en")
        raise ValueError(t("filters.date_out_of_range", lang, values=values, first=first, last=last))
    base = default_filters(args.end, timezone=timezone)
    store_ids, bad_stores = _lookup(con, "select store_code, store_id from stores", args.store)
    region_ids, bad_regions = _lookup(
        con,
        "select region_code, region_id from regions union all select name_en, region_id from regions "
        "union all select name_zh, region_id from regions",
        args.region,
    )
    unknown = [f"store {s!r}" for s in bad_stores] + [f"region {r!r}" for r in bad_regions]
    if unknown:
        raise LookupError("unknown " + ", ".join(unknown))
    return Filters(
        start=args.start or base.start,
        end=args.end or base.end,
        store_ids=store_ids,
        region_ids=region_ids,
        timezone=timezone,
        rolling=args.start is None,  # without --from: the last 90 days, a rolling window (Filters.rolling)
        **extra,
    )


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------- kpi complaints
def register_kpi(kpi_sub) -> None:
    from portal import vocab

    p = kpi_sub.add_parser(
        "complaints",
        help="complaint figures of a period (the Complaints dashboard)",
        description="The Complaints dashboard's figures: counts, first response and "
        "resolution medians and p90 in hours, SLA attainment, reopen and "
        "recovery rates, backlog by age, per channel and per category.",
    )
    add_period_arguments(p)
    p.add_argument(
        "--channel", action="append", default=[], choices=vocab.COMPLAINT_CHANNELS, help="(repeatable)"
    )
    p.add_argument(
        "--category",
        action="append",
        default=[],
        choices=vocab.CATEGORY_GROUPS,
        help="category group (repeatable)",
    )
    p.add_argument("--severity", action="append", default=[], choices=vocab.SEVERITIES, help="(repeatable)")
    p.add_argument(
        "--business-hours", action="store_true", help="count durations in the stores' opening hours"
    )
    p.add_argument(
        "--as-of",
        type=datetime.fromisoformat,
        metavar="DATETIME",
        help="UTC time for SLA elapsed and backlog (default: the period's end or now rounded down to the full "
        "hour, the earlier)",
    )
    p.set_defaults(func=cmd_kpi_complaints)


def cmd_kpi_complaints(args) -> int:
    from portal import complaints, kpi
    from portal.scope import Scope

    con = db.connect()
    try:
        filters = filters_from_args(
            con,
            args,
            channels=tuple(args.channel),
            categories=tuple(args.category),
            severities=tuple(args.severity),
            business_hours=args.business_hours,
        )
        as_of = args.as_of
        if as_of is not None and as_of.tzinfo is not None:
            as_of = as_of.astimezone(UTC).replace(tzinfo=None)
        run = kpi.runner(con, Scope.everything(), args.lang)
        # the JSON's previous_summary: every key of its summary (complaint_summary), as before the page's slim row;
        # the hot spots (channels, category x store, the source's categories) for the JSON only: the text reads none
        figs = complaints.figures(
            run, filters, complaints.targets(con), as_of=as_of, whole_previous=args.json, hot_spots=args.json
        )
    finally:
        con.close()
    if args.json:
        _print_json(complaints.to_json(figs, args.lang))
    else:
        print(complaints.text_summary(figs, args.lang))
    return 0
