"""Which of the three practices a sentence is about: social, interactive or feed-based commerce.

Terms and their core/generic mark start from the theme lexicons (``retailkit/data/themes/``,
:func:`retailkit.themes.load_themes`), brought to the coding scheme's definitions
(``data/arguments/GUIDELINES.md``) by the lists of ``retailkit/data/arguments/rules.yaml``:
social platforms (微博, 微信, 微淘 …) are generic social evidence; targeting words (用户画像,
定向 …) are generic; 互动 and 推送 are core only in a sentence about selling or marketing (or
when they open it), social-media words (社交媒体, 社交平台 …) only with a commerce word. Matching
is by longest substring, so 微博营销 is one match, not 微博 plus 营销, and 信息流转 is no feed.

A sentence is about a target when it holds

* a core term (社交电商, 微营销, 互动营销, 信息流 …);
* a social platform or social word (社交, 粉丝 …) and a commerce word (电商, 营销, 品牌, 天猫 …):
  "social platforms as sales or ad channels";
* two different generic terms and a commerce word — for feeds one of them naming the mechanism
  (推荐, 推送, 算法 …; advertising in general is not feed-based marketing), for interaction one
  naming the engagement (评论, 抽奖 …; 玩法 or AR/VR are formats);
* one generic term set against another target in a contrast ("推送不是互动");
* one generic term while the previous sentence of the same paragraph is about that target
  (the topic continues), or an opening pronoun (这, 它, 该 …) right after such a sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import pandas as pd

__all__ = ["TARGETS", "TARGET_THEMES", "detect_targets", "target_terms"]

#: The three targets, in the order used in every table.
TARGETS = ("social", "interactive", "feed")
#: Theme lexicon behind each target.
TARGET_THEMES = {
    "social": "social_commerce",
    "interactive": "interactive_marketing",
    "feed": "feed_marketing",
}
_ANAPHOR = re.compile(r"^[“\"「]?(?:这|它|其|该|此|那|这种|这一|这个|这样)")


@functools.cache
def _theme_terms() -> dict[str, tuple[str, bool]]:
    """The theme lexicons' terms: term -> (target, core)."""
    from retailkit.themes import load_themes

    themes = load_themes()
    by_theme = {theme: target for target, theme in TARGET_THEMES.items()}
    rows = themes[themes["theme"].isin(by_theme)]
    lookup: dict[str, tuple[str, bool]] = {}
    for row in rows.itertuples():
        lookup.setdefault(str(row.term), (by_theme[str(row.theme)], bool(row.core)))
    return lookup


@functools.cache
def _theme_pattern() -> re.Pattern[str]:
    """The theme lexicons' terms, longest first (the keyword baseline's matcher)."""
    terms = sorted(_theme_terms(), key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in terms))


@functools.cache
def _lexicon() -> tuple[re.Pattern[str], dict[str, tuple[str, bool] | None]]:
    from retailkit.arguments._rules import rules

    r = rules()
    lookup: dict[str, tuple[str, bool] | None] = dict.fromkeys(r.not_target_terms)
    for term, (theme_target, core) in _theme_terms().items():
        lookup.setdefault(term, (theme_target, core))
    for platform in r.social_platforms:
        lookup.setdefault(platform, ("social", False))
    for term, found in list(lookup.items()):
        if found is None:
            continue
        target = found[0]
        conditional = r.target_core_with_commerce | r.social_core_with_commerce
        if term in r.target_generic or term in conditional:  # core only in context (_direct)
            lookup[term] = (target, False)
    terms = sorted(lookup, key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in terms)), lookup


def target_terms(sentence: str) -> list[tuple[str, str, bool, int, int]]:
    """Lexicon terms in a sentence: ``(term, target, core, start, end)``, longest match first.

    Examples
    --------
    >>> [(t, target, core) for t, target, core, _, _ in target_terms("微博营销不能只是推送")]
    [('微博营销', 'social', True), ('推送', 'feed', False)]
    """
    pattern, lookup = _lexicon()
    return [
        (m.group(), *entry, m.start(), m.end())
        for m in pattern.finditer(sentence)
        if (entry := lookup[m.group()]) is not None
    ]


