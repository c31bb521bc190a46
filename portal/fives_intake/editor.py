"""The checklist editor's logic (no Streamlit): a template version as editable tables and back.

Saving never changes a stored version: ``from_tables`` builds the next version from the edited tables, and
``portal.writes.add_fives_template_version`` stores it; inspections keep the version they were scored on.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from portal.fives_intake.template import ItemSpec, SectionSpec, TemplateSpec, check, new_version

ITEM_COLUMNS = ("section", "code", "text_en", "text_zh", "weight", "max_score", "red_line")
SECTION_COLUMNS = ("section", "name_en", "name_zh", "weight")


def items_table(template: TemplateSpec) -> pd.DataFrame:
    rows = [
        (i.section, i.code, i.text_en, i.text_zh, float(i.weight), int(i.max_score), bool(i.is_red_line))
        for i in template.ordered_items()
    ]
    return pd.DataFrame(rows, columns=list(ITEM_COLUMNS))


def sections_table(template: TemplateSpec) -> pd.DataFrame:
    rows = [
        (s.code, s.name_en, s.name_zh, float(s.weight))
        for s in sorted(template.sections, key=lambda s: s.position)
    ]
    return pd.DataFrame(rows, columns=list(SECTION_COLUMNS))


def _str(v) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v).strip()


def _num(v, default):
    try:
        return default if v is None or pd.isna(v) else v
    except (TypeError, ValueError):
        return default


def from_tables(
    base: TemplateSpec, name_en: str, name_zh: str, sections: pd.DataFrame, items: pd.DataFrame
) -> tuple[TemplateSpec, list[tuple[str, dict]]]:
    """The next version of ``base`` from the edited tables, and its problems (empty: it can be saved).
    Items keep the order of the table within each section; blank rows are dropped."""
    section_specs = [
        SectionSpec(
            _str(r["section"]), k + 1, _str(r["name_en"]), _str(r["name_zh"]), float(_num(r["weight"], 1.0))
        )
        for k, r in enumerate(sections.to_dict("records"))
    ]
    positions: dict[str, int] = {}
    item_specs = []
    for r in items.to_dict("records"):
        if not any(_str(r.get(c)) for c in ("code", "text_en", "text_zh")):
            continue
        section = _str(r.get("section"))
        positions[section] = positions.get(section, 0) + 1
        item_specs.append(
            ItemSpec(
                code=_str(r.get("code")).upper(),
                section=section,
                position=positions[section],
                text_en=_str(r.get("text_en")),
                text_zh=_str(r.get("text_zh")),
                weight=float(_num(r.get("weight"), 1.0)),
                max_score=int(_num(r.get("max_score"), 4)),
                is_red_line=bool(_num(r.get("red_line"), False)),
            )
        )
    draft = new_version(base, section_specs, item_specs)
    draft = replace(draft, name_en=name_en.strip() or base.name_en, name_zh=name_zh.strip() or base.name_zh)
    return draft, check(draft)


def same_content(a: TemplateSpec, b: TemplateSpec) -> bool:
    """Nothing to save: names, sections and items are the same."""
    return (a.name_en, a.name_zh, a.sections, tuple(a.ordered_items())) == (
        b.name_en,
        b.name_zh,
        b.sections,
        tuple(b.ordered_items()),
    )
