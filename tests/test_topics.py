"""Specifications of retailkit.topics: determinism, shapes, persistence, bad input, offline view."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from retailkit.errors import ModelError
from retailkit.topics import (
    LDAVIS_PATCHES,
    TopicModel,
    article_paragraphs,
    build_vocabulary,
    fit_lda,
    is_candidate_term,
    match_topics,
    representative_documents,
    select_k,
    shuffle_tokens,
    stability,
    stable_pcoa,
    to_pyldavis_html,
    topic_by_document,
)

REPO = Path(__file__).resolve().parent.parent
THEMES = {
    "social": ["微博", "微信", "社交", "互动", "分享", "粉丝", "种草"],
    "logistics": ["物流", "仓储", "配送", "快递", "门店", "库存", "供应链"],
    "marketing": ["广告", "信息流", "投放", "品牌", "营销", "精准", "达摩盘"],
}
ENGINES = ["tomotopy", "gensim"]
# Small but unambiguous: every document draws five words from one theme and one from the next.
OPTIONS = {"min_df": 1, "max_df": 1.0, "iterations": 50}


def _corpus(n_docs: int = 36) -> tuple[list[list[str]], list[str]]:
    names = sorted(THEMES)
    docs, labels = [], []
    for i in range(n_docs):
        theme = names[i % 3]
        words = THEMES[theme]
        other = THEMES[names[(i + 1) % 3]]
        docs.append([words[(i + j) % len(words)] for j in range(5)] + [other[i % len(other)]])
        labels.append(theme)
    return docs, labels


DOCS, LABELS = _corpus()


def _digest(model: TopicModel) -> str:
    return hashlib.sha256(model.doc_topics.tobytes() + model.topic_word_.tobytes()).hexdigest()


@pytest.fixture(scope="module", params=ENGINES)
def model(request: pytest.FixtureRequest) -> TopicModel:
    return fit_lda(DOCS, 3, seed=0, engine=request.param, **OPTIONS)


# -- vocabulary ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "expected"),
    [("社交电商", True), ("双11", True), ("74亿元", True), ("O2O", True), ("618", False),
     ("2018", False), ("1.5", False), ("%", False), ("，", False)],
)  # fmt: skip
def test_candidate_terms_need_a_cjk_character_or_letter(token: str, expected: bool) -> None:
    assert is_candidate_term(token) is expected


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"min_df": 1, "max_df": 1.0}, ["新零售", "电商", "社交", "营销"]),
        ({"min_df": 2, "max_df": 1.0}, ["电商", "社交"]),
        ({"min_df": 1, "max_df": 0.5}, ["新零售", "营销"]),
        ({"min_df": 1, "max_df": 1.0, "stopwords": ["电商"]}, ["新零售", "社交", "营销"]),
    ],
)
def test_vocabulary_filters_by_document_frequency_and_stopwords(
    options: dict[str, object], expected: list[str]
) -> None:
    docs = [["社交", "电商", "618"], ["社交", "电商", "电商"], ["新零售", "营销", "社交"]]
    assert build_vocabulary(docs, **options) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [({"min_df": 0}, "min_df"), ({"max_df": 0.0}, "max_df"), ({"max_df": 1.5}, "max_df")],
)
def test_vocabulary_rejects_bad_thresholds(options: dict[str, float], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        build_vocabulary(DOCS, **options)  # type: ignore[arg-type]


# -- shapes and invariants ----------------------------------------------------------------


def test_doc_topics_has_one_row_per_document_summing_to_one(model: TopicModel) -> None:
    assert model.doc_topics.shape == (len(DOCS), 3)
    assert model.topic_word_.shape == (3, len(model.vocabulary_))
    assert np.isfinite(model.doc_topics).all() and np.isfinite(model.topic_word_).all()
    np.testing.assert_allclose(model.doc_topics.sum(axis=1), 1.0)
    np.testing.assert_allclose(model.topic_word_.sum(axis=1), 1.0)


def test_vocabulary_is_sorted(model: TopicModel) -> None:
    assert list(model.vocabulary_) == sorted(model.vocabulary_)


def test_topics_recover_the_planted_themes(model: TopicModel) -> None:
    from sklearn.metrics import normalized_mutual_info_score

    assert normalized_mutual_info_score(LABELS, model.dominant_topic()) > 0.9


def test_top_words_are_numbered_from_one_and_sorted(model: TopicModel) -> None:
    table = model.top_words(4)
    assert list(table.columns) == ["topic", "rank", "word", "weight"]
    assert table["topic"].tolist() == [t for t in (1, 2, 3) for _ in range(4)]
    assert table["rank"].tolist() == [1, 2, 3, 4] * 3
    for topic, group in table.groupby("topic"):
        assert group["weight"].is_monotonic_decreasing
        best = model.vocabulary_[np.argmax(model.topic_word_[int(topic) - 1])]
        assert group["word"].iloc[0] == best


@pytest.mark.parametrize("measure", ["c_v", "c_npmi", "u_mass"])
def test_coherence_is_a_finite_mean_over_topics(model: TopicModel, measure: str) -> None:
    per_topic = model.coherence_by_topic(measure, top_n=5)
    assert per_topic.index.tolist() == [1, 2, 3]
    assert np.isfinite(per_topic).all()
    assert model.coherence(measure, top_n=5) == pytest.approx(per_topic.mean())


# -- determinism --------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_same_seed_gives_identical_model_in_one_process(engine: str) -> None:
    first = fit_lda(DOCS, 3, seed=7, engine=engine, **OPTIONS)  # type: ignore[arg-type]
    second = fit_lda(DOCS, 3, seed=7, engine=engine, **OPTIONS)  # type: ignore[arg-type]
    np.testing.assert_array_equal(first.doc_topics, second.doc_topics)
    np.testing.assert_array_equal(first.topic_word_, second.topic_word_)


@pytest.mark.parametrize("engine", ENGINES)
def test_different_seeds_give_different_samples(engine: str) -> None:
    first = fit_lda(DOCS, 3, seed=1, engine=engine, **OPTIONS)  # type: ignore[arg-type]
    second = fit_lda(DOCS, 3, seed=2, engine=engine, **OPTIONS)  # type: ignore[arg-type]
    assert not np.array_equal(first.doc_topics, second.doc_topics)


_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_topics import _fit_for_digest
    digest, isa = _fit_for_digest({corpus!r}, {engine!r})
    print(digest, isa)
    """
)


