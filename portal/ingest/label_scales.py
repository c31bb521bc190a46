"""Rating answers written as their option's text (``5 - Very satisfied``, ``非常满意``, ``1 - Strongly agree``) or
as stars (``★★★★☆``, ``4星``): the point each gives on its column's scale, the way a column's numbered labels say it
runs, and the labels that show a column is on another scale than its field's (moved out of portal/ingest/cells.py,
at its size limit)."""

from __future__ import annotations

import re

import pandas as pd

from portal.i18n import Both, listed

# Answers on a rating scale as survey tools export them when asked for the options' text: a point with its label
# ("5 - Very satisfied", "5=非常满意", "4（满意）", "5分 非常满意") or, on a 1-5 satisfaction scale, the label alone
# (问卷星's default five levels and their usual variants; English as SurveyMonkey and Qualtrics word them).
_POINT_AND_LABEL = r"^\s*([0-9]{1,2})\s*分?\s*(?:[-–—=:：.、)）(（]|\s)\s*([^0-9\s].*)$"
# and the label first, its point in brackets after it ("非常愿意推荐(10)", "满意（4分）": a helper's probe's 腾讯问卷 export
# was refused cell by cell)
# (words of two characters or more without a digit: "Q3(2)", "第3题(2)", "A(1)" name a question or an option's letter)
_LABEL_AND_POINT = r"^\s*([^0-9\s(（][^0-9()（）]*[^0-9\s()（）])\s*[(（]\s*([0-9]{1,2})\s*分?\s*[)）]\s*$"
SATISFACTION_LABELS = {
    5: ("非常满意", "很满意", "十分满意", "very satisfied", "extremely satisfied", "completely satisfied"),
    4: ("满意", "比较满意", "较满意", "satisfied", "somewhat satisfied", "mostly satisfied"),
    # 基本满意: the middle of 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意 (and of a hotline's three levels)
    3: ("一般", "中立", "说不清", "基本满意", "neutral", "neither satisfied nor dissatisfied", "neither"),
    2: ("不满意", "比较不满意", "较不满意", "不太满意", "不大满意", "dissatisfied", "somewhat dissatisfied"),
    1: ("非常不满意", "很不满意", "十分不满意", "very dissatisfied", "extremely dissatisfied"),
}
# a SERVQUAL statement's 1-7 answer as survey tools word the seven levels of agreement; read on a 1-7 scale only
# (on 1-5 satisfaction 一般 or "agree" would be read on another scale's meaning)
AGREEMENT_LABELS = {
    7: ("非常同意", "完全同意", "strongly agree"),
    6: ("同意", "agree"),
    5: ("有点同意", "比较同意", "somewhat agree", "slightly agree"),
    4: ("一般", "中立", "既不同意也不反对", "neither agree nor disagree", "neutral"),
    3: ("有点不同意", "比较不同意", "somewhat disagree", "slightly disagree"),
    2: ("不同意", "disagree"),
    1: ("非常不同意", "完全不同意", "strongly disagree"),
}
_LABEL_POINTS = {label: point for point, labels in SATISFACTION_LABELS.items() for label in labels}
_AGREEMENT_POINTS = {label: point for point, labels in AGREEMENT_LABELS.items() for label in labels}


def point_and_label(text: pd.Series) -> pd.DataFrame:
    """Each cell's point (column 0) and label (column 1) where it is written as both, either way round ("5 -
    Very satisfied", "非常愿意推荐(10)"); NaN in both where it is not."""
    parts = text.str.extract(_POINT_AND_LABEL)
    missing = parts[0].isna()
    if missing.any():
        after = text[missing].str.extract(_LABEL_AND_POINT)
        parts.loc[missing, 0], parts.loc[missing, 1] = after[1], after[0]
    return parts


def _label_points(text: pd.Series, points: dict[str, int] = _LABEL_POINTS) -> pd.Series:
    """The point of each label (``points``: the 1-5 satisfaction labels'; brackets around it dropped; NaN: not a
    label the portal knows)."""
    words = text.str.strip().str.strip("()（）[]【】").str.strip().str.casefold()
    return pd.to_numeric(words.str.replace(r"\s+", " ", regex=True).map(points), errors="coerce")


