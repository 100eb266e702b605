"""Train the commentary model (targets + stance toward a target) and measure it (issue 14).

Needs the rebuilt commentary texts (``python benchmarks/build_commentary_corpus.py rebuild``,
which writes the git-ignored ``data/commentary/texts/sample*_sentences.csv``). Steps:

1. For each of the four labelling rounds (``ROUNDS``): join A's codes (``codings_a.csv``,
   ``codings2_a.csv`` …) to the sentences; Cohen's κ against the blind second pass
   (``codings*_b.csv``); the adjudicated codes (``adjudication*.csv``) replace A's where A and
   B disagreed. Then the same for each of ``SECOND_PASSES`` (every sentence no round's blind
   pass had coded, coded again under guidelines version 1.1).
2. **Stance**: a three-class logistic regression over binary character 1–3-grams, the lexicon
   evidence, the rule targets, the target judged and the sentence's mean word vector (ninth
   run: word2vec, ``EMBEDDING``, learned from the unlabelled text of every 人人都是产品经理
   article in the manifest and of the 62,774 reviews of online_shopping_10_cats — never from a
   public account's or a seed's text; ``train_embeddings``); C and the class weights (none, or
   "balanced") chosen by article-grouped 5-fold cross-validation AUC (never on seed sentences;
   grids in ``STANCE_C_GRID`` and ``STANCE_CLASS_WEIGHTS``); then, on the out-of-fold scores,
   the decision point between approving and skeptical (stored as an offset that moves it to
   0.5), the neutral band (for scores without a target) and the P(neutral) threshold (the
   lowest whose out-of-fold neutral precision reaches ``NEUTRAL_PRECISION``).
3. **Targets**: one binary logistic regression per target over the same features; C and the
   class weights chosen by article-grouped cross-validation on the 人人都是产品经理 sentences.
4. **Other outlets**: each WeChat public account scored, for stance and targets, by the same
   design fitted on every other outlet (``outlets_left_out``); targets also by the rules.
5. Out of domain: both measured on the seeds' hand codings (``data/arguments/``), never used.
6. Write ``retailkit/data/arguments/commentary_model.json``, ``commentary_ngrams.csv`` and
   ``commentary_words.csv`` (the word vectors times the stance model's coefficients on them).

Also needs the full review file (``benchmarks/_paths.py``). Run:
``python benchmarks/train_commentary_models.py`` (about 8 minutes on 2 cores).
"""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from _paths import full_reviews_path
from build_commentary_corpus import cleaned_sentences
from gensim.models import Word2Vec
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold

from retailkit.arguments import codings as seed_codings
from retailkit.arguments.model import (
    FORMAT_VERSION,
    STANCE_CLASSES,
    dense_features,
    word_means,
    word_tokens,
)
from retailkit.arguments.targets import TARGETS, detect_targets

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "commentary"
OUT = ROOT / "retailkit" / "data" / "arguments"
# Grids narrowed after a first full run (2026-11-30, same data): stance CV AUC 0.815 / 0.810 /
# 0.799 / 0.793 for C = 0.05 / 0.1 / 0.3 / 1.0; targets CV micro-F1 0.639 / 0.645 / 0.649 for
# C = 0.1 / 0.3 / 1.0. Widen them to re-run the whole selection.
# Second run (2026-11-30, with the adjudicated codes): class_weight "balanced" raised the CV AUC
# at every C, and it kept rising as C fell to 0.01 (0.826; 0.005 gave 0.820).
# Ninth run (with the word vectors): C = 0.01, the grid's lowest, won (CV AUC 0.858); the grid
# was widened downwards and the run repeated.
STANCE_C_GRID = (0.003, 0.005, 0.01, 0.02, 0.05, 0.1)
STANCE_CLASS_WEIGHTS = (None, "balanced")
OFFSET_GRID = np.round(np.arange(-0.15, 0.151, 0.01), 2)
NEUTRAL_GRID = np.round(np.arange(0.30, 0.801, 0.02), 2)
# The issue asks that a neutral call be right at least this often; the threshold is the lowest
# that reaches it out of fold (third run; the second chose by macro-F1, CV precision 0.711).
NEUTRAL_PRECISION = 0.7
# Targets: the grid was C = 1.0 alone until the eighth run, which added class weights (as the
# stance grid has them) and smaller C; the selection is still by CV on 人人都是产品经理 alone.
TARGET_C_GRID = (0.03, 0.1, 0.3, 1.0)
TARGET_CLASS_WEIGHTS = (None, "balanced")
BAND_GRID = (0.0, 0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25)
DENSE_SCALE = 3.0  # lexicon and flag features on the scale of a few n-gram indicators
FOLDS = 5
SEED = 0
# Word vectors (ninth run; one worker and a fixed hash, so a re-run gives the same vectors).
# Tried on the eighth run's data (C = 0.02, balanced): the mean vector at scale 0.3 / 1 raised
# the stance CV AUC 0.846 -> 0.855 / 0.859 and the public accounts' 0.784 -> 0.793 / 0.803.
EMBEDDING = {"vector_size": 100, "window": 5, "min_count": 5, "sg": 1, "epochs": 8}
EMBEDDING_SCALE = 1.0  # each standardised dimension as one n-gram indicator
warnings.filterwarnings("ignore", category=UserWarning)


