"""Benchmark retailkit.topics: agreement with product categories, speed, determinism.

Data: online_shopping_10_cats (ChineseNlpCorpus, SophonPlus,
https://github.com/SophonPlus/ChineseNlpCorpus). Fixed sample: the first 1,000 reviews of each
of the ten categories in file order (9,574 reviews; 热水器 has only 574), tokenised with
``retailkit.tokenize_many`` (rjieba, domain dictionary, packaged stopwords).

Side by side in one run, k = 10:

1. **Baseline**: ``gensim.models.LdaModel(num_topics=10, passes=10, random_state=seed)`` on all
   tokens (a plain gensim ``Dictionary``, no filtering), as measured in issue 5.
2. **retailkit, default** (``fit_lda(docs, 10, seed=seed)``: tomotopy, vocabulary filtering,
   fixed priors, 300 Gibbs sweeps), wall time including the vocabulary building.
3. **retailkit, gensim engine** (same preprocessing, ``engine="gensim"``), and the default engine
   without vocabulary filtering (``min_df=1, max_df=1.0``), to show what preprocessing does.

For each: wall time, NMI (sklearn ``normalized_mutual_info_score``) of the dominant topic against
the category, and c_v / c_npmi coherence (top 10 words, gensim ``CoherenceModel``, texts = the
model's in-vocabulary tokens, so they compare preprocessing choices only loosely). Seeds 0, 1, 2.

Determinism: the default model is fitted twice in this process and once in a child process with
a different ``PYTHONHASHSEED``, and once per tomotopy instruction set (``TOMOTOPY_ISA`` = avx512,
avx2, sse2, as far as the CPU has them); SHA-256 digests of ``doc_topics`` must all be equal. The
same is shown for tomotopy's own alpha optimisation (``optim_interval=10``), which retailkit
switches off because it is not.

Usage: python benchmarks/bench_topics.py [path/to/csv] [--seeds 0,1,2]
Single-threaded; about three to four minutes on two cores (the gensim baseline dominates).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from _paths import full_reviews_path
from sklearn.metrics import normalized_mutual_info_score

import retailkit
from retailkit.reviews import load_reviews
from retailkit.topics import fit_lda

HERE = Path(__file__).resolve().parent
K = 10
PER_CATEGORY = 1000


def review_sample(path: Path) -> pd.DataFrame:
    """First 1,000 reviews per category, in file order."""
    reviews = load_reviews(path)
    return reviews.groupby("cat", sort=False).head(PER_CATEGORY).reset_index(drop=True)


def digest(array: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()[:16]


def coherence_of(topics: list[list[str]], texts: list[list[str]], measure: str) -> float:
    from gensim.corpora import Dictionary
    from gensim.models import CoherenceModel

    texts = [text for text in texts if text]
    scorer = CoherenceModel(
        topics=topics,
        texts=texts,
        dictionary=Dictionary(texts),
        coherence=measure,
        topn=10,
        processes=1,
    )
    return float(scorer.get_coherence())


def gensim_baseline(docs: list[list[str]], seed: int) -> dict[str, Any]:
    from gensim.corpora import Dictionary
    from gensim.models import LdaModel

    start = time.perf_counter()
    dictionary = Dictionary(docs)
    corpus = [dictionary.doc2bow(doc) for doc in docs]
    model = LdaModel(corpus=corpus, id2word=dictionary, num_topics=K, passes=10, random_state=seed)
    gamma, _ = model.inference(corpus)
    seconds = time.perf_counter() - start
    dominant = np.argmax(gamma, axis=1)
    topics = [[word for word, _ in model.show_topic(t, topn=10)] for t in range(K)]
    return {"seconds": seconds, "dominant": dominant, "topics": topics, "texts": docs}


def retailkit_run(docs: list[list[str]], seed: int, **options: Any) -> dict[str, Any]:
    start = time.perf_counter()
    model = fit_lda(docs, K, seed=seed, **options)
    seconds = time.perf_counter() - start
    texts = [[str(model.vocabulary_[i]) for i in doc] for doc in model.documents_]
    topics = model.top_words(10).groupby("topic")["word"].apply(list).tolist()
    return {
        "seconds": seconds,
        "dominant": model.dominant_topic(),
        "topics": topics,
        "texts": texts,
        "model": model,
    }


def child(csv: Path, optimise: bool) -> None:
    """Fit the default model (seed 0) and print the digest of doc_topics and tomotopy.isa."""
    docs = retailkit.tokenize_many(review_sample(csv)["review"])
    if optimise:
        print(optimised_digest(docs))
        return
    model = fit_lda(docs, K, seed=0)
    print(digest(model.doc_topics), model.params["tomotopy_isa"])


def optimised_digest(docs: list[list[str]]) -> str:
    """tomotopy with its own alpha optimisation (what retailkit does not do), for comparison."""
    import tomotopy as tp

    from retailkit.topics import ALPHA, ETA, build_vocabulary

    vocabulary = set(build_vocabulary(docs))
    model = tp.LDAModel(k=K, alpha=ALPHA, eta=ETA, seed=0)
    model.optim_interval = 10
    for doc in docs:
        kept = [t for t in doc if t in vocabulary]
        if kept:
            model.add_doc(kept)
    model.train(300, workers=1, parallel=tp.ParallelScheme.NONE)
    shares = np.array([doc.get_topic_dist() for doc in model.docs], dtype=np.float64)
    return f"{digest(shares)} {tp.isa}"


def in_child(csv: Path, isa: str | None, *, optimise: bool = False) -> str:
    env = dict(os.environ, PYTHONHASHSEED="4321")
    env.pop("TOMOTOPY_ISA", None)
    if isa:
        env["TOMOTOPY_ISA"] = isa
    args = [sys.executable, __file__, str(csv), "--child"] + (["--optimise"] if optimise else [])
    result = subprocess.run(args, capture_output=True, text=True, env=env, cwd=HERE, check=True)
    return result.stdout.strip()


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    csv = full_reviews_path(args[0] if args else None)
    if "--child" in argv:
        child(csv, "--optimise" in argv)
        return 0
    seeds = [0, 1, 2]
    for i, a in enumerate(argv):
        if a == "--seeds":
            seeds = [int(s) for s in argv[i + 1].split(",")]
    sample = review_sample(csv)
    print(f"sample: {len(sample):,} reviews, {sample['cat'].nunique()} categories ({csv.name})")
    start = time.perf_counter()
    docs = retailkit.tokenize_many(sample["review"])
    print(f"tokenize_many: {time.perf_counter() - start:.1f} s")

    runs = {
        "gensim LdaModel(passes=10), all tokens (baseline)": lambda s: gensim_baseline(docs, s),
        "retailkit default (tomotopy)": lambda s: retailkit_run(docs, s),
        "retailkit engine='gensim'": lambda s: retailkit_run(docs, s, engine="gensim"),
        "retailkit tomotopy, no vocabulary filter": lambda s: retailkit_run(
            docs, s, min_df=1, max_df=1.0
        ),
    }
    rows = []
    models = {}
    for name, run in runs.items():
        for seed in seeds:
            result = run(seed)
            rows.append(
                {
                    "run": name,
                    "seed": seed,
                    "seconds": result["seconds"],
                    "nmi": normalized_mutual_info_score(sample["cat"], result["dominant"]),
                    "c_v": coherence_of(result["topics"], result["texts"], "c_v"),
                    "c_npmi": coherence_of(result["topics"], result["texts"], "c_npmi"),
                }
            )
            print(
                f"{name:52s} seed {seed}: {rows[-1]['seconds']:6.1f} s  NMI {rows[-1]['nmi']:.3f}"
                f"  c_v {rows[-1]['c_v']:.3f}  c_npmi {rows[-1]['c_npmi']:.3f}",
                flush=True,
            )
            if "model" in result:
                models[(name, seed)] = result["model"]
    table = pd.DataFrame(rows)
    summary = table.groupby("run", sort=False)[["seconds", "nmi", "c_v", "c_npmi"]].agg(
        ["mean", "min", "max"]
    )
    print()
    print(summary.round(3).to_string())

    baseline = table[table["run"].str.contains("baseline")]
    default = table[table["run"] == "retailkit default (tomotopy)"]
    ratio = default["seconds"].mean() / baseline["seconds"].mean()
    nmi_min = default["nmi"].min()
    print()
    print(f"target NMI >= 0.55 (default, every seed): min {nmi_min:.3f} -> "
          f"{'met' if nmi_min >= 0.55 else 'MISSED'}")  # fmt: skip
    print(f"target time <= 0.5 x gensim baseline: {ratio:.2f} x -> "
          f"{'met' if ratio <= 0.5 else 'MISSED'}")  # fmt: skip

    # Determinism of the default model.
    default_model = models[("retailkit default (tomotopy)", seeds[0])]
    again = fit_lda(docs, K, seed=seeds[0])
    same_process = np.array_equal(again.doc_topics, default_model.doc_topics)
    print(f"same seed twice in this process: identical doc_topics -> {same_process}")
    if seeds[0] == 0:
        here = f"{digest(default_model.doc_topics)} {default_model.params['tomotopy_isa']}"
        import tomotopy

        order = ["avx512", "avx2", "sse2"]
        isas = order[order.index(tomotopy.isa) :] if tomotopy.isa in order else []
        print(f"this process:            {here}")
        digests = {here.split()[0]}
        line = in_child(csv, None)
        print(f"child, default ISA:      {line}")
        digests.add(line.split()[0])
        for isa in isas:
            line = in_child(csv, isa)
            digests.add(line.split()[0])
            print(f"child, TOMOTOPY_ISA={isa:6s} {line}")
        print(f"across processes and instruction sets: identical -> {len(digests) == 1}")
        optimised = {isa: in_child(csv, isa, optimise=True) for isa in isas}
        for isa, line in optimised.items():
            print(f"tomotopy optim_interval=10, TOMOTOPY_ISA={isa:6s} {line}")
        distinct = len({line.split()[0] for line in optimised.values()})
        print(f"with alpha optimisation: {distinct} distinct results over {len(optimised)} ISAs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
