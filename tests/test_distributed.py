"""Dask: a 2-worker LocalCluster gives exactly the single-process result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from retailkit import cli
from retailkit.cli import main
from retailkit.distributed import map_chunks, profile_dataframe, profile_meta, profile_partition

ROOT = Path(__file__).resolve().parent.parent
REVIEWS = ROOT / "data" / "reviews" / "online_shopping_10_cats_test_sample.csv"


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def reviews() -> pd.DataFrame:
    table = pd.read_csv(REVIEWS, dtype=str).iloc[::25].head(240).reset_index(drop=True)
    table.insert(0, "doc_id", [f"r{i:04d}" for i in range(len(table))])
    return table


def test_cli_on_a_scheduler_writes_the_same_bytes_as_one_process(
    client: object, reviews: pd.DataFrame, tmp_path: Path
) -> None:
    reviews.to_parquet(tmp_path / "reviews.parquet", index=False)
    argv = ["profile", str(tmp_path / "reviews.parquet"), "--text-column", "review", "--quiet"]
    argv += ["--chunk-size", "40"]
    assert main([*argv, "--out", str(tmp_path / "single")]) == 0
    address = client.scheduler.address  # type: ignore[attr-defined]
    assert main([*argv, "--out", str(tmp_path / "dask"), "--scheduler", address]) == 0
    single = (tmp_path / "single" / "documents.parquet").read_bytes()
    assert (tmp_path / "dask" / "documents.parquet").read_bytes() == single


def test_topics_on_a_scheduler_write_the_same_bytes_as_one_process(
    client: object, reviews: pd.DataFrame, tmp_path: Path
) -> None:
    # the 2-worker cluster is what --workers 2 starts; both passes run on it
    reviews.to_parquet(tmp_path / "reviews.parquet", index=False)
    argv = ["topics", str(tmp_path / "reviews.parquet"), "--text-column", "review", "--quiet"]
    argv += ["--chunk-size", "40", "--k", "3", "--sample", "100"]
    assert main([*argv, "--out", str(tmp_path / "single")]) == 0
    address = client.scheduler.address  # type: ignore[attr-defined]
    assert main([*argv, "--out", str(tmp_path / "dask"), "--scheduler", address]) == 0
    for name in ("doc_topics.parquet", "topics.npz", "top_words.csv"):
        single = (tmp_path / "single" / name).read_bytes()
        assert (tmp_path / "dask" / name).read_bytes() == single, name
    assert len(pd.read_parquet(tmp_path / "dask" / "doc_topics.parquet")) == len(reviews)


def test_dask_dataframe_partitions_equal_the_whole_frame(
    client: object, reviews: pd.DataFrame
) -> None:
    import dask.dataframe as dd

    frame = dd.from_pandas(reviews, npartitions=3)
    result = profile_dataframe(frame, text_column="review").compute()
    expected = profile_partition(reviews, text_column="review")
    assert result.columns.tolist() == profile_meta().columns.tolist()
    pd.testing.assert_frame_equal(
        result.drop(columns="row").reset_index(drop=True),
        expected.drop(columns="row").reset_index(drop=True),
    )
    assert result["row"].max() < len(reviews)  # rows count within each partition


def test_workers_started_by_the_command_keep_glibcs_malloc_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a cluster started with distributed's defaults (the fixture) sets it here too
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with cli._Cluster(1, None) as cluster:
        found = cluster.client.run(lambda: __import__("os").environ.get("MALLOC_TRIM_THRESHOLD_"))
    assert list(found.values()) == [None]


def test_map_chunks_returns_results_in_order(client: object) -> None:
    chunks = [list(range(n)) for n in (5, 1, 4, 2, 3, 6, 0)]
    assert list(map_chunks(sum, chunks, client, in_flight=2)) == [sum(c) for c in chunks]


def test_unreachable_scheduler_exits_3(
    tmp_path: Path,
    reviews: pd.DataFrame,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "SCHEDULER_TIMEOUT", "1s")
    reviews.to_csv(tmp_path / "r.csv", index=False)
    argv = ["profile", str(tmp_path / "r.csv"), "--out", str(tmp_path / "o"), "--quiet"]
    assert main([*argv, "--scheduler", "tcp://127.0.0.1:9"]) == 3
    assert "--scheduler tcp://127.0.0.1:9: cannot connect" in capsys.readouterr().err
