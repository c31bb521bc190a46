"""5S checklists (templates) as values: sections and items of one version, loaded from the database.

A template version is never changed once an inspection uses it; an edit makes a new version
(``portal.writes.add_fives_template_version``). Streamlit-free and pure apart from ``load*``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace

from portal import vocab
from portal.fives_intake import words
from portal.i18n import Both


@dataclass(frozen=True)
class SectionSpec:
    code: str
    position: int
    name_en: str
    name_zh: str
    weight: float = 1.0

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class ItemSpec:
    code: str
    section: str
    position: int
    text_en: str
    text_zh: str
    weight: float = 1.0
    max_score: int = 4
    is_red_line: bool = False

    def text(self, lang: str) -> str:
        return self.text_zh if lang == "zh" else self.text_en


@dataclass(frozen=True)
class TemplateSpec:
    code: str
    version: int
    name_en: str
    name_zh: str
    sections: tuple[SectionSpec, ...]
    items: tuple[ItemSpec, ...]
    template_id: int | None = None
    is_default: bool = False
    # another company's point scale (e.g. 0/1/2/4): the scores its items allow; None: every whole number 0..max.
    # fives_templates.allowed_scores comes with migration 006 (5S results side), read when present.
    allowed_scores: tuple[int, ...] | None = None
    _by_code: dict = field(default_factory=dict, compare=False, repr=False, init=False)

    @property
    def label(self) -> str:
        """How a sheet names the version: ``FIVES_RETAIL v1``."""
        return f"{self.code} v{self.version}"

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def shown_name(self, lang: str) -> str:
        """The template's name in ``lang``, else in the other language, else its code (a name may be empty)."""
        return next(
            (n.strip() for n in (self.name(lang), self.name_en, self.name_zh) if n and n.strip()), self.code
        )

    def item(self, code: str) -> ItemSpec | None:
        if not self._by_code:
            self._by_code.update({i.code.upper(): i for i in self.items})
        return self._by_code.get(str(code).strip().upper())

    def item_by_text(self, text: str, section: str | None = None) -> ItemSpec | None:
        """The item a sheet names by its text, English or Chinese (in ``section`` when it has one there), case,
        width and punctuation aside, else the one closest to it (a typo); a cell in both languages (价签与商品一致
        Price tags match the goods, one / the other, one a line) by either language's part, when no part names
        another item; None when none is close."""
        found = self._item_by_one_text(text, section)
        if found is not None:
            return found
        hits = {self._item_by_one_text(part, section) for part in _language_parts(text)} - {None}
        return hits.pop() if len(hits) == 1 else None

    def _item_by_one_text(self, text: str, section: str | None) -> ItemSpec | None:
        target = words.norm(text)
        if not target:
            return None
        pool = [i for i in self.items if section is None or i.section == section] or list(self.items)
        for item in pool:
            if target in (words.norm(item.text_en), words.norm(item.text_zh)):
                return item
        by_text = {words.norm(i.text_en): i for i in pool} | {words.norm(i.text_zh): i for i in pool}
        close = difflib.get_close_matches(target, list(by_text), n=1, cutoff=0.85)
        return by_text[close[0]] if close else None

    def scores_for(self, item: ItemSpec) -> tuple[int, ...]:
        """The scores an item may get (N/A apart): the template's allowed scale up to the item's maximum."""
        if self.allowed_scores:
            return tuple(sorted(v for v in self.allowed_scores if 0 <= v <= item.max_score))
        return tuple(range(item.max_score + 1))

    def section(self, code: str) -> SectionSpec | None:
        return next((s for s in self.sections if s.code == code), None)

    def items_of(self, section: str) -> tuple[ItemSpec, ...]:
        return tuple(sorted((i for i in self.items if i.section == section), key=lambda i: i.position))

    def ordered_items(self) -> tuple[ItemSpec, ...]:
        return tuple(
            i for s in sorted(self.sections, key=lambda s: s.position) for i in self.items_of(s.code)
        )


_CJK = r"\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"  # Chinese characters and punctuation, full-width forms


def _language_parts(text: str) -> list[str]:
    """The Chinese and the Latin part of a cell written in both languages: its text without Latin words, and
    without Chinese characters and punctuation; [] for a cell in one language."""
    text = str(text or "")
    if not re.search(f"[{_CJK}]", text) or not re.search(r"[A-Za-z]{2}", text):
        return []
    return [re.sub(r"[A-Za-z][A-Za-z'’\- ]*[A-Za-z]", " ", text), re.sub(f"[{_CJK}]+", " ", text)]


_LABEL_RE = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*(?:v(?:ersion)?\.?\s*(\d+))?\s*$", re.IGNORECASE)