def _direct(sentence: str) -> tuple[set[str], set[str]]:
    """Targets with core evidence (or two generic terms), and those with one generic term."""
    from retailkit.arguments._rules import rules

    r = rules()
    commerce = any(word in sentence for word in r.commerce_words)
    # Marketing context for 互动 / 推送: commerce, a social platform or fans.
    marketing = commerce or "粉丝" in sentence or any(p in sentence for p in r.social_platforms)
    core: set[str] = set()
    generic: dict[str, set[str]] = {}
    for term, target, is_core, _, _ in target_terms(sentence):
        if (
            is_core
            or (term in r.target_core_with_commerce and (marketing or _opens(sentence, term)))
            or (commerce and term in r.social_core_with_commerce)
        ):
            core.add(target)
        else:
            generic.setdefault(target, set()).add(term)
    # Two generic terms need a commerce word, and for feeds and interaction one term that
    # names the practice's mechanism (推荐, 推送 …; 评论, 抽奖 …), not only its format.
    mechanisms = {"feed": r.feed_mechanisms, "interactive": r.interactive_mechanisms}
    strong = core | {
        t
        for t, terms in generic.items()
        if len(terms) >= 2 and commerce and (t not in mechanisms or terms & mechanisms[t])
    }
    social = generic.get("social", set())
    if commerce and any(t in r.social_relational or t in r.social_platforms for t in social):
        # A social platform or relation in a sentence about selling or marketing.
        strong.add("social")
    if generic and len(strong | set(generic)) >= 2 and _contrasts(sentence):
        # Set against a practice ("推送不是互动"), a generic term names a practice too.
        strong |= set(generic)
    weak = {t for t in generic if t not in strong}
    return strong, weak


def _opens(sentence: str, term: str) -> bool:
    """The sentence opens with the term: it is the sentence's topic (互动可以是双向的)."""
    return sentence.lstrip('“"「『 0123456789.、，,').startswith(term)


def _contrasts(sentence: str) -> bool:
    from retailkit.arguments._rules import rules

    r = rules()
    return any(word in sentence for word in (*r.not_frames, *r.instead_frames))


def detect_targets(
    sentences: Sequence[str], paragraphs: Sequence[int] | None = None
) -> list[tuple[str, ...]]:
    """The targets of each sentence of one piece (consecutive sentences, reading order).

    Parameters
    ----------
    sentences : sequence of str
        One piece's sentences in order.
    paragraphs : sequence of int, optional
        Paragraph number of each sentence; a topic continues only within a paragraph. Default:
        the piece is one paragraph.

    Returns
    -------
    list of tuple of str
        For each sentence, its targets in :data:`TARGETS` order (possibly empty).

    Examples
    --------
    >>> detect_targets(["社交电商迎来爆发。", "粉丝成了顾客。", "公司成立于2015年。"])
    [('social',), ('social',), ()]
    """
    if paragraphs is None:
        paragraphs = [0] * len(sentences)
    out: list[tuple[str, ...]] = []
    previous: set[str] = set()
    for i, sentence in enumerate(sentences):
        text = sentence if isinstance(sentence, str) else ""
        strong, weak = _direct(text)
        same_paragraph = i > 0 and paragraphs[i] == paragraphs[i - 1]
        found = set(strong)
        if same_paragraph:
            found |= weak & previous
            if _ANAPHOR.match(text):
                found |= previous
        out.append(tuple(t for t in TARGETS if t in found))
        previous = found
    return out


def keyword_targets(sentences: Sequence[str]) -> list[tuple[str, ...]]:
    """The keyword-presence baseline: every target any of whose terms occurs (core or not).

    This is how earlier notebooks assigned sentences to themes (the theme lexicons alone,
    longest match first); it is kept to measure what the rules of :func:`detect_targets` add.

    Examples
    --------
    >>> keyword_targets(["内容为王。"])
    [('feed',)]
    """
    terms = _theme_terms()
    pattern = _theme_pattern()
    found = [
        {terms[m.group()][0] for m in pattern.finditer(s if isinstance(s, str) else "")}
        for s in sentences
    ]
    return [tuple(t for t in TARGETS if t in targets) for targets in found]


def _frame(values: list[tuple[str, ...]]) -> pd.DataFrame:  # pragma: no cover - debugging aid
    return pd.DataFrame({"targets": [";".join(v) for v in values]})
