"""Which pages exist, where they sit in the menu, and which roles may open them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ROLES = ("admin", "manager", "team_lead", "inspector", "agent")
ALL_ROLES = frozenset(ROLES)


@dataclass(frozen=True)
class PageSpec:
    key: str  # also the url path and the widget-key prefix
    path: str  # file under pages/
    title_key: str  # i18n key
    icon: str
    section: str  # i18n key of the menu section
    roles: frozenset[str]
    # the filter dimensions the page offers (portal.filters.DIMENSIONS), in sidebar order; () = no filter
    dimensions: tuple[str, ...] = ()


PAGES: tuple[PageSpec, ...] = (
    PageSpec(  # the landing page of admin, manager and team lead (first in the menu)
        "overview",
        "pages/overview.py",
        "page.overview",
        ":material/dashboard:",
        "nav.section.overview",
        frozenset({"admin", "manager", "team_lead"}),
    ),
    PageSpec(
        "store",
        "pages/store.py",
        "page.store",
        ":material/storefront:",
        "nav.section.overview",
        frozenset({"admin", "manager", "team_lead"}),
    ),
    PageSpec(
        "data_status",
        "pages/data_status.py",
        "page.data_status",
        ":material/database:",
        "nav.section.overview",
        frozenset({"admin", "manager", "team_lead", "inspector"}),
    ),
    PageSpec(
        "users", "pages/users.py", "page.users", ":material/group:", "nav.section.admin", frozenset({"admin"})
    ),
    PageSpec(
        "audit_log",
        "pages/audit_log.py",
        "page.audit_log",
        ":material/history:",
        "nav.section.admin",
        frozenset({"admin"}),
    ),
    PageSpec(  # issue 9: the reporting zone and each store's zone
        "settings",
        "pages/settings.py",
        "page.settings",
        ":material/settings:",
        "nav.section.admin",
        frozenset({"admin"}),
    ),
    PageSpec(
        "account", "pages/account.py", "page.account", ":material/person:", "nav.section.account", ALL_ROLES
    ),
    PageSpec(
        "complaints",
        "pages/complaints.py",
        "page.complaints",
        ":material/support_agent:",
        "nav.section.dashboards",
        frozenset({"admin", "manager", "team_lead"}),
        ("region", "store", "channel", "category", "severity"),
    ),
    PageSpec(
        "complaint_list",
        "pages/complaint_list.py",
        "page.complaint_list",
        ":material/list_alt:",
        "nav.section.dashboards",
        frozenset({"admin", "manager", "team_lead"}),
        ("region", "store", "channel", "category", "severity"),
    ),
    PageSpec(
        "satisfaction",
        "pages/satisfaction.py",
        "page.satisfaction",
        ":material/sentiment_satisfied:",
        "nav.section.dashboards",
        frozenset({"admin", "manager", "team_lead"}),
        ("region", "store", "survey_channel"),
    ),
    PageSpec(
        "fives",
        "pages/fives.py",
        "page.fives",
        ":material/checklist:",
        "nav.section.dashboards",
        frozenset({"admin", "manager", "inspector"}),
        ("region", "store"),
    ),
    PageSpec(
        "fives_actions",
        "pages/fives_actions.py",
        "page.fives_actions",
        ":material/task_alt:",
        "nav.section.fives",
        frozenset({"admin", "manager", "inspector"}),
        ("region", "store"),
    ),
    PageSpec(
        "scorecards",
        "pages/scorecards.py",
        "page.scorecards",
        ":material/leaderboard:",
        "nav.section.dashboards",
        frozenset({"admin", "manager", "team_lead"}),
    ),
    PageSpec(
        "my_scorecard",
        "pages/my_scorecard.py",
        "page.my_scorecard",
        ":material/badge:",
        "nav.section.dashboards",
        frozenset({"agent"}),
    ),
    PageSpec(
        "scorecard_weights",
        "pages/scorecard_weights.py",
        "page.scorecard_weights",
        ":material/tune:",
        "nav.section.admin",
        frozenset({"admin"}),
    ),
    PageSpec(
        "instruments",
        "pages/instruments.py",
        "page.instruments",
        ":material/quiz:",
        "nav.section.admin",
        frozenset({"admin"}),
    ),
    PageSpec(
        "qa_reviews",
        "pages/qa_reviews.py",
        "page.qa_reviews",
        ":material/rate_review:",
        "nav.section.dashboards",
        frozenset({"admin", "manager", "team_lead"}),
    ),
    PageSpec(
        "my_reviews",
        "pages/my_reviews.py",
        "page.my_reviews",
        ":material/rate_review:",
        "nav.section.dashboards",
        frozenset({"agent"}),
    ),
    PageSpec(
        "upload",
        "pages/upload.py",
        "page.upload",
        ":material/upload_file:",
        "nav.section.data",
        frozenset({"admin", "manager", "team_lead", "inspector"}),
    ),
    PageSpec(
        "import_history",
        "pages/import_history.py",
        "page.import_history",
        ":material/history_edu:",
        "nav.section.data",
        frozenset({"admin", "manager", "team_lead", "inspector"}),
    ),
    # 5S intake (issue 11): the tablet form and the checklist editor
    PageSpec(
        "fives_inspect",
        "pages/fives_inspect.py",
        "page.fives_inspect",
        ":material/checklist:",
        "nav.section.data",
        frozenset({"admin", "manager", "inspector"}),
    ),
    PageSpec(
        "fives_templates",
        "pages/fives_templates.py",
        "page.fives_templates",
        ":material/fact_check:",
        "nav.section.admin",
        frozenset({"admin"}),
    ),
)


def page(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)


def allowed(spec: PageSpec, roles: Iterable[str]) -> bool:
    return bool(spec.roles & set(roles))


# What a role sees of each area outside the area's own pages (the overview, the store view, the weekly brief, the
# data status): exactly what it may open in full (SPEC 1: a team lead sees the complaint and satisfaction
# dashboards and their team's scorecards, not 5S; an inspector 5S only). The overview's areas
# (portal/overview/sources_*.py) by the page that shows each in full:
AREA_PAGES = {"complaints": "complaints", "sat": "satisfaction", "fives": "fives", "scorecard": "scorecards"}
# the data status's kinds of data (queries/data_status.sql) by the pages that show them (any one suffices);
# stores (the master data every page names) are every user's; agents only of a role with a page naming them (an
# inspector's scope holds no agent: its row said "0", a helper's probe, session 54)
DATA_KIND_PAGES = {
    "agents": ("complaints", "complaint_list", "qa_reviews", "my_reviews", "scorecards", "my_scorecard"),
    "complaints": ("complaints", "complaint_list"),
    "survey_responses": ("satisfaction",),
    "servqual_responses": ("satisfaction",),
    "qa_reviews": ("qa_reviews", "my_reviews", "scorecards"),
    "inspections": ("fives",),
    "corrective_actions": ("fives", "fives_actions"),
}
# every kind of data, in the data status's order: what an admin (and the command line) sees
DATA_KINDS = ("stores", *DATA_KIND_PAGES)


def visible_areas(roles: Iterable[str]) -> tuple[str, ...]:
    """The overview areas ``roles`` may see (their full page is one the roles may open), in AREA_PAGES order."""
    roles = set(roles)
    return tuple(area for area, key in AREA_PAGES.items() if allowed(page(key), roles))


def visible_data_kinds(roles: Iterable[str]) -> list[str]:
    """The data status's kinds of data ``roles`` may see (the ``$kinds`` of queries/data_status.sql)."""
    roles = set(roles)
    return [
        kind
        for kind in DATA_KINDS
        if kind not in DATA_KIND_PAGES or any(allowed(page(k), roles) for k in DATA_KIND_PAGES[kind])
    ]


