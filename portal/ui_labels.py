"""Streamlit's own English names on its chrome, in the page's language: Streamlit 1.67 has no setting for them (its
strings are in its bundle; streamlit/streamlit#1353, #10380). This script (``script``: drawn on every page by
``ui_dash.connection_words``, in one element with the other watchers) renames, on every change of the page:

- the screen-reader names (``aria-label``) of the skip link a keyboard's first Tab shows ("Skip to main content":
  CSS shows the portal's words, ``ui_dash.chrome_words``, but a screen reader read the English and the Chinese
  together), the password field's reveal button ("Show password" / "Hide password") and the buttons of a table's
  toolbar ("Show/hide columns", "Search", "Download as CSV", "Fullscreen", "Close fullscreen");
- the toolbar's tooltips, which Streamlit writes as text: marked with the portal's words, which CSS shows instead.

Attributes only (the nodes stay React's); each element keeps its English in ``data-portal-en`` and the name given in
``data-portal-name``, so a switch back to English gives the English back. What stays English: the items of a
table's column menu (a heading's ⋮: "Sort ascending", "Statistics", "Format", "Autosize", "Pin column", "Hide
column"), and any name a later Streamlit adds."""

from __future__ import annotations

import json

from portal.i18n import t

# Streamlit's English name -> the portal's key
NAMES = {
    "Skip to main content": "chrome.skip_to_content",
    "Show password": "chrome.show_password",
    "Hide password": "chrome.hide_password",
    "Show/hide columns": "chrome.toolbar_columns",
    "Search": "chrome.toolbar_search",
    "Download as CSV": "chrome.toolbar_download",
    "Fullscreen": "chrome.fullscreen",
    "Close fullscreen": "chrome.close_fullscreen",
}

_JS = """<script>
(() => {
  window.__portalLabelWords = %s;
  const watch = (window.__portalWatch = window.__portalWatch || {});
  if (!watch.labels) {
    const style = document.createElement("style");
    style.textContent = `
      [data-portal-tip] { font-size: 0 !important; }
      [data-portal-tip]::after { content: attr(data-portal-tip); font-size: 0.875rem; }`;
    document.head.appendChild(style);
    const named = '[data-testid="stSkipToContent"], [data-testid="stTextInputRootElement"] button[aria-label],'
      + ' [data-testid="stBaseButton-elementToolbar"][aria-label]';
    watch.labels = () => {
      const words = window.__portalLabelWords;
      for (const el of document.querySelectorAll(named)) {
        const now = el.getAttribute("aria-label") || el.textContent.trim();
        // a name other than the one given here is React's English (the reveal button's after a click)
        const ours = el.hasAttribute("data-portal-name") && now === el.getAttribute("data-portal-name");
        const english = ours ? el.getAttribute("data-portal-en") : now;
        const name = words[english] || english;
        if (el.getAttribute("data-portal-en") !== english) el.setAttribute("data-portal-en", english);
        if (el.getAttribute("data-portal-name") !== name) el.setAttribute("data-portal-name", name);
        if (el.getAttribute("aria-label") !== name) el.setAttribute("aria-label", name);
      }
      for (const p of document.querySelectorAll('[data-testid="stTooltipContent"] p')) {
        const tip = words[p.textContent.trim()];
        if (tip && p.getAttribute("data-portal-tip") !== tip) p.setAttribute("data-portal-tip", tip);
        else if (!tip && p.hasAttribute("data-portal-tip")) p.removeAttribute("data-portal-tip");
      }
    };
  }
  watch.labels();  // a second draw (a language switch): the names already given take its words now
})();
</script>"""


def script(lang: str) -> str:
    """The renaming script with the words of ``lang`` (none in English: every name back to Streamlit's own)."""
    words = {} if lang == "en" else {english: t(key, lang) for english, key in NAMES.items()}
    return _JS % json.dumps(words, ensure_ascii=False)
