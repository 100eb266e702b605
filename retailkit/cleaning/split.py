"""Split Chinese text into paragraphs and sentences."""

from __future__ import annotations

import re

from retailkit.cleaning._resources import CLOSING_MARKS

__all__ = ["sentence_spans", "split_paragraphs", "split_sentences"]

# A sentence ends at 。！？；… (runs of them count as one end) or at a half-width ! or ? that is
# not inside a URL or an identifier; closing quotes and brackets right after stay with it.
_SENTENCE_END = re.compile(
    f"(?:[。！？；…]+|[!?]+(?![A-Za-z0-9=&/_]))[{re.escape(CLOSING_MARKS)}]*"
)

# One sentence in one pass: the shortest run of a line's characters up to and including a
# sentence end, else the rest of the line. It cuts where :func:`sentence_spans` cuts each line
# (the first sentence end at or after the previous cut, matched the same way), without a
# Python step per sentence.
_SENTENCE = re.compile(f"[^\\n]*?{_SENTENCE_END.pattern}|[^\\n]+")


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of one line, as :func:`split_sentences` cuts it.

    Spans are not stripped and may be blank; together they cover the whole line.

    Examples
    --------
    >>> sentence_spans("甲。乙！丙")
    [(0, 2), (2, 4), (4, 5)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(line):
        spans.append((start, len(line)))
    return spans


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: every non-blank line is one paragraph (stripped).

    This matches the output of :func:`~retailkit.cleaning.clean`, which writes one paragraph per
    line with a blank line between paragraphs.

    Examples
    --------
    >>> split_paragraphs("第一段。\\n\\n第二段,\\n  第三段。\\n")
    ['第一段。', '第二段,', '第三段。']
    """
    return [line.strip() for line in text.split("\n") if line.strip()]


def split_sentences(text: str) -> list[str]:
    """Split Chinese text into sentences.

    A sentence ends at 。！？；… (or half-width ! ?), and closing quotes or brackets that follow
    stay with it; a line break always ends a sentence. Sentences are stripped; empty ones are
    dropped. Nothing else is removed: joining the sentences gives back every character.

    Examples
    --------
    >>> split_sentences("年长者总愿意说:“未来是属于你们的。”这里,我想说的是……零售的未来!对吗?")
    ['年长者总愿意说:“未来是属于你们的。”', '这里,我想说的是……', '零售的未来!', '对吗?']
    >>> split_sentences("什么是信息流营销？\\n阿里妈妈表示，不仅希望帮助商家；更希望")
    ['什么是信息流营销？', '阿里妈妈表示，不仅希望帮助商家；', '更希望']
    """
    return [sentence for piece in _SENTENCE.findall(text) if (sentence := piece.strip())]