def _review_docs() -> list[list[str]]:
    import retailkit
    from retailkit.reviews import load_review_sample

    return retailkit.tokenize_many(load_review_sample()["review"])


def _fit_for_digest(corpus: str, engine: str) -> tuple[str, str]:
    if corpus == "tiny":
        model = fit_lda(DOCS, 3, seed=7, engine=engine, **OPTIONS)  # type: ignore[arg-type]
    else:  # the committed review sample with the default options (300 Gibbs sweeps, k=10)
        model = fit_lda(_review_docs(), 10, seed=3, engine=engine)  # type: ignore[arg-type]
    return _digest(model), str(model.params.get("tomotopy_isa", "-"))


def _fit_in_subprocess(corpus: str, engine: str, isa: str | None = None) -> tuple[str, str]:
    env = dict(os.environ, PYTHONHASHSEED="123")  # a different hash seed than this process
    if isa is not None:
        env["TOMOTOPY_ISA"] = isa
    code = _CHILD.format(tests=str(REPO / "tests"), corpus=corpus, engine=engine)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, check=True
    ).stdout.split()
    return out[0], out[1]


@pytest.mark.parametrize("engine", ENGINES)
def test_same_seed_gives_identical_model_in_another_process(engine: str) -> None:
    assert _fit_in_subprocess("tiny", engine) == _fit_for_digest("tiny", engine)


