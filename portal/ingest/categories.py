"""Category groups (issue 9 item 7): the source's own category is kept as it is (``category_raw``); its standard
group (``vocab.CATEGORY_GROUPS``) comes from, in this order,

1. the value map (``ImportOptions.value_map["category"]``: the user's choice in the form or
   ``--map-value category:VALUE=GROUP``; a saved mapping keeps it),
2. the group's own name in either language ("Product quality", "product_quality", "产品质量"),
3. a keyword of the table below found as a *whole word* of the category (English words are compared word by
   word, so "Bank account or service" is not *service attitude* and "Noise" or "Illegal Parking" are no store's
   environment: neither "service", "noise" nor "parking" is a keyword alone). Chinese is written without spaces:
   a Chinese keyword (always two characters or more) is found inside a run of Chinese characters,
4. else *other*.
Nothing here imports streamlit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import pandas as pd

from portal.ingest.cells import map_distinct, simplified
from portal.ingest.kinds import normalise_choice_text
from portal.vocab import CATEGORY_GROUPS

# The standard groups by keyword, first match in this order wins. English keywords are whole words or phrases
# of whole words (each word form listed: no stemming); Chinese keywords are matched inside Chinese text.
KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "returns_after_sales",
        (
            "return",
            "returns",
            "returned",
            "refund",
            "refunds",
            "refunded",
            "exchange",
            "exchanges",
            "after sales",
            "aftersales",
            "warranty",
            "repair",
            "repairs",
            "退货",
            "退款",
            "退换",
            "换货",
            "售后",
            "维修",
            "保修",
        ),
    ),
    (
        "delivery",
        (
            "delivery",
            "deliveries",
            "delivered",
            "deliver",
            "shipping",
            "shipment",
            "shipped",
            "courier",
            "logistics",
            "late order",
            "配送",
            "物流",
            "送货",
            "快递",
            "发货",
        ),
    ),
    (
        "price",
        (
            "price",
            "prices",
            "pricing",
            "overcharge",
            "overcharged",
            "overcharging",
            "discount",
            "discounts",
            "coupon",
            "coupons",
            "价格",
            "收费",
            "价钱",
            "多收",
            "优惠",
            "标价",
        ),
    ),
    (
        "product_quality",
        (
            "quality",
            "defect",
            "defects",
            "defective",
            "faulty",
            "broken",
            "expired",
            "damaged",
            "spoiled",
            "mouldy",
            "moldy",
            "质量",
            "过期",
            "破损",
            "变质",
            "瑕疵",
        ),
    ),
    (
        "service_attitude",
        (
            "attitude",
            "rude",
            "rudeness",
            "impolite",
            "unfriendly",
            "discourteous",
            "customer service",
            "poor service",
            "bad service",
            "态度",
            "不礼貌",
            "服务差",
        ),
    ),
    (
        "store_environment",
        (
            "store environment",
            "shop environment",
            "dirty",
            "unclean",
            "cleanliness",
            "hygiene",
            "toilet",
            "toilets",
            "restroom",
            "restrooms",
            "queue",
            "queues",
            "queuing",
            "门店环境",
            "环境",
            "卫生",
            "排队",
            "厕所",
        ),
    ),
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u9fff]")


def _words(text: str) -> list[str]:
    return _WORD.findall(str(text).casefold())


def _is_chinese(word: str) -> bool:
    return bool(_HAN.search(word))


@functools.cache
def _names() -> Mapping[str, str]:
    """Each group's own names (id, English and Chinese label), normalised like a choice: built once a process (the
    labels are the vocabulary's; each goes through OpenCC, which made it ~0.08 ms a value of ``groups``)."""
    from portal.i18n import TABLE

    out: dict[str, str] = {}
    for group in CATEGORY_GROUPS:
        texts = [group, group.replace("_", " ")]
        texts += list(TABLE.get(f"complaints.category.{group}", ()))
        for text in texts:
            out[normalise_choice_text(text)] = group
            out[" ".join(_words(text))] = group
    return out


def standard_group(text: str) -> str | None:
    """The group ``text`` names exactly ("Product quality", "product_quality", "产品质量"), or None."""
    names = _names()
    return names.get(normalise_choice_text(text)) or names.get(" ".join(_words(text)))


def keyword_group(text: str) -> str | None:
    """The group of the first keyword found as a whole word (Chinese: inside Chinese text), or None."""
    words = _words(text)
    padded = f" {' '.join(words)} "
    han = "".join(w for w in words if _is_chinese(w))
    for group, keywords in KEYWORDS:
        for keyword in keywords:
            if _is_chinese(keyword):
                if keyword in han:
                    return group
            elif f" {' '.join(_words(keyword))} " in padded:
                return group
    return None


def suggest_group(text: str) -> str | None:
    """The group a category most likely belongs to without the user's say: its own name, else a keyword (in
    Traditional characters too: 商品質量問題 as 商品质量问题)."""
    text = simplified(text)
    return standard_group(text) or keyword_group(text)


def groups(raw: pd.Series, value_map: Mapping[str, str] | None = None) -> pd.Series:
    """The standard group of each source category: the value map, the group's name, a keyword, else *other*
    (a blank category: *other*). Worked out once per distinct category."""
    explicit = {normalise_choice_text(k): v for k, v in (value_map or {}).items()}
    found: dict[str, str] = {}
    for text in pd.unique(raw.dropna()):
        key = normalise_choice_text(text)
        if key in explicit:  # the user's choice; "" (no group) counts as other
            found[text] = explicit[key] if explicit[key] in CATEGORY_GROUPS else "other"
        else:
            found[text] = suggest_group(str(text)) or "other"
    return map_distinct(raw, found).fillna("other").astype(object)
