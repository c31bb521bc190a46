"""Upload: a file -> column mapping -> preview (first rows, every error) -> commit as one import batch."""

import streamlit as st

from portal import config, ui
from portal.ingest import mapping, pipeline, preview, reading, registry, templates
from portal.ingest.kinds import OptionRefused

user = ui.page_guard("upload")
st.title(ui.t("page.upload"))
st.caption(ui.t("ingest.caption"))
if "upload_flash" in st.session_state:
    st.success(st.session_state.pop("upload_flash"))

kinds = registry.kinds_for(user.roles)
if not kinds:
    st.info(ui.t("ingest.no_kinds"))
    st.stop()
titles = {k.name: ui.t(k.title_key) for k in kinds}
kind = registry.kind(
    st.selectbox(ui.t("ingest.kind"), list(titles), format_func=titles.get, key="upload_kind")
)
if kind.configure is not None:  # the kind's own settings for this upload (e.g. the survey's instrument)
    chosen = {}
    for col, option in zip(st.columns(len(kind.options)), kind.options, strict=True):
        key = f"upload_{kind.name}_{option.name}"
        if option.type == "choice":
            labels = dict(option.choices(ui.connection(), ui.lang()))
            chosen[option.name] = col.selectbox(
                ui.t(option.label_key), list(labels), format_func=labels.get, key=key
            )
        elif option.type == "date":
            chosen[option.name] = col.date_input(ui.t(option.label_key), value=None, key=key)
        elif option.type == "code":  # one store for the whole file: a choice among the user's stores
            stores = ui.query("filter_stores")
            labels = {None: ui.t("ingest.store_from_file")} | dict(
                zip(stores["store_code"], stores["store_code"] + " " + stores["store_name"], strict=True)
            )
            chosen[option.name] = col.selectbox(
                ui.t(option.label_key), list(labels), format_func=labels.get, key=key
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
        st.session_state.pop("upload_prepared", None)  # a preview made with other settings is stale
        st.session_state["upload_kind_settings"] = (kind.name, repr(chosen))
with st.expander(ui.t("ingest.templates")):
    for col, (lang, fmt) in zip(
        st.columns(4), [(g, f) for g in ("en", "zh") for f in templates.FORMATS], strict=True
    ):
        col.download_button(
            ui.t("ingest.template_button", lang=ui.t(f"ingest.template_lang.{lang}"), fmt=fmt.upper()),
            templates.template_bytes(kind, lang, fmt),
            file_name=templates.template_file_name(kind, lang, fmt),
            key=f"upload_template_{lang}_{fmt}",
        )

upload = st.file_uploader(
    ui.t("ingest.file", limit=config.upload_limit_mb()),
    type=["csv", "xlsx", "xlsm", "xls"],
    key="upload_file",
)
if upload is None:
    st.info(ui.t("ingest.choose_file"))
    st.stop()
if st.session_state.get("upload_raw_id") != (upload.file_id, upload.name):
    st.session_state.pop("upload_prepared", None)
    try:
        with st.spinner(ui.t("ingest.working")):
            st.session_state["upload_raw"] = reading.read_upload(upload.getvalue(), upload.name)
    except reading.FileRefused as exc:
        st.session_state["upload_raw"] = exc
    st.session_state["upload_raw_id"] = (upload.file_id, upload.name)
raw = st.session_state["upload_raw"]
if isinstance(raw, reading.FileRefused):
    st.error(ui.t(raw.reason, **raw.values))
    st.stop()
st.caption(
    ui.t(
        "ingest.file_read",
        name=raw.file_name,
        rows=raw.n_rows,
        cols=len(raw.headers),
        detail=raw.encoding or raw.sheet or "",
    )
)

con = ui.connection()
saved = {s.name: s for s in mapping.saved_mappings(con, kind.name)}
best = mapping.best_saved_mapping(con, kind.name, raw.headers)
names = [None, *saved]
saved_name = st.selectbox(
    ui.t("ingest.saved_mapping"),
    names,
    index=names.index(best.name) if best else 0,
    format_func=lambda n: n or ui.t("ingest.saved_mapping.none"),
    key=f"upload_saved_{raw.file_hash[:12]}",
)
start = saved[saved_name].mapping if saved_name else mapping.suggest_mapping(kind, raw.headers)
start_options = saved[saved_name].options if saved_name else {}
form = f"upload_map_{kind.name}_{raw.file_hash[:12]}_{saved_name or ''}"
with st.form(form):
    st.markdown(f"**{ui.t('ingest.mapping.title')}**")
    st.caption(ui.t("ingest.mapping.help"))
    columns = ["", *raw.headers]
    picked = {}
    grid = st.columns(3)
    for i, f in enumerate(kind.fields):
        current = start.get(f.name) or ""
        picked[f.name] = (
            grid[i % 3].selectbox(
                f.label(ui.lang()) + (" *" if f.required else ""),
                columns,
                index=columns.index(current) if current in columns else 0,
                format_func=lambda c: c or ui.t("ingest.mapping.not_in_file"),
                help=ui.t("ingest.mapping.field_help", en=f.name, zh=f.header_zh),
                key=f"{form}_field_{f.name}",
            )
            or None
        )
    patterns = {
        p: st.text_input(ui.t(label), placeholder=p[0].upper() + p[1:], key=f"{form}_pattern_{p}").strip()
        for p, label in kind.patterns
    }  # numbered fields mapped in one step, e.g. e{n} <- E{n}
    zones = list(preview.TIMEZONES)
    zone = start_options.get("timezone", pipeline.DEFAULT_TIMEZONE)
    timezone = st.selectbox(
        ui.t("ingest.timezone"),
        zones,
        index=zones.index(zone) if zone in zones else 0,
        key=f"{form}_opt_tz",
        disabled=not kind.needs_timezone,
    )
    source = st.text_input(
        ui.t("ingest.source"),
        value=start_options.get("source", pipeline.DEFAULT_SOURCE),
        key=f"{form}_opt_source",
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
    )
    with st.spinner(ui.t("ingest.working")):
        st.session_state["upload_prepared"] = pipeline.prepare(con, kind, raw, picked, options, user)
    if save_as.strip():
        mapping.save_mapping(
            con, kind.name, save_as, picked, user.username, {"timezone": timezone, "source": options.source}
        )
        st.success(ui.t("ingest.mapping_saved", name=save_as.strip()))
prepared = st.session_state.get("upload_prepared")
if prepared is None or prepared.raw.file_hash != raw.file_hash or prepared.kind.name != kind.name:
    st.stop()

st.subheader(ui.t("ingest.preview.title"))
for key, values in prepared.file_errors:
    st.error(ui.t(key, **values))
for key, values in prepared.notices:
    st.info(ui.t(key, **values))
for field, codes in prepared.unknown_codes.items():
    st.warning(
        ui.t("ingest.unknown_codes", field=kind.field(field).label(ui.lang()), codes=", ".join(codes))
        + ("" if prepared.options.add_missing else " " + ui.t("ingest.unknown_codes.add_hint"))
    )
st.markdown(
    ui.t("ingest.preview.counts", n=prepared.n_rows, valid=prepared.n_valid, invalid=prepared.n_invalid)
)
st.caption(ui.t("ingest.preview.first_rows"))
ui.table(preview.first_rows(prepared, ui.lang()), f"{kind.name}_preview.csv", key="upload_preview")
errors = preview.error_table(prepared, ui.lang())
if errors.empty:
    st.success(ui.t("ingest.errors.none"))
else:
    st.markdown(f"**{ui.t('ingest.errors.title', n=len(errors))}**")
    ui.table(errors, f"{kind.name}_errors.csv", key="upload_errors")
blockers = preview.commit_blockers(prepared)
for key, values in blockers:
    st.warning(ui.t(key, **values))
if st.button(ui.t("ingest.commit"), type="primary", disabled=bool(blockers), key="upload_commit"):
    try:
        with st.spinner(ui.t("ingest.committing")):
            result = pipeline.commit(con, prepared, user)
    except pipeline.NothingWritten as exc:
        st.error(ui.t(exc.reason, **exc.values))
    else:
        ui.clear_caches()
        added = "; ".join(f"{k}: {', '.join(v)}" for k, v in result.master_added.items())
        st.session_state["upload_flash"] = ui.t(
            "ingest.committed",
            batch_id=result.batch_id,
            added=result.rows_added,
            updated=result.rows_updated,
            unchanged=result.rows_unchanged,
            skipped=result.rows_skipped,
        ) + (" " + ui.t("ingest.master_added", codes=added) if added else "")
        st.session_state.pop("upload_prepared", None)
        st.rerun()
