"""Service KPI Portal: everything that is not a page (database, KPIs, imports, auth, i18n, charts)."""
