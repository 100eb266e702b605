"""Where the benchmarks find the full review file (not shipped with the repository)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = (
    REPO_ROOT.parent / "shared" / "data" / "online_shopping_10_cats.csv",
    REPO_ROOT / "data" / "reviews" / "online_shopping_10_cats.csv",
)


def full_reviews_path(explicit: str | None = None) -> Path:
    """The full review file: an explicit path, $RETAILKIT_REVIEWS, or a known place."""
    for candidate in (explicit, os.environ.get("RETAILKIT_REVIEWS"), *CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise SystemExit(
        "online_shopping_10_cats.csv not found: pass its path or set RETAILKIT_REVIEWS "
        "(download it from https://github.com/SophonPlus/ChineseNlpCorpus)"
    )
