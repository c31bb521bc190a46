"""5S tables and labels for the pages: translated headers, bands with their symbol, overdue and repeat marks,
and the heat map's store x section frame (worst / best N, ordered by overall or by a section)."""

from __future__ import annotations

import pandas as pd

from portal import kpi, vocab, zones
from portal.i18n import t
from portal.kpi import Figure, TileText, format_number
from portal.rounding import half_up_all

BAND_COLOURS = {
    "excellent": "#1a7f37",
    "good": "#4ac26b",
    "needs_improvement": "#d4a72c",
    "failing": "#cf222e",
}
BAND_TEXT_COLOURS = {"excellent": "green", "good": "green", "needs_improvement": "orange", "failing": "red"}
HEATMAP_SHOW = ("worst", "best", "all")
HEATMAP_N = 15


def tile_texts(figs, needs_improvement_min: float, lang: str, low_confidence_n: int) -> list[TileText]:
    """The words around each headline tile: label, help, the n line (with the stores not judged on fewer than
    ``low_confidence_n`` inspections); the band (with its symbol and colour) under the overall %, unless it rests
    on too few inspections to be judged; "now" under the action counts."""
    out = []
    for fig in figs:
        first = kpi.caption(fig, lang)
        if fig.key in ("open_actions", "overdue_actions"):
            first += " · " + t("fives.tile.now", lang)
        captions: list[tuple[str, str | None]] = [(first, kpi.status_colour(fig))]
        band = fig.extra.get("band")
        if band and fig.status not in ("low_confidence", "no_data"):
            captions.append(
                (t("fives.tile.band", lang, band=band_label(band, lang)), BAND_TEXT_COLOURS[band])
            )
        out.append(
            TileText(
                label=t(fig.label, lang),
                captions=tuple(captions),
                help=t(f"fives.tile.help.{fig.key}", lang, min=needs_improvement_min, n=low_confidence_n),
                vs_previous=t("fives.tile.vs_previous", lang)
                if isinstance(fig, Figure) and fig.change is not None
                else None,
            )
        )
    return out


def band_label(band, lang: str, low_confidence: bool = False) -> str:
    """A band with its symbol; ``low_confidence`` (a mean on fewer than the 5S low-confidence n): the
    low-confidence mark instead, never a pass or a fail."""
    if low_confidence:
        return t("kpi.status.low_confidence", lang)
    if band is None or (not isinstance(band, str) and pd.isna(band)):
        return t("fives.band.none", lang)
    return t(f"fives.band.{band}", lang)


def section_label(code: str, name_en: str | None = None, name_zh: str | None = None, lang: str = "en") -> str:
    """The standard S's label, or the template's own name for another company's section."""
    if code in vocab.FIVES_SECTIONS:
        return t(f"fives.section.{code}", lang)
    return str((name_zh if lang == "zh" else name_en) or code)


def status_label(status: str, lang: str) -> str:
    return t(f"fives.action_status.{status}", lang) if status in vocab.ACTION_STATUSES else str(status)


def store_caption(row, label: str, lang: str) -> str:
    """The 5S page's line under the store picker: the store's inspections in the period and its mean and band; an
    inspection with every item N/A has no score, so when some had none the line says how many were scored (it
    counted the scored ones alone as the inspections: "0 inspections in the period" for a store inspected once)."""
    n, scored = int(row["inspections_n"]), int(row["scored_n"])
    return t(
        "fives.store.caption" if scored == n else "fives.store.caption_unscored",
        lang,
        store=label,
        n=n,
        scored=scored,
        pct=pct(row["mean_pct"], lang),
        band=band_label(row["band"], lang, bool(row.get("is_low_confidence", False))),
    )


def pct(value, lang: str = "en") -> str:
    return format_number("pct", None if value is None or pd.isna(value) else float(value), lang)


def store_label(code, name) -> str:
    return f"{code} {name}"


# An action opened by an inspection is stored with both languages' words in one description (the macro
# fives_actions_to_open writes 'Not met: <text_en> / 未达标：<text_zh>' and ' — <the score's comment>', if any);
# a page shows it in its own language, from the item's texts, whatever the row's age.
_OPENED_EN, _OPENED_ZH = "Not met: ", " / 未达标："


