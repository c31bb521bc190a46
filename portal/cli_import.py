"""Import commands: ``python -m portal import KIND FILE ...`` and ``python -m portal templates``.

Same rules as the upload page (portal.ingest). Exit codes: 0 committed (or the identical file was already
imported: nothing to do), 1 nothing written because the file or some rows are invalid (each printed),
2 bad usage (unknown kind, field or mapping, a column not in the file, an unknown time zone, no such file),
3 the database or, for a file read in chunks, the server's temporary folder could not be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from portal import config, db, settings, zones
from portal.cli import EXIT_WRITE_FAILED
from portal.cli_identity import EXIT_REFUSED, CliSignInRefused, cli_user
from portal.i18n import TABLE, listed, sentences, t
from portal.ingest import mapping, pipeline, reading, registry, split_stamps, stream, templates
from portal.ingest import values as value_maps
from portal.ingest.codes import unknown_codes_hint
from portal.ingest.core import UNREAD_COLUMNS, kind_title, unused_columns
from portal.ingest.kinds import Refused


def register_cli(sub) -> None:
    names = sorted(registry.kinds())
    p = sub.add_parser("import", help="import a file (complaint export, ...) as one import batch")
    # qa-reviews and qa_reviews alike
    p.add_argument("kind", choices=names, type=lambda s: s.replace("-", "_"), help="what the file holds")
    p.add_argument(
        "file", nargs="+", help="CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX; one batch per file"
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD from the file's COLUMN (repeatable; overrides the suggestion). A date and time split "
        "over two columns: FIELD=DATE+TIME, e.g. received_at=受理日期+受理时刻 (FIELD=DATE alone: no time column)",
    )
    p.add_argument(
        "--map-value",
        action="append",
        default=[],
        metavar="FIELD:VALUE=STANDARD",
        help="count the file's VALUE of FIELD as STANDARD (repeatable; empty STANDARD: no value, e.g. a "
        "status the stamps decide); values no one maps count as 'other'. category:VALUE=GROUP puts the "
        "source's category in a standard group (the category itself is kept)",
    )
    p.add_argument(
        "--sheet",
        default=None,
        metavar="NAME",
        help="the workbook's sheet to read (default: the one with the widest header); each sheet of a workbook "
        "is its own import",
    )
    p.add_argument("--mapping", metavar="NAME", help="use a saved column mapping")
    p.add_argument("--save-mapping", metavar="NAME", help="save the mapping used under this name")
    p.add_argument(
        "--timezone",
        default=None,
        metavar="TZ",
        help="time zone of naive stamps in the file (IANA name; default: the saved mapping's, else the "
        "reporting zone of 'portal settings'); a store the import adds takes this zone",
    )
    p.add_argument(
        "--source",
        default=None,
        metavar="NAME",
        help=f"source system, when the file has no source column (default {pipeline.DEFAULT_SOURCE})",
    )
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="commit the valid rows; the invalid ones go to the batch's error report",
    )
    p.add_argument(
        "--add-missing",
        action="store_true",
        help="add unknown store / agent codes to the master data in the same commit",
    )
    p.add_argument(
        "--user",
        default=None,
        help="sign in as this portal user (password: PORTAL_CLI_PASSWORD or asked) and act with their scope; "
        "default: the operating-system user, recorded as os:<name>",
    )
    p.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="language of the messages (the Upload page's) and of the batch's stored error report",
    )
    for option in {o.name: o for k in registry.kinds().values() for o in k.options}.values():
        p.add_argument(f"--{option.name}", default=None, help=option.help)  # a kind's own settings
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("templates", help="write the upload templates (CSV and XLSX, English and Chinese)")
    p.add_argument("--out", default=str(templates.TEMPLATES_DIR), help="folder (default %(default)s)")
    p.set_defaults(func=cmd_templates)


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _said(exc: Exception, lang: str) -> str:
    """A refusal (``FileRefused``, ``Refused``: an i18n key and its values) as the Upload page says it, in
    ``lang``; any other exception's own English."""
    reason = getattr(exc, "reason", None)
    if reason in TABLE:
        return t(reason, lang, **exc.values)
    return str(exc)


