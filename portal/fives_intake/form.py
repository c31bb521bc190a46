"""The tablet form's logic (no Streamlit): the server-side draft, progress, and the flat rows a submitted form
becomes, so that it is imported exactly like an uploaded file (one ``inspections`` batch, undoable).

A draft is JSON: ``{"section": index of the open section, "items": {code: {"score": int | null, "na": bool,
"comment": str, "photo": file name | null}}}`` with store, template and date in their own columns.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from portal import db, writes
from portal.fives_intake.fields import FLAT_HEADERS
from portal.fives_intake.kind import KIND
from portal.fives_intake.sheet_download import new_inspection_id
from portal.fives_intake.template import ItemSpec, TemplateSpec
from portal.i18n import t
from portal.ingest import pipeline, reading, validation
from portal.scope import store_rows_outside


@dataclass
class Draft:
    store_id: int
    template_id: int
    inspected_on: date
    section: int = 0
    items: dict[str, dict] = field(default_factory=dict)

    def answer(self, code: str) -> dict:
        return self.items.setdefault(code, {"score": None, "na": False, "comment": "", "photo": None})

    def to_json(self) -> str:
        return json.dumps({"section": self.section, "items": self.items}, ensure_ascii=False, sort_keys=True)


def load_draft(con, username: str) -> Draft | None:
    cur = con.cursor()
    try:
        row = cur.execute(
            "select store_id, template_id, inspected_on, draft from fives_drafts where username = ?",
            [username],
        ).fetchone()
    finally:
        cur.close()
    if row is None:
        return None
    body = json.loads(row[3]) if isinstance(row[3], str) else row[3]
    return Draft(int(row[0]), int(row[1]), row[2], int(body.get("section", 0)), dict(body.get("items", {})))


def save_draft(con, username: str, draft: Draft) -> None:
    writes.save_fives_draft(
        con, username, draft.store_id, draft.template_id, draft.inspected_on, draft.to_json()
    )


def discard_draft(con, username: str) -> None:
    writes.delete_fives_draft(con, username)


def is_answered(answer: dict | None) -> bool:
    return bool(answer) and (answer.get("na") or answer.get("score") is not None)


def progress(template: TemplateSpec, draft: Draft) -> tuple[int, int]:
    """(items answered, items on the checklist)."""
    return sum(is_answered(draft.items.get(i.code)) for i in template.items), len(template.items)


def unanswered(template: TemplateSpec, draft: Draft) -> list[str]:
    return [i.code for i in template.ordered_items() if not is_answered(draft.items.get(i.code))]


def low_without_comment(
    con, template: TemplateSpec, draft: Draft, section: str | None = None
) -> list[ItemSpec]:
    """The items scored low (the template's fail rule, models/fives_item_failed.sql: at or below 1 of 4; such a
    score opens a corrective action, whose finding is the comment) that have no comment, in checklist order;
    ``section``: only that section's items. Uploaded sheets are not held to this (SPEC asks no comment of them)."""
    waiting = [
        (item, a)
        for item in template.ordered_items()
        if section is None or item.section == section
        for a in [draft.items.get(item.code) or {}]
        if not a.get("na") and a.get("score") is not None and not (a.get("comment") or "").strip()
    ]
    if not waiting:
        return []
    cur = con.cursor()
    try:
        failed = {
            code
            for (code,) in cur.execute(
                "select s.code from (select unnest($codes) as code, unnest($scores) as score, "
                "unnest($maxes) as max_score) as s "
                "where fives_item_failed(s.score, s.max_score, "
                "(select fail_ratio from fives_templates where template_id = $template_id), false)",
                {
                    "codes": [i.code for i, _ in waiting],
                    "scores": [int(a["score"]) for _, a in waiting],
                    "maxes": [i.max_score for i, _ in waiting],
                    "template_id": template.template_id,
                },
            ).fetchall()
        }
    finally:
        cur.close()
    return [i for i, _ in waiting if i.code in failed]


def item_names(items: list[ItemSpec], lang: str) -> str:
    """``SO2 Expired goods are removed, SH1 …`` in ``lang`` (its list separator)."""
    return t("text.list_separator", lang).join(f"{i.code} {i.text(lang).rstrip('.。 ')}" for i in items)


def flat_rows(
    template: TemplateSpec, draft: Draft, store_code: str, inspector: str, inspection_id: str
) -> list[dict[str, str]]:
    rows = []
    for item in template.ordered_items():
        a = draft.items.get(item.code) or {}
        rows.append(
            {
                "inspection_id": inspection_id,
                "store_code": store_code,
                "inspected_on": draft.inspected_on.isoformat(),
                "inspector": inspector,
                "template": template.label,
                "item_code": item.code,
                "score": "N/A" if a.get("na") else ("" if a.get("score") is None else str(int(a["score"]))),
                "comment": (a.get("comment") or "").strip(),
                "photo": a.get("photo") or "",
            }
        )
    return rows


def flat_csv(rows: list[dict[str, str]]) -> bytes:
    """The rows as a UTF-8 CSV in the flat upload layout."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FLAT_HEADERS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def may_inspect(con, user, store_id: int, on: date) -> bool:
    """The server-side rule of the form: only a store whose inspection on the day ``on`` the user may write, by
    the region it will be stored with (the store's region that day: a store that moved is its old region's
    before the move)."""
    rows = pd.DataFrame({"row_no": [0], "store_id": [int(store_id)], "row_on": [pd.Timestamp(on)]})
    with db.cursor(con) as cur:
        return not store_rows_outside(cur, user.scope, rows)


@dataclass(frozen=True)
class Outcome:
    batch_id: int | None = None
    actions: int = 0
    error: str | None = None


def submit(con, user, draft: Draft, template: TemplateSpec, store_code: str, lang: str = "en") -> Outcome:
    """Import the draft as one ``inspections`` batch through the upload pipeline (same rules, same records,
    undoable), then drop the draft. A refusal comes back as ``Outcome.error`` (the draft is kept): a store outside
    the user's scope, a low score without a comment (``low_without_comment``), what the import refuses."""
    if not may_inspect(con, user, draft.store_id, draft.inspected_on):
        return Outcome(error=t("fives_intake.form.not_your_store", lang))
    low = low_without_comment(con, template, draft)
    if low:
        return Outcome(error=t("fives_intake.form.comment_needed", lang, items=item_names(low, lang)))
    inspection_id = new_inspection_id(store_code, draft.inspected_on)
    data = flat_csv(flat_rows(template, draft, store_code, user.display_name, inspection_id))
    options = pipeline.ImportOptions(lang=lang)
    try:
        prepared, result = pipeline.import_bytes(
            con, KIND, data, f"tablet-form-{inspection_id}.csv", None, options, user
        )
    except (reading.FileRefused, pipeline.NothingWritten) as exc:
        return Outcome(error=t(exc.reason, lang, **exc.values))
    if result is None:
        errors = validation.error_messages(prepared.errors, lang)
        return Outcome(error="; ".join(f"{r.column}: {r.reason}" for r in errors.itertuples()))
    cur = con.cursor()
    try:
        actions = cur.execute(
            "select count(*) from corrective_actions as a join fives_inspections as i using (inspection_id) "
            "where i.batch_id = ?",
            [result.batch_id],
        ).fetchone()[0]
    finally:
        cur.close()
    discard_draft(con, user.username)
    return Outcome(int(result.batch_id), int(actions))
