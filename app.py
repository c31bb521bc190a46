"""Service KPI Portal: page frame, language, sign-in, and the navigation built from the user's role."""

import streamlit as st

from portal import navigation, ui
from portal.db import DatabaseError

st.set_page_config(page_title=ui.t("app.title"), page_icon=":material/monitoring:", layout="wide")
ui.language_switch()

try:
    ui.connection()
except DatabaseError as exc:
    st.error(ui.t("app.db_error"))
    st.code(str(exc), language=None)
    st.stop()

user = ui.sign_in()
ui.demo_banner()

mine = navigation.pages_for(user.roles)
menu = [
    (spec, st.Page(spec.path, title=ui.t(spec.title_key), icon=spec.icon, url_path=spec.key, default=i == 0))
    for i, spec in enumerate(mine)
]
# Other pages are registered only so that typing their URL lands on "not permitted"; never listed.
forbidden = [
    st.Page(ui.not_permitted_page, title=ui.t("app.not_permitted"), url_path=spec.key)
    for spec in navigation.PAGES
    if spec not in mine
]

current = st.navigation([page for _, page in menu] + forbidden, position="hidden")
ui.menu(menu)
current.run()
