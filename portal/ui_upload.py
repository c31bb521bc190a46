"""The Upload page's larger pieces (Streamlit widgets): the kind's own settings, the column-mapping form and
the preview. The page (pages/upload.py) strings them together; the logic lives in portal.ingest."""

from __future__ import annotations

import weakref
from collections.abc import Mapping

import streamlit as st

from portal import settings, ui, ui_values
from portal import ui_upload_file as upload_file
from portal.auth import User
from portal.i18n import inside_sentence, listed, sentences, t
from portal.ingest import mapping, pipeline, preview, reading, split_stamps
from portal.ingest.codes import unknown_codes_hint
from portal.ingest.header import column_label, column_text
from portal.ingest.kinds import Kind, OptionRefused
from portal.ingest.reading import RawTable
from portal.ingest.values import saved_value_map as values_of
from portal.zones import zone_choice, zone_name


def kind_settings(kind: Kind) -> Kind:
    """The kind's own settings for this upload (e.g. the survey's instrument, one store and date for a whole
    web-form export), asked before the mapping; the kind configured with them. Stops the page on a refusal."""
    if kind.configure is None:
        return kind
    chosen = {}
    for col, option in zip(st.columns(len(kind.options)), kind.options, strict=True):
        key = f"upload_{kind.name}_{option.name}"
        if option.type == "choice":
            labels = dict(option.choices(ui.connection(), ui.lang()))
            chosen[option.name] = col.selectbox(
                ui.t(option.label_key),
                list(labels),
                format_func=labels.get,
                key=key,
                placeholder=ui.t("common.no_options"),
            )
        elif option.type == "date":
            chosen[option.name] = col.date_input(
                ui.t(option.label_key), value=None, max_value=ui.today(), key=key
            )
        elif option.type == "code":  # one store for the whole file: a choice among the user's stores
            stores = ui.query("filter_stores")
            labels = {None: ui.t("ingest.store_from_file")} | dict(
                zip(stores["store_code"], stores["store_code"] + " " + stores["store_name"], strict=True)
            )
            chosen[option.name] = col.selectbox(
                ui.t(option.label_key),
                list(labels),
                format_func=labels.get,
                key=key,
                placeholder=ui.t("common.no_options"),
            )
        else:
            chosen[option.name] = col.text_input(ui.t(option.label_key), key=key).strip() or None
    try:
        kind = kind.configure(ui.connection(), chosen)
    except OptionRefused as exc:
        st.error(ui.t(exc.reason, **exc.values))
        st.stop()
    except ValueError as exc:  # a kind that raises a plain ValueError: its message is English only
        st.error(ui.t("ingest.options_refused", detail=exc))
        st.stop()
    if st.session_state.get("upload_kind_settings") != (kind.name, repr(chosen)):
        upload_file.drop()  # a preview made with other settings is stale
        st.session_state["upload_kind_settings"] = (kind.name, repr(chosen))
    return kind


# (file id, the sheets offered, the one read by default, whether that one is several sheets read as one)
SHEETS = "upload_sheets"


def sheet_choice(upload) -> str | None:
    """The sheet of ``upload`` chosen in ``sheet_chooser`` (the previous run's choice); None: the default one."""
    known = st.session_state.get(SHEETS)
    chosen = st.session_state.get(f"upload_sheet_{upload.file_id}")
    if known is None or known[0] != upload.file_id or chosen not in known[1] or chosen == known[2]:
        return None
    return chosen


def sheet_chooser(upload, raw: RawTable | reading.FileRefused) -> None:
    """Which sheet of a workbook with more than one sheet holding a table to read (default: the one with the
    widest header, read first; for a kind reading a sheet per month as one table, ``Kind.sheets_as_one``, those
    sheets together, offered first, each of them still to be chosen alone); still offered when the chosen one is
    refused, so that another can be chosen."""
    if isinstance(raw, RawTable) and sheet_choice(upload) is None:  # read by default: what may be chosen
        combined = raw.chosen_sheet is not None and raw.chosen_sheet not in raw.sheets
        options = (raw.sheet, *raw.sheets) if combined else raw.sheets
        st.session_state[SHEETS] = (upload.file_id, options, raw.sheet, combined)
    known = st.session_state.get(SHEETS)
    if known is None or known[0] != upload.file_id or len(known[1]) < 2:
        return
    _, sheets, default, combined = known
    st.selectbox(
        ui.t("ingest.sheet"),
        sheets,
        index=sheets.index(default),
        key=f"upload_sheet_{upload.file_id}",
        help=ui.t("ingest.sheet.help_as_one" if combined else "ingest.sheet.help"),
        placeholder=ui.t("common.no_options"),
        format_func=lambda s: ui.t("ingest.sheet.as_one", sheets=s) if combined and s == default else s,
    )


