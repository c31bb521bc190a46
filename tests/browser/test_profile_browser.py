"""The plain ``page`` fixture's tabs share one persistent Chromium profile (tests/browser/profile.py): a new tab
starts as a new context would, with nothing a test before it left: no other tab, no cookie, no localStorage or
sessionStorage, no granted permission. The portal's health address stands in for a page of the portal (an origin
of a running server, without loading Streamlit's frontend)."""

from __future__ import annotations

_STORED = "[localStorage.length, sessionStorage.length]"
_GEOLOCATION = "navigator.permissions.query({name: 'geolocation'}).then((p) => p.state)"


def test_a_new_tab_holds_nothing_an_earlier_tab_left(profile, portal_server):
    address = portal_server + "/_stcore/health"
    first = profile.new_page()
    first.goto(address)
    first.evaluate("localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1')")
    profile.context.add_cookies([{"name": "left", "value": "1", "url": portal_server}])
    profile.context.grant_permissions(["geolocation"], origin=portal_server)
    extra = profile.context.new_page()  # a tab the test opened beside its page
    assert first.evaluate(_STORED) == [1, 1]
    assert first.evaluate(_GEOLOCATION) == "granted"

    second = profile.new_page()
    assert first.is_closed() and extra.is_closed()
    assert profile.context.cookies() == []
    second.goto(address)
    assert second.evaluate(_STORED) == [0, 0]
    assert second.evaluate(_GEOLOCATION) == "prompt"
    profile.reset()


def test_the_plain_page_is_the_desktop_one(page):
    assert page.viewport_size == {"width": 1400, "height": 1000}
    assert page.evaluate("navigator.language") == "en-US"
    assert page.evaluate("typeof window.__portalRuns") == "number"  # the script state watcher is installed
