"""Complaint list: the complaints behind every complaint figure, filtered, sorted and paged in SQL."""

import streamlit as st

from portal import complaints, export, ui, ui_complaints, ui_dash, ui_overview, zones
from portal.complaints import listing

ui.page_guard("complaint_list")
st.title(ui.t("page.complaint_list"))
filters = ui.filter_sidebar("complaint_list", business_hours=True)
st.caption(ui.t("clist.caption"))
lang, key = ui.lang(), "complaint_list"
goals = complaints.targets(ui.settings_snapshot())

wanted = st.query_params.get("complaint")
if wanted:
    ui_dash.complaint_detail_panel(wanted, key)

req = listing.request_from_query(
    st.query_params.to_dict(), filters, page_size=st.session_state.get(f"{key}_page_size", 50)
)
page_cell = ui_complaints.list_choosers(req, filters, key)

with st.spinner(ui.t("app.loading")):
    frame, total = listing.page_of(ui.query, req, goals)
pages = listing.page_count(total, req.page_size)
if total == 0:
    st.info(ui.t("clist.empty"))
    st.stop()
page = page_cell.number_input(ui.t("clist.page"), 1, pages, min(req.page, pages), key=f"{key}_page_no")
if page != req.page:
    ui_complaints.sync_list(req, filters, key, int(page))
    st.rerun()
count = ui.t("clist.count", total=total, page=req.page, pages=pages)
# a heading click sorts the rows of this page in the browser, not the list: said where there is more than a page
st.caption(count if pages == 1 else f"{count} · {ui.t('clist.sort_this_page', sort=ui.t('clist.sort'))}")
zone = zones.zone_name(filters.timezone, lang)
shown = listing.display_table(frame, lang, zone)
shown, store_links = ui_overview.store_linked(shown, frame["store_code"], lang, shown.columns[2])
event = st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    key=f"{key}_table",
    placeholder=ui.MISSING,
    height=min(38 + 35 * len(shown), 720),  # a page of 50 in a window of 10 left the screen half empty
    on_select="rerun",
    selection_mode="single-row",
    column_config=ui.with_sort_room(  # a heading the rows are sorted by shows whole, its "↑ " before it
        shown,
        {shown.columns[1]: st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"), **store_links},
    ),
)
if event.selection.rows:
    chosen = str(frame["source_id"].iloc[event.selection.rows[0]])
    if st.query_params.get("complaint") != chosen:
        st.query_params["complaint"] = chosen
        st.rerun()


run_later = ui.query_bound_now()  # the CSV is built when clicked, after this run: the user's scope bound now


def _whole_list() -> bytes:
    whole = listing.ListRequest(**{**req.__dict__, "page": 1, "page_size": listing.EXPORT_LIMIT})
    rows, _ = listing.page_of(run_later, whole, goals)
    return export.to_csv_bytes(listing.display_table(rows, lang, zone), lang)


st.download_button(
    ui.t("clist.download_all"),
    _whole_list,
    file_name=listing.file_name(filters),
    mime="text/csv",
    key=f"{key}_csv",
)
