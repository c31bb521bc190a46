"""Complaint list: the complaints behind every complaint figure, filtered, sorted and paged in SQL."""

import streamlit as st

from portal import complaints, export, ui, ui_dash, ui_overview, vocab, zones
from portal.complaints import listing
from portal.i18n import listed

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
state = {
    f"{key}_which": req.which,
    f"{key}_status": list(req.statuses),
    f"{key}_age": list(req.age_buckets),
    f"{key}_overdue": req.overdue,
    f"{key}_sort": req.sort,
    f"{key}_desc": req.descending,
}
for name, value in state.items():
    if st.session_state.get(name) != value:
        st.session_state[name] = value


def _sync(page: int = 1) -> None:
    """A choice changed: the address holds the list's choices (page back to the first unless paging)."""
    s = st.session_state
    new = listing.ListRequest(
        filters,
        which=s[f"{key}_which"],
        statuses=tuple(s[f"{key}_status"]),
        age_buckets=tuple(s[f"{key}_age"]),
        overdue=s[f"{key}_overdue"],
        agent_ids=req.agent_ids,
        sort=s[f"{key}_sort"],
        descending=s[f"{key}_desc"],
        page=page,
    )
    for name in listing.LIST_KEYS:
        if name in st.query_params:
            del st.query_params[name]
    st.query_params.update(listing.request_to_query(new))


row1 = st.columns([2, 2, 2, 2])
row1[0].selectbox(
    ui.t("clist.which"),
    listing.WHICH,
    format_func={w: ui.t(f"clist.which.{w}") for w in listing.WHICH}.get,
    key=f"{key}_which",
    on_change=_sync,
)
row1[1].multiselect(
    ui.t("clist.status"),
    list(vocab.COMPLAINT_STATUSES),
    format_func={s: ui.t(f"complaints.state.{s}") for s in vocab.COMPLAINT_STATUSES}.get,
    placeholder=ui.t("filters.all"),
    key=f"{key}_status",
    on_change=_sync,
)
row1[2].multiselect(
    ui.t("clist.age"),
    listing.AGE_BUCKETS,
    format_func={b: ui.t(f"complaints.age.{b}") for b in listing.AGE_BUCKETS}.get,
    placeholder=ui.t("filters.all"),
    key=f"{key}_age",
    on_change=_sync,
)
row1[3].selectbox(
    ui.t("clist.overdue"),
    listing.OVERDUE,
    format_func={o: ui.t(f"clist.overdue.{o or 'any'}") for o in listing.OVERDUE}.get,
    key=f"{key}_overdue",
    on_change=_sync,
)
row2 = st.columns([2, 2, 2, 2])
row2[0].selectbox(
    ui.t("clist.sort"),
    listing.SORTS,
    format_func={s: ui.t(f"clist.sort.{s}") for s in listing.SORTS}.get,
    key=f"{key}_sort",
    on_change=_sync,
)
row2[1].toggle(ui.t("clist.descending"), key=f"{key}_desc", on_change=_sync)
row2[2].selectbox(
    ui.t("clist.page_size"), listing.PAGE_SIZES, index=1, key=f"{key}_page_size", on_change=_sync
)
if req.agent_ids:
    st.caption(
        ui.t("text.label_value", label=ui.t("clist.agent"), value=listed(req.agent_ids).text(ui.lang()))
    )

with st.spinner(ui.t("app.loading")):
    frame, total = listing.page_of(ui.query, req, goals)
pages = listing.page_count(total, req.page_size)
if total == 0:
    st.info(ui.t("clist.empty"))
    st.stop()
page = row2[3].number_input(ui.t("clist.page"), 1, pages, min(req.page, pages), key=f"{key}_page_no")
if page != req.page:
    _sync(int(page))
    st.rerun()
st.caption(ui.t("clist.count", total=total, page=req.page, pages=pages))
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
    column_config={
        shown.columns[1]: st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
        **store_links,
    },
)
if event.selection.rows:
    chosen = str(frame["source_id"].iloc[event.selection.rows[0]])
    if st.query_params.get("complaint") != chosen:
        st.query_params["complaint"] = chosen
        st.rerun()


def _whole_list() -> bytes:
    whole = listing.ListRequest(**{**req.__dict__, "page": 1, "page_size": listing.EXPORT_LIMIT})
    rows, _ = listing.page_of(ui.query, whole, goals)
    return export.to_csv_bytes(listing.display_table(rows, lang, zone))


st.download_button(
    ui.t("clist.download_all"),
    _whole_list,
    file_name=listing.file_name(filters),
    mime="text/csv",
    key=f"{key}_csv",
)
