"""Upload: a file -> column mapping -> preview (first rows, every error) -> commit as one import batch."""

import functools

import duckdb
import streamlit as st

from portal import config, ui, ui_upload, ui_values
from portal import ui_upload_file as upload_file
from portal.i18n import listed
from portal.ingest import pipeline, preview, reading, registry, stream, templates

user = ui.page_guard("upload")
st.title(ui.t("page.upload"))
st.caption(ui.t("ingest.caption"))
if "upload_flash" in st.session_state:
    ui.outcome(st.session_state.pop("upload_flash"))
for note in st.session_state.pop("upload_flash_notes", []):  # a later file's check again at the commit
    st.info(note)

kinds = registry.kinds_for(user.roles)
if not kinds:
    st.info(ui.t("ingest.no_kinds"))
    st.stop()
titles = {k.name: ui.t(k.title_key) for k in kinds}
kind = registry.kind(
    st.selectbox(
        ui.t("ingest.kind"),
        list(titles),
        format_func=titles.get,
        key="upload_kind",
        placeholder=ui.t("common.no_options"),
    )
)
kind = ui_upload.kind_settings(kind)
with st.expander(ui.t("ingest.templates")):
    for col, (lang, fmt) in zip(
        st.columns(4), [(g, f) for g in ("en", "zh") for f in templates.FORMATS], strict=True
    ):
        col.download_button(
            ui.t("ingest.template_button", lang=ui.t(f"ingest.template_lang.{lang}"), fmt=fmt.upper()),
            # written when clicked (a deferred download), not on every run of the page
            functools.partial(templates.template_bytes, kind, lang, fmt),
            file_name=templates.template_file_name(kind, lang, fmt),
            key=f"upload_template_{lang}_{fmt}",
        )

upload = st.file_uploader(
    ui.t("ingest.files" if kind.many_files else "ingest.file", limit=config.upload_limit_mb()),
    # Excel saves "Unicode Text" and "Text (Tab delimited)" as .txt; the command line read them already
    type=["csv", "txt", "tsv", "xlsx", "xlsm", "xls"],
    accept_multiple_files=kind.many_files,
    key=ui_upload.uploader_key(),  # a new one after "Upload a corrected file" (ui_upload.fresh_upload_button)
)
if kind.many_files and upload:
    # a file uploaded again under its name (corrected and saved over) replaces the one before: the latest is read
    upload, replaced = ui_upload.latest_by_name(upload)
    if replaced:
        st.info(ui.t("ingest.many.replaced", files=listed(replaced).text(ui.lang())))
if kind.many_files and len(upload or []) > 1:
    ui_upload.many_files(kind, upload, user)  # each file checked and committed as its own batch
    st.stop()
upload = (upload or [None])[0] if kind.many_files else upload
if upload is None:
    upload_file.forget_file()  # a file read in chunks: its temporary copy and spool go now
    st.info(ui.t("ingest.choose_file"))
    st.stop()
sheet = ui_upload.sheet_choice(upload)  # a workbook's sheet chosen below; None: the default one
if st.session_state.get("upload_raw_id") != (upload.file_id, upload.name, kind.name, sheet):
    with st.spinner(ui.t("ingest.working")):
        st.session_state[upload_file.RAW] = upload_file.read(kind, upload, sheet)  # whole, or in chunks
    st.session_state["upload_raw_id"] = (upload.file_id, upload.name, kind.name, sheet)
raw = st.session_state[upload_file.RAW]
ui_upload.sheet_chooser(upload, raw)  # a workbook with more than one sheet holding a table
if isinstance(raw, reading.FileRefused):
    st.error(ui.t(raw.reason, **raw.values))
    ui_upload.fresh_upload_button()
    st.stop()
chunks = upload_file.in_chunks(raw)
if chunks is None:
    st.caption(
        ui.t(
            "ingest.file_read",
            name=raw.file_name,
            rows=raw.n_rows,
            cols=len(raw.headers),
            detail=raw.encoding or raw.sheet or "",
        )
    )
else:  # a large CSV: its rows are counted when the file is checked
    st.caption(
        ui.t(
            "ingest.file_read_chunks",
            name=raw.file_name,
            mb=raw.size_bytes / 1024 / 1024,
            cols=len(raw.headers),
            detail=raw.encoding or "",
            limit=stream.stream_threshold_mb(),
            rows=chunks.rows,
        )
    )

ui_upload.mapping_form(kind, raw, user)
prepared = st.session_state.get(upload_file.PREPARED)
if prepared is None or prepared.raw.file_hash != raw.file_hash or prepared.kind.name != kind.name:
    st.stop()

ui_upload.show_preview(prepared)
ui_values.value_form(prepared, user)
blockers = preview.commit_blockers(prepared, user)
for key, values in blockers:
    st.warning(ui.t(key, **values))
if prepared.n_invalid or prepared.file_errors:
    ui_upload.fresh_upload_button()
if st.button(ui.t("ingest.commit"), type="primary", disabled=bool(blockers), key="upload_commit"):
    try:
        with st.spinner(ui.t("ingest.committing")):
            result = pipeline.commit(ui.connection(), prepared, user)
    except pipeline.NothingWritten as exc:
        st.error(ui.t(exc.reason, **exc.values))
    except (
        duckdb.Error
    ) as exc:  # rolled back whole (short of memory or disk, the file locked): say so, keep the check
        st.error(
            ui.t(
                "ingest.commit_failed",
                detail=f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}",
            )
        )
    else:
        ui.clear_caches()
        # "Stores: S001, S002" in the page's language (it showed the field ids: "store_code: S001")
        labels = {f.name: f.label(ui.lang()) for f in kind.fields}
        separator = "；" if ui.lang() == "zh" else "; "
        added = separator.join(
            ui.t("text.label_value", label=labels.get(k, k), value=listed(v).text(ui.lang()))
            for k, v in result.master_added.items()
        )
        st.session_state["upload_flash"] = ui_upload.committed_text(result) + (
            " " + ui.t("ingest.master_added", codes=added) if added else ""
        )
        upload_file.drop()  # the committed import and its spool; the file (and a copy read in chunks) stays
        st.rerun()