def _parse_map(pairs: list[str]) -> dict[str, str | None] | None:
    """``FIELD=COLUMN`` pairs; ``FIELD=`` (no column) unmaps the field."""
    out: dict[str, str | None] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip():
            return None
        out[field.strip()] = column.strip() or None
    return out


def _split_times(kind, explicit: dict[str, str | None], headers) -> dict[str, str | None]:
    """``--map`` of a timestamp field as ``DATE+TIME`` (two columns of the file, ``+`` between): the date column,
    and the time-of-day column under ``split_stamps.time_key``; a plain ``--map`` of a timestamp field clears its
    time column. A column whose own header holds a ``+`` is taken whole."""
    out = dict(explicit)
    for name, column in explicit.items():
        if kind.field(name).type != "timestamp":
            continue
        out[split_stamps.time_key(name)] = None
        if not column or column in headers:
            continue
        splits = [(column[:i].strip(), column[i + 1 :].strip()) for i, c in enumerate(column) if c == "+"]
        for date, time in splits:
            if date in headers and time in headers:
                out[name], out[split_stamps.time_key(name)] = date, time
                break
    return out


def _parse_map_values(kind, pairs: list[str]) -> dict[str, dict[str, str]] | str:
    """``FIELD:VALUE=STANDARD`` pairs -> ``{field: {value: standard}}``, or the usage error."""
    fields = {f.name: f for f in kind.fields if f.has_values}
    out: dict[str, dict[str, str]] = {}
    for pair in pairs:
        name, sep, rest = pair.partition(":")
        value, sep2, standard = rest.rpartition("=")
        name, value, standard = name.strip(), value.strip(), standard.strip()
        if not sep or not sep2 or not value:
            return f"--map-value takes FIELD:VALUE=STANDARD, e.g. --map-value 'channel:WeChat=social_media' ({pair!r})"
        if name not in fields:
            return f"{kind.name} has no value field {name!r}; fields with values: {', '.join(fields)}"
        allowed = value_maps.allowed_values(fields[name])
        if standard and standard not in allowed:
            return f"{standard!r} is not a standard {name}; one of: {', '.join(allowed)} (or empty)"
        out.setdefault(name, {})[value] = standard
    return out


def cmd_import(args) -> int:
    """Import each FILE as its own batch, in order; the exit code is the worst of them."""
    return max(_import_file(args, Path(name)) for name in args.file)


