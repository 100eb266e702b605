"""Dictionaries: the three file formats, their errors (with line numbers), and apply()."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from retailkit import dictionary
from retailkit.errors import DictionaryError
from retailkit.themes import load_themes, theme_profile

CNTEXT_YAML = """\
Name: 测试词典
Desc: a test dictionary
Refer: retailkit tests
Category: [Positive, Negative]
Dictionary:
    Positive: [利好, 突破]
    Negative: [泡沫, 困境]
"""

VALENCE_YAML = """\
Name: valence
Dictionary:
    tone:
        利好: 2
        泡沫: -1.5
"""

LIWC = """\
%
1\tposemo
2\tnegemo
%
利好\t1
泡沫\t2
突破\t1
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_reads_cntext_yaml(tmp_path: Path) -> None:
    loaded = dictionary.load(write(tmp_path, "d.yaml", CNTEXT_YAML))
    assert loaded.name == "测试词典"
    assert loaded.categories == ["Negative", "Positive"]
    assert loaded.terms("Negative") == ["困境", "泡沫"]
    assert not loaded.has_weights
    assert "retailkit tests" in loaded.source


def test_yaml_terms_stay_text_as_written(tmp_path: Path) -> None:
    loaded = dictionary.load(write(tmp_path, "n.yaml", "Dictionary:\n  sale: [618, 双11, 1.0]\n"))
    assert loaded.terms("sale") == ["1.0", "618", "双11"]


def test_load_reads_cntext_valence_yaml(tmp_path: Path) -> None:
    loaded = dictionary.load(write(tmp_path, "v.yml", VALENCE_YAML))
    assert loaded.has_weights
    assert loaded.entries.set_index("term")["weight"].to_dict() == {"利好": 2.0, "泡沫": -1.5}


def test_load_reads_liwc_dic(tmp_path: Path) -> None:
    loaded = dictionary.load(write(tmp_path, "liwc.dic", LIWC))
    assert loaded.terms("posemo") == ["利好", "突破"]
    assert loaded.terms("negemo") == ["泡沫"]


def test_load_reads_csv_with_and_without_weights(tmp_path: Path) -> None:
    plain = dictionary.load(write(tmp_path, "a.csv", "term,category\n利好,pos\n泡沫,neg\n"))
    weighted = dictionary.load(write(tmp_path, "b.csv", "term,category,weight\n利好,pos,0.5\n"))
    assert plain.categories == ["neg", "pos"] and not plain.has_weights
    assert weighted.entries["weight"].tolist() == [0.5]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("dup.csv", "term,category\n利好,pos\n泡沫,neg\n利好,neg\n",
         r"dup\.csv: line 4: term '利好' is in category 'neg' and already in 'pos' \(line 2\)"),
        ("bad.csv", "term,category\n利好,pos\n泡沫\n", r"bad\.csv: line 3: expected 2 fields"),
        ("empty.csv", "term,category\n利好,pos\n泡沫,\n", r"empty\.csv: line 3: empty category"),
        ("weight.csv", "term,category,weight\n利好,pos,high\n",
         r"weight\.csv: line 2: weight 'high' is not a number"),
        ("header.csv", "word,cat\n利好,pos\n", r"header\.csv: line 1: header must be"),
        ("dup.dic", "%\n1\tpos\n2\tneg\n%\n利好\t1\n利好\t2\n",
         r"dup\.dic: line 6: term '利好' is in category 'neg' and already in 'pos' \(line 5\)"),
        ("two.dic", "%\n1\tpos\n2\tneg\n%\n利好\t1 2\n泡沫\t2\n",
         r"two\.dic: line 5: term '利好' has two categories"),
        ("emptycat.dic", "%\n1\tpos\n2\tneg\n%\n利好\t1\n",
         r"emptycat\.dic: line 3: category 'neg' has no terms"),
        ("badline.dic", "%\n1\tpos\n%\n利好\t1\n泡沫\n",
         r"badline\.dic: line 5: term '泡沫' has no category"),
        ("unknown.dic", "%\n1\tpos\n%\n利好\t7\n",
         r"unknown\.dic: line 4: '7' is not a category number"),
        ("header.dic", "1\tpos\n利好\t1\n", r"header\.dic: line 1: a LIWC \.dic file starts"),
        ("emptycat.yaml", "Name: x\nDictionary:\n  pos: [利好]\n  neg: []\n",
         r"emptycat\.yaml: line 4: category 'neg' has no terms"),
        ("dup.yaml", "Name: x\nDictionary:\n  pos: [利好]\n  neg:\n    - 泡沫\n    - 利好\n",
         r"dup\.yaml: line 6: term '利好' is in category 'neg' and already in 'pos' \(line 3\)"),
        ("broken.yaml", "Name: x\nDictionary:\n  pos: [利好\n  neg: [x]\n",
         r"broken\.yaml: line \d+: not valid YAML"),
        ("declared.yaml", "Category: [pos, neg]\nDictionary:\n  pos: [利好]\n",
         r"declared\.yaml: line 1: category 'neg' has no terms"),
        ("null.yaml", "Dictionary:\n  pos: [利好]\n  neg:\n",
         r"null\.yaml: line 3: category 'neg' has no terms"),
        ("nested.yaml", "Dictionary:\n  pos:\n    - [利好, 突破]\n",
         r"nested\.yaml: line 3: category 'pos': a term must be a word"),
        ("weight.yaml", "Dictionary:\n  tone:\n    利好: 2\n    泡沫: bad\n",
         r"weight\.yaml: line 4: weight 'bad' is not a number"),
        ("layout.yaml", "- 利好\n- 泡沫\n", r"layout\.yaml: line 1: expected cntext's YAML layout"),
    ],
)  # fmt: skip
def test_malformed_dictionaries_name_file_and_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(DictionaryError, match=message):
        dictionary.load(write(tmp_path, name, text))


