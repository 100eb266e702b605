"""Remove things that are not part of the article: pinyin annotations and page furniture.

Page furniture (share widgets, reading counters, disclaimers, advertisements, archive
navigation ...) is described by data, not code: ``retailkit/data/cleaning/furniture.yaml`` lists
each rule with its pattern, a description and the seeds that motivated it. Rules are deliberately
conservative: a ``line`` rule only removes a whole line, a ``block`` rule a run of whole lines,
a ``tail`` rule the end of a line and an ``inline`` rule a marker inside a line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml

from retailkit.cleaning._edits import Edit, apply_edits, resolve_overlaps
from retailkit.cleaning._resources import HAN, PINYIN_LETTERS, PINYIN_TONE_VOWELS
from retailkit.errors import RetailkitError

__all__ = [
    "FurnitureRule",
    "find_furniture_edits",
    "find_pinyin_edits",
    "furniture_rules",
    "remove_furniture",
    "remove_pinyin",
]

# One pinyin syllable with at least one tone mark, e.g. rèn, lǐng, zhǔn (never "de", "ID", "CRM").
_SYLLABLE = f"[{PINYIN_LETTERS}]*[{PINYIN_TONE_VOWELS}][{PINYIN_LETTERS}]*"
# Annotations directly after a Han character; consecutive ones go together so that one pass
# removes them all (idempotence).
_PINYIN_ANNOTATION = re.compile(f"(?<=[{HAN}])(?:\\({_SYLLABLE}\\))+")
_ANNOTATION_OPEN = "("  # every annotation starts with it


def find_pinyin_edits(text: str) -> list[Edit]:
    """Find ``(pinyin)`` annotations glued after Han characters (see :func:`remove_pinyin`)."""
    if _ANNOTATION_OPEN not in text:  # the common case, checked at C speed
        return []
    return [
        Edit(m.start(), m.end(), "", "pinyin_annotation") for m in _PINYIN_ANNOTATION.finditer(text)
    ]


def remove_pinyin(text: str) -> str:
    """Remove tone-marked pinyin annotations glued after Han characters.

    Only a parenthesis that directly follows a Han character and holds a single lower-case
    pinyin syllable with a tone mark is removed; ordinary parenthesised text stays.

    Examples
    --------
    >>> remove_pinyin("認(rèn)知和領(lǐng)域")
    '認知和領域'
    >>> remove_pinyin("张勤(花名:杨过) 金错刀(ID:ijincuodao) A(认知) 理(CRM) 的(de)")
    '张勤(花名:杨过) 金错刀(ID:ijincuodao) A(认知) 理(CRM) 的(de)'
    """
    return apply_edits(text, find_pinyin_edits(text))


RuleKind = Literal["line", "block", "tail", "inline"]

# Between the lines of a block rule: a newline, tolerating blank lines and indentation.
_NEWLINE_PLACEHOLDER = "{NL}"
_SPACE = r"[^\S\n]"  # any whitespace but a line break (includes NBSP and U+3000)
_NEWLINE = f"{_SPACE}*\n(?:{_SPACE}*\n)*{_SPACE}*"


@dataclass(frozen=True)
class FurnitureRule:
    """One page-furniture rule read from ``furniture.yaml``.

    Attributes
    ----------
    name : str
        Identifier reported in the audit's ``rule`` column.
    kind : {"line", "block", "tail", "inline"}
        What the pattern may remove: whole line(s), the end of a line, or a marker in a line.
    pattern : str
        Python regular expression, written for Simplified text after width normalisation
        (``{NL}`` in block patterns stands for a newline plus any blank lines).
    description : str
        What the furniture is and why removing it loses no article text.
    seeds : tuple of str
        The seed documents that motivated the rule.
    """

    name: str
    kind: RuleKind
    pattern: str
    description: str
    seeds: tuple[str, ...]

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled, anchored regular expression."""
        body = self.pattern.replace(_NEWLINE_PLACEHOLDER, _NEWLINE)
        anchored = {
            "line": f"^{_SPACE}*(?:{body}){_SPACE}*$",
            "block": f"^{_SPACE}*(?:{body}){_SPACE}*$",
            "tail": f"{_SPACE}*(?:{body}){_SPACE}*$",
            "inline": f"(?:{body})",
        }[self.kind]
        return re.compile(anchored, re.MULTILINE)


