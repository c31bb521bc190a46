"""Tables of the review loop for people: chosen columns, translated values and headers (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from portal import kpi, zones
from portal.i18n import t
from portal.rounding import fixed, half_up_all
from portal.scorecards.display import ShownColumn

REVIEW_COLUMNS = (
    "reviewed_on",
    "source_id",
    "agent",
    "reviewer",
    "form_score",
    "effective_score",
    "flag",
    "dispute",
    "criteria",
    "complaint",
    "comment",
)
MY_REVIEW_COLUMNS = tuple(c for c in REVIEW_COLUMNS if c != "agent")
DISPUTE_COLUMNS = (
    "dispute_id",
    "status",
    "decision",
    "decision_comment",
    "source_id",
    "agent",
    "reviewed_on",
    "reviewer",
    "form_score",
    "effective_score",
    "reason",
    "raised_at",
    "decided_by",
)
# DISPUTE_COLUMNS on screen, in this order, with their widths in pixels (en, zh): who disputed and why first, within
# 600 px (the QA reviews page beside the open sidebar at 1024 px is about 658 px wide; the agent and the reason,
# sixth and eleventh of thirteen, showed only after a sideways scroll); the rest follows. The CSV keeps
# DISPUTE_COLUMNS' order.
DISPUTE_KEY_WIDTH = 600
_DISPUTE_SHOWN = {
    "dispute_id": (52, 52),
    "agent": (132, 120),
    "reason": (236, 248),
    "status": (76, 64),
    "decision": (96, 96),
    "decision_comment": (180, 180),
    "source_id": (84, 84),
    "reviewed_on": (92, 92),
    "reviewer": (84, 80),
    "form_score": (84, 84),
    "effective_score": (76, 68),
    "raised_at": (136, 150),
    "decided_by": (84, 80),
}
SIGN_OFF_COLUMNS = ("period", "agent", "coaching_note", "signed_by", "signed_at")


def _agent(df: pd.DataFrame) -> pd.Series:
    return df["agent_code"].astype(str) + " " + df["agent_name"].astype(str)


def _headers(df: pd.DataFrame, columns, lang: str, timezone: str = "UTC") -> pd.DataFrame:
    """The columns under their labels; a time column in ``timezone`` (the reporting zone), its label saying so."""
    out = df.loc[:, list(columns)].copy()
    for column in ("raised_at", "signed_at"):
        if column in out.columns:
            out[column] = zones.local_column(out[column], timezone)
    zone = zones.zone_name(timezone, lang)
    return out.rename(columns=lambda c: t(f"qa.col.{c}", lang, zone=zone))


def dispute_label(status, resolution, lang: str) -> str | None:
    """ "open", "accepted: score corrected", "rejected"... or None without a dispute."""
    if status is None or pd.isna(status):
        return None
    text = t(f"scorecard.dispute_status.{status}", lang)
    if resolution is not None and not pd.isna(resolution):
        text += " · " + t(f"scorecard.dispute_resolution.{resolution}", lang)
    return text


def flag_text(row, lang: str) -> str | None:
    """Why a review counts otherwise than its form score: removed, corrected, or a failed critical criterion."""
    if row["is_excluded"]:
        return t("qa.flag.removed", lang)
    if row.get("resolution") == "corrected":
        return t("qa.flag.corrected", lang)
    if row["critical_failed"]:
        return t("qa.flag.critical", lang)
    return None


def reviews_table(df: pd.DataFrame, lang: str, *, mine: bool = False) -> pd.DataFrame:
    shown = df.assign(
        agent=_agent(df),
        dispute=[
            dispute_label(s, r, lang) for s, r in zip(df["dispute_status"], df["resolution"], strict=True)
        ],
        flag=[flag_text(r, lang) for _, r in df.iterrows()],
        effective_score=half_up_all(df["effective_score"].astype(float), 1),
    )
    return _headers(shown, MY_REVIEW_COLUMNS if mine else REVIEW_COLUMNS, lang)


def disputes_table(df: pd.DataFrame, lang: str, *, mine: bool = False, timezone: str = "UTC") -> pd.DataFrame:
    shown = df.assign(
        agent=_agent(df),
        status=[t(f"scorecard.dispute_status.{s}", lang) for s in df["status"]],
        decision=[
            None
            if pd.isna(r)
            else t(f"scorecard.dispute_resolution.{r}", lang)
            + (f" → {fixed(c, 1)}" if r == "corrected" and not pd.isna(c) else "")
            for r, c in zip(df["resolution"], df["corrected_score"], strict=True)
        ],
        effective_score=half_up_all(df["effective_score"].astype(float), 1),
    )
    columns = [c for c in DISPUTE_COLUMNS if not (mine and c in ("agent", "decided_by"))]
    return _headers(shown, columns, lang, timezone)


def disputes_table_shown(lang: str, timezone: str = "UTC") -> dict[str, ShownColumn]:
    """``disputes_table``'s columns (by their label) as the page shows them, in screen order."""
    zone = zones.zone_name(timezone, lang)
    return {
        t(f"qa.col.{c}", lang, zone=zone): ShownColumn(
            t(f"qa.col.{c}", lang, zone=zone), None, width_zh if lang == "zh" else width_en
        )
        for c, (width_en, width_zh) in _DISPUTE_SHOWN.items()
    }


