"""Streamlit internals the portal reads (not public API): a Streamlit upgrade that renames one fails here, not at a
user's sign-in. portal.ui.signin._remember_address reads the page a session's address named
(``PagesManager.intended_page_name``) to open a bookmarked page after the sign-in; without it the portal falls back
to the landing page."""

from streamlit.runtime.pages_manager import PagesManager


def test_the_pages_manager_still_tells_the_page_the_address_named():
    assert isinstance(getattr(PagesManager, "intended_page_name", None), property)