# labels only a 7-point satisfaction scale has (Qualtrics' seven levels), and pairs of the five levels' words that
# a seven-level set gives two points (满意 and 比较满意; "satisfied" and "somewhat satisfied"); one word of a pair
# alone is the five levels' (较满意 is 满意 in a five-level set)
SATISFACTION_7_ONLY = frozenset(
    {"moderately satisfied", "slightly satisfied", "moderately dissatisfied", "slightly dissatisfied"}
)
SATISFACTION_7_PAIRS = (
    ("满意", "比较满意"),
    ("满意", "较满意"),
    ("不满意", "比较不满意"),
    ("不满意", "较不满意"),
    ("satisfied", "somewhat satisfied"),
    ("dissatisfied", "somewhat dissatisfied"),
)
# the words of each scale that the other's do not share (一般, neutral are both's middle)
_SATISFACTION_WORDS = (set(_LABEL_POINTS) | SATISFACTION_7_ONLY) - set(_AGREEMENT_POINTS)
_AGREEMENT_WORDS = set(_AGREEMENT_POINTS) - set(_LABEL_POINTS)
SATISFACTION_7, SATISFACTION, AGREEMENT = "satisfaction_7", "satisfaction", "agreement"
AGREEMENT_5 = "agreement_5"
# the agreement words only the seven levels have (somewhat / slightly, 有点 / 比较: points 3 and 5), and those the
# five levels share with them at other points (agree and disagree: 6 and 2 of seven, 4 and 2 of five)
_AGREEMENT_7_ONLY = {w for w, point in _AGREEMENT_POINTS.items() if point in (3, 5)}
_AGREEMENT_SHIFTED = {w for w, point in _AGREEMENT_POINTS.items() if point in (2, 6)}


def _label_words(text: pd.Series) -> pd.Series:
    """Each cell's label as ``_label_points`` reads it: the label after a point ("5 - Strongly agree"), else the
    whole cell, without brackets, casefolded, its spaces one."""
    text = text.astype(str).str.normalize("NFKC").str.strip()
    label = point_and_label(text)[1].fillna(text)
    words = label.str.strip().str.strip("()（）[]【】").str.strip().str.casefold()
    return words.str.replace(r"\s+", " ", regex=True)


# the words of each scale's ends: (scale, top) -> words; the five satisfaction levels' ends are Qualtrics' seven's
_END_WORDS = {
    (SATISFACTION, True): SATISFACTION_LABELS[5],
    (SATISFACTION, False): SATISFACTION_LABELS[1],
    (AGREEMENT, True): AGREEMENT_LABELS[7],
    (AGREEMENT, False): AGREEMENT_LABELS[1],
}
# the scale named by a top end's number (7 - Extremely satisfied: seven levels; 5 - Strongly agree: five)
_TOP_SCALES = {(SATISFACTION, 7): SATISFACTION_7, (AGREEMENT, 5): AGREEMENT_5}


def numbered_ends(s: pd.Series, low: float, high: float) -> tuple[str, list[str]] | None:
    """The scale a column's numbered labels show when a label naming a scale's top or bottom ("5 - Strongly
    agree", "1 = Very dissatisfied", "5分 非常满意") stands at a number that is neither end of ``low``-``high``:
    the number is that scale's end, so the column is on that scale (a top's number tells its size where the
    portal knows it: 7 satisfaction levels, 5 agreement ones), with the cells that show it; else None. A number
    at one of the field's ends is read as before (a tool running 1 = best is ``scale_direction``'s)."""
    text = s.dropna().astype(str).str.normalize("NFKC").str.strip()
    number = pd.to_numeric(point_and_label(text)[0], errors="coerce")
    off = number.notna() & ~number.isin([low, high])
    if not off.any():
        return None
    cells, numbers = text[off], number[off]
    words = _label_words(cells)
    # (0 a top, 1 a bottom; the scale the label names; the scale its words are of; the cell)
    found: list[tuple[int, str, str, str]] = []
    for (family, top), ends in _END_WORDS.items():
        at = words.isin(ends).to_numpy(dtype=bool)
        for cell, n in zip(cells[at], numbers[at], strict=True):
            named = _TOP_SCALES.get((family, int(n)), family) if top else family
            found.append((0 if top else 1, named, family, cell))
    if not found:
        return None
    _, scale, family, _ = min(found)  # a top says the most (its size)
    return scale, list(dict.fromkeys(cell for *_, words_of, cell in found if words_of == family))


