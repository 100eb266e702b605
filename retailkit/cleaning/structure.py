"""Repair the structure of an article: fused headings, headings that repeat the title, a lead
that repeats the body.

Each step finds its edits first (so that :func:`retailkit.cleaning.clean_with_audit` can list
them) and works on whole lines or whole sentences of Simplified, whitespace-normalised text (one
paragraph per line, as the earlier steps of ``clean`` leave it):

* :func:`separate_headings` puts a section heading fused into the next sentence on its own line
  (rules in ``retailkit/data/cleaning/headings.yaml``); it removes nothing.
* :func:`remove_title_echoes` removes a later line that only repeats a clause of the title.
* :func:`remove_repeated_lead` removes a sentence of the lead (standfirst) that the body repeats
  nearly word for word, so that it is not counted twice.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import yaml

from retailkit.cleaning._edits import Edit, apply_edits
from retailkit.cleaning._resources import HAN_RE
from retailkit.cleaning.split import sentence_spans
from retailkit.errors import RetailkitError

__all__ = [
    "LEAD_LINES",
    "LEAD_MIN_CHARS",
    "LEAD_SIMILARITY",
    "TITLE_CLAUSE_MIN_CHARS",
    "HeadingRule",
    "bigram_similarity",
    "find_heading_breaks",
    "find_lead_repeat_edits",
    "find_title_echo_edits",
    "heading_rules",
    "remove_repeated_lead",
    "remove_title_echoes",
    "separate_headings",
]

# --------------------------------------------------------------------------- fused headings

_HEADINGS_FILE = "headings.yaml"


@dataclass(frozen=True)
class HeadingRule:
    """One fused-heading rule read from ``headings.yaml``.

    Attributes
    ----------
    name : str
        Identifier reported in the audit's ``rule`` column.
    pattern : str
        Python regular expression with a named group ``heading``.
    description : str
        How the heading is recognised and why ordinary sentences do not match.
    seeds : tuple of str
        The seed documents that motivated the rule.
    """

    name: str
    pattern: str
    description: str
    seeds: tuple[str, ...]

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled regular expression."""
        return re.compile(self.pattern)


@functools.cache
def heading_rules() -> tuple[HeadingRule, ...]:
    """The packaged fused-heading rules, in file order.

    Examples
    --------
    >>> [rule.name for rule in heading_rules()]
    ['fused_heading']
    """
    source = resources.files("retailkit").joinpath("data", "cleaning", _HEADINGS_FILE)
    try:
        entries = yaml.safe_load(source.read_text(encoding="utf-8"))["rules"]
    except (yaml.YAMLError, KeyError, TypeError) as error:
        raise RetailkitError(f"retailkit/data/cleaning/{_HEADINGS_FILE}: {error}") from error
    rules = []
    for number, entry in enumerate(entries, start=1):
        try:
            rule = HeadingRule(
                name=str(entry["name"]),
                pattern=str(entry["pattern"]),
                description=str(entry["description"]).strip(),
                seeds=tuple(str(s) for s in entry.get("seeds", [])),
            )
            if "heading" not in rule.regex.groupindex:
                raise ValueError("pattern has no group named 'heading'")
        except (KeyError, ValueError, re.error) as error:
            raise RetailkitError(
                f"retailkit/data/cleaning/{_HEADINGS_FILE}: rule {number}: {error}"
            ) from error
        rules.append(rule)
    return tuple(rules)


def find_heading_breaks(text: str) -> list[Edit]:
    """Find fused headings (see :func:`separate_headings`): a line break before and after each.

    The edits are insertions (``start == end``, replacement ``"\\n"``).
    """
    edits: set[Edit] = set()
    for rule in heading_rules():
        for match in rule.regex.finditer(text):
            start, end = match.span("heading")
            if start > 0 and text[start - 1] != "\n":
                edits.add(Edit(start, start, "\n", rule.name))
            if end < len(text) and text[end] != "\n":
                edits.add(Edit(end, end, "\n", rule.name))
    return sorted(edits)


def separate_headings(text: str) -> str:
    """Put section headings fused into the text on a line of their own; remove nothing.

    Examples
    --------
    >>> separate_headings("这是平衡状态。阿里O2O的几张牌当然这并非唯一一次试水。")
    '这是平衡状态。\\n阿里O2O的几张牌\\n当然这并非唯一一次试水。'
    >>> separate_headings("阿里巴巴说，当然这并非唯一一次试水。")
    '阿里巴巴说，当然这并非唯一一次试水。'
    """
    return apply_edits(text, find_heading_breaks(text))


# --------------------------------------------------------------------------- lines and sentences

