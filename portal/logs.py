"""The import history and the audit log as people read them (issue 10): kinds and actions by their labels,
every time in the reporting zone and saying so (``portal.zones``: "Beijing time" / 北京时间), an audit row's
details in words instead of raw JSON. The pages draw these tables and export the same tables as CSV."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from portal import zones
from portal.i18n import TABLE, t

HISTORY_COLUMNS = (
    "batch_id",
    "status",  # second: an undone batch is told at 768 px too (it was past the screen's edge, a helper's probe)
    "kind",
    "file_name",
    "created_by",
    "created_at",
    "rows_in_file",
    "rows_added",
    "rows_updated",
    "rows_unchanged",
    "rows_skipped",
    "undone_at",
    "undone_by",
)


def kind_label(name: str, lang: str = "en") -> str:
    """An upload kind's label (its ``title_key`` in the registry: ``surveys`` -> "Survey responses")."""
    from portal.ingest import registry

    kind = registry.kinds().get(name)
    if kind is not None:
        return t(kind.title_key, lang)
    key = f"ingest.kind.{name}"
    return t(key, lang) if key in TABLE else str(name)


def history_table(history: pd.DataFrame, lang: str, timezone: str) -> pd.DataFrame:
    """The import batches for the page and its CSV: labels, and the times in the reporting zone (the column
    says which zone)."""
    zone = zones.zone_name(timezone, lang)
    out = history[[c for c in HISTORY_COLUMNS if c in history.columns]].copy()
    for column in ("created_by", "undone_by"):  # people by their display names (queries/import_batches.sql)
        if f"{column}_name" in history.columns:
            out[column] = history[f"{column}_name"]
    out["kind"] = [kind_label(k, lang) for k in out["kind"]]
    out["status"] = [t(f"ingest.history.status.{s}", lang) for s in out["status"]]
    for column in ("created_at", "undone_at"):
        if column in out.columns:
            out[column] = zones.local_column(out[column], timezone)
    labels = {c: t(f"ingest.history.col.{c}", lang) for c in out.columns}
    labels["created_at"] = t("logs.col.imported_at", lang, zone=zone)
    labels["undone_at"] = t("logs.col.undone_at", lang, zone=zone)
    return out.rename(columns=labels)


def batch_label(row: Any, timezone: str) -> str:
    """One batch in the pick list: ``12 · file.csv · 2026-03-01 09:30`` (local time)."""
    return f"{row.batch_id} · {row.file_name} · {zones.stamp_text(row.created_at, timezone)}"


_COLON = {"en": ": ", "zh": "："}  # after a detail's name, as each language writes it
_LIST = {"en": ", ", "zh": "、"}  # between the items of a list


# details whose values are codes, read as words: the i18n key of a value (``{}``: the value)
_VALUE_WORDS = {
    "status": "scorecard.dispute_status.{}",
    "resolution": "scorecard.dispute_resolution.{}",
    "grain": "scorecard.grain.{}",
    "from": "fives.action_status.{}",
    "to": "fives.action_status.{}",
    "step": "logs.step.{}",
    "reason": "logs.reason.{}",
    "via": "logs.via.{}",
    "during": "logs.during.{}",
    "action": "logs.ack.{}",
    "lang": "logs.lang.{}",
}


def _word(template: str, value: Any, lang: str) -> str | None:
    key = template.format(value)
    return t(key, lang) if isinstance(value, str) and key in TABLE else None


