"""Convert the published sentiment word lists shipped in cntext 2.2.1 into retailkit's CSV lexicons.

Run once by hand (the output is committed; nothing downloads at run time)::

    pip download --no-deps cntext==2.2.1 -d /tmp/cntext && unzip -q /tmp/cntext/*.whl -d /tmp/cntext
    python benchmarks/build_stance_lexicons.py /tmp/cntext/cntext/io/data

Writes ``retailkit/data/stance/financial_sentiment.csv`` (Yao et al. 2021, formal and informal
registers) and ``retailkit/data/stance/hownet_sentiment.csv`` (HowNet, Dong 2007). Entries are
stripped of whitespace and byte-order marks; words listed under both polarities are dropped
(they carry no usable polarity); single-character HowNet entries are dropped (see below); rows
are sorted by word.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import yaml

OUT = Path(__file__).resolve().parent.parent / "retailkit" / "data" / "stance"


def _clean(words: list[str]) -> list[str]:
    out = []
    for word in words:
        word = str(word).replace("\ufeff", "").strip()
        if word and " " not in word:
            out.append(word)
    return out


def _frame(pairs: list[tuple[str, int, str]], extra: str | None) -> pd.DataFrame:
    frame = pd.DataFrame(pairs, columns=["word", "polarity", "register"])
    both = frame.groupby("word")["polarity"].nunique()
    ambiguous = sorted(both[both > 1].index)
    frame = frame[~frame["word"].isin(ambiguous)]
    frame = frame.drop_duplicates("word").sort_values("word").reset_index(drop=True)
    print(f"  dropped {len(ambiguous)} words listed under both polarities: {ambiguous[:12]}")
    return frame if extra else frame.drop(columns="register")


def main(folder: str) -> None:
    data = Path(folder)
    fin = yaml.safe_load((data / "zh_common_FinacialFormalUnformal.yaml").read_text("utf-8"))
    pairs = []
    for category, words in fin["Dictionary"].items():
        register = "formal" if category.startswith("正式") else "informal"
        polarity = 1 if "肯定" in category else -1
        pairs += [(w, polarity, register) for w in _clean(words)]
    print("financial:")
    financial = _frame(pairs, extra="register")
    financial.to_csv(OUT / "financial_sentiment.csv", index=False)
    print(f"  wrote {len(financial)} rows")

    hownet = yaml.safe_load((data / "zh_common_HowNet.yaml").read_text("utf-8"))
    pairs = []
    for category, polarity in (("pos", 1), ("neg", -1)):
        pairs += [(w, polarity, "") for w in _clean(hownet["Dictionary"][category])]
    print("hownet:")
    # Single characters in HowNet's lists are mostly function or topic characters (是, 和, 下,
    # 能, 单 ...) that segmenters emit as tokens all the time; they add noise, not evidence.
    singles = sum(1 for w, _, _ in pairs if len(w) == 1)
    pairs = [p for p in pairs if len(p[0]) > 1]
    print(f"  dropped {singles} single-character entries")
    frame = _frame(pairs, extra=None)
    frame.to_csv(OUT / "hownet_sentiment.csv", index=False)
    print(f"  wrote {len(frame)} rows")


if __name__ == "__main__":
    main(sys.argv[1])
