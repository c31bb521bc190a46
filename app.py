"""Service KPI Portal: page frame, language, sign-in, and the navigation built from the user's role."""

import streamlit as st

from portal import navigation, ui
from portal.db import DatabaseError

st.set_page_config(page_title="Service KPI Portal", page_icon=":material/monitoring:", layout="wide")
ui.language_switch()

try:
    ui.connection()
except DatabaseError as exc:
    st.error(ui.t("app.db_error"))
    st.code(str(exc), language=None)
    st.stop()

user = ui.sign_in()
ui.demo_banner()

pages = {}
for spec in navigation.PAGES:
    if navigation.allowed(spec, user.roles):
        page = st.Page(spec.path, title=ui.t(spec.title_key), icon=spec.icon, url_path=spec.key)
    else:
        # Registered so that typing its URL lands on "not permitted"; never listed in the menu.
        page = st.Page(ui.not_permitted_page, title=ui.t("app.not_permitted"), url_path=spec.key)
    pages[spec.key] = (spec, page)

current = st.navigation([p for _, p in pages.values()], position="hidden")
ui.menu([(spec, page) for spec, page in pages.values() if navigation.allowed(spec, user.roles)])
current.run()
