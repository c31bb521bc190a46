"""What bench.browser checks inside the page about a page switch's click: drawn, or dropped (issue 14)."""

DRAWN = """([title, charts]) => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    const h1 = [...document.querySelectorAll("h1")].some(h => h.textContent.trim().startsWith(title));
    if (!h1) return false;
    const plots = [...document.querySelectorAll(".js-plotly-plot")];
    // a page without charts (the overview: tiles with text sparklines) is drawn once its tiles are there
    if (!charts) return document.querySelectorAll("[data-testid='stMetric']").length > 0
        && plots.every(p => p.querySelector(".main-svg"));
    if (plots.length === 0) return false;
    return plots.every(p => p.querySelector(".main-svg"));
}"""
WHERE = """() => ({path: location.pathname,
    headings: [...document.querySelectorAll("h1")].map(h => h.textContent.trim()).join(" | ")})"""
# a page switch's click: "drawn", or dropped: a run started after it (``runs``: window.__portalRuns at the click)
# ended (quiet for ``quiet`` ms) with the old page's address and headings (Streamlit ran the old page instead:
# issue 14), or nothing ran within ``patience`` ms
CLICKED = f"""([title, charts, before, since, quiet, patience, runs]) => {{
    if (({DRAWN})([title, charts])) return "drawn";
    const app = document.querySelector("[data-testid='stApp']"), changed = window.__portalStateChangedAt || 0;
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    const now = ({WHERE})();
    if (now.path !== before.path || now.headings !== before.headings) return false;
    // a run that started after the click ended: one under way at the click (the cookie's report) does not count
    const ran = (window.__portalRuns || 0) > runs && changed > since;
    const waited = performance.now() - Math.max(since, changed);
    if (ran && waited > quiet) return "dropped: a run ended on the old page";
    return !ran && waited > patience ? "dropped: no run" : false;
}}"""