# One labelling round a row: the sentences (rebuilt, git-ignored), A's codes, the blind second
# pass B, and the adjudicated disagreements.
ROUNDS = (
    ("sample_sentences.csv", "codings_a.csv", "codings_b.csv", "adjudication.csv"),
    ("sample2_sentences.csv", "codings2_a.csv", "codings2_b.csv", "adjudication2.csv"),
    ("sample3_sentences.csv", "codings3_a.csv", "codings3_b.csv", "adjudication3.csv"),
    ("sample4_sentences.csv", "codings4_a.csv", "codings4_b.csv", "adjudication4.csv"),
)
# Second passes over the sentences no round's blind pass had coded, each coded again blind under
# guidelines version 1.1 and its disagreements with the first pass adjudicated; applied after
# the rounds' own adjudications. Sixth run: the WeChat public accounts' sentences (G1–G4);
# seventh run: the 人人都是产品经理 sentences (H1–H7).
SECOND_PASSES = {
    "the accounts' second pass": ("codings_accounts_b.csv", "adjudication_accounts.csv"),
    "the 人人都是产品经理 second pass": ("codings_woshipm_b.csv", "adjudication_woshipm.csv"),
}
FIELDS = ["targets", "stance_social", "stance_interactive", "stance_feed", "voice", "speaker"]


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def load_commentary() -> pd.DataFrame:
    """Every coded sentence with its text, A's codes and the adjudicated decisions in place."""
    frames = []
    for number, (texts, first, second, decided) in enumerate(ROUNDS, 1):
        path = DATA / "texts" / texts
        if not path.is_file():
            raise SystemExit(f"{path}: missing; run benchmarks/build_commentary_corpus.py rebuild")
        sentences = pd.read_csv(path, dtype=str, keep_default_na=False)
        coded = read(first)
        frame = coded.merge(sentences, on="sentence_id", how="inner", validate="1:1")
        print(
            f"round {number}: coded sentences {len(coded):,}; with text on this machine "
            f"{len(frame):,}"
        )
        agreement(frame, read(second), f"round {number}")
        frames.append(adjudicate(frame, read(decided)).assign(round=number))
    everything = pd.concat(frames, ignore_index=True)
    for name, (second, decided) in SECOND_PASSES.items():
        if (DATA / second).is_file():
            print(f"{name}:")
            agreement(everything, read(second), name)
            everything = adjudicate(everything, read(decided))
    return everything


def adjudicate(frame: pd.DataFrame, decided: pd.DataFrame) -> pd.DataFrame:
    """A's codes with the adjudicated codes in place where A and B disagreed."""
    out = frame.set_index("sentence_id")
    decided = decided.set_index("sentence_id").loc[lambda d: d.index.isin(out.index), FIELDS]
    changed = int((out.loc[decided.index, FIELDS] != decided).any(axis=1).sum())
    out.loc[decided.index, FIELDS] = decided
    print(f"  adjudicated: {len(decided)} sentences, {changed} of them recoded")
    return out.reset_index()


