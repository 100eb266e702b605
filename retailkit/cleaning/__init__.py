"""Composable clean-up of Chinese web articles, with an audit of every removal.

Each step is a small pure ``str -> str`` function usable alone; :func:`clean` runs the default
chain and :func:`clean_with_audit` also returns a table of what was removed or repaired.

Steps, in the order :func:`clean` applies them:

========================  ===============================================================
:func:`repair_mojibake`   re-decode byte-shifted GBK runs after a lost byte ``?``; mark
                          unrecoverable characters ``〓``; ``?版权所有`` → ``©版权所有``
:func:`normalize_whitespace`  one paragraph per line, blank line between paragraphs
:func:`normalize_width`   full-width Latin/digits → ASCII; ``,!?;:`` after hanzi → ``，！？；：``
:func:`remove_pinyin`     drop ``(rèn)``-style annotations glued after hanzi
:func:`to_simplified`     Traditional → Simplified with OpenCC ``t2s`` / ``hk2s`` / ``tw2s``;
                          then 著 → 着 (the particle) outside 著名, 显著 ...
:func:`remove_furniture`  page chrome by the YAML rules in ``retailkit/data/cleaning``
:func:`separate_headings` a heading fused into the next sentence → its own line
:func:`remove_title_echoes`  later lines that only repeat a clause of the title
:func:`remove_repeated_lead`  lead sentences that the body repeats nearly verbatim
:func:`normalize_whitespace`  again, dropping the lines emptied by the removals
========================  ===============================================================

Examples
--------
>>> from retailkit.cleaning import clean, split_sentences
>>> split_sentences(clean("互動,正在成為新零售的助推器。天貓宣佈全面開啟互動吧!"))
['互动，正在成为新零售的助推器。', '天猫宣布全面开启互动吧！']
"""

from __future__ import annotations

from retailkit.cleaning._resources import LOST_CHARACTER
from retailkit.cleaning.convert import (
    Script,
    detect_script,
    to_simplified,
    traditional_remnants,
    traditional_share,
)
from retailkit.cleaning.normalize import normalize_whitespace, normalize_width
from retailkit.cleaning.pipeline import (
    AUDIT_COLUMNS,
    clean,
    clean_with_audit,
    default_steps,
    make_pipeline,
)
from retailkit.cleaning.remove import (
    FurnitureRule,
    furniture_rules,
    remove_furniture,
    remove_pinyin,
)
from retailkit.cleaning.repair import repair_mojibake
from retailkit.cleaning.split import split_paragraphs, split_sentences
from retailkit.cleaning.structure import (
    bigram_similarity,
    heading_rules,
    remove_repeated_lead,
    remove_title_echoes,
    separate_headings,
)

__all__ = [
    "AUDIT_COLUMNS",
    "LOST_CHARACTER",
    "FurnitureRule",
    "Script",
    "bigram_similarity",
    "clean",
    "clean_with_audit",
    "default_steps",
    "detect_script",
    "furniture_rules",
    "heading_rules",
    "make_pipeline",
    "normalize_whitespace",
    "normalize_width",
    "remove_furniture",
    "remove_pinyin",
    "remove_repeated_lead",
    "remove_title_echoes",
    "repair_mojibake",
    "separate_headings",
    "split_paragraphs",
    "split_sentences",
    "to_simplified",
    "traditional_remnants",
    "traditional_share",
]