def _file_key(raw: RawTable) -> str:
    """The mapping form's widgets belong to the file and, for a sheet chosen, to that sheet (its own columns)."""
    return raw.file_hash[:12] + (f"@{raw.chosen_sheet}" if raw.chosen_sheet is not None else "")


def mapping_groups(kind: Kind, start: Mapping[str, str | None], headers) -> dict[str, list]:
    """The kind's fields in the mapping form's three groups: ``decide`` (required, no column of the file yet),
    ``matched`` (a column of the file picked: folded away) and ``optional`` (optional, not in the file: folded)."""
    present = set(headers)
    out: dict[str, list] = {"decide": [], "matched": [], "optional": []}
    for f in kind.fields:
        if start.get(f.name) in present:
            out["matched"].append(f)
        else:
            out["decide" if f.required else "optional"].append(f)
    return out


SUGGESTED = "upload_suggested"


def _suggested(kind: Kind, raw: RawTable, what: str):
    """What the mapping form reads off the file's first rows: the suggested mapping (``what`` "mapping") or the
    columns mostly of times of day ("times"). Worked out once per file (the page keeps its ``raw``) and kind, not
    on every rerun of the form: both were ~30 % of the CPU of an Upload page rerun with a file (issue 14). The
    entry refers to ``raw`` weakly: an identity check that cannot match another file's table, and no hold on a
    table the page has let go."""
    fields = repr(kind.fields)  # a configured kind (a survey's instrument) has fields of its own
    kept = st.session_state.get(SUGGESTED)
    if kept is None or kept["raw"]() is not raw or kept["fields"] != fields:
        kept = {"raw": weakref.ref(raw), "fields": fields}
        st.session_state[SUGGESTED] = kept
    if what not in kept:
        kept[what] = (
            mapping.suggest_mapping(kind, raw.headers, raw.first_rows)
            if what == "mapping"
            else split_stamps.time_columns(raw.first_rows, raw.headers, mostly=True)
        )
    return kept[what].copy()