def action_description(row, lang: str) -> str:
    """The action's finding in ``lang``: 'Not met: <item>' / '未达标：<item>' (and the inspector's comment) for an
    action an inspection opened; any other description as it was written."""
    description = row.get("description")
    description = description if isinstance(description, str) else ""
    en, zh = row.get("item_text_en"), row.get("item_text_zh")
    if isinstance(en, str) and isinstance(zh, str):
        opened = f"{_OPENED_EN}{en}{_OPENED_ZH}{zh}"
        if description.startswith(opened):
            comment = description[len(opened) :]  # '' or ' — <comment>'
            return t("fives.action.not_met", lang, item=zh if lang == "zh" else en) + comment
    return description


def _item_text(df: pd.DataFrame, lang: str) -> pd.Series:
    return df["item_code"] + " " + df["item_text_zh" if lang == "zh" else "item_text_en"].fillna("")


# ---------------------------------------------------------------- heat map
def heatmap_frame(
    heatmap: pd.DataFrame,
    ranking: pd.DataFrame,
    lang: str,
    show: str = "all",
    n: int = HEATMAP_N,
    order_by="overall",
) -> pd.DataFrame:
    """Tidy rows (row_label, store_label, section, mean_pct, inspections_n, row_order, section_order) for the
    heat map: the selection's mean first, then the chosen stores, lowest first when showing the worst."""
    if heatmap.empty:
        return pd.DataFrame()
    df = heatmap.copy()
    df["section"] = [
        section_label(c, en, zh, lang)
        for c, en, zh in zip(df["section_code"], df["section_name_en"], df["section_name_zh"], strict=True)
    ]
    stores = df[~df["is_chain"]]
    if order_by == "overall" or order_by not in set(stores["section_code"]):
        key = ranking.set_index("store_id")["mean_pct"]
    else:
        key = stores[stores["section_code"] == order_by].set_index("store_id")["mean_pct"]
    ids = pd.Series(stores["store_id"].unique())
    order = ids.map(key).fillna(-1).sort_values(kind="stable")  # no score at all: among the lowest
    ordered = list(ids.loc[order.index])
    if show == "worst":
        ordered = ordered[:n]
    elif show == "best":
        ordered = ordered[::-1][:n]
    rank = {sid: i + 1 for i, sid in enumerate(ordered)}
    stores = stores[stores["store_id"].isin(rank)].copy()
    stores["row_order"] = stores["store_id"].map(rank)
    stores["row_label"] = stores["store_code"]
    stores["store_label"] = [
        store_label(c, nm) for c, nm in zip(stores["store_code"], stores["store_name"], strict=True)
    ]
    chain = df[df["is_chain"]].copy()
    chain["row_order"] = 0
    chain["row_label"] = t("fives.heatmap.chain", lang)
    chain["store_label"] = chain["row_label"]
    out = pd.concat([chain, stores], ignore_index=True)
    out["section_order"] = out["section_position"]
    return out[
        ["row_label", "store_label", "section", "mean_pct", "inspections_n", "row_order", "section_order"]
    ]


