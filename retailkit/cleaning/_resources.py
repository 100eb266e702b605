"""Character classes and small word lists shared by the cleaning steps (kept apart from logic)."""

from __future__ import annotations

import functools
import re

import opencc

#: Han ideographs: CJK Unified Ideographs, Extension A and the compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

#: Marks a character that was lost in the source and could not be recovered (the GB "geta" mark).
LOST_CHARACTER = "〓"

#: Pinyin letters: a-z plus the tone-marked vowels and ü.
PINYIN_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_LETTERS = f"a-zü{PINYIN_TONE_VOWELS}"

#: Closing quotes and brackets that belong to the sentence they close.
CLOSING_MARKS = "”’」』》〉）)】〕\"'"

#: Chinese punctuation that ``normalize_width`` writes full-width after Chinese text.
HALF_TO_FULL_PUNCTUATION = {",": "，", "!": "！", "?": "？", ";": "；", ":": "："}

#: Full-width forms kept full-width (Chinese sentence punctuation); the rest of U+FF01-U+FF5E
#: map to ASCII.
KEEP_FULL_WIDTH = frozenset("，！？；：")

#: Characters used in written Cantonese but (almost) never in standard written Chinese; two or
#: more of them mark a text for OpenCC's Hong Kong configuration.
CANTONESE_MARKERS = frozenset("係嘅咗唔喺哋乜嘢畀咁啲佢冇嚟睇噉揾搵")

#: Zero-width and other invisible characters dropped by ``normalize_whitespace``.
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

#: Horizontal space characters (any width) collapsed to one ASCII space.
HORIZONTAL_SPACE_RE = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


@functools.lru_cache(maxsize=8)
def converter(config: str) -> opencc.OpenCC:
    """A cached OpenCC converter for ``config`` (``"t2s"``, ``"hk2s"``, ``"tw2s"``)."""
    return opencc.OpenCC(config)


def _is_gb2312_level1(char: str) -> bool:
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


def is_common_han(char: str) -> bool:
    """True if ``char`` (after Traditional→Simplified) is a GB 2312 level-1 hanzi.

    GB 2312 level 1 holds the 3,755 most frequent hanzi, which cover about 99.7 % of running
    modern Chinese text; mojibake and misdecoded bytes land mostly outside it.

    Examples
    --------
    >>> is_common_han("購"), is_common_han("冑"), is_common_han("a")
    (True, False, False)
    """
    return any(_is_gb2312_level1(c) for c in converter("t2s").convert(char))


_COMMON_PUNCTUATION = frozenset("，。、；：？！“”‘’《》（）…—「」")


def common_han_share(text: str) -> float:
    """Share of the non-ASCII, non-space characters of ``text`` that are common Chinese.

    Common means a GB 2312 level-1 hanzi after Traditional→Simplified, or Chinese punctuation;
    any other non-ASCII character (rare hanzi, symbols, U+FFFD) counts against the text, so
    runs of misdecoded bytes score low. Returns 0.0 when there is nothing to count.

    Examples
    --------
    >>> common_han_share("至改變購物路徑的原動力")
    1.0
    >>> round(common_han_share("酥粮淖冑徫锫窂降脑瓌恿Α"), 2)
    0.5
    """
    counted = "".join(c for c in text if not c.isascii() and not c.isspace())
    if not counted:
        return 0.0
    simplified = converter("t2s").convert(counted)
    good = sum(1 for c in simplified if c in _COMMON_PUNCTUATION or _is_gb2312_level1(c))
    return min(1.0, good / len(simplified))


#: Words in which Simplified Chinese keeps 著 (zhù: "notable, to write", as in 著名, 显著);
#: everywhere else 著 in text converted from Traditional is the aspect particle or verb 着
#: (有著 → 有着, 隨著 → 随着, 著重 → 着重, 著手 → 着手).
ZHU_KEEP_WORDS = (
    "著名",
    "著作",
    "著称",
    "著述",
    "著者",
    "著录",
    "著书",
    "著文",
    "显著",
    "土著",
    "卓著",
    "编著",
    "原著",
    "名著",
    "论著",
    "专著",
    "巨著",
    "昭著",
    "合著",
    "遗著",
    "译著",
    "新著",
    "拙著",
    "知著",
    "彰著",
    "顯著",
    "編著",
    "論著",
    "專著",
    "譯著",
)
