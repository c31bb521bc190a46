"""Import history: the batches the user may see (admin: all; others: their own), error reports, undo."""

import streamlit as st

from portal import logs, ui
from portal.ingest import batches

user = ui.page_guard("import_history")
st.title(ui.t("page.import_history"))
st.caption(ui.t("ingest.history.caption"))
if "import_history_flash" in st.session_state:
    st.success(st.session_state.pop("import_history_flash"))

with st.spinner(ui.t("app.loading")):
    history = ui.query("import_batches", batches.history_params(user))
if history.empty:
    st.info(ui.t("ingest.history.empty"))
    st.stop()

zone = ui.report_timezone()  # every time in the reporting zone, the column says which
ui.table(logs.history_table(history, ui.lang(), zone), "import_history.csv", key="import_history")

labels = {int(r.batch_id): logs.batch_label(r, zone) for r in history.itertuples()}
if st.session_state.get("import_history_pick") not in labels:  # first visit, or the picked batch has gone
    st.session_state["import_history_pick"] = batches.default_pick(history, user.username)
batch_id = st.selectbox(
    ui.t("ingest.history.pick"),
    list(labels),
    filter_mode="contains",
    format_func=labels.get,
    key="import_history_pick",
    placeholder=ui.t("common.no_options"),
)
batch = history.set_index("batch_id").loc[batch_id].to_dict() | {"batch_id": batch_id}

report = batches.error_report(ui.connection(), batch_id) if batch["has_error_report"] else None
if report:
    st.download_button(
        ui.t("ingest.history.error_report"),
        report,
        file_name=f"batch_{batch_id}_errors.csv",
        mime="text/csv",
        key="import_history_report",
    )
else:
    st.caption(ui.t("ingest.history.no_report"))


def undo(batch_id: int) -> None:
    """The click's own batch (bound when the button was drawn), run before the page: whatever the list holds
    by the time the click arrives, the batch undone is the one the user saw and confirmed."""
    try:
        batches.undo_batch(ui.connection(), batch_id, user)
    except batches.UndoRefused as exc:
        kind = "info" if exc.reason == "ingest.undo.already_undone" else "error"  # a repeated click: harmless
        st.session_state["import_history_refused"] = (kind, ui.t(exc.reason, **exc.values))
    else:
        ui.clear_caches()
        st.session_state["import_history_flash"] = ui.t("ingest.history.undone", batch_id=batch_id)


if "import_history_refused" in st.session_state:
    kind, text = st.session_state.pop("import_history_refused")
    (st.info if kind == "info" else st.error)(text)
if batches.can_undo(user, batch):
    confirm = st.checkbox(ui.t("ingest.history.undo_confirm"), key=f"import_history_confirm_{batch_id}")
    st.button(
        ui.t("ingest.history.undo", batch_id=batch_id),
        disabled=not confirm,
        key=f"import_history_undo_{batch_id}",
        # runs before the next run of the page, which then shows the outcome; the undo checks the user as stored
        # then (a manager deactivated since this was drawn is refused: ui.write_callback says so)
        on_click=ui.write_callback(undo),
        args=(batch_id,),
    )
elif batch["status"] == "committed":
    st.caption(ui.t("ingest.history.cannot_undo"))
