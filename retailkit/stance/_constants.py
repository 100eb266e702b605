"""Constants shared by the stance modules (data folder, labels, rule weights)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "stance"
LABELS = ("approving", "neutral", "skeptical")
#: The scorers :func:`score` offers.
VERSIONS = ("v1", "v2")
#: The scorer used when no ``version`` is given: v1, by the lead's override described in the
#: module docstring (the shipping rule fixed before the test run had chosen v2).
DEFAULT_VERSION: Literal["v1", "v2"] = "v1"
LEXICONS = ("business_commentary", "financial_sentiment", "hownet_sentiment")
MODIFIER_KINDS = ("concessive", "contrast", "degree", "negator", "rhetorical")

#: Weight of evidence before the last contrast marker, or in a 虽然/尽管 clause.
BACKGROUND_WEIGHT = 0.3
#: Weight of evidence in a question without a rhetorical marker.
QUESTION_WEIGHT = 0.5
#: How many tokens before a lexicon word a negator may stand (same clause).
NEGATION_WINDOW = 3
#: How many tokens before a lexicon word a degree adverb may stand (same clause).
DEGREE_WINDOW = 2
#: Longest run of tokens joined to look up a lexicon entry.
MAX_SPAN_TOKENS = 4
#: Tokens at least this long are searched inside for lexicon entries (3 would find 便利 in 便利店).
MIN_COMPOUND_LENGTH = 4
#: Half-widths of the neutral band tried by :func:`fit_model`.
BAND_GRID = (0.0, 0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3)
#: Bands whose development macro-F1 is within this of the best count as tied (widest wins).
BAND_TOLERANCE = 0.01

_CLAUSE_PUNCTUATION = frozenset("，,；;：:、。！!？?…—()（）「」『』“”\"'《》")
_QUESTION_END = re.compile(r"[？?][\s”\"』」’')）]*$")
