"""Service KPI Portal: page frame, language, sign-in, and the navigation built from the user's role."""

import streamlit as st

from portal import passwords, ui, ui_dash
from portal.db import DatabaseError
from portal.favicon import favicon

ui.freeze_imported_heap()  # when modules were imported since: Streamlit's collection after each run skips them
passwords.warm_dummy_hash()  # once per process: an unknown name's first refusal costs what a real account's does

st.set_page_config(
    page_title=ui.t("app.title"),
    page_icon=favicon(),  # drawn in code and served by the portal: no request leaves the intranet
    layout="wide",
    initial_sidebar_state=ui_dash.sidebar_state(),  # collapsed on tablets and phones
)
ui_dash.layout_css()
ui.language_switch()
ui_dash.uploader_words(ui.lang())  # Streamlit's drop zone in the page's language
ui_dash.input_hint_words(ui.lang())  # and its "Press Enter to apply"
ui_dash.chrome_words(ui.lang())  # the modebar's Fullscreen and the multiselect's "Select all"
ui_dash.connection_words(ui.lang())  # "Is Streamlit still running?"; and an uploader's refusals

try:
    ui.connection()
except DatabaseError as exc:
    st.error(ui.t("app.db_error"))
    st.code(str(exc), language=None)
    st.stop()

user = ui.sign_in()
ui.demo_banner()
ui.said_write_failed()  # a button's write that did not happen (its callback ran before this run)
with ui.writing():  # a write of the page that did not happen: said, never a traceback
    ui.navigate(user).run()
