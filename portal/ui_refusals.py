"""A file that Streamlit's uploader refuses in the browser, before the portal sees it (a type the uploader does not
take, such as an iPad's HEIC photo; a file over its size), is marked by a red chip whose reason is an English
tooltip ("files are not allowed.", "File must be 8.0MB or smaller."): on a tablet, without a hover, no reason at
all, and on a Chinese page an English one. This script (``script``: drawn on every page by ``ui_dash``) writes the
reason under the uploader in the portal's words and the page's language, the file named, and puts the same words in
the tooltip. Attributes only, shown by CSS: the nodes stay React's, untouched."""

from __future__ import annotations

import json

from portal.i18n import t

KEYS = ("heic", "type", "too_large", "one_file", "failed")

_JS = """<script>
(() => {
  window.__portalRefusalWords = %s;
  if (window.__portalRefusalWatch) return;
  window.__portalRefusalWatch = true;
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
      .map((a) => a.trim()).filter((a) => a.startsWith(".")).map((a) => a.slice(1).toUpperCase()))].join(", ");
    const big = message.match(/^File must be ([0-9.]+)\\s*([KMG]?B) or smaller\\.$/);
    if (/files are not allowed\\.$/.test(message)) {
      return fill(/\\.(heic|heif)$/i.test(name) ? w.heic : w.type, {name, types});
    }
    if (big) return fill(w.too_large, {name, limit: `${parseFloat(big[1])} ${big[2]}`});
    if (message === "Only one file is allowed.") return fill(w.one_file, {name});
    return fill(w.failed, {name});
  };
  const apply = () => {
    const known = new Map();
    for (const box of document.querySelectorAll('[data-testid="stFileUploader"]')) {
      const input = box.querySelector('input[type="file"]');
      const lines = [];
      for (const chip of box.querySelectorAll('[data-testid="stFileChip"][aria-invalid="true"]')) {
        const nameEl = chip.querySelector('[data-testid="stFileChipName"]');
        const alert = chip.querySelector('[role="alert"]');
        const name = nameEl ? nameEl.textContent.trim() : "";
        const message = alert ? alert.textContent.replace(/^\\s*Error:\\s*/, "").trim() : "";
        const line = words(message, name, input);
        lines.push(line);
        known.set(message, line);
      }
      const text = lines.join("\\n");
      if (!text) { if (box.hasAttribute("data-portal-refusals")) box.removeAttribute("data-portal-refusals"); }
      else if (box.getAttribute("data-portal-refusals") !== text) box.setAttribute("data-portal-refusals", text);
    }
    // the chip's tooltip (a hover, where there is one): the same words
    for (const tip of document.querySelectorAll('[role="tooltip"], [data-testid="stTooltipErrorContent"]')) {
      const line = known.get(tip.textContent.trim());
      if (line && tip.getAttribute("data-portal-refusal") !== line) tip.setAttribute("data-portal-refusal", line);
    }
  };
  new MutationObserver(apply).observe(document.body, {childList: true, subtree: true, characterData: true});
  apply();
})();
</script>"""


def script(lang: str) -> str:
    """The watcher of the uploaders' refusals, with the words of ``lang``."""
    words = {k: t(f"chrome.upload.{k}", lang) for k in KEYS}
    return _JS % json.dumps(words, ensure_ascii=False)
