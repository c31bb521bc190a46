"""Store view: one store's complaints, satisfaction and open actions beside its region and the chain; its trend.

Reached as /store?store=ID (the dashboards' filter's store ids; the address keeps the id), /store?store=CODE
(links from the overview's alerts and from store tables), with the store chosen in the dashboards' filter, or by
choosing a store.
"""

import streamlit as st

from portal import export, navigation, ui, ui_overview
from portal.overview import store as store_view
from portal.ui.filter_bar import applied_filter

user = ui.page_guard("store")
lang = ui.lang()
st.title(ui.t("page.store"))
stores = ui.query("filter_stores")
if stores.empty:  # a chain-wide reader with no store has a database without stores, not a store to choose
    st.info(ui.t("store.no_stores_yet" if user.scope.all_stores else "store.no_stores"))
    st.stop()
codes = list(stores["store_code"])
wanted, refused = store_view.wanted_store(
    stores, st.query_params.get("store"), applied_filter().selected("store")
)
if refused:
    st.warning(ui.t("store.not_in_scope"))
code = st.selectbox(
    ui.t("store.choose"),
    codes,
    filter_mode="contains",
    index=codes.index(wanted) if wanted in codes else None,
    placeholder=ui.t("store.placeholder"),  # Streamlit's own is "Choose an option" in every language
    format_func=lambda c: f"{c} {stores.loc[stores['store_code'] == c, 'store_name'].iloc[0]}",
    key="store_code",
)
row = store_view.find_store(stores, code)
if row is None:
    st.info(ui.t("store.none"))
    st.stop()
if st.query_params.get("store") != str(int(row["store_id"])):
    st.query_params["store"] = str(int(row["store_id"]))  # the id, as the dashboards' filter writes it

window = ui_overview.window(ui.report_timezone())
areas = navigation.visible_areas(user.roles)  # a team lead's store view has no 5S (SPEC 1)
with st.spinner(ui.t("app.loading")):
    view = store_view.store_view(ui.query, window, ui.connection(), row, ui.today(), areas, scope=user.scope)
regions = ui.query("filter_regions")
names = dict(zip(regions["region_id"], regions["region_name_" + lang], strict=False))
st.caption(store_view.caption(view, names, lang, window.label))  # the Region column: whole, or your stores'
if note := store_view.region_note(view, names, lang):  # the store changed region: which one the column is
    st.caption(note)
for area in view.store:
    st.subheader(ui.t(area.title_key))
    ui_overview.area_tiles(area, lang, key=f"store_{area.area}")
period_week, period = export.period_tag(window.week, window.end), export.period_tag(window.start, window.end)
ui.text_table(  # every cell whole: "Stores failing" and "no data" say why at length
    store_view.comparison_table(view, lang, names),
    f"store_{view.store_code}_{period_week}.csv",
    key="store_compare",
)
st.subheader(ui.t("store.trend"))
trend = store_view.trend_table(view, lang)
ui.table(
    trend.reset_index(),
    f"store_{view.store_code}_trend_{period}.csv",
    key="store_trend",
    height="content",  # the twelve weeks
    column_config={
        c: st.column_config.NumberColumn(format=f) for c, f in store_view.trend_formats(view, lang).items()
    },
)
if "fives" in areas:
    with st.spinner(ui.t("app.loading")):
        ui_overview.store_fives_block(view, lang, names)
    ui_overview.relation_charts(window, lang, "store_relation", highlight=view.store_code)
