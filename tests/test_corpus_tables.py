"""load_corpus on tables: Parquet input, and the column-by-column path for one CSV.

(Kept apart from test_corpus.py, which another change extends at the same time.)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import retailkit as rk
from retailkit import corpus
from retailkit.errors import CorpusError

ROOT = Path(__file__).resolve().parent.parent
REVIEWS = ROOT / "data" / "reviews" / "online_shopping_10_cats_test_sample.csv"


def _record_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make load_corpus build every table row by row, as it did before the fast path."""
    monkeypatch.setattr(corpus, "_single_table", lambda files, catalogs: False)


@pytest.fixture(scope="module")
def reviews() -> pd.DataFrame:
    return pd.read_csv(REVIEWS, dtype=str, keep_default_na=False).iloc[::10].head(500)


CASES = {
    "reviews": lambda t: t,
    "doc_id column, some empty": lambda t: t.assign(
        doc_id=[f"d{i:03d}" if i % 3 else "" for i in range(len(t))]
    ),
    "generated names and catalog names": lambda t: t.assign(
        text="x", file="f", title="题", original_script=["traditional", ""] * (len(t) // 2)
    ),
    "traditional and mojibake": lambda t: t.assign(
        review=["後來天貓做了互動吧\u3000", "蹇€熼€掑緢蹇", " ", "好"] * (len(t) // 4)
    ),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_one_csv_column_by_column_equals_record_by_record(
    reviews: pd.DataFrame,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    n_jobs: int,
) -> None:
    path = tmp_path / "reviews.csv"
    CASES[case](reviews.copy()).to_csv(path, index=False)
    fast = rk.load_corpus(path, text_column="review", n_jobs=n_jobs)
    _record_path(monkeypatch)
    expected = rk.load_corpus(path, text_column="review")
    pd.testing.assert_frame_equal(fast, expected)
    assert fast.dtypes.astype(str).tolist() == expected.dtypes.astype(str).tolist()


def test_fast_path_is_taken_for_one_csv_only(tmp_path: Path) -> None:
    csv = tmp_path / "a.csv"
    assert corpus._single_table([csv], [])
    assert not corpus._single_table([csv], [tmp_path / "catalog.csv"])
    assert not corpus._single_table([csv, tmp_path / "b.csv"], [])
    assert not corpus._single_table([tmp_path / "a.jsonl"], [])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title\n好评\n", r"no text column 'review'"),
        ("review\n", r"no rows"),
        ("doc_id,review\na,好\na,坏\n", r"doc_id 'a' already used"),
        ("  \n", r"empty file"),
    ],
)
def test_fast_path_errors_name_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"x\.csv: .*{message}"):
        rk.load_corpus(path, text_column="review")


def test_parquet_file_loads_like_the_same_csv(reviews: pd.DataFrame, tmp_path: Path) -> None:
    reviews.to_csv(tmp_path / "r.csv", index=False)
    reviews.to_parquet(tmp_path / "r.parquet", index=False)
    from_csv = rk.load_corpus(tmp_path / "r.csv", text_column="review")
    from_parquet = rk.load_corpus(tmp_path / "r.parquet", text_column="review")
    assert from_parquet["encoding"].unique().tolist() == ["parquet"]
    assert from_parquet["file"].unique().tolist() == ["r.parquet"]
    pd.testing.assert_frame_equal(
        from_parquet.drop(columns=["file", "encoding"]),
        from_csv.drop(columns=["file", "encoding"]),
    )


def test_parquet_row_without_text_is_named(tmp_path: Path) -> None:
    pd.DataFrame({"text": ["好评", None]}).to_parquet(tmp_path / "p.parquet")
    with pytest.raises(CorpusError, match=r"p\.parquet: row 2: 'text' is not text"):
        rk.load_corpus(tmp_path / "p.parquet")


def test_unreadable_parquet_is_named(tmp_path: Path) -> None:
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(CorpusError, match=r"bad\.parquet: not a readable Parquet file"):
        rk.load_corpus(tmp_path / "bad.parquet")