def other_scale_labels(
    s: pd.Series, low: float, high: float, *, read_only: bool = False
) -> tuple[str, list[str]] | None:
    """The scale whose options a rating column's labels are when it is not the field's ``low``-``high`` one
    (``SATISFACTION_7``: seven satisfaction levels on a 1-5 field; ``AGREEMENT``: agreement labels on it;
    ``SATISFACTION``: satisfaction labels on a 1-7 field; ``AGREEMENT_5``: the five agreement levels on it;
    on any rating field, a numbered label naming the end of another scale: ``numbered_ends``; on 1-7, numbered
    agreement labels at their five-level point: ``five_agreement_points``), with the labels
    that show it; else None. ``read_only``: only the signs of labels the portal would read on another point
    than they mean (a pair of the seven levels' words, 满意 with 比较满意; a numbered end); a word it never
    reads (Moderately satisfied, Strongly agree) is left to be its row's error."""
    words = _label_words(s.dropna())
    if (low, high) == (1, 5):
        given = set(words)
        seven = [] if read_only else [w for w in dict.fromkeys(words) if w in SATISFACTION_7_ONLY]
        seven += [w for pair in SATISFACTION_7_PAIRS if set(pair) <= given for w in pair]
        if seven:
            return SATISFACTION_7, list(dict.fromkeys(seven))
        agreement = words[words.isin(_AGREEMENT_WORDS)]
        if len(agreement) and not read_only:
            return AGREEMENT, list(dict.fromkeys(agreement))
    elif (low, high) == (1, 7):
        satisfaction = words[words.isin(_SATISFACTION_WORDS)]
        if len(satisfaction):
            return SATISFACTION, list(dict.fromkeys(satisfaction))
        # agreement labels alone with agree or disagree but no "somewhat" level: the five levels, which SPEC
        # maps to no point of 1-7 (read as seven levels' agree 6, a five-level agree is 5.5 on a line); a
        # labelled point ("6 - Agree") says its point, and the ends and the middle are alike on both sets
        numbered = point_and_label(s.dropna().astype(str).str.normalize("NFKC"))[0].notna()
        alone = words[
            ~numbered.to_numpy(dtype=bool) & words.isin(set(_AGREEMENT_POINTS)).to_numpy(dtype=bool)
        ]
        if alone.isin(_AGREEMENT_SHIFTED).any() and not alone.isin(_AGREEMENT_7_ONLY).any():
            return AGREEMENT_5, list(dict.fromkeys(alone))
    ends = numbered_ends(s, low, high)
    return five_agreement_points(s) if ends is None and (low, high) == (1, 7) else ends


# the five agreement levels' points (strongly agree 5, agree 4, neutral 3, disagree 2, strongly disagree 1) by
# the seven levels' point of the same words; the "somewhat" levels (3 and 5 of seven) have none
_FIVE_OF_SEVEN = {7: 5, 6: 4, 4: 3, 2: 2, 1: 1}


def five_agreement_points(s: pd.Series) -> tuple[str, list[str]] | None:
    """On a 1-7 item, numbered agreement labels whose number is their words' point of the five levels (either
    way) and neither their point of the seven nor its mirror ("4 - Agree", "3 - Neutral"; a five-level scale
    running the other way: "4 - Disagree"): ``AGREEMENT_5`` with those cells, else None. "2 - Disagree" or
    "1 - Strongly disagree" sit alike on both sets and show nothing."""
    text = s.dropna().astype(str).str.normalize("NFKC").str.strip()
    number = pd.to_numeric(point_and_label(text)[0], errors="coerce")
    seven = _label_words(text).map(_AGREEMENT_POINTS)
    five = seven.map(_FIVE_OF_SEVEN)
    on_seven = (number == seven) | (number == 8 - seven)
    on_five = (number == five) | (number == 6 - five)
    shown = (number.notna() & on_five & ~on_seven).to_numpy(dtype=bool)
    return (AGREEMENT_5, list(dict.fromkeys(text[shown]))) if shown.any() else None


# the labels a scale's points are read by (1-5: the satisfaction levels; 1-7, a SERVQUAL item: the seven agreement
# levels), and the words of another scale the portal knows, no answer there even with a number before them ("5 -
# Strongly agree" on a 1-5 satisfaction: agreement words answer no satisfaction question)
_OWN_POINTS = {(1, 5): _LABEL_POINTS, (1, 7): _AGREEMENT_POINTS}
_FOREIGN_WORDS = {(1, 5): _AGREEMENT_WORDS | SATISFACTION_7_ONLY, (1, 7): _SATISFACTION_WORDS}


# A rating exported as stars (网易七鱼, 智齿: "★★★★☆", "4星", "4 颗星"): the filled stars are the point
_STAR_CELL = r"^\s*([★⭐☆]+)\s*$"
_STAR_COUNT = r"^\s*([0-9]{1,2})\s*(?:颗星|星|stars?)\s*$"


def star_points(text: pd.Series, high: float) -> pd.Series:
    """The point of each cell written as stars: the filled ones (★, ⭐) where the stars shown are the scale's
    ``high`` or only filled ones (★★★★☆ on 1-5 is 4; seven stars shown are another scale's: NaN), or the number
    before 星 / stars ("4星"); NaN elsewhere."""
    stars = text.str.extract(_STAR_CELL)[0]
    filled = stars.str.count("[★⭐]")
    shown = stars.str.len()
    by_stars = filled.where((filled == shown) | (shown == high))
    counted = pd.to_numeric(text.str.extract(_STAR_COUNT, flags=re.IGNORECASE)[0], errors="coerce")
    return pd.to_numeric(by_stars, errors="coerce").where(stars.notna(), counted).astype("float64")