def _import_file(args, path: Path) -> int:
    kind = registry.kind(args.kind)
    lang = getattr(args, "lang", "en")
    if not path.is_file():
        return _usage(f"no such file: {path}")
    explicit = _parse_map(args.map)
    if explicit is None:
        return _usage("--map takes FIELD=COLUMN, e.g. --map source_id='Ticket No'")
    patterns = {f: c for f, c in explicit.items() if mapping.is_pattern(f)}  # e.g. --map 'e{n}=E{n}'
    explicit = {f: c for f, c in explicit.items() if not mapping.is_pattern(f)}
    stray = sorted(
        {
            o.name
            for k in registry.kinds().values()
            for o in k.options
            if o not in kind.options and getattr(args, o.name, None) is not None
        }
    )
    if stray:
        return _usage(f"{kind.name} takes no --{', --'.join(stray)}")
    if args.sheet is not None and kind.read is not None:
        return _usage(f"{kind.name} reads every sheet of a workbook; --sheet does not apply")
    if args.sheet is not None and path.suffix.lower() not in reading.SPREADSHEET_SUFFIXES:
        return _usage(f"--sheet names a sheet of a workbook (.xlsx, .xlsm, .xls); {path.name} is not one")
    if args.timezone is not None and not pipeline.valid_timezone(args.timezone):
        return _usage(f"unknown time zone {args.timezone!r}; use an IANA name such as Asia/Shanghai")
    con = db.connect()
    try:
        try:
            user = cli_user(con, args.user)
        except CliSignInRefused as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        # before the file is read: its row errors could name other stores' stored rows
        if not kind.may_upload(user.roles):
            refusal = t("ingest.refused.role", lang, kind=kind_title(kind))
            print(t("ingest.cli.nothing_written", lang, reason=refusal), file=sys.stderr)
            return EXIT_REFUSED
        if kind.configure is not None:
            try:
                kind = kind.configure(con, {o.name: getattr(args, o.name, None) for o in kind.options})
            except ValueError as exc:
                return _usage(_said(exc, lang) if isinstance(exc, Refused) else str(exc))
        unknown = sorted(set(explicit) - set(kind.field_names))
        if unknown:
            return _usage(
                f"{kind.name} has no field {', '.join(unknown)}; fields: {', '.join(kind.field_names)}"
            )
        chunks = None  # a large CSV is read in chunks (portal.ingest.stream), anything else whole
        try:
            if stream.streamable(kind, path):
                try:
                    chunks = stream.open_csv(path, config.upload_limit_mb())
                except stream.NotStreamable:
                    chunks = None
            raw = chunks.first if chunks else _read_whole(con, kind, path, args.sheet, lang, user.scope)
        except reading.FileRefused as exc:
            print(f"refused: {_said(exc, lang)}", file=sys.stderr)
            return 1
        chosen = mapping.suggest_mapping(kind, raw.headers, raw.frame)
        saved_options = {}
        if args.mapping:
            saved = mapping.load_mapping(con, kind.name, args.mapping)
            if saved is None:
                names = ", ".join(s.name for s in mapping.saved_mappings(con, kind.name)) or "none saved"
                return _usage(f"no saved {kind.name} mapping named {args.mapping!r} ({names})")
            chosen = {
                f: c for f, c in saved.mapping.items() if f in kind.field_names or split_stamps.stamp_field(f)
            }
            saved_options = saved.options
        if patterns:
            expanded, problems = mapping.expand_patterns(kind, raw.headers, patterns)
            for key, values in problems:
                print("error: " + t(key, lang, **values), file=sys.stderr)
            if problems:
                return 2
            chosen.update(expanded)
        explicit = _split_times(kind, explicit, raw.headers)
        # an explicit choice wins: a suggestion (or saved choice) on the same column gives way
        taken = {c for c in explicit.values() if c}
        chosen = {f: (None if c in taken and f not in explicit else c) for f, c in chosen.items()}
        chosen.update(explicit)
        missing_columns = sorted({c for c in explicit.values() if c and c not in raw.headers})
        if missing_columns:
            return _usage(
                f"the file has no column {', '.join(map(repr, missing_columns))}; "
                f"its columns: {', '.join(raw.headers)}"
            )
        value_map = _parse_map_values(kind, args.map_value)
        if isinstance(value_map, str):
            return _usage(value_map)
        saved_values = value_maps.saved_value_map(saved_options)
        value_map = {f: saved_values.get(f, {}) | value_map.get(f, {}) for f in {*saved_values, *value_map}}
        options = pipeline.ImportOptions(
            timezone=args.timezone or saved_options.get("timezone") or settings.report_timezone(con),
            source=args.source or saved_options.get("source") or pipeline.DEFAULT_SOURCE,
            skip_invalid=args.skip_invalid,
            add_missing=args.add_missing,
            value_map=value_map,
            lang=lang,
        )
        prepared = None
        if chunks is not None:
            raw = None  # the first chunk: not held while the others are read
            try:
                prepared = stream.prepare(con, kind, chunks, chosen, options, user)
                raw = prepared.raw
                print(t("ingest.cli.chunks", lang, rows=chunks.rows, mb=stream.stream_threshold_mb()))
            except stream.NotStreamable:
                prepared = None
            except reading.FileRefused as exc:
                print(f"refused: {_said(exc, lang)}", file=sys.stderr)
                return 1
            except (
                stream.SpoolFailed
            ) as exc:  # the temporary folder, not the database (cli.write_failure_message)
                print(f"error: {exc}", file=sys.stderr)
                return EXIT_WRITE_FAILED
        if prepared is None:
            try:
                raw = _read_whole(con, kind, path, args.sheet, lang, user.scope) if raw is None else raw
            except reading.FileRefused as exc:
                print(f"refused: {_said(exc, lang)}", file=sys.stderr)
                return 1
            prepared = pipeline.prepare(con, kind, raw, chosen, options, user)
        try:
            return _check_and_commit(args, con, kind, raw, prepared, options, value_map, user)
        finally:
            if prepared.staged is not None:
                prepared.staged.close()
    finally:
        con.close()