def mapping_form(kind: Kind, raw: RawTable, user: User) -> None:
    """The column mapping (a saved one or the suggested one), the import options and "Check the file": a
    prepared import is kept in the session (``ui_upload_file.prepare``)."""
    con, lang = ui.connection(), ui.lang()
    saved = {s.name: s for s in mapping.saved_mappings(con, kind.name)}
    best = mapping.best_saved_mapping(con, kind.name, raw.headers)
    names = [None, *saved]
    saved_name = st.selectbox(
        ui.t("ingest.saved_mapping"),
        names,
        index=names.index(best.name) if best else 0,
        format_func=lambda n: n or ui.t("ingest.saved_mapping.none"),
        key=f"upload_saved_{_file_key(raw)}",
        placeholder=ui.t("common.no_options"),
    )
    start = saved[saved_name].mapping if saved_name else _suggested(kind, raw, "mapping")
    start_options = saved[saved_name].options if saved_name else {}
    if st.session_state.get("upload_values_from") != (kind.name, _file_key(raw), saved_name):
        ui_values.set_map(kind.name, values_of(start_options))  # a saved mapping brings its values
        st.session_state["upload_values_from"] = (kind.name, _file_key(raw), saved_name)
    form = f"upload_map_{kind.name}_{_file_key(raw)}_{saved_name or ''}"
    with st.form(form, enter_to_submit=False):
        st.markdown(f"**{ui.t('ingest.mapping.title')}**")
        st.caption(ui.t("ingest.mapping.help"))
        columns = ["", *raw.headers]
        picked = {}
        # only what needs a decision is open (issue 10: a survey file was 57 dropdowns at 1024x768): required
        # fields without a column; the matched columns and the optional fields the file lacks are folded away
        groups = mapping_groups(kind, start, raw.headers)
        containers = {"decide": st.container()}
        for group in ("matched", "optional"):  # no empty expander ("0 optional fields not found")
            if groups[group]:
                containers[group] = st.expander(ui.t(f"ingest.mapping.{group}", n=len(groups[group])))
        if not groups["decide"]:
            containers["decide"].caption(ui.t("ingest.mapping.all_required_matched"))
        # the columns the user's choices use (the form's last submit), else the suggestion's
        in_use = {st.session_state.get(f"{form}_field_{f.name}", start.get(f.name)) for f in kind.fields}
        # a stamp's time of day may come from a column of its own (受理日期 + 受理时刻): offered where the file
        # has a column mostly of times (or the saved mapping names one)
        times = _suggested(kind, raw, "times")
        paired = {
            f.name: st.session_state.get(f"{form}_time_{f.name}", start.get(split_stamps.time_key(f.name)))
            for f in kind.fields
            if f.type == "timestamp"
        }
        in_use |= set(paired.values())
        unused = [h for h in raw.headers if h not in in_use]
        if unused and groups["optional"]:
            unused_labels = listed(column_label(h) for h in unused)  # Size(第 4 列) in Chinese
            containers["decide"].caption(ui.t("ingest.mapping.unused", columns=unused_labels))
        for group, fields in groups.items():
            if not fields:
                continue
            grid = containers[group].columns(3)
            for i, f in enumerate(fields):
                current = start.get(f.name) or ""
                picked[f.name] = (
                    grid[i % 3].selectbox(
                        f.label(ui.lang()) + (" *" if f.required else ""),
                        columns,
                        index=columns.index(current) if current in columns else 0,
                        format_func=lambda c: (
                            column_text(c, lang) if c else ui.t("ingest.mapping.not_in_file")
                        ),
                        help=ui.t("ingest.mapping.field_help", en=f.name, zh=f.header_zh),
                        key=f"{form}_field_{f.name}",
                        placeholder=ui.t("common.no_options"),
                    )
                    or None
                )
                if f.name in paired and (times or paired[f.name]):
                    key = split_stamps.time_key(f.name)
                    offered = ["", *times, *[c for c in [start.get(key)] if c and c not in times]]
                    picked[key] = (
                        grid[i % 3].selectbox(
                            ui.t("ingest.mapping.time_of", label=f.label(ui.lang())),
                            offered,
                            index=offered.index(start.get(key) or ""),
                            format_func=lambda c: (
                                column_text(c, lang) if c else ui.t("ingest.mapping.no_time")
                            ),
                            help=ui.t("ingest.mapping.time_help"),
                            key=f"{form}_time_{f.name}",
                            placeholder=ui.t("common.no_options"),
                        )
                        or None
                    )
        patterns = {
            p: st.text_input(ui.t(label), placeholder=p[0].upper() + p[1:], key=f"{form}_pattern_{p}").strip()
            for p, label in kind.patterns
        }  # numbered fields mapped in one step, e.g. e{n} <- E{n}
        zone = start_options.get("timezone") or settings.report_timezone(con)  # default: the reporting zone
        zones = preview.timezone_choices(con, zone, user.scope)
        timezone = st.selectbox(
            ui.t("ingest.timezone"),
            zones,
            index=zones.index(zone) if zone in zones else 0,
            format_func=zone_choice,  # Etc/GMT-8 (UTC+8)
            key=f"{form}_opt_tz",
            disabled=not kind.needs_timezone,
            placeholder=ui.t("common.no_options"),
        )
        # the source system is part of a complaint's key; no other kind uses it (a 5S sheet's form asked for it)
        source = (
            st.text_input(
                ui.t("ingest.source"),
                value=start_options.get("source", pipeline.DEFAULT_SOURCE),
                key=f"{form}_opt_source",
            )
            if "source" in kind.key_fields
            else start_options.get("source", pipeline.DEFAULT_SOURCE)
        )
        skip_invalid = st.checkbox(ui.t("ingest.skip_invalid"), key=f"{form}_opt_skip")
        add_missing = kind.may_add_missing(user.roles) and st.checkbox(
            ui.t("ingest.add_missing"), key=f"{form}_opt_add"
        )
        save_as = st.text_input(ui.t("ingest.save_as"), key=f"{form}_opt_save_as")
        checked = st.form_submit_button(ui.t("ingest.check"), type="primary")
    if checked:
        found, problems = mapping.expand_patterns(kind, raw.headers, {p: c for p, c in patterns.items() if c})
        picked.update(found)
        for key, values in problems:
            st.error(ui.t(key, **values))
        options = pipeline.ImportOptions(
            timezone=timezone,
            source=source.strip() or pipeline.DEFAULT_SOURCE,
            skip_invalid=skip_invalid,
            add_missing=add_missing,
            lang=ui.lang(),
            value_map=ui_values.current_map(kind.name),
        )
        with st.spinner(ui.t("ingest.working")):
            prepared = upload_file.prepare(kind, raw, picked, options, user)  # kept in the session
        if save_as.strip() and (prepared.file_errors or problems):
            st.error(ui.t("ingest.mapping.not_saved"))  # saved only when complete and free of conflicts
        elif save_as.strip():
            mapping.save_mapping(
                con,
                kind.name,
                save_as,
                picked,
                user.username,
                {"timezone": timezone, "source": options.source, "values": options.value_map},
            )
            st.success(ui.t("ingest.mapping_saved", name=save_as.strip()))