def test_load_rejects_gbk_with_line_number(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes(b"term,category\n" + "利好,pos\n".encode("gbk"))
    with pytest.raises(DictionaryError, match=r"gbk\.csv: line 2: not UTF-8"):
        dictionary.load(path)


def test_load_rejects_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match=r"x\.txt: unsupported dictionary type"):
        dictionary.load(write(tmp_path, "x.txt", "利好\n"))


TONE = dictionary.from_frame(
    pd.DataFrame(
        {"term": ["利好", "泡沫", "困境"], "category": ["pos", "neg", "neg"],
         "weight": [1.0, -1.0, -2.0]}
    )
)  # fmt: skip


def test_apply_counts_rates_negation_and_valence_per_document() -> None:
    # 市场 并非 泡沫 ， 也 没有 陷入 严重 的 困境 ， 而是 利好 。 -> 11 words; 并非 negates
    # 泡沫 (-1 -> 1); 没有 stands four tokens before 困境, outside the window (-2 stays)
    table = dictionary.apply(["市场并非泡沫，也没有陷入严重的困境，而是利好。"], TONE)
    neg = table.set_index("category").loc["neg"]
    assert (neg["count"], neg["negated"], neg["tokens"]) == (2, 1, 11)
    assert neg["per_1000"] == pytest.approx(2000 / 11)
    assert neg["valence"] == pytest.approx((1.0 - 2.0) / 2)
    assert neg["terms"] == "困境 1, 泡沫 1"


def test_apply_negation_stops_at_the_clause_and_after_three_tokens() -> None:
    texts = ["不是这样，泡沫。", "不会很快变成泡沫。", "他不会再次很快变成泡沫。"]
    neg = dictionary.apply(texts, TONE)
    neg = neg[neg["category"] == "neg"].set_index("doc_id")
    assert neg.loc[0, "negated"] == 0  # 不是 in another clause
    assert neg.loc[1, "negated"] == 1  # 不会 很快 变成 泡沫: three tokens before
    assert neg.loc[1, "valence"] == 1.0
    assert neg.loc[2, "negated"] == 0  # 不会 再次 很快 变成 泡沫: four tokens before
    assert neg.loc[2, "valence"] == -1.0


def test_apply_without_negation_keeps_the_weights() -> None:
    table = dictionary.apply(["并非泡沫。"], TONE, negation=False)
    assert table.set_index("category").loc["neg", "valence"] == -1.0


def test_apply_by_sentence_gives_a_row_per_sentence_and_category() -> None:
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["利好不断。泡沫破裂！"]})
    table = dictionary.apply(docs, TONE, by="sentence")
    assert table[["sentence_index", "category", "count"]].values.tolist() == [
        [0, "neg", 0], [0, "pos", 1], [1, "neg", 1], [1, "pos", 0]
    ]  # fmt: skip
    assert math.isnan(table.loc[0, "valence"])


def test_apply_finds_a_term_the_tokenizer_splits() -> None:
    split_term = dictionary.from_frame(pd.DataFrame({"term": ["市场泡沫"], "category": ["neg"]}))
    assert dictionary.apply(["市场泡沫很大。"], split_term)["count"].tolist() == [1]
    assert dictionary.apply(["市场泡沫很大。"], split_term, max_span=1)["count"].tolist() == [0]


def test_theme_dictionary_counts_agree_with_theme_profile() -> None:
    from retailkit.corpus import load_seeds

    seeds = load_seeds()
    themes = dictionary.from_themes()
    assert len(themes) == len(load_themes())
    counted = dictionary.apply(seeds, themes, max_span=1).set_index(["doc_id", "category"])
    profile = theme_profile(seeds).set_index(["doc_id", "theme"])
    for key, count in profile["count"].items():
        assert counted.loc[key, "count"] == count, key


def test_core_only_theme_dictionary_keeps_core_terms() -> None:
    core = dictionary.from_themes(core_only=True)
    table = load_themes()
    assert sorted(core.entries["term"]) == sorted(table.loc[table["core"], "term"])


def test_negators_are_the_stance_scorers() -> None:
    from retailkit.stance import load_modifiers

    modifiers = load_modifiers()
    expected = set(modifiers.loc[modifiers["kind"] == "negator", "word"])
    assert dictionary.load_negators() == expected


@pytest.mark.parametrize("name", ["hownet_sentiment", "financial_sentiment", "business_commentary"])
def test_packaged_dictionaries_load_with_two_categories(name: str) -> None:
    loaded = dictionary.packaged(name)
    assert loaded.categories == ["negative", "positive"]
    assert loaded.has_weights and len(loaded) > 100


def test_packaged_rejects_an_unknown_name() -> None:
    with pytest.raises(DictionaryError, match="no packaged dictionary 'liwc'"):
        dictionary.packaged("liwc")
