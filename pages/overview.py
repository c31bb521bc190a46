"""Overview: the landing page. Every area's headline figures of the last complete week, alerts, the brief."""

import streamlit as st

from portal import ui, ui_overview, writes, zones
from portal.overview import brief, records
from portal.overview import figures as overview
from portal.ui.filter_bar import no_store_warning

user = ui.page_guard("overview")
lang = ui.lang()
window = ui_overview.window(ui.report_timezone())
st.title(ui.t("page.overview"))
st.caption(ui.t("overview.caption", week=window.label, tz=zones.zone_name(window.timezone, lang)))
no_store_warning()  # a team lead whose team has no region: every store-based tile is empty for that reason
con = ui.connection()
scope_key = records.scope_key(user.scope)

# the data version read once: the tiles and the store relation below are read at it, even if an import by
# another session commits between the two (each reading ui.data_version() again could see the new one)
version = ui.data_version()
with st.spinner(ui.t("app.loading")):
    figs = ui_overview.figures(window, user.scope, user.roles, version)
if not any(f.n for a in figs.areas for f in a.figures):
    st.info(ui.t("overview.empty"))
    st.stop()

# the acknowledgements read on every run (another session's counts at once); what follows from them is built once
# for the same alerts, acknowledgements and day (ui.built), and the brief once for the same open alerts
open_alerts, quieted = ui.built(
    overview.split, figs.alerts, records.latest_acks(con, scope_key), window.today
)
# what needs attention first, above the tiles: the list below them began two screens down on a tablet, after 19
# tiles (tablet probe, session 55)
ui_overview.attention(open_alerts, window, lang)

for area in figs.areas:
    st.subheader(ui.t(area.title_key))
    ui_overview.area_tiles(area, lang, key=f"overview_{area.area}")

st.subheader(ui.t("overview.alerts"))
if not open_alerts:
    st.info(ui.t("overview.alerts.none"))
ui_overview.alert_list(
    open_alerts,
    lang,
    username=user.username,
    scope_key=scope_key,
    window_week=window,
    roles=user.roles,
    user=user,
)
if quieted:
    with st.expander(ui.t("overview.alerts.quieted", n=len(quieted))):
        names = ui_overview.store_names()
        for alert, ack in quieted:
            st.markdown(
                f"- {brief.alert_sentence(window, alert, lang, names).markdown}  \n  "
                + ui.t(
                    "overview.ack.by",
                    action=ui.t(f"overview.ack.{ack.action}"),
                    user=ack.user_name or ack.username,
                    on=f"{ack.created_at:%Y-%m-%d}",
                    note=ack.note,
                )
            )

if figs.area("fives") is not None:
    # at the data version the overview's figures above were read at
    ui_overview.relation_charts(window, lang, "overview_relation", toggle=True, at_version=version)

weekly = ui.built(brief.build, figs, lang, scope_key, open_alerts, ui_overview.store_names())
# one heading at the areas' level (not "Weekly brief" over a larger "Weekly brief, W48")
st.subheader(weekly.title())
st.markdown(weekly.body())
if st.button(ui.t("overview.brief.issue"), key="overview_issue_brief"):
    brief_id = writes.store_brief(
        con,
        week=weekly.week,
        scope_key=scope_key,
        lang=lang,
        markdown=weekly.markdown(),
        body=weekly.to_json(),
        issued_by=user.username,
        now=ui_overview.now_utc(),
    )
    st.success(ui.t("overview.brief.issued", id=brief_id))
