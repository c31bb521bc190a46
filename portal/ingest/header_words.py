"""A file's headers as the column mapping compares them with a field's template headers and aliases: normalised,
split into words, and what a header's words say of its column (a duration, a group, a Chinese head noun)."""

from __future__ import annotations

import re

from portal.ingest.cells import simplified

_NOISE = re.compile(r"[\s_\-./()（）:：#\[\]【】*]+")


def normalise_header(text: str) -> str:
    """Case, spaces, punctuation, the BOM and Traditional characters (受理時間 is 受理时间) do not tell two headers
    apart."""
    return _NOISE.sub("", simplified(str(text).replace("\ufeff", "").casefold()))


_WORD = re.compile(r"[a-z0-9]+|[^\sa-z0-9_\-./()（）:：#\[\]【】*,，、?？!！。]+")


def header_words(text: str) -> tuple[str, ...]:
    """A header's words: runs of Latin letters and digits, or of other script (a Chinese run is one word, its
    Traditional characters written Simplified)."""
    return tuple(_WORD.findall(simplified(str(text).replace("\ufeff", "").casefold())))


def contains_words(words: tuple[str, ...], alias: tuple[str, ...]) -> bool:
    """Whether the header's ``words`` hold ``alias``'s words, in a row."""
    n = len(alias)
    return n > 0 and any(words[i : i + n] == alias for i in range(len(words) - n + 1))


# A header naming a unit of time holds a duration ("First reply time in minutes", "Resolution time (in hrs)",
# "响应时长（分钟）"), never a date and time: it is not suggested for a timestamp or date field.
_DURATION_WORDS = frozenset(
    {
        "duration",
        "seconds",
        "second",
        "secs",
        "sec",
        "minutes",
        "minute",
        "mins",
        "min",
        "hours",
        "hour",
        "hrs",
    }
    | {"hr", "days", "秒", "分钟", "小时", "天数", "天"}
)
_DURATION_PIECES = ("时长", "耗时", "分钟", "小时")


def is_duration(words: tuple[str, ...]) -> bool:
    # "Time to first response", "Time to resolution" (Jira Service Management, Zendesk's SLA reports): a duration
    return words[:2] == ("time", "to") or any(
        w in _DURATION_WORDS or any(p in w for p in _DURATION_PIECES) for w in words
    )


# A duration counted in business hours (Zendesk's "First reply time in minutes within business hours", 工作时间内
# 处理时长): added to a received time it gives no moment, so it is never suggested for a complaint's duration field.
_BUSINESS_WORDS = frozenset({"business", "working", "workday", "workdays"})
_BUSINESS_PIECES = ("工作时间", "工作时长", "营业时间", "工作日", "工时")


def is_business_hours(words: tuple[str, ...]) -> bool:
    return any(w in _BUSINESS_WORDS or any(p in w for p in _BUSINESS_PIECES) for w in words)


# A header naming a group holds a class of the answers, never the score itself: Qualtrics' "Q2_NPS_GROUP"
# (1/2/3: detractor, passive, promoter), "NPS category", "NPS分组" are not the 0-10 likelihood to recommend.
_GROUP_WORDS = frozenset({"group", "groups", "grouping", "category", "categories", "segment", "class"})
_GROUP_PIECES = ("分组", "组别", "类别", "分类")


def is_grouping(words: tuple[str, ...]) -> bool:
    return any(w in _GROUP_WORDS or any(p in w for p in _GROUP_PIECES) for w in words)


def ends_with_noun(words: tuple[str, ...], noun: str) -> bool:
    """Whether a Chinese word of the header ends with ``noun`` after a qualifier: a Chinese compound names its
    kind of thing by its last word (投诉门店 is a store, 受理渠道 a channel, 工单分类 a category, 处理客服 an
    agent), where a header's Chinese run is one word and never equals the noun alone (``Field.head_nouns``)."""
    return any(len(w) > len(noun) and w.endswith(noun) for w in words)


# A survey tool names a column by its question: 问卷星 numbers it and ends it with full-width punctuation
# ("2、您对本次服务的总体满意度：", "3、您向朋友推荐我们的可能性有多大？"), others write "Q2." or "第2题"
_QUESTION_NUMBER = re.compile(r"^\s*(?:q\s*\d+\s*[.．、:：)）_-]?|第\s*\d+\s*题|\d+\s*[、.．:：)）])\s*")
_QUESTION_END = re.compile(r"[\s:：?？!！。.]+$")


def question_text(header: str) -> str | None:
    """The question a header is (its number and closing punctuation stripped, Traditional characters written
    Simplified, lower case), or None for a header that neither starts with a question number nor ends with a
    question mark or a colon."""
    text = simplified(str(header).replace("\ufeff", "").strip().casefold())
    bare = _QUESTION_NUMBER.sub("", text, count=1)
    if bare == text and not _QUESTION_END.search(text):
        return None
    return _QUESTION_END.sub("", bare) or None


