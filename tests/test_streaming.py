"""Streaming a corpus in chunks: same texts as load_corpus, bad rows handled, resumable store."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import retailkit as rk
from retailkit import sentiment
from retailkit.corpus import SEEDS_DIR
from retailkit.errors import CorpusError
from retailkit.streaming import (
    ChunkStore,
    ProfileOptions,
    iter_corpus,
    iter_raw_chunks,
    map_in_processes,
    profile_chunk,
    profile_schema,
)
from retailkit.themes import theme_profile

ROOT = Path(__file__).resolve().parent.parent
REVIEWS = ROOT / "data" / "reviews" / "online_shopping_10_cats_test_sample.csv"


@pytest.fixture(scope="module")
def reviews_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 reviews of the committed sample, with the ``cat, label, review`` columns."""
    path = tmp_path_factory.mktemp("reviews") / "reviews.csv"
    pd.read_csv(REVIEWS, dtype=str).iloc[::20].head(300).to_csv(path, index=False)
    return path


def test_chunks_have_bounded_size_and_load_corpus_ids(reviews_csv: Path) -> None:
    chunks = list(iter_raw_chunks(reviews_csv, text_column="review", chunk_size=128))
    assert [len(chunk) for chunk in chunks] == [128, 128, 44]
    ids = [doc_id for chunk in chunks for doc_id in chunk["doc_id"]]
    assert ids == rk.load_corpus(reviews_csv, text_column="review")["doc_id"].tolist()


@pytest.mark.parametrize("chunk_size", [1, 7, 1000])
def test_iter_corpus_gives_load_corpus_texts(reviews_csv: Path, chunk_size: int) -> None:
    expected = rk.load_corpus(reviews_csv, text_column="review")
    streamed = pd.concat(
        iter_corpus(reviews_csv, text_column="review", chunk_size=chunk_size), ignore_index=True
    )
    assert streamed["text"].tolist() == expected["text"].tolist()
    assert streamed["original_script"].tolist() == expected["original_script"].tolist()
    assert set(streamed["error"]) == {""}


def test_iter_corpus_reads_a_folder_of_articles_like_load_corpus() -> None:
    expected = rk.load_corpus(SEEDS_DIR)
    streamed = pd.concat(iter_corpus(SEEDS_DIR, chunk_size=2), ignore_index=True)
    assert streamed["doc_id"].tolist() == expected["doc_id"].tolist()
    assert streamed["text"].tolist() == expected["text"].tolist()


def test_parquet_and_jsonl_inputs_stream_the_same_documents(
    reviews_csv: Path, tmp_path: Path
) -> None:
    table = pd.read_csv(reviews_csv, dtype=str, keep_default_na=False)
    table.to_parquet(tmp_path / "reviews.parquet", index=False, row_group_size=50)
    table.to_json(tmp_path / "reviews.jsonl", orient="records", lines=True, force_ascii=False)
    texts = {}
    for name in ("reviews.parquet", "reviews.jsonl"):
        chunks = iter_corpus(tmp_path / name, text_column="review", chunk_size=64)
        texts[name] = pd.concat(chunks)["text"].tolist()
    expected = rk.load_corpus(reviews_csv, text_column="review")["text"].tolist()
    assert texts["reviews.parquet"] == texts["reviews.jsonl"] == expected


def _csv_with_bad_bytes(path: Path) -> Path:
    good = "".join(f"书,这本书很好看，第{i}本\n" for i in range(1, 301))
    path.write_bytes(
        b"cat,review\n" + good.encode() + b"\xe4\xb9,\xff\xfe\xe5\x9d\x8f\n" + "书,好\n".encode()
    )
    return path


def test_undecodable_row_stops_the_run_naming_file_and_row(tmp_path: Path) -> None:
    path = _csv_with_bad_bytes(tmp_path / "bad.csv")
    with pytest.raises(CorpusError, match=r"bad\.csv: row 301: 'review' has undecodable bytes"):
        list(iter_raw_chunks(path, text_column="review", chunk_size=100))


def test_undecodable_row_is_kept_with_an_error_when_skipping(tmp_path: Path) -> None:
    path = _csv_with_bad_bytes(tmp_path / "bad.csv")
    table = pd.concat(iter_corpus(path, text_column="review", chunk_size=100, on_error="skip"))
    assert len(table) == 302
    bad = table[table["error"] != ""]
    assert bad["row"].tolist() == [301]
    assert bad["text"].tolist() == [""]
    assert table["text"].iloc[-1] == "好"


def test_missing_text_in_jsonl_and_parquet_is_an_error_row(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        '{"text": "好评"}\n{"text": null}\n{"other": 1}\n', encoding="utf-8"
    )
    with pytest.raises(CorpusError, match=r"a\.jsonl: row 2: 'text' is missing"):
        list(iter_raw_chunks(tmp_path / "a.jsonl"))
    chunk = next(iter_raw_chunks(tmp_path / "a.jsonl", on_error="skip"))
    assert chunk["error"].ne("").tolist() == [False, True, True]
    pd.DataFrame({"text": ["好评", None]}).to_parquet(tmp_path / "b.parquet")
    with pytest.raises(CorpusError, match=r"b\.parquet: row 2: 'text' is missing"):
        list(iter_raw_chunks(tmp_path / "b.parquet"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title\n好评\n", r"no text column 'review' \(columns: title\)"),
        ("review\n", r"no rows"),
    ],
)
def test_bad_table_files_are_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"x\.csv: .*{message}"):
        list(iter_raw_chunks(path, text_column="review"))


