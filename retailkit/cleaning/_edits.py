"""Edits: the common currency of the cleaning steps that remove or repair text.

A step that removes or repairs text first *finds* its edits on its input, then applies them. The
same edits feed the audit table of :func:`retailkit.cleaning.clean_with_audit`, so what a step
does and what the audit reports cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement``; ``rule`` names why."""

    start: int
    end: int
    replacement: str
    rule: str


def resolve_overlaps(edits: Iterable[Edit]) -> list[Edit]:
    """Sort edits and drop any that overlaps an earlier (or longer, at the same start) one."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -(e.end - e.start), e.rule)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (offsets into ``text``) and return the new text."""
    ordered = sorted(edits)
    if not ordered:  # most steps find nothing in most texts
        return text
    pieces: list[str] = []
    position = 0
    for edit in ordered:
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)
