"""A file that Streamlit's uploader refuses in the browser, before the portal sees it (a type the uploader does not
take, such as an iPad's HEIC photo; a file over its size), is marked by a red chip whose reason is an English
tooltip ("files are not allowed.", "File must be 8.0MB or smaller."): on a tablet, without a hover, no reason at
all, and on a Chinese page an English one. This script (``script``: drawn on every page by ``ui_dash``) writes the
reason under the uploader in the portal's words and the page's language, the file named, and puts the same words in
the tooltip. Attributes only, shown by CSS: the nodes stay React's, untouched.

The same script gives the uploaders' screen-reader labels the page's language: Streamlit's own are English ("file
upload" on the file input, "Upload" on the drop zone's button, "Add files", "Remove <file>" on each file's button)
whatever the page's language (a screen reader on a Chinese page read them in English)."""

from __future__ import annotations

import json

from portal.i18n import t

KEYS = ("heic", "type", "too_large", "one_file", "failed", "aria_input", "aria_add", "aria_remove")

_JS = """<script>
(() => {
  window.__portalRefusalWords = %s;
  // one watcher of the page for every script of ui_dash's element (ui_dash._WATCH_JS): apply runs once a frame
  const watch = (window.__portalWatch = window.__portalWatch || {});
  if (!watch.refusals) {
    const style = document.createElement("style");
    style.textContent = `
      [data-testid="stFileUploader"][data-portal-refusals]::after {
        content: attr(data-portal-refusals); display: block; white-space: pre-line;
        color: #cf222e; font-size: 0.875rem; margin-top: 0.25rem; }
      [data-portal-refusal] { font-size: 0 !important; }
      [data-portal-refusal]::after { content: attr(data-portal-refusal); font-size: 0.875rem; }`;
    document.head.appendChild(style);
    // Streamlit's English reason -> the portal's words (the file's name, the types the uploader takes)
    const words = (message, name, input) => {
      const w = window.__portalRefusalWords;
      const fill = (text, values) => text.replace(/\\{(\\w+)\\}/g, (m, k) => (k in values ? values[k] : m));
      const types = [...new Set(((input && input.getAttribute("accept")) || "").split(",")
        .map((a) => a.trim()).filter((a) => a.startsWith(".")).map((a) => a.slice(1).toUpperCase()))].join(w.sep);
      const big = message.match(/^File must be ([0-9.]+)\\s*([KMG]?B) or smaller\\.$/);
      if (/files are not allowed\\.$/.test(message)) {
        return fill(/\\.(heic|heif)$/i.test(name) ? w.heic : w.type, {name, types});
      }
      if (big) return fill(w.too_large, {name, limit: `${parseFloat(big[1])} ${big[2]}`});
      if (message === "Only one file is allowed.") return fill(w.one_file, {name});
      return fill(w.failed, {name});
    };
    // the screen-reader labels of every uploader in the page's words (the text shown is CSS's: ui_dash.uploader_words)
    watch.uploaderLabels = () => {
      const boxes = document.querySelectorAll('[data-testid="stFileUploader"]');
      if (!boxes.length) return;
      const w = window.__portalRefusalWords;
      const label = (el, text) => { if (el && el.getAttribute("aria-label") !== text) el.setAttribute("aria-label", text); };
      for (const box of boxes) {
        label(box.querySelector('[data-testid="stFileUploaderDropzoneInput"]'), w.aria_input);
        label(box.querySelector('[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"]'), w.browse);
        label(box.querySelector('[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-borderlessIcon"]'), w.aria_add);
        for (const chip of box.querySelectorAll('[data-testid="stFileChip"]')) {
          const nameEl = chip.querySelector('[data-testid="stFileChipName"]');
          const name = nameEl ? nameEl.textContent.trim() : "";
          label(chip.querySelector('[data-testid="stFileChipDeleteBtn"] button'), w.aria_remove.replace("{name}", () => name));
        }
      }
    };
    const chips = '[data-testid="stFileChip"][aria-invalid="true"]';
    watch.refusals = () => {
      // nothing refused and nothing written: no scan of the uploaders (most changes of most pages)
      if (!document.querySelector(`${chips}, [data-portal-refusals]`)) return;
      for (const box of document.querySelectorAll('[data-testid="stFileUploader"]')) {
        const input = box.querySelector('input[type="file"]');
        const lines = [];
        for (const chip of box.querySelectorAll(chips)) {
          const nameEl = chip.querySelector('[data-testid="stFileChipName"]');
          const alert = chip.querySelector('[role="alert"]');
          const name = nameEl ? nameEl.textContent.trim() : "";
          const message = alert ? alert.textContent.replace(/^\\s*Error:\\s*/, "").trim() : "";
          const line = words(message, name, input);
          lines.push(line);
          // the chip's own tooltip (a hover, where there is one; while it is open, its id is the aria-describedby
          // of the hover target around the chip): the same words, this chip's (two HEIC photos have the same
          // English reason, not the same name)
          const target = chip.closest('[data-testid="stTooltipErrorHoverTarget"][aria-describedby]');
          const tip = target && document.getElementById(target.getAttribute("aria-describedby"));
          const content = tip && (tip.querySelector('[data-testid="stTooltipErrorContent"]') || tip);
          if (content && content.getAttribute("data-portal-refusal") !== line) {
            content.setAttribute("data-portal-refusal", line);
          }
        }
        const text = lines.join("\\n");
        if (!text) { if (box.hasAttribute("data-portal-refusals")) box.removeAttribute("data-portal-refusals"); }
        else if (box.getAttribute("data-portal-refusals") !== text) box.setAttribute("data-portal-refusals", text);
      }
    };
  }
  watch.refusals();  // a second draw (a language switch): the reasons already written take its words now
  watch.uploaderLabels();
})();
</script>"""


def script(lang: str) -> str:
    """The watcher of the uploaders' refusals, with the words of ``lang``."""
    words = {k: t(f"chrome.upload.{k}", lang) for k in KEYS}
    words["sep"] = t("text.list_separator", lang)  # between the file types: "JPG, PNG" / "JPG、PNG"
    words["browse"] = t(
        "ingest.dropzone.button", lang
    )  # the drop zone's button, as ui_dash.uploader_words shows it
    return _JS % json.dumps(words, ensure_ascii=False)
