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

from portal import writes
from portal.fives_intake.fields import FLAT_HEADERS
from portal.fives_intake.kind import KIND
from portal.fives_intake.sheet_download import new_inspection_id
from portal.fives_intake.template import TemplateSpec
from portal.i18n import t
from portal.ingest import pipeline, reading, validation


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


def may_inspect(user, store_id: int) -> bool:
    """The server-side rule of the form: only a store of the user's own scope."""
    return user.scope.all_stores or int(store_id) in set(user.scope.store_ids)


@dataclass(frozen=True)
class Outcome:
    batch_id: int | None = None
    actions: int = 0
    error: str | None = None


def submit(con, user, draft: Draft, template: TemplateSpec, store_code: str, lang: str = "en") -> Outcome:
    """Import the draft as one ``inspections`` batch through the upload pipeline (same rules, same records,
    undoable), then drop the draft. A refusal comes back as ``Outcome.error`` (the draft is kept)."""
    if not may_inspect(user, draft.store_id):
        return Outcome(error=t("fives_intake.form.not_your_store", lang))
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