def test_tomotopy_result_does_not_depend_on_the_instruction_set() -> None:
    # tomotopy picks a SIMD build at import (tomotopy.isa); SSE2 exists on every x86-64 CPU.
    # On a small corpus everything agrees anyway: the review sample with 300 sweeps is where
    # tomotopy's alpha optimisation made avx512, avx2 and sse2 disagree (retailkit fixes alpha).
    import tomotopy

    if tomotopy.isa not in ("avx512", "avx2", "avx"):
        pytest.skip(f"no second instruction set to compare with ({tomotopy.isa!r})")
    here, isa_here = _fit_for_digest("reviews", "tomotopy")
    there, isa_there = _fit_in_subprocess("reviews", "tomotopy", isa="sse2")
    assert (isa_here, isa_there) == (tomotopy.isa, "sse2")
    assert there == here


# -- persistence --------------------------------------------------------------------------


def test_save_and_load_reproduce_the_model(model: TopicModel, tmp_path: Path) -> None:
    path = model.save(tmp_path / "model.npz")
    loaded = TopicModel.load(path)
    np.testing.assert_array_equal(loaded.doc_topics, model.doc_topics)
    np.testing.assert_array_equal(loaded.topic_word_, model.topic_word_)
    assert list(loaded.vocabulary_) == list(model.vocabulary_)
    assert loaded.params == model.params
    pd.testing.assert_frame_equal(loaded.top_words(5), model.top_words(5))
    assert loaded.coherence("c_v", top_n=5) == model.coherence("c_v", top_n=5)
    np.testing.assert_array_equal(loaded.doc_lengths_, model.doc_lengths_)


def test_saved_model_loads_without_pickle(model: TopicModel, tmp_path: Path) -> None:
    path = model.save(tmp_path / "model.npz")
    with np.load(path, allow_pickle=False) as archive:
        assert {"format", "params", "vocabulary", "topic_word", "doc_topics"} <= set(archive)
        assert json.loads(str(archive["params"]))["k"] == 3


def test_loading_a_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"nope\.npz: no such model file"):
        TopicModel.load(tmp_path / "nope.npz")


def test_loading_a_foreign_file_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "other.npz"
    np.savez(path, format=np.array("something/else"))
    with pytest.raises(ModelError, match=r"not 'retailkit\.topics/1'"):
        TopicModel.load(path)
    (tmp_path / "text.npz").write_text("不是模型", encoding="utf-8")
    with pytest.raises(ModelError, match="not a retailkit topic model"):
        TopicModel.load(tmp_path / "text.npz")


# -- new documents ------------------------------------------------------------------------


def test_inferred_shares_sum_to_one_and_agree_with_the_fit(model: TopicModel) -> None:
    shares = model.infer(DOCS)
    assert shares.shape == (len(DOCS), 3)
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    # the planted themes are unambiguous: every training document keeps its dominant topic
    assert (shares.argmax(axis=1) + 1).tolist() == model.dominant_topic().tolist()
    assert np.abs(shares - model.doc_topics).max() < 0.1


def test_a_loaded_model_infers_exactly_what_the_fitted_one_does(
    model: TopicModel, tmp_path: Path
) -> None:
    new = [["微博", "社交", "快递"], ["投放", "品牌", "没见过的词"], DOCS[5]]
    loaded = TopicModel.load(model.save(tmp_path / "model.npz"))
    np.testing.assert_array_equal(loaded.infer(new), model.infer(new))


def test_inference_does_not_depend_on_batches_or_order(model: TopicModel) -> None:
    together = model.infer(DOCS)
    alone = np.vstack([model.infer([doc]) for doc in DOCS])
    halves = np.vstack([model.infer(DOCS[20:]), model.infer(DOCS[:20])])
    np.testing.assert_array_equal(alone, together)
    np.testing.assert_array_equal(halves, np.vstack([together[20:], together[:20]]))


@pytest.mark.parametrize(
    "doc", [[], ["没见过的词"], ["618", "，", "没见过的词"]], ids=["empty", "unknown", "filtered"]
)
def test_a_document_without_known_words_gets_the_uniform_row(
    model: TopicModel, doc: list[str]
) -> None:
    shares = model.infer([DOCS[0], doc])
    np.testing.assert_array_equal(shares[1], np.full(3, 1 / 3))
    assert shares[0].max() > 0.5


