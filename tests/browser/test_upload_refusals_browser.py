"""A file that Streamlit's uploader refuses in the browser (before the portal sees it) on a tablet, in Chromium at
768x1024 with touch: its reason is written under the uploader in the page's language, the file named
(portal/ui_refusals.py). Before, the chip turned red and its reason was an English tooltip ("files are not
allowed.", "File must be 8.0MB or smaller."): on a tablet no reason at all, on a Chinese page an English one.

The 5S form's photo (an iPad's HEIC photo, a text file, a photo over the 8 MB limit) and the upload page's file
(a text file, for the 5S sheet), in English and Chinese. Two HEIC photos (the same English reason): each chip's
tooltip names its own file (before, both the last one's). The file types are listed with the page's separator
("、" in Chinese; before, ", "). A second draw of the script (a language switch) rewrites the reasons already
written at once (before, only at the page's next change). One page-wide watcher for the portal's scripts (before,
two on every page: the connection dialog's and this one's)."""

from __future__ import annotations

import pytest

from portal import ui_refusals
from tests.browser.conftest import _WATCH_SCRIPT_STATE, signed_in, wait_idle

# page-wide watchers (a MutationObserver of the whole body) that the page's scripts start
_COUNT_BODY_WATCHERS = """
(() => {
  window.__portalBodyWatchers = 0;
  const observe = MutationObserver.prototype.observe;
  MutationObserver.prototype.observe = function (target, options) {
    if (target === document.body && options && options.subtree) window.__portalBodyWatchers += 1;
    return observe.call(this, target, options);
  };
})();
"""

HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(2000)  # an HEIC file's first box

WORDS = {
    "en": {
        "start": "Start the inspection",
        "discard": ("Discard this draft", "Discard the draft and start again"),
        "heic": "IMG_0001.HEIC: HEIC photos (the iPhone and iPad camera's own format) cannot be read here.",
        "photo_type": "notes.txt: this kind of file cannot be uploaded here (it takes JPG, JPEG, PNG, WEBP).",
        "too_large": "shelf.jpg is over the 8 MB this upload takes.",
        "sheet_type": "notes.pdf: this kind of file cannot be uploaded here (it takes CSV, TXT, TSV, XLSX, XLSM, XLS).",
    },
    "zh": {
        "start": "开始检查",
        "discard": ("放弃此草稿", "放弃草稿并重新开始"),
        "heic": "IMG_0001.HEIC：无法读取 HEIC 照片(iPhone、iPad 相机自带的格式)。",
        "photo_type": "notes.txt：此处不能上传这类文件(可上传 JPG、JPEG、PNG、WEBP)。",
        "too_large": "shelf.jpg 超过此处 8 MB 的上限。",
        "sheet_type": "notes.pdf：此处不能上传这类文件(可上传 CSV、TXT、TSV、XLSX、XLSM、XLS)。",
    },
}


def shown_reason(page, uploader) -> str:
    """What is written under the uploader: its ``::after`` content (CSS of the portal's words)."""
    content = uploader.evaluate("(el) => getComputedStyle(el, '::after').content")
    return "" if content in ("none", "normal") else content.strip('"').replace('\\"', '"')


def refused(page, uploader, name: str, data: bytes, mime: str) -> str:
    uploader.locator("input[type='file']").set_input_files({"name": name, "mimeType": mime, "buffer": data})
    page.wait_for_function(
        "(el) => getComputedStyle(el, '::after').content.length > 6", arg=uploader.element_handle()
    )
    return shown_reason(page, uploader)