# Where the title is cut into clauses, and the final marks a repeating heading may carry (a
# line ending in ， or ： continues on the next line, so it is not a whole clause).
_CLAUSE_SPLIT = re.compile("[，。！？；：、,.!?;: ]+")
_HEADING_END = "。！？.!? "
_LINE_BREAK = "\n"


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line, without its line break."""
    spans = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


# --------------------------------------------------------------------------- title echoes

#: A clause of the title must have at least this many hanzi before a heading repeating it goes.
TITLE_CLAUSE_MIN_CHARS = 6


def find_title_echo_edits(text: str) -> list[Edit]:
    """Find later lines that repeat a clause of the title (see :func:`remove_title_echoes`)."""
    if _LINE_BREAK not in text:  # one line (most reviews and posts): no later line
        return []
    lines = _lines(text)
    if len(lines) < 2:
        return []
    title = text[lines[0][0] : lines[0][1]].strip()
    clauses = {
        clause
        for clause in _CLAUSE_SPLIT.split(title)
        if len(HAN_RE.findall(clause)) >= TITLE_CLAUSE_MIN_CHARS
    }
    edits = []
    for start, end in lines[1:]:
        if text[start:end].strip().rstrip(_HEADING_END) in clauses:
            edits.append(Edit(start, end, "", "title_echo"))
    return edits


def remove_title_echoes(text: str) -> str:
    """Remove section headings that only repeat a clause of the title (the first line).

    A later line whose text, without a final 。！？, is exactly one clause of the title (the
    title cut at ，。！？；：、) with at least :data:`TITLE_CLAUSE_MIN_CHARS` hanzi is removed:
    some pages reuse the two halves of a title as section headings (003), which would count
    them twice.

    The line's text goes; the blank line it leaves is dropped by the final
    :func:`~retailkit.cleaning.normalize_whitespace` of ``clean``.

    Examples
    --------
    >>> remove_title_echoes("社交电商协奏曲，是社交撬动消费还是消费盘活社交？\\n"
    ...                     "正文。\\n社交电商协奏曲\\n正文提到社交电商协奏曲。")
    '社交电商协奏曲，是社交撬动消费还是消费盘活社交？\\n正文。\\n\\n正文提到社交电商协奏曲。'
    """
    return apply_edits(text, find_title_echo_edits(text))


# --------------------------------------------------------------------------- repeated lead

#: The lead (standfirst) is the first this many non-blank lines, the title included.
LEAD_LINES = 2
#: Only lead sentences with at least this many hanzi are compared (short ones repeat by chance).
LEAD_MIN_CHARS = 10
#: A lead sentence whose :func:`bigram_similarity` to a body sentence reaches this goes. The
#: 002 summary lines score 0.91 and 0.74 against the body sentences they repeat; unrelated
#: sentences of the seeds score below 0.35.
LEAD_SIMILARITY = 0.6

_WORD_CHARACTERS = re.compile(r"\w")


def _bigrams(text: str) -> Counter[str]:
    characters = "".join(_WORD_CHARACTERS.findall(text))
    return Counter(characters[i : i + 2] for i in range(len(characters) - 1))


def bigram_similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of ``a`` and ``b`` (punctuation ignored).

    1.0 for the same characters in the same order, 0.0 when no bigram is shared.

    Examples
    --------
    >>> round(bigram_similarity("从本质上来讲，电商信息流营销最根本的目的是高效拉新。",
    ...                         "“从本质讲，电商信息流营销最根本的目的是高效拉新。”"), 2)
    0.91
    >>> bigram_similarity("信息流营销", "直通车")
    0.0
    """
    first, second = _bigrams(a), _bigrams(b)
    total = sum(first.values()) + sum(second.values())
    return 2 * sum((first & second).values()) / total if total else 0.0


def find_lead_repeat_edits(text: str) -> list[Edit]:
    """Find lead sentences that the body repeats (see :func:`remove_repeated_lead`)."""
    if _LINE_BREAK not in text:  # one line: no body after the lead
        return []
    lines = _lines(text)
    if len(lines) <= LEAD_LINES:  # no body (most reviews and posts): nothing to compare
        return []
    sentences = [  # (line number, start, end) of every non-blank sentence
        (number, line_start + start, line_start + end)
        for number, (line_start, line_end) in enumerate(lines)
        for start, end in sentence_spans(text[line_start:line_end])
        if text[line_start + start : line_start + end].strip()
    ]
    removed: set[int] = set()
    # Removing a whole lead line brings the next line into the lead: repeat until nothing
    # changes, so that cleaning twice removes nothing more.
    while True:
        left = [i for i in range(len(sentences)) if i not in removed]
        lead_lines = sorted({sentences[i][0] for i in left})[:LEAD_LINES]
        lead = [i for i in left if sentences[i][0] in lead_lines]
        body = [i for i in left if sentences[i][0] > max(lead_lines, default=-1)]
        found = {
            i
            for i in lead
            if len(HAN_RE.findall(text[sentences[i][1] : sentences[i][2]])) >= LEAD_MIN_CHARS
            and any(
                bigram_similarity(
                    text[sentences[i][1] : sentences[i][2]],
                    text[sentences[j][1] : sentences[j][2]],
                )
                >= LEAD_SIMILARITY
                for j in body
            )
        }
        if not found:
            break
        removed |= found
    edits = []
    for number, (line_start, line_end) in enumerate(lines):
        on_line = [i for i, sentence in enumerate(sentences) if sentence[0] == number]
        if on_line and all(i in removed for i in on_line):
            edits.append(Edit(line_start, line_end, "", "repeated_lead"))
        else:
            edits.extend(
                Edit(sentences[i][1], sentences[i][2], "", "repeated_lead")
                for i in on_line
                if i in removed
            )
    return edits


def remove_repeated_lead(text: str) -> str:
    """Remove sentences of the lead that the body repeats nearly word for word.

    The lead is the first :data:`LEAD_LINES` non-blank lines (title and standfirst). A lead
    sentence with at least :data:`LEAD_MIN_CHARS` hanzi goes when a sentence after the lead
    has a :func:`bigram_similarity` of :data:`LEAD_SIMILARITY` or more with it: a summary at
    the top of the page (002) that repeats a quotation of the body would otherwise be counted
    twice. The body's sentence stays.

    Examples
    --------
    >>> remove_repeated_lead("标题。直通车、钻展、信息流将成为商家电商营销的新三驾马车。\\n"
    ...                      "正文。\\n直通车、钻展、信息流，也将成为电商营销的新三架马车。")
    '标题。\\n正文。\\n直通车、钻展、信息流，也将成为电商营销的新三架马车。'
    """
    return apply_edits(text, find_lead_repeat_edits(text))