def scale_points(s: pd.Series, low: float, high: float, *, against: bool = False):
    """The point each cell gives on a ``low``-``high`` rating scale when it is written as a point with its label
    or, on a 1-5 scale, as a satisfaction label alone, on a 1-7 scale as an agreement label alone
    (``AGREEMENT_LABELS``; NaN where it is neither, or the point is off the scale, or a number's label is words of
    another scale: ``_FOREIGN_WORDS``).

    On a 1-5 or 1-7 scale a label the portal knows is the answer's meaning, whatever number stands before it: a
    tool whose scale runs the other way writes "1 - Very satisfied" (问卷星 "1（非常满意）"), which is 5 here, not
    1 (its number read, a very satisfied customer counted as very dissatisfied), and "1 - Strongly agree" on a
    1-7 item, 7. ``against``: also return the cells whose label said otherwise than their number (a boolean
    Series)."""
    text = s.astype(str).str.normalize("NFKC").str.strip()
    parts = point_and_label(text)
    point = pd.to_numeric(parts[0], errors="coerce")
    turned = pd.Series(False, index=s.index)
    own = _OWN_POINTS.get((low, high))
    if own is not None:
        said = _label_points(parts[1].fillna(""), own)
        turned = (point.notna() & said.notna() & (said != point)).astype(bool)
        point = point.where(said.isna(), said)  # the label wins where the portal knows it
        point = point.where(point.notna() | parts[1].notna(), _label_points(text, own))  # a label alone
        foreign = parts[0].notna() & _label_words(text).isin(_FOREIGN_WORDS[(low, high)])
        point = point.where(~foreign.to_numpy(dtype=bool))
    point = point.where(point.notna(), star_points(text, high))
    point = point.where(point.between(low, high)).astype("float64")
    return (point, turned & point.notna()) if against else point


def reversed_values(low: float, high: float) -> dict:
    """The values of the notices of a scale read the other way (``ingest.notice.scale_reversed`` and
    ``..._numbers``): the best answer by its words, and each number's mirror (1 = 5, 2 = 4 …)."""
    top = int(high)
    best = ("very satisfied", "非常满意") if (low, high) == (1, 5) else ("strongly agree", "非常同意")
    mirror = [f"{n} = {int(low) + top - n}" for n in range(int(low), top + 1)]
    return {"top": top, "best": Both(f"{top} = {best[0]}", f"{top} = {best[1]}"), "mirror": listed(mirror)}


REVERSED, MIXED = "reversed", "mixed"


def scale_direction(s: pd.Series, low: float, high: float) -> tuple[str | None, pd.Series]:
    """How the answers written as a point with its label (``5 - Very satisfied``, 问卷星 ``1（非常满意）``; on a
    1-7 item ``1 - Strongly agree``) say a 1-5 or 1-7 column runs, and which cells a label the portal knows reads (a boolean Series): a column is read one
    way, never half one way and half the other (a probe: ``1（非常满意）``, ``2``, ``5（非常不满意）`` read 5, 2, 1).

    ``REVERSED``: some label says otherwise than its number and every labelled point is its label's mirror
    (1 = 5, 2 = 4, 3 = 3; on 1-7, 1 = 7 …): the tool's 1 is the best, and a number written alone (``2``) is on that scale too.
    ``MIXED``: some labels say otherwise than their number, others agree with theirs off the middle: the labels
    do not tell how a number alone is meant. None: no label says otherwise (or neither a 1-5 nor a 1-7 scale)."""
    text = s.astype(str).str.normalize("NFKC").str.strip()
    parts = point_and_label(text)
    own = _OWN_POINTS.get((low, high), _LABEL_POINTS)
    said = _label_points(parts[1].fillna(""), own)
    by_label = (said.notna() | (parts[1].isna() & _label_points(text, own).notna())).astype(bool)
    # stars: more is better, whichever way the labels run
    by_label = by_label | star_points(text, high).notna()
    if (low, high) not in _OWN_POINTS:
        return None, by_label
    point = pd.to_numeric(parts[0], errors="coerce")
    both = point.notna() & said.notna()
    mirrored = both & (said == low + high - point)
    turned = both & (said != point)
    if not turned.any():
        return None, by_label
    if (both & (said == point) & ~mirrored).any() or (turned & ~mirrored).any():
        return MIXED, by_label
    return REVERSED, by_label