_FURNITURE_FILE = "furniture.yaml"


@functools.cache
def furniture_rules() -> tuple[FurnitureRule, ...]:
    """The packaged page-furniture rules, in file order.

    Examples
    --------
    >>> rules = furniture_rules()
    >>> "share_widget" in [rule.name for rule in rules]
    True
    """
    source = resources.files("retailkit").joinpath("data", "cleaning", _FURNITURE_FILE)
    try:
        entries = yaml.safe_load(source.read_text(encoding="utf-8"))["rules"]
    except (yaml.YAMLError, KeyError, TypeError) as error:
        raise RetailkitError(f"retailkit/data/cleaning/{_FURNITURE_FILE}: {error}") from error
    rules = []
    for number, entry in enumerate(entries, start=1):
        try:
            rule = FurnitureRule(
                name=str(entry["name"]),
                kind=entry["kind"],
                pattern=str(entry["pattern"]),
                description=str(entry["description"]).strip(),
                seeds=tuple(str(s) for s in entry.get("seeds", [])),
            )
            if rule.kind not in ("line", "block", "tail", "inline"):
                raise ValueError(f"unknown kind {rule.kind!r}")
            rule.regex  # noqa: B018 -- compile now so a bad pattern fails here, naming the rule
        except (KeyError, ValueError, re.error) as error:
            raise RetailkitError(
                f"retailkit/data/cleaning/{_FURNITURE_FILE}: rule {number}: {error}"
            ) from error
        rules.append(rule)
    return tuple(rules)


@functools.cache
def _any_default_rule() -> re.Pattern[str]:
    """One pattern matching wherever any packaged rule matches.

    Valid for the packaged rules only: all are MULTILINE, none uses a numbered backreference
    and group names do not repeat (a test checks this); a caller's own rules are tried one by
    one. The ``^`` that starts every line and block rule is tested once per position, before
    their alternatives, rather than once per rule: the same matches, four times faster on
    reviews.
    """
    rules = furniture_rules()
    anchored = [rule.regex.pattern for rule in rules if rule.kind in ("line", "block")]
    if not all(pattern.startswith("^") for pattern in anchored):  # pragma: no cover
        raise RetailkitError("furniture rules: line and block patterns must start with ^")
    branches = ["^(?:" + "|".join(f"(?:{pattern[1:]})" for pattern in anchored) + ")"]
    branches += [f"(?:{rule.regex.pattern})" for rule in rules if rule.kind in ("tail", "inline")]
    return re.compile("|".join(branches), re.MULTILINE)


def find_furniture_edits(
    text: str, *, rules: tuple[FurnitureRule, ...] | None = None
) -> list[Edit]:
    """Find page furniture in ``text`` (see :func:`remove_furniture`); overlaps keep the longest."""
    if rules is None:
        if not _any_default_rule().search(text):
            return []  # most short texts (reviews, posts) hold no furniture: one search in all
        rules = furniture_rules()
    edits = [
        Edit(m.start(), m.end(), "", rule.name)
        for rule in rules
        for m in rule.regex.finditer(text)
        # A line, tail or inline rule never spans a line break, whatever its pattern says.
        if m.end() > m.start() and (rule.kind == "block" or "\n" not in m.group())
    ]
    return resolve_overlaps(edits)


def remove_furniture(text: str, *, rules: tuple[FurnitureRule, ...] | None = None) -> str:
    """Remove page furniture (share widgets, counters, disclaimers, ads, navigation, bylines).

    Parameters
    ----------
    text : str
        Simplified text with normalised width (as produced by the earlier steps of ``clean``);
        the rules are written for Simplified characters.
    rules : tuple of FurnitureRule, optional
        Rules to apply; default :func:`furniture_rules`.

    Returns
    -------
    str
        The text without the matched furniture. Removed lines leave blank lines behind, which
        :func:`~retailkit.cleaning.normalize_whitespace` collapses.

    Examples
    --------
    >>> remove_furniture("微信扫一扫\\n分享到朋友圈\\n新零售是一个过程。\\n阅读9235\\n举报0")
    '\\n\\n新零售是一个过程。\\n\\n'
    >>> remove_furniture("#p#分页标题#e#达摩盘是其中的一个重要产品。")
    '达摩盘是其中的一个重要产品。'
    """
    return apply_edits(text, find_furniture_edits(text, rules=rules))
