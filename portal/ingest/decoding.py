"""Decoding an uploaded CSV's bytes (split from ``portal.ingest.reading`` for size, which re-exports these names):
UTF-8 with or without BOM, UTF-16 with BOM, GBK / GB18030 (Chinese Excel), CP949, Shift-JIS, Big5; a binary file
renamed .csv and a file mixing two encodings are refused."""

from __future__ import annotations

import re
import unicodedata

from portal.i18n import listed
from portal.ingest.bounds import SNIFF_BYTES
from portal.ingest.raw import FileRefused

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls (and other Office binaries)

# the openings of binary files people rename to .csv (beside the workbooks and archives the reader refuses by name)
BINARY_MAGICS = (
    ZIP_MAGIC,
    OLE_MAGIC,
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF",
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"SQLite format 3\x00",
)


def _looks_binary(sample: bytes) -> bool:
    """Binary by a known opening or by the share of control bytes (NUL included): more than 1 % of the sample
    (at least 3). A text file with a stray NUL is text, refused naming the NUL's line (``_refuse_nul``); any NUL
    made a 300-row CSV 'not a text file' where a longer one, its NUL past the first 64 KB, had its line named."""
    if sample.startswith(BINARY_MAGICS):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    return controls > max(2, len(sample) // 100)


def decode_text(data: bytes, file_name: str = "") -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK) or, when
    the bytes read far better so, CP949 / Shift-JIS / Big5, else the best guess of charset-normalizer; a binary
    file is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if _looks_binary(data[:SNIFF_BYTES]):
        raise FileRefused(
            "ingest.refused.binary",
            "The file {name} is not a text file (it holds binary data). Upload a CSV or an .xlsx workbook.",
            name=file_name,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not gbk_read_as_utf8(data, text):
            return text, "utf-8"
        return data.decode("gb18030"), "gb18030"
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM in front of GBK bytes (some tools add one)
    _refuse_mixed_encodings(data, file_name)
    legacy = east_asian_legacy_encoding(data)
    if legacy is not None:
        try:
            return data.decode(legacy), legacy
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * SNIFF_BYTES]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise FileRefused(
        "ingest.refused.encoding",
        "The characters of {name} cannot be read as UTF-8 or GBK. Save the file as 'CSV UTF-8' and upload it again.",
        name=file_name,
    )