def test_duplicate_doc_ids_across_chunks_are_refused(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("doc_id,text\na,好\nb,坏\na,中\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"doc_id 'a' already used"):
        list(iter_raw_chunks(tmp_path / "d.csv", chunk_size=2))


def test_profile_chunk_equals_the_library_functions(reviews_csv: Path) -> None:
    corpus = rk.load_corpus(reviews_csv, text_column="review")
    raw = pd.concat(iter_raw_chunks(reviews_csv, text_column="review"), ignore_index=True)
    profile = profile_chunk(raw, ProfileOptions(stance=True))
    assert profile["doc_id"].tolist() == corpus["doc_id"].tolist()
    np.testing.assert_array_equal(profile["sentiment"], sentiment.score(corpus["text"]))
    themes = theme_profile(corpus)
    for theme, rows in themes.groupby("theme"):
        assert profile[f"{theme}_count"].tolist() == rows["count"].tolist()
        assert profile[f"{theme}_per_1000"].tolist() == rows["rate_per_1000"].tolist()
        assert profile["tokens"].tolist() == rows["tokens"].tolist()
        assert profile["sentences"].tolist() == rows["sentences"].tolist()
    assert profile["chars"].tolist() == corpus["text"].str.len().tolist()
    assert profile["stance"].between(0, 1).all()
    assert profile.columns.tolist() == profile_schema(ProfileOptions(stance=True)).names


def test_profile_chunk_gives_error_rows_no_numbers() -> None:
    raw = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "file": "f.csv",
            "row": [1, 2],
            "encoding": "utf-8",
            "raw": ["微博很好", ""],
            "body": ["微博很好", ""],
            "error": ["", "'text' is missing (not text)"],
        }
    )
    profile = profile_chunk(raw)
    assert profile.loc[1, ["tokens", "platforms_count"]].tolist() == [0, 0]
    assert np.isnan(profile.loc[1, "sentiment"])
    assert profile.loc[0, "platforms_count"] == 1


def test_map_in_processes_keeps_order_with_two_workers() -> None:
    chunks = [list(range(n)) for n in (3, 1, 4, 1, 5, 9, 2, 6)]
    assert list(map_in_processes(sum, chunks, 2)) == [sum(c) for c in chunks]


SCHEMA = pa.schema([("x", pa.int64())])


def test_chunk_store_refuses_to_mix_runs(tmp_path: Path) -> None:
    store = ChunkStore(tmp_path, "documents", {"a": 1}, resume=False)
    store.write(0, pd.DataFrame({"x": [1]}), SCHEMA)
    with pytest.raises(CorpusError, match="holds an unfinished run; pass --resume"):
        ChunkStore(tmp_path, "documents", {"a": 1}, resume=False)
    with pytest.raises(CorpusError, match="other inputs or parameters"):
        ChunkStore(tmp_path, "documents", {"a": 2}, resume=True)
    resumed = ChunkStore(tmp_path, "documents", {"a": 1}, resume=True)
    assert resumed.done(0) and not resumed.done(1)
    resumed.write(1, pd.DataFrame({"x": [2, 3]}), SCHEMA)
    path = resumed.finish()
    assert pd.read_parquet(path)["x"].tolist() == [1, 2, 3]
    assert not (tmp_path / ".partial").exists()
    with pytest.raises(CorpusError, match=r"documents\.parquet: already exists"):
        ChunkStore(tmp_path, "documents", {"a": 1}, resume=False)


def test_chunk_store_keeps_state_as_readable_json(tmp_path: Path) -> None:
    ChunkStore(tmp_path, "documents", {"inputs": ["a.csv"]}, resume=False)
    state = json.loads((tmp_path / ".partial" / "state.json").read_text(encoding="utf-8"))
    assert state == {"inputs": ["a.csv"]}


def test_generated_ids_of_two_files_with_one_stem_collide(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.csv").write_text("text\n好\n坏\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"b/x\.csv: doc_id 'x:1' already used by .*a/x\.csv"):
        list(iter_raw_chunks([tmp_path / "a", tmp_path / "b"]))


def test_given_id_that_looks_generated_collides(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("text\n好\n坏\n", encoding="utf-8")
    (tmp_path / "y.csv").write_text("doc_id,text\nz,好\nx:2,坏\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"doc_id 'x:2' already used by .*x\.csv"):
        list(iter_raw_chunks(tmp_path, chunk_size=1))
    (tmp_path / "y.csv").write_text("doc_id,text\nz,好\nx:3,坏\n", encoding="utf-8")
    ids = [i for chunk in iter_raw_chunks(tmp_path, chunk_size=1) for i in chunk["doc_id"]]
    assert ids == ["x:1", "x:2", "z", "x:3"]


def test_memory_for_generated_ids_does_not_grow(tmp_path: Path) -> None:
    from retailkit.streaming import _DocIds

    path = tmp_path / "big.csv"
    path.write_text("text\n" + "好\n" * 5000, encoding="utf-8")
    ids = _DocIds()
    for chunk in iter_raw_chunks(path, chunk_size=1000):
        ids.check(chunk, path)
    assert ids.given == {} and ids.generated == {"big": (str(path), 5000)}