def _read_whole(con, kind, path: Path, sheet: str | None = None, lang: str = "en", scope=None):
    return pipeline.read(
        con, kind, path.read_bytes(), path.name, config.upload_limit_mb(), lang, sheet, scope
    )


def _check_and_commit(args, con, kind, raw, prepared, options, value_map, user) -> int:
    """Print the mapping, notices and row errors of a prepared file, then commit it (or say why not), in the
    language of ``options.lang`` (--lang)."""
    lang = options.lang
    _print_mapping(prepared)
    for key, values in prepared.notices:
        if key == "ingest.notice.zone_assumed" and args.timezone is not None:
            key = "ingest.notice.zone_chosen"  # the zone was chosen (--timezone): not "choose it", but which
            values = {**values, "zone": args.timezone}  # named as the command line gave it
        print("note: " + t(key, lang, **values))
    if prepared.file_errors:
        for key, values in prepared.file_errors:
            print("error: " + t(key, lang, **values), file=sys.stderr)
        print(t("ingest.cli.map_columns", lang, columns=listed(raw.headers)), file=sys.stderr)
        return 1
    if prepared.duplicate_of is not None and prepared.duplicate_of.get("may_undo"):
        # the user's own batch (an admin: anyone's); another user's is refused by the commit after the row checks
        d = prepared.duplicate_of
        zone = d.get("report_timezone") or "UTC"
        # a workbook with one sheet per month: which sheet (another sheet of it is another import)
        print(
            t(
                "ingest.cli.same_file_sheet" if len(raw.sheets) > 1 else "ingest.cli.same_file",
                lang,
                sheet=raw.sheet,
                batch_id=d["batch_id"],
                created_at=zones.stamp_text(d["created_at"], zone),
                zone=zones.zone_name(zone, lang),
            )
        )
        return 0
    _print_errors(prepared, user)
    try:
        try:
            result = pipeline.commit(con, prepared, user)
        except pipeline.NothingWritten as exc:
            if prepared.staged is None or not isinstance(db.cause(exc), duckdb.OutOfMemoryException):
                raise
            # rolled back whole; the spooled rows are still there: once more without the commit's limit
            db.set_memory_limit(con, prepared.staged.memory_limit)
            print("note: " + t("ingest.cli.memory_retry", lang, mb=stream.commit_memory_mb()))
            result = pipeline.commit(con, prepared, user)
    except pipeline.NothingWritten as exc:
        if isinstance(exc, stream.SpoolFailed):  # the spool's files are gone: not the database, not the input
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_WRITE_FAILED
        if exc.reason in (
            "ingest.commit_failed",
            "ingest.commit_fatal",
        ):  # not written: cli.main says so, exit 3
            raise db.cause(exc) from None
        if exc.reason == "ingest.refused.same_file_other":
            # already imported by another user: nothing to do, exit 0 as for one's own file (said without its
            # batch, which is not this user's to see or undo)
            print(_said(exc, lang))
            return 0
        print(t("ingest.cli.nothing_written", lang, reason=_said(exc, lang)), file=sys.stderr)
        return 1
    if args.save_mapping:
        mapping.save_mapping(
            con,
            kind.name,
            args.save_mapping,
            prepared.mapping,
            user.username,
            {"source": options.source, "timezone": options.timezone, "values": value_map},
        )
    committed = t(
        "ingest.cli.committed" if kind.reads_times else "ingest.cli.committed_plain",  # no stamps: no zone
        lang,
        batch_id=result.batch_id,
        rows=result.rows_in_file,
        added=result.rows_added,
        updated=result.rows_updated,
        unchanged=result.rows_unchanged,
        skipped=result.rows_skipped,
        zone=options.timezone,
    )
    added = [
        t("text.label_value", lang, label=_field_named(kind, f, lang), value=listed(codes).text(lang))
        for f, codes in result.master_added.items()
    ]
    master = (
        t("ingest.cli.master_added", lang, codes=("; " if lang == "en" else "；").join(added))
        if added
        else ""
    )
    print(sentences([committed, master], lang))
    return 0