# GBK bytes whose every character is a GB2312 one (lead byte A1-F7, trail byte A1-FE: the common hanzi and
# Chinese punctuation); such a pair can also be a valid two-byte UTF-8 character (郑爽, D6A3 CBAC, is UTF-8 for
# "\u05a3\u02ec"). Two-byte UTF-8 whose every trail byte is A1-BF passes the byte test.
_NOT_GB2312_TRAIL = re.compile(rb"[\x80-\xa0]")
_BEYOND_TWO_BYTES = re.compile("[^\x00-\u07ff]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_IMPLAUSIBLE = frozenset({"Lm", "Cc", "Cn", "Co"})  # modifier letters, C1 controls, unassigned, private use
_MARKS = frozenset({"Mn", "Mc", "Me"})


def gbk_read_as_utf8(data: bytes, text: str) -> bool:
    """Whether ``data``, valid UTF-8 (read as ``text``), is GBK after all: a short GBK file whose few Chinese
    characters happen to form valid UTF-8. Only a short file (the first ``SNIFF_BYTES``: a longer GBK file all
    but never passes as UTF-8), only when every byte pair is a GB2312 character and every character of the
    UTF-8 reading a two-byte one (U+0080-U+07FF, no CJK), and only when that reading is no text anyone writes:
    a modifier letter or control character, a combining mark that composes with nothing before it, or letters
    of two scripts in one run (Hebrew beside Greek). Accented European names (Hélène, O´Brien, «José», decomposed
    ones as macOS writes them), Cyrillic and Greek keep their UTF-8."""
    if len(data) > SNIFF_BYTES or text.isascii() or _BEYOND_TWO_BYTES.search(text):
        return False
    if _NOT_GB2312_TRAIL.search(data):  # a two-byte UTF-8 character with a trail byte below A1: not GB2312
        return False
    for found in _NON_ASCII_RUN.finditer(text):
        scripts = set()
        for at, ch in enumerate(found.group(), found.start()):
            kind = unicodedata.category(ch)
            if kind in _IMPLAUSIBLE or (kind == "Sk" and ch >= "\u02b0"):  # tone bars, not Latin-1's ´ ¨ ¸
                return True
            if kind in _MARKS:
                before = text[at - 1] if at else ""
                if not before or len(unicodedata.normalize("NFC", before + ch)) != 1:
                    return True  # a mark on nothing it composes with (郑: a Hebrew accent after a comma)
            elif kind.startswith("L"):
                scripts.add(unicodedata.name(ch, "?").split(" ")[0])
        if len(scripts) > 1:
            return True
    return False


def _refuse_mixed_encodings(data: bytes, file_name: str) -> None:
    """A file that is not UTF-8 as a whole but holds lines that are (rows pasted from a UTF-8 file into a GBK
    one): decoding it one way garbles the other rows (商品 stored as 鍟嗗搧), so it is refused, lines named."""
    utf8_lines, other = [], False
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line or max(line) < 0x80:
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other = True
            continue
        if sum(1 for b in line if b >= 0x80) >= 6:  # a short line can be valid UTF-8 by chance
            utf8_lines.append(number)
    if other and utf8_lines:
        shown = listed(utf8_lines[:5], more=len(utf8_lines) > 5)
        raise FileRefused(
            "ingest.refused.mixed_encoding",
            "The file {name} mixes two text encodings: line(s) {lines} are UTF-8, the other lines are not "
            "(GBK or another legacy encoding). Save the whole file again as 'CSV UTF-8' and upload it.",
            name=file_name,
            lines=shown,
        )


# Legacy code pages that decode each other's bytes without an error (GB18030 reads CP949 Korean or Shift-JIS as
# strange Chinese): charset-normalizer picks the one whose text looks least chaotic, GB18030 on a tie.
LEGACY_EAST_ASIAN = ("gb18030", "cp949", "cp932", "big5")


def east_asian_legacy_encoding(data: bytes) -> str | None:
    """GB18030, CP949 (Korean), CP932 (Shift-JIS) or Big5 for non-UTF-8 bytes; None when none fits."""
    from charset_normalizer import from_bytes

    sample = data if len(data) <= 8 * SNIFF_BYTES else data[: 8 * SNIFF_BYTES].rsplit(b"\n", 1)[0]
    chaos = {r.encoding: r.chaos for r in from_bytes(sample, cp_isolation=list(LEGACY_EAST_ASIAN))}
    if not chaos:
        return None
    best = min(chaos, key=chaos.get)
    if "gb18030" in chaos and chaos["gb18030"] <= chaos[best] + 0.02:
        return "gb18030"
    if best in ("cp949", "cp932") and {"cp949", "cp932"} <= chaos.keys():
        best = _korean_or_japanese(sample)
    if best == "cp949" and "gb18030" in chaos and not _reads_as_korean(sample):
        # a short GBK file (配送延迟 read as 토箇儺넨): charset-normalizer's chaos score cannot tell on a few
        # characters; Korean is taken only when the text holds mostly the commonest syllables, as real Korean does
        return "gb18030"
    return best


# Shift-JIS bytes decode as CP949 without an error (and the other way round), both "orderly". The language
# decides: Japanese text is full of kana; Korean text mostly of the commonest syllables (below, about 120 of
# them cover well over half of running Korean text), while the wrong decoding gives rare ones.
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa\u30fc]")
_COMMON_HANGUL = set(
    "이다는의에가을를고하서지기로사한도니요어시자그나게수리인적대해없있보아주내정일것말제상들만과우전무부화비면데"
    "라원음성장구동여중위발문분경관국안세실업개공신부방합오연결저소마생계요물직원품질객서비스매점배송가격교환반품"
    "환불불만족응답처리담당직원문의접수완료확인해결감사죄송드립니다습니까했고하여되어있는없는입니다"
)


def _share(text: str, hit) -> float:
    letters = [ch for ch in text if ord(ch) > 0x2E7F]
    return sum(1 for ch in letters if hit(ch)) / len(letters) if letters else 0.0


def _reads_as_korean(sample: bytes) -> bool:
    """Whether ``sample`` read as CP949 is Korean: no hanja (GBK bytes read as CP949 give many: 配送延迟 as
    토箇儺넨) and mostly the commonest syllables of Korean words and names (GBK bytes give rare ones: 收银错误
    as 쳔듦뻔쓱)."""
    text = sample.decode("cp949", errors="replace")
    if _HANJA.search(text):
        return False
    return _share(text, lambda ch: ch in _COMMON_HANGUL or ch in _NAME_HANGUL) >= KOREAN_SHARE


KOREAN_SHARE = 0.4  # the common syllables' share of the letters: real Korean 0.6-1.0, misread GBK 0-0.25
_HANJA = re.compile("[\u4e00-\u9fff\uf900-\ufaff]")
# the syllables of the commonest Korean surnames and given names (a column of names holds few of the others)
_NAME_HANGUL = set(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함"
    "변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용준영예린호재경혜희승태동미빈건훈철상규수아"
    "별솔찬혁율람슬담온결빛솜봄새늘찬웅범섭식환률필익택근욱열형혼"
)


def _korean_or_japanese(sample: bytes) -> str:
    as_japanese = sample.decode("cp932", errors="replace")
    as_korean = sample.decode("cp949", errors="replace")
    kana = _share(as_japanese, lambda ch: bool(_KANA.match(ch)))
    hangul = _share(as_korean, lambda ch: ch in _COMMON_HANGUL)
    return "cp932" if kana > hangul else "cp949"