def section_options(heatmap: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(code, name_en, name_zh) of the sections present, in template order."""
    if heatmap.empty:
        return []
    first = heatmap.sort_values("section_position").drop_duplicates("section_code")
    return list(zip(first["section_code"], first["section_name_en"], first["section_name_zh"], strict=True))


# ---------------------------------------------------------------- tables
def ranking_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    region = df["region_name_zh" if lang == "zh" else "region_name_en"]
    return pd.DataFrame(
        {
            t("fives.col.rank", lang): df["rank"],
            t("fives.col.store", lang): [
                store_label(c, n) for c, n in zip(df["store_code"], df["store_name"], strict=True)
            ],
            t("fives.col.region", lang): region,
            t("fives.col.band", lang): [
                band_label(b, lang, bool(low)) for b, low in zip(df["band"], _low(df), strict=True)
            ],
            t("fives.col.mean_pct", lang): half_up_all(df["mean_pct"], 1),
            t("fives.col.inspections", lang): df["scored_n"],
            t("fives.col.latest_pct", lang): half_up_all(df["latest_pct"], 1),
            t("fives.col.latest_on", lang): df["latest_on"],
            t("fives.col.failed_items", lang): df["failed_items_n"],
            t("fives.col.repeats", lang): df["repeat_findings_n"],
            # its n: the failed items that could repeat (of an inspection with an earlier one), not every failed item
            t("fives.col.repeats_n", lang): df["repeat_basis_n"],
            t("fives.col.red_line", lang): df["red_line_sections_n"],
        }
    )


def _low(df: pd.DataFrame) -> pd.Series:
    """Each row's low-confidence flag (a ranking from ``figures.ranking``; False where a frame has none)."""
    if "is_low_confidence" not in df:
        return pd.Series(False, index=df.index)
    return df["is_low_confidence"].fillna(False).astype(bool)


def band_colours(table: pd.DataFrame, lang: str) -> dict[str, str]:
    """The band column's text -> its colour (for a Styler)."""
    return {band_label(b, lang): c for b, c in BAND_COLOURS.items()}


def consistency_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("fives.col.inspector", lang): df["inspector_name"],
            t("fives.col.inspections", lang): df["inspections_n"],
            t("fives.col.own_mean", lang): half_up_all(df["own_mean_pct"], 1),
            t("fives.col.shared_stores", lang): df["shared_stores_n"],
            t("fives.col.own_shared", lang): half_up_all(df["own_shared_mean_pct"], 1),
            t("fives.col.others_shared", lang): half_up_all(df["others_shared_mean_pct"], 1),
            t("fives.col.others_n", lang): df["others_inspections_n"],
            t("fives.col.difference", lang): half_up_all(df["difference_pp"], 1),
        }
    )


def repeats_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("fives.col.store", lang): [
                store_label(c, n) for c, n in zip(df["store_code"], df["store_name"], strict=True)
            ],
            t("fives.col.inspected_on", lang): df["inspected_on"],
            t("fives.col.previous_on", lang): df["previous_inspected_on"],
            t("fives.col.section", lang): [section_label(c, lang=lang) for c in df["section_code"]],
            t("fives.col.item", lang): _item_text(df, lang),
            t("fives.col.score", lang): df["score"].astype("Int64").astype(str)
            + " / "
            + df["max_score"].astype(str),
            t("fives.col.previous_score", lang): df["previous_score"],
            t("fives.col.action", lang): [action_link(a) for a in df["action_id"]],
            t("fives.col.status", lang): [
                status_label(s, lang) if isinstance(s, str) else None for s in df["action_status"]
            ],
        }
    )


def action_link(action_id) -> str | None:
    """The Corrective actions page opened on one action (relative, so it stays under a base URL path)."""
    if action_id is None or pd.isna(action_id):
        return None
    return f"fives_actions?action={int(action_id)}"


def overdue_mark(is_overdue, days, lang: str, status: str | None = None, submitted_on=None) -> str:
    """An overdue action's mark: its days past due; for submitted work (overdue until verified) the wait for
    the verification instead, since the store's part is done (a browser probe read "⚠ 646 d" for work
    submitted before its due date)."""
    if not bool(is_overdue) or pd.isna(days):
        return ""
    if status == "submitted" and submitted_on is not None and pd.notna(submitted_on):
        return t("fives.awaiting_since", lang, date=f"{pd.Timestamp(submitted_on):%Y-%m-%d}")
    return t("fives.overdue_days", lang, n=int(days))


def owner_label(name, lang: str) -> str:
    """An action's owner as the page names it; none (no manager covers its store yet): "unassigned", and why."""
    return name if isinstance(name, str) and name else t("fives.owner.none", lang)


