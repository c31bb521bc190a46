"""A survey tool's response type (Qualtrics' Status, 问卷星's 答卷状态): rows that are no customer's answer are
refused, and values the portal does not know are listed in a notice (their rows kept as answers).

Words in any file's response-type column; Qualtrics' numeric codes (1 preview, 2 test, 8 spam, 9 preview spam, 12
imported spam, 17 offline preview; 0 IP address, 4 imported, 16 offline are answers) only in a file that is
recognisably a Qualtrics export, since another tool's "Status" of 1 or 2 means something else. A value is
compared casefolded, its spaces, hyphens and underscores as one space ("Screened-Out" is "screened out").
"""

from __future__ import annotations

import re

from portal.i18n import listed
from portal.ingest.core import CheckContext

# no customer's answer: a preview's NPS 0 is never a detractor ("skip invalid rows" leaves them out). Before
# disqualified, deleted, screened-out, over-quota and invalid (无效, 作废) responses were stored as answers
NOT_RESPONSES = frozenset(
    {
        "survey preview",
        "preview",
        "survey test",
        "test",
        "spam",
        "preview spam",
        "imported spam",
        "offline survey preview",
        "disqualified",
        "deleted",
        "screened out",
        "screen out",
        "screenout",
        "over quota",
        "overquota",
        "quota full",
        "预览",
        "测试",
        "垃圾答卷",
        "无效",
        "无效答卷",
        "作废",
        "已作废",
        "作废答卷",
        "已删除",
        "删除",
    }
)
QUALTRICS_NOT_RESPONSES = frozenset({"1", "2", "8", "9", "12", "17"})
# response types of a customer's answer: kept without a word
ANSWERS = frozenset(
    {
        "ip address",
        "imported",
        "offline",
        "anonymous",
        "complete",
        "completed",
        "finished",
        "partial",
        "valid",
        "normal",
        "有效",
        "有效答卷",
        "正常",
        "完成",
        "已完成",
        "已提交",
        "部分完成",
    }
)
QUALTRICS_ANSWERS = frozenset({"0", "4", "16"})
# Columns every Qualtrics response export has, under its column ids or its question texts
_QUALTRICS_HEADERS = ({"responseid", "recordeddate"}, {"response id", "recorded date"})
_SEPARATORS = re.compile(r"[\s\-_]+")
UNKNOWN_SHOWN = 10  # values the notice names


def is_qualtrics_export(headers: list[str]) -> bool:
    """Whether a file's headers are those of a Qualtrics response export (ResponseId and RecordedDate)."""
    seen = {str(h).strip().casefold() for h in headers}
    return any(needed <= seen for needed in _QUALTRICS_HEADERS)


def _normal(value) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return _SEPARATORS.sub(" ", value.strip().casefold())


def check_response_type(ctx: CheckContext) -> None:
    """Refuse the rows whose response type is no customer's answer; list the values the portal does not know."""
    if "response_type" not in ctx.present:
        return
    given = ctx.values["response_type"].astype(object)
    kind = given.map(_normal)
    qualtrics = is_qualtrics_export(ctx.headers)
    refused = NOT_RESPONSES | QUALTRICS_NOT_RESPONSES if qualtrics else NOT_RESPONSES
    ctx.add_error(kind.isin(refused), "response_type", "sat.import.error.not_a_response")
    known = refused | ANSWERS | (QUALTRICS_ANSWERS if qualtrics else frozenset())
    unknown = kind.notna() & ~kind.isin(known)
    if unknown.any():
        values = given[unknown].map(lambda x: x.strip())
        counts = values.value_counts(sort=False)
        first = {value: i for i, value in reversed(list(enumerate(values)))}
        order = sorted(
            counts.index, key=lambda value: (-counts[value], first[value])
        )  # most first, then file order
        shown = [f"{value} ({counts[value]})" for value in order[:UNKNOWN_SHOWN]]
        ctx.add_notice(
            "sat.import.notice.unknown_response_types",
            column=ctx.column_of("response_type"),
            n=int(unknown.sum()),
            values=listed(shown, len(order) > UNKNOWN_SHOWN),
        )