def _field_named(kind, name: str, lang: str) -> str:
    """A field as the command line names it: its id in English (what --map takes), its label in Chinese."""
    return kind.field(name).label(lang) if lang == "zh" else name


def _print_mapping(prepared) -> None:
    times = {split_stamps.stamp_field(f): c for f, c in prepared.mapping.items() if c}
    used = [
        f"{f} <- {c!r}" + (f" + {times[f]!r}" if times.get(f) else "")
        for f, c in prepared.mapping.items()
        if c and not split_stamps.stamp_field(f)
    ]
    lang = prepared.options.lang
    columns = listed(used) if used else t("ingest.cli.read_no_columns", lang)  # never an empty list
    print(t("ingest.cli.read", lang, file=prepared.raw.file_name, n=prepared.n_rows, columns=columns))
    # as the form says it: a scheduled import must not drop a column (an agent, a resolved time) unsaid
    unused = unused_columns(prepared.raw.headers, prepared.mapping)
    if unused and UNREAD_COLUMNS not in {k for k, _ in prepared.notices}:  # a kind's notice names them itself
        print("note: " + t("ingest.cli.unused", lang, columns=listed(unused)))


def _print_errors(prepared, user) -> None:
    if prepared.errors.empty:
        return
    from portal.fives_intake import sheet_parse

    lang = prepared.options.lang
    errors = prepared.error_messages(lang)  # rendered once: the commit's error report reads them too
    stream = sys.stdout if prepared.options.skip_invalid else sys.stderr
    for row in errors.itertuples(index=False):
        where = t("ingest.cli.row", lang, row=row.row, column=row.column)
        if prepared.raw.cells is not None:  # read from worksheets: as the sheet parser's messages say it
            where = sheet_parse.where(lang, row.sheet, row.row, row.column) or prepared.raw.file_name
        # a blank cell is not quoted ("(value '')"): the reason says what is missing or which row it continues
        key = "ingest.cli.error_value" if row.value != "" else "ingest.cli.error"
        print(t(key, lang, where=where, reason=row.reason, value=row.value), file=stream)
    for field, codes in prepared.unknown_codes.items():
        hint = unknown_codes_hint(prepared.kind, user, field, prepared.options.add_missing, cli=True)
        print(
            t(
                "ingest.cli.unknown_codes" if hint is None else "ingest.cli.unknown_codes_hint",
                lang,
                field=_field_named(prepared.kind, field, lang),
                codes=listed(codes),
                hint=None if hint is None else t(hint, lang),
            ),
            file=stream,
        )


def cmd_templates(args) -> int:
    for path in templates.write_templates(Path(args.out)):
        print(path)
    return 0
