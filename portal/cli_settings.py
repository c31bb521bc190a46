"""Settings on the command line (issue 9 item 4): ``python -m portal settings
show|set-zone|set-store-zone|set-store-hours|set``.

``show`` prints the reporting zone (the setting, or the stores' most common zone when none is set), every store's
zone and the other settings (``--json`` for scripts). ``set-zone ZONE`` sets the reporting zone (``auto``: none,
the stores' most common zone); ``set-store-zone CODE ZONE`` sets a store's zone (an import's naive stamps are
read in the zone the import names, the reporting zone by default; a store an import adds takes the import's zone);
``set-store-hours CODES WEEK`` gives stores (codes, comma-separated) their opening hours, e.g.
``"mon-fri 09:00-21:00; sat,sun 10:00-18:00"`` (portal.store_hours; a day not named is closed); ``set NAME=VALUE...``
sets the Settings page's targets and thresholds (portal.targets: the same fields, bounds and checks; e.g.
``low_confidence_n=40``, ``servqual_default_weights.empathy=30``).
Only an admin changes settings; each change is audited (action ``settings``), like the Settings page.
The caller is ``--user`` (default: the OS user) as ``portal import`` signs in (portal.cli_identity).
Exit codes: 0 done, 1 refused (not an admin), 2 bad usage (an unknown zone, store or setting, a value refused;
sign-in refused).
"""

from __future__ import annotations

import json
import sys

from portal import db, settings, targets, writes
from portal.cli_identity import EXIT_REFUSED, CliSignInRefused, cli_user
from portal.i18n import t
from portal.scope import Scope

AUTO = "auto"


def register_cli(sub) -> None:
    p = sub.add_parser("settings", help="show settings; set the reporting time zone or a store's time zone")
    inner = p.add_subparsers(dest="settings_command", required=True, metavar="ACTION")
    show = inner.add_parser("show", help="the reporting zone, every store's zone and the other settings")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--user", default=None, help="act as this user (default: $USER)")
    show.set_defaults(func=cmd_show)
    zone = inner.add_parser("set-zone", help="set the reporting time zone (admin; audited)")
    zone.add_argument(
        "zone", help=f"an IANA name such as America/New_York, or '{AUTO}': the stores' most common"
    )
    zone.add_argument("--user", default=None, help="recorded as who changed it (default: $USER)")
    zone.set_defaults(func=cmd_set_zone)
    store = inner.add_parser("set-store-zone", help="set a store's time zone (admin; audited)")
    store.add_argument("store_code")
    store.add_argument("zone", help="an IANA name such as Europe/Berlin")
    store.add_argument("--user", default=None, help="recorded as who changed it (default: $USER)")
    store.set_defaults(func=cmd_set_store_zone)
    hours = inner.add_parser("set-store-hours", help="set stores' opening hours (admin; audited)")
    hours.add_argument("store_codes", help="store codes, comma-separated (S001,S002)")
    hours.add_argument(
        "week", help="e.g. 'mon-fri 09:00-21:00; sat,sun 10:00-18:00' (a day not named is closed)"
    )
    hours.add_argument("--user", default=None, help="recorded as who changed it (default: $USER)")
    hours.set_defaults(func=cmd_set_store_hours)
    put = inner.add_parser(
        "set",
        help="set targets and thresholds as on the Settings page (admin; audited)",
        description="Set the Settings page's targets and thresholds, e.g. low_confidence_n=40 or the five "
        "SERVQUAL default weights (servqual_default_weights.tangibles=30 ... summing to 100). Checked as the "
        "page checks them; nothing is written when one is refused.",
    )
    put.add_argument("assignments", nargs="+", metavar="NAME=VALUE", help="e.g. fives_low_confidence_n=3")
    put.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the messages")
    put.add_argument("--user", default=None, help="recorded as who changed it (default: $USER)")
    put.set_defaults(func=cmd_set)


def _signed_in(con, username):
    try:
        return cli_user(con, username)
    except CliSignInRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _zone_or_none(name: str) -> tuple[bool, str | None]:
    if name.strip().casefold() == AUTO:
        return True, None
    return name in settings.known_timezones(), name


def cmd_show(args) -> int:
    con = db.connect()
    try:
        user = _signed_in(con, args.user)
        if user is None:
            return EXIT_REFUSED
        loaded = settings.load_all(con)
        zones = db.run_query(con, "settings_store_zones", None, user.scope)
        hours = db.run_query(con, "settings_store_hours", None, user.scope)
        effective = settings.report_timezone(con, loaded)
    finally:
        con.close()
    from portal import store_hours

    opening = {code: store_hours.describe(week) for code, week in store_hours.weeks_of(hours).items()}
    chosen = loaded.get("report_timezone")
    if args.json:
        stores = [
            {
                "store_code": r.store_code,
                "store_name": r.store_name,
                "timezone": r.timezone,
                "active": r.is_active,
                "opening_hours": opening.get(r.store_code),
            }
            for r in zones.itertuples()
        ]
        out = {"report_timezone": effective, "report_timezone_setting": chosen, "stores": stores}
        if user.has_role(
            "admin"
        ):  # the Settings page's, admin only (targets, lockout): not an agent's to read
            out["settings"] = {k: v for k, v in loaded.items() if k != "report_timezone"}
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
        return 0
    how = "set" if chosen == effective else "not set: the stores' most common zone"
    print(f"Reporting time zone: {effective} ({how})")
    print("Stores:" if len(zones) else "Stores: none")
    for r in zones.itertuples():
        print(
            f"  {r.store_code:<10} {r.timezone:<22} {r.store_name}"
            + ("" if r.is_active else " (inactive)")
            + f"; {opening.get(r.store_code, store_hours.describe({}))}"
        )
    if not user.has_role("admin"):  # the other settings are the Settings page's, admin only (fault probe)
        return 0
    print("Other settings:")
    for key, value in loaded.items():
        if key != "report_timezone":
            print(f"  {key} = {json.dumps(value, ensure_ascii=False)}")
    return 0


