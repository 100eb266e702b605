"""Normalise character width, punctuation and whitespace without touching the words."""

from __future__ import annotations

import re
import unicodedata

from retailkit.cleaning._resources import (
    CLOSING_MARKS,
    HALF_TO_FULL_PUNCTUATION,
    HAN,
    HORIZONTAL_SPACE_RE,
    INVISIBLE_RE,
    KEEP_FULL_WIDTH,
)

__all__ = ["normalize_whitespace", "normalize_width"]

# Full-width ASCII variants (U+FF01-U+FF5E) other than Chinese sentence punctuation.
_FULL_WIDTH_ASCII = re.compile(
    "[" + "".join(chr(c) for c in range(0xFF01, 0xFF5F) if chr(c) not in KEEP_FULL_WIDTH) + "]"
)
# ASCII , ! ? ; : right after Chinese text (a hanzi or a closing Chinese quote/bracket), or
# between a word and Chinese text (双11,天猫); never inside URLs (http://) or numbers (1,000).
_CHINESE_CLOSE = HAN + re.escape(CLOSING_MARKS.replace('"', "").replace("'", ""))
_HALF_WIDTH_PUNCTUATION = re.compile(
    f"(?<=[{_CHINESE_CLOSE}])[,!?;:](?![/\\\\])|(?<=[A-Za-z0-9%])[,!?;:](?=[{HAN}“「《])"
)
# Any character normalize_width might change: without one, the text is returned as it is.
_WIDTH_WORK = re.compile(_FULL_WIDTH_ASCII.pattern[:-1] + "\u3000,!?;:]")
# Any character normalize_whitespace might change or remove (``\s`` is ``str.isspace``).
_WHITESPACE_WORK = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize_width(text: str) -> str:
    """Make character width consistent: ASCII letters/digits half-width, Chinese punctuation full.

    Full-width Latin letters, digits and symbols become ASCII (NFKC), the ideographic space
    becomes a space, and ``, ! ? ; :`` written half-width right after Chinese text become
    ``，！？；：``. Digits are never replaced, so 双11, 618 and 74亿 survive; length is unchanged.

    Examples
    --------
    >>> normalize_width("碾压传统电商!天猫做了什么?ＡＲ和１２３")
    '碾压传统电商！天猫做了什么？AR和123'
    >>> normalize_width("双11, 618, 74亿; 1,000 http://x.cn")
    '双11, 618, 74亿； 1,000 http://x.cn'
    """
    if not _WIDTH_WORK.search(text):
        return text
    text = _FULL_WIDTH_ASCII.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.replace("\u3000", " ")
    return _HALF_WIDTH_PUNCTUATION.sub(lambda m: HALF_TO_FULL_PUNCTUATION[m.group()], text)


def normalize_whitespace(text: str) -> str:
    """Normalise whitespace: one paragraph per line, paragraphs separated by one blank line.

    Line breaks become ``\\n``; invisible characters (zero-width space, BOM, soft hyphen) are
    dropped; runs of spaces (of any width) become one space; lines are stripped; empty lines are
    dropped. Every remaining line is treated as a paragraph, because the web pages this toolkit
    reads put one paragraph per line (with or without blank lines between them).

    Examples
    --------
    >>> normalize_whitespace("  答案是：温度。 \\r\\n\\n\\n\\n新零售\\u200b更强调体验。  ")
    '答案是：温度。\\n\\n新零售更强调体验。'
    """
    if not _WHITESPACE_WORK.search(text):  # one line with no space to strip or collapse
        return text
    text = INVISIBLE_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub("[\u2028\u2029\x0b\x0c\x85]", "\n", text)
    lines = (HORIZONTAL_SPACE_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)
