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


def test_figure_sets_give_loading_feedback(monkeypatch):
    """Issue 10: first views showed a title over blank space. Every figure set is built inside st.spinner
    (shown by Streamlit only after half a second: a cached set draws none) in the user's language."""
    from contextlib import contextmanager
    from types import SimpleNamespace

    from portal.ui import core

    shown: list[str] = []
    inside: list[bool] = []

    @contextmanager
    def spinner(text):
        shown.append(text)
        inside.append(True)
        yield
        inside.append(False)

    monkeypatch.setattr(core.st, "spinner", spinner)
    monkeypatch.setattr(core, "current_user", lambda: SimpleNamespace(scope=None))
    monkeypatch.setattr(core, "data_version", lambda: (0, 0))
    monkeypatch.setattr(core, "t", lambda key, **v: {"app.loading": "正在加载…"}.get(key, key))
    monkeypatch.setattr(core, "lang", lambda: "zh")

    during: list[bool] = []

    def cached(key, name, build, args, kwargs, *_snapshot):  # scope, language, version (the snapshot check)
        during.append(bool(inside) and inside[-1])  # built while the spinner is up?
        # keyed by the language: store names come from SQL in the reader's language
        assert key == core.cache_key(name, None, (0, 0), str(core.db.db_path()), "zh", args, kwargs)
        assert key != core.cache_key(name, None, (0, 0), str(core.db.db_path()), "en", args, kwargs)
        return build(None, *args, **kwargs)

    monkeypatch.setattr(core, "_figure_set", cached)
    monkeypatch.setattr(core, "_BUILT", {})

    def double(run, x):
        return x * 2

    assert core.figure_set(double, 21) == 42
    assert shown == ["正在加载…"]
    # built by this process a moment ago: the cached rerun starts no spinner (issue 14: a thread apiece)
    assert core.figure_set(double, 21) == 42 and shown == ["正在加载…"]
    assert core.figure_set(double, 22) == 44 and shown == ["正在加载…"] * 2  # another key: loading again
    assert during == [True, False, True]


def test_the_drop_zone_gets_chinese_words_and_english_keeps_streamlits(monkeypatch):
    drawn: list[str] = []
    monkeypatch.setattr(ui_dash.st, "html", drawn.append)
    monkeypatch.setattr(ui_dash.st, "get_option", lambda name: {"server.maxUploadSize": 150}[name])
    ui_dash.uploader_words("en")
    assert drawn == []
    ui_dash.uploader_words("zh")
    (css,) = drawn
    assert 'content: "上传"' in css and 'content: "每个文件不超过 150 MB"' in css
    assert "stFileUploaderDropzoneInstructions" in css


def test_css_strings_are_quoted():
    assert ui_dash._css_string('a"b\\c') == '"a\\"b\\\\c"'


def test_a_photo_uploader_states_the_photo_limit_not_the_servers(monkeypatch):
    """The after-photo uploader said "200MB per file" / "每个文件不超过 200 MB" (the server's file limit) while a photo
    may be at most PORTAL_PHOTO_LIMIT_MB (8): the widget's own limit makes Streamlit say "8MB per file", and on a
    Chinese page CSS scoped to that uploader puts the portal's words there."""
    drawn: list[str] = []
    made: list[dict] = []
    monkeypatch.setattr(ui_dash.st, "html", drawn.append)
    monkeypatch.setattr(ui_dash.st, "file_uploader", lambda label, **kw: made.append({"label": label, **kw}))
    ui_dash.photo_uploader("Photo", "fives_actions_3_photo", 8.0, "en")
    assert made[-1]["max_upload_size"] == 8 and made[-1]["type"] == ["jpg", "jpeg", "png", "webp"]
    assert drawn == []
    ui_dash.photo_uploader("照片", "fives_inspect_photo_A.1", 2.5, "zh")
    assert made[-1]["max_upload_size"] == 3  # whole MB up: the photo check itself holds at 2.5
    (css,) = drawn
    assert ".st-key-fives_inspect_photo_A-1 " in css and 'content: "每个文件不超过 2.5 MB"' in css


def test_chrome_words_on_a_chinese_page(monkeypatch):
    """The modebar's Fullscreen button (added by Streamlit) and the multiselect's "Select all" / "Select 15
    matches" were English on a Chinese page; CSS puts the portal's words there (English pages untouched)."""
    drawn: list[str] = []
    monkeypatch.setattr(ui_dash.st, "html", drawn.append)
    ui_dash.chrome_words("en")
    assert drawn == []
    ui_dash.chrome_words("zh")
    (css,) = drawn
    assert '.modebar-btn[data-title="Fullscreen"]::after { content: "全屏"; }' in css
    assert '.modebar-btn[data-title="Close fullscreen"]::after { content: "退出全屏"; }' in css
    matches = '[role="option"][data-key="__select_matches__"] [data-item-hl]'
    assert f'{matches}::after {{ content: "选择全部匹配项"; font-size: 0.875rem; }}' in css
    assert f"{matches} {{ font-size: 0; }}" in css
    assert '[data-key="__select_all__"] [data-item-hl]::after { content: "全选";' in css
    skip = 'a[data-testid="stSkipToContent"][href]'  # the keyboard's first stop, "Skip to main content"
    assert (
        f'{skip} {{ font-size: 0; }}{skip}::after {{ content: "跳到主要内容"; font-size: 0.875rem; }}' in css
    )
