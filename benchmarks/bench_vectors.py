"""Benchmark retailkit.vectors on the full review corpus: time, peak memory, determinism, validity.

Data: online_shopping_10_cats (ChineseNlpCorpus, SophonPlus,
https://github.com/SophonPlus/ChineseNlpCorpus), all 62,773 non-empty reviews, plus the
sentences of the five seed articles (so the commentary vocabulary is in the model), tokenised
with ``retailkit.tokenize_many`` (rjieba, domain dictionary, packaged stopwords).

Measured, one worker thread each (``workers=1``, the only deterministic setting of gensim):

1. Word2Vec (skip-gram, 100 dimensions, window 5, min_count 5, 5 epochs, seed 0) and FastText
   with the same parameters: wall time and the peak resident memory of the process after each
   step (``ru_maxrss``).
2. Determinism: Word2Vec trained again in a child process with another ``PYTHONHASHSEED``;
   SHA-256 digests of the vectors must agree.
3. Dictionary expansion: the 8 nearest neighbours of two seed terms per theme.
4. Semantic projection (Kozlowski et al. 2019) of the hand-labelled seed sentences
   (``retailkit.stance.load_labelled``) on two axes built from seed words; AUC approving vs
   skeptical, beside the stance scorer's AUC on the same sentences
   (``retailkit.stance.evaluation_summary``).

Usage: python benchmarks/bench_vectors.py [path/to/csv]   (about 5 minutes on two cores)
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import time

import numpy as np
from _paths import full_reviews_path
from sklearn.metrics import roc_auc_score

from retailkit import vectors
from retailkit.cleaning import split_sentences
from retailkit.corpus import load_seeds
from retailkit.reviews import load_reviews
from retailkit.segment import tokenize_many
from retailkit.stance import evaluation_summary, load_labelled

SEED = 0
EXPANSION_SEEDS = {
    "social_commerce": ["分享", "社交"],
    "interactive_marketing": ["互动", "活动"],
    "feed_marketing": ["广告", "推荐"],
    "new_retail": ["实体店", "线下"],
    "platforms": ["淘宝", "京东"],
}
#: Two axes: words of review praise / complaint, and of commentary approval / criticism.
AXES = {
    "review words": (["好", "满意", "喜欢", "值得", "不错", "推荐"],
                     ["差", "失望", "后悔", "垃圾", "糟糕", "退货"]),
    "commentary words": (["成功", "优势", "创新", "领先", "机会", "看好"],
                         ["失败", "问题", "风险", "困境", "泡沫", "质疑"]),
}  # fmt: skip


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def digest(model: vectors.WordVectors) -> str:
    return hashlib.sha256(np.ascontiguousarray(model.vectors_.vectors).tobytes()).hexdigest()[:16]


def corpus_tokens(path: str) -> list[list[str]]:
    reviews = load_reviews(path)["review"].tolist()
    sentences = [s for text in load_seeds()["text"] for s in split_sentences(text)]
    return tokenize_many(reviews + sentences)


def child() -> None:
    tokens = corpus_tokens(sys.argv[2])
    print(digest(vectors.train(tokens, seed=SEED)))


def main() -> None:
    path = str(full_reviews_path(sys.argv[1] if len(sys.argv) > 1 else None))
    threads = os.environ.get("OMP_NUM_THREADS")
    print(f"machine: {os.cpu_count()} cores (shared); OMP_NUM_THREADS={threads}")
    start = time.perf_counter()
    tokens = corpus_tokens(path)
    n_tokens = sum(map(len, tokens))
    print(
        f"load + tokenize: {time.perf_counter() - start:.1f} s, {len(tokens):,} documents, "
        f"{n_tokens:,} tokens, peak {peak_mb():.0f} MB"
    )
    models = {}
    for method in ("word2vec", "fasttext"):
        start = time.perf_counter()
        models[method] = vectors.train(tokens, method=method, seed=SEED)
        print(
            f"{method}: {time.perf_counter() - start:.1f} s, vocabulary "
            f"{len(models[method]):,}, peak {peak_mb():.0f} MB, digest {digest(models[method])}"
        )
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    other = subprocess.run(
        [sys.executable, __file__, "--child", path],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    print(
        f"word2vec digest in a child process (PYTHONHASHSEED=123): {other}; "
        f"identical: {other == digest(models['word2vec'])}"
    )
    model = models["word2vec"]
    for theme, seeds in EXPANSION_SEEDS.items():
        table = model.expand(seeds, n=8)
        for seed, part in table.groupby("seed", sort=False):
            print(f"  {theme} / {seed}: {' '.join(part['candidate'])}")
    labelled = load_labelled()
    labelled = labelled[labelled["label"].isin(["approving", "skeptical"])]
    positive = (labelled["label"] == "approving").to_numpy()
    sentence_tokens = tokenize_many(labelled["text"].tolist())
    for name, (plus, minus) in AXES.items():
        for method, m in models.items():
            scores = m.project(sentence_tokens, plus, minus)["projection"].fillna(0.0)
            print(
                f"projection AUC ({name}, {method}): {roc_auc_score(positive, scores):.3f} "
                f"on {positive.sum()} approving / {(~positive).sum()} skeptical"
            )
    summary = evaluation_summary(n_boot=0)
    stance_auc = summary.query("article == 'all' and scorer == 'stance'")["auc"].iloc[0]
    print(f"stance scorer AUC on the same sentences: {stance_auc:.3f}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child()
    else:
        main()
