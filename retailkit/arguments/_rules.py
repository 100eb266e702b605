"""The word lists of ``retailkit/data/arguments/rules.yaml``, loaded once and compiled."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from retailkit.errors import DictionaryError

_FILE = "rules.yaml"
_LISTS = (
    "strong_reporting_verbs",
    "weak_reporting_verbs",
    "according_to",
    "source_shows",
    "in_view_of",
    "titles",
    "not_speakers",
    "not_speaker_starts",
    "trailing_adverbs",
    "idiomatic_shuo",
    "generic_speakers",
    "list_announcement",
    "pronoun_speakers",
    "not_frames",
    "rather_frames",
    "instead_frames",
    "neglect_verbs",
    "definition_verbs",
    "figure_units",
    "target_social_platforms",
    "commerce_words",
    "social_relational",
    "target_generic",
    "target_core_with_commerce",
    "not_target_terms",
    "feed_mechanisms",
    "interactive_mechanisms",
    "social_core_with_commerce",
)


@dataclass(frozen=True)
class Rules:
    """Compiled word lists (see the YAML file for what each is for)."""

    strong_verbs: tuple[str, ...]
    weak_verbs: tuple[str, ...]
    according_to: tuple[re.Pattern[str], ...]
    attributions: tuple[re.Pattern[str], ...]
    titles: tuple[str, ...]
    not_speakers: frozenset[str]
    not_speaker_starts: tuple[str, ...]
    trailing_adverbs: re.Pattern[str]
    idiomatic_shuo: tuple[str, ...]
    generic_speakers: frozenset[str]
    list_announcement: re.Pattern[str]
    pronoun_speakers: frozenset[str]
    not_frames: tuple[str, ...]
    rather_frames: tuple[str, ...]
    instead_frames: tuple[str, ...]
    neglect_verbs: tuple[str, ...]
    definition_verbs: tuple[str, ...]
    figure: re.Pattern[str]
    social_platforms: tuple[str, ...]
    commerce_words: tuple[str, ...]
    social_relational: frozenset[str]
    target_generic: frozenset[str]
    target_core_with_commerce: frozenset[str]
    not_target_terms: tuple[str, ...]
    feed_mechanisms: frozenset[str]
    interactive_mechanisms: frozenset[str]
    social_core_with_commerce: frozenset[str]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted({str(w) for w in words}, key=lambda w: (-len(w), w)))


@functools.cache
def rules() -> Rules:
    """The packaged rules; a malformed file raises :class:`~retailkit.DictionaryError`."""
    source = resources.files("retailkit").joinpath("data", "arguments", _FILE)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        missing = [name for name in _LISTS if not data.get(name)]
        if missing:
            raise KeyError(f"missing or empty lists: {', '.join(missing)}")
        according_to = tuple(re.compile(pattern) for pattern in data["according_to"])
        attributions = tuple(
            re.compile(pattern) for name in ("in_view_of", "source_shows") for pattern in data[name]
        )
        re.compile(str(data["list_announcement"]))
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, re.error) as error:
        raise DictionaryError(f"retailkit/data/arguments/{_FILE}: {error}") from error
    units = "|".join(re.escape(u) for u in _longest_first(data["figure_units"]))
    adverbs = "|".join(re.escape(a) for a in _longest_first(data["trailing_adverbs"]))
    return Rules(
        strong_verbs=_longest_first(data["strong_reporting_verbs"]),
        weak_verbs=_longest_first(data["weak_reporting_verbs"]),
        according_to=according_to,
        attributions=attributions,
        titles=_longest_first(data["titles"]),
        not_speakers=frozenset(str(w) for w in data["not_speakers"]),
        not_speaker_starts=_longest_first(data["not_speaker_starts"]),
        trailing_adverbs=re.compile(f"(?:{adverbs})+$"),
        idiomatic_shuo=_longest_first(data["idiomatic_shuo"]),
        generic_speakers=frozenset(str(w) for w in data["generic_speakers"]),
        list_announcement=re.compile(str(data["list_announcement"])),
        pronoun_speakers=frozenset(str(w) for w in data["pronoun_speakers"]),
        not_frames=_longest_first(data["not_frames"]),
        rather_frames=_longest_first(data["rather_frames"]),
        instead_frames=_longest_first(data["instead_frames"]),
        neglect_verbs=_longest_first(data["neglect_verbs"]),
        definition_verbs=_longest_first(data["definition_verbs"]),
        # A number (not inside a longer number or a Latin word) and its unit: 6000万, 86.6%.
        figure=re.compile(
            rf"(?<![\d.A-Za-z])(?P<number>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<unit>{units})"
        ),
        social_platforms=_longest_first(data["target_social_platforms"]),
        commerce_words=_longest_first(data["commerce_words"]),
        social_relational=frozenset(str(w) for w in data["social_relational"]),
        target_generic=frozenset(str(w) for w in data["target_generic"]),
        target_core_with_commerce=frozenset(str(w) for w in data["target_core_with_commerce"]),
        not_target_terms=_longest_first(data["not_target_terms"]),
        feed_mechanisms=frozenset(str(w) for w in data["feed_mechanisms"]),
        interactive_mechanisms=frozenset(str(w) for w in data["interactive_mechanisms"]),
        social_core_with_commerce=frozenset(str(w) for w in data["social_core_with_commerce"]),
    )