def discard_draft(page, words) -> None:
    wait_idle(page)
    if page.get_by_text(words["discard"][0]).count():
        page.get_by_text(words["discard"][0]).click()
        page.get_by_role("button", name=words["discard"][1]).click()
        wait_idle(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_the_uploader_refuses_says_why_in_the_pages_language(browser, portal_server, lang):
    words = WORDS[lang]
    context = browser.new_context(viewport={"width": 768, "height": 1024}, locale="en-US", has_touch=True)
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    context.add_init_script(_COUNT_BODY_WATCHERS)
    page = context.new_page()
    try:
        signed_in(page, portal_server, "inspector", f"/fives_inspect?lang={lang}")
        discard_draft(page, words)  # one an earlier run left
        page.get_by_role("button", name=words["start"]).click()
        wait_idle(page)
        photos = page.locator("[data-testid='stFileUploader']")
        for k, (name, data, mime, expected) in enumerate(
            (
                ("IMG_0001.HEIC", HEIC, "", words["heic"]),
                ("notes.txt", b"hello", "text/plain", words["photo_type"]),
                ("shelf.jpg", bytes(9 * 1024 * 1024), "image/jpeg", words["too_large"]),
            )
        ):
            shown = refused(page, photos.nth(k), name, data, mime)
            assert shown.startswith(expected), shown
            assert "allowed" not in shown and "smaller" not in shown, shown
            if lang == "zh":
                assert "photos" not in shown, shown
        # a second HEIC photo beside the first: the first chip's tooltip still names the first photo
        photos.nth(0).locator("input[type='file']").set_input_files(
            {"name": "IMG_0002.HEIC", "mimeType": "", "buffer": HEIC}
        )
        page.wait_for_function(
            "(el) => getComputedStyle(el, '::after').content.includes('IMG_0002')",
            arg=photos.nth(0).element_handle(),
        )
        assert words["heic"] in shown_reason(page, photos.nth(0))
        first = photos.nth(0).locator("[data-testid='stFileChip']", has_text="IMG_0001.HEIC")
        first.hover()
        tip = page.locator("[data-testid='stTooltipErrorContent']")
        tip.wait_for()
        page.wait_for_function(
            "(el) => getComputedStyle(el, '::after').content.length > 6", arg=tip.element_handle()
        )
        assert shown_reason(page, tip).startswith(words["heic"]), shown_reason(page, tip)
        # a second draw of the script in the other language (a language switch): the reason under the uploader
        # takes its words at once, no change of the page needed
        other = "en" if lang == "zh" else "zh"
        code = ui_refusals.script(other).removeprefix("<script>").removesuffix("</script>")
        page.evaluate(code)
        assert shown_reason(page, photos.nth(0)).startswith(WORDS[other]["heic"]), shown_reason(
            page, photos.nth(0)
        )
        page.evaluate(ui_refusals.script(lang).removeprefix("<script>").removesuffix("</script>"))
        assert page.evaluate("window.__portalBodyWatchers") == 1
        discard_draft(page, words)  # the form's other tests start an inspection
        # the upload page (a 5S sheet, or any other kind): the same words with its own file types
        page.goto(f"{portal_server}/upload?lang={lang}")
        upload = page.locator("[data-testid='stFileUploader']").first
        upload.wait_for()
        wait_idle(page)
        # a text file is taken here since 48bcb48 (Excel's "Unicode Text" saves): a PDF is not
        assert refused(page, upload, "notes.pdf", b"%PDF-1.4", "application/pdf") == words["sheet_type"]
    finally:
        context.close()


LABELS = {
    "en": {"input": "file upload", "browse": "Upload", "add": "Add files", "remove": "Remove a.csv"},
    "zh": {"input": "上传文件", "browse": "上传", "add": "添加文件", "remove": "移除 a.csv"},
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_uploaders_screen_reader_labels_are_in_the_pages_language(browser, portal_server, lang):
    """Streamlit's own labels of the uploader ("file upload", "Upload", "Add files", "Remove a.csv") were English on
    a Chinese page too: a screen reader read them in English (session 37's probe). The page-wide watcher sets them
    in the page's language (ui_refusals), the English ones as Streamlit has them."""
    words = LABELS[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(20_000)
    context.add_init_script(_WATCH_SCRIPT_STATE)
    page = context.new_page()

    def label(selector: str) -> str | None:
        return upload.locator(selector).first.get_attribute("aria-label")

    try:
        signed_in(page, portal_server, "inspector", f"/upload?lang={lang}")
        upload = page.locator("[data-testid='stFileUploader']").first
        upload.wait_for()
        wait_idle(page)
        zone = "[data-testid='stFileUploaderDropzone']"
        page.wait_for_function(
            "([el, text]) => el.querySelector('input[type=file]').getAttribute('aria-label') === text",
            arg=[upload.element_handle(), words["input"]],
        )
        assert label(f"{zone} [data-testid='stBaseButton-secondary']") == words["browse"]
        upload.locator("input[type='file']").set_input_files(
            {"name": "a.csv", "mimeType": "text/csv", "buffer": b"store_code,x\nS001,1\n"}
        )
        remove = "[data-testid='stFileChipDeleteBtn'] button"
        upload.locator(remove).wait_for()
        page.wait_for_function(
            "([el, sel, text]) => el.querySelector(sel).getAttribute('aria-label') === text",
            arg=[upload.element_handle(), remove, words["remove"]],
        )
        assert label(f"{zone} [data-testid='stBaseButton-borderlessIcon']") == words["add"]
        assert label("input[type='file']") == words["input"]
    finally:
        context.close()
