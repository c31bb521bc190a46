"""The menu's landing-page alias (portal.ui.menu): its run switches to the landing page before drawing the menu.

Streamlit is stood in for by a recorder: each page's address, the links drawn, the switch asked for (which, as
``st.switch_page`` does, ends the run)."""

from __future__ import annotations

import importlib
from contextlib import nullcontext

import pytest

from portal.auth import User
from portal.scope import Scope

menu = importlib.import_module("portal.ui.menu")  # (portal.ui's name "menu" is the function)


class Switched(Exception):
    """``st.switch_page``: the run ends here and the page asked for runs next."""


class FakePage:
    made = 0  # how many were made

    def __init__(self, page, *, title, url_path, icon=None, default=False, visibility="visible"):
        self.page, self.title, self.url_path, self.icon = page, title, url_path, icon
        FakePage.made += 1

    def run(self):
        if callable(self.page):
            self.page()


class FakeSt:
    def __init__(self, address: str):
        self.address = address  # the url_path of the page the run was asked for
        self.links: list[str] = []
        self.sidebar = nullcontext()
        self.session_state: dict = {}
        self.query_params = type("Q", (dict,), {"to_dict": lambda q: dict(q)})()

    Page = FakePage

    def navigation(self, sections, position=None):
        return next(p for pages in sections.values() for p in pages if p.url_path == self.address)

    def page_link(self, page, label=None, icon=None, disabled=False):
        self.links.append(page.url_path)

    def caption(self, text):
        pass

    def switch_page(self, page, query_params=None):
        raise Switched(page.url_path)


@pytest.fixture
def fake_st(monkeypatch):
    def at(address: str) -> FakeSt:
        fake = FakeSt(address)
        monkeypatch.setattr(menu, "st", fake)
        monkeypatch.setattr(menu, "take_address", lambda: None)  # no sign-in form before this run
        monkeypatch.setattr(menu, "links_locked", lambda: False)
        monkeypatch.setattr(menu, "unlock_links_later", lambda current=None: None)
        return fake

    return at


MANAGER = User("manager", "Test Manager", ("manager",), Scope(all_stores=True, all_agents=True))


def test_the_landing_pages_alias_switches_before_any_menu_link_is_drawn(fake_st):
    """Issue 14: away from the Overview its menu link goes through its alias at /overview, whose run switches to
    the Overview (at "/", url_path "overview-home"). That run drew the manager's whole menu first, then the
    Overview's run drew it again: two menus per cached switch to the Overview. Now nothing is drawn before the
    switch."""
    fake = fake_st("overview")
    with pytest.raises(Switched) as switched:
        menu.navigate(MANAGER)
    assert str(switched.value) == "overview" + menu.LANDING_SUFFIX
    assert fake.links == []


def test_another_page_draws_its_menu_and_is_returned(fake_st):
    fake = fake_st("complaints")
    page = menu.navigate(MANAGER)
    assert page.url_path == "complaints"
    # the landing page's link goes through its alias away from it; every other link to the page itself
    assert "overview" in fake.links and "complaints" in fake.links
    assert "overview" + menu.LANDING_SUFFIX not in fake.links


def test_a_rerun_of_the_session_makes_no_page_again_but_a_language_switch_does(fake_st, monkeypatch):
    """Issue 14: every run made the menu's ~30 st.Page objects anew (each resolving its page file) and their
    titles; now once per session for the same roles and language."""
    fake = fake_st("complaints")
    FakePage.made = 0
    first = menu.navigate(MANAGER)
    made = FakePage.made
    assert (
        made == len(menu.navigation.PAGES) + 1
    )  # every page (the refused ones hidden) and the landing's alias
    fake.links.clear()
    again = menu.navigate(MANAGER)
    assert FakePage.made == made  # none made again
    assert again is first  # the same page object, asked for again
    assert len(fake.links) == len(menu.navigation.pages_for(MANAGER.roles))  # the menu drawn all the same
    monkeypatch.setattr(menu, "lang", lambda: "zh")
    menu.navigate(MANAGER)
    assert FakePage.made == 2 * made  # another language: its titles, made anew
    lead = User("lead", "Test Lead", ("team_lead",), Scope(team_id=1))
    menu.navigate(lead)
    assert FakePage.made == 3 * made  # other roles: their own pages
