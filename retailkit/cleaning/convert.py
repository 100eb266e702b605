"""Convert Traditional Chinese to Simplified with the OpenCC configuration that suits the source.

* Traditional text converted from mainland writing (most web reposts) → ``t2s``.
* Hong Kong text, especially written Cantonese → ``hk2s`` (HK variant characters).
* Taiwan text → ``tw2s`` (characters only). Never ``tw2sp``: its phrase table rewrites words
  (互動 → 交互) and would rename 天猫互动吧.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from retailkit.cleaning._edits import Edit, apply_edits
from retailkit.cleaning._resources import CANTONESE_MARKERS, HAN_RE, ZHU_KEEP_WORDS, converter

__all__ = [
    "Script",
    "detect_script",
    "find_conversion_edits",
    "to_simplified",
    "traditional_remnants",
    "traditional_share",
]

Script = Literal["auto", "simplified", "mainland", "hongkong", "taiwan"]

_OPENCC_CONFIG: dict[str, str] = {"mainland": "t2s", "hongkong": "hk2s", "taiwan": "tw2s"}


# 著 outside the words where Simplified keeps it (著名, 显著 ...): the particle 着 in Traditional
# spelling, which OpenCC t2s leaves alone because 著 is also a valid Simplified character.
_ZHU_KEPT = "|".join(sorted(ZHU_KEEP_WORDS, key=lambda word: (-len(word), word)))
_ZHU_AS_PARTICLE = re.compile(f"(?:{_ZHU_KEPT})|(?P<particle>著)")
_ZHU = "著"


def _zhu_particle_positions(text: str) -> list[int]:
    """Offsets of each 著 that is not part of a word in ``ZHU_KEEP_WORDS``."""
    return [m.start() for m in _ZHU_AS_PARTICLE.finditer(text) if m.group("particle")]


def traditional_remnants(text: str) -> list[str]:
    """The Traditional characters in ``text``, in order of appearance.

    A character is Traditional if OpenCC ``t2s`` would change it, or if it is 著 outside the
    words in which Simplified writing keeps 著 (著名, 显著, 土著 ... listed in
    ``retailkit.cleaning._resources.ZHU_KEEP_WORDS``): ``t2s`` leaves 有著 and 隨著 alone, since
    著 is also a Simplified character, but Simplified text writes the particle 着.

    Examples
    --------
    >>> traditional_remnants("天貓互動吧有著著名的玩法")
    ['貓', '動', '著']
    >>> traditional_remnants("天猫互动吧有着著名的玩法，见微知著")
    []
    """
    t2s = converter("t2s")
    flagged = set(_zhu_particle_positions(text)) if _ZHU in text else set()
    converted = t2s.convert(text)
    if converted != text:  # the common case for Simplified text: no character-by-character look
        if len(converted) != len(text):  # a phrase changed length: look character by character
            converted = "".join(t2s.convert(c) for c in text)
        flagged.update(
            i
            for i, (old, new) in enumerate(zip(text, converted, strict=True))
            if old != new and HAN_RE.match(old)
        )
    return [text[i] for i in sorted(flagged)]


def traditional_share(text: str) -> float:
    """Share of Han characters that are Traditional (see :func:`traditional_remnants`).

    0.0 for pure Simplified text, including cleaned text in which no 著 is left for 着.

    Examples
    --------
    >>> traditional_share("天貓互動吧"), traditional_share("天猫互动吧")
    (0.4, 0.0)
    >>> traditional_share("有著直接关系")
    0.16666666666666666
    """
    remnants = traditional_remnants(text)  # every remnant is a Han character
    if not remnants:
        return 0.0
    return len(remnants) / len(HAN_RE.findall(text))


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


def find_conversion_edits(text: str, *, script: Script = "auto") -> tuple[str, list[Edit]]:
    """Convert ``text`` with OpenCC and find the 著 that must become 着 (see :func:`to_simplified`).

    Returns
    -------
    converted : str
        ``text`` after the OpenCC configuration for ``script`` (unchanged if it is Simplified).
    edits : list of Edit
        One per 著 in ``converted`` outside the words that keep it (rule ``aspect_particle``,
        replacement 着); empty when nothing was converted from Traditional.

    Examples
    --------
    >>> converted, edits = find_conversion_edits("隨著互動,著名品牌")
    >>> converted, [(e.start, e.end, e.replacement, e.rule) for e in edits]
    ('随著互动,著名品牌', [(1, 2, '着', 'aspect_particle')])
    >>> find_conversion_edits("随著互动", script="simplified")
    ('随著互动', [])
    """
    if script == "auto":
        script = detect_script(text)
    if script == "simplified":
        return text, []
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
    edits = [Edit(i, i + 1, "着", "aspect_particle") for i in _zhu_particle_positions(converted)]
    return converted, edits


def to_simplified(text: str, *, script: Script = "auto") -> str:
    """Convert Traditional (or mixed Traditional/Simplified) Chinese to Simplified.

    After OpenCC, text converted from Traditional has each 著 outside the words where
    Simplified keeps it (著名, 显著 ...) written 着: OpenCC leaves 有著 and 隨著 alone, since
    著 is also a Simplified character. Text that is already Simplified is not touched.

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
    >>> to_simplified("隨著互動,著名品牌都有著新玩法")
    '随着互动,著名品牌都有着新玩法'
    """
    converted, edits = find_conversion_edits(text, script=script)
    return apply_edits(converted, edits)
