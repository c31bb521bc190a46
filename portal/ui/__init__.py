"""The small Streamlit layer shared by app.py and the pages; the only part of the package that calls ``st.``.

In parts: ``core`` (connection, named queries bound to the signed-in user's scope, settings read once,
language, page guard), ``filter_bar`` (the one sidebar filter), ``display`` (tables, charts, banner),
``signin`` (sign-in form, cookie re-login, sign-out) and ``menu`` (``st.navigation`` from the role).
Every name is re-exported here, so pages write ``ui.query``, ``ui.table``, ``ui.sign_in``.
"""

from portal.ui.core import (
    clear_caches,
    connection,
    current_user,
    data_version,
    figure_set,
    freeze_imported_heap,
    is_demo,
    lang,
    language_switch,
    not_permitted_page,
    page_guard,
    query,
    report_timezone,
    schema_version,
    setting,
    settings_snapshot,
    t,
    today,
)
from portal.ui.display import (
    MISSING,
    built,
    chart,
    chart_of,
    demo_banner,
    download_csv,
    kept_dataframe,
    lazy_tabs,
    prepared,
    table,
    text_width,
)
from portal.ui.filter_bar import filter_sidebar, period_params
from portal.ui.menu import menu, navigate, sections_for
from portal.ui.signin import section, sign_in, still_signed_in

__all__ = [
    "MISSING",
    "built",
    "chart",
    "chart_of",
    "clear_caches",
    "connection",
    "current_user",
    "data_version",
    "demo_banner",
    "download_csv",
    "prepared",
    "figure_set",
    "filter_sidebar",
    "freeze_imported_heap",
    "is_demo",
    "kept_dataframe",
    "lang",
    "language_switch",
    "lazy_tabs",
    "menu",
    "navigate",
    "not_permitted_page",
    "page_guard",
    "period_params",
    "query",
    "text_width",
    "report_timezone",
    "schema_version",
    "section",
    "sections_for",
    "setting",
    "settings_snapshot",
    "sign_in",
    "still_signed_in",
    "t",
    "table",
    "today",
]
