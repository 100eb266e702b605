"""The retailkit command line: outputs, manifest, exit codes, resume after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

import retailkit as rk
from retailkit import cli, sentiment, topics
from retailkit.cli import EXIT_BAD_INPUT, EXIT_INTERRUPTED, main

ROOT = Path(__file__).resolve().parent.parent
REVIEWS = ROOT / "data" / "reviews" / "online_shopping_10_cats_test_sample.csv"


@pytest.fixture(scope="module")
def reviews_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reviews") / "reviews.csv"
    pd.read_csv(REVIEWS, dtype=str).iloc[::15].head(400).to_csv(path, index=False)
    return path


def _profile(inputs: list[Path], out: Path, *flags: str) -> int:
    return main(["profile", *map(str, inputs), "--out", str(out), "--quiet", *flags])


def test_profile_writes_parquet_csv_and_manifest(reviews_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _profile([reviews_csv], out, "--text-column", "review", "--csv") == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "documents.csv",
        "documents.parquet",
        "manifest.json",
    ]
    table = pd.read_parquet(out / "documents.parquet")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["retailkit"] == rk.__version__
    assert manifest["counts"]["documents"] == len(table) == 400
    assert manifest["counts"]["errors"] == 0
    assert manifest["inputs"][0]["bytes"] == reviews_csv.stat().st_size
    assert manifest["parameters"]["text_column"] == "review"
    assert manifest["outputs"]["columns"] == table.columns.tolist()
    assert set(manifest["timings"]) >= {"seconds_total"}
    csv = pd.read_csv(out / "documents.csv", keep_default_na=False)
    assert csv["doc_id"].tolist() == table["doc_id"].tolist()
    np.testing.assert_allclose(csv["sentiment"], table["sentiment"])


def test_profile_numbers_equal_calling_the_functions(reviews_csv: Path, tmp_path: Path) -> None:
    assert _profile([reviews_csv], tmp_path, "--text-column", "review", "--chunk-size", "90") == 0
    table = pd.read_parquet(tmp_path / "documents.parquet")
    corpus = rk.load_corpus(reviews_csv, text_column="review")
    assert table["doc_id"].tolist() == corpus["doc_id"].tolist()
    np.testing.assert_array_equal(table["sentiment"], sentiment.score(corpus["text"]))
    themes = rk.theme_profile(corpus)
    rates = themes.pivot(index="doc_id", columns="theme", values="rate_per_1000")
    counts = themes.pivot(index="doc_id", columns="theme", values="count")
    for theme in rates.columns:
        assert table[f"{theme}_per_1000"].tolist() == rates.loc[table["doc_id"], theme].tolist()
        assert table[f"{theme}_count"].tolist() == counts.loc[table["doc_id"], theme].tolist()
    assert pq.ParquetFile(tmp_path / "documents.parquet").metadata.num_row_groups == 5


def test_two_processes_write_the_same_bytes_as_one(reviews_csv: Path, tmp_path: Path) -> None:
    flags = ("--text-column", "review", "--chunk-size", "50")
    assert _profile([reviews_csv], tmp_path / "one", *flags) == 0
    assert _profile([reviews_csv], tmp_path / "two", *flags, "--jobs", "2") == 0
    one = (tmp_path / "one" / "documents.parquet").read_bytes()
    assert (tmp_path / "two" / "documents.parquet").read_bytes() == one


def test_interrupted_run_resumes_to_identical_bytes(
    reviews_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flags = ("--text-column", "review", "--chunk-size", "60")
    assert _profile([reviews_csv], tmp_path / "whole", *flags) == 0
    original = cli._profile_indexed
    calls: list[int] = []

    def interrupted(item: tuple[int, pd.DataFrame], options: object) -> object:
        calls.append(item[0])
        if item[0] == 3 and calls.count(3) == 1:  # Ctrl-C during the fourth chunk, once
            raise KeyboardInterrupt
        return original(item, options)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "_profile_indexed", interrupted)
    out = tmp_path / "resumed"
    assert _profile([reviews_csv], out, *flags) == EXIT_INTERRUPTED
    assert not (out / "documents.parquet").exists()
    assert not (out / "manifest.json").exists()
    assert _profile([reviews_csv], out, *flags) == EXIT_BAD_INPUT  # resume or overwrite?
    assert calls == [0, 1, 2, 3]
    assert _profile([reviews_csv], out, *flags, "--resume") == 0
    assert calls[4:] == [3, 4, 5, 6]  # chunks 0-2 were kept
    whole = (tmp_path / "whole" / "documents.parquet").read_bytes()
    assert (out / "documents.parquet").read_bytes() == whole
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["resumed_chunks"] == 3
    assert manifest["counts"]["documents"] == 400


def test_killed_process_leaves_nothing_complete_and_resumes(
    reviews_csv: Path, tmp_path: Path
) -> None:
    """SIGKILL a real ``python -m retailkit`` run after its first chunk, then resume it."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "retailkit", "profile", str(reviews_csv), "--out", str(out)]
    command += ["--text-column", "review", "--chunk-size", "20", "--quiet"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list((out / ".partial").glob("documents-000001.parquet")):
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "documents.parquet").exists()
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert _profile([reviews_csv], tmp_path / "whole", "--text-column", "review") == 0
    expected = pd.read_parquet(tmp_path / "whole" / "documents.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(out / "documents.parquet"), expected)


def test_bad_rows_fail_by_default_and_are_kept_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"review": "很好"}\n{"review": null}\n', encoding="utf-8")
    assert _profile([path], tmp_path / "a", "--text-column", "review") == EXIT_BAD_INPUT
    assert "r.jsonl: row 2: 'review' is missing" in capsys.readouterr().err
    assert not (tmp_path / "a" / "documents.parquet").exists()
    flags = ("--text-column", "review", "--on-error", "skip")
    assert _profile([path], tmp_path / "b", *flags) == 0
    table = pd.read_parquet(tmp_path / "b" / "documents.parquet")
    assert table["error"].ne("").tolist() == [False, True]
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["errors"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["profile", "nowhere.csv", "--out", "{out}"], "nowhere.csv: no such file or folder"),
        (["topics", "nowhere", "--out", "{out}", "--k", "3"], "nowhere: no such file or folder"),
    ],
)
def test_missing_input_exits_3_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    argv = [a.replace("{out}", str(tmp_path)) for a in argv]
    assert main(argv) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("retailkit: error: ") and message in err


