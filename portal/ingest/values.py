"""Value mapping (issue 9): a file's values of a ``choice`` field mapped to the field's standard values, and
those of a grouped text field (``Field.groups``: the complaint's category) to its standard groups (the text is
kept; portal.ingest.categories).

For every choice field the file carries, each distinct value (as the user sees it: cleaned like any cell) gets a
standard value, by the first of
1. the user's choice (``ImportOptions.value_map``: ``{field: {file value: standard value}}``; an empty standard
   value means "no value": the field's ``unknown_value`` or, for a status, the stamps decide),
2. an accepted spelling of the field (``Field.choices``: exact after ignoring case, spaces, ``_-/``),
3. a suggestion from the synonym table below (both languages), pre-filled in the form and used by the CLI
   unless ``--map-value`` says otherwise,
4. nothing: a lenient field counts the value under its ``unknown_value`` and keeps the file's text beside it.
The report (``value_report``) lists each value with its row count, standard value and how it was found; the
upload form shows it, the preview says which values went to *other*. Nothing here imports streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from portal import vocab
from portal.i18n import TABLE, Both, listed
from portal.ingest.cells import map_distinct
from portal.ingest.kinds import Field, Kind, normalise_choice_text
from portal.ingest.validation import clean_cells

HOW = ("mapped", "standard", "suggested", "unmapped")
# The value list (portal.vocab) a field's standard values belong to, by kind and field: its labels are the words
# the dashboards use for them
VALUE_LISTS = {
    ("complaints", "channel"): "COMPLAINT_CHANNELS",
    ("complaints", "category"): "CATEGORY_GROUPS",
    ("complaints", "severity"): "SEVERITIES",
    ("complaints", "status"): "COMPLAINT_STATUSES",
    ("surveys", "channel"): "SURVEY_CHANNELS",
    ("qa_reviews", "critical"): "QA_CRITICAL",
}

# Suggestions: spellings seen in real exports that are not safe to accept unasked, by field name and standard
# value. Only a standard value the field accepts is ever suggested.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "channel": {
        "hotline": ("voicemail", "voice mail", "phone call", "ivr", "语音留言", "来电", "电话投诉", "12345"),
        "online": (
            "self service",
            "web form",
            "webform",
            "web widget",  # Zendesk's Via values (its channel), as are Mobile SDK and the social networks
            "help center",
            "portal",
            "live chat",
            "chat",
            "online form",
            "网上",
            "网上投诉",
            "在线客服",
        ),
        "app": (
            "mobile",
            "mobile app",
            "mobile sdk",
            "ios",
            "android",
            "小程序",
            "手机",
            "手机app",
            "客户端",
        ),
        "social_media": (
            "wechat",
            "weixin",
            "微信",
            # a WeChat official account and a WeCom (企业微信) conversation: SPEC and the glossary have no WeChat
            # channel; as 微信 and the messengers below, social media (a mini program is the glossary's app)
            "微信公众号",
            "公众号",
            "微信公众平台",
            "企业微信",
            "wecom",
            "微信客服",
            "weibo",
            "微博",
            "douyin",
            "抖音",
            "facebook",
            "facebook post",
            "facebook private message",
            "facebook messenger",
            "messenger",
            "twitter",
            "twitter dm",
            "twitter direct message",
            "instagram",
            "instagram direct",
            "whatsapp",
            "social",
        ),
        "in_store": ("walk-in", "walk in", "walkin", "in person", "in-person", "现场", "门店", "到店"),
        "email": ("e-mail", "mail", "邮件", "电子邮件", "电邮"),
        "sms": ("text message", "短信"),
        "other": (
            "other",
            "others",
            "referral",
            "postal mail",
            "letter",
            "fax",
            "传真",
            "信函",
            "来信",
            "其他",
            "转介",
        ),
    },
    "status": {
        "open": ("assigned", "queued", "waiting", "on hold", "已分配", "已派单", "待分配", "排队中"),
        "responded": (
            "email sent",
            "contacted",
            "in review",
            "under review",
            "investigating",
            "work in progress",
            "已联系",
            "已受理",
            "调查中",
        ),
        # 千牛 / 淘宝 售后 "处理完成", a WeCom session or a ticket "已结束", a case "已完结" (probe of real-world files:
        # unmapped, such a complaint without stamps counted as open)
        "resolved": ("resolved with explanation", "answered and resolved", "已答复", "处理完成", "处理完毕"),
        "closed": (
            "closed with explanation",
            "closed - explained",
            "referred out",
            "transferred",
            "duplicate",
            "closed duplicate",
            "已转办",
            "已办结",
            "办结",
            "已完结",
            "完结",
            "已结束",
        ),
        # a deleted ticket (Zendesk's "deleted"): it was open, in the backlog
        "cancelled": ("rejected", "invalid", "spam", "无效", "驳回", "deleted", "已删除", "删除"),
    },
    "severity": {
        "high": ("p0", "highest", "blocker", "very high", "最高", "非常紧急"),
        "normal": ("standard", "regular", "default", "常规"),
        "low": ("lowest", "trivial", "p4", "p5", "最低", "不紧急"),
    },
}


@dataclass(frozen=True)
class ValueRow:
    """One distinct value of a choice column: how many rows carry it and the standard value it counts as."""

    field: str
    value: str
    rows: int
    standard: str | None
    how: str  # one of HOW
    first_row: int = field(default=0, compare=False)  # the row it first appears in (orders equal counts)


def allowed_values(f: Field) -> list[str]:
    """The standard values a file value of ``f`` may be mapped to (in the field's order)."""
    if f.groups:
        return list(f.groups)
    out = list(dict.fromkeys((f.choices or {}).values()))
    if f.unknown_value and f.unknown_value not in out:
        out.append(f.unknown_value)
    return out


# A qualifier in brackets at the end of a value: Zendesk's "Phone call (incoming)", "Closed (duplicate)"
_QUALIFIER = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
# a rank before the words of a value: ServiceNow's priorities "1 - Critical" ... "5 - Planning", "P2: High"
_RANK = re.compile(r"^\s*[Pp]?\d{1,2}\s*[-–—.:：)]\s*(?=[^\W\d_])")


def suggest_value(f: Field, value: str) -> str | None:
    """The standard value ``value`` most likely means (accepted spelling first, then a synonym), or None; a value
    with a qualifier in brackets at its end that gives none is suggested by the words before it."""
    if f.groups:
        return f.suggest(value) if f.suggest else None
    found = _suggest(f, value)
    bare = _QUALIFIER.sub("", value)
    if found is None and bare and bare != value:
        found = _suggest(f, bare)
    worded = _RANK.sub("", value)
    if found is None and worded and worded != value:
        found = _suggest(
            f, worded
        )  # ServiceNow's "2 - High": its words, not its rank (2 is normal elsewhere)
    return found


def standard_label(kind_name: str, field_name: str, value: str) -> Both | None:
    """A standard value as the dashboards name it, in both languages (a complaint's channel "social_media":
    Social media, 社交媒体), or None when its field has no labelled list (an agent's yes/no): the value names
    itself."""
    listed_in = VALUE_LISTS.get((kind_name, field_name))
    key = f"{vocab.LABEL_PREFIX[listed_in]}.{value}" if listed_in else None
    return Both(*TABLE[key]) if key in TABLE else None


def _named(kind: Kind, field_name: str, value: str) -> Both:
    return standard_label(kind.name, field_name, value) or Both(value, value)


def _suggest(f: Field, value: str) -> str | None:
    key = normalise_choice_text(value)
    accepted = (f.choices or {}).get(key)
    if accepted:
        return accepted
    allowed = set(allowed_values(f))
    for standard, words in SYNONYMS.get(f.name, {}).items():
        if standard in allowed and key in {normalise_choice_text(w) for w in words}:
            return standard
    return None


def _explicit(value_map: Mapping[str, Mapping[str, str]], name: str) -> dict[str, str]:
    return {normalise_choice_text(k): (v or "") for k, v in (value_map.get(name) or {}).items()}


def value_report(
    kind: Kind, text: pd.DataFrame, value_map: Mapping[str, Mapping[str, str]] | None = None
) -> list[ValueRow]:
    """Every distinct value of every choice field in ``text`` (mapped text columns), most frequent first."""
    value_map = value_map or {}
    out: list[ValueRow] = []
    for f in kind.fields:
        if not f.has_values or f.name not in text.columns:
            continue
        cells, _ = clean_cells(text[f.name].fillna("").astype(str))
        filled = cells[cells != ""]
        firsts = filled.drop_duplicates()  # each value at the row it first appears in
        first_rows = dict(zip(firsts.to_numpy(), firsts.index, strict=True))
        counts = filled.value_counts()
        # most frequent first, equal counts by their first row (a file read in chunks orders them alike)
        order = sorted(range(len(counts)), key=lambda i: (-counts.iloc[i], first_rows[counts.index[i]]))
        counts = counts.iloc[order]
        explicit = _explicit(value_map, f.name)
        for value, n in counts.items():
            key = normalise_choice_text(value)
            if key in explicit:
                standard, how = explicit[key] or None, "mapped"
            elif (f.choices or {}).get(key):
                standard, how = f.choices[key], "standard"
            elif f.groups and (hint := suggest_value(f, value)) is not None:
                # a grouped field: its own group's name is "standard", a keyword's group "suggested"
                standard, how = hint, "standard" if normalise_choice_text(hint) == key else "suggested"
            elif (hint := suggest_value(f, value)) is not None:
                standard, how = hint, "suggested"
            else:
                standard, how = f.unknown_value, "unmapped"
            out.append(ValueRow(f.name, str(value), int(n), standard, how, int(first_rows[value])))
    return out


def apply_values(text: pd.DataFrame, report: list[ValueRow], kind: Kind | None = None) -> pd.DataFrame:
    """``text`` with each mapped or suggested value of a choice field replaced by its standard value (blank for
    "no value"); a grouped text field (``Field.groups``) keeps the file's text (its kind derives the group)."""
    out = text.copy()
    grouped = {f.name for f in kind.fields if f.groups} if kind is not None else set()
    by_field: dict[str, dict[str, str]] = {}
    for row in report:
        if row.how in ("mapped", "suggested") and row.field not in grouped:
            by_field.setdefault(row.field, {})[row.value] = row.standard or ""
    for name, lookup in by_field.items():
        cells, _ = clean_cells(out[name].fillna("").astype(str))
        replaced = map_distinct(cells, lookup)
        out[name] = replaced.where(replaced.notna(), out[name])
    return out


def notices(kind: Kind, report: list[ValueRow], column_of) -> list[tuple[str, dict]]:
    """Preview notices: per field, the rows whose value was suggested, and those no one mapped."""
    fields = {f.name: f for f in kind.fields}
    out: list[tuple[str, dict]] = []
    for name in dict.fromkeys(r.field for r in report):
        rows = [r for r in report if r.field == name]
        for how, key in (
            ("suggested", "ingest.notice.values_suggested"),
            ("unmapped", "ingest.notice.values_other"),
        ):
            hit = [r for r in rows if r.how == how]
            strict = fields[name].type == "choice" and not fields[name].lenient  # refuses an unknown value
            if not hit or (how == "unmapped" and strict):
                continue  # a strict field refuses such rows: their errors say so, not a notice that they are kept
            # each value with the standard one it counts as, named in the reader's language (a ``Both``)
            shown = Both(
                *(
                    listed(
                        (
                            f"{r.value} ({r.rows})"
                            + (
                                f" → {_named(kind, name, r.standard).text(lang)}"
                                if how == "suggested"
                                else ""
                            )
                            for r in hit[:12]
                        ),
                        more=len(hit) > 12,
                    ).text(lang)
                    for lang in ("en", "zh")
                )
            )
            unknown = fields[name].unknown_value
            standard = _named(kind, name, unknown) if unknown else "—"
            if how == "unmapped" and fields[name].unknown_value is None:
                key = (
                    "ingest.notice.values_inferred"  # no value: the kind works it out (a status: the stamps)
                )
            elif how == "unmapped" and not fields[name].keeps_text:
                key = "ingest.notice.values_other_not_kept"  # no column keeps the file's text (a survey's)
            out.append(
                (
                    key,
                    {
                        "column": column_of(name),
                        "n": sum(r.rows for r in hit),
                        "values": shown,
                        "other": standard,
                    },
                )
            )
    return out


def spellings(rows: list[ValueRow]) -> list[list[ValueRow]]:
    """A field's value rows grouped by the value they are compared as (``normalise_choice_text``: 電話熱線 is
    电话热线, Email is email), in the order of each group's first row: the value form offers one choice per group,
    as the value map, keyed by that form, applies one choice to all of them."""
    groups: dict[str, list[ValueRow]] = {}
    for row in rows:
        groups.setdefault(normalise_choice_text(row.value), []).append(row)
    return list(groups.values())


def saved_value_map(options: Mapping) -> dict[str, dict[str, str]]:
    """The value map kept in a saved column mapping's options (``{"values": {field: {value: standard}}}``)."""
    raw = (options or {}).get("values") or {}
    return {str(k): {str(a): str(b or "") for a, b in (v or {}).items()} for k, v in raw.items()}