def agreement(frame: pd.DataFrame, second: pd.DataFrame, name: str) -> None:
    both = frame.merge(second, on="sentence_id", suffixes=("_a", "_b"))
    print(f"  agreement, blind second pass of {name} ({len(both)} sentences):")
    for target in TARGETS:
        a = both["targets_a"].str.split(";").apply(lambda t, x=target: x in t)
        b = both["targets_b"].str.split(";").apply(lambda t, x=target: x in t)
        shared = both[a & b]
        stance = (
            cohen_kappa_score(shared[f"stance_{target}_a"], shared[f"stance_{target}_b"])
            if shared[f"stance_{target}_a"].nunique() + shared[f"stance_{target}_b"].nunique() > 2
            else float("nan")
        )
        print(
            f"    {target:12s} target κ {cohen_kappa_score(a, b):.3f}; stance κ {stance:.3f} "
            f"(n {len(shared)}, agreement "
            f"{(shared[f'stance_{target}_a'] == shared[f'stance_{target}_b']).mean():.3f})"
        )
    truth_a = target_labels(both.rename(columns={"targets_a": "targets"}))
    truth_b = target_labels(both.rename(columns={"targets_b": "targets"}))
    print(
        f"    voice κ {cohen_kappa_score(both['voice_a'], both['voice_b']):.3f}; target micro-F1 "
        f"of A against B {micro_f1(truth_a, truth_b)[0]:.3f}"
    )


def stance_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for row in frame.itertuples(index=False):
        for target in [t for t in row.targets.split(";") if t]:
            rows.append(
                (row.article_id, row.outlet, row.sentence, target, getattr(row, f"stance_{target}"))
            )
    return pd.DataFrame(rows, columns=["article_id", "outlet", "sentence", "target", "stance"])


_DENSE: dict[str, np.ndarray] = {}  # sentence -> lexicon and rule-target features (computed once)
_VECTORS: dict[str, np.ndarray] = {}  # sentence -> mean word vector, standardised


class WordVectors(NamedTuple):
    words: list[str]
    index: dict[str, int]
    vectors: np.ndarray  # one row per word
    scale: np.ndarray  # per dimension: standardises the coded sentences' mean vectors


_WORDS: list[WordVectors] = []  # the word vectors, once train_embeddings has run


def stable_hash(text: str) -> int:
    """gensim seeds each word's starting vector with this hash (Python's own varies by run)."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "little")


def train_embeddings(frame: pd.DataFrame) -> None:
    """Word2vec on unlabelled text no evaluation scores: every 人人都是产品经理 article of the
    manifest (the outlet the public accounts are measured against) and the review file; then
    the per-dimension scale that standardises its coded sentences' mean vectors."""
    manifest = read("manifest.csv")
    home = manifest.loc[manifest["outlet"] == "人人都是产品经理", "article_id"]
    sentences = [
        sentence
        for article_id in sorted(home)
        for *_, sentence in cleaned_sentences(
            (DATA / "texts" / f"{article_id}.txt").read_text(encoding="utf-8").rstrip("\n")
        )[1]
    ]
    reviews = pd.read_csv(full_reviews_path(), dtype=str, keep_default_na=False)["review"]
    corpus = [t for t in word_tokens(sentences + reviews.tolist()) if t]
    model = Word2Vec(corpus, workers=1, seed=SEED, hashfxn=stable_hash, **EMBEDDING)
    words = list(model.wv.index_to_key)
    index = {word: i for i, word in enumerate(words)}
    vectors = model.wv.vectors.astype(np.float64)
    coded = frame.loc[frame["outlet"] == "人人都是产品经理", "sentence"].tolist()
    raw = word_means(coded, index, len(words)) @ vectors
    scale = EMBEDDING_SCALE / np.maximum(raw.std(axis=0), 1e-9)
    _WORDS[:] = [WordVectors(words, index, vectors, scale)]
    print(
        f"word vectors: {len(corpus):,} texts ({len(sentences):,} article sentences, "
        f"{len(reviews):,} reviews), {sum(map(len, corpus)):,} words; vocabulary {len(words):,}"
    )


def sentence_vectors(sentences: list[str]) -> np.ndarray:
    new = sorted(set(sentences) - set(_VECTORS))
    if new:
        words = _WORDS[0]
        means = word_means(new, words.index, len(words.words)) @ words.vectors
        for sentence, row in zip(new, means * words.scale, strict=True):
            _VECTORS[sentence] = row
    return np.array([_VECTORS[s] for s in sentences]).reshape(len(sentences), -1)


def precompute_dense(sentences: list[str]) -> None:
    new = sorted(set(sentences) - set(_DENSE))
    if new:
        for sentence, row in zip(new, dense_features(new), strict=True):
            _DENSE[sentence] = row


