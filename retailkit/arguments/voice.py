"""Whose words a sentence carries: the author's own, or reported speech with its speaker.

A sentence is ``reported`` when it presents its content as what someone named or identified
says, thinks or finds: a speaker before a reporting verb (张勤表示, 有人已经预言), an attribution
(在董本洪看来, 据艾媒咨询统计, 艾媒咨询数据显示), or a quotation whose speaker the next sentence
names ("“这是最大的特点。”" followed by "姚迅说。"). The speaker is cut to the shortest form
that identifies them: titles go (阿里妈妈副总裁张勤 → 张勤), a quoted name is unquoted
(商家“优宁可红酒” → 优宁可红酒), and a Latin name glossed in Chinese keeps the gloss
(iiMedia Research(艾媒咨询) → 艾媒咨询). The word lists are in
``retailkit/data/arguments/rules.yaml``.

Examples
--------
>>> attribute_voice(["阿里妈妈副总裁张勤(花名:杨过)表示，技术驱动营销升级。", "这是一个好产品。"])
[('reported', '张勤'), ('author', '')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from retailkit.arguments._rules import rules

__all__ = ["Voice", "attribute_voice", "speaker_of"]

Voice = tuple[str, str]

# Inside a sentence, the speaker phrase starts after the last of these.
# (A space breaks a phrase too, except inside a Latin name: "博主 Alexia Woods 所说".)
_PHRASE_BREAK = re.compile(r"[，,。；;：:！!？?]|(?<![A-Za-z])\s|\s(?![A-Za-z])")
# "one (of)", "there is", "some" before a speaker: 一位从业者 → 从业者, 有网友 → 网友.
_LEADING_DETERMINERS = re.compile(r"^(?:还|也|就|更)?(?:有|曾有)?(?:一位|一名|一个)?")
# A manner adverb between the speaker and the verb: 一位从业者无奈地表示.
_TRAILING_MANNER = re.compile(r"[\u4e00-\u9fff]{2}地$")
_GLOSSED_LATIN = re.compile(
    r"[A-Za-z][A-Za-z0-9 .&-]*[(（](?P<gloss>[^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]"
)
_PARENTHESIS = re.compile(r"[(（][^()（）]*[)）]")
_QUOTED = re.compile(r"[“\"「『](?P<inner>[^”\"」』]{1,20})[”\"」』]")
_AFTER_VERB_WEAK = re.compile(r"^(?:道)?[，,：:“\"「。！!]|^$|^了(?!解)")
_LEADING_CONNECTIVES = re.compile(
    r"^(?:而|但|但是|对此|此外|同时|另外|其中|并且|随后|据悉|不过|其实|正如|就像|早前|此前|日前|近日|当时"
    r"|根据|据|从)+"
)
_LIST_MARKER = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[、.．)）]")
_QUOTATION = re.compile(r"^[“\"「『].*[”\"」』][。！？!?]?$")
# A quotation that opens a sentence and stays open (it closes in a later sentence).
_OPENS_QUOTATION = re.compile(r"^[“「『][^”」』]*$")
# What a speaker lists after a colon ("营销有两大趋势：智能化和原生化。"): short items.
_COLON_LIST = re.compile(r"[：:](?P<items>[^：:。！？!?]{2,60})[。！？!?]?$")
_ITEM_SPLIT = re.compile(r"[、，,；;]|和|与|及|以及")
_HAN = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_MAX_SPEAKER = 30


def _prepare(sentence: str) -> str:
    """Keep a Latin name's Chinese gloss, drop other parentheses (花名, English glosses)."""
    return _PARENTHESIS.sub("", _GLOSSED_LATIN.sub(r"\g<gloss>", sentence))


def _shorten(phrase: str) -> str:
    """Cut a speaker phrase to the shortest form that identifies the speaker."""
    r = rules()
    phrase = _LEADING_CONNECTIVES.sub("", _LIST_MARKER.sub("", phrase.strip()))
    # Cut after the title that ends last (阿里巴巴集团CMO、阿里妈妈总裁董本洪 → 董本洪).
    ends = [
        at + len(title)
        for title in r.titles
        if (at := phrase.rfind(title)) >= 0 and phrase[at + len(title) :].strip('“”"「」 ')
    ]
    if ends:
        phrase = phrase[max(ends) :]
    # An actor doing something somewhere (微博在北京共同宣布): the place is not the speaker.
    place = min((i for i in (phrase.find("在", 2), phrase.find("喺", 2)) if i > 0), default=-1)
    if place > 0:
        phrase = phrase[:place]
    # "X对Y说": X speaks.
    to = phrase.find("对", 1)
    if to > 0:
        phrase = phrase[:to]
    phrase = r.trailing_adverbs.sub("", _TRAILING_MANNER.sub("", phrase))
    if phrase not in r.generic_speakers:
        phrase = _LEADING_DETERMINERS.sub("", phrase) or phrase
    quoted = _QUOTED.search(phrase)
    if quoted:
        phrase = quoted.group("inner")
    return phrase.strip('“”"「」『』 ')


