"""Specifications of retailkit.glossary: English glosses for table terms."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from retailkit.errors import DictionaryError
from retailkit.glossary import add_gloss, load_glossary
from retailkit.segment import default_tokenizer
from retailkit.themes import load_themes

GLOSSARY = load_glossary()
PACKAGED = pd.read_csv(Path(__file__).parents[1] / "retailkit/data/lexicon/glossary.csv", dtype=str)


@pytest.mark.parametrize(
    ("term", "gloss"),
    [
        ("消费者", "consumer(s)"),
        ("电商", "e-commerce"),
        ("温度", '"warmth" (human touch in marketing)'),  # from the theme lexicon
        ("达摩盘", "DMP (Alimama data-management platform)"),
        ("淘点点", "Taodiandian (Alibaba food O2O app, 2013)"),
    ],
)
def test_glossary_combines_theme_glosses_and_the_word_list(term: str, gloss: str) -> None:
    assert GLOSSARY.set_index("term").loc[term, "gloss"] == gloss


def test_every_term_has_one_gloss_and_rows_are_sorted() -> None:
    assert not GLOSSARY["term"].duplicated().any()
    assert GLOSSARY["term"].tolist() == sorted(GLOSSARY["term"])
    assert (GLOSSARY["gloss"] != "").all()


def test_packaged_word_list_does_not_repeat_theme_terms() -> None:
    assert set(PACKAGED["term"]) & set(load_themes()["term"]) == set()


@pytest.mark.parametrize("term", PACKAGED["term"].tolist())
def test_packaged_terms_are_one_token(term: str) -> None:
    assert default_tokenizer().cut(term) == [term]


def test_add_gloss_inserts_after_the_term_and_leaves_unknown_blank() -> None:
    table = pd.DataFrame({"term": ["营销", "不认识的词", None], "count": [3, 2, 1]})
    out = add_gloss(table)
    assert out.columns.tolist() == ["term", "gloss", "count"]
    assert out["gloss"].tolist() == ["marketing", "", ""]
    assert table.columns.tolist() == ["term", "count"]  # input untouched


def test_add_gloss_names_a_missing_column() -> None:
    with pytest.raises(KeyError, match="df has no column 'word'"):
        add_gloss(pd.DataFrame({"term": ["营销"]}), column="word")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("term,gloss\n营销,marketing\n", "missing column\\(s\\) source"),
        ("term,gloss,source\n营销,marketing,G1\n营销,sales,G1\n", "listed twice: 营销"),
        ("term,gloss,source\n营销,,G1\n", "row 2 has an empty term or gloss"),
    ],
)
def test_malformed_glossary_files_are_named(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as info:
        load_glossary(path)
    assert "mine.csv" in str(info.value)