def show_preview(prepared: pipeline.Prepared, widget_key: str = "upload", title: bool = True) -> None:
    """What the check found: file problems, notes, unknown codes, counts, the first rows and every error
    (``widget_key``: the prefix of its tables' widget keys, one per file when several are shown)."""
    kind = prepared.kind
    if title:
        st.subheader(ui.t("ingest.preview.title"))
    for key, values in prepared.file_errors:
        st.error(ui.t(key, **values))
    for key, values in prepared.notices:
        st.info(ui.t(key, **values))
    for field, codes in prepared.unknown_codes.items():
        hint = unknown_codes_hint(kind, ui.current_user(), field, prepared.options.add_missing)
        label = inside_sentence(kind.field(field).label(ui.lang()), ui.lang())
        listing = ui.t("ingest.unknown_codes", field=label, codes=listed(codes))
        # two sentences: the codes end with a full stop before the hint ("S999 只有…" read as one list)
        st.warning(sentences([listing, "" if hint is None else ui.t(hint)], ui.lang()))
    st.markdown(
        ui.t("ingest.preview.counts", n=prepared.n_rows, valid=prepared.n_valid, invalid=prepared.n_invalid)
    )
    st.caption(preview.first_rows_caption(kind, zone_name(ui.report_timezone(), ui.lang()), ui.lang()))
    rows = preview.first_rows(prepared, ui.lang(), timezone=ui.report_timezone())  # labels, local times
    ui.table(rows, f"{kind.name}_preview.csv", key=f"{widget_key}_preview")
    errors = preview.error_table(prepared, ui.lang())
    if errors.empty and not prepared.file_errors:  # never "no errors" while a required field is unmapped
        st.success(ui.t("ingest.errors.none"))
    elif not errors.empty:
        st.markdown(f"**{ui.t('ingest.errors.title', n=len(errors))}**")
        ui.table(errors, f"{kind.name}_errors.csv", key=f"{widget_key}_errors")


def committed_text(result) -> str:
    """What a committed import batch wrote, in words (a ``pipeline.commit`` result)."""
    return ui.t(
        "ingest.committed",
        batch_id=result.batch_id,
        added=result.rows_added,
        updated=result.rows_updated,
        unchanged=result.rows_unchanged,
        skipped=result.rows_skipped,
    )


# ---------------------------------------------------------------- several files at once (Kind.many_files)


UPLOADER_GENERATION = "upload_file_gen"


def uploader_key() -> str:
    """The Upload page's file uploader's key: a new one after ``fresh_upload_button`` (the first: "upload_file")."""
    generation = st.session_state.get(UPLOADER_GENERATION, 0)
    return "upload_file" if not generation else f"upload_file_{generation}"


def fresh_upload_button(key: str = "upload_fresh") -> None:
    """ "Upload a corrected file": the file uploader anew and empty. A browser does not read a file chosen again
    under the same path (it still holds it; no change reaches the page), so a sheet corrected and saved over
    could not be uploaded again, even after removing it with its ×: the page kept the old file's errors
    (tablet probe, session 55). A new uploader is a new file input, which reads it."""

    def fresh() -> None:
        st.session_state[UPLOADER_GENERATION] = st.session_state.get(UPLOADER_GENERATION, 0) + 1
        upload_file.forget_file()

    st.button(
        ui.t("ingest.upload_corrected"), key=key, on_click=fresh, help=ui.t("ingest.upload_corrected_help")
    )


def latest_by_name(uploads: list) -> tuple[list, list[str]]:
    """The uploads with the latest of each file name (a sheet corrected and uploaded again under its name replaces
    the one before: a store's inspector saw the old file's 25 errors again and nothing said why, tablet probe,
    session 55), in the order uploaded, and the names that were uploaded more than once."""
    last = {u.name: k for k, u in enumerate(uploads)}
    kept = [u for k, u in enumerate(uploads) if last[u.name] == k]
    replaced = list(dict.fromkeys(u.name for k, u in enumerate(uploads) if last[u.name] != k))
    return kept, replaced


