"""``python -m portal kpi 5s``: the 5S results' figures for scheduled reports (listed in cli_kpi.KPI_MODULES).

Options: --from, --to, --store CODE..., --region NAME..., --lang en|zh, and --json (the figure set) or --csv (the store
ranking with each section's mean %). Exit codes: 0 printed; 1 an unknown store or region; 2 bad usage.
"""

from __future__ import annotations

import json
import sys

from portal import cli_kpi, db


def register_kpi(kpi_sub) -> None:
    p = kpi_sub.add_parser(
        "5s",
        help="5S inspection figures of a period (the 5S results page)",
        description="The 5S results page's figures: chain overall % with its band, stores failing, open and "
        "overdue corrective actions, repeat findings, per store the mean % with its band and section "
        "percentages, inspector consistency, the corrective-action loop per store.",
    )
    cli_kpi.add_period_arguments(p)
    p.add_argument("--csv", action="store_true", help="print the store ranking with section %% as CSV")
    p.set_defaults(func=cmd_kpi_fives)


def cmd_kpi_fives(args) -> int:
    from portal import kpi
    from portal.fives import export, figures
    from portal.scope import Scope

    con = db.connect()
    try:
        filters = cli_kpi.filters_from_args(con, args)
        figs = figures.figures(con, Scope.everything(), filters, lang=args.lang)
        # the month in progress as of the day the figures took as today (the JSON's "today")
        trend = figures.trend(kpi.runner(con, Scope.everything(), args.lang), filters, figs.today)
    finally:
        con.close()
    if args.csv:
        sys.stdout.buffer.write(export.to_csv_bytes(figs))
    elif args.json:
        out = export.to_json(figs, args.lang)
        # the page's trend (mean overall % by month, the selection's and each store's), with the inspections each
        # rests on; SPEC: every dashboard's figures as JSON (5S probe: the trend was the page's alone)
        out["trend"] = export.trend_rows(trend)
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(export.text_summary(export.to_json(figs, args.lang), args.lang))
    return 0