def _admin(con, username, lang: str = "en"):
    user = _signed_in(con, username)
    if user is None:
        return None, EXIT_REFUSED
    if not user.has_role("admin"):
        print(t("settings.cli.not_admin", lang, user=user.username), file=sys.stderr)
        return None, 1
    return user, 0


def cmd_set_zone(args) -> int:
    ok, zone = _zone_or_none(args.zone)
    if not ok:
        print(
            f"error: unknown time zone {args.zone!r}; use an IANA name such as Asia/Shanghai", file=sys.stderr
        )
        return 2
    con = db.connect()
    try:
        user, code = _admin(con, args.user)
        if user is None:
            return code
        before = writes.set_report_timezone(con, zone, user.username)
        effective = settings.report_timezone(con)
    finally:
        con.close()
    print(
        f"Reporting time zone: {effective}"
        + (" (not set: the stores' most common zone)" if zone is None else "")
        + f"; was {before or 'not set'}. Dashboards count days and weeks in it; imports read times without a "
        "zone in it unless --timezone says otherwise."
    )
    return 0


def _canonical_zone(name: str) -> str | None:
    """An IANA zone as typed in any case (asia/shanghai is Asia/Shanghai), else None."""
    known = {z.casefold(): z for z in settings.known_timezones()}
    return known.get(name.strip().casefold())


def _store_code(con, typed: str) -> str | None:
    """A store code as typed: the code itself, else the one code equal to it in another case (s001 is S001);
    None when there is no such store (or two codes differ only by case: the exact one is needed)."""
    codes = list(db.run_query(con, "filter_stores", None, Scope.everything())["store_code"])
    if typed in codes:
        return typed
    same = [c for c in codes if c.casefold() == typed.strip().casefold()]
    return same[0] if len(same) == 1 else None


def cmd_set_store_zone(args) -> int:
    zone = _canonical_zone(args.zone)
    if zone is None:
        print(
            f"error: unknown time zone {args.zone!r}; use an IANA name such as Asia/Shanghai", file=sys.stderr
        )
        return 2
    args.zone = zone
    con = db.connect()
    try:
        user, code = _admin(con, args.user)
        if user is None:
            return code
        args.store_code = _store_code(con, args.store_code) or args.store_code  # s001 is S001
        before = writes.set_store_timezone(con, args.store_code, args.zone, user.username)
    finally:
        con.close()
    if before is None:
        print(f"error: no store with code {args.store_code!r} (see: portal settings show)", file=sys.stderr)
        return 2
    print(f"Store {args.store_code}: time zone {args.zone} (was {before}).")
    return 0


def cmd_set_store_hours(args) -> int:
    from portal import store_hours

    try:
        week = store_hours.parse_week(args.week)
    except store_hours.HoursError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    codes = [c.strip() for c in args.store_codes.split(",") if c.strip()]
    con = db.connect()
    try:
        user, code = _admin(con, args.user)
        if user is None:
            return code
        found = {c: _store_code(con, c) for c in codes}
        unknown = [c for c, code in found.items() if code is None]
        if not codes or unknown:
            shown = unknown[0] if unknown else args.store_codes
            print(f"error: no store with code {shown!r} (see: portal settings show)", file=sys.stderr)
            return 2
        before = writes.set_store_hours(con, list(found.values()), week, user.username)
    finally:
        con.close()
    for store, was in before.items():
        print(f"Store {store}: opening hours {store_hours.describe(week)} (was {was}).")
    return 0


def cmd_set(args) -> int:
    """The targets and thresholds given, checked with the others in force as the Settings page checks its form;
    written and audited together, or none of them."""

    given, wrong = targets.parse_assignments(args.assignments)
    if wrong:
        for message in targets.messages(wrong, args.lang):
            print(f"error: {message}", file=sys.stderr)
        return 2
    con = db.connect()
    try:
        user, code = _admin(con, args.user, args.lang)
        if user is None:
            return code
        loaded = settings.load_all(con)
        values = {**targets.current(loaded), **given}
        refused = targets.messages(targets.validate(values), args.lang)
        if refused:
            for message in refused:
                print(f"error: {message}", file=sys.stderr)
            return 2
        changed = targets.changes(loaded, values)
        was = writes.put_settings(con, changed, user.username) if changed else {}
    finally:
        con.close()
    if not changed:
        print(t("settings.targets.unchanged", args.lang))
        return 0
    for key, value in changed.items():
        print(
            f"{key} = {json.dumps(value, ensure_ascii=False)} (was {json.dumps(was[key], ensure_ascii=False)})"
        )
    print(t("settings.targets.saved", args.lang, n=len(changed)))
    return 0
