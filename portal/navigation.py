"""Which pages exist, where they sit in the menu, and which roles may open them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ROLES = ("admin", "manager", "team_lead", "inspector", "agent")
ALL_ROLES = frozenset(ROLES)


@dataclass(frozen=True)
class PageSpec:
    key: str            # also the url path and the widget-key prefix
    path: str           # file under pages/
    title_key: str      # i18n key
    icon: str
    section: str        # i18n key of the menu section
    roles: frozenset[str]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("data_status", "pages/data_status.py", "page.data_status", ":material/database:",
             "nav.section.overview", frozenset({"admin", "manager", "team_lead", "inspector"})),
)


def page(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)


def allowed(spec: PageSpec, roles: Iterable[str]) -> bool:
    return bool(spec.roles & set(roles))


def pages_for(roles: Iterable[str]) -> list[PageSpec]:
    roles = set(roles)
    return [p for p in PAGES if allowed(p, roles)]