@pytest.mark.parametrize(
    "argv",
    [
        ["profile", "x.csv"],  # no --out
        ["profile", "x.csv", "--out", "o", "--jobs", "0"],
        ["profile", "x.csv", "--out", "o", "--jobs", "2", "--workers", "2"],
        ["topics", "x.csv", "--out", "o", "--k", "1"],
        ["topics", "x.csv", "--out", "o", "--k", "a-b"],
        ["profile", "x.csv", "--out", "o", "--on-error", "ignore"],
    ],
)
def test_bad_command_lines_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "retailkit", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"retailkit {rk.__version__}"


def test_console_script_is_registered() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["retailkit"] == "retailkit.cli:main"


def _topics(inputs: list[Path], out: Path, *flags: str) -> int:
    argv = ["topics", *map(str, inputs), "--out", str(out), "--text-column", "review", "--quiet"]
    return main([*argv, "--k", "3", "--sample", "150", *flags])


@pytest.fixture(scope="module")
def topics_run(reviews_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("topics")
    assert _topics([reviews_csv], out, "--chunk-size", "64") == 0
    return out


def test_topics_fits_the_sample_and_infers_every_document(
    reviews_csv: Path, topics_run: Path
) -> None:
    shares = pd.read_parquet(topics_run / "doc_topics.parquet")
    topic_columns = ["topic_1", "topic_2", "topic_3"]
    assert shares.columns.tolist() == [
        "doc_id", "in_sample", "vocabulary_tokens", *topic_columns, "dominant_topic"
    ]  # fmt: skip
    corpus = rk.load_corpus(reviews_csv, text_column="review").set_index("doc_id")
    assert len(shares) == 400
    assert shares["doc_id"].tolist() == [f"reviews:{row}" for row in range(1, 401)]  # input order
    assert int(shares["in_sample"].sum()) == 150
    # the model is fit_lda on the sampled documents, as before
    sample = shares.loc[shares["in_sample"], "doc_id"]
    model = topics.fit_lda(rk.tokenize_many(corpus.loc[sample, "text"]), 3, seed=0)
    saved = topics.TopicModel.load(topics_run / "topics.npz")
    np.testing.assert_array_equal(saved.topic_word_, model.topic_word_)
    np.testing.assert_array_equal(saved.doc_topics, model.doc_topics)
    # every row, sampled or not, is TopicModel.infer of the document
    tokens = rk.tokenize_many(corpus.loc[shares["doc_id"], "text"])
    np.testing.assert_array_equal(shares[topic_columns], saved.infer(tokens))
    assert shares["dominant_topic"].tolist() == (saved.infer(tokens).argmax(axis=1) + 1).tolist()
    known = set(saved.vocabulary_)
    assert shares["vocabulary_tokens"].tolist() == [sum(t in known for t in d) for d in tokens]
    np.testing.assert_allclose(shares[topic_columns].sum(axis=1), 1.0, rtol=0, atol=1e-12)
    assert pq.ParquetFile(topics_run / "doc_topics.parquet").metadata.num_row_groups == 7


def test_topics_manifest_counts_every_document(topics_run: Path) -> None:
    manifest = json.loads((topics_run / "manifest.json").read_text(encoding="utf-8"))
    shares = pd.read_parquet(topics_run / "doc_topics.parquet")
    assert manifest["counts"] == {
        "documents": 400,
        "sampled": 150,
        "inferred": 400,
        "without_vocabulary": int((shares["vocabulary_tokens"] == 0).sum()),
    }
    assert manifest["outputs"]["columns"] == shares.columns.tolist()
    assert sorted(p.name for p in topics_run.iterdir()) == [
        "doc_topics.parquet", "manifest.json", "top_words.csv", "topics.npz"
    ]  # fmt: skip


def test_topics_do_not_depend_on_chunks_or_processes(
    reviews_csv: Path, topics_run: Path, tmp_path: Path
) -> None:
    expected = pd.read_parquet(topics_run / "doc_topics.parquet")
    # the sample depends on the seed, not on how the corpus was cut into chunks
    assert _topics([reviews_csv], tmp_path / "default") == 0
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "default" / "doc_topics.parquet"), expected
    )
    assert _topics([reviews_csv], tmp_path / "two", "--chunk-size", "64", "--jobs", "2") == 0
    written = (tmp_path / "two" / "doc_topics.parquet").read_bytes()
    assert written == (topics_run / "doc_topics.parquet").read_bytes()


