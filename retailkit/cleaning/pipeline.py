"""The default cleaning chain, ``clean`` and ``clean_with_audit``, and ``make_pipeline``."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd

from retailkit.cleaning._edits import Edit, apply_edits
from retailkit.cleaning.convert import Script, find_conversion_edits, to_simplified
from retailkit.cleaning.normalize import normalize_whitespace, normalize_width
from retailkit.cleaning.remove import (
    find_furniture_edits,
    find_pinyin_edits,
    remove_furniture,
    remove_pinyin,
)
from retailkit.cleaning.repair import find_mojibake_edits, repair_mojibake
from retailkit.cleaning.structure import (
    find_heading_breaks,
    find_lead_repeat_edits,
    find_title_echo_edits,
    remove_repeated_lead,
    remove_title_echoes,
    separate_headings,
)

__all__ = ["AUDIT_COLUMNS", "clean", "clean_with_audit", "default_steps", "make_pipeline"]

#: Columns of the audit table returned by :func:`clean_with_audit`.
AUDIT_COLUMNS = ["doc_id", "step", "rule", "start", "end", "removed", "replacement"]

Step = Callable[[str], str]

# Steps that remove or repair text, and how to find their edits (for the audit).
_EDIT_FINDERS: dict[Step, Callable[[str], list[Edit]]] = {
    repair_mojibake: find_mojibake_edits,
    remove_pinyin: find_pinyin_edits,
    remove_furniture: find_furniture_edits,
    separate_headings: find_heading_breaks,
    remove_title_echoes: find_title_echo_edits,
    remove_repeated_lead: find_lead_repeat_edits,
}


def make_pipeline(*steps: Step) -> Step:
    """Compose ``str -> str`` steps, applied left to right, into one function.

    Examples
    --------
    >>> from retailkit.cleaning import normalize_whitespace, remove_pinyin
    >>> pipeline = make_pipeline(remove_pinyin, normalize_whitespace)
    >>> pipeline("  認(rèn)知  ")
    '認知'
    """

    def pipeline(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return pipeline


def default_steps(*, script: Script = "auto") -> list[Step]:
    """The steps :func:`clean` runs, in order.

    1. :func:`repair_mojibake` (needs the raw ``?`` markers, so it goes first);
    2. :func:`normalize_whitespace` and 3. :func:`normalize_width`, so that the removal steps
       see one form of every character (an invisible character or a full-width bracket can
       no longer hide a pinyin annotation until a second pass — this keeps ``clean``
       idempotent);
    4. :func:`remove_pinyin`;
    5. :func:`to_simplified` with ``script`` (which also writes the particle 著 as 着 in text
       converted from Traditional);
    6. :func:`remove_furniture` (its rules are written for Simplified, normalised text);
    7. :func:`separate_headings`, which puts a heading fused into the next sentence on its
       own line, so that 8. and 9. see it as a line;
    8. :func:`remove_title_echoes` and 9. :func:`remove_repeated_lead` (structure: headings
       that repeat the title, a lead that the body repeats);
    10. :func:`normalize_whitespace` again, to drop the lines removals emptied.
    """
    convert = functools.partial(to_simplified, script=script)
    functools.update_wrapper(convert, to_simplified)
    return [
        repair_mojibake,
        normalize_whitespace,
        normalize_width,
        remove_pinyin,
        convert,
        remove_furniture,
        separate_headings,
        remove_title_echoes,
        remove_repeated_lead,
        normalize_whitespace,
    ]


def clean(text: str, *, script: Script = "auto") -> str:
    """Clean one article: repair, remove annotations and furniture, normalise, simplify.

    Parameters
    ----------
    text : str
        Raw article text.
    script : {"auto", "simplified", "mainland", "hongkong", "taiwan"}
        Origin of Traditional text, which picks the OpenCC configuration (see
        :func:`~retailkit.cleaning.to_simplified`); ``"auto"`` detects it.

    Returns
    -------
    str
        Simplified text, one paragraph per line, paragraphs separated by a blank line.
        ``clean`` is idempotent: ``clean(clean(t)) == clean(t)``.

    See Also
    --------
    clean_with_audit : the same, plus a table of everything removed or repaired.

    Examples
    --------
    >>> clean("微信扫一扫\\n\\n社交一直是阿里心口上的朱砂痣,這才有了認(rèn)知。\\n阅读9235")
    '社交一直是阿里心口上的朱砂痣，这才有了认知。'
    """
    return _default_pipeline(script)(text)


@functools.cache
def _default_pipeline(script: Script) -> Step:
    # Built once per script: building the steps (a partial per call) cost as much as running
    # them on a short review.
    return make_pipeline(*default_steps(script=script))


def clean_with_audit(
    text: str, *, doc_id: str = "", script: Script = "auto"
) -> tuple[str, pd.DataFrame]:
    """Clean ``text`` like :func:`clean` and report every removal and repair.

    Parameters
    ----------
    text : str
        Raw article text.
    doc_id : str
        Copied into the audit's ``doc_id`` column.
    script : {"auto", "simplified", "mainland", "hongkong", "taiwan"}
        As in :func:`clean`.

    Returns
    -------
    cleaned : str
        Exactly ``clean(text, script=script)``.
    audit : pandas.DataFrame
        One row per removal, repair or inserted line break, in step order then position,
        with columns ``doc_id``; ``step`` (the function: ``repair_mojibake``,
        ``remove_pinyin``, ``to_simplified``, ``remove_furniture``, ``separate_headings``,
        ``remove_title_echoes`` or ``remove_repeated_lead``); ``rule`` (e.g.
        ``gbk_byte_shift``, ``pinyin_annotation``, ``aspect_particle`` (著 → 着), a furniture
        or heading rule name, ``title_echo``, ``repeated_lead``); ``start``, ``end`` (offsets
        into the text *as that step received it*: for ``repair_mojibake`` this is the raw
        text; ``remove_pinyin`` sees the repaired, whitespace- and width-normalised text;
        ``to_simplified`` its text after OpenCC; the later steps the text the step before
        them returned); ``removed`` (the text replaced; ``""`` for an inserted line break,
        where ``start == end``) and ``replacement`` (``""`` for removals). Width, whitespace
        and OpenCC's script conversion change the form of characters, not the content, and
        are not listed.

    Examples
    --------
    >>> cleaned, audit = clean_with_audit("分享到:\\n認(rèn)知", doc_id="x")
    >>> cleaned
    '认知'
    >>> audit[["step", "rule", "start", "end", "removed"]]
                   step               rule  start  end removed
    0     remove_pinyin  pinyin_annotation      7   12   (rèn)
    1  remove_furniture       share_widget      0    4    分享到：
    """
    rows: list[dict[str, object]] = []
    for step in default_steps(script=script):
        name = step.__name__
        if isinstance(step, functools.partial) and step.func is to_simplified:
            # OpenCC changes the form of characters (not listed); the 著 → 着 that follows is.
            text, edits = find_conversion_edits(text, script=script)
        elif step in _EDIT_FINDERS:
            edits = _EDIT_FINDERS[step](text)
        else:
            text = step(text)
            continue
        rows.extend(
            {
                "doc_id": doc_id,
                "step": name,
                "rule": edit.rule,
                "start": edit.start,
                "end": edit.end,
                "removed": text[edit.start : edit.end],
                "replacement": edit.replacement,
            }
            for edit in edits
        )
        text = apply_edits(text, edits)
    audit = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    audit = audit.astype({"start": "int64", "end": "int64"})
    return text, audit