def _valid(speaker: str) -> bool:
    return (
        0 < len(speaker) <= _MAX_SPEAKER
        and speaker not in rules().not_speakers
        and speaker not in _practices()
        and not speaker.endswith(("的", "地"))  # a modifier, not a name (更明确的表态)
        and not speaker.startswith(rules().not_speaker_starts)
        and bool(_HAN.search(speaker))
    )


@functools.cache
def _practices() -> frozenset[str]:
    """Theme terms (新零售, 信息流营销 …): practices are talked about, they do not speak."""
    from retailkit.themes import load_themes

    themes = load_themes()
    return frozenset(themes.loc[themes["theme"] != "platforms", "term"])


def _inside_quotation(text: str, position: int) -> bool:
    before = text[:position]
    return before.count("“") > before.count("”") or before.count("「") > before.count("」")


def speaker_of(sentence: str) -> str | None:
    """The speaker a sentence attributes its content to, or ``None`` for the author's voice.

    An attribution without a named or identified source (据介绍, 据了解) is the author's voice,
    as in the coding scheme (``data/arguments/GUIDELINES.md``).

    Examples
    --------
    >>> speaker_of("在阿里巴巴集团CMO、阿里妈妈总裁董本洪(花名:张无忌)看来，营销已经升级。")
    '董本洪'
    >>> speaker_of("iiMedia Research(艾媒咨询)数据显示，社交零售用户规模为2.23亿人。")
    '艾媒咨询'
    >>> speaker_of("据艾媒咨询统计，社交零售用户规模为2.23亿人。")
    '艾媒咨询'
    >>> speaker_of("据介绍，信息流场景里消费者的行为不具备确定性。") is None
    True
    >>> speaker_of("从某种程度上说，阿里对于入口有天生的不安全感。") is None
    True
    """
    r = rules()
    text = _prepare(sentence)
    for pattern in r.attributions:
        found = pattern.search(text)
        if found:
            # A source named before the pattern's own words (iiMedia Research(艾媒咨询)数据显示).
            before = (
                _PHRASE_BREAK.split(text[: found.start("speaker")].rstrip())[-1]
                if found.start("speaker") == found.start()
                else ""
            )
            speaker = _shorten(before + found.group("speaker"))
            if _valid(speaker):
                return speaker
    for pattern in r.according_to:
        found = pattern.search(text)
        if found:
            speaker = _shorten(found.group("speaker"))
            if _valid(speaker):
                return speaker
    best: tuple[int, str] | None = None
    for verb in (*r.strong_verbs, *r.weak_verbs):
        strong = verb in r.strong_verbs
        for found in re.finditer(re.escape(verb), text):
            if _inside_quotation(text, found.start()):
                continue
            head = r.trailing_adverbs.sub("", text[: found.start()]).rstrip()
            phrase = _PHRASE_BREAK.split(head)[-1]
            if (
                not strong
                and not _AFTER_VERB_WEAK.match(text[found.end() :])
                and _shorten(phrase) not in r.generic_speakers
            ):
                continue
            if verb == "说" and (
                phrase.endswith(r.idiomatic_shuo) or phrase.startswith(("对", "从"))
            ):
                continue
            # A quotation before the speaker ("…”张勤说") belongs to the speech, not the name.
            if phrase.startswith("“"):
                phrase = phrase.rsplit("”", 1)[-1]
            speaker = _shorten(phrase)
            if _valid(speaker) and (best is None or found.start() < best[0]):
                best = (found.start(), speaker)
            break
    return best[1] if best else None