def test_topics_refuse_earlier_output_and_leave_nothing_complete_when_interrupted(
    reviews_csv: Path,
    topics_run: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import shutil

    out = tmp_path / "out"
    shutil.copytree(topics_run, out)
    assert _topics([reviews_csv], out) == EXIT_BAD_INPUT
    assert "already holds topics.npz; pass --overwrite" in capsys.readouterr().err

    def interrupted(*args: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_infer_indexed", interrupted)
    assert _topics([reviews_csv], out, "--overwrite") == EXIT_INTERRUPTED
    assert "rerun with --overwrite" in capsys.readouterr().err
    # the earlier run's table and manifest are gone; the new model is there, without a manifest
    assert sorted(p.name for p in out.iterdir()) == ["top_words.csv", "topics.npz"]


def test_no_progress_bar_when_stderr_is_not_a_terminal(reviews_csv: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "retailkit", "profile", str(reviews_csv)]
    command += ["--out", str(tmp_path), "--text-column", "review", "--no-sentiment"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("retailkit: 400 documents (0 with errors)")
    assert "sentiment" not in pd.read_parquet(tmp_path / "documents.parquet").columns


def test_profile_reads_a_folder_of_articles_with_stance(tmp_path: Path) -> None:
    from retailkit.corpus import SEEDS_DIR

    assert main(["profile", str(SEEDS_DIR), "--out", str(tmp_path), "--quiet", "--stance"]) == 0
    table = pd.read_parquet(tmp_path / "documents.parquet")
    seeds = rk.load_corpus(SEEDS_DIR)
    assert table["doc_id"].tolist() == seeds["doc_id"].tolist()
    assert table["row"].tolist() == [0] * 5
    assert table["stance"].between(0, 1).all()
    themes = rk.theme_profile(seeds)
    social = themes[themes["theme"] == "social_commerce"]
    assert table["social_commerce_count"].tolist() == social["count"].tolist()


def test_overwrite_removes_the_earlier_output_before_running(
    reviews_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flags = ("--text-column", "review", "--no-sentiment", "--csv")
    assert _profile([reviews_csv], tmp_path, *flags) == 0

    def interrupted(item: object, options: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_profile_indexed", interrupted)
    assert _profile([reviews_csv], tmp_path, *flags, "--overwrite") == EXIT_INTERRUPTED
    assert sorted(p.name for p in tmp_path.iterdir()) == [".partial"]