SECTION_ORDER = (
    "nav.section.overview",
    "nav.section.dashboards",
    "nav.section.fives",
    "nav.section.data",
    "nav.section.admin",
    "nav.section.account",
)


def pages_for(roles: Iterable[str]) -> list[PageSpec]:
    """The pages a user may open, in menu order (by section, then as registered)."""
    roles = set(roles)
    mine = [p for p in PAGES if allowed(p, roles)]
    return sorted(mine, key=lambda p: SECTION_ORDER.index(p.section) if p.section in SECTION_ORDER else 99)


# The page each role lands on, most useful first (issue 10: Monday fit); the first that exists and that the
# user may open wins. "overview" and the 5S / scorecard pages are built on other branches: listed here so
# that they become the landing page as soon as they are registered.
LANDING = {
    "admin": ("overview", "complaints"),
    "manager": ("overview", "complaints"),
    "team_lead": ("overview", "complaints"),
    "inspector": ("fives", "fives_inspections", "upload"),
    "agent": ("my_scorecard", "scorecard", "scorecards", "account"),
}


def landing_page(roles: Iterable[str], pages: Iterable[PageSpec] | None = None) -> str | None:
    """The key of the page a user with these roles opens on (None: the first of their menu)."""
    roles = [r for r in ROLES if r in set(roles)]  # the most senior role first
    mine = {p.key for p in (pages if pages is not None else pages_for(roles))}
    for role in roles:
        for key in LANDING.get(role, ()):
            if key in mine:
                return key
    return None
