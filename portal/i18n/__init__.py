"""The one translation table: every user-visible string, in English and Simplified Chinese.

Each area keeps its strings in its own module (``core``, ``auth``, ``complaints`` ...) as
``STRINGS = {"key": ("English", "中文")}``; they are merged here into ``TABLE``. Words follow
shared GLOSSARY terms (e.g. backlog 积压/未结投诉, not permitted 无权访问).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
import string
from typing import NamedTuple

from portal.rounding import half_up

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}


def _load_table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, value in getattr(module, "STRINGS", {}).items():
            if key in table:
                raise ValueError(f"Translation key {key!r} is defined twice ({info.name})")
            table[key] = value
    return table


TABLE: dict[str, tuple[str, str]] = _load_table()


class Both(NamedTuple):
    """A value given in both languages (e.g. a field's label in a message made before the language is known):
    ``t`` fills it in the language asked; ``str()`` is the English."""

    en: str
    zh: str

    def __str__(self) -> str:
        return self.en

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def listed(items, more: bool = False) -> Both:
    """Items listed in a message: ", " between them in English, the enumeration comma "、" in Chinese (a ``Both``,
    so a message made before the language is known lists them in the language ``t`` is asked for). ``more``:
    the list is cut short (", …" / "等"). An item given as a ``Both`` is listed in each language's words."""
    items = list(items)
    en, zh = (
        t("text.list_separator", lang).join(i.text(lang) if isinstance(i, Both) else str(i) for i in items)
        for lang in ("en", "zh")
    )
    return Both(en + (", …" if more else ""), zh + ("等" if more else ""))


def inside_sentence(label: str, lang: str) -> str:
    """A field's label where an English sentence goes on around it: its capital dropped ("Unknown store code",
    not "Unknown Store code"), unless it opens an acronym ("QA review id", "SLA"). Chinese has no capitals."""
    if lang == "zh" or not label[1:2].islower():
        return label
    return label[:1].lower() + label[1:]


# a sentence ends with one of these (either language's), perhaps before a closing quote or bracket
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)）]*$")


def sentences(parts, lang: str) -> str:
    """Sentences one after another: each that another follows is ended first where it is not ("." in English,
    "。" in Chinese; never twice), then a space between them in English, none in Chinese. Empty parts are left
    out."""
    parts = [p.strip() for p in parts if p and p.strip()]
    stop = "。" if lang == "zh" else "."
    ended = [p if _SENTENCE_END.search(p) else p + stop for p in parts[:-1]]
    return ("" if lang == "zh" else " ").join(ended + parts[-1:])


class _Formatter(string.Formatter):
    """``str.format`` plus a count's word form: ``{n:plural:item|items}`` gives "item" when n is 1, else "items"
    (the forms may hold fields: ``{n:plural:One item is|{n:,} items are}``). English needs it; Chinese has no
    plural and writes the count alone. A float shown with fixed decimals (``{v:,.1f}``) is rounded by the portal's
    one rule, half up (portal/rounding.py), not Python's half to even."""

    def format_field(self, value, format_spec):
        if format_spec.startswith("plural:"):
            one, _, many = format_spec[len("plural:") :].partition("|")
            return one if value == 1 else many
        fixed_point = _FIXED_SPEC.match(format_spec) if isinstance(value, float) else None
        if fixed_point is not None:
            value = half_up(value, int(fixed_point["digits"]))
        return super().format_field(value, format_spec)


_FIXED_SPEC = re.compile(r"[^.]*\.(?P<digits>\d+)f$")


_FORMATTER = _Formatter()


@functools.lru_cache(maxsize=512)
def _colon_after(field: str) -> re.Pattern:
    """``{field}`` (with any conversion or format) followed by a colon of either language in a message."""
    return re.compile(r"\{" + re.escape(field) + r"(?:![rsa])?(?::[^{}]*)?\}\s?[:：]")


def t(key: str, lang: str = "en", /, **values) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from ``values`` (a ``Both`` value in
    ``lang``; ``{n:plural:one|many}``: the word form for the count n)."""
    pair = TABLE.get(key)
    if pair is None:
        return key
    text = pair[1 if lang == "zh" else 0]
    values = {k: (v.zh if lang == "zh" else v.en) if isinstance(v, Both) else v for k, v in values.items()}
    if not values:
        return text
    for k, v in values.items():
        if isinstance(v, str) and v.endswith((":", "：")) and _colon_after(k).search(text):
            # a label that ends in its own colon (a survey tool's question "1、您光临的门店是：") where the message
            # puts one after it: one colon, not "是：：" / "是：:"
            values[k] = v.rstrip(":：").rstrip()
    if ":plural:" in text or any(isinstance(v, float) for v in values.values()):
        return _FORMATTER.format(text, **values)
    return text.format(**values)


def severity_targets(targets, lang: str) -> str:
    """Targets by severity in words, as the Complaints page and the overview write them: "target by severity: High
    48 / Normal 72 / Low 168 h" ("按严重程度的目标：高 48 / 中 72 / 低 168 小时")."""
    parts = [f"{t(f'complaints.severity.{s}', lang)} {v:g}" for s, v in targets.items()]
    return t("complaints.target.by_severity", lang, targets=" / ".join(parts))