def matrix(vectoriser: CountVectorizer, sentences: list[str], targets: list[str] | None = None):
    precompute_dense(sentences)
    dense = np.array([_DENSE[s] for s in sentences]).reshape(len(sentences), -1)
    dense = dense * DENSE_SCALE
    if targets is not None:  # the stance design: the target judged and the word vectors
        judged = np.array([[t == target for t in TARGETS] for target in targets], float)
        judged = judged.reshape(len(sentences), len(TARGETS)) * DENSE_SCALE
        dense = np.hstack([dense, judged, sentence_vectors(sentences)])
    return hstack([vectoriser.transform(sentences), csr_matrix(dense)]).tocsr()


def vectoriser_for(sentences: list[str]) -> CountVectorizer:
    return CountVectorizer(
        analyzer="char", ngram_range=(1, 3), binary=True, min_df=2, lowercase=False
    ).fit(sentences)


def approval(model: LogisticRegression, X) -> np.ndarray:
    p = model.predict_proba(X)
    classes = list(model.classes_)
    return 0.5 + (p[:, classes.index("approving")] - p[:, classes.index("skeptical")]) / 2


def polar_figures(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float, int]:
    polar = np.isin(labels, ["approving", "skeptical"])
    positive = labels[polar] == "approving"
    return (
        float(roc_auc_score(positive, scores[polar])),
        float(((scores[polar] > 0.5) == positive).mean()),
        int(polar.sum()),
    )


def band_figures(
    scores: np.ndarray, labels: np.ndarray, band: tuple[float, float]
) -> tuple[float, float]:
    inside = (scores >= band[0]) & (scores <= band[1])
    neutral = labels == "neutral"
    precision = float(neutral[inside].mean()) if inside.any() else float("nan")
    recall = float(inside[neutral].mean()) if neutral.any() else float("nan")
    return precision, recall


def choose_offset(scores: np.ndarray, labels: np.ndarray) -> float:
    """The shift that puts the best out-of-fold accuracy (approving vs skeptical) at 0.5."""
    polar = np.isin(labels, ["approving", "skeptical"])
    positive = labels[polar] == "approving"
    accuracy = [float(((scores[polar] + o > 0.5) == positive).mean()) for o in OFFSET_GRID]
    best = max(accuracy)
    # Of the ties, the smallest shift.
    return float(
        min((abs(o), o) for o, a in zip(OFFSET_GRID, accuracy, strict=True) if a == best)[1]
    )


def three_labels(scores: np.ndarray, neutral: np.ndarray) -> np.ndarray:
    sides = np.where(scores > 0.5, "approving", np.where(scores < 0.5, "skeptical", "neutral"))
    return np.where(neutral, "neutral", sides)


def choose_neutral_threshold(
    p_neutral: np.ndarray, scores: np.ndarray, labels: np.ndarray
) -> tuple[float, tuple[float, float, float, float]]:
    """The lowest P(neutral) threshold whose out-of-fold neutral precision reaches
    ``NEUTRAL_PRECISION`` (the most neutral pairs caught at that precision); when none does,
    the threshold with the best out-of-fold macro-F1 of the three labels.

    Returns the threshold and (neutral precision, neutral recall, macro-F1 of the three labels,
    macro-F1 of the band's labels at the same offset, for comparison).
    """
    neutral = labels == "neutral"
    precise = [
        float(t)
        for t in NEUTRAL_GRID
        if (p_neutral >= t).any() and neutral[p_neutral >= t].mean() >= NEUTRAL_PRECISION
    ]
    if precise:
        threshold = min(precise)
    else:
        macro = [
            f1_score(labels, three_labels(scores, p_neutral >= t), average="macro")
            for t in NEUTRAL_GRID
        ]
        threshold = float(NEUTRAL_GRID[int(np.argmax(macro))])
    called = p_neutral >= threshold
    score = f1_score(labels, three_labels(scores, called), average="macro")
    band = choose_band(scores, labels)
    in_band = (scores >= band[0]) & (scores <= band[1])
    band_f1 = f1_score(labels, three_labels(scores, in_band), average="macro")
    return threshold, (
        float(neutral[called].mean()),
        float(called[neutral].mean()),
        float(score),
        float(band_f1),
    )