def period_label(grain: str, start, lang: str) -> str:
    start = pd.Timestamp(start)
    if grain == "week":
        return t("qa.period.week", lang, day=f"{start:%Y-%m-%d}")
    if grain == "quarter":
        return t("qa.period.quarter", lang, year=start.year, q=(start.month - 1) // 3 + 1)
    return f"{start:%Y-%m}"


def sign_offs_table(
    df: pd.DataFrame, lang: str, *, mine: bool = False, timezone: str = "UTC"
) -> pd.DataFrame:
    shown = df.assign(
        agent=_agent(df),
        period=[period_label(g, s, lang) for g, s in zip(df["grain"], df["period_start"], strict=True)],
    )
    columns = [c for c in SIGN_OFF_COLUMNS if not (mine and c == "agent")]
    return _headers(shown, columns, lang, timezone)


def review_choice(row, lang: str) -> str:
    """A review as one line for a picker: date, id, score (and the agent unless it is the agent's own)."""
    score = t("qa.removed", lang) if row["is_excluded"] else fixed(row["effective_score"], 1)
    return f"{pd.Timestamp(row['reviewed_on']):%Y-%m-%d} · {row['source_id']} · {score}"


BY_TEAM_COLUMNS = ("team", "reviews", "excluded_reviews", "open_disputes")


def by_team_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A row per team (queries/qa_open_disputes.sql): the period's reviews, those a dispute removed from the score,
    and the disputes still waiting for a decision; most open disputes first."""
    out = df.assign(team=df["team_code"].astype(str) + " " + df["team_name"].fillna("").astype(str))
    out = out.sort_values(["open_disputes", "team_code"], ascending=[False, True], kind="stable")
    return _headers(out.reset_index(drop=True), BY_TEAM_COLUMNS, lang)


def tile_texts(figs, lang: str) -> list[kpi.TileText]:
    """The words of the two headline tiles (QA score, open disputes), in the order the pages draw them."""
    score = figs.qa_score
    return [
        kpi.TileText(
            label=t("qa.tile.qa_score", lang),
            captions=((kpi.caption(score, lang), kpi.status_colour(score)),),
            help=t("qa.tile.qa_score_help", lang),
            vs_previous=t("qa.tile.vs_before", lang),
        ),
        kpi.TileText(
            label=t("qa.tile.open_disputes", lang),
            captions=((t("qa.tile.open_caption", lang), None),),
            help=t("qa.tile.open_help", lang),
        ),
    ]
