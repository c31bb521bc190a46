"""``python -m portal brief``: the weekly brief for scheduled mail, and issued briefs read back unchanged.

    python -m portal brief --week 2026-W47 [--scope user:NAME | store:S001,S002 | region:R1] [--lang en|zh]
                           (--markdown | --json) [--dry-run]
    python -m portal brief --show ID [--scope ...] (--markdown | --json)

Without --week: the last complete week. Every brief printed is issued: stored unchanged (table
overview_briefs, audited) unless --dry-run. Exit codes: 0 printed; 1 a week that is no ISO week or has not begun
(in the reporting time zone), an unknown scope or brief id;
2 bad usage or a database problem.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta

from portal import db


def register_cli(sub) -> None:
    p = sub.add_parser("brief", help="the weekly brief in plain language (markdown or JSON)")
    p.add_argument(
        "--week", metavar="YYYY-Www", help="ISO week, e.g. 2026-W47 (default: the last complete week)"
    )
    p.add_argument("--scope", default="all", help="all | user:NAME | store:CODE[,CODE] | region:CODE")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    fmt = p.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--markdown", action="store_true")
    fmt.add_argument("--json", action="store_true")
    p.add_argument("--dry-run", action="store_true", help="print without storing the brief")
    p.add_argument("--show", type=int, metavar="ID", help="print an issued brief as it was stored")
    p.set_defaults(func=cmd_brief)


def scope_from(con, text: str):
    """The Scope named by --scope; LookupError for an unknown user, store or region."""
    from portal import users
    from portal.scope import Scope

    kind, _, value = text.partition(":")
    if kind == "all":
        return Scope.everything()
    if kind == "user":
        user = users.load_user(con, value)
        if user is None:
            raise LookupError(f"unknown user {value!r}")
        return user.scope
    if kind == "store":
        codes = [c.strip() for c in value.split(",") if c.strip()]
        rows = con.execute(
            "select store_code, store_id from stores where store_code in ?", [codes]
        ).fetchall()
        missing = set(codes) - {r[0] for r in rows}
        if missing or not rows:
            raise LookupError(f"unknown store {sorted(missing)}")
        return Scope(store_ids=tuple(sorted(r[1] for r in rows)), all_agents=True)
    if kind == "region":
        rows = con.execute("select region_id from regions where region_code = ?", [value]).fetchall()
        if not rows:
            raise LookupError(f"unknown region {value!r}")
        return Scope(region_ids=(rows[0][0],), all_agents=True)  # the region's rows, as its manager sees them
    raise LookupError(f"unknown scope {text!r}")


def areas_from(con, text: str) -> tuple[str, ...] | None:
    """The overview areas of --scope user:NAME: what that user's roles may see (a team lead's brief has no 5S);
    None (every area) for the other scopes."""
    from portal import navigation, users

    kind, _, value = text.partition(":")
    if kind != "user":
        return None
    user = users.load_user(con, value)
    return None if user is None else navigation.visible_areas(user.roles)


def week_from(text: str, today: date, lang: str) -> date:
    """The Monday of --week ('2026-W47'). ValueError, the reason in ``lang``, for a text that is no ISO week
    (2025-W53: 2025 has 52) or a week that has not begun by ``today`` (the reporting zone's day): a brief of it
    would say nothing changed and be issued all the same."""
    from portal.i18n import t
    from portal.overview.brief import week_label
    from portal.overview.sources import monday_of

    year, sep, number = text.strip().upper().partition("-W")
    if not (sep and len(year) == 4 and year.isdigit() and number.isdigit() and int(year) > 0):
        raise ValueError(t("overview.brief.week_invalid", lang, text=text))
    weeks = date(int(year), 12, 28).isocalendar().week  # 52 or 53
    if not 1 <= int(number) <= weeks:
        raise ValueError(t("overview.brief.week_out_of_range", lang, text=text, year=year, weeks=weeks))
    monday = date.fromisocalendar(int(year), int(number), 1)
    if monday > today:
        last = week_label(monday_of(today) - timedelta(days=7))
        raise ValueError(
            t("overview.brief.week_not_begun", lang, week=week_label(monday), start=monday, last=last)
        )
    return monday


def cmd_brief(args) -> int:
    from portal import kpi, settings, users, writes
    from portal.overview import brief, records
    from portal.overview import figures as overview
    from portal.overview.sources import window_for

    con = db.connect()
    try:
        now = users.utc_now()
        zone = settings.report_timezone(con)
        try:
            scope = scope_from(con, args.scope)
            areas = areas_from(con, args.scope)
            week = (
                week_from(args.week, window_for(now, timezone=zone).today, args.lang) if args.week else None
            )
        except (LookupError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        key = records.scope_key(scope)
        if args.show is not None:
            stored = records.brief(con, args.show, key)
            if stored is None:
                print(f"error: no brief {args.show} for this scope", file=sys.stderr)
                return 1
            print(
                stored["markdown"]
                if args.markdown
                else json.dumps(stored["json"], ensure_ascii=False, indent=2)
            )
            return 0
        window = window_for(now, week=week, timezone=zone)
        figs = overview.figures(kpi.runner(con, scope), window, con, areas)
        acks = records.latest_acks(con, key)
        # a snooze runs to a day of the reporting zone, as on the Overview page (not the UTC date)
        open_alerts, _ = overview.split(figs.alerts, acks, window.today)
        run = kpi.runner(con, scope)
        names = brief.store_names(run, args.lang)  # "S001 北京王府井店", as the overview's alerts name stores
        got = brief.build(figs, args.lang, key, open_alerts, names)
        if not args.dry_run:
            writes.store_brief(
                con,
                week=got.week,
                scope_key=key,
                lang=args.lang,
                markdown=got.markdown(),
                body=got.to_json(),
                issued_by="cli",
                now=now,
            )
    finally:
        con.close()
    print(
        got.markdown()
        if args.markdown
        else json.dumps(got.to_json(), ensure_ascii=False, indent=2, default=str)
    )
    return 0
