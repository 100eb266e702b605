"""Convert Traditional Chinese to Simplified with the OpenCC configuration that suits the source.

* Traditional text converted from mainland writing (most web reposts) → ``t2s``.
* Hong Kong text, especially written Cantonese → ``hk2s`` (HK variant characters).
* Taiwan text → ``tw2s`` (characters only). Never ``tw2sp``: its phrase table rewrites words
  (互動 → 交互) and would rename 天猫互动吧.
"""

from __future__ import annotations

import functools
from typing import Literal

from retailkit.cleaning._resources import CANTONESE_MARKERS, HAN_RE, converter

__all__ = ["Script", "detect_script", "to_simplified", "traditional_share"]

Script = Literal["auto", "simplified", "mainland", "hongkong", "taiwan"]

_OPENCC_CONFIG: dict[str, str] = {"mainland": "t2s", "hongkong": "hk2s", "taiwan": "tw2s"}


def traditional_share(text: str) -> float:
    """Share of Han characters that OpenCC ``t2s`` would change (0.0 for pure Simplified).

    Examples
    --------
    >>> traditional_share("天貓互動吧"), traditional_share("天猫互动吧")
    (0.4, 0.0)
    """
    han = "".join(HAN_RE.findall(text))
    if not han:
        return 0.0
    converted = converter("t2s").convert(han)
    if converted == han:  # the common case for Simplified text: no character-by-character count
        return 0.0
    if len(converted) != len(han):  # a phrase changed length: fall back to characters
        converted = "".join(converter("t2s").convert(c) for c in han)
    return sum(a != b for a, b in zip(han, converted, strict=True)) / len(han)


def detect_script(text: str) -> Literal["simplified", "mainland", "hongkong"]:
    """Guess which conversion ``text`` needs.

    ``"simplified"`` if OpenCC ``t2s`` would change nothing, ``"hongkong"`` if it holds two or
    more written-Cantonese characters (係, 嘅, 咗, 唔, 喺 ...), else ``"mainland"``.

    Examples
    --------
    >>> detect_script("天猫互动吧"), detect_script("天貓互動吧")
    ('simplified', 'mainland')
    >>> detect_script("微淘係乜東東呢?大家除咗可以喺微淘買嘢")
    'hongkong'
    """
    if converter("t2s").convert(text) == text:
        return "simplified"
    if sum(text.count(c) for c in sorted(CANTONESE_MARKERS)) >= 2:
        return "hongkong"
    return "mainland"


@functools.lru_cache(maxsize=4096)
def _simplified_only(character: str) -> bool:
    """A character OpenCC ``s2t`` would change and ``t2s`` would not (么, 这, 们 ...)."""
    return (
        converter("s2t").convert(character) != character
        and converter("t2s").convert(character) == character
    )


def to_simplified(text: str, *, script: Script = "auto") -> str:
    """Convert Traditional (or mixed Traditional/Simplified) Chinese to Simplified.

    Parameters
    ----------
    text : str
        Any Chinese text; Simplified characters and non-Chinese text pass through unchanged.
    script : {"auto", "simplified", "mainland", "hongkong", "taiwan"}
        Origin of the text: ``"mainland"`` uses OpenCC ``t2s``, ``"hongkong"`` ``hk2s``,
        ``"taiwan"`` ``tw2s``, ``"simplified"`` converts nothing, and ``"auto"`` picks with
        :func:`detect_script`.

    Examples
    --------
    >>> to_simplified("天貓互動吧 和 天猫互动吧")
    '天猫互动吧 和 天猫互动吧'
    >>> to_simplified("微淘係乜東東呢?", script="hongkong")
    '微淘系乜东东呢?'
    """
    if script == "auto":
        script = detect_script(text)
    if script == "simplified":
        return text
    if script not in _OPENCC_CONFIG:
        raise ValueError(
            f"script={script!r}: expected one of "
            "'auto', 'simplified', 'mainland', 'hongkong', 'taiwan'"
        )
    converted = converter(_OPENCC_CONFIG[script]).convert(text)
    if script == "taiwan" and len(converted) == len(text):
        # tw2s reads its input as Taiwan-standard Traditional, where 么 is a variant of 幺; in
        # mixed text 么 is the Simplified 么 of 什么. Keep characters that are already
        # Simplified-only, so that converting twice changes nothing.
        converted = "".join(
            old if old != new and _simplified_only(old) else new
            for old, new in zip(text, converted, strict=True)
        )
    # A few characters need two passes (e.g. an HK variant that hk2s maps to a Traditional
    # form); converge so that the result is unchanged by t2s, i.e. holds no Traditional left.
    for _ in range(3):
        again = converter("t2s").convert(converted)
        if again == converted:
            break
        converted = again
    return converted
