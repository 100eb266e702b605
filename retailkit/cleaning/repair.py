"""Repair text damaged before it reached us: byte-shifted GBK mojibake and lost characters.

Some web pages were produced by re-encoding GBK text with a tool that replaced an unencodable
byte by ``?``. After such a ``?`` the GBK byte stream is misaligned by one byte, and the rest of
the run decodes as plausible-looking but meaningless hanzi (mojibake)::

    發(fā)展?jié)摿Γ瑢⒊蔀榘⒗锩髂甑囊豁椫攸c工作   # seed 000
    發(fā)展〓力，將成為阿里明年的一項重點工作     # after repair_mojibake

The character whose byte was lost cannot be recovered (here 潛, by context); it is marked with
:data:`LOST_CHARACTER` (〓) rather than guessed, and every repair is recorded in the audit.
"""

from __future__ import annotations

import re

from retailkit.cleaning._edits import Edit, apply_edits, resolve_overlaps
from retailkit.cleaning._resources import LOST_CHARACTER, PINYIN_LETTERS, common_han_share

__all__ = ["find_mojibake_edits", "repair_mojibake"]

# A lost byte shows as "?", sometimes followed by the tail of a pinyin annotation whose "(" and
# first letters were swallowed with it (e.g. "?zāi)").
_LOST_BYTE = re.compile(f"\\?(?:[{PINYIN_LETTERS}]{{1,6}}\\))?")

# "?" in place of a lost "©" before a copyright notice (seed 000: "?版權所有").
_LOST_COPYRIGHT = re.compile(
    f"(?:^|(?<=\\s))\\?(?=\\s*版[權权](?:\\([{PINYIN_LETTERS}]+\\))?所有)", re.MULTILINE
)

# Where a byte was lost: a text without one needs no repair.
_LOST_BYTE_MARK = "?"

#: How much more plausible (share of common hanzi) the re-decoded run must be.
MIN_GAIN = 0.3
#: How plausible the re-decoded run must be in absolute terms.
MIN_PLAUSIBILITY = 0.9
#: The shortest run worth repairing (shorter runs give no reliable evidence).
MIN_RUN = 3


def _shifted_decoding(run: str) -> str:
    """Re-encode ``run`` as GB18030 and decode it again one byte later."""
    return run.encode("gb18030")[1:].decode("gb18030", errors="replace")


def _common_suffix_length(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _repair_after(text: str, marker: re.Match[str]) -> Edit | None:
    """Try to repair the run that follows a lost-byte marker; None if it is not mojibake."""
    line_end = text.find("\n", marker.end())
    line_end = len(text) if line_end == -1 else line_end
    run = text[marker.end() : line_end]
    if not run or run[0].isascii():
        return None
    decoded = _shifted_decoding(run)
    # Where the byte stream re-synchronises the two texts agree again; keep only the mojibake.
    same = _common_suffix_length(run, decoded)
    damaged, repaired = run[: len(run) - same], decoded[: len(decoded) - same]
    end = marker.end() + len(damaged)
    if "\ufffd" in repaired[:-1]:
        return None
    if repaired.endswith("\ufffd"):
        # The run ended on half a character; its other half was lost too (often as a second "?").
        repaired = repaired[:-1] + LOST_CHARACTER
        if text[end : end + 1] == "?":
            end += 1
    if len(repaired.rstrip(LOST_CHARACTER)) < MIN_RUN:
        return None
    before, after = common_han_share(damaged), common_han_share(repaired.rstrip(LOST_CHARACTER))
    if after < MIN_PLAUSIBILITY or after - before < MIN_GAIN:
        return None
    return Edit(marker.start(), end, LOST_CHARACTER + repaired, "gbk_byte_shift")


def find_mojibake_edits(text: str) -> list[Edit]:
    """Find byte-shift mojibake runs and lost copyright signs in ``text``.

    Candidates are the runs that follow a lost byte (``?``); a run is repaired only when its
    one-byte-shifted GB18030 re-decoding is plausible Chinese (at least ``MIN_PLAUSIBILITY`` of
    its characters common hanzi) and far more plausible than the run itself (``MIN_GAIN``).
    Ordinary questions marks are left alone because the text after them is already plausible.
    """
    if _LOST_BYTE_MARK not in text:  # both kinds of damage start at a "?"; most texts have none
        return []
    edits = [e for m in _LOST_BYTE.finditer(text) if (e := _repair_after(text, m)) is not None]
    edits += [
        Edit(m.start(), m.end(), "©", "lost_copyright_sign") for m in _LOST_COPYRIGHT.finditer(text)
    ]
    return resolve_overlaps(edits)


def repair_mojibake(text: str) -> str:
    """Repair one-byte-shifted GBK mojibake and ``?`` in place of a lost ``©``.

    Parameters
    ----------
    text : str
        Raw text, before any other cleaning step (the repair needs the original ``?`` markers).

    Returns
    -------
    str
        The text with each mojibake run re-decoded; the character lost at the start (and, when
        the run ends on half a character, at the end) is marked with ``〓`` (U+3013).

    Examples
    --------
    >>> repair_mojibake("發(fā)展?jié)摿Γ瑢⒊蔀榘⒗锩髂甑囊豁椫攸c工作。")
    '發(fā)展〓力，將成為阿里明年的一項重點工作。'
    >>> repair_mojibake("天猫做了什么?一条微博六千万人围观")
    '天猫做了什么?一条微博六千万人围观'
    >>> repair_mojibake("?版權所有")
    '©版權所有'
    """
    return apply_edits(text, find_mojibake_edits(text))
