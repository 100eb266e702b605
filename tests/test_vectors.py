"""Word vectors: determinism with a seed, refusal of small corpora, expansion, projection."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from retailkit import vectors
from retailkit.errors import ModelError


def synthetic_corpus(n_docs: int = 700, seed: int = 0) -> list[list[str]]:
    """Two vocabularies that never mix: 好评-words with 满意, 差评-words with 失望."""
    rng = random.Random(seed)
    good = ["满意", "喜欢", "推荐", "快", "好用"] + [f"好{i}" for i in range(150)]
    bad = ["失望", "退货", "差", "慢", "坏"] + [f"差{i}" for i in range(150)]
    return [rng.choices(good if k % 2 else bad, k=20) for k in range(n_docs)]


@pytest.fixture(scope="module")
def trained() -> vectors.WordVectors:
    return vectors.train(synthetic_corpus(), vector_size=20, epochs=5, min_count=2, seed=3)


@pytest.mark.parametrize("method", ["word2vec", "fasttext"])
def test_same_seed_gives_identical_vectors(method: vectors.Method) -> None:
    docs = synthetic_corpus(500)
    first = vectors.train(docs, method=method, vector_size=10, epochs=1, min_count=2, seed=7)
    second = vectors.train(docs, method=method, vector_size=10, epochs=1, min_count=2, seed=7)
    assert first.vectors_.index_to_key == second.vectors_.index_to_key
    assert np.array_equal(first.vectors_.vectors, second.vectors_.vectors)


def test_another_seed_gives_other_vectors() -> None:
    docs = synthetic_corpus(500)
    first = vectors.train(docs, vector_size=10, epochs=1, min_count=2, seed=1)
    second = vectors.train(docs, vector_size=10, epochs=1, min_count=2, seed=2)
    assert not np.array_equal(first.vectors_.vectors, second.vectors_.vectors)


def test_too_small_a_corpus_says_how_much_text_is_needed() -> None:
    with pytest.raises(ModelError, match=r"1,000 tokens in 50 documents; at least 10,000"):
        vectors.train(synthetic_corpus(50))


def test_too_small_a_vocabulary_is_refused() -> None:
    docs = [["同一", "个", "词"] * 10] * 400
    with pytest.raises(ModelError, match=r"only 3 words occur at least min_count=5 times"):
        vectors.train(docs)


def test_expand_returns_candidates_from_the_seed_side_and_excludes_known_terms(
    trained: vectors.WordVectors,
) -> None:
    table = trained.expand(["满意", "没见过"], n=5, exclude=["喜欢"])
    found = table[table["seed"] == "满意"]
    assert found["rank"].tolist() == [1, 2, 3, 4, 5]
    assert not {"满意", "喜欢"} & set(found["candidate"])
    assert found["similarity"].is_monotonic_decreasing
    # the two vocabularies never co-occur: the nearest words of 满意 are 好评-side words
    good_side = sum(c.startswith("好") or c in {"推荐", "快", "好用"} for c in found["candidate"])
    assert good_side >= 4
    missing = table[table["seed"] == "没见过"]
    assert missing["in_vocabulary"].tolist() == [False]


def test_project_places_each_side_on_its_pole(trained: vectors.WordVectors) -> None:
    axis = (["满意", "推荐"], ["失望", "退货"])
    words = trained.project(["好3", "差3", "未知"], *axis)
    assert words.loc[0, "projection"] > 0 > words.loc[1, "projection"]
    assert np.isnan(words.loc[2, "projection"]) and words.loc[2, "known"] == 0
    docs = trained.project([["好1", "好2", "喜欢"], ["差1", "坏"]], *axis)
    assert docs["item"].tolist() == [0, 1]
    assert docs.loc[0, "projection"] > 0 > docs.loc[1, "projection"]


def test_axis_without_known_words_is_an_error(trained: vectors.WordVectors) -> None:
    with pytest.raises(ModelError, match="negative: none of"):
        trained.axis(["满意"], ["不存在"])


def test_saved_vectors_load_identically(trained: vectors.WordVectors, tmp_path: Path) -> None:
    folder = trained.save(tmp_path / "model")
    assert sorted(p.name for p in folder.iterdir()) == [
        "vectors.txt", "vectors.yaml", "vocabulary.csv"
    ]  # fmt: skip
    loaded = vectors.load(folder)
    assert loaded.vectors_.index_to_key == trained.vectors_.index_to_key
    assert np.array_equal(loaded.vectors_.vectors, trained.vectors_.vectors)
    assert loaded.counts_ == trained.counts_ and loaded.params == trained.params


def test_loading_an_incomplete_folder_names_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"missing vectors\.txt, vocabulary\.csv, vectors\.yaml"):
        vectors.load(tmp_path)