def choose_band(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    best = None
    for width in BAND_GRID:
        low, high = 0.5 - width, 0.5 + width
        predicted = np.where(
            scores > high, "approving", np.where(scores < low, "skeptical", "neutral")
        )
        score = f1_score(labels, predicted, average="macro")
        if best is None or score > best[0] + 0.005:
            best = (score, (round(low, 3), round(high, 3)))
    assert best is not None
    return best[1]


def train_stance(
    pairs: pd.DataFrame, vec: CountVectorizer
) -> tuple[LogisticRegression, tuple[float, float], dict]:
    labels = pairs["stance"].to_numpy()
    groups = pairs["article_id"].to_numpy()
    results = {}
    for C, weights in [(c, w) for w in STANCE_CLASS_WEIGHTS for c in STANCE_C_GRID]:
        oof = np.zeros(len(pairs))
        p_neutral = np.zeros(len(pairs))
        for train, test in GroupKFold(FOLDS).split(pairs, groups=groups):
            fold_vec = vectoriser_for(pairs["sentence"].iloc[train].tolist())
            X = matrix(
                fold_vec,
                pairs["sentence"].iloc[train].tolist(),
                pairs["target"].iloc[train].tolist(),
            )
            model = LogisticRegression(C=C, max_iter=5000, class_weight=weights).fit(
                X, labels[train]
            )
            Xt = matrix(
                fold_vec,
                pairs["sentence"].iloc[test].tolist(),
                pairs["target"].iloc[test].tolist(),
            )
            oof[test] = approval(model, Xt)
            p_neutral[test] = model.predict_proba(Xt)[:, list(model.classes_).index("neutral")]
        results[C, weights] = (polar_figures(oof, labels), oof, p_neutral)
        auc, accuracy, n = results[C, weights][0]
        print(
            f"  stance C={C}, class weights {weights}: article-grouped CV AUC {auc:.3f}, "
            f"accuracy {accuracy:.3f} ({n} polar pairs)"
        )
    key = max(results, key=lambda k: (round(results[k][0][0], 3), results[k][0][1]))
    chosen, weights = key
    oof = results[key][1]
    offset = choose_offset(oof, labels)
    oof = np.clip(oof + offset, 0.0, 1.0)
    band = choose_band(oof, labels)
    precision, recall = band_figures(oof, labels, band)
    shifted = polar_figures(oof, labels)
    threshold, called = choose_neutral_threshold(results[key][2], oof, labels)
    print(
        f"  chosen C={chosen}, class weights {weights}; offset {offset:+.2f} (CV accuracy "
        f"{results[key][0][1]:.3f} -> {shifted[1]:.3f}); neutral band {band}: "
        f"CV precision {precision:.3f}, recall {recall:.3f}; neutral when P(neutral) >= "
        f"{threshold}: CV precision {called[0]:.3f}, recall {called[1]:.3f}, macro-F1 "
        f"{called[2]:.3f} (band: {called[3]:.3f})"
    )
    model = LogisticRegression(C=chosen, max_iter=5000, class_weight=weights).fit(
        matrix(vec, pairs["sentence"].tolist(), pairs["target"].tolist()), labels
    )
    figures = {
        "C": chosen,
        "class_weight": weights,
        "offset": offset,
        "cv_auc": round(results[key][0][0], 4),
        "cv_accuracy": round(shifted[1], 4),
        "cv_polar_pairs": results[key][0][2],
        "cv_band_precision": round(precision, 4),
        "cv_band_recall": round(recall, 4),
        "neutral_threshold": threshold,
        "cv_neutral_precision": round(called[0], 4),
        "cv_neutral_recall": round(called[1], 4),
        "cv_macro_f1": round(called[2], 4),
        "cv_macro_f1_band": round(called[3], 4),
    }
    return model, band, figures


def outlets_left_out(outlets: pd.Series):
    """(fit, held-out) masks, one pair per WeChat public account: each account is scored by a
    model fitted on every other outlet (人人都是产品经理 and the other accounts)."""
    accounts = sorted(o for o in outlets.unique() if "微信公众号" in o)
    for account in accounts:
        held_out = (outlets == account).to_numpy()
        yield ~held_out, held_out


def stance_on_other_outlets(pairs: pd.DataFrame, figures: dict) -> dict:
    """The chosen stance design, each public account scored by a fit without that outlet."""
    scores = np.full(len(pairs), np.nan)
    called = np.zeros(len(pairs), bool)
    for fit, held_out in outlets_left_out(pairs["outlet"]):
        train, test = pairs[fit], pairs[held_out]
        fold_vec = vectoriser_for(train["sentence"].tolist())
        model = LogisticRegression(
            C=figures["C"], max_iter=5000, class_weight=figures["class_weight"]
        ).fit(
            matrix(fold_vec, train["sentence"].tolist(), train["target"].tolist()),
            train["stance"].to_numpy(),
        )
        X = matrix(fold_vec, test["sentence"].tolist(), test["target"].tolist())
        scores[held_out] = np.clip(approval(model, X) + figures["offset"], 0.0, 1.0)
        p_neutral = model.predict_proba(X)[:, list(model.classes_).index("neutral")]
        called[held_out] = p_neutral >= figures["neutral_threshold"]
    away = ~np.isnan(scores)
    labels = pairs["stance"].to_numpy()[away]
    scores, called = scores[away], called[away]
    auc, accuracy, n = polar_figures(scores, labels)
    neutral = labels == "neutral"
    majority = max(np.mean(labels[labels != "neutral"] == c) for c in ("approving", "skeptical"))
    print(
        f"  other outlets ({int(away.sum())} pairs, each account scored by a fit without it): "
        f"stance AUC {auc:.3f}, accuracy {accuracy:.3f} ({n} polar pairs; majority "
        f"{majority:.3f}); neutral calls precision {neutral[called].mean():.3f}, recall "
        f"{called[neutral].mean():.3f}"
    )
    return {
        "other_outlets_auc": round(auc, 4),
        "other_outlets_accuracy": round(accuracy, 4),
        "other_outlets_polar_pairs": n,
        "other_outlets_majority": round(float(majority), 4),
        "other_outlets_neutral_precision": round(float(neutral[called].mean()), 4),
        "other_outlets_neutral_recall": round(float(called[neutral].mean()), 4),
    }


def target_labels(frame: pd.DataFrame) -> np.ndarray:
    return np.stack(
        [frame["targets"].str.split(";").apply(lambda t, x=t: x in t).to_numpy() for t in TARGETS],
        1,
    )


def micro_f1(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    tp = int((predicted & truth).sum())
    fp = int((predicted & ~truth).sum())
    fn = int((~predicted & truth).sum())
    return 2 * tp / (2 * tp + fp + fn), tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def fit_targets(
    vec: CountVectorizer,
    sentences: list[str],
    truth: np.ndarray,
    C: float,
    weights: str | None = None,
) -> list[LogisticRegression]:
    X = matrix(vec, sentences)
    return [
        LogisticRegression(C=C, max_iter=5000, class_weight=weights).fit(X, truth[:, j])
        for j in range(len(TARGETS))
    ]


def predict_targets(
    models: list[LogisticRegression], vec: CountVectorizer, sentences: list[str]
) -> np.ndarray:
    X = matrix(vec, sentences)
    return np.stack([m.predict_proba(X)[:, 1] > 0.5 for m in models], 1)


def train_targets(
    frame: pd.DataFrame, vec: CountVectorizer
) -> tuple[list[LogisticRegression], dict]:
    truth = target_labels(frame)
    other = frame["outlet"].str.contains("微信公众号").to_numpy()
    home = ~other
    sentences = frame["sentence"].tolist()
    groups = frame["article_id"].to_numpy()
    scores = {}
    for C, weights in [(c, w) for w in TARGET_CLASS_WEIGHTS for c in TARGET_C_GRID]:
        predicted = np.zeros_like(truth[home])
        index = np.flatnonzero(home)
        for train, test in GroupKFold(FOLDS).split(index, groups=groups[home]):
            fold_vec = vectoriser_for([sentences[i] for i in index[train]])
            models = fit_targets(
                fold_vec, [sentences[i] for i in index[train]], truth[index[train]], C, weights
            )
            predicted[test] = predict_targets(models, fold_vec, [sentences[i] for i in index[test]])
        scores[C, weights] = micro_f1(predicted, truth[home])[0]
        print(
            f"  targets C={C}, class weights {weights}: article-grouped CV micro-F1 "
            f"{scores[C, weights]:.3f} (人人都是产品经理)"
        )
    chosen, weights = max(scores, key=lambda key: round(scores[key], 3))
    predicted = np.zeros_like(truth)
    for fit, held_out in outlets_left_out(frame["outlet"]):
        fit_sentences = [s for s, f in zip(sentences, fit, strict=True) if f]
        fold_vec = vectoriser_for(fit_sentences)
        models = fit_targets(fold_vec, fit_sentences, truth[fit], chosen, weights)
        held = [s for s, h in zip(sentences, held_out, strict=True) if h]
        predicted[held_out] = predict_targets(models, fold_vec, held)
    predicted = predicted[other]
    learned = micro_f1(predicted, truth[other])
    other_sentences = [s for s, o in zip(sentences, other, strict=True) if o]
    rules = np.array(
        [
            [t in found for t in TARGETS]
            for found in detect_targets(other_sentences, list(range(len(other_sentences))))
        ]
    )
    by_rules = micro_f1(rules, truth[other])
    either = micro_f1(predicted | rules, truth[other])
    print(
        f"  other outlets: model or rules micro-F1 {either[0]:.3f} "
        f"(P {either[1]:.3f}, R {either[2]:.3f})"
    )
    print(
        f"  other outlets ({int(other.sum())} WeChat sentences, each account judged by a fit "
        f"without it): model micro-F1 {learned[0]:.3f} "
        f"(P {learned[1]:.3f}, R {learned[2]:.3f}); "
        f"rules {by_rules[0]:.3f} (P {by_rules[1]:.3f}, R {by_rules[2]:.3f})"
    )
    final = fit_targets(vec, sentences, truth, chosen, weights)
    figures = {
        "C": chosen,
        "class_weight": weights,
        "cv_micro_f1": round(scores[chosen, weights], 4),
        "other_outlets_micro_f1": round(learned[0], 4),
        "other_outlets_rules_micro_f1": round(by_rules[0], 4),
        "other_outlets_model_or_rules_micro_f1": round(either[0], 4),
        "other_outlets_sentences": int(other.sum()),
    }
    return final, figures


def seeds_out_of_domain(vec, stance_model, offset, band, threshold, target_models) -> dict:
    gold = seed_codings.load_codings("gold")
    pairs = gold[gold["target"] != ""]
    scores = approval(
        stance_model, matrix(vec, pairs["sentence"].tolist(), pairs["target"].tolist())
    )
    scores = np.clip(scores + offset, 0.0, 1.0)
    labels = pairs["stance"].to_numpy()
    auc, accuracy, n = polar_figures(scores, labels)
    precision, recall = band_figures(scores, labels, band)
    X = matrix(vec, pairs["sentence"].tolist(), pairs["target"].tolist())
    called = stance_model.predict_proba(X)[:, list(stance_model.classes_).index("neutral")]
    called = called >= threshold
    neutral = labels == "neutral"
    called_precision, called_recall = neutral[called].mean(), called[neutral].mean()
    sentences = gold.drop_duplicates("sentence_id")
    truth = np.stack(
        [
            sentences["sentence_id"]
            .map(gold.groupby("sentence_id")["target"].agg(lambda s, x=t: x in set(s)))
            .to_numpy(bool)
            for t in TARGETS
        ],
        1,
    )
    learned = micro_f1(predict_targets(target_models, vec, sentences["sentence"].tolist()), truth)
    print(
        f"\nOut of domain, the seeds' hand codings: stance AUC {auc:.3f}, accuracy {accuracy:.3f} "
        f"({n} polar pairs); neutral band precision {precision:.3f}, recall {recall:.3f}; "
        f"P(neutral) >= {threshold}: precision {called_precision:.3f}, recall "
        f"{called_recall:.3f}; targets micro-F1 {learned[0]:.3f} (sentences judged alone)"
    )
    return {
        "seeds_auc": round(auc, 4),
        "seeds_accuracy": round(accuracy, 4),
        "seeds_polar_pairs": n,
        "seeds_band_precision": round(precision, 4),
        "seeds_band_recall": round(recall, 4),
        "seeds_neutral_precision": round(float(called_precision), 4),
        "seeds_neutral_recall": round(float(called_recall), 4),
        "seeds_targets_micro_f1": round(learned[0], 4),
    }


def save(vec, stance_model, band, target_models, figures, frame) -> None:
    vocabulary = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    n = len(vocabulary)
    stance_order = [list(stance_model.classes_).index(c) for c in STANCE_CLASSES]
    coef = stance_model.coef_[stance_order]
    table = pd.DataFrame({"ngram": vocabulary})
    for k, name in enumerate(STANCE_CLASSES):
        table[f"stance_{name}"] = np.round(coef[k, :n], 6)
    for j, target in enumerate(TARGETS):
        table[f"target_{target}"] = np.round(target_models[j].coef_[0, :n], 6)
    table.to_csv(OUT / "commentary_ngrams.csv", index=False, encoding="utf-8")
    flags = 3 + 2 * len(TARGETS)  # lexicon, rule targets, target judged
    # The word-vector part collapsed: word w adds mean_w(vector_w * scale) . coef to a logit,
    # the mean of its words' (vector_w * scale) . coef — one weight per word and class.
    on_vectors = coef[:, n + flags :]
    vectors = _WORDS[0]
    words = pd.DataFrame({"word": vectors.words})
    weights = (vectors.vectors * vectors.scale) @ on_vectors.T
    for k, name in enumerate(STANCE_CLASSES):
        words[f"stance_{name}"] = np.round(weights[:, k], 6)
    words.to_csv(OUT / "commentary_words.csv", index=False, encoding="utf-8")
    files = [name for _texts, first, _second, decided in ROUNDS for name in (first, decided)]
    files += [name for pass_ in SECOND_PASSES.values() for name in pass_ if (DATA / name).is_file()]
    hashes = ", ".join(
        f"data/commentary/{name} (sha256 {hashlib.sha256((DATA / name).read_bytes()).hexdigest()})"
        for name in files
    )
    meta = {
        "format_version": FORMAT_VERSION,
        "description": "retailkit commentary model: targets and stance toward a target (issue 14)",
        "trained_on": f"{len(frame)} sentences: {hashes}",
        "features": (
            "binary char 1-3-grams (commentary_ngrams.csv) + dense: 3 lexicon features, "
            "3 rule-target flags, [stance only] 3 judged-target flags and the mean word vector "
            "(commentary_words.csv: each word's vector times the stance coefficients)"
        ),
        "word_vectors": {
            **EMBEDDING,
            "scale": EMBEDDING_SCALE,
            "vocabulary": len(_WORDS[0].words),
            "text": "every 人人都是产品经理 article of data/commentary/manifest.csv and the "
            "62,774 reviews of online_shopping_10_cats (ChineseNlpCorpus), unlabelled",
        },
        "band": list(band),
        "stance": {
            "classes": list(STANCE_CLASSES),
            "intercept": np.round(stance_model.intercept_[stance_order], 6).tolist(),
            "offset": figures["stance"]["offset"],
            "neutral_threshold": figures["stance"]["neutral_threshold"],
            "dense": np.round(coef[:, n : n + flags] * DENSE_SCALE, 6).tolist(),
        },
        "targets": {
            "intercept": [round(float(m.intercept_[0]), 6) for m in target_models],
            "dense": [np.round(m.coef_[0, n:] * DENSE_SCALE, 6).tolist() for m in target_models],
        },
        "metrics": figures,
    }
    (OUT / "commentary_model.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"\nwrote {OUT / 'commentary_model.json'} and commentary_ngrams.csv ({n:,} n-grams)")


def main() -> None:
    np.random.seed(SEED)
    frame = load_commentary()
    precompute_dense(frame["sentence"].tolist())
    train_embeddings(frame)
    pairs = stance_pairs(frame)
    print(f"\nStance pairs: {len(pairs):,} ({pairs['stance'].value_counts().to_dict()})")
    vec = vectoriser_for(frame["sentence"].tolist())  # one vocabulary for both models
    stance_model, band, stance_figures = train_stance(pairs, vec)
    stance_figures |= stance_on_other_outlets(pairs, stance_figures)
    print("\nTargets:")
    target_models, target_figures = train_targets(frame, vec)
    seeds = seeds_out_of_domain(
        vec,
        stance_model,
        stance_figures["offset"],
        band,
        stance_figures["neutral_threshold"],
        target_models,
    )
    save(
        vec,
        stance_model,
        band,
        target_models,
        {"stance": stance_figures, "targets": target_figures, "seeds": seeds},
        frame,
    )


if __name__ == "__main__":
    main()