def parse_label(text: str) -> tuple[str, int | None] | None:
    """``FIVES_RETAIL v2`` -> ("FIVES_RETAIL", 2); ``FIVES_RETAIL`` -> ("FIVES_RETAIL", None)."""
    m = _LABEL_RE.match(str(text or ""))
    if not m:
        return None
    return m.group(1).upper(), int(m.group(2)) if m.group(2) else None


def check(template: TemplateSpec) -> list[tuple[str, dict]]:
    """What is wrong with a template before it is saved: (i18n key, values) per problem, empty when fine."""
    problems: list[tuple[str, dict]] = []
    codes = [s.code for s in template.sections]
    if tuple(codes) != vocab.FIVES_SECTIONS:
        problems.append(("fives_intake.tpl.err.sections", {}))
    seen: set[str] = set()
    for item in template.items:
        where = {"item": item.code or "?"}
        if not re.fullmatch(r"[A-Z][A-Z0-9_]{0,15}", item.code or ""):
            problems.append(("fives_intake.tpl.err.code", where))
        elif item.code in seen:
            problems.append(("fives_intake.tpl.err.duplicate", where))
        seen.add(item.code)
        if not item.text_en.strip() or not item.text_zh.strip():
            problems.append(("fives_intake.tpl.err.text", where))
        if not 1 <= item.max_score <= 10:
            problems.append(("fives_intake.tpl.err.max", where))
        if not item.weight > 0:
            problems.append(("fives_intake.tpl.err.weight", where))
        if item.section not in codes:
            problems.append(("fives_intake.tpl.err.section_of", {**where, "section": item.section or "—"}))
    for s in template.sections:
        # a section by its name in the reader's language, with its code ("Sort (sort)", 整理(sort))
        named = {"section": Both(f"{s.name_en} ({s.code})", f"{s.name_zh}（{s.code}）")}
        if not s.weight > 0:
            problems.append(("fives_intake.tpl.err.section_weight", named))
        if not template.items_of(s.code):
            problems.append(("fives_intake.tpl.err.empty_section", named))
    return problems


# ---------------------------------------------------------------- loading


def _load(cur, row: dict) -> TemplateSpec:
    template_id = row["template_id"]
    sections = tuple(
        SectionSpec(*r)
        for r in cur.execute(
            "select section_code, position, name_en, name_zh, weight from fives_sections "
            "where template_id = ? order by position",
            [template_id],
        ).fetchall()
    )
    item_frame = cur.execute("select * from fives_items where template_id = ?", [template_id]).df()
    items = tuple(
        ItemSpec(
            code=r["item_code"],
            section=r["section_code"],
            position=int(r["position"]),
            text_en=r["text_en"],
            text_zh=r["text_zh"],
            weight=float(r["weight"]),
            max_score=int(r["max_score"]),
            # fives_items.is_red_line comes with migration 006 (5S results); absent before it
            is_red_line=bool(r.get("is_red_line", False) or False),
        )
        for r in item_frame.sort_values(["section_code", "position"]).to_dict("records")
    )
    allowed = row.get("allowed_scores")
    return TemplateSpec(
        row["template_code"],
        int(row["version"]),
        row["name_en"],
        row["name_zh"],
        sections,
        items,
        int(template_id),
        bool(row["is_default"]),
        tuple(int(v) for v in allowed) if allowed else None,
    )


def _rows(con_or_cur, template_id: int | None = None) -> list[dict]:
    cur = con_or_cur.execute(
        "select * from fives_templates where $id is null or template_id = $id order by template_code, version",
        {"id": template_id},
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def load(con, template_id: int) -> TemplateSpec | None:
    cur = con.cursor()
    try:
        rows = _rows(cur, int(template_id))
        return _load(cur, rows[0]) if rows else None
    finally:
        cur.close()


def load_all(con_or_cur) -> dict[tuple[str, int], TemplateSpec]:
    """Every version of every template, keyed (code, version); on a connection or inside a transaction's cursor."""
    return {(r["template_code"], int(r["version"])): _load(con_or_cur, r) for r in _rows(con_or_cur)}


def latest(templates: dict[tuple[str, int], TemplateSpec], code: str) -> TemplateSpec | None:
    versions = [t for (c, _), t in templates.items() if c == code]
    return max(versions, key=lambda t: t.version) if versions else None


def default_template(templates: dict[tuple[str, int], TemplateSpec]) -> TemplateSpec | None:
    """The newest version of the default template (the one new inspections use)."""
    defaults = {t.code for t in templates.values() if t.is_default}
    code = min(defaults) if defaults else (min(c for c, _ in templates) if templates else None)
    return latest(templates, code) if code else None


def new_version(base: TemplateSpec, sections, items) -> TemplateSpec:
    """``base`` with new sections and items, as the next version (id unknown until saved)."""
    return replace(
        base, version=base.version + 1, sections=tuple(sections), items=tuple(items), template_id=None
    )