def _prepare_many(kind: Kind, uploads, user: User, skip_invalid: bool) -> list:
    """[(file name, Prepared or FileRefused)]: each file read and checked with the suggested mapping."""
    con = ui.connection()
    options = pipeline.ImportOptions(
        timezone=settings.report_timezone(con), skip_invalid=skip_invalid, lang=ui.lang()
    )
    out = []
    for upload in uploads:
        try:
            raw = pipeline.read(
                con, kind, upload.getvalue(), upload.name, lang=ui.lang(), scope=ui.current_user().scope
            )
        except reading.FileRefused as exc:
            out.append((upload.name, exc))
            continue
        out.append((upload.name, pipeline.prepare(con, kind, raw, None, options, user)))
    return out


def many_blocked_text(blocked: int, total: int, lang: str) -> str | None:
    """What the multi-file form says of the files that cannot be committed: "1 of 3 files ...; the other 2 can",
    and when none can, no "others" ("Neither of the 2 files ...", "None of the 3 files ..."); nothing when every
    file can."""
    if not blocked:
        return None
    if blocked < total:
        return t("ingest.many.some_blocked", lang, n=blocked, total=total, ready=total - blocked)
    return t("ingest.many.both_blocked" if total == 2 else "ingest.many.all_blocked", lang, total=total)


def many_files(kind: Kind, uploads, user: User) -> None:
    """Several files of one kind: each previewed with its own messages (row, column, reason), then every file
    that can go ahead committed as its own import batch (undoable one by one); the others are named and left."""
    skip_invalid = st.checkbox(ui.t("ingest.skip_invalid"), key="upload_many_skip")
    ident = (kind.name, skip_invalid, tuple((u.file_id, u.name) for u in uploads))
    if st.session_state.get("upload_many_id") != ident:
        with st.spinner(ui.t("ingest.working")):
            st.session_state["upload_many"] = _prepare_many(kind, uploads, user, skip_invalid)
        st.session_state["upload_many_id"] = ident
    checked = st.session_state["upload_many"]
    st.subheader(ui.t("ingest.many.title", n=len(checked)))
    ready = []
    for k, (name, prepared) in enumerate(checked):
        blockers = (
            [] if isinstance(prepared, reading.FileRefused) else preview.commit_blockers(prepared, user)
        )
        ok = not isinstance(prepared, reading.FileRefused) and not blockers
        label = ui.t("ingest.many.file_ok" if ok else "ingest.many.file_blocked", name=name)
        with st.expander(label, expanded=not ok):
            if isinstance(prepared, reading.FileRefused):
                st.error(ui.t(prepared.reason, **prepared.values))
                continue
            show_preview(prepared, widget_key=f"upload_many_{k}", title=False)
            for reason, values in blockers:
                st.warning(ui.t(reason, **values))
        if ok:
            ready.append(k)
    blocked_text = many_blocked_text(len(checked) - len(ready), len(checked), ui.lang())
    if blocked_text:
        st.warning(blocked_text)
        fresh_upload_button("upload_many_fresh")
    label = ui.t("ingest.many.commit", n=len(ready)) if ready else ui.t("ingest.many.commit_none")
    if not st.button(label, type="primary", disabled=not ready, key="upload_many_commit"):
        return
    done, notes = [], []
    with st.spinner(ui.t("ingest.committing")):
        for k in ready:
            name, prepared = checked[k]
            if (
                done
            ):  # an earlier file of this upload may hold the same rows: check again against the database
                first = prepared.notices
                prepared = pipeline.prepare(
                    ui.connection(), kind, prepared.raw, prepared.mapping, prepared.options, user
                )
                # what the check again found that the preview did not say (e.g. the stored inspection an
                # earlier file just wrote, which this file's rows without an id are): shown as the preview shows
                notes += [
                    ui.t("ingest.many.checked_again", name=name, notice=ui.t(key, **values))
                    for key, values in prepared.notices
                    if (key, values) not in first
                ]
            try:
                result = pipeline.commit(ui.connection(), prepared, user)
            except pipeline.NothingWritten as exc:
                done.append(
                    ui.t("ingest.many.not_committed", name=name, reason=ui.t(exc.reason, **exc.values))
                )
                continue
            done.append(ui.t("text.label_value", label=name, value=committed_text(result)))
    ui.clear_caches()
    st.session_state["upload_flash"] = "  \n".join(done)
    st.session_state["upload_flash_notes"] = notes
    st.session_state.pop("upload_many_id", None)
    st.rerun()