def test_unknown_words_are_ignored(model: TopicModel) -> None:
    known = ["物流", "仓储", "配送"]
    np.testing.assert_array_equal(
        model.infer([["没见过的词", *known, "另一个生词"]]), model.infer([known])
    )


def test_inferring_nothing_gives_an_empty_table(model: TopicModel) -> None:
    assert model.infer([]).shape == (0, 3)


@pytest.mark.parametrize(
    ("docs", "message"),
    [("社交电商", "got one string"), (["社交电商"], r"docs\[0\]: expected a list of tokens")],
)
def test_infer_refuses_untokenised_text(model: TopicModel, docs: object, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        model.infer(docs)  # type: ignore[arg-type]


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("docs", "k", "message"),
    [
        (DOCS, 1, "k: expected at least 2"),
        (DOCS, 0, "k: expected at least 2"),
        (DOCS, 2.5, "k: expected at least 2"),
        (DOCS, 500, r"k=500 exceeds the vocabulary of 21 terms"),
        ([], 2, "corpus is empty"),
        ([[], []], 2, "no term left"),
        (["社交电商", "新零售"], 2, r"docs\[0\]: expected a list of tokens, got a string"),
        ("社交电商", 2, "got one string"),
        ([["社交", "电商"], [], ["618"]], 2, "fewer than two documents"),
    ],
)
def test_bad_input_raises_a_model_error(docs: object, k: object, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        fit_lda(docs, k, **OPTIONS)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [({"engine": "mallet"}, "engine"), ({"seed": -1}, "seed"), ({"alpha": 0.0}, "priors")],
)
def test_bad_options_raise_a_model_error(options: dict[str, object], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        fit_lda(DOCS, 3, **OPTIONS, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("engine", ENGINES)
def test_documents_without_vocabulary_get_a_uniform_row(engine: str) -> None:
    docs = [*DOCS[:6], [], ["618", "，"], *DOCS[6:12]]
    model = fit_lda(docs, 3, engine=engine, **OPTIONS)  # type: ignore[arg-type]
    assert model.empty_documents_.tolist() == [6, 7]
    np.testing.assert_array_equal(model.doc_topics[[6, 7]], np.full((2, 3), 1 / 3))
    assert np.isfinite(model.doc_topics).all()


def test_k_equal_to_the_vocabulary_size_is_allowed() -> None:
    docs = [["社交", "电商"], ["电商", "物流"], ["物流", "社交"]]
    model = fit_lda(docs, 3, **OPTIONS)  # type: ignore[arg-type]
    assert model.topic_word_.shape == (3, 3)


# -- choosing k ---------------------------------------------------------------------------


def test_matching_recovers_a_permutation_of_topics(model: TopicModel) -> None:
    order = np.array([2, 0, 1])
    partner, similarity = match_topics(model.topic_word_, model.topic_word_[order])
    assert order[partner].tolist() == [0, 1, 2]
    np.testing.assert_allclose(similarity, 1.0)


def test_matching_needs_the_same_shape() -> None:
    with pytest.raises(ModelError, match="differ in shape"):
        match_topics(np.ones((2, 3)) / 3, np.ones((3, 3)) / 3)


def test_stability_of_a_model_with_itself_is_one(model: TopicModel) -> None:
    assert stability([model, model]) == pytest.approx(1.0)
    with pytest.raises(ModelError, match="at least two"):
        stability([model])


def test_select_k_reports_coherence_and_stability_per_k_and_seed() -> None:
    table = select_k(DOCS, [4, 2, 3], [1, 0], **OPTIONS)
    assert list(table.columns) == ["k", "seed", "c_v", "c_npmi", "stability"]
    assert table[["k", "seed"]].values.tolist() == [[2, 0], [2, 1], [3, 0], [3, 1], [4, 0], [4, 1]]
    assert table["stability"].between(0, 1).all()
    # Three planted themes: k=3 is the most stable choice.
    assert table.groupby("k")["stability"].mean().idxmax() == 3


def test_select_k_needs_two_seeds() -> None:
    with pytest.raises(ModelError, match="at least two different seeds"):
        select_k(DOCS, [2, 3], [0, 0])


# -- documents and articles ---------------------------------------------------------------


def test_topic_by_document_columns_are_mean_shares(model: TopicModel) -> None:
    table = topic_by_document(model, LABELS)
    assert table.index.tolist() == [1, 2, 3]
    assert table.columns.tolist() == sorted(THEMES)
    np.testing.assert_allclose(table.sum(axis=0), 1.0)
    social = np.array(LABELS) == "social"
    np.testing.assert_allclose(table["social"], model.doc_topics[social].mean(axis=0))


def test_topic_by_document_needs_one_id_per_document(model: TopicModel) -> None:
    with pytest.raises(ModelError, match="got 2 ids for 36 training documents"):
        topic_by_document(model, ["a", "b"])


def test_representative_documents_have_the_largest_shares(model: TopicModel) -> None:
    texts = ["".join(doc) for doc in DOCS]
    table = representative_documents(model, texts, n=2)
    assert list(table.columns) == ["topic", "rank", "doc_id", "share", "text"]
    assert table["topic"].tolist() == [1, 1, 2, 2, 3, 3]
    for _, row in table[table["rank"] == 1].iterrows():
        column = model.doc_topics[:, row["topic"] - 1]
        assert row["share"] == column.max()
        assert texts[int(row["doc_id"])] == row["text"]


def test_representative_documents_skip_documents_without_vocabulary() -> None:
    docs = [[], *DOCS]
    texts = ["", *("".join(doc) for doc in DOCS)]
    fitted = fit_lda(docs, 3, **OPTIONS)  # type: ignore[arg-type]
    table = representative_documents(fitted, texts, n=36, doc_ids=[f"p{i}" for i in range(37)])
    assert "p0" not in set(table["doc_id"])


def test_article_paragraphs_cover_all_five_seeds() -> None:
    paragraphs = article_paragraphs()
    assert paragraphs["doc_id"].nunique() == 5
    assert paragraphs.groupby("doc_id")["paragraph"].min().eq(1).all()
    assert (paragraphs["text"].str.len() > 0).all()
    assert "双11" in "".join(paragraphs["text"]) or "新零售" in "".join(paragraphs["text"])


# -- offline view -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(model: TopicModel, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = to_pyldavis_html(model, tmp_path_factory.mktemp("vis") / "ldavis.html")
    return path.read_text(encoding="utf-8")


def test_pyldavis_page_loads_nothing_from_the_network(page: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, flags=re.IGNORECASE)
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?https?://", page, flags=re.IGNORECASE)
    assert "cdn.jsdelivr" not in page and "d3js.org/d3" not in page
    assert "var LDAvis" in page and "d3" in page


def test_pyldavis_page_numbers_topics_like_top_words(model: TopicModel, page: str) -> None:
    data = json.loads(re.search(r'new LDAvis\("#ldavis_retailkit", (.*)\);', page).group(1))  # type: ignore[union-attr]
    assert data["topic.order"] == [1, 2, 3]
    info = pd.DataFrame(data["tinfo"])
    column = {term: j for j, term in enumerate(model.vocabulary_)}
    for topic in (1, 2, 3):
        rows = info[info["Category"] == f"Topic{topic}"]
        expected = [np.log(model.topic_word_[topic - 1, column[t]]) for t in rows["Term"]]
        np.testing.assert_allclose(rows["logprob"], expected, atol=1e-4)


def test_pyldavis_page_is_byte_identical_when_rewritten(model: TopicModel, tmp_path: Path) -> None:
    first = to_pyldavis_html(model, tmp_path / "a.html").read_bytes()
    second = to_pyldavis_html(model, tmp_path / "b.html").read_bytes()
    assert first == second
    assert b"ldavis_retailkit" in first


def _page_data(page: str) -> dict:  # type: ignore[type-arg]
    found = re.search(r'new LDAvis\("#ldavis_retailkit", (.*)\);', page)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def _floats(value: object) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for item in value.values() for f in _floats(item)]
    if isinstance(value, list):
        return [f for item in value for f in _floats(item)]
    return []


def test_pyldavis_page_numbers_are_rounded_so_every_cpu_writes_the_same_bytes(page: str) -> None:
    numbers = [f for f in _floats(_page_data(page)) if np.isfinite(f)]
    assert len(numbers) > 100
    assert all(f == float(f"{f:.6g}") for f in numbers)


def test_topic_layout_is_pcoa_with_a_fixed_orientation(model: TopicModel) -> None:
    from pyLDAvis._prepare import _jensen_shannon
    from scipy.spatial.distance import pdist

    ours = stable_pcoa(model.topic_word_)
    for axis in range(2):
        column = ours[:, axis]
        assert column[np.argmax(np.abs(column))] > 0  # largest coordinate positive
    # Three topics fit in a plane exactly: the map's distances are the Jensen-Shannon
    # divergences. (In the tomotopy model two eigenvalues tie, and pyLDAvis's own js_PCoA, with
    # numpy.linalg.eig, whose eigenvectors for a repeated eigenvalue need not be orthogonal,
    # distorts the map: distances 0.305-0.339 for divergences all 0.321.)
    np.testing.assert_allclose(pdist(ours), pdist(model.topic_word_, _jensen_shannon), atol=1e-5)


def test_ldavis_script_gets_a_wider_margin_around_the_topic_map(page: str) -> None:
    import pyLDAvis.urls

    script = Path(pyLDAvis.urls.LDAVIS_LOCAL).read_text(encoding="utf-8")
    for old, new in LDAVIS_PATCHES:
        assert script.count(old) == 1  # the pinned pyLDAvis still has the line we replace
        assert new in page and old not in page


def test_pyldavis_page_goes_to_retailkit_figures_dir_when_set(
    model: TopicModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETAILKIT_FIGURES_DIR", str(tmp_path / "elsewhere"))
    path = to_pyldavis_html(model, tmp_path / "figures" / "vis.html")
    assert path == tmp_path / "elsewhere" / "vis.html" and path.is_file()
    assert not (tmp_path / "figures").exists()


def test_a_given_vocabulary_is_used_and_unseen_terms_are_dropped() -> None:
    vocabulary = ["微博", "微信", "物流", "仓储", "广告", "投放", "元宇宙"]
    fitted = fit_lda(DOCS, 3, vocabulary=vocabulary, iterations=20)
    assert list(fitted.vocabulary_) == sorted(set(vocabulary) - {"元宇宙"})
    assert fitted.params["vocabulary_given"] is True


def test_shuffled_tokens_keep_document_lengths_and_word_counts() -> None:
    shuffled = shuffle_tokens(DOCS, seed=3)
    assert [len(doc) for doc in shuffled] == [len(doc) for doc in DOCS]
    assert sorted(t for doc in shuffled for t in doc) == sorted(t for doc in DOCS for t in doc)


def test_shuffled_tokens_mix_words_across_documents() -> None:
    docs = [["社交", "微博", "微信", "互动"], ["物流", "仓储", "配送", "门店"]] * 5
    shuffled = shuffle_tokens(docs, seed=0)
    mixed = [doc for doc in shuffled if set(doc) & set(docs[0]) and set(doc) & set(docs[1])]
    assert mixed


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_shuffled_tokens_depend_only_on_the_seed(seed: int) -> None:
    assert shuffle_tokens(DOCS, seed=seed) == shuffle_tokens(DOCS, seed=seed)
    assert shuffle_tokens(DOCS, seed=seed) != shuffle_tokens(DOCS, seed=seed + 1)


@pytest.mark.parametrize(
    ("docs", "seed", "message"),
    [
        ("社交电商", 0, "one string"),
        ([["社交", "电商"]], -1, "seed"),
        ([], 0, "empty"),
    ],
)
def test_shuffle_tokens_rejects_bad_input(docs: object, seed: int, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        shuffle_tokens(docs, seed=seed)  # type: ignore[arg-type]
