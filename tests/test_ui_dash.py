"""Layout choices of portal/ui_dash.py that need no browser."""

from portal import ui_dash


def test_the_sidebar_starts_collapsed_on_tablets_and_phones():
    ipad = "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148"
    android_tab = "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
    desktop = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
    )
    assert ui_dash.sidebar_state(ipad) == "collapsed"
    assert ui_dash.sidebar_state(android_tab) == "collapsed"
    assert ui_dash.sidebar_state(desktop) == "auto"
    assert ui_dash.sidebar_state("") == "auto"


def test_tile_titles_wrap():
    assert "stMetricLabel" in ui_dash.LAYOUT_CSS and "white-space: normal" in ui_dash.LAYOUT_CSS
