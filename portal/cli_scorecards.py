"""``python -m portal kpi scorecards --period 2026-10 [--grain G] [--team T]... [--agent A]... [--json]``.

The team view's figures for one period, chain-wide (the command line is an operator's tool): every agent's
composite, rank and percentile in the team, change, and each metric's value, n, 95 % interval, score and
weight; a period still in progress says so ("in progress", JSON ``in_progress``). Exit codes: 0 printed; 1 an
unknown team or agent code, or a period that has not begun in the reporting time zone (as ``brief`` refuses a week
that has not begun: its cards would all say "insufficient data"); 2 a period that cannot be read.
"""

from __future__ import annotations

import sys

from portal import db
from portal.cli_kpi import _lookup, _print_json, add_lang_argument
from portal.vocab import SCORECARD_GRAINS


def register_kpi(kpi_sub) -> None:
    p = kpi_sub.add_parser(
        "scorecards",
        help="agent scorecards of a period (JSON with --json)",
        description="Agent scorecards: composite, rank in team, change and each metric's value, n and score.",
    )
    p.add_argument("--period", required=True, help="2026-10 (month), 2026-W40 (week) or 2026-Q4 (quarter)")
    p.add_argument("--grain", choices=SCORECARD_GRAINS, help="re-bucket --period to this grain")
    p.add_argument("--team", action="append", default=[], metavar="CODE", help="a team code (repeatable)")
    p.add_argument("--agent", action="append", default=[], metavar="CODE", help="an agent code (repeatable)")
    p.add_argument("--json", action="store_true", help="print JSON (default: a short text summary)")
    add_lang_argument(p)
    p.set_defaults(func=cmd_kpi_scorecards)


def cmd_kpi_scorecards(args) -> int:
    from portal import settings
    from portal.complaints.as_of import rounded_now, to_local
    from portal.i18n import t
    from portal.scope import Scope
    from portal.scorecards import export, figures, periods

    try:
        period = periods.parse(args.period, args.grain)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    con = db.connect()
    try:
        team_ids, bad_teams = _lookup(con, "select team_code, team_id from teams", args.team)
        agent_ids, bad_agents = _lookup(con, "select agent_code, agent_id from agents", args.agent)
        unknown = [f"team {x!r}" for x in bad_teams] + [f"agent {x!r}" for x in bad_agents]
        if unknown:
            print("error: unknown " + ", ".join(unknown), file=sys.stderr)
            return 1
        # the reporting zone's day at the moment the cards are judged (figures.compute's, the dashboards')
        sla_as_of = rounded_now()
        today = to_local(sla_as_of, settings.report_timezone(con)).date()
        if period.start > today:
            current = periods.containing(today, period.grain).label
            print(
                "error: "
                + t(
                    "scorecards.not_begun",
                    args.lang,
                    period=period.label,
                    start=period.start,
                    current=current,
                ),
                file=sys.stderr,
            )
            return 1
        sset = figures.figures(
            con,
            Scope.everything(),
            period,
            team_ids=team_ids,
            agent_ids=agent_ids,
            sla_as_of=sla_as_of,
            today=today,
        )
    finally:
        con.close()
    if args.json:
        _print_json(export.to_json(sset, args.lang))
    else:
        print(export.text_summary(sset, args.lang))
    return 0
