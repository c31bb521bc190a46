"""The import pipeline shared by every upload kind (SPEC §4): read -> map -> validate -> preview -> commit.

Nothing here imports streamlit; pages/upload.py and portal/cli_import.py are thin callers of this API.

The flow (one function per step, all in ``portal.ingest.pipeline`` unless said otherwise)
------------------------------------------------------------------------------------------
1. ``reading.read_upload(data: bytes, file_name: str, limit_mb: int | None = None, sheet=None) -> RawTable``
   Decodes CSV (UTF-8, UTF-8 with BOM, GB18030/GBK: detected, never asked) or reads XLSX (python-calamine,
   the sheet asked for, else the one with the widest header: ``sheet_pick``). ``RawTable``: ``headers``
   (list[str], as in the file), ``frame`` (DataFrame, every cell a ``str``, "" for blank, columns = headers),
   ``encoding``, ``sheet``, ``sheets`` (a workbook's sheets holding a table), ``chosen_sheet``,
   ``file_name``, ``file_hash`` (sha256 hex of the bytes), ``size_bytes``, ``first_row_number`` (2: the
   header is row 1, so row numbers match what a spreadsheet shows).
   Raises ``reading.FileRefused`` (``.reason`` = i18n key, ``.values`` = format values; ``str(exc)`` is
   English) for: over the size limit, empty file, binary file, no recognisable header, XLSX with no data
   sheet, duplicate column names.
2. ``mapping.suggest_mapping(kind, headers, frame=None) -> dict[field_name, header | None]``: template
   headers (English or Chinese) and known aliases match exactly (after normalising case, spaces, ``_``/``-``);
   other headers by an alias as whole words (the "likely match" pre-selected in the form). A header naming a
   unit of time is never a stamp; given the cells, a number field is not offered a column of words, a text
   field not a column of a choice field's values (which that field gets instead).
   ``mapping.save_mapping(con, kind_name, name, mapping, username, options=None)``,
   ``mapping.saved_mappings(con, kind_name) -> list[SavedMapping]`` (name, mapping, options, created_by),
   ``mapping.load_mapping(con, kind_name, name) -> SavedMapping | None``,
   ``mapping.best_saved_mapping(con, kind_name, headers) -> SavedMapping | None`` (one whose columns are all
   in the file: offered next time).
3. ``pipeline.prepare(con, kind, raw, mapping, options: ImportOptions, user) -> Prepared``
   Applies the mapping, parses every field by its type (vectorised), runs the kind's own checks, finds
   duplicates of the natural key inside the file, and looks the file's hash up among committed batches.
   ``Prepared``: ``kind``, ``raw``, ``mapping``, ``options``, ``values`` (typed DataFrame, index = row
   number, one column per field plus the kind's derived columns), ``errors`` (DataFrame: ``row``,
   ``column`` (the file's header, or the field name when the column is missing), ``value``, ``reason``
   (i18n key)), ``file_errors`` (list of (i18n key, values): problems of the whole file, e.g. a required
   column not mapped — nothing can be committed while there is one), ``notices`` (list of (i18n key,
   values): e.g. codes matched after restoring leading zeros or by a store's or agent's name, mojibake
   repaired), ``unknown_codes``
   (dict field -> sorted list of codes not in the master data), ``duplicate_of`` (the committed batch with
   the same file hash and options, with ``may_undo`` for this user, or None), ``valid_mask`` (bool Series per
   row), ``n_rows``, ``n_valid``, ``n_invalid``.
   ``validation.error_messages(errors, lang, cells=None) -> DataFrame`` renders ``reason`` to text for the preview
   (``cells``: ``RawTable.cells`` of a table read from worksheets; rows and columns then as the sheets show them).
4. ``pipeline.commit(con, prepared, user) -> BatchResult`` — one transaction (``writes.commit_import``): all
   rows or none. Refused (``pipeline.NothingWritten`` with ``.reason``/``.values``) by the first of
   ``core.refusals(prepared, user)``, the one rule set the preview shows too (``preview.commit_blockers``): the
   role may not upload the kind; file errors (mapping); ``add_missing`` asked by a role not allowed to; the
   same file already committed (``duplicate_of``: a user who may undo that batch, ``batches.can_undo``, is told
   which, and to undo it); invalid rows without ``options.skip_invalid``; no valid row; the same file committed
   by someone else (after the row checks, and only when some row is valid for this user: "already imported by
   someone else", no batch number, no undo). Otherwise writes an ``import_batches`` row (who, when, file, hash,
   rows in file / added / updated / unchanged / skipped, options JSON, the error report CSV of skipped rows),
   the kind's rows (``Kind.commit``), and an ``audit_log`` row (action ``upload``, target ``batch:<id>``).
   ``BatchResult``: ``batch_id``, ``rows_in_file``, ``rows_added``, ``rows_updated``, ``rows_unchanged``,
   ``rows_skipped``, ``master_added`` (dict field -> codes added).
5. ``batches.undo_batch(con, batch_id, user) -> None``: admin any batch, others only their own; restores
   the state before the batch exactly, for every kind from its table declaration (``Kind.tables``): rows it
   inserted deleted (child rows first), rows it updated restored from ``batch_row_snapshots`` (with their child
   rows), master data it added removed; marks the batch ``undone`` and writes an ``audit_log`` row (action
   ``undo``), in one transaction (``writes.undo_import``). Refused (``batches.UndoRefused``) when a later
   committed batch changed the same rows or wrote rows on master data this batch added (undo that one first),
   or the batch is already undone. ``batches.can_undo(user, batch_row) -> bool``,
   ``batches.error_report(con, batch_id) -> bytes | None`` (the skipped rows with row, column, value, reason,
   headed in the import's language; formula cells neutralised), ``batches.find_committed_by_hash(con, kind, file_hash, options=None) -> dict | None`` (``options``:
   ``batches.stored_options(options, mapping, raw)``, which holds a chosen sheet).

One-call form for scripts and the CLI: ``pipeline.import_bytes(con, kind, data, file_name, mapping, options,
user) -> (Prepared, BatchResult | None)`` (raises ``FileRefused`` / ``NothingWritten``).

A large CSV in chunks (``stream``, the command line; issue 14): ``chunked_csv.open_csv(path, limit_mb) ->
CsvChunks`` and ``stream.prepare(con, kind, chunks, mapping, options, user) -> Prepared`` run steps 1-3 chunk by
chunk with the file-wide decisions kept file-wide (``stamps.Decisions``); ``Prepared.staged`` holds the
valid rows (``stream.Spool``: a Parquet file per chunk), and ``pipeline.commit`` writes them in its one transaction.

Options (``pipeline.ImportOptions``, frozen): ``timezone`` (IANA name, the source's time zone for naive
stamps; default Asia/Shanghai), ``source`` (the source system's name when the file has no source column),
``skip_invalid`` (bool), ``add_missing`` (bool), ``lang`` (language of the stored error report), ``now``
(naive UTC datetime, default the clock: a precise stamp after it is "in the future"; a date-only stamp is
future when after today in the source's time zone — tests fix ``now``).
``preview.first_rows(prepared)``, ``preview.error_table(prepared, lang)`` and
``preview.commit_blockers(prepared, user)`` are what the upload page shows; notices (``Prepared.notices``) tell
of repaired text, repaired codes, a midnight column read as date-only, formula-leading cells.

Modules, each importing only those above it (no function-level imports, no cycles)
---------------------------------------------------------------------------------
``cells`` (column-wide cell cleaning and number reading, issue 14: pyarrow kernels over whole columns, Python
only for the unusual cells, once per distinct value), ``mojibake`` (double-encoded UTF-8 repaired) and
``arrow_csv`` (a plain CSV parsed by pyarrow; any other file by pandas) -> ``header`` (where the header is,
rows above it and survey tools' header rows under it) -> ``reading`` (bytes -> RawTable)
-> ``kinds`` (Field, Kind, Table, Counts: declarations only) -> ``mapping``
(headers -> fields; saved mappings) -> ``stamps`` (timestamps) -> ``validation`` (typed columns, errors)
-> ``codes`` (master-data codes and names matched to the master data) -> ``core`` (ImportOptions,
CheckContext, CommitContext, Prepared, the refusal rules, the scope check) and ``batches``
(look-ups, error reports, generic undo) -> the kinds (``complaints`` + ``complaints_fields``, ``surveys`` +
``survey_fields`` + ``servqual_columns``) -> ``registry`` (loads the kinds by name) -> ``pipeline``,
``preview``, ``templates`` -> ``stream`` (a large CSV in chunks, read by ``chunked_csv``, which sits on
``reading``; prepared and committed on ``pipeline``). Every write is a function of ``portal.writes`` (section "imports") or a named
statement in ``queries/writes/<name>.sql`` run through it (``CommitContext.run``). Value mapping (issue 9) goes
between ``mapping`` and ``validation``: a file's values of a ``choice`` field mapped to the field's stored
values before ``validation.parse_fields``, saved in the column mapping's options.

The Kind contract: what a new upload kind fills in (one module of at most ~300 lines, copying no function)
----------------------------------------------------------------------------------------------------------
::

    KIND = Kind(
        name="qa_reviews",                        # import_batches.kind, CLI word, template file stem
        title_key="ingest.kind.qa_reviews",       # i18n key
        fields=(Field("review_id", "评审编号", "text", required=True, aliases=("review no", "评审号")),
                agent_code_field(required=True),   # shared: kinds.store_code_field / agent_code_field
                Field("reviewed_on", "评审日期", "date", required=True),
                Field("score", "得分", "number", required=True, min_value=0, max_value=100), ...),
        key_fields=("review_id",),                # natural key: a repeat inside one file is an error
        upload_roles=frozenset({"admin", "manager", "team_lead"}),
        add_missing_roles=frozenset({"admin", "manager"}),   # who may add unknown codes to master data
        check=check_rows,       # (ctx: CheckContext) -> None: the kind's row rules
        commit=commit_rows,     # (cur, ctx: CommitContext) -> Counts(added, updated, unchanged, master_added)
        tables=(Table("qa_reviews", key="qa_review_id", snapshot=True, master=(("agent_id", "agents"),)),),
        template_rows=(...),    # example rows for the downloadable template
        needs_timezone=False,   # True: the form asks for the source's time zone (timestamp fields)
    )

Row rules (``check``) use the core: ``ctx.match_codes("store_code" | "agent_code", error_values=None)`` (codes
repaired and names given instead of codes matched, ``store_id`` / ``agent_id`` added, unknown codes listed and
made errors unless the user may and chose to add them; a name several share is always an error), ``ctx.check_scope(table, {field: column}, reason_key, row_on)`` (rows that would be stored outside the uploader's
store scope: their store's region on ``row_on``, the row's date, as the kind stamps it; rows without a store, keys already held by another scope's row; needs ``store_id``), ``ctx.add_error(mask,
field, reason_key, values=None, detail=None)``, ``ctx.add_notice(key, **values)``, ``ctx.add_file_error(key,
**values)``; derived columns go into ``ctx.values``. Writes (``commit``) are named statements: stage the rows
(``cur.register`` a frame, ``ctx.run("<kind>_stage", flags)``: a temp table joined to the stored rows with
``existing_id`` and ``is_changed``), then ``ctx.add_missing_codes(relation, fields)`` (unknown codes added for
the batch, or the commit refused if the master data changed since the preview), ``ctx.snapshot(table,
keys_relation)`` before updating stored rows (their before-images and those of their declared child rows), then
``ctx.run("<kind>_update")`` / ``ctx.run("<kind>_insert")``; ``$batch_id`` and ``$batched_at`` are always
bound. Undo is not written by the kind: ``tables`` (``kinds.Table``), in undo order (dependent rows first),
says where its rows are — ``batch_column`` (rows the batch inserted; ``None`` for child rows), ``snapshot``
(updated rows keep before-images; later snapshots of the same rows block undo), ``parent`` ((column, parent
table) for child rows such as survey answers), ``updated_batch_column`` and ``master`` ((column, master table):
a later batch writing rows on master data this batch added blocks its undo).

``kinds.Field(name, header_zh, type, required=False, aliases=(), choices=None, min_value=None,
max_value=None, example="", label_en="")``: ``name`` is also the English template header; ``label_en`` what the
upload form calls the field in English (``Field.label(lang)``; Chinese: ``header_zh``); ``type`` is one of
``text``, ``code`` (master-data code, trimmed; the kind matches it with ``ctx.match_codes``), ``int``,
``number``, ``timestamp`` (-> UTC timestamp plus ``<name>_date_only`` and ``<name>_local_date`` columns; formats
and time-zone rules in ``portal.ingest.stamps``), ``date``, ``choice`` (``choices`` maps accepted spellings,
normalised by ``kinds.normalise_choice_text``, in English and Chinese, to the stored value, one of a list of
``portal.vocab``; build it with ``kinds.choice_map({value: spellings})``), ``duration`` (no typed column: the
kind reads its text with ``portal.ingest.durations`` and gives the stamp ``Field.gives``, which ``present`` then
holds: a complaint's 首响时长, portal.ingest.complaints_durations). Generic parsing
(``validation.parse_fields``) records type and range errors and required blanks; the kind's ``check`` works on
typed columns. ``CheckContext`` gives ``values`` (typed frame, to add derived columns), ``raw`` (the mapped
text columns), ``present`` (fields the file carries), ``options``, ``user``, ``cur`` (a cursor, for look-ups),
``unknown_codes``, ``may_add_missing``, ``column_of(field)``, ``headers``. ``CommitContext`` gives ``cur``,
``batch_id``, ``rows`` (the valid rows to write), ``present``, ``options``, ``user``, ``batched_at`` (the
batch's UTC timestamp), ``add_missing``, ``kind``. Complaints (``portal/ingest/complaints.py``) is the worked
example of all of this; surveys add child rows (answers) and per-upload settings.

Registering a kind: append its module to ``registry.KIND_MODULES``; the module defines ``KIND``.
``registry.kinds() -> dict[name, Kind]``, ``registry.kind(name)``, ``registry.kinds_for(roles)``.
Templates: ``templates.write_templates(folder)`` writes ``<kind>_template.csv/.xlsx`` (English headers) and
``<kind>_template_zh.csv/.xlsx`` (Chinese headers) for every kind (``python -m portal templates``).
CLI: ``python -m portal import <kind> FILE [--map FIELD=COLUMN]... [--mapping NAME] [--save-mapping NAME]
[--timezone TZ] [--source NAME] [--skip-invalid] [--add-missing]`` — exit 0 committed (or the identical
file was already imported), 1 nothing written because of invalid rows or a refused file, 2 bad usage.

Per-upload settings, pattern mapping, file problems (added with the survey kind, portal/ingest/surveys.py)
----------------------------------------------------------------------------------------------------------
- ``Kind.options`` (``kinds.KindOption(name, label_key, type, help, choices)``; ``choices(con, lang)`` gives
  (value, label in lang)) and ``Kind.configure(con, {name: value}) -> Kind``: settings asked before the mapping
  (the upload page shows one input per option; the CLI takes ``--<name>``) that make the kind of this upload,
  e.g. the survey's instrument (its fields) and one store and date for a whole web-form export. ``configure``
  raises ``kinds.OptionRefused`` (an i18n key and values; its message the English text) for a value it cannot
  use. ``Field.label(lang)`` is a field's name for people (English label, or the Chinese header).
- ``mapping.expand_patterns(kind, headers, {"e{n}": "Q{n}*expectation"})`` maps numbered fields in one step
  (``{n}`` the number, ``*`` any text, any column order); the CLI takes ``--map 'e{n}=E{n}'``, the page one
  input per ``Kind.patterns`` entry (field pattern, label key).
- ``CheckContext.headers`` (every header of the file) and ``CheckContext.add_file_error(key, **values)``: a
  kind's problem with the whole file (e.g. answer columns its instrument does not have); it blocks the commit
  like a mapping problem.
"""