def attribute_voice(
    sentences: Sequence[str], paragraphs: Sequence[int] | None = None
) -> list[Voice]:
    """``(voice, speaker)`` for each sentence of one piece, in order.

    The sentences must be consecutive sentences of one piece, since context decides some cases:

    * a quotation without a speaker of its own takes the speaker named by the next sentence
      ("“…。” / 姚迅说。") or, failing that, by the previous one when that is reported;
    * a sentence inside a quotation opened by an earlier sentence of the same paragraph
      belongs to that quotation's speaker;
    * a pronoun speaker (他表示) is the last speaker named before it;
    * the numbered items after "X分享了5个技能点" (paragraphs opening with 1、2、…) are X's,
      and so are the sentences of the same paragraph that open with an item X listed after a
      colon ("张勤介绍，营销有两大趋势：智能化和原生化。" / "智能化是指…");
    * a sentence cut at a semicolon continues the voice of the part before it ("X解释，A是…；"
      / "B是…；");
    * a quotation that opens right after X's reported sentence, and stays open, is X's.

    Parameters
    ----------
    sentences : sequence of str
        One piece's sentences in reading order.
    paragraphs : sequence of int, optional
        Paragraph number of each sentence; default: one paragraph.

    Returns
    -------
    list of (str, str)
        ``("author", "")`` or ``("reported", speaker)``.

    Examples
    --------
    >>> attribute_voice(["“这是我们新产品最大的特点。”", "姚迅说。", "发布会在北京举行。"])
    [('reported', '姚迅'), ('reported', '姚迅'), ('author', '')]
    >>> attribute_voice(["李开复表示，O2O会改变中国。", "不过他也有些担心，“商家准备好了吗？”"])
    [('reported', '李开复'), ('reported', '李开复')]
    """
    r = rules()
    texts = [s if isinstance(s, str) else "" for s in sentences]
    if paragraphs is None:
        paragraphs = [0] * len(texts)
    speakers = [speaker_of(t) if t else None for t in texts]
    named = ""
    for i, speaker in enumerate(speakers):  # pronouns speak for the last speaker named
        if speaker in r.pronoun_speakers and named:
            speakers[i] = named
        elif speaker:
            named = speaker
    out: list[str | None] = list(speakers)
    open_quotes = 0
    for i, text in enumerate(texts):
        if i > 0 and paragraphs[i] != paragraphs[i - 1]:
            open_quotes = 0
        if out[i] is None and open_quotes > 0:  # inside a quotation opened earlier
            earlier = [out[j] for j in range(i - 1, -1, -1) if paragraphs[j] == paragraphs[i]]
            out[i] = next((s for s in earlier if s is not None), None)
        if out[i] is None and _QUOTATION.match(text.strip()):
            following = speakers[i + 1] if i + 1 < len(speakers) else None
            previous = out[i - 1] if i > 0 else None
            out[i] = following if following is not None else previous
        same_paragraph = i > 0 and paragraphs[i] == paragraphs[i - 1]
        if out[i] is None and same_paragraph and out[i - 1] is not None:
            before = texts[i - 1].rstrip()
            if before.endswith(("；", ";")) or (
                _OPENS_QUOTATION.match(text.strip())
                and open_quotes == 0
                and not before.rstrip("。！？!?").endswith("”")
            ):
                out[i] = out[i - 1]
        open_quotes = max(0, open_quotes + text.count("“") - text.count("”"))
    _attributed_lists(texts, paragraphs, out)
    _colon_lists(texts, paragraphs, out)
    return [("author", "") if s is None else ("reported", s) for s in out]


def _colon_lists(texts: list[str], paragraphs: Sequence[int], out: list[str | None]) -> None:
    """Give the sentences that open with an item a speaker listed after a colon to them."""
    for i, text in enumerate(texts):
        speaker = out[i]
        found = _COLON_LIST.search(text) if speaker else None
        if not found:
            continue
        items = [item.strip() for item in _ITEM_SPLIT.split(found.group("items"))]
        items = [item for item in items if 2 <= len(item) <= 8]
        if len(items) < 2:
            continue
        j = i + 1
        while (
            j < len(texts) and paragraphs[j] == paragraphs[i] and texts[j].startswith(tuple(items))
        ):
            if out[j] is None:
                out[j] = speaker
            j += 1


def _attributed_lists(texts: list[str], paragraphs: Sequence[int], out: list[str | None]) -> None:
    """Give the numbered items after "X分享了5个技能点" to X (in place)."""
    announcement = rules().list_announcement
    for i, text in enumerate(texts):
        speaker = out[i]
        if not speaker or not announcement.search(text):
            continue
        j = i + 1
        while j < len(texts) and paragraphs[j] == paragraphs[i]:
            j += 1
        while j < len(texts):
            first = j
            if not _LIST_MARKER.match(texts[first]):
                break
            while j < len(texts) and paragraphs[j] == paragraphs[first]:
                if out[j] is None:
                    out[j] = speaker
                j += 1