# A question asking whether (是否, 会不会, 能否 ...; 吗 at its end) is answered yes or no: its last word naming a thing
# (「您是否会再次光临本门店？」 ends in 门店) does not make its answers that thing
_WHETHER = re.compile(r"是否|会不会|能不能|能否|可否|愿不愿|有没有|是不是|吗$")


def asks_whether(header: str) -> bool:
    """Whether ``header`` is a survey question asking whether (``question_text``; answered yes or no)."""
    question = question_text(header)
    return question is not None and _WHETHER.search(question) is not None


# What may stand between the pieces of a question's ask: words that name no other thing (的, 您, 我们, 本次, 服务,
# 而言 ...) and at most _ASK_GAP other characters. 「您对门店整体环境的满意度」 holds 整体 … 满意 around 环境, the store's
# surroundings: not the overall satisfaction (review of c00985e)
_ASK_FILLER = re.compile(r"的|我们|您|你|对|本店|我店|本次|此次|这次|服务|而言|来说|[\s,，、]")
_ASK_GAP = 1


def _find(question: str, piece: str, at: int) -> int:
    """Where ``piece`` is in ``question`` from ``at`` on, else -1; a piece ending in "$" only at the question's
    end (「您光临的门店是」 names the store it asks for, 「门店是否整洁」 does not)."""
    if not piece.endswith("$"):
        return question.find(piece, at)
    found = len(question) - len(piece) + 1
    return found if found >= at and question.endswith(piece[:-1]) else -1


def _pieces_gap(question: str, pieces: tuple[str, ...]) -> int | None:
    """The fewest characters between ``pieces`` found in order in ``question`` with only a short gap between each
    two (``_ASK_FILLER``, ``_ASK_GAP``), or None."""
    best = None
    start = _find(question, pieces[0], 0)
    while start >= 0:
        at, total = start + len(pieces[0].removesuffix("$")), 0
        for piece in pieces[1:]:
            found = _find(question, piece, at)
            if found < 0 or len(_ASK_FILLER.sub("", question[at:found])) > _ASK_GAP:
                break
            total, at = total + found - at, found + len(piece.removesuffix("$"))
        else:
            best = total if best is None else min(best, total)
        start = _find(question, pieces[0], start + 1)
    return best


# 问卷星 heads each row of a matrix question "5、title—row": the row says what its column asks, the title is the
# whole matrix's ("请您对本店的总体满意度打分—服务态度" is the staff's attitude, not the overall satisfaction). One em
# dash only: two (——, the Chinese dash of a sentence: "总体满意度——请打分") are punctuation within the question
_MATRIX_ROW = re.compile(r"(?<!—)—(?!—)")


def matrix_row(question: str) -> str:
    """The row of a matrix question's column (the text after its last single em dash), else the question itself."""
    row = _MATRIX_ROW.split(question)[-1].strip()
    return row or question


def ask_gap(f, header: str) -> int | None:
    """How tightly ``header``, a survey question, asks for the field ``f`` (a ``kinds.Field``): the fewest
    characters between the pieces of one of ``f.asks`` found in it (a matrix question: in its row, ``matrix_row``)
    in order with a short gap (0: side by side), None when it does not ask for it. The tightest question is
    suggested first."""
    question = question_text(header) if f.asks else None
    if question is None:
        return None
    question = matrix_row(question)
    gaps = [g for pieces in f.asks if (g := _pieces_gap(question, pieces)) is not None]
    return min(gaps, default=None)


def asks_for(f, header: str) -> bool:
    """Whether ``header`` is a survey question asking for the field ``f`` (``ask_gap``)."""
    return ask_gap(f, header) is not None


def names_field(f, header: str) -> bool:
    """Whether ``header`` names the field ``f`` (a ``kinds.Field``) as the mapping's suggestion reads it: one of
    its template headers or aliases as whole words, one of its ``head_nouns`` at the end of a Chinese word, or a
    survey question asking for it (``asks_for``)."""
    words = header_words(header)
    return (
        any(contains_words(words, header_words(h)) for h in f.headers)
        or any(ends_with_noun(words, noun) for noun in f.head_nouns)
        or asks_for(f, header)
    )


# A part of a person's name (an HR roster's "First Name" beside "Last Name"): never the whole name a field reads (a
# helper's probe: "First Name" was suggested for the agent's name, and committing renamed 王伟 to "Wei")
_NAME_PARTS = frozenset(
    {("first", "name"), ("last", "name"), ("given", "name"), ("family", "name"), ("middle", "name")}
)


def is_name_part(words: tuple[str, ...]) -> bool:
    pairs = set(zip(words, words[1:], strict=False))
    return bool(pairs & _NAME_PARTS) or any(
        w in ("surname", "forename", "firstname", "lastname") for w in words
    )


def as_written(header: str) -> str:
    """A header as written, for ``Field.tool_aliases`` and ``fallback_aliases``: case, spaces and underscores, a
    trailing colon and a trailing bracketed qualifier aside (``Assigned To (Name)``, ``assigned_to``, ``Location:``),
    its signs kept (``Employee #`` is not ``Employee``)."""
    text = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", str(header).casefold().strip())
    return re.sub(r"[\s_]+", "", text).rstrip(":：")