def _value(value: Any, lang: str, key: str = "") -> str:
    if key in _VALUE_WORDS and (word := _word(_VALUE_WORDS[key], value, lang)) is not None:
        return word
    if key == "rules" and isinstance(
        value, dict
    ):  # scorecard weights: metric -> weight, floor, target, min n
        return ("；" if lang == "zh" else "; ").join(
            f"{_word('scorecard.metric.{}', m, lang) or m}{_COLON.get(lang, ': ')}"
            + t("logs.rule", lang, weight=r[0], floor=r[1], target=r[2], n=r[3])
            if isinstance(r, list) and len(r) == 4
            else f"{m}{_COLON.get(lang, ': ')}{_value(r, lang)}"
            for m, r in value.items()
        )
    if key == "roles" and isinstance(value, list):
        return _LIST.get(lang, ", ").join(
            t(f"role.{r}", lang) if f"role.{r}" in TABLE else str(r) for r in value
        )
    if key == "kind" and isinstance(value, str):
        return kind_label(value, lang)
    if isinstance(value, bool):
        return t("logs.yes" if value else "logs.no", lang)
    if isinstance(value, list | tuple):
        return _LIST.get(lang, ", ").join(_value(v, lang) for v in value)
    if isinstance(value, dict) and value:  # e.g. a change's "was": each value read by its own key
        return ("；" if lang == "zh" else "; ").join(
            f"{_label(k, lang)}{_value(v, lang, k)}" for k, v in value.items()
        )
    if value is None or value == {} or value == []:
        return "—"
    return str(value)


def _label(key: str, lang: str) -> str:
    name = f"logs.detail.{key}"
    return (t(name, lang) if name in TABLE else key.replace("_", " ")) + _COLON.get(lang, ": ")


def readable_details(details: Any, lang: str = "en") -> str:
    """An audit row's details in words: ``{"created": true, "roles": ["admin"]}`` -> "created: yes · roles:
    admin"; text that is not a JSON object is shown as it is; none -> ""."""
    if details is None or (not isinstance(details, dict | str) and pd.isna(details)):
        return ""
    if isinstance(details, str):
        try:
            details = json.loads(details)
        except ValueError:
            return details
    if not isinstance(details, dict):
        return _value(details, lang)
    return " · ".join(f"{_label(k, lang)}{_value(v, lang, k)}" for k, v in details.items())


def _setting_label(key: str, lang: str) -> str:
    """A setting by its label: the Settings page's field, the reporting zone's title, else logs.setting.*."""
    for name in (f"settings.targets.{key}", f"logs.setting.{key}"):
        if name in TABLE:
            return t(name, lang)
    return t("settings.report_zone.title", lang) if key == "report_timezone" else key


def readable_target(target: Any, lang: str = "en", code: Any = None) -> str:
    """What an audit row acted on, in words: ``user:agent`` -> "User agent" / "用户 agent", ``qa_review:12`` ->
    "QA review 12" / "质检评分 12" (with ``code``, what users know it by, instead of the internal id: "QA review
    QA-2026-0001", "客服专员 A001"), ``setting:response_sla_hours`` -> the setting's label; none -> "". A target
    of a kind the portal does not write is shown as it is."""
    if target is None or (not isinstance(target, str) and pd.isna(target)) or target == "":
        return ""
    target = str(target)
    kind, colon, rest = target.partition(":")
    if not colon:
        return t(f"logs.target.{kind}", lang) if f"logs.target.{kind}" in TABLE else target
    if f"logs.target.{kind}" not in TABLE:
        return target
    if kind == "setting":
        rest = _setting_label(rest, lang)
    elif kind == "instrument":
        rest = rest.replace(":v", " v")  # SQ:v2 -> SQ v2, as the templates are named
    elif isinstance(code, str) and code:
        rest = code
    return t(f"logs.target.{kind}", lang, id=rest)


def audit_table(entries: pd.DataFrame, lang: str, timezone: str) -> pd.DataFrame:
    """The audit log for the page and its CSV: the time in the reporting zone (the column says which zone),
    the action and its target by their labels, the details in words."""
    zone = zones.zone_name(timezone, lang)
    return pd.DataFrame(
        {
            t("logs.col.when", lang, zone=zone): zones.local_column(entries["logged_at"], timezone),
            t("audit.user", lang): entries["username"],
            t("audit.action", lang): [t(f"audit.action.{a}", lang) for a in entries["action"]],
            t("audit.target", lang): [
                readable_target(x, lang, c)
                for x, c in zip(
                    entries["target"], entries.get("target_code", [None] * len(entries)), strict=True
                )
            ],
            t("audit.details", lang): [readable_details(d, lang) for d in entries["details"]],
        }
    )
