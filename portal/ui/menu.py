"""The menu: ``st.navigation`` built from the user's role, as sections (section title -> pages).

Every page of the registry is registered, so a typed URL always resolves: the user's own pages visibly, the
others hidden and drawn by ``not_permitted_page`` (and each page file checks the role itself as well).
"""

from __future__ import annotations

import streamlit as st

from portal import navigation
from portal.auth import User
from portal.ui.core import lang, not_permitted_page, t
from portal.ui.signin import links_locked, take_address, unlock_links_later

_KEPT = "portal_menu_pages"  # (roles, language) -> the session's st.Page objects (``sections_for``)


def sections_for(user: User) -> tuple[dict[str, list], dict[str, list], dict]:
    """(visible sections, hidden pages by section, the page a link to a page goes through): section title ->
    st.Page objects, in menu order; {landing page: its alias at /key} (``_link``). Made once per session for the
    same roles and language (issue 14: the ~30 st.Page objects, each resolving its file, and their titles were
    made anew on every run, twice on a switch to the landing page through its alias); Streamlit only reads them."""
    key = (tuple(user.roles), lang())
    kept = st.session_state.get(_KEPT)
    if kept is not None and kept[0] == key:
        return kept[1]
    made = _sections(user)
    st.session_state[_KEPT] = (key, made)
    return made


def _sections(user: User) -> tuple[dict[str, list], dict[str, list], dict]:
    mine = navigation.pages_for(user.roles)
    landing = navigation.landing_page(user.roles, mine) or (mine[0].key if mine else None)
    visible: dict[str, list] = {}
    hidden: dict[str, list] = {}
    home = alias = None  # the landing page, which a refused address links to, and its alias
    for spec in mine:
        is_landing = spec.key == landing
        # the landing page is the default: its address is the root "/", so its own /key would show "Page not
        # found" (issue 10: typing /overview). It keeps a url_path of its own (Streamlit keys pages by it) and
        # a hidden page answers at /key and switches to it, with the address's filters.
        page = st.Page(
            spec.path,
            title=t(spec.title_key),
            icon=spec.icon,
            url_path=f"{spec.key}{LANDING_SUFFIX}" if is_landing else spec.key,
            default=is_landing,
        )
        visible.setdefault(t(spec.section), []).append(page)
        if is_landing:
            home = page
            alias = st.Page(_switch_to(page), title=t(spec.title_key), url_path=spec.key, visibility="hidden")
            hidden.setdefault(t(spec.section), []).append(alias)
    for spec in navigation.PAGES:
        if spec not in mine:
            refused = _refused(home, alias) if home is not None else not_permitted_page
            page = st.Page(refused, title=t("app.not_permitted"), url_path=spec.key, visibility="hidden")
            hidden.setdefault(t(spec.section), []).append(page)
    return visible, hidden, ({home: alias} if home is not None else {})


LANDING_SUFFIX = "-home"  # the landing page's own url_path (never shown: the default page lives at "/")


def _switch_to(page):
    def landing_alias() -> None:
        st.switch_page(page, query_params=st.query_params.to_dict())

    return landing_alias


def _refused(home, alias):
    """A page the user's role may not open, reached by its address: "not permitted", and a link to the user's
    landing page (on a tablet the menu is folded away: the refusal alone left nothing to do), through its alias:
    a real address (``_link``)."""

    def not_permitted() -> None:
        not_permitted_page()
        st.page_link(
            alias, label=t("app.not_permitted_home", page=home.title), icon=home.icon, disabled=links_locked()
        )

    return not_permitted


def _link(page, current: str | None, through: dict) -> None:
    """A menu link. The landing page's is the default page's, whose href Streamlit leaves empty (its url_path is
    ""): a browser reads that as the current address, so a right click or a middle click opened the page already
    shown. Away from the landing page its link goes through its alias at /key, which switches to it."""
    alias = through.get(page) if current != page.url_path else None
    if alias is None:
        st.page_link(page, disabled=links_locked())
    else:
        st.page_link(alias, label=page.title, icon=page.icon, disabled=links_locked())


def navigate(user: User):
    """Register the pages for this user, draw their menu in the sidebar, and return the page to run."""
    visible, hidden, through = sections_for(user)
    sections = {title: list(pages) for title, pages in visible.items()}
    for title, pages in hidden.items():
        sections.setdefault(title, []).extend(pages)
    current = st.navigation(sections, position="hidden")
    own = [*(p for pages in visible.values() for p in pages), *through.values()]  # never a refused page
    _open_address(own, next(iter(through), None), current)
    if current in through.values():
        # the landing page's alias (its menu link away from it): it switches to the landing page now, before the
        # menu is drawn, which that page's run draws (issue 14: each cached switch to the Overview drew it twice)
        current.run()
    _draw(visible, current.url_path, through)
    return current


def _open_address(own: list, home, current) -> None:
    """The first run after a sign-in opens the page the address named when the form was drawn (a bookmark), with
    its query (signin.take_address: the submit's run resolves the default page), when it is one of the user's
    ``own`` pages (or the landing page's alias). A page they may not open gives their landing page (``home``),
    without the address's query: an inspector signing in on the tab where the admin had signed out at
    /audit_log was shown "Not permitted" (session 41's probe)."""
    wanted = take_address()
    if wanted is None:  # no sign-in form before this run
        return
    mine = {page.url_path: page for page in own}
    # the landing page's /key is its alias, which switches to it
    if wanted and wanted != current.url_path and wanted in mine:
        st.switch_page(mine[wanted], query_params=st.query_params.to_dict())
    elif current.url_path not in mine and home is not None:
        st.switch_page(home)


def _draw(sections: dict[str, list], current: str | None = None, through: dict | None = None) -> None:
    # links_locked: until the sign-in cookie is stored a click could be lost (signin.py)
    with st.sidebar:
        for title, pages in sections.items():
            st.caption(title)
            for page in pages:
                _link(page, current, through or {})
        unlock_links_later(current)  # while locked; after, the note's room on the page where it ended


def menu(entries) -> None:
    """The sidebar menu from (PageSpec, st.Page) pairs (the former app.py shape), grouped by section."""
    sections: dict[str, list] = {}
    for spec, page in entries:
        sections.setdefault(t(spec.section), []).append(page)
    _draw(sections)