def actions_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "#": df["action_id"],
            t("fives.col.store", lang): [
                store_label(c, n) for c, n in zip(df["store_code"], df["store_name"], strict=True)
            ],
            t("fives.col.status", lang): [status_label(s, lang) for s in df["status"]],
            t("fives.col.due_on", lang): df["due_on"],
            t("fives.col.overdue", lang): [
                overdue_mark(o, d, lang, s, on)
                for o, d, s, on in zip(
                    df["is_overdue"], df["days_overdue"], df["status"], df["submitted_on"], strict=True
                )
            ],
            t("fives.col.repeat", lang): [t("fives.repeat_mark", lang) if r else "" for r in df["is_repeat"]],
            t("fives.col.section", lang): [
                section_label(c, lang=lang) if isinstance(c, str) else "" for c in df["section_code"]
            ],
            t("fives.col.item", lang): _item_text(df, lang),
            t("fives.col.owner", lang): [owner_label(o, lang) for o in df["owner_name"]],
            t("fives.col.inspected_on", lang): df["inspected_on"],
            t("fives.col.done_text", lang): df["done_text"],
            t("fives.col.sent_back_reason", lang): df["sent_back_reason"],
        }
    )


def loop_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("fives.col.store", lang): [
                store_label(c, n) for c, n in zip(df["store_code"], df["store_name"], strict=True)
            ],
            t("fives.col.inspections", lang): df["inspections_n"],
            t("fives.col.opened", lang): df["opened_n"],
            t("fives.col.closed_in_time", lang): df["closed_in_time_n"],
            t("fives.col.closed_late", lang): df["closed_late_n"],
            t("fives.col.overdue", lang): df["overdue_n"],
            t("fives.col.open_now", lang): df["open_n"],
            t("fives.col.awaiting", lang): df["awaiting_verification_n"],
            t("fives.col.repeats", lang): df["repeat_findings_n"],
        }
    )


def action_option(row, lang: str) -> str:
    """The action picker's label: #id · store · item · status (· overdue)."""
    text = f"#{row['action_id']} · {row['store_code']} · {row['item_code']} · {status_label(row['status'], lang)}"
    mark = overdue_mark(row["is_overdue"], row["days_overdue"], lang, row["status"], row["submitted_on"])
    return f"{text} · {mark}" if mark else text


_STEP_LINES = {
    "start": "fives.actions.history.started",
    "submit": "fives.actions.history.submitted",
    "send_back": "fives.actions.history.sent_back",
    "verify": "fives.actions.history.verified",
}


def action_history(row, lang: str, timezone: str = "UTC", steps: pd.DataFrame | None = None) -> list[str]:
    """What happened to the action so far, in ``timezone`` (the reporting zone, as every other time on the pages)
    with its name; people by their display names. ``steps``: every step from the audit log (the
    fives_action_steps query), each submission and send-back with its own text; without them (actions whose
    steps predate the log, the demo's), the action's own stamps, which keep only the last text of each."""

    def stamp(value) -> str:  # stored in UTC
        return (
            f"{zones.stamp_text(value, timezone)} ({zones.zone_name(timezone, lang)})"
            if pd.notna(value)
            else ""
        )

    lines = [t("fives.actions.history.opened", lang, at=stamp(row["created_at"]))]
    if steps is not None and not steps.empty:
        for step in steps.itertuples(index=False):
            if step.step in _STEP_LINES:
                text = step.text if isinstance(step.text, str) else ""
                lines.append(
                    t(_STEP_LINES[step.step], lang, at=stamp(step.logged_at), who=step.who, text=text)
                )
        return lines
    if pd.notna(row["sent_back_at"]):
        lines.append(
            t(
                "fives.actions.history.sent_back",
                lang,
                at=stamp(row["sent_back_at"]),
                who=row["sent_back_by_name"],
                text=row["sent_back_reason"],
            )
        )
    if pd.notna(row["submitted_at"]) and row["status"] in ("submitted", "verified"):
        lines.append(
            t(
                "fives.actions.history.submitted",
                lang,
                at=stamp(row["submitted_at"]),
                who=row["submitted_by_name"],
                text=row["done_text"],
            )
        )
    if pd.notna(row["verified_at"]) and row["status"] == "verified":
        lines.append(
            t(
                "fives.actions.history.verified",
                lang,
                at=stamp(row["verified_at"]),
                who=row["verified_by_name"],
            )
        )
    return lines
